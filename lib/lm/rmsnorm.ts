// RMSNorm (Zhang and Sennrich 2019): divide each row by its root mean square and scale by a learned gain; no mean subtraction, no bias.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';

/**
 * y = x / sqrt(mean(x^2) + eps) * g, row by row. Cheaper than LayerNorm (no mean, no bias) and, in practice, as good:
 * the re-centring turned out not to matter, the re-scaling does. Llama uses eps = 1e-6 (1e-5 in Llama 2).
 * @param x - n x d
 * @param gain - length d (default all ones)
 */
export function rmsNorm(x: MatrixLike, gain?: ArrayLike<number>, eps = 1e-6): Matrix {
  const X = asMatrix(x, 'x');
  const d = X.cols;
  if (gain !== undefined && gain.length !== d) throw new RangeError(`expected a gain of length ${d}, got ${gain.length}`);
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`expected eps >= 0, got ${eps}`);
  const out = matrix(X.rows, d);
  for (let r = 0; r < X.rows; r++) {
    let ss = 0;
    for (let c = 0; c < d; c++) ss += X.data[r * d + c] ** 2;
    const inv = 1 / Math.sqrt(ss / d + eps);
    for (let c = 0; c < d; c++) out.data[r * d + c] = X.data[r * d + c] * inv * (gain === undefined ? 1 : gain[c]);
  }
  return out;
}
