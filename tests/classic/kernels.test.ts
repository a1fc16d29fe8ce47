// Tests for lib/classic/kernels: values by hand, the polynomial kernel as an explicit feature-map inner product
// (1e-12), Gram matrices symmetric and positive semi-definite (eigenvalues >= -1e-10), errors.
import { describe, expect, it } from 'vitest';
import { kernelMatrix, linearKernel, polynomialKernel, rbfKernel } from '../../lib/classic/kernels';
import { symmetricEigen } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

describe('kernels', () => {
  it('values by hand', () => {
    expect(linearKernel([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(rbfKernel([0, 0], [1, 1], 0.5)).toBeCloseTo(Math.exp(-1), 15);
    expect(rbfKernel([3, 4], [3, 4], 7)).toBe(1);
    expect(polynomialKernel([1, 2], [3, 4], 2, 1, 1)).toBe(144);
  });

  it('(a . b + 1)^2 is the inner product of the degree-2 feature map (1, sqrt2 x1, sqrt2 x2, x1^2, x2^2, sqrt2 x1 x2)', () => {
    const phi = (x: number[]) => [1, Math.SQRT2 * x[0], Math.SQRT2 * x[1], x[0] ** 2, x[1] ** 2, Math.SQRT2 * x[0] * x[1]];
    const rng = new Rng(1);
    for (let t = 0; t < 20; t++) {
      const a = [rng.normal(), rng.normal()], b = [rng.normal(), rng.normal()];
      expect(polynomialKernel(a, b, 2, 1, 1)).toBeCloseTo(linearKernel(phi(a), phi(b)), 12);
    }
  });

  it('RBF and polynomial Gram matrices are symmetric positive semi-definite', () => {
    const rng = new Rng(2);
    const x = Array.from({ length: 25 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    for (const k of [(u: Float64Array, v: Float64Array) => rbfKernel(u, v, 0.7), (u: Float64Array, v: Float64Array) => polynomialKernel(u, v, 3)]) {
      const K = kernelMatrix(k, x);
      for (let i = 0; i < 25; i++) for (let j = 0; j < 25; j++) expect(K.data[i * 25 + j]).toBe(K.data[j * 25 + i]);
      const { values } = symmetricEigen(K);
      expect(Math.min(...values)).toBeGreaterThan(-1e-10 * values[0]);
    }
    const cross = kernelMatrix(linearKernel, [[1, 0]], [[2, 3], [4, 5]]);
    expect([cross.rows, cross.cols, ...cross.data]).toEqual([1, 2, 2, 4]);
  });

  it('errors', () => {
    expect(() => linearKernel([1], [1, 2])).toThrow(RangeError);
    expect(() => rbfKernel([1], [1], 0)).toThrow(/gamma > 0/);
    expect(() => polynomialKernel([1], [1], 1.5)).toThrow(RangeError);
    expect(() => kernelMatrix(linearKernel, [[1, 2]], [[1]])).toThrow(RangeError);
  });
});
