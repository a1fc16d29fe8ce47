// Tests for lib/generative/mmd: hand cases (one point each side: 2 - 2 exp(-r^2 / (2 sigma^2)), exact to 1e-15), the
// estimator against the same sums computed with tfjs ops (1e-5, float32), zero for identical samples, the unbiased
// U-statistic by hand, symmetry, and bad input.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../lib/core/random';
import { mmdRbf } from '../../lib/generative/mmd';

describe('mmdRbf', () => {
  it('hand case: one point per sample at distance r gives 2 - 2 exp(-r^2 / (2 sigma^2))', () => {
    // points (0, 0) and (3, 4): r^2 = 25; sigma = 5 -> 2 - 2 exp(-0.5)
    expect(mmdRbf([0, 0], [3, 4], 2, { bandwidth: 5 })).toBeCloseTo(2 - 2 * Math.exp(-0.5), 15);
    expect(mmdRbf([1, 2, 3, 4], [1, 2, 3, 4], 2)).toBe(0);
  });
  it('unbiased estimator by hand (two 1-D points per side)', () => {
    // x = {0, 1}, y = {0, 2}, sigma = 1: k(x,x') = e^-0.5, k(y,y') = e^-2; cross = (1 + e^-2 + e^-0.5 + e^-0.5) / 4
    const cross = (1 + Math.exp(-2) + 2 * Math.exp(-0.5)) / 4;
    expect(mmdRbf([0, 1], [0, 2], 1, { estimator: 'unbiased' })).toBeCloseTo(Math.exp(-0.5) + Math.exp(-2) - 2 * cross, 15);
    // biased: diagonal terms (1) included: (2 + 2 e^-0.5) / 4 + (2 + 2 e^-2) / 4 - 2 cross
    expect(mmdRbf([0, 1], [0, 2], 1)).toBeCloseTo((2 + 2 * Math.exp(-0.5)) / 4 + (2 + 2 * Math.exp(-2)) / 4 - 2 * cross, 15);
  });
  it('matches the kernel sums computed with tfjs ops on random 2-D samples (1e-5) and is symmetric', () => {
    const rng = new Rng(8);
    const x = Float64Array.from({ length: 60 }, () => rng.normal());
    const y = Float64Array.from({ length: 80 }, () => rng.normal(0.5, 1.5));
    const sigma = 0.7;
    const ref = tf.tidy(() => {
      const k = (a: tf.Tensor2D, b: tf.Tensor2D) => tf.exp(a.square().sum(1, true).add(b.square().sum(1).reshape([1, -1])).sub(a.matMul(b, false, true).mul(2)).div(-2 * sigma * sigma)).mean();
      const X = tf.tensor2d(Float32Array.from(x), [30, 2]), Y = tf.tensor2d(Float32Array.from(y), [40, 2]);
      return k(X, X).add(k(Y, Y)).sub(k(X, Y).mul(2)).dataSync()[0];
    });
    const mine = mmdRbf(x, y, 2, { bandwidth: sigma });
    expect(Math.abs(mine - ref)).toBeLessThan(1e-5);
    expect(mmdRbf(y, x, 2, { bandwidth: sigma })).toBeCloseTo(mine, 14);
    expect(mine).toBeGreaterThan(0.05);
  });
  it('rejects bad input', () => {
    expect(() => mmdRbf([1, 2, 3], [1, 2], 2)).toThrow(/n x d = n x 2/);
    expect(() => mmdRbf([1, 2], [1, 2], 2, { bandwidth: 0 })).toThrow(/bandwidth > 0/);
    expect(() => mmdRbf([1, 2], [1, 2, 3, 4], 2, { estimator: 'unbiased' })).toThrow(/>= 2 points/);
    expect(() => mmdRbf('ab' as unknown as number[], [1], 1)).toThrow(TypeError);
  });
});
