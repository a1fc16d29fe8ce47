// Tests for lib/nn/gradient-check: central differences are exact (to round-off, 1e-9) on quadratics and have the
// hand-computed O(h^2) error h^2 on x^3; parameters are restored bit for bit; a correct gradient passes and a wrong one
// fails with the right worst index; sampled indices are seeded; relativeError by hand; error paths.
import { describe, expect, it } from 'vitest';
import { gradientCheck, numericalGradient, relativeError } from '../../lib/nn/gradient-check';

// f(x) = 1/2 x^T A x + b^T x with a fixed symmetric A: gradient A x + b
const A = [[3, 1, 0], [1, 2, -1], [0, -1, 4]], b = [0.5, -1, 2];
const f = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < 3; i++) {
    s += b[i] * x[i];
    for (let j = 0; j < 3; j++) s += 0.5 * x[i] * A[i][j] * x[j];
  }
  return s;
};
const grad = (x: Float64Array) => Float64Array.from(A.map((row, i) => row.reduce((s, a, j) => s + a * x[j], b[i])));

describe('numericalGradient', () => {
  it('is exact up to round-off on a quadratic, and restores params bit for bit', () => {
    const x = Float64Array.from([0.3, -1.7, 2.2]);
    const copy = x.slice();
    const g = numericalGradient(f, x, { h: 1e-4 });
    grad(x).forEach((v, i) => expect(Math.abs(g[i] - v)).toBeLessThan(1e-9));
    expect(x).toEqual(copy);
  });

  it('on x^3 the central difference is 3x^2 + h^2 exactly (the O(h^2) truncation error)', () => {
    const h = 1e-2;
    const g = numericalGradient((p) => p[0] ** 3, Float64Array.from([2]), { h });
    expect(g[0]).toBeCloseTo(12 + h * h, 10);
  });
});

describe('gradientCheck', () => {
  it('passes for the right gradient (relative error < 1e-8)', () => {
    const x = Float64Array.from([1, 2, -0.5]);
    const r = gradientCheck(f, grad(x), x);
    expect(r.passed).toBe(true);
    expect(r.relativeError).toBeLessThan(1e-8);
    expect(Array.from(r.indices)).toEqual([0, 1, 2]);
  });

  it('fails for a wrong gradient and points at the wrong entry', () => {
    const x = Float64Array.from([1, 2, -0.5]);
    const bad = grad(x);
    bad[1] *= 2;
    const r = gradientCheck(f, bad, x);
    expect(r.passed).toBe(false);
    expect(r.worstIndex).toBe(1);
    expect(r.maxElementRelativeError).toBeCloseTo(0.5, 6);
  });

  it('indices and seeded samples restrict the check', () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => i / 10);
    const g2 = (p: Float64Array) => p.reduce((s, v) => s + v * v, 0);
    const analytic = x.map((v) => 2 * v);
    const a = gradientCheck(g2, analytic, x, { samples: 5, seed: 3 });
    const b = gradientCheck(g2, analytic, x, { samples: 5, seed: 3 });
    expect(a.indices.length).toBe(5);
    expect(a.indices).toEqual(b.indices);
    expect(new Set(a.indices).size).toBe(5);
    expect(gradientCheck(g2, analytic, x, { indices: [4, 7] }).numeric.length).toBe(2);
    expect(a.passed).toBe(true);
  });

  it('relativeError by hand', () => {
    expect(relativeError([1, 0], [0, 1])).toBeCloseTo(Math.SQRT2 / 2, 15);
    expect(relativeError([2, 2], [2, 2])).toBe(0);
    expect(relativeError([0, 0], [0, 0])).toBe(0);
  });

  it('error paths', () => {
    const x = Float64Array.from([1, 2, 3]);
    expect(() => gradientCheck('f' as never, [1, 2, 3], x)).toThrow(TypeError);
    expect(() => gradientCheck(f, [1, 2, 3], [1, 2, 3] as never)).toThrow(TypeError);
    expect(() => gradientCheck(f, [1, 2], x)).toThrow(/analyticGrad of length 3/);
    expect(() => gradientCheck(f, [1, NaN, 3], x)).toThrow(/finite analytic gradient/);
    expect(() => gradientCheck(f, [1, 2, 3], new Float64Array(0))).toThrow(/at least 1 parameter/);
    expect(() => gradientCheck(f, [1, 2, 3], x, { h: 0 })).toThrow(/h > 0/);
    expect(() => gradientCheck(f, [1, 2, 3], x, { indices: [3] })).toThrow(/indices in 0..2/);
    expect(() => gradientCheck(() => NaN, [1, 2, 3], x)).toThrow(/finite values/);
    expect(() => numericalGradient(f, x, { h: -1 })).toThrow(RangeError);
    expect(() => relativeError([1], [1, 2])).toThrow(RangeError);
  });
});
