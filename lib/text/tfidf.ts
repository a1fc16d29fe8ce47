// TF-IDF weighting of bag-of-words counts (smoothed idf, sublinear tf, L2 rows) and cosine similarity between documents.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { CountVectorizer, countVectorizerDefaults, type CountVectorizerOptions } from './bag-of-words';

export interface TfidfOptions extends CountVectorizerOptions {
  /** idf = ln((1 + n) / (1 + df)) + 1 (as if one extra document held every word once); false: ln(n / df) + 1. */
  smoothIdf: boolean;
  /** tf = 1 + ln(count) instead of the raw count (dampens repeated words). */
  sublinearTf: boolean;
  /** Row normalisation: 'l2' (unit length, so dot products are cosine similarities), 'l1', or 'none'. */
  norm: 'l2' | 'l1' | 'none';
}

export const tfidfDefaults: Readonly<TfidfOptions> = { ...countVectorizerDefaults, smoothIdf: true, sublinearTf: false, norm: 'l2' };

/**
 * Inverse document frequencies from document frequencies: idf_t = ln((1 + n) / (1 + df_t)) + 1 when smoothed, else
 * ln(n / df_t) + 1. Rare words get large weights; a word in every document gets the minimum, 1.
 * @param df - length V document frequencies (1 <= df_t <= n unless smoothed)
 * @param n - number of documents
 */
export function inverseDocumentFrequency(df: ArrayLike<number>, n: number, smooth = true): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`expected n >= 1 documents, got n = ${n}`);
  const out = new Float64Array(df.length);
  for (let t = 0; t < df.length; t++) {
    const f = df[t];
    if (!(f >= 0) || f > n) throw new RangeError(`expected 0 <= df <= n = ${n}, got df = ${f} at index ${t}`);
    if (!smooth && f === 0) throw new RangeError(`expected df >= 1 without smoothing, got 0 at index ${t}`);
    out[t] = smooth ? Math.log((1 + n) / (1 + f)) + 1 : Math.log(n / f) + 1;
  }
  return out;
}

/**
 * TF-IDF: a document's weight for word t is tf(t, d) x idf(t), the count of t in d (or 1 + ln count) times how rare
 * t is across the corpus, and each row is then scaled to unit length. Frequent-everywhere words ("the") are
 * down-weighted; words that single out a few documents are up-weighted. The definitions match scikit-learn's
 * TfidfVectorizer defaults.
 */
export class TfidfVectorizer {
  readonly options: Readonly<TfidfOptions>;
  readonly counter: CountVectorizer;
  /** Length V: the idf of each vocabulary word. */
  idf: Float64Array = new Float64Array(0);

  constructor(options: Partial<TfidfOptions> = {}) {
    const o = { ...tfidfDefaults, ...options };
    if (o.norm !== 'l2' && o.norm !== 'l1' && o.norm !== 'none') throw new RangeError(`expected norm 'l2', 'l1' or 'none', got ${String(o.norm)}`);
    this.options = o;
    const { lowercase, minLength, stopWords, minDf, maxFeatures, binary } = o;
    this.counter = new CountVectorizer({ lowercase, minLength, stopWords, minDf, maxFeatures, binary });
  }

  /** The vocabulary (column j is vocabulary[j]). */
  get vocabulary(): string[] {
    return this.counter.vocabulary;
  }

  /** Learns the vocabulary and the idf weights. */
  fit(docs: string[]): this {
    this.counter.fit(docs);
    this.idf = inverseDocumentFrequency(this.counter.documentFrequency, this.counter.nDocuments, this.options.smoothIdf);
    return this;
  }

  /** TF-IDF rows. @returns docs.length x V */
  transform(docs: string[]): Matrix {
    if (this.idf.length === 0) throw new Error('TfidfVectorizer: call fit(docs) before transform');
    return tfidfFromCounts(this.counter.transform(docs), this.idf, this.options);
  }

  fitTransform(docs: string[]): Matrix {
    return this.fit(docs).transform(docs);
  }
}

/**
 * Applies tf weighting, idf and row normalisation to a count matrix.
 * @param counts - n x V non-negative counts
 * @param idf - length V
 */
export function tfidfFromCounts(counts: MatrixLike, idf: ArrayLike<number>, options: { sublinearTf?: boolean; norm?: 'l2' | 'l1' | 'none' } = {}): Matrix {
  const C = asMatrix(counts, 'counts');
  const V = C.cols;
  if (idf.length !== V) throw new RangeError(`expected ${V} idf values (one per column), got ${idf.length}`);
  const norm = options.norm ?? 'l2';
  const out = matrix(C.rows, V);
  for (let i = 0; i < C.rows; i++) {
    let s = 0;
    for (let t = 0; t < V; t++) {
      const c = C.data[i * V + t];
      if (c < 0) throw new RangeError(`expected non-negative counts, got ${c} at row ${i}, column ${t}`);
      const tf = c > 0 && options.sublinearTf ? 1 + Math.log(c) : c;
      const v = tf * idf[t];
      out.data[i * V + t] = v;
      s += norm === 'l2' ? v * v : v;
    }
    if (norm === 'none' || s === 0) continue;
    const scale = norm === 'l2' ? 1 / Math.sqrt(s) : 1 / s;
    for (let t = 0; t < V; t++) out.data[i * V + t] *= scale;
  }
  return out;
}

/**
 * Cosine similarity a . b / (||a|| ||b||): 1 for vectors pointing the same way, 0 for orthogonal ones (no shared
 * words), whatever the document lengths. 0 when either vector is all zeros.
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`expected vectors of equal length, got ${a.length} and ${b.length}`);
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`expected finite values, got ${x} and ${y} at index ${i}`);
    ab += x * y; aa += x * x; bb += y * y;
  }
  if (aa === 0 || bb === 0) return 0;
  return ab / Math.sqrt(aa * bb);
}

/**
 * Cosine similarity of every row of A with every row of B (B defaults to A).
 * @param a - n x V
 * @param b - m x V
 * @returns n x m
 */
export function cosineSimilarityMatrix(a: MatrixLike, b?: MatrixLike): Matrix {
  const A = asMatrix(a, 'a');
  const B = b === undefined ? A : asMatrix(b, 'b');
  if (A.cols !== B.cols) throw new RangeError(`expected a and b with the same number of columns, got ${A.cols} and ${B.cols}`);
  const V = A.cols;
  const normsOf = (M: Matrix) => {
    const out = new Float64Array(M.rows);
    for (let i = 0; i < M.rows; i++) {
      let s = 0;
      for (let t = 0; t < V; t++) s += M.data[i * V + t] ** 2;
      out[i] = Math.sqrt(s);
    }
    return out;
  };
  const na = normsOf(A), nb = B === A ? na : normsOf(B);
  const out = matrix(A.rows, B.rows);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.rows; j++) {
      if (na[i] === 0 || nb[j] === 0) continue;
      let s = 0;
      for (let t = 0; t < V; t++) s += A.data[i * V + t] * B.data[j * V + t];
      out.data[i * B.rows + j] = s / (na[i] * nb[j]);
    }
  }
  return out;
}
