// Tests for lib/nn/losses: values against tf.losses (meanSquaredError, logLoss, sigmoidCrossEntropy, softmaxCrossEntropy,
// hingeLoss, huberLoss) and gradients against tfjs autodiff of the same (float32: 1e-5 relative to the largest entry),
// gradients against central finite differences in double (1e-8 relative), hand-computed cases (dCE/dz = p - y, Huber's
// two branches, hinge margins), log-sum-exp stability at logits of 1000, and error paths.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { binaryCrossEntropy, binaryCrossEntropyWithLogits, hinge, huber, mse, softmaxCrossEntropy, type LossResult } from '../../lib/nn/losses';
import { Rng } from '../../lib/core/random';
import { maxRelErr } from '../linear/data';

await tf.setBackend('cpu');

const rng = new Rng(5);
const n = 12, K = 4;
const f32 = (v: number) => Math.fround(v);
const preds = Float64Array.from({ length: n }, () => f32(rng.normal(0, 2)));
const reals = Float64Array.from({ length: n }, () => f32(rng.normal(0, 2)));
const bits = Float64Array.from({ length: n }, () => rng.int(2));
const signs = Float64Array.from(bits, (b) => 2 * b - 1);
const probs = Float64Array.from({ length: n }, () => f32(rng.uniform(0.02, 0.98)));
const logits = Float64Array.from({ length: n * K }, () => f32(rng.normal(0, 2)));
const labels = Int32Array.from({ length: n }, () => rng.int(K));

/** tfjs loss value and gradient w.r.t. the second argument. */
function tfLoss(fn: (x: tf.Tensor) => tf.Scalar, x: Float64Array, shape: number[]): { loss: number; grad: Float32Array } {
  const t = tf.tensor(Array.from(x), shape);
  const { value, grad } = tf.valueAndGrad(fn)(t);
  const out = { loss: value.dataSync()[0], grad: grad.dataSync() as Float32Array };
  tf.dispose([t, value, grad]);
  return out;
}

function fdCheck(lossOf: (x: Float64Array) => number, x: Float64Array, grad: Float64Array): void {
  const h = 1e-6;
  const fd = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xp = x.slice(), xm = x.slice();
    xp[i] += h; xm[i] -= h;
    fd[i] = (lossOf(xp) - lossOf(xm)) / (2 * h);
  }
  expect(maxRelErr(grad, fd)).toBeLessThan(1e-8);
}

function compare(mine: LossResult, ref: { loss: number; grad: Float32Array }): void {
  expect(Math.abs(mine.loss - ref.loss) / Math.abs(ref.loss)).toBeLessThan(1e-5);
  expect(maxRelErr(mine.grad, ref.grad)).toBeLessThan(1e-5);
}

describe('losses against tf.losses and tfjs autodiff (1e-5 relative), and finite differences (1e-8)', () => {
  it('mse = tf.losses.meanSquaredError', () => {
    const y = tf.tensor1d(Array.from(reals));
    compare(mse(preds, reals), tfLoss((p) => tf.losses.meanSquaredError(y, p) as tf.Scalar, preds, [n]));
    fdCheck((p) => mse(p, reals).loss, preds, mse(preds, reals).grad);
    y.dispose();
  });

  it('binaryCrossEntropy on probabilities = tf.losses.logLoss (epsilon 1e-7)', () => {
    const y = tf.tensor1d(Array.from(bits));
    compare(binaryCrossEntropy(probs, bits), tfLoss((p) => tf.losses.logLoss(y, p) as tf.Scalar, probs, [n]));
    fdCheck((p) => binaryCrossEntropy(p, bits).loss, probs, binaryCrossEntropy(probs, bits).grad);
    y.dispose();
  });

  it('binaryCrossEntropyWithLogits = tf.losses.sigmoidCrossEntropy; gradient sigma(z) - y', () => {
    const y = tf.tensor1d(Array.from(bits));
    compare(binaryCrossEntropyWithLogits(preds, bits), tfLoss((z) => tf.losses.sigmoidCrossEntropy(y, z) as tf.Scalar, preds, [n]));
    fdCheck((z) => binaryCrossEntropyWithLogits(z, bits).loss, preds, binaryCrossEntropyWithLogits(preds, bits).grad);
    y.dispose();
  });

  it('softmaxCrossEntropy = tf.losses.softmaxCrossEntropy with one-hot labels', () => {
    const Y = tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), K);
    const Z = { rows: n, cols: K, data: logits };
    compare(softmaxCrossEntropy(Z, labels), tfLoss((z) => tf.losses.softmaxCrossEntropy(Y, z) as tf.Scalar, logits, [n, K]));
    fdCheck((z) => softmaxCrossEntropy({ rows: n, cols: K, data: z }, labels).loss, logits, softmaxCrossEntropy(Z, labels).grad);
    Y.dispose();
  });

  it('hinge (labels +-1) = tf.losses.hingeLoss (labels 0/1, mapped to 2y - 1)', () => {
    const y = tf.tensor1d(Array.from(bits));
    compare(hinge(preds, signs), tfLoss((s) => tf.losses.hingeLoss(y, s) as tf.Scalar, preds, [n]));
    fdCheck((s) => hinge(s, signs).loss, preds, hinge(preds, signs).grad);
    y.dispose();
  });

  for (const delta of [1, 0.5]) {
    it(`huber (delta ${delta}) = tf.losses.huberLoss`, () => {
      const y = tf.tensor1d(Array.from(reals));
      compare(huber(preds, reals, delta), tfLoss((p) => tf.losses.huberLoss(y, p, undefined, delta) as tf.Scalar, preds, [n]));
      fdCheck((p) => huber(p, reals, delta).loss, preds, huber(preds, reals, delta).grad);
      y.dispose();
    });
  }
});

describe('hand-computed cases', () => {
  it('dCE/dz = p - y: logits ln(1, 2, 5), class 2 -> p = (1, 2, 5)/8, grad = (1/8, 1/4, -3/8), loss = -ln(5/8)', () => {
    const r = softmaxCrossEntropy([[0, Math.log(2), Math.log(5)]], [2]);
    expect(r.loss).toBeCloseTo(-Math.log(5 / 8), 15);
    expect(Array.from(r.grad)).toEqual([expect.closeTo(1 / 8, 15), expect.closeTo(1 / 4, 15), expect.closeTo(-3 / 8, 15)]);
  });

  it('log-sum-exp keeps logits of 1000 finite; the BCE-with-logits form keeps |z| = 800 finite', () => {
    const r = softmaxCrossEntropy([[1000, 1001, 999]], [1]);
    const lse = 1001 + Math.log(1 + Math.exp(-1) + Math.exp(-2));
    expect(r.loss).toBeCloseTo(lse - 1001, 12);
    const b = binaryCrossEntropyWithLogits([800, -800], [0, 1]);
    expect(b.loss).toBe(800);
    expect(Array.from(b.grad)).toEqual([0.5, -0.5]);
  });

  it('mse, Huber branches, hinge margins', () => {
    expect(mse([1, 3], [0, 0]).loss).toBe(5);
    expect(Array.from(mse([1, 3], [0, 0]).grad)).toEqual([1, 3]);
    const h = huber([0.5, 3, -4], [0, 0, 0], 1);
    expect(h.loss).toBeCloseTo((0.125 + 2.5 + 3.5) / 3, 15);
    expect(Array.from(h.grad)).toEqual([0.5 / 3, 1 / 3, -1 / 3]);
    const g = hinge([2, 0.5, -1], [1, 1, 1]);
    expect(g.loss).toBeCloseTo((0 + 0.5 + 2) / 3, 15);
    expect(Array.from(g.grad)).toEqual([0, -1 / 3, -1 / 3]);
    expect(binaryCrossEntropy([0.5], [1], undefined, 0).loss).toBeCloseTo(Math.LN2, 15);
  });

  it('a given grad buffer is filled and returned', () => {
    const buf = new Float64Array(2);
    expect(mse([1, 2], [0, 0], buf).grad).toBe(buf);
  });
});

describe('error paths', () => {
  it('empty, mismatched, NaN, out-of-range targets, bad buffers', () => {
    expect(() => mse([], [])).toThrow(/at least 1 prediction/);
    expect(() => mse([1, 2], [1])).toThrow(/expected 2 targets/);
    expect(() => mse([NaN], [1])).toThrow(/finite predictions, got NaN/);
    expect(() => mse([1], [Infinity])).toThrow(/finite targets/);
    expect(() => mse('ab' as never, [1, 2])).toThrow(TypeError);
    expect(() => mse(['a'] as never, [1])).toThrow(TypeError);
    expect(() => mse([1], [1], new Float64Array(2))).toThrow(/grad of length 1/);
    expect(() => binaryCrossEntropy([1.2], [1])).toThrow(/probabilities in \[0, 1\]/);
    expect(() => binaryCrossEntropyWithLogits([1], [2])).toThrow(/targets in \[0, 1\]/);
    expect(() => hinge([1], [0])).toThrow(/labels -1 or \+1/);
    expect(() => huber([1], [1], 0)).toThrow(/delta > 0/);
    expect(() => softmaxCrossEntropy([[1, 2]], [2])).toThrow(/< nClasses = 2/);
    expect(() => softmaxCrossEntropy([[1, 2]], [0, 1])).toThrow(/1 values/);
    expect(() => softmaxCrossEntropy([], [])).toThrow(RangeError);
    expect(() => softmaxCrossEntropy([[NaN, 1]], [0])).toThrow(RangeError);
  });
});
