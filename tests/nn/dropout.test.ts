// Tests for lib/nn/dropout: mask values exactly 0 or 1/(1-p); expectation preserved (mean of many dropped copies within
// 5 standard errors of x); backward = mask * gradient, checked against tfjs autodiff of sum(w * x * mask) (float32,
// 1e-6 relative) and central finite differences (1e-9); the drop fraction and kept scale compared with tf.dropout
// (both within 5 binomial standard errors of p and of each other; kept values 1/(1-p) to float32 precision); inference
// is the identity; seeded reproducibility; error paths.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Dropout, dropoutBackward, dropoutForward, dropoutMask } from '../../lib/nn/dropout';
import { Rng } from '../../lib/core/random';
import { seed, unseed } from '../../lib/core/random';

await tf.setBackend('cpu');

describe('dropoutMask / dropoutForward', () => {
  it('mask entries are exactly 0 or 1/(1-p), the output is x * mask', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    const { output, mask } = dropoutForward(x, 0.3, { seed: 1 });
    for (let i = 0; i < x.length; i++) {
      expect(mask[i] === 0 || mask[i] === 1 / 0.7).toBe(true);
      expect(output[i]).toBe(x[i] * mask[i]);
    }
  });

  it('preserves the expectation: the average of 4000 dropped copies of x is x within 5 standard errors', () => {
    const p = 0.4, rounds = 4000;
    const x = Float64Array.of(1, -2, 0.5, 3, 0);
    const rng = new Rng(2);
    const sum = new Float64Array(x.length);
    for (let r = 0; r < rounds; r++) {
      const { output } = dropoutForward(x, p, { rng });
      for (let i = 0; i < x.length; i++) sum[i] += output[i];
    }
    // Var(x m) = x^2 p / (1 - p)
    for (let i = 0; i < x.length; i++) {
      const se = Math.abs(x[i]) * Math.sqrt(p / (1 - p) / rounds);
      expect(Math.abs(sum[i] / rounds - x[i])).toBeLessThanOrEqual(5 * se + 1e-12);
    }
  });

  it('matches tf.dropout statistics: drop fraction ~ p (5 binomial standard errors), kept values x / (1 - p)', () => {
    const n = 100000, p = 0.25;
    const ones = new Float64Array(n).fill(1);
    const mine = dropoutForward(ones, p, { seed: 3 }).output;
    const theirs = tf.tidy(() => tf.dropout(tf.ones([n]), p, undefined, 17).dataSync());
    const frac = (a: ArrayLike<number>) => { let z = 0; for (let i = 0; i < a.length; i++) if (a[i] === 0) z++; return z / a.length; };
    const se = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(frac(mine) - p)).toBeLessThan(5 * se);
    expect(Math.abs(frac(theirs) - p)).toBeLessThan(5 * se);
    expect(Math.abs(frac(mine) - frac(theirs))).toBeLessThan(5 * Math.SQRT2 * se);
    const keptTf = Array.from(theirs).find((v) => v !== 0)!;
    expect(Math.abs(keptTf - 1 / (1 - p))).toBeLessThan(1e-6);
    expect(mine.find((v) => v !== 0)).toBe(1 / (1 - p));
  });

  it('inference mode is the identity with an all-ones mask; rate 0 keeps everything', () => {
    const x = [1, 2, 3];
    const inf = dropoutForward(x, 0.9, { training: false });
    expect(Array.from(inf.output)).toEqual(x);
    expect(Array.from(inf.mask)).toEqual([1, 1, 1]);
    expect(Array.from(dropoutForward(x, 0, { seed: 1 }).output)).toEqual(x);
  });

  it('is reproducible: a seed, the global seed(), or a replayed mask give the same output', () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => i);
    expect(Array.from(dropoutForward(x, 0.5, { seed: 4 }).output)).toEqual(Array.from(dropoutForward(x, 0.5, { seed: 4 }).output));
    seed(10);
    const a = dropoutForward(x, 0.5).output;
    seed(10);
    const b = dropoutForward(x, 0.5).output;
    unseed();
    expect(Array.from(a)).toEqual(Array.from(b));
    const first = dropoutForward(x, 0.5, { seed: 5 });
    expect(Array.from(dropoutForward(x, 0.5, { mask: first.mask }).output)).toEqual(Array.from(first.output));
  });
});

describe('dropoutBackward', () => {
  const rng = new Rng(6);
  const x = Float64Array.from({ length: 40 }, () => rng.normal());
  const w = Float64Array.from({ length: 40 }, () => rng.normal());
  const { mask } = dropoutForward(x, 0.5, { seed: 7 });

  it('matches tfjs autodiff of L(x) = sum(w * x * mask) (float32, 1e-6 relative)', () => {
    const grad = tf.tidy(() => {
      const W = tf.tensor1d(Float32Array.from(w)), M = tf.tensor1d(Float32Array.from(mask));
      return tf.grad((xt: tf.Tensor) => tf.sum(tf.mul(W, tf.mul(xt, M))))(tf.tensor1d(Float32Array.from(x))).dataSync();
    });
    const mine = dropoutBackward(w, mask);
    const scale = Math.max(...Array.from(mine, Math.abs));
    for (let i = 0; i < 40; i++) expect(Math.abs(mine[i] - grad[i]) / scale).toBeLessThan(1e-6);
  });

  it('matches central finite differences of the same loss with the mask held fixed (1e-9)', () => {
    const loss = (xs: Float64Array) => dropoutForward(xs, 0.5, { mask }).output.reduce((s, v, i) => s + w[i] * v, 0);
    const mine = dropoutBackward(w, mask);
    const h = 1e-6;
    for (let i = 0; i < 40; i++) {
      const xp = x.slice(), xm = x.slice();
      xp[i] += h; xm[i] -= h;
      expect(Math.abs((loss(xp) - loss(xm)) / (2 * h) - mine[i])).toBeLessThan(1e-9);
    }
  });

  it('the Dropout layer remembers its mask and routes gradient only through kept units', () => {
    const layer = new Dropout({ rate: 0.5, seed: 8 });
    const y = layer.forward(x);
    const g = layer.backward(new Float64Array(40).fill(1));
    for (let i = 0; i < 40; i++) {
      expect(g[i]).toBe(layer.mask[i]);
      if (y[i] === 0) expect(g[i]).toBe(0);
    }
    expect(Array.from(layer.forward(x, false))).toEqual(Array.from(x));
  });
});

describe('dropout: error paths', () => {
  it('rejects rates outside [0, 1), NaN, mismatched lengths and backward before forward', () => {
    expect(() => dropoutForward([1], 1, { seed: 1 })).toThrow(RangeError);
    expect(() => dropoutForward([1], -0.1, { seed: 1 })).toThrow(RangeError);
    expect(() => dropoutForward([1], NaN, { seed: 1 })).toThrow(TypeError);
    expect(() => dropoutForward([NaN], 0.5, { seed: 1 })).toThrow(RangeError);
    expect(() => dropoutForward([1, 2], 0.5, { mask: [1] })).toThrow(RangeError);
    expect(() => dropoutBackward([1, 2], [1])).toThrow(RangeError);
    expect(() => dropoutMask(-1, 0.5, new Rng(1))).toThrow(RangeError);
    expect(() => new Dropout({ rate: 0.5, seed: 1 }).backward([1])).toThrow(/call forward/);
    expect(() => new Dropout(undefined as never)).toThrow(TypeError);
  });
});
