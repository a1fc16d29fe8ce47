// k-means clustering: Lloyd's algorithm with seeded k-means++ (or random / given) initialisation, minimising the inertia.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom, type Rng } from '../core/random';

export interface KMeansOptions {
  /** Lloyd iterations at most (one iteration = assign every point, then move every centroid to its cluster's mean). */
  maxIterations: number;
  /** Converged when no centroid moved more than this squared Euclidean distance in an iteration (as in ml-kmeans). */
  tolerance: number;
  /** 'kmeans++' (D^2 sampling), 'random' (k distinct data points), or the k x d starting centroids. */
  initialization: 'kmeans++' | 'random' | MatrixLike;
  /** Runs from nInit different seeded initialisations and keeps the lowest inertia (ignored for given centroids). */
  nInit: number;
  /** Seed for the initialisation; default: forked from the global seed (lib/core/random). */
  seed: number | undefined;
}

export const kmeansDefaults: Readonly<KMeansOptions> = {
  maxIterations: 100,
  tolerance: 1e-6,
  initialization: 'kmeans++',
  nInit: 1,
  seed: undefined,
};

export interface KMeansResult {
  /** k x d cluster centres. */
  centroids: Matrix;
  /** Length n: the index of each point's nearest centroid (in the final centroids). */
  assignments: Int32Array;
  /** Length k: points per cluster. */
  clusterSizes: Int32Array;
  /** The k-means objective: sum over points of the squared distance to its nearest centroid. */
  inertia: number;
  /** Lloyd iterations run. */
  iterations: number;
  /** Whether the tolerance was met before maxIterations. */
  converged: boolean;
}

function checkK(X: Matrix, k: number): void {
  if (typeof k !== 'number') throw new TypeError(`expected k to be a number, got ${typeof k}`);
  if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`expected k to be a positive integer, got k = ${k}`);
  if (k > X.rows) throw new RangeError(`expected k <= ${X.rows} samples, got k = ${k}`);
}

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007): the first centre is a uniformly random point; each next one is a
 * point drawn with probability proportional to D(x)^2, its squared distance to the nearest centre chosen so far.
 * @param x - n x d row-major
 * @returns k x d initial centroids (copies of data points)
 */
export function kmeansPlusPlus(x: MatrixLike, k: number, options: { seed?: number } = {}): Matrix {
  const X = asMatrix(x, 'x');
  checkK(X, k);
  return plusPlus(X, k, rngFrom(options.seed));
}

function plusPlus(X: Matrix, k: number, rng: Rng): Matrix {
  const n = X.rows, d = X.cols, data = X.data;
  const C = matrix(k, d);
  const chosen = new Uint8Array(n);
  const first = rng.int(n);
  C.data.set(data.subarray(first * d, first * d + d), 0);
  chosen[first] = 1;
  const d2 = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    // update D(x)^2 with the centre added last
    const prev = (c - 1) * d;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const base = i * d;
      for (let j = 0; j < d; j++) {
        const e = data[base + j] - C.data[prev + j];
        s += e * e;
      }
      if (s < d2[i]) d2[i] = s;
      total += d2[i];
    }
    let pick: number;
    if (total > 0) pick = rng.weightedIndex(d2);
    else {
      // every point coincides with a centre already (fewer distinct points than k): take an unused index
      let r = rng.int(n - c);
      pick = 0;
      for (let i = 0; i < n; i++) if (!chosen[i] && r-- === 0) { pick = i; break; }
    }
    chosen[pick] = 1;
    C.data.set(data.subarray(pick * d, pick * d + d), c * d);
  }
  return C;
}

function randomInit(X: Matrix, k: number, rng: Rng): Matrix {
  const d = X.cols;
  const idx = rng.permutation(X.rows);
  const C = matrix(k, d);
  for (let c = 0; c < k; c++) C.data.set(X.data.subarray(idx[c] * d, idx[c] * d + d), c * d);
  return C;
}

/**
 * Assigns every point to its nearest centroid (squared Euclidean distance; ties go to the lower index).
 * Writes into `assignments` and returns the inertia. No allocation per point.
 */
function assign(X: Matrix, C: Float64Array, k: number, assignments: Int32Array): number {
  const n = X.rows, d = X.cols, data = X.data;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    let best = 0;
    let bestDist = Infinity;
    for (let c = 0; c < k; c++) {
      const cb = c * d;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const e = data[base + j] - C[cb + j];
        s += e * e;
        if (s >= bestDist) break; // cannot win any more
      }
      if (s < bestDist) { bestDist = s; best = c; }
    }
    assignments[i] = best;
    inertia += bestDist;
  }
  return inertia;
}

function lloyd(X: Matrix, init: Matrix, k: number, maxIterations: number, tolerance: number): KMeansResult {
  const n = X.rows, d = X.cols, data = X.data;
  let C = init.data.slice();
  let next = new Float64Array(k * d);
  const counts = new Int32Array(k);
  const assignments = new Int32Array(n);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    assign(X, C, k, assignments);
    next.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignments[i];
      counts[c]++;
      const base = i * d, cb = c * d;
      for (let j = 0; j < d; j++) next[cb + j] += data[base + j];
    }
    let maxShift = 0;
    for (let c = 0; c < k; c++) {
      const cb = c * d;
      let shift = 0;
      for (let j = 0; j < d; j++) {
        // an empty cluster keeps its previous centroid (as ml-kmeans does)
        next[cb + j] = counts[c] > 0 ? next[cb + j] / counts[c] : C[cb + j];
        const e = next[cb + j] - C[cb + j];
        shift += e * e;
      }
      if (shift > maxShift) maxShift = shift;
    }
    const tmp = C; C = next; next = tmp;
    if (maxShift <= tolerance) { converged = true; break; }
  }
  const inertia = assign(X, C, k, assignments);
  const clusterSizes = new Int32Array(k);
  for (let i = 0; i < n; i++) clusterSizes[assignments[i]]++;
  return { centroids: { rows: k, cols: d, data: C }, assignments, clusterSizes, inertia, iterations, converged };
}

/**
 * k-means clustering by Lloyd's algorithm: alternate (1) assign each point to its nearest centroid and (2) move each
 * centroid to the mean of its points, until no centroid moves more than `tolerance` (squared distance). Each step can
 * only lower the inertia sum_i ||x_i - mu_{c(i)}||^2, so it converges, to a local minimum that depends on the start.
 * @param x - n x d row-major
 * @param k - number of clusters, 1 <= k <= n
 */
export function kmeans(x: MatrixLike, k: number, options: Partial<KMeansOptions> = {}): KMeansResult {
  const o = { ...kmeansDefaults, ...options };
  const X = asMatrix(x, 'x');
  checkK(X, k);
  if (!Number.isInteger(o.maxIterations) || o.maxIterations < 1) throw new RangeError(`expected maxIterations >= 1, got maxIterations = ${o.maxIterations}`);
  if (!(o.tolerance >= 0)) throw new RangeError(`expected tolerance >= 0, got tolerance = ${o.tolerance}`);
  if (!Number.isInteger(o.nInit) || o.nInit < 1) throw new RangeError(`expected nInit >= 1, got nInit = ${o.nInit}`);
  const init = o.initialization;
  if (init !== 'kmeans++' && init !== 'random') {
    const C = asMatrix(init, 'initialization');
    if (C.rows !== k || C.cols !== X.cols) throw new RangeError(`expected initialization of shape k x d = ${k} x ${X.cols}, got ${C.rows} x ${C.cols}`);
    return lloyd(X, C, k, o.maxIterations, o.tolerance);
  }
  if (typeof init !== 'string') throw new TypeError('expected initialization to be "kmeans++", "random" or a k x d matrix');
  const rng = rngFrom(o.seed);
  let best: KMeansResult | null = null;
  for (let run = 0; run < o.nInit; run++) {
    const start = init === 'kmeans++' ? plusPlus(X, k, rng) : randomInit(X, k, rng);
    const result = lloyd(X, start, k, o.maxIterations, o.tolerance);
    if (best === null || result.inertia < best.inertia) best = result;
  }
  return best as KMeansResult;
}

/**
 * The nearest centroid for each row of x (to label new points with a fitted model).
 * @param x - m x d
 * @param centroids - k x d
 * @returns assignments (length m) and the inertia of x under these centroids
 */
export function nearestCentroid(x: MatrixLike, centroids: MatrixLike): { assignments: Int32Array; inertia: number } {
  const X = asMatrix(x, 'x');
  const C = asMatrix(centroids, 'centroids');
  if (C.rows === 0) throw new RangeError('expected at least 1 centroid, got 0');
  if (C.cols !== X.cols) throw new RangeError(`expected centroids with ${X.cols} columns (as x), got ${C.cols}`);
  const assignments = new Int32Array(X.rows);
  const inertia = assign(X, C.data, C.rows, assignments);
  return { assignments, inertia };
}
