// Tests for lib/stats/cuped: theta equals the OLS slope computed by hand; the in-sample variance reduction equals rho^2 to
// 1e-12 (an algebraic identity of least squares); the adjusted mean is unchanged; a fixed theta is used as given.
import { describe, expect, it } from 'vitest';
import { cuped } from '../../lib/stats/cuped';
import { Rng } from '../../lib/core/random';

describe('cuped', () => {
  it('hand-computed case', () => {
    // x = 1..4, y = [2, 4, 5, 9]: mean x 2.5, mean y 5; cov sum = (-1.5)(-3)+(-0.5)(-1)+0.5*0+1.5*4 = 11, var sum 5, theta = 2.2
    const r = cuped([2, 4, 5, 9], [1, 2, 3, 4]);
    expect(r.theta).toBeCloseTo(2.2, 12);
    expect(Array.from(r.adjusted)).toEqual([2 + 2.2 * 1.5, 4 + 2.2 * 0.5, 5 - 2.2 * 0.5, 9 - 2.2 * 1.5].map((v) => expect.closeTo(v, 12)));
    // rho^2 = 11^2 / (5 * 26) = 121/130
    expect(r.varianceReduction).toBeCloseTo(121 / 130, 12);
  });
  it('variance reduction is rho^2 and the mean is kept on simulated pre/post data', () => {
    const rng = new Rng(4);
    const x = Array.from({ length: 5000 }, () => rng.normal(10, 3));
    const y = x.map((v) => 0.8 * v + rng.normal(2, 2));
    const r = cuped(y, x);
    expect(Math.abs(r.varianceReduction - r.correlation ** 2)).toBeLessThan(1e-12);
    const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
    expect(Math.abs(mean(r.adjusted) - mean(y))).toBeLessThan(1e-9);
    // population rho^2 = 0.64*9 / (0.64*9 + 4) = 0.5902; within 0.03 for n = 5000
    expect(Math.abs(r.varianceReduction - 5.76 / 9.76)).toBeLessThan(0.03);
    const fixed = cuped(y, x, { theta: 0 });
    expect(fixed.varianceReduction).toBeCloseTo(0, 12);
  });
  it('rejects bad input', () => {
    expect(() => cuped([1, 2], [1])).toThrow(/length 2/);
    expect(() => cuped([1, 2, 3], [5, 5, 5])).toThrow(/varies/);
    expect(() => cuped([1], [1])).toThrow(RangeError);
  });
});
