// Rotary position embedding (RoPE, Su et al. 2021): rotate each pair of query/key dimensions by an angle proportional to the position.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';

/** theta_i = base^(-2i/d) for i = 0..d/2-1: the angle per position of dimension pair i. */
export function ropeFrequencies(dim: number, base = 10000): Float64Array {
  if (!Number.isInteger(dim) || dim < 2 || dim % 2 !== 0) throw new RangeError(`expected an even dimension >= 2, got ${dim}`);
  if (!(base > 1) || !Number.isFinite(base)) throw new RangeError(`expected a base > 1, got ${base}`);
  return Float64Array.from({ length: dim / 2 }, (_, i) => Math.pow(base, (-2 * i) / dim));
}

export interface RopeOptions {
  /** Position of each row; default 0, 1, ..., n-1 (plus `offset`). */
  positions: ArrayLike<number> | undefined;
  /** Added to the default positions: the index of row 0 (the tokens already in a KV cache). Default 0. */
  offset: number;
  /** Default 10000, as in RoFormer and Llama. */
  base: number;
}

/**
 * Rotates row p of x (n x d, d even) pair by pair: (x_2i, x_2i+1) -> (x_2i cos(p theta_i) - x_2i+1 sin(p theta_i),
 * x_2i sin(p theta_i) + x_2i+1 cos(p theta_i)). Applied to queries and keys (not values) it makes
 * rope(q, m) . rope(k, n) a function of q, k and m - n only, because R(m)^T R(n) = R(n - m). This is the
 * interleaved-pair layout of the paper; Llama's Hugging Face code pairs dimension i with i + d/2 instead (the same
 * rotation on permuted dimensions).
 */
export function applyRope(x: MatrixLike, options: Partial<RopeOptions> = {}): Matrix {
  const X = asMatrix(x, 'x');
  const base = options.base ?? 10000, offset = options.offset ?? 0;
  const theta = ropeFrequencies(X.cols, base);
  if (options.positions !== undefined && options.positions.length !== X.rows) throw new RangeError(`expected ${X.rows} positions (one per row), got ${options.positions.length}`);
  if (!Number.isFinite(offset)) throw new RangeError(`expected a finite offset, got ${offset}`);
  const out = matrix(X.rows, X.cols);
  const d = X.cols;
  for (let r = 0; r < X.rows; r++) {
    const p = options.positions === undefined ? offset + r : options.positions[r];
    if (typeof p !== 'number' || !Number.isFinite(p)) throw new RangeError(`expected finite positions, got ${String(p)} for row ${r}`);
    for (let i = 0; i < d / 2; i++) {
      const a = p * theta[i], c = Math.cos(a), s = Math.sin(a);
      const x0 = X.data[r * d + 2 * i], x1 = X.data[r * d + 2 * i + 1];
      out.data[r * d + 2 * i] = x0 * c - x1 * s;
      out.data[r * d + 2 * i + 1] = x0 * s + x1 * c;
    }
  }
  return out;
}
