// Bag of words: tokenising text and counting words per document over a vocabulary learnt from a corpus.
import { matrix, type Matrix } from '../core/matrix';

export interface TokenizeOptions {
  /** Lower-case the text first. */
  lowercase: boolean;
  /** Shortest token kept (2 drops one-letter words such as "a", as scikit-learn's default pattern does). */
  minLength: number;
  /** Tokens to drop (compared after lower-casing). */
  stopWords: readonly string[] | undefined;
}

export const tokenizeDefaults: Readonly<TokenizeOptions> = { lowercase: true, minLength: 2, stopWords: undefined };

/** A small English stop-word list (function words that carry little topic information). */
export const ENGLISH_STOP_WORDS: readonly string[] = [
  'a', 'about', 'after', 'all', 'an', 'and', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'can', 'do', 'for', 'from',
  'had', 'has', 'have', 'he', 'her', 'his', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'just', 'me', 'more', 'my', 'no',
  'not', 'of', 'on', 'or', 'our', 'out', 'over', 'she', 'so', 'than', 'that', 'the', 'their', 'them', 'then', 'there',
  'these', 'they', 'this', 'to', 'up', 'us', 'very', 'was', 'we', 'were', 'what', 'when', 'which', 'who', 'will', 'with',
  'you', 'your',
];

/**
 * Splits text into word tokens: runs of letters, digits and underscores ([A-Za-z0-9_]), lower-cased, at least
 * `minLength` long, stop words removed.
 */
export function tokenize(text: string, options: Partial<TokenizeOptions> = {}): string[] {
  if (typeof text !== 'string') throw new TypeError(`expected a string, got ${text === null ? 'null' : typeof text}`);
  const o = { ...tokenizeDefaults, ...options };
  if (!Number.isInteger(o.minLength) || o.minLength < 1) throw new RangeError(`expected minLength >= 1, got minLength = ${o.minLength}`);
  const stop = o.stopWords ? new Set(o.stopWords.map((w) => w.toLowerCase())) : null;
  const source = o.lowercase ? text.toLowerCase() : text;
  const out: string[] = [];
  for (const m of source.matchAll(/\w+/g)) {
    const t = m[0];
    if (t.length < o.minLength) continue;
    if (stop && stop.has(t.toLowerCase())) continue;
    out.push(t);
  }
  return out;
}

export interface CountVectorizerOptions extends TokenizeOptions {
  /** Keep only words that occur in at least this many documents. */
  minDf: number;
  /** Keep only the this-many most frequent words (by total count; ties alphabetical); undefined = all. */
  maxFeatures: number | undefined;
  /** Record presence (1) instead of counts. */
  binary: boolean;
}

export const countVectorizerDefaults: Readonly<CountVectorizerOptions> = { ...tokenizeDefaults, minDf: 1, maxFeatures: undefined, binary: false };

export function checkDocuments(docs: unknown, fn: string): string[] {
  if (!Array.isArray(docs)) throw new TypeError(`${fn}: expected an array of documents (strings), got ${docs === null ? 'null' : typeof docs}`);
  docs.forEach((d, i) => {
    if (typeof d !== 'string') throw new TypeError(`${fn}: expected every document to be a string, got ${d === null ? 'null' : typeof d} at index ${i}`);
  });
  return docs as string[];
}

/**
 * Bag of words: learns a vocabulary (sorted alphabetically) from a corpus and turns documents into a
 * documents x vocabulary matrix of word counts. Word order is thrown away; unknown words are ignored.
 */
export class CountVectorizer {
  readonly options: Readonly<CountVectorizerOptions>;
  /** The words, column j of the matrix being vocabulary[j]. */
  vocabulary: string[] = [];
  /** Length V: in how many training documents each word occurs. */
  documentFrequency: Float64Array = new Float64Array(0);
  /** Number of training documents. */
  nDocuments = 0;
  private index = new Map<string, number>();

  constructor(options: Partial<CountVectorizerOptions> = {}) {
    const o = { ...countVectorizerDefaults, ...options };
    if (!Number.isInteger(o.minDf) || o.minDf < 1) throw new RangeError(`expected minDf to be a positive integer, got minDf = ${o.minDf}`);
    if (o.maxFeatures !== undefined && (!Number.isInteger(o.maxFeatures) || o.maxFeatures < 1)) throw new RangeError(`expected maxFeatures to be a positive integer, got maxFeatures = ${o.maxFeatures}`);
    this.options = o;
  }

  private tokens(doc: string): string[] {
    const { lowercase, minLength, stopWords } = this.options;
    return tokenize(doc, { lowercase, minLength, stopWords });
  }

  /** Learns the vocabulary. @param docs - the training documents */
  fit(docs: string[]): this {
    checkDocuments(docs, 'CountVectorizer.fit');
    if (docs.length === 0) throw new RangeError('expected at least 1 document, got 0');
    const df = new Map<string, number>();
    const total = new Map<string, number>();
    for (const doc of docs) {
      const seen = new Set<string>();
      for (const t of this.tokens(doc)) {
        total.set(t, (total.get(t) ?? 0) + 1);
        if (!seen.has(t)) { seen.add(t); df.set(t, (df.get(t) ?? 0) + 1); }
      }
    }
    let words = [...df.keys()].filter((w) => (df.get(w) as number) >= this.options.minDf);
    if (this.options.maxFeatures !== undefined && words.length > this.options.maxFeatures) {
      words.sort((a, b) => (total.get(b) as number) - (total.get(a) as number) || (a < b ? -1 : a > b ? 1 : 0));
      words = words.slice(0, this.options.maxFeatures);
    }
    words.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (words.length === 0) throw new RangeError('expected a non-empty vocabulary, got no words (all documents empty, or minDf too high)');
    this.vocabulary = words;
    this.index = new Map(words.map((w, j) => [w, j]));
    this.documentFrequency = Float64Array.from(words, (w) => df.get(w) as number);
    this.nDocuments = docs.length;
    return this;
  }

  /** Word counts per document. @returns docs.length x V */
  transform(docs: string[]): Matrix {
    checkDocuments(docs, 'CountVectorizer.transform');
    if (this.vocabulary.length === 0) throw new Error('CountVectorizer: call fit(docs) before transform');
    const V = this.vocabulary.length;
    const out = matrix(docs.length, V);
    docs.forEach((doc, i) => {
      for (const t of this.tokens(doc)) {
        const j = this.index.get(t);
        if (j === undefined) continue;
        if (this.options.binary) out.data[i * V + j] = 1;
        else out.data[i * V + j]++;
      }
    });
    return out;
  }

  /** fit then transform on the same documents. */
  fitTransform(docs: string[]): Matrix {
    return this.fit(docs).transform(docs);
  }
}
