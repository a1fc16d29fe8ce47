// Tests for lib/linear/logistic-regression. Gradient: central finite differences (1e-7 relative) and tfjs autodiff
// (tf.grads of tf.losses.sigmoidCrossEntropy, float32, 1e-5 relative to the largest entry); accuracy 1.0 on a separable
// seeded problem; the weights of ml-logistic-regression run the same way (same steps, rate / n, a ones column), to 1e-9.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import MlLogisticRegression from 'ml-logistic-regression';
import { Matrix as MlMatrix } from 'ml-matrix';
import { LogisticRegression, logisticLossAndGradient, sigmoid, softplus } from '../../lib/linear/logistic-regression';
import { toRows, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { blobs, maxRelErr, separable } from './data';

await tf.setBackend('cpu');

const rng = new Rng(7);
const n = 60, d = 4;
const x: Matrix = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => rng.normal()) };
const y = Float64Array.from({ length: n }, () => (rng.random() < 0.5 ? 1 : 0));
const w = Float64Array.from({ length: d }, () => rng.normal(0, 0.7));
const b = 0.3;
const lambda = 0.8;

describe('logisticLossAndGradient', () => {
  it('matches central finite differences of the loss (h = 1e-6, 1e-7 relative)', () => {
    const { gradWeights, gradIntercept } = logisticLossAndGradient(x, y, w, b, lambda);
    const h = 1e-6;
    const numeric = new Float64Array(d + 1);
    for (let j = 0; j < d; j++) {
      const wp = w.slice(), wm = w.slice();
      wp[j] += h; wm[j] -= h;
      numeric[j] = (logisticLossAndGradient(x, y, wp, b, lambda).loss - logisticLossAndGradient(x, y, wm, b, lambda).loss) / (2 * h);
    }
    numeric[d] = (logisticLossAndGradient(x, y, w, b + h, lambda).loss - logisticLossAndGradient(x, y, w, b - h, lambda).loss) / (2 * h);
    expect(maxRelErr([...gradWeights, gradIntercept], numeric)).toBeLessThan(1e-7);
  });

  it('matches tfjs autodiff of sigmoidCrossEntropy + L2 (float32: 1e-5 relative to the largest entry)', () => {
    const X = tf.tensor2d(Array.from(x.data), [n, d]);
    const Y = tf.tensor2d(Array.from(y), [n, 1]);
    const lossFn = (wt: tf.Tensor, bt: tf.Tensor): tf.Scalar =>
      tf.losses.sigmoidCrossEntropy(Y, tf.add(tf.matMul(X, wt), bt)).add(tf.sum(tf.square(wt)).mul(lambda / (2 * n))) as tf.Scalar;
    const wT = tf.tensor2d(Array.from(w), [d, 1]);
    const bT = tf.scalar(b);
    const [gw, gb] = tf.grads(lossFn)([wT, bT]);
    const tfGrad = [...gw.dataSync(), ...gb.dataSync()];
    const tfLoss = lossFn(wT, bT).dataSync()[0];
    const mine = logisticLossAndGradient(x, y, w, b, lambda);
    expect(maxRelErr([...mine.gradWeights, mine.gradIntercept], tfGrad)).toBeLessThan(1e-5);
    expect(Math.abs(mine.loss - tfLoss) / tfLoss).toBeLessThan(1e-5);
    tf.dispose([X, Y, wT, bT, gw, gb]);
  });

  it('hand-computed at w = 0, b = 0: loss = ln 2, gradient = X^T (1/2 - y) / n', () => {
    const xs = [[1, 2], [3, -1]];
    const { loss, gradWeights, gradIntercept } = logisticLossAndGradient(xs, [1, 0], [0, 0], 0);
    expect(loss).toBeCloseTo(Math.LN2, 15);
    // residuals: 0.5 - 1 = -0.5, 0.5 - 0 = 0.5 -> X^T r / 2 = ([1*-0.5 + 3*0.5] / 2, [2*-0.5 + -1*0.5] / 2) = (0.5, -0.75)
    expect(gradWeights[0]).toBeCloseTo(0.5, 15);
    expect(gradWeights[1]).toBeCloseTo(-0.75, 15);
    expect(gradIntercept).toBeCloseTo(0, 15);
  });

  it('sigmoid and softplus are stable for huge |z|', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
    // derivative identity sigma' = sigma (1 - sigma), by central differences
    const z = 0.7, h = 1e-6;
    expect((sigmoid(z + h) - sigmoid(z - h)) / (2 * h)).toBeCloseTo(sigmoid(z) * (1 - sigmoid(z)), 9);
    const { loss } = logisticLossAndGradient([[1000], [-1000]], [0, 1], [1]);
    expect(loss).toBeCloseTo(1000, 9); // -log(1 - sigma(1000)) would be Infinity if computed naively
  });
});

describe('LogisticRegression.fit', () => {
  it('reaches accuracy 1.0 on a separable seeded problem (train and held-out), loss decreasing', () => {
    const train = separable(11, 200, [2, -1], 0.5, 0.2);
    const test = separable(12, 200, [2, -1], 0.5, 0.2);
    const model = new LogisticRegression({ learningRate: 0.5, epochs: 2000 }).fit(train.x, train.y);
    expect(model.score(train.x, train.y)).toBe(1);
    expect(model.score(test.x, test.y)).toBe(1);
    // the learned boundary points the same way as the true one
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
    for (let e = 1; e < model.lossHistory.length; e++) expect(model.lossHistory[e]).toBeLessThanOrEqual(model.lossHistory[e - 1]);
  });

  it('L2 shrinks the weights', () => {
    const train = separable(11, 200, [2, -1], 0.5, 0.2);
    const plain = new LogisticRegression({ epochs: 500 }).fit(train.x, train.y);
    const ridge = new LogisticRegression({ epochs: 500, lambda: 50 }).fit(train.x, train.y);
    expect(Math.hypot(...ridge.weights)).toBeLessThan(Math.hypot(...plain.weights));
  });

  it('at convergence the gradient vanishes (tolerance 1e-6 stops early)', () => {
    const { x: xb, labels } = blobs(3, [[0, 0], [1.5, 1.5]], 100, 1);
    const model = new LogisticRegression({ learningRate: 1, epochs: 20000, tolerance: 1e-6 }).fit(xb, labels);
    expect(model.epochsRun).toBeLessThan(20000);
    const g = logisticLossAndGradient(xb, labels, model.weights, model.intercept);
    expect(Math.max(...g.gradWeights.map(Math.abs), Math.abs(g.gradIntercept))).toBeLessThan(1e-6);
  });

  it('same weights as ml-logistic-regression run the same way (1e-9), hence the same predictions, on overlapping blobs', () => {
    // Both are full-batch gradient descent from zero weights on the same cross-entropy. ml-logistic-regression has no
    // intercept (give it a ones column: its weight is our intercept) and steps along the summed gradient, ours along the
    // mean, so its rate is ours / n. Unconverged after 300 steps, so every step's size and direction matter.
    const train = blobs(5, [[0, 0], [2, 1]], 150, 1);
    const test = blobs(6, [[0, 0], [2, 1]], 150, 1);
    const steps = 300, rate = 0.5;
    const mine = new LogisticRegression({ learningRate: rate, epochs: steps }).fit(train.x, train.labels);
    const withOnes = (m: Matrix) => new MlMatrix(toRows(m).map((r) => [1, ...r]));
    const ref = new MlLogisticRegression({ numSteps: steps, learningRate: rate / train.x.rows });
    ref.train(withOnes(train.x), MlMatrix.columnVector(Array.from(train.labels)));
    // classifier 0 learns P(label != 0) = P(y = 1): the same model as ours
    const refWeights = ref.classifiers[0].weights.to1DArray();
    const myWeights = [mine.intercept, ...mine.weights];
    expect(refWeights).toHaveLength(3);
    for (let j = 0; j < 3; j++) expect(Math.abs(myWeights[j] - refWeights[j]), `weight ${j}: ${myWeights[j]} vs ${refWeights[j]}`).toBeLessThan(1e-9);
    expect(Math.hypot(...myWeights)).toBeGreaterThan(0.5); // moved well away from the zero start
    expect(Array.from(mine.predict(test.x))).toEqual(ref.predict(withOnes(test.x)));
    expect(mine.score(test.x, test.labels)).toBeGreaterThan(0.85);
  });
});

describe('LogisticRegression input errors', () => {
  it('TypeError for the wrong kind, RangeError for empty, mismatched, non-binary, NaN, bad options', () => {
    expect(() => new LogisticRegression().fit('x' as unknown as number[][], [1])).toThrow(TypeError);
    expect(() => new LogisticRegression().fit([[1]], 'y' as unknown as number[])).toThrow(TypeError);
    expect(() => new LogisticRegression().fit([], [])).toThrow(/expected at least 1 sample, got 0/);
    expect(() => new LogisticRegression().fit([[1], [2]], [1])).toThrow(/expected y to have 2 values \(one per sample\), got 1/);
    expect(() => new LogisticRegression().fit([[1], [2]], [0, 2])).toThrow(/expected binary labels 0 or 1 in y, got 2 at index 1/);
    expect(() => new LogisticRegression().fit([[1], [NaN]], [0, 1])).toThrow(RangeError);
    expect(() => logisticLossAndGradient([[1, 2]], [1], [1])).toThrow(/expected weights to have 2 values/);
    expect(() => new LogisticRegression({ learningRate: -1 })).toThrow(RangeError);
    expect(() => new LogisticRegression({ lambda: NaN })).toThrow(RangeError);
    const m = new LogisticRegression({ epochs: 5 }).fit([[1], [2]], [true, false]);
    expect(() => m.predict([[1, 2]])).toThrow(/expected x with 1 columns \(as in fit\), got 2/);
    expect(() => m.predict([[1]], 2)).toThrow(RangeError);
    expect(() => new LogisticRegression().predict([[1]])).toThrow(/call fit/);
  });
});
