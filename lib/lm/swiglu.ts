// SwiGLU feed-forward block (Shazeer 2020): (SiLU(x W1) * (x W3)) W2, the gated MLP of Llama and PaLM.
import { asMatrix, matmul, matrix, type Matrix, type MatrixLike } from '../core/matrix';

/** SiLU (swish) x * sigmoid(x). */
export function silu(x: number): number {
  return x / (1 + Math.exp(-x));
}

export interface SwiGluParams {
  /** d x f gate projection. */
  w1: MatrixLike;
  /** d x f up projection. */
  w3: MatrixLike;
  /** f x d down projection. */
  w2: MatrixLike;
}

/**
 * FFN_SwiGLU(x) = (SiLU(x W1) ⊙ x W3) W2 for x of n x d. Three matrices instead of two, so at equal parameter count the
 * hidden width is f = 2/3 * 4d (Llama rounds 8d/3 up to a multiple of 256: 11008 for d = 4096).
 */
export function swiglu(x: MatrixLike, params: SwiGluParams): Matrix {
  const X = asMatrix(x, 'x');
  const W1 = asMatrix(params.w1, 'w1'), W3 = asMatrix(params.w3, 'w3'), W2 = asMatrix(params.w2, 'w2');
  if (W1.rows !== X.cols || W3.rows !== X.cols) throw new RangeError(`expected w1 and w3 with ${X.cols} rows (d), got ${W1.rows} and ${W3.rows}`);
  if (W1.cols !== W3.cols || W2.rows !== W1.cols) throw new RangeError(`expected w1, w3 of width f and w2 with f rows, got ${W1.cols}, ${W3.cols}, ${W2.rows}`);
  const a = matmul(X, W1), b = matmul(X, W3);
  const h = matrix(a.rows, a.cols);
  for (let i = 0; i < h.data.length; i++) h.data[i] = silu(a.data[i]) * b.data[i];
  return matmul(h, W2);
}

/** Weights of a SwiGLU block, 3 d f, against 2 d (4d) = 8 d^2 for the classic d -> 4d -> d MLP (no biases). */
export function swigluParamCount(d: number, f: number): number {
  if (!Number.isInteger(d) || d < 1 || !Number.isInteger(f) || f < 1) throw new RangeError(`expected positive integer d and f, got d = ${d}, f = ${f}`);
  return 3 * d * f;
}
