// Bradley-Terry: loss and gradient against tf.grad of -log(sigmoid(r_w - r_l)) (1e-5 relative, float32); the linear
// reward model's gradient against tf.grad; training recovers the direction of the weights that generated the preferences.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { bradleyTerryLoss, bradleyTerryProb, linearRewardLossAndGrad, sigmoid, softplus, trainLinearRewardModel } from '../../lib/lm/reward-model';
import { bradleyTerryLossTf } from '../../lib/lm/losses-tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const relErr = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let d = 0, s = 0;
  for (let i = 0; i < a.length; i++) { d = Math.max(d, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
  return d / s;
};

describe('bradleyTerry', () => {
  const rng = new Rng(4);
  const rw = Array.from({ length: 8 }, () => rng.normal(0, 2)), rl = Array.from({ length: 8 }, () => rng.normal(0, 2));

  it('loss and gradient match tf.grad of mean(-log(sigmoid(r_w - r_l)))', () => {
    const mine = bradleyTerryLoss(rw, rl);
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.log(tf.sigmoid(a.sub(b))).neg().mean() as tf.Scalar;
    const ref = f(tf.tensor1d(rw), tf.tensor1d(rl)).dataSync()[0];
    expect(Math.abs(mine.loss - ref) / ref).toBeLessThan(1e-5);
    const [gw, gl] = tf.grads(f)([tf.tensor1d(rw), tf.tensor1d(rl)]);
    expect(relErr(mine.gradChosen, gw.dataSync())).toBeLessThan(1e-5);
    expect(relErr(mine.gradRejected, gl.dataSync())).toBeLessThan(1e-5);
    expect(Math.abs(bradleyTerryLossTf(tf.tensor1d(rw), tf.tensor1d(rl)).dataSync()[0] - mine.loss)).toBeLessThan(1e-5);
  });

  it('hand values: equal rewards give log 2 and P = 1/2; a margin of log 3 gives P = 3/4; stable at +-1000', () => {
    expect(bradleyTerryLoss([1.5], [1.5]).loss).toBeCloseTo(Math.LN2, 15);
    expect(bradleyTerryProb(Math.log(3), 0)).toBeCloseTo(0.75, 15);
    expect(bradleyTerryLoss([1000], [0]).loss).toBe(0);
    expect(bradleyTerryLoss([0], [1000]).loss).toBe(1000);
    expect(sigmoid(-1000)).toBe(0);
    expect(softplus(-50)).toBeCloseTo(Math.exp(-50), 30);
    expect(bradleyTerryLoss([2, 0], [1, 1]).accuracy).toBe(0.5);
  });

  it('the linear model gradient matches tf.grad, with an L2 term', () => {
    const d = 5, n = 12;
    const c = matrix(n, d, Float64Array.from({ length: n * d }, () => rng.normal()));
    const r = matrix(n, d, Float64Array.from({ length: n * d }, () => rng.normal()));
    const w = Array.from({ length: d }, () => rng.normal());
    const mine = linearRewardLossAndGrad(w, c, r, 0.1);
    const tc = tf.tensor2d(Float32Array.from(c.data), [n, d]), tr = tf.tensor2d(Float32Array.from(r.data), [n, d]);
    const f = (wt: tf.Tensor) => tf.log(tf.sigmoid(tc.sub(tr).matMul(wt.reshape([d, 1])))).neg().mean().add(wt.square().sum().mul(0.05)) as tf.Scalar;
    expect(Math.abs(mine.loss - f(tf.tensor1d(w)).dataSync()[0]) / mine.loss).toBeLessThan(1e-5);
    expect(relErr(mine.grad, tf.grad(f)(tf.tensor1d(w)).dataSync())).toBeLessThan(1e-5);
  });

  it('training on preferences sampled from Bradley-Terry with true weights recovers their direction (cosine > 0.95)', () => {
    const d = 4, n = 600, trueW = [2, -1, 0.5, 0];
    const c = matrix(n, d), r = matrix(n, d);
    for (let i = 0; i < n; i++) {
      const a = Array.from({ length: d }, () => rng.normal()), b = Array.from({ length: d }, () => rng.normal());
      const ra = a.reduce((s, v, j) => s + v * trueW[j], 0), rb = b.reduce((s, v, j) => s + v * trueW[j], 0);
      const aWins = rng.random() < sigmoid(ra - rb);
      c.data.set(aWins ? a : b, i * d);
      r.data.set(aWins ? b : a, i * d);
    }
    const model = trainLinearRewardModel(c, r, { epochs: 300, learningRate: 1 });
    const w = model.weights;
    const cos = w.reduce((s, v, j) => s + v * trueW[j], 0) / (Math.hypot(...w) * Math.hypot(...trueW));
    expect(cos).toBeGreaterThan(0.95);
    expect(model.losses[model.losses.length - 1]).toBeLessThan(model.losses[0]);
  });

  it('rejects mismatched and empty inputs', () => {
    expect(() => bradleyTerryLoss([1, 2], [1])).toThrow('expected as many chosen as rejected rewards, got 2 and 1');
    expect(() => bradleyTerryLoss([], [])).toThrow(RangeError);
    expect(() => bradleyTerryLoss([NaN], [1])).toThrow('expected finite numbers in rewardsChosen, got NaN at index 0');
    expect(() => bradleyTerryLoss(null as unknown as number[], [1])).toThrow(TypeError);
  });
});
