// Kernel functions for the kernel trick: linear, polynomial and RBF (Gaussian) kernels and Gram matrices.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';

function pair(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new RangeError(`expected vectors of equal length, got ${a.length} and ${b.length}`);
}

/** k(a, b) = a . b */
export function linearKernel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  pair(a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** k(a, b) = (gamma a . b + coef0)^degree: the inner product of all monomials up to that degree, never built. */
export function polynomialKernel(a: ArrayLike<number>, b: ArrayLike<number>, degree = 3, gamma = 1, coef0 = 1): number {
  if (!Number.isInteger(degree) || degree < 1) throw new RangeError(`expected a positive integer degree, got degree = ${degree}`);
  return (gamma * linearKernel(a, b) + coef0) ** degree;
}

/**
 * The RBF (Gaussian) kernel k(a, b) = exp(-gamma ||a - b||^2), gamma = 1 / (2 sigma^2): 1 for identical points, decaying
 * with distance. It is the inner product of infinite-dimensional feature maps, which an SVM uses without computing them.
 */
export function rbfKernel(a: ArrayLike<number>, b: ArrayLike<number>, gamma = 1): number {
  pair(a, b);
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw new RangeError(`expected gamma > 0, got gamma = ${gamma}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const e = a[i] - b[i];
    s += e * e;
  }
  return Math.exp(-gamma * s);
}

/**
 * The Gram matrix K_ij = k(a_i, b_j) of a kernel over the rows of A and B (B defaults to A).
 * @param a - n x d
 * @param b - m x d
 * @returns n x m
 */
export function kernelMatrix(kernel: (u: Float64Array, v: Float64Array) => number, a: MatrixLike, b?: MatrixLike): Matrix {
  const A = asMatrix(a, 'a');
  const B = b === undefined ? A : asMatrix(b, 'b');
  if (A.cols !== B.cols) throw new RangeError(`expected a and b with the same number of columns, got ${A.cols} and ${B.cols}`);
  const d = A.cols;
  const out = matrix(A.rows, B.rows);
  for (let i = 0; i < A.rows; i++) {
    const u = A.data.subarray(i * d, (i + 1) * d);
    for (let j = 0; j < B.rows; j++) out.data[i * B.rows + j] = kernel(u, B.data.subarray(j * d, (j + 1) * d));
  }
  return out;
}
