// Tests for lib/linear/softmax-regression. Gradient: central finite differences (1e-7 relative) and tfjs autodiff
// (tf.grads of tf.losses.softmaxCrossEntropy, float32, 1e-5 relative to the largest entry); dCE/dz = p - y by hand;
// K = 2 reduces exactly to logistic regression (1e-10 relative); accuracy 1.0 on separable seeded blobs; accuracy within
// 0.03 of ml-logistic-regression (one-vs-rest) on overlapping blobs.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import MlLogisticRegression from 'ml-logistic-regression';
import { Matrix as MlMatrix } from 'ml-matrix';
import { logSumExp, softmax, SoftmaxRegression, softmaxLossAndGradient } from '../../lib/linear/softmax-regression';
import { LogisticRegression } from '../../lib/linear/logistic-regression';
import { toRows, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { blobs, maxRelErr } from './data';

await tf.setBackend('cpu');

const rng = new Rng(21);
const n = 50, d = 3, K = 4;
const x: Matrix = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => rng.normal()) };
const labels = Int32Array.from({ length: n }, () => rng.int(K));
const W: Matrix = { rows: d, cols: K, data: Float64Array.from({ length: d * K }, () => rng.normal(0, 0.7)) };
const bias = Float64Array.from({ length: K }, () => rng.normal(0, 0.3));
const lambda = 0.6;

describe('softmaxLossAndGradient', () => {
  it('matches central finite differences of the loss (h = 1e-6, 1e-7 relative)', () => {
    const { gradWeights, gradBias } = softmaxLossAndGradient(x, labels, W, bias, lambda);
    const h = 1e-6;
    const lossAt = (w: Matrix, b: Float64Array) => softmaxLossAndGradient(x, labels, w, b, lambda).loss;
    const numeric: number[] = [];
    for (let j = 0; j < W.data.length; j++) {
      const wp = { ...W, data: W.data.slice() }, wm = { ...W, data: W.data.slice() };
      wp.data[j] += h; wm.data[j] -= h;
      numeric.push((lossAt(wp, bias) - lossAt(wm, bias)) / (2 * h));
    }
    for (let k = 0; k < K; k++) {
      const bp = bias.slice(), bm = bias.slice();
      bp[k] += h; bm[k] -= h;
      numeric.push((lossAt(W, bp) - lossAt(W, bm)) / (2 * h));
    }
    expect(maxRelErr([...gradWeights.data, ...gradBias], numeric)).toBeLessThan(1e-7);
  });

  it('matches tfjs autodiff of softmaxCrossEntropy + L2 (float32: 1e-5 relative to the largest entry)', () => {
    const X = tf.tensor2d(Array.from(x.data), [n, d]);
    const Y = tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), K);
    const lossFn = (wt: tf.Tensor, bt: tf.Tensor): tf.Scalar =>
      tf.losses.softmaxCrossEntropy(Y, tf.add(tf.matMul(X, wt), bt)).add(tf.sum(tf.square(wt)).mul(lambda / (2 * n))) as tf.Scalar;
    const wT = tf.tensor2d(Array.from(W.data), [d, K]);
    const bT = tf.tensor1d(Array.from(bias));
    const [gw, gb] = tf.grads(lossFn)([wT, bT]);
    const tfGrad = [...gw.dataSync(), ...gb.dataSync()];
    const tfLoss = lossFn(wT, bT).dataSync()[0];
    const mine = softmaxLossAndGradient(x, labels, W, bias, lambda);
    expect(maxRelErr([...mine.gradWeights.data, ...mine.gradBias], tfGrad)).toBeLessThan(1e-5);
    expect(Math.abs(mine.loss - tfLoss) / tfLoss).toBeLessThan(1e-5);
    tf.dispose([X, Y, wT, bT, gw, gb]);
  });

  it('hand-computed: with x = [1] the weight gradient is dCE/dz = p - onehot(y)', () => {
    // z = [ln 1, ln 2, ln 5] -> p = [1/8, 2/8, 5/8]; y = 2 -> p - y = [1/8, 1/4, -3/8]; loss = -ln(5/8)
    const z = [Math.log(1), Math.log(2), Math.log(5)];
    const { loss, gradWeights, gradBias } = softmaxLossAndGradient([[1]], [2], [z], [0, 0, 0]);
    expect(loss).toBeCloseTo(-Math.log(5 / 8), 14);
    expect(Array.from(gradWeights.data)).toEqual([expect.closeTo(1 / 8, 14), expect.closeTo(1 / 4, 14), expect.closeTo(-3 / 8, 14)]);
    expect(maxRelErr(gradBias, gradWeights.data)).toBe(0);
  });
});

describe('softmax and logSumExp (stability, by hand)', () => {
  it('softmax([1000, 1001]) = [1/(1+e), e/(1+e)] with no overflow; rows sum to 1', () => {
    const p = softmax([[1000, 1001], [-1000, -1000]]);
    expect(p.data[0]).toBeCloseTo(1 / (1 + Math.E), 13);
    expect(p.data[1]).toBeCloseTo(Math.E / (1 + Math.E), 13);
    expect(p.data[2]).toBe(0.5);
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([0, 0, 0, 0])).toBeCloseTo(Math.log(4), 15);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(() => logSumExp([])).toThrow(RangeError);
  });
});

describe('SoftmaxRegression.fit', () => {
  it('with K = 2 equals logistic regression run at twice the learning rate (w1 - w0 = w_logistic, 1e-10 relative)', () => {
    const data = blobs(31, [[0, 0], [1.5, 1]], 60, 1);
    const sm = new SoftmaxRegression({ learningRate: 0.2, epochs: 300 }).fit(data.x, data.labels);
    const lr = new LogisticRegression({ learningRate: 0.4, epochs: 300 }).fit(data.x, data.labels);
    const v = [sm.weights.data[1] - sm.weights.data[0], sm.weights.data[3] - sm.weights.data[2]];
    expect(maxRelErr(v, lr.weights)).toBeLessThan(1e-10);
    expect(Math.abs(sm.bias[1] - sm.bias[0] - lr.intercept)).toBeLessThan(1e-10 * Math.max(1, Math.abs(lr.intercept)));
  });

  it('reaches accuracy 1.0 on three well-separated seeded blobs (train and held-out)', () => {
    const centres = [[0, 0], [6, 0], [3, 5]];
    const train = blobs(32, centres, 50, 0.8);
    const test = blobs(33, centres, 50, 0.8);
    const model = new SoftmaxRegression({ learningRate: 0.3, epochs: 1000 }).fit(train.x, train.labels);
    expect(model.nClasses).toBe(3);
    expect(model.score(train.x, train.labels)).toBe(1);
    expect(model.score(test.x, test.labels)).toBe(1);
    const P = model.predictProba(test.x);
    for (let i = 0; i < P.rows; i++) expect(P.data[i * 3] + P.data[i * 3 + 1] + P.data[i * 3 + 2]).toBeCloseTo(1, 12);
    for (let e = 1; e < model.lossHistory.length; e++) expect(model.lossHistory[e]).toBeLessThanOrEqual(model.lossHistory[e - 1]);
  });

  it('accuracy within 0.03 of ml-logistic-regression (one-vs-rest) on overlapping blobs (both > 0.8)', () => {
    const centres = [[0, 0], [2.5, 0], [1.2, 2]];
    const train = blobs(34, centres, 100, 1);
    const test = blobs(35, centres, 100, 1);
    const mine = new SoftmaxRegression({ learningRate: 0.5, epochs: 2000 }).fit(train.x, train.labels);
    const withOnes = (m: Matrix) => new MlMatrix(toRows(m).map((r) => [1, ...r]));
    const ref = new MlLogisticRegression({ numSteps: 2000, learningRate: 0.5 / train.x.rows });
    ref.train(withOnes(train.x), MlMatrix.columnVector(Array.from(train.labels)));
    const refAcc = ref.predict(withOnes(test.x)).filter((p, i) => p === test.labels[i]).length / test.x.rows;
    const myAcc = mine.score(test.x, test.labels);
    expect(myAcc).toBeGreaterThan(0.8);
    expect(refAcc).toBeGreaterThan(0.8);
    expect(Math.abs(myAcc - refAcc)).toBeLessThanOrEqual(0.03);
  });
});

describe('SoftmaxRegression input errors', () => {
  it('TypeError for the wrong kind, RangeError for empty, mismatched, bad labels, NaN, bad options', () => {
    expect(() => new SoftmaxRegression().fit('x' as unknown as number[][], [1])).toThrow(TypeError);
    expect(() => new SoftmaxRegression().fit([[1]], 'y' as unknown as number[])).toThrow(TypeError);
    expect(() => new SoftmaxRegression().fit([], [])).toThrow(/expected at least 1 sample, got 0/);
    expect(() => new SoftmaxRegression().fit([[1], [2]], [0])).toThrow(/expected labels to have 2 values \(one per sample\), got 1/);
    expect(() => new SoftmaxRegression().fit([[1], [2]], [0, 1.5])).toThrow(/integers >= 0, got 1.5 at index 1/);
    expect(() => new SoftmaxRegression().fit([[1], [2]], [0, 0])).toThrow(/at least 2 classes, got 1/);
    expect(() => new SoftmaxRegression({ nClasses: 2 }).fit([[1], [2]], [0, 2])).toThrow(/expected class labels < nClasses = 2, got 2/);
    expect(() => new SoftmaxRegression().fit([[1], [NaN]], [0, 1])).toThrow(RangeError);
    expect(() => softmaxLossAndGradient([[1, 2]], [0], [[1, 2]], [0, 0])).toThrow(/expected weights with 2 rows/);
    expect(() => new SoftmaxRegression({ nClasses: 1 })).toThrow(RangeError);
    expect(() => new SoftmaxRegression({ epochs: 1.5 })).toThrow(RangeError);
    const m = new SoftmaxRegression({ epochs: 5 }).fit([[1], [2]], [0, 1]);
    expect(() => m.predict([[1, 2]])).toThrow(/expected x with 1 columns \(as in fit\), got 2/);
    expect(() => new SoftmaxRegression().predict([[1]])).toThrow(/call fit/);
  });
});
