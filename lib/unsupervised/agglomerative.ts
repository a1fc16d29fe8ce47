// Agglomerative (hierarchical) clustering: single, complete, average and Ward linkage by Lance-Williams updates; scipy-style linkage matrix and a cut into k clusters.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';

export type Linkage = 'single' | 'complete' | 'average' | 'ward';

export interface AgglomerativeOptions {
  /** How the distance between two clusters is defined (see `agglomerative`). */
  linkage: Linkage;
}

export const agglomerativeDefaults: Readonly<AgglomerativeOptions> = { linkage: 'ward' };

export interface AgglomerativeResult {
  /**
   * (n - 1) x 4, scipy.cluster.hierarchy.linkage's format: row t merges clusters Z[t,0] < Z[t,1] at height Z[t,2]
   * into a cluster of Z[t,3] points, which gets id n + t (ids 0..n-1 are the points).
   */
  linkage: Matrix;
  /** Length n - 1: the merge heights Z[:, 2], non-decreasing for these four linkages. */
  heights: Float64Array;
}

/**
 * Bottom-up clustering: start with every point as its own cluster and repeatedly merge the two closest clusters,
 * n - 1 times, recording each merge. After merging i and j, the distance to every other cluster k follows from the old
 * distances (the Lance-Williams update, no pass over the points):
 *   single   d(k, i+j) = min(d_ki, d_kj)                          (nearest pair; chains, finds non-convex shapes)
 *   complete d(k, i+j) = max(d_ki, d_kj)                          (farthest pair; compact clusters)
 *   average  d(k, i+j) = (n_i d_ki + n_j d_kj) / (n_i + n_j)      (UPGMA: mean pairwise distance)
 *   ward     d(k, i+j) = sqrt(((n_i + n_k) d_ki^2 + (n_j + n_k) d_kj^2 - n_k d_ij^2) / (n_i + n_j + n_k))
 * Ward's height is sqrt(2 x the increase in the within-cluster sum of squares) caused by the merge: merging A and B
 * costs Delta = n_A n_B / (n_A + n_B) ||mu_A - mu_B||^2. Distances are Euclidean. O(n^2) memory, O(n^3) time (scipy
 * uses the nearest-neighbour chain, O(n^2), for the same result); ties go to the lowest (i, j) pair.
 * @param x - n x d row-major, n >= 2
 */
export function agglomerative(x: MatrixLike, options: Partial<AgglomerativeOptions> = {}): AgglomerativeResult {
  const o = { ...agglomerativeDefaults, ...options };
  if (typeof o.linkage !== 'string') throw new TypeError(`expected linkage to be a string, got ${typeof o.linkage}`);
  if (!['single', 'complete', 'average', 'ward'].includes(o.linkage)) throw new RangeError(`expected linkage 'single', 'complete', 'average' or 'ward', got '${o.linkage}'`);
  const X = asMatrix(x, 'x');
  const n = X.rows, d = X.cols, data = X.data;
  if (n < 2) throw new RangeError(`expected at least 2 samples, got ${n}`);
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) { const e = data[i * d + t] - data[j * d + t]; s += e * e; }
    D[i * n + j] = D[j * n + i] = Math.sqrt(s);
  }
  const active = new Uint8Array(n).fill(1);
  const size = new Float64Array(n).fill(1);
  const id = Int32Array.from({ length: n }, (_, i) => i);
  const Z = new Float64Array((n - 1) * 4);
  for (let t = 0; t < n - 1; t++) {
    let bi = -1, bj = -1, best = Infinity;
    for (let i = 0; i < n; i++) {
      if (!active[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (active[j] && D[i * n + j] < best) { best = D[i * n + j]; bi = i; bj = j; }
      }
    }
    const ni = size[bi], nj = size[bj], dij = best;
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === bi || k === bj) continue;
      const dki = D[k * n + bi], dkj = D[k * n + bj], nk = size[k];
      let v: number;
      if (o.linkage === 'single') v = Math.min(dki, dkj);
      else if (o.linkage === 'complete') v = Math.max(dki, dkj);
      else if (o.linkage === 'average') v = (ni * dki + nj * dkj) / (ni + nj);
      else v = Math.sqrt(Math.max(0, ((ni + nk) * dki * dki + (nj + nk) * dkj * dkj - nk * dij * dij) / (ni + nj + nk)));
      D[k * n + bi] = D[bi * n + k] = v;
    }
    Z[t * 4] = Math.min(id[bi], id[bj]);
    Z[t * 4 + 1] = Math.max(id[bi], id[bj]);
    Z[t * 4 + 2] = dij;
    Z[t * 4 + 3] = ni + nj;
    active[bj] = 0;
    size[bi] = ni + nj;
    id[bi] = n + t;
  }
  const heights = new Float64Array(n - 1);
  for (let t = 0; t < n - 1; t++) heights[t] = Z[t * 4 + 2];
  return { linkage: matrix(n - 1, 4, Z), heights };
}

function checkLinkage(linkage: Matrix): number {
  if (linkage.cols !== 4) throw new RangeError(`expected a linkage matrix with 4 columns, got ${linkage.cols}`);
  return linkage.rows + 1;
}

/**
 * Cuts the tree into k flat clusters by undoing its last k - 1 merges (scipy's fcluster(Z, k, 'maxclust') when the
 * heights have no ties). Clusters are numbered 0..k-1 in order of their lowest point index.
 * @param linkage - (n - 1) x 4 from `agglomerative`
 * @returns length n cluster ids
 */
export function cutTree(linkage: Matrix, k: number): Int32Array {
  const n = checkLinkage(linkage);
  if (typeof k !== 'number') throw new TypeError(`expected k to be a number, got ${typeof k}`);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`expected 1 <= k <= ${n} samples, got k = ${k}`);
  const parent = Int32Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const find = (v: number): number => { while (parent[v] !== v) { parent[v] = parent[parent[v]]; v = parent[v]; } return v; };
  for (let t = 0; t < n - k; t++) {
    const a = linkage.data[t * 4], b = linkage.data[t * 4 + 1];
    parent[find(a)] = n + t;
    parent[find(b)] = n + t;
  }
  const out = new Int32Array(n);
  const names = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!names.has(r)) names.set(r, names.size);
    out[i] = names.get(r) as number;
  }
  return out;
}

/**
 * The line segments of a dendrogram: leaves at x = 0, 1, ..., n - 1 in the tree's left-to-right order, each merge a
 * "U" from its two children up to its height. For plotting (lib/plot lineChart with one series per segment or NaN gaps).
 * @param linkage - (n - 1) x 4 from `agglomerative`
 * @returns leafOrder (the point index at each x position) and segments as x / y polylines with NaN separators
 */
export function dendrogramSegments(linkage: Matrix): { leafOrder: Int32Array; x: number[]; y: number[] } {
  const n = checkLinkage(linkage);
  const Z = linkage.data;
  const leafOrder: number[] = [];
  const stack = [2 * n - 2];
  while (stack.length > 0) {
    const v = stack.pop() as number;
    if (v < n) { leafOrder.push(v); continue; }
    const t = v - n;
    stack.push(Z[t * 4 + 1], Z[t * 4]); // left child first out
  }
  const xPos = new Float64Array(2 * n - 1), yPos = new Float64Array(2 * n - 1);
  leafOrder.forEach((leaf, i) => { xPos[leaf] = i; });
  const x: number[] = [], y: number[] = [];
  for (let t = 0; t < n - 1; t++) {
    const a = Z[t * 4], b = Z[t * 4 + 1], h = Z[t * 4 + 2];
    xPos[n + t] = (xPos[a] + xPos[b]) / 2;
    yPos[n + t] = h;
    x.push(xPos[a], xPos[a], xPos[b], xPos[b], NaN);
    y.push(yPos[a], h, h, yPos[b], NaN);
  }
  return { leafOrder: Int32Array.from(leafOrder), x, y };
}
