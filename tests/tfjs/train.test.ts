// Tests for lib/tfjs/train and lib/tfjs/convert: fitClassifier gives bit-identical weights to model.fit (one call per epoch) with
// the same seed (the reference) and to itself on a rerun; learning-rate decay, augmentation and history; accuracy
// and predicted classes by hand; trainLoop reaches the least-squares solution (closed form, 1e-3); round trips.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { evaluateAccuracy, fitClassifier, getLearningRate, predictClasses, setLearningRate, trainLoop } from '../../lib/tfjs/train';
import { matrixToTensor, tensor4ToTf, tensorToMatrix, tfToTensor4 } from '../../lib/tfjs/convert';
import { seed, unseed } from '../../lib/core/random';
import { tensor4 } from '../../lib/cnn/tensor4';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function data() {
  const n = 40;
  const x = tf.tensor2d(Array.from({ length: n * 2 }, (_, i) => Math.sin(i * 1.7)), [n, 2]);
  const labels = Int32Array.from({ length: n }, (_, i) => (Math.sin(i * 3.4) + Math.sin(i * 3.4 + 1.7) > 0 ? 1 : 0));
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 2);
  return { x, y, labels };
}

function model(lr = 0.1) {
  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh' }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
  m.compile({ optimizer: tf.train.adam(lr), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

const weights = (m: tf.LayersModel) => m.getWeights().flatMap((w) => Array.from(w.dataSync()));

describe('fitClassifier', () => {
  it('equals plain model.fit called once per epoch with the same seed, bit for bit, and reruns identically', async () => {
    // (One model.fit call with epochs: 3 differs: it reshuffles the previous epoch's order in place instead of 0..n-1.)
    const { x, y } = data();
    seed(5);
    const a = model();
    for (let e = 0; e < 3; e++) await a.fit(x, y, { epochs: 1, batchSize: 8, shuffle: true, verbose: 0 });
    seed(5);
    const b = model();
    const h = await fitClassifier(b, x, y, { epochs: 3, batchSize: 8 });
    seed(5);
    const c = model();
    await fitClassifier(c, x, y, { epochs: 3, batchSize: 8 });
    expect(weights(b)).toEqual(weights(a));
    expect(weights(c)).toEqual(weights(b));
    expect(h.loss).toHaveLength(3);
    expect(h.steps).toBe(15);
    expect(h.accuracy.every((v) => v !== undefined && v >= 0 && v <= 1)).toBe(true);
    expect(h.milliseconds).toBeGreaterThan(0);
  });

  it('decays the learning rate, calls augment once per epoch, records validation accuracy', async () => {
    const { x, y, labels } = data();
    seed(6);
    const m = model(0.08);
    const epochsSeen: number[] = [];
    const records: number[] = [];
    const h = await fitClassifier(m, x, y, {
      epochs: 3, batchSize: 10, learningRateDecay: 0.5,
      augment: (e) => { epochsSeen.push(e); return x.add(0); },
      validation: { x, labels },
      onEpochEnd: (e) => records.push(e),
    });
    expect(h.learningRate.map((v) => Number(v.toFixed(6)))).toEqual([0.08, 0.04, 0.02]);
    expect(getLearningRate(m.optimizer)).toBeCloseTo(0.01, 12);
    expect(epochsSeen).toEqual([0, 1, 2]);
    expect(records).toEqual([0, 1, 2]);
    expect(h.valAccuracy.at(-1)).toBe(evaluateAccuracy(m, x, labels));
  });

  it('needs a seed, a compiled model, known options and matching sizes', async () => {
    const { x, y } = data();
    unseed();
    await expect(fitClassifier(model(), x, y)).rejects.toThrow(/seed/);
    seed(1);
    const raw = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2 })] });
    await expect(fitClassifier(raw, x, y)).rejects.toThrow(/compile/);
    await expect(fitClassifier(model(), x, y, { epoch: 2 } as never)).rejects.toThrow(/unknown option "epoch"/);
    await expect(fitClassifier(model(), x, y.slice(0, 10))).rejects.toThrow(RangeError);
    await expect(fitClassifier(model(), x, y, { epochs: 0 })).rejects.toThrow(RangeError);
    await expect(fitClassifier(model(), x, y, { augment: () => x.slice(0, 5) })).rejects.toThrow(/augment/);
  });
});

describe('predictClasses / evaluateAccuracy / learning rate', () => {
  it('argmax of the outputs, in batches, and the matching fraction', () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, useBias: false, weights: [tf.tensor2d([[1, 0], [0, 1]])] })] });
    const x = tf.tensor2d([[1, 0], [0, 1], [2, 3], [5, 4], [0, -1]]);
    expect(Array.from(predictClasses(m, x, 2))).toEqual([0, 1, 1, 0, 0]);
    expect(evaluateAccuracy(m, x, [0, 1, 0, 0, 1])).toBeCloseTo(0.6, 12);
    expect(() => evaluateAccuracy(m, x, [0, 1])).toThrow(RangeError);
  });

  it('sets and reads the learning rate; rejects bad values', () => {
    const opt = tf.train.sgd(0.5);
    setLearningRate(opt, 0.25);
    expect(getLearningRate(opt)).toBe(0.25);
    expect(() => setLearningRate(opt, 0)).toThrow(RangeError);
    expect(() => setLearningRate(opt, Number.NaN)).toThrow(RangeError);
  });
});

describe('trainLoop', () => {
  it('minimises a least-squares loss to the closed-form solution (1e-3)', () => {
    // y = 2 x1 - 3 x2 + 0.5 exactly, so the least-squares solution is w = [2, -3], b = 0.5.
    const xs = tf.tensor2d([[1, 0], [0, 1], [1, 1], [2, -1], [-1, 2], [0.5, 0.5]]);
    const ys = tf.tensor2d([[2.5], [-2.5], [-0.5], [7.5], [-7.5], [0]]);
    const w = tf.variable(tf.zeros([2, 1])), b = tf.variable(tf.zeros([1]));
    const logged: number[] = [];
    const r = trainLoop({
      steps: 800, optimizer: tf.train.sgd(0.2), logEvery: 200,
      loss: () => tf.losses.meanSquaredError(ys, xs.matMul(w).add(b)) as tf.Scalar,
      onLog: (s) => logged.push(s),
    });
    expect(r.steps).toEqual([0, 200, 400, 600, 799]);
    expect(logged).toEqual(r.steps);
    expect(r.losses[4]).toBeLessThan(1e-6);
    expect(Array.from(w.dataSync()).map((v) => Number(v.toFixed(3)))).toEqual([2, -3]);
    expect(b.dataSync()[0]).toBeCloseTo(0.5, 3);
    expect(() => trainLoop({ steps: 0, optimizer: tf.train.sgd(0.1), loss: () => tf.scalar(0) })).toThrow(RangeError);
  });
});

describe('convert', () => {
  it('round-trips matrices and 4-D arrays through float32 tensors', () => {
    const m = { rows: 2, cols: 3, data: Float64Array.from([1, 2, 3, 4, 5, 6.5]) };
    const t = matrixToTensor(m);
    expect(t.shape).toEqual([2, 3]);
    expect(tensorToMatrix(t)).toEqual(m);
    const a = tensor4([1, 2, 2, 1], [1, -2, 3, 0.25]);
    expect(tfToTensor4(tensor4ToTf(a))).toEqual(a);
    expect(() => tensorToMatrix(tf.zeros([2]))).toThrow(RangeError);
    expect(() => tfToTensor4(tf.zeros([2, 2]))).toThrow(RangeError);
  });
});
