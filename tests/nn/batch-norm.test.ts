// Tests for lib/nn/batch-norm: the forward pass against tf.batchNorm with tf.moments statistics (float32, 1e-5 relative);
// the backward pass (dx, dgamma, dbeta) against tfjs autodiff of sum(W * BN(x)) built from tfjs ops (float32, 1e-5
// relative to each gradient's largest entry) and against central finite differences in float64 (1e-7 relative);
// hand-computed properties (zero-mean unit-variance columns; dx sums to 0 per column); running statistics and inference.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { BatchNorm, batchNormBackward, batchNormForward, batchNormInference } from '../../lib/nn/batch-norm';
import { Rng } from '../../lib/core/random';
import type { Matrix } from '../../lib/core/matrix';

await tf.setBackend('cpu');

function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0, scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

const rng = new Rng(13);
const n = 16, d = 5, eps = 1e-5;
const x: Matrix = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, (_, i) => rng.normal(i % d, 1 + (i % d))) };
const gamma = Float64Array.from({ length: d }, () => rng.uniform(0.5, 2));
const beta = Float64Array.from({ length: d }, () => rng.normal());
const upstream: Matrix = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => rng.normal()) };

describe('batchNormForward', () => {
  it('matches tf.batchNorm with tf.moments batch statistics (float32, 1e-5 relative)', () => {
    const ref = tf.tidy(() => {
      const X = tf.tensor2d(Float32Array.from(x.data), [n, d]);
      const { mean, variance } = tf.moments(X, 0);
      return tf.batchNorm(X, mean, variance, tf.tensor1d(Float32Array.from(beta)), tf.tensor1d(Float32Array.from(gamma)), eps).dataSync();
    });
    expect(maxRelErr(batchNormForward(x, gamma, beta, eps).output.data, ref)).toBeLessThan(1e-5);
  });

  it('with gamma = 1 and beta = 0 every column has mean 0 and variance var / (var + eps) (1e-12)', () => {
    const { output, cache } = batchNormForward(x, new Float64Array(d).fill(1), new Float64Array(d), eps);
    for (let j = 0; j < d; j++) {
      let m = 0, v = 0;
      for (let i = 0; i < n; i++) m += output.data[i * d + j];
      m /= n;
      for (let i = 0; i < n; i++) v += (output.data[i * d + j] - m) ** 2;
      v /= n;
      expect(Math.abs(m)).toBeLessThan(1e-12);
      expect(Math.abs(v - cache.variance[j] / (cache.variance[j] + eps))).toBeLessThan(1e-12);
    }
  });
});

describe('batchNormBackward', () => {
  const { cache } = batchNormForward(x, gamma, beta, eps);
  const mine = batchNormBackward(upstream, cache);

  it('matches tfjs autodiff of sum(W * BN(x)) for dx, dgamma, dbeta (float32, 1e-5 relative)', () => {
    const [gx, gg, gb] = tf.tidy(() => {
      const W = tf.tensor2d(Float32Array.from(upstream.data), [n, d]);
      const f = (xt: tf.Tensor, gt: tf.Tensor, bt: tf.Tensor): tf.Scalar => {
        const mean = tf.mean(xt, 0);
        const centred = tf.sub(xt, mean);
        const variance = tf.mean(tf.square(centred), 0);
        const xhat = tf.div(centred, tf.sqrt(tf.add(variance, eps)));
        return tf.sum(tf.mul(W, tf.add(tf.mul(xhat, gt), bt)));
      };
      return tf.grads(f)([tf.tensor2d(Float32Array.from(x.data), [n, d]), tf.tensor1d(Float32Array.from(gamma)), tf.tensor1d(Float32Array.from(beta))]).map((t) => t.dataSync());
    });
    expect(maxRelErr(mine.dx.data, gx)).toBeLessThan(1e-5);
    expect(maxRelErr(mine.dGamma, gg)).toBeLessThan(1e-5);
    expect(maxRelErr(mine.dBeta, gb)).toBeLessThan(1e-5);
  });

  it('matches central finite differences in float64 (h = 1e-6, 1e-7 relative)', () => {
    const loss = (xs: Matrix, g: Float64Array, b: Float64Array) => batchNormForward(xs, g, b, eps).output.data.reduce((s, v, i) => s + v * upstream.data[i], 0);
    const h = 1e-6;
    const numDx = new Float64Array(n * d);
    for (let k = 0; k < n * d; k++) {
      const p = x.data.slice(), m = x.data.slice();
      p[k] += h; m[k] -= h;
      numDx[k] = (loss({ rows: n, cols: d, data: p }, gamma, beta) - loss({ rows: n, cols: d, data: m }, gamma, beta)) / (2 * h);
    }
    expect(maxRelErr(mine.dx.data, numDx)).toBeLessThan(1e-7);
    const numDg = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const p = gamma.slice(), m = gamma.slice();
      p[j] += h; m[j] -= h;
      numDg[j] = (loss(x, p, beta) - loss(x, m, beta)) / (2 * h);
    }
    expect(maxRelErr(mine.dGamma, numDg)).toBeLessThan(1e-7);
  });

  it('dx sums to zero in every column (the mean subtraction removes a constant shift), 1e-12', () => {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += mine.dx.data[i * d + j];
      expect(Math.abs(s)).toBeLessThan(1e-12);
    }
  });
});

describe('BatchNorm layer', () => {
  it('tracks running statistics with momentum and uses them at inference (hand-computed for one step)', () => {
    const layer = new BatchNorm(d, { momentum: 0.9, eps });
    layer.forward(x, true);
    const { cache } = batchNormForward(x, layer.gamma, layer.beta, eps);
    for (let j = 0; j < d; j++) {
      expect(layer.runningMean[j]).toBeCloseTo(0.1 * cache.mean[j], 12);
      expect(layer.runningVar[j]).toBeCloseTo(0.9 + 0.1 * cache.variance[j], 12);
    }
    const inf = layer.forward([[1, 2, 3, 4, 5]], false);
    for (let j = 0; j < d; j++) expect(inf.data[j]).toBeCloseTo((j + 1 - layer.runningMean[j]) / Math.sqrt(layer.runningVar[j] + eps), 12);
    const dx = layer.backward(upstream);
    expect(maxRelErr(dx.data, batchNormBackward(upstream, batchNormForward(x, layer.gamma, layer.beta, eps).cache).dx.data)).toBe(0);
    expect(layer.dBeta.length).toBe(d);
  });

  it('inference with the batch statistics reproduces the training-mode output (1e-12)', () => {
    const { output, cache } = batchNormForward(x, gamma, beta, eps);
    expect(maxRelErr(batchNormInference(x, gamma, beta, cache.mean, cache.variance, eps).data, output.data)).toBeLessThan(1e-12);
  });

  it('rejects empty batches, mismatched shapes, bad eps/momentum and backward before forward', () => {
    expect(() => batchNormForward({ rows: 0, cols: 2, data: new Float64Array(0) }, [1, 1], [0, 0])).toThrow(RangeError);
    expect(() => batchNormForward(x, [1], beta)).toThrow(RangeError);
    expect(() => batchNormForward(x, gamma, beta, 0)).toThrow(RangeError);
    expect(() => batchNormForward([[1, NaN]], [1, 1], [0, 0])).toThrow(RangeError);
    expect(() => batchNormBackward([[1]], batchNormForward(x, gamma, beta).cache)).toThrow(RangeError);
    expect(() => batchNormInference(x, gamma, beta, new Float64Array(d), new Float64Array(d).fill(-1))).toThrow(RangeError);
    expect(() => new BatchNorm(0)).toThrow(RangeError);
    expect(() => new BatchNorm(2, { momentum: 1 })).toThrow(RangeError);
    expect(() => new BatchNorm(2).backward([[1, 1]])).toThrow(/call forward/);
    expect(() => batchNormForward('x' as never, gamma, beta)).toThrow(TypeError);
  });
});
