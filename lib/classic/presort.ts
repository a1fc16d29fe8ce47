// Presorted feature orders for growing trees: sort each column once, then keep every node's samples sorted by stable partitions.
import type { Matrix } from '../core/matrix';

/**
 * For each feature f, the row indices sorted by x[., f] ascending (ties by row index): `order[f * n + p]` is the row
 * at rank p. Computed once per data set and shared by every tree of a forest or every stage of a boosting run.
 * @param x - n x d row-major
 * @returns Int32Array of length d * n
 */
export function presortColumns(x: Matrix): Int32Array {
  const n = x.rows, d = x.cols, X = x.data;
  const order = new Int32Array(d * n);
  const keys = new Float64Array(n);
  const idx = new Int32Array(n);
  for (let f = 0; f < d; f++) {
    for (let i = 0; i < n; i++) { keys[i] = X[i * d + f]; idx[i] = i; }
    idx.sort((a, b) => keys[a] - keys[b] || a - b);
    order.set(idx, f * n);
  }
  return order;
}

/**
 * The presorted orders restricted to the rows with a positive weight (a bootstrap sample, a subsample): each
 * feature's block keeps its sorted order.
 * @param order - d * n, from {@link presortColumns}
 * @param weights - length n; rows with weight 0 are dropped
 * @returns d * m where m is the number of rows with weight > 0
 */
export function restrictOrder(order: Int32Array, n: number, d: number, weights: ArrayLike<number>): { order: Int32Array; m: number } {
  let m = 0;
  for (let i = 0; i < n; i++) if (weights[i] > 0) m++;
  if (m === n) return { order: order.slice(), m };
  const out = new Int32Array(d * m);
  for (let f = 0; f < d; f++) {
    let q = f * m;
    const base = f * n;
    for (let p = 0; p < n; p++) {
      const i = order[base + p];
      if (weights[i] > 0) out[q++] = i;
    }
  }
  return { order: out, m };
}

/**
 * Splits the node whose samples sit at positions [start, end) of every feature block into the rows marked in
 * `goesLeft` (moved to the front, order kept) and the rest (after them, order kept), for all d features. O(d * size).
 * @param order - d * m; modified in place
 * @param buffer - scratch of length >= end - start
 */
export function partitionNode(order: Int32Array, m: number, d: number, start: number, end: number, goesLeft: Uint8Array, buffer: Int32Array): void {
  for (let f = 0; f < d; f++) {
    const base = f * m;
    let l = base + start;
    let r = 0;
    for (let p = base + start; p < base + end; p++) {
      const i = order[p];
      if (goesLeft[i]) order[l++] = i;
      else buffer[r++] = i;
    }
    for (let t = 0; t < r; t++) order[l + t] = buffer[t];
  }
}

/**
 * The split point between two consecutive distinct sorted values a < b: their midpoint, or a itself when the
 * midpoint rounds up to b (adjacent floating-point numbers). Samples with x <= threshold go left.
 */
export function midpoint(a: number, b: number): number {
  const t = (a + b) / 2;
  return t >= b || t < a ? a : t;
}
