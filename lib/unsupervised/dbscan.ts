// DBSCAN: density-based clustering; core points (>= minSamples neighbours within eps, itself included), border points, noise (-1).
import { asMatrix, type MatrixLike } from '../core/matrix';

export interface DbscanOptions {
  /** Neighbourhood radius: y is a neighbour of x when ||x - y|| <= eps (Euclidean). */
  eps: number;
  /** A point is a core point when its eps-neighbourhood, the point itself included, holds >= minSamples points. */
  minSamples: number;
}

export const dbscanDefaults: Readonly<DbscanOptions> = { eps: 0.5, minSamples: 5 };

export interface DbscanResult {
  /** Length n: cluster ids 0, 1, ... in order of discovery (the cluster of the lowest-index core point is 0); noise = -1. */
  labels: Int32Array;
  /** Length n: 1 for core points. */
  isCore: Uint8Array;
  /** Number of clusters found. */
  nClusters: number;
  /** Points labelled noise. */
  nNoise: number;
}

/**
 * DBSCAN (Ester et al. 1996), the same rule as scikit-learn: visit the points in index order; an unlabelled core
 * point starts a new cluster, which grows through every point within eps of a core point of the cluster. Border
 * points (non-core, within eps of a core point) join the first cluster that reaches them; the rest is noise.
 * O(n^2) distance computations (brute force; a k-d tree or ball tree makes the neighbour queries faster).
 * @param x - n x d row-major
 */
export function dbscan(x: MatrixLike, options: Partial<DbscanOptions> = {}): DbscanResult {
  const o = { ...dbscanDefaults, ...options };
  if (typeof o.eps !== 'number' || typeof o.minSamples !== 'number') throw new TypeError('expected eps and minSamples to be numbers');
  if (!(o.eps > 0) || !Number.isFinite(o.eps)) throw new RangeError(`expected eps > 0, got eps = ${o.eps}`);
  if (!Number.isInteger(o.minSamples) || o.minSamples < 1) throw new RangeError(`expected minSamples to be an integer >= 1, got minSamples = ${o.minSamples}`);
  const X = asMatrix(x, 'x');
  const n = X.rows, d = X.cols, data = X.data;
  if (n === 0) throw new RangeError('expected at least 1 sample, got 0');
  const eps2 = o.eps * o.eps;
  const neighbours: Int32Array[] = [];
  const tmp = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) { const e = data[i * d + t] - data[j * d + t]; s += e * e; }
      if (s <= eps2) tmp[m++] = j; // includes j = i
    }
    neighbours.push(tmp.slice(0, m));
  }
  const isCore = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (neighbours[i].length >= o.minSamples) isCore[i] = 1;
  const labels = new Int32Array(n).fill(-1);
  let cluster = 0;
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!isCore[i] || labels[i] !== -1) continue;
    labels[i] = cluster;
    stack.push(i);
    while (stack.length > 0) {
      const p = stack.pop() as number;
      for (const q of neighbours[p]) {
        if (labels[q] !== -1) continue;
        labels[q] = cluster;
        if (isCore[q]) stack.push(q); // only core points extend the cluster
      }
    }
    cluster++;
  }
  let nNoise = 0;
  for (let i = 0; i < n; i++) if (labels[i] === -1) nNoise++;
  return { labels, isCore, nClusters: cluster, nNoise };
}

/**
 * The distance from every point to its k-th nearest neighbour, the point itself counted as the first (so k = minSamples
 * matches DBSCAN's core rule: a point is core exactly when this distance is <= eps). Sorted descending, this is the
 * "k-distance plot" whose elbow suggests eps.
 * @param x - n x d
 * @returns length n, in the points' order (not sorted)
 */
export function kDistances(x: MatrixLike, k: number): Float64Array {
  const X = asMatrix(x, 'x');
  const n = X.rows, d = X.cols, data = X.data;
  if (typeof k !== 'number') throw new TypeError(`expected k to be a number, got ${typeof k}`);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`expected 1 <= k <= ${n} samples, got k = ${k}`);
  const out = new Float64Array(n);
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) { const e = data[i * d + t] - data[j * d + t]; s += e * e; }
      dist[j] = s;
    }
    dist.sort();
    out[i] = Math.sqrt(dist[k - 1]);
  }
  return out;
}
