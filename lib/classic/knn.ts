// k-nearest-neighbour classification by brute force: exact neighbours (Euclidean or Manhattan), majority or distance-weighted vote.
import { asFittedInput, asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { asClassLabels } from '../linear/softmax-regression';
import { accuracyOf } from './decision-tree';

export interface KNNOptions {
  /** Number of neighbours that vote. */
  k: number;
  /** 'uniform': one vote each; 'distance': votes weighted by 1 / distance (exact matches outvote everything). */
  weights: 'uniform' | 'distance';
  /** 'euclidean' (L2) or 'manhattan' (L1). */
  metric: 'euclidean' | 'manhattan';
}

export const knnDefaults: Readonly<KNNOptions> = { k: 5, weights: 'uniform', metric: 'euclidean' };

/** The k nearest training rows of each query row, nearest first. */
export interface Neighbours {
  /** m x k training-row indices (row-major), ascending distance; equal distances keep the lower training index first. */
  indices: Int32Array;
  /** m x k distances matching `indices`. */
  distances: Float64Array;
  k: number;
}

/**
 * k-nearest neighbours: no training beyond storing the data; a query is labelled by a vote of the k training rows
 * closest to it. Exact brute-force search, O(n d) per query, which beats tree indexes once d is more than a handful
 * (and in high dimension all distances look alike: the curse of dimensionality). Scale the features first: the
 * distance weighs every unit equally.
 */
export class KNNClassifier {
  readonly options: Readonly<KNNOptions>;
  private train: Matrix = matrix(0, 0);
  private labels: Int32Array = new Int32Array(0);
  nClasses = 0;

  constructor(options: Partial<KNNOptions> = {}) {
    const o = { ...knnDefaults, ...options };
    if (typeof o.k !== 'number') throw new TypeError(`expected k to be a number, got ${typeof o.k}`);
    if (!Number.isInteger(o.k) || o.k < 1) throw new RangeError(`expected k to be a positive integer, got k = ${o.k}`);
    if (o.weights !== 'uniform' && o.weights !== 'distance') throw new RangeError(`expected weights 'uniform' or 'distance', got ${String(o.weights)}`);
    if (o.metric !== 'euclidean' && o.metric !== 'manhattan') throw new RangeError(`expected metric 'euclidean' or 'manhattan', got ${String(o.metric)}`);
    this.options = o;
  }

  /**
   * Stores the training data (copied).
   * @param x - n x d row-major features, n >= k
   * @param labels - length n class indices in 0..K-1
   */
  fit(x: MatrixLike, labels: ArrayLike<number>): this {
    const X = asMatrix(x, 'x');
    if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
    if (this.options.k > X.rows) throw new RangeError(`expected k <= ${X.rows} samples, got k = ${this.options.k}`);
    const { labels: y, nClasses } = asClassLabels(labels, X.rows);
    this.train = { rows: X.rows, cols: X.cols, data: X.data.slice() };
    this.labels = y;
    this.nClasses = nClasses;
    return this;
  }

  private checked(x: MatrixLike): Matrix {
    if (this.train.rows === 0) throw new Error('KNNClassifier: call fit(x, labels) before predicting');
    const X = asFittedInput(x, this.train.cols);
    return X;
  }

  /**
   * The k nearest training rows of each row of x.
   * @param x - m x d
   * @param k - defaults to the k of the options; at most the number of training rows
   */
  kneighbors(x: MatrixLike, k: number = this.options.k): Neighbours {
    const X = this.checked(x);
    const n = this.train.rows;
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`expected k to be a positive integer, got k = ${k}`);
    if (k > n) throw new RangeError(`expected k <= ${n} samples, got k = ${k}`);
    const m = X.rows, d = X.cols, T = this.train.data, Q = X.data;
    const indices = new Int32Array(m * k);
    const distances = new Float64Array(m * k);
    const bestD = new Float64Array(k);
    const bestI = new Int32Array(k);
    const l1 = this.options.metric === 'manhattan';
    for (let q = 0; q < m; q++) {
      const qb = q * d;
      let filled = 0;
      let worst = Infinity; // k-th smallest so far (once filled)
      for (let i = 0; i < n; i++) {
        const tb = i * d;
        let s = 0;
        if (l1) {
          for (let j = 0; j < d; j++) {
            s += Math.abs(Q[qb + j] - T[tb + j]);
            if (s >= worst) break;
          }
        } else {
          for (let j = 0; j < d; j++) {
            const e = Q[qb + j] - T[tb + j];
            s += e * e;
            if (s >= worst) break;
          }
        }
        if (filled === k && s >= worst) continue;
        // insertion into the sorted buffer; strict < keeps earlier (lower-index) rows ahead on ties
        let pos = filled < k ? filled : k - 1;
        while (pos > 0 && s < bestD[pos - 1]) {
          bestD[pos] = bestD[pos - 1];
          bestI[pos] = bestI[pos - 1];
          pos--;
        }
        bestD[pos] = s;
        bestI[pos] = i;
        if (filled < k) filled++;
        if (filled === k) worst = bestD[k - 1];
      }
      for (let t = 0; t < k; t++) {
        indices[q * k + t] = bestI[t];
        distances[q * k + t] = l1 ? bestD[t] : Math.sqrt(bestD[t]);
      }
    }
    return { indices, distances, k };
  }

  private vote(x: MatrixLike): { P: Matrix; nb: Neighbours } {
    const nb = this.kneighbors(x);
    const { indices, distances, k } = nb;
    const m = indices.length / k, K = this.nClasses;
    const P = matrix(m, K);
    const Pd = P.data;
    const byDistance = this.options.weights === 'distance';
    for (let q = 0; q < m; q++) {
      const base = q * k;
      const exact = byDistance && distances[base] === 0; // exact matches take all the weight
      let total = 0;
      for (let t = 0; t < k; t++) {
        const dist = distances[base + t];
        const w = !byDistance ? 1 : exact ? (dist === 0 ? 1 : 0) : 1 / dist;
        Pd[q * K + this.labels[indices[base + t]]] += w;
        total += w;
      }
      for (let c = 0; c < K; c++) Pd[q * K + c] /= total;
    }
    return { P, nb };
  }

  /** Vote shares per class (weighted by 1/distance with weights 'distance'). @param x - m x d @returns m x K */
  predictProba(x: MatrixLike): Matrix {
    return this.vote(x).P;
  }

  /**
   * The class with the most votes; a tie goes to the tied class whose nearest member is closest to the query.
   * @param x - m x d
   */
  predict(x: MatrixLike): Int32Array {
    const { P, nb: { indices, k } } = this.vote(x);
    const K = P.cols, m = P.rows;
    const out = new Int32Array(m);
    for (let q = 0; q < m; q++) {
      let max = -Infinity;
      for (let c = 0; c < K; c++) if (P.data[q * K + c] > max) max = P.data[q * K + c];
      // walk the neighbours nearest first: the first one of a top-voted class decides
      let pick = -1;
      for (let t = 0; t < k && pick < 0; t++) {
        const c = this.labels[indices[q * k + t]];
        if (P.data[q * K + c] >= max * (1 - 1e-12)) pick = c;
      }
      out[q] = pick;
    }
    return out;
  }

  /** Accuracy on (x, labels). */
  score(x: MatrixLike, labels: ArrayLike<number>): number {
    const pred = this.predict(x);
    return accuracyOf(pred, asClassLabels(labels, pred.length).labels);
  }
}
