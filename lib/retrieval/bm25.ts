// Okapi BM25 ranking over tokenised documents: idf times a saturating, length-normalised term frequency.
import { tokenize } from '../text/bag-of-words';

export interface BM25Options {
  /** Term-frequency saturation: tf contributes tf (k1 + 1) / (tf + k1 (...)), which tends to k1 + 1 as tf grows. */
  k1: number;
  /** Length normalisation: 0 ignores document length, 1 divides tf by length / average length fully. */
  b: number;
  /** Turns a text into tokens (documents and queries alike). */
  tokenizer: (text: string) => string[];
}

export const bm25Defaults: Readonly<BM25Options> = { k1: 1.2, b: 0.75, tokenizer: (t: string) => tokenize(t) };

/** BM25's idf (Lucene's, never negative): ln(1 + (N - df + 0.5) / (df + 0.5)). */
export function bm25Idf(df: number, n: number): number {
  if (!(df >= 0 && df <= n)) throw new RangeError(`expected 0 <= df <= N = ${n}, got df = ${df}`);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * score(q, d) = sum_{t in q} idf(t) * tf(t, d) (k1 + 1) / (tf(t, d) + k1 (1 - b + b |d| / avgdl)).
 * A query word repeated in the query counts once per occurrence (as in Lucene's BooleanQuery of the same term twice).
 */
export class BM25 {
  readonly options: Readonly<BM25Options>;
  /** Per document: term -> count. */
  private termCounts: Map<string, number>[] = [];
  /** Document lengths in tokens. */
  lengths: Int32Array = new Int32Array(0);
  avgLength = 0;
  /** term -> number of documents containing it. */
  documentFrequency = new Map<string, number>();

  constructor(options: Partial<BM25Options> = {}) {
    const o = { ...bm25Defaults, ...options };
    if (!(o.k1 >= 0)) throw new RangeError(`expected k1 >= 0, got k1 = ${o.k1}`);
    if (!(o.b >= 0 && o.b <= 1)) throw new RangeError(`expected 0 <= b <= 1, got b = ${o.b}`);
    if (typeof o.tokenizer !== 'function') throw new TypeError('expected tokenizer to be a function');
    this.options = o;
  }

  get size(): number {
    return this.termCounts.length;
  }

  fit(docs: readonly string[]): this {
    if (!Array.isArray(docs)) throw new TypeError('BM25.fit: expected an array of strings');
    if (docs.length === 0) throw new RangeError('BM25.fit: expected at least 1 document, got 0');
    this.termCounts = [];
    this.documentFrequency = new Map();
    this.lengths = new Int32Array(docs.length);
    let total = 0;
    docs.forEach((doc, i) => {
      if (typeof doc !== 'string') throw new TypeError(`BM25.fit: expected document ${i} to be a string, got ${typeof doc}`);
      const tokens = this.options.tokenizer(doc);
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const t of counts.keys()) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
      this.termCounts.push(counts);
      this.lengths[i] = tokens.length;
      total += tokens.length;
    });
    this.avgLength = total / docs.length;
    return this;
  }

  idf(term: string): number {
    return bm25Idf(this.documentFrequency.get(term) ?? 0, this.size);
  }

  /** Scores of every document for the query. */
  scores(query: string): Float64Array {
    if (this.size === 0) throw new Error('BM25: call fit(docs) before scoring');
    if (typeof query !== 'string') throw new TypeError(`expected the query to be a string, got ${typeof query}`);
    const { k1, b } = this.options;
    const out = new Float64Array(this.size);
    for (const t of this.options.tokenizer(query)) {
      if (!this.documentFrequency.has(t)) continue;
      const idf = this.idf(t);
      for (let i = 0; i < this.size; i++) {
        const tf = this.termCounts[i].get(t);
        if (!tf) continue;
        const norm = this.avgLength > 0 ? 1 - b + (b * this.lengths[i]) / this.avgLength : 1;
        out[i] += (idf * tf * (k1 + 1)) / (tf + k1 * norm);
      }
    }
    return out;
  }

  /** The top k document indices, best first (ties: lower index first). */
  search(query: string, k = 10): { ids: number[]; scores: number[] } {
    return topK(this.scores(query), k);
  }
}

/** Indices of the k largest scores, best first; ties go to the lower index so rankings are deterministic. */
export function topK(scores: ArrayLike<number>, k: number): { ids: number[]; scores: number[] } {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`expected an integer k >= 1, got k = ${k}`);
  const ids = Array.from({ length: scores.length }, (_, i) => i);
  ids.sort((a, b) => scores[b] - scores[a] || a - b);
  const top = ids.slice(0, Math.min(k, ids.length));
  return { ids: top, scores: top.map((i) => scores[i]) };
}
