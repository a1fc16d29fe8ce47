// Silhouette coefficient: s(i) = (b - a) / max(a, b) from mean intra-cluster distance a and mean nearest-other-cluster distance b.
import { asMatrix, type MatrixLike } from '../core/matrix';

function checkLabels(labels: unknown, n: number): Int32Array {
  if (!Array.isArray(labels) && !(ArrayBuffer.isView(labels) && !(labels instanceof DataView))) throw new TypeError('expected labels to be an array of cluster ids');
  const arr = labels as ArrayLike<unknown>;
  if (arr.length !== n) throw new RangeError(`expected ${n} labels (one per sample), got ${arr.length}`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    if (typeof v !== 'number') throw new TypeError(`expected numeric cluster ids, got ${typeof v} at index ${i}`);
    if (!Number.isInteger(v)) throw new RangeError(`expected integer cluster ids, got ${v} at index ${i}`);
    out[i] = v;
  }
  return out;
}

/**
 * Silhouette of every point (Rousseeuw 1987), Euclidean distance, as scikit-learn's silhouette_samples:
 *   a(i) = mean distance from i to the other points of its cluster,
 *   b(i) = min over other clusters C of the mean distance from i to the points of C,
 *   s(i) = (b - a) / max(a, b), in [-1, 1]; s(i) = 0 when i is alone in its cluster.
 * Every label value (including -1) is treated as a cluster. O(n^2 d).
 * @param x - n x d
 * @param labels - length n cluster ids; 2 <= number of distinct ids <= n - 1
 */
export function silhouetteSamples(x: MatrixLike, labels: ArrayLike<number>): Float64Array {
  const X = asMatrix(x, 'x');
  const n = X.rows, d = X.cols, data = X.data;
  const lab = checkLabels(labels, n);
  const ids = Array.from(new Set(lab)).sort((p, q) => p - q);
  const K = ids.length;
  if (K < 2 || K > n - 1) throw new RangeError(`expected 2 <= number of clusters <= n - 1 = ${n - 1}, got ${K}`);
  const index = new Map(ids.map((v, c) => [v, c]));
  const c = Int32Array.from(lab, (v) => index.get(v) as number);
  const sizes = new Float64Array(K);
  for (let i = 0; i < n; i++) sizes[c[i]]++;
  const s = new Float64Array(n);
  const sums = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let t = 0;
      for (let k = 0; k < d; k++) { const e = data[i * d + k] - data[j * d + k]; t += e * e; }
      sums[c[j]] += Math.sqrt(t);
    }
    if (sizes[c[i]] === 1) { s[i] = 0; continue; }
    const a = sums[c[i]] / (sizes[c[i]] - 1);
    let b = Infinity;
    for (let k = 0; k < K; k++) if (k !== c[i]) b = Math.min(b, sums[k] / sizes[k]);
    const m = Math.max(a, b);
    s[i] = m === 0 ? 0 : (b - a) / m;
  }
  return s;
}

/** The mean silhouette over all points (scikit-learn's silhouette_score). @param x - n x d */
export function silhouetteScore(x: MatrixLike, labels: ArrayLike<number>): number {
  const s = silhouetteSamples(x, labels);
  let t = 0;
  for (let i = 0; i < s.length; i++) t += s[i];
  return t / s.length;
}
