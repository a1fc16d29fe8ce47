// Tests for lib/recsys/mf and lib/recsys/sgd-mf: the MF objective and its gradient equal tfjs (value and tf.grads
// autodiff, float32: 1e-4 relative); SGD lowers the objective; RMSE of a fitted model beats the bias baseline on
// held-out simulated ratings; bad options throw.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../lib/core/random';
import { initMf, mfGradient, mfObjective, mfPredict, topNFromScores } from '../../lib/recsys/mf';
import { fitSgdMf } from '../../lib/recsys/sgd-mf';
import { biasBaseline } from '../../lib/recsys/baselines';
import { simulateRatings } from '../../lib/recsys/simulate';
import { ratingsFromTriples, rmse, splitByUser } from '../../lib/recsys/ratings';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const relErr = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let num = 0, den = 0;
  for (let j = 0; j < a.length; j++) { num = Math.max(num, Math.abs(a[j] - b[j])); den = Math.max(den, Math.abs(b[j])); }
  return num / den;
};

describe('mfGradient', () => {
  it('equals tf.grads of the same objective (1e-4 relative, float32)', () => {
    const rng = new Rng(3);
    const triples: [number, number, number][] = [];
    for (let t = 0; t < 25; t++) triples.push([rng.int(5), rng.int(7), 1 + rng.int(5)]);
    const r = ratingsFromTriples(5, 7, triples);
    const m = initMf(r, 3, 0.7, 4);
    for (let u = 0; u < 5; u++) m.bu[u] = rng.normal(0, 0.3);
    for (let i = 0; i < 7; i++) m.bi[i] = rng.normal(0, 0.3);
    const lambda = 0.4;
    const g = mfGradient(m, r, lambda);
    const uIdx = tf.tensor1d(Array.from(r.users), 'int32'), iIdx = tf.tensor1d(Array.from(r.items), 'int32'), y = tf.tensor1d(Array.from(r.values));
    const f = (P: tf.Tensor, Q: tf.Tensor, bu: tf.Tensor, bi: tf.Tensor) => {
      const pred = tf.gather(P, uIdx).mul(tf.gather(Q, iIdx)).sum(1).add(tf.gather(bu, uIdx)).add(tf.gather(bi, iIdx)).add(m.mu);
      const reg = P.square().sum().add(Q.square().sum()).add(bu.square().sum()).add(bi.square().sum());
      return y.sub(pred).square().sum().add(reg.mul(lambda)) as tf.Scalar;
    };
    const args = [tf.tensor2d(Array.from(m.P), [5, 3]), tf.tensor2d(Array.from(m.Q), [7, 3]), tf.tensor1d(Array.from(m.bu)), tf.tensor1d(Array.from(m.bi))];
    const value = f(args[0], args[1], args[2], args[3]).dataSync()[0];
    expect(Math.abs(value - mfObjective(m, r, lambda)) / value).toBeLessThan(1e-5);
    const grads = tf.grads((P: tf.Tensor, Q: tf.Tensor, bu: tf.Tensor, bi: tf.Tensor) => f(P, Q, bu, bi))(args);
    expect(relErr(g.P, grads[0].dataSync())).toBeLessThan(1e-4);
    expect(relErr(g.Q, grads[1].dataSync())).toBeLessThan(1e-4);
    expect(relErr(g.bu, grads[2].dataSync())).toBeLessThan(1e-4);
    expect(relErr(g.bi, grads[3].dataSync())).toBeLessThan(1e-4);
  });
});

describe('fitSgdMf', () => {
  it('lowers the training objective and beats the user+item bias baseline on held-out simulated ratings', () => {
    const { ratings } = simulateRatings({ nUsers: 300, nItems: 200, seed: 11 });
    const { train, test } = splitByUser(ratings, { seed: 2 });
    const fit = fitSgdMf(train, { k: 4, lambda: 5, epochs: 40, learningRate: 0.05, seed: 3 });
    expect(fit.history[fit.history.length - 1]).toBeLessThan(fit.history[0]);
    const mf = rmse(test, (u, i) => mfPredict(fit.model, u, i));
    const bias = rmse(test, biasBaseline(train).predict);
    expect(mf).toBeLessThan(bias);
  });
  it('is deterministic for a seed and rejects bad options', () => {
    const r = ratingsFromTriples(2, 2, [[0, 0, 5], [1, 1, 1], [0, 1, 3]]);
    expect(Array.from(fitSgdMf(r, { seed: 1, epochs: 3 }).model.P)).toEqual(Array.from(fitSgdMf(r, { seed: 1, epochs: 3 }).model.P));
    expect(() => fitSgdMf(r, { learningRate: 0 })).toThrow(/learningRate > 0/);
    expect(() => fitSgdMf(r, { epochs: 1.5 })).toThrow(/integer epochs/);
  });
});

describe('topNFromScores', () => {
  it('sorts by score, breaks ties by id, skips excluded ids', () => {
    expect(topNFromScores([0.1, 0.9, 0.5, 0.9], 3, new Set([2]))).toEqual([1, 3, 0]);
  });
});
