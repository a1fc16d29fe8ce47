// SMOTE (Chawla et al. 2002): synthetic minority rows interpolated between a minority row and one of its k nearest minority neighbours.
import { asMatrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom } from '../core/random';

export interface SmoteOptions {
  /** Nearest minority neighbours to interpolate towards (Euclidean). Default 5. */
  k: number;
  /** How many synthetic rows to make; default: enough for the minority to match the majority. */
  nSynthetic?: number;
  /** The label of the minority class among the 0/1 labels. Default 1. */
  minorityLabel: 0 | 1;
  /** Seed; default: forked from the global seed. */
  seed?: number;
}

export const smoteDefaults: Readonly<SmoteOptions> = { k: 5, minorityLabel: 1 };

export interface SmoteResult {
  /** nSynthetic x d synthetic minority rows (not including the originals). */
  x: Matrix;
  /** For each synthetic row: the row index (into x) of the minority row it starts from. */
  base: Int32Array;
  /** For each synthetic row: the row index of the neighbour it moves towards. */
  neighbour: Int32Array;
  /** For each synthetic row: the step u in [0, 1): row = x[base] + u (x[neighbour] - x[base]). */
  gap: Float64Array;
}

/**
 * The k nearest neighbours (squared Euclidean distance; ties: lower row index first) of each listed row among the
 * other listed rows.
 * @param x - n x d row-major features
 * @param rows - the m row indices to search among (the minority rows)
 * @returns m x k row indices, row-major: entry a * k + j is the (j + 1)-th nearest neighbour of rows[a]
 */
export function minorityNeighbours(x: Matrix, rows: ArrayLike<number>, k: number): Int32Array {
  const m = rows.length, d = x.cols;
  if (!Number.isInteger(k) || k < 1 || k > m - 1) throw new RangeError(`minorityNeighbours: expected 1 <= k <= ${m - 1} (rows - 1), got k = ${k}`);
  const neighbours = new Int32Array(m * k);
  const dist = new Float64Array(m);
  const order = new Int32Array(m);
  for (let a = 0; a < m; a++) {
    const ra = rows[a] * d;
    for (let b = 0; b < m; b++) {
      const rb = rows[b] * d;
      let s = 0;
      for (let j = 0; j < d; j++) { const t = x.data[ra + j] - x.data[rb + j]; s += t * t; }
      dist[b] = s;
      order[b] = b;
    }
    dist[a] = Infinity; // never its own neighbour
    order.sort((p, q) => dist[p] - dist[q] || rows[p] - rows[q]);
    for (let j = 0; j < k; j++) neighbours[a * k + j] = rows[order[j]];
  }
  return neighbours;
}

/**
 * For each synthetic row: a minority row chosen uniformly, one of its k nearest minority neighbours chosen uniformly
 * (distance ties broken by row index), and u uniform in [0, 1); the new row is x_base + u (x_neighbour - x_base), a point
 * on the segment between two minority rows. Neighbours are found by brute force (O(m^2 d) for m minority rows).
 * @param x - n x d row-major features
 * @param y - length n labels in {0, 1}
 */
export function smote(x: MatrixLike, y: ArrayLike<number>, options: Partial<SmoteOptions> = {}): SmoteResult {
  const fn = 'smote';
  const o = { ...smoteDefaults, ...options };
  const X = asMatrix(x, 'x');
  if (!Array.isArray(y) && !(ArrayBuffer.isView(y) && !(y instanceof DataView))) throw new TypeError(`${fn}: expected y to be an array of 0/1 labels, got ${typeof y}`);
  if (y.length !== X.rows) throw new RangeError(`${fn}: expected ${X.rows} labels (one per row of x), got ${y.length}`);
  if (o.minorityLabel !== 0 && o.minorityLabel !== 1) throw new RangeError(`${fn}: expected minorityLabel 0 or 1, got ${String(o.minorityLabel)}`);
  if (!Number.isInteger(o.k) || o.k < 1) throw new RangeError(`${fn}: expected k to be a positive integer, got k = ${o.k}`);
  const minority: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`${fn}: expected labels 0 or 1, got ${y[i]} at index ${i}`);
    if (y[i] === o.minorityLabel) minority.push(i);
  }
  const m = minority.length, d = X.cols;
  if (o.k > m - 1) throw new RangeError(`${fn}: expected k <= ${m - 1} (minority rows - 1), got k = ${o.k}`);
  const nSynthetic = o.nSynthetic ?? Math.max(0, X.rows - 2 * m);
  if (!Number.isInteger(nSynthetic) || nSynthetic < 0) throw new RangeError(`${fn}: expected nSynthetic to be a non-negative integer, got nSynthetic = ${nSynthetic}`);
  const neighbours = minorityNeighbours(X, minority, o.k);
  const rng = rngFrom(o.seed);
  const out = new Float64Array(nSynthetic * d);
  const base = new Int32Array(nSynthetic), neighbour = new Int32Array(nSynthetic), gap = new Float64Array(nSynthetic);
  for (let s = 0; s < nSynthetic; s++) {
    const a = rng.int(m);
    const i = minority[a], nb = neighbours[a * o.k + rng.int(o.k)], u = rng.random();
    base[s] = i; neighbour[s] = nb; gap[s] = u;
    for (let j = 0; j < d; j++) out[s * d + j] = X.data[i * d + j] + u * (X.data[nb * d + j] - X.data[i * d + j]);
  }
  return { x: { rows: nSynthetic, cols: d, data: out }, base, neighbour, gap };
}
