// Tests for lib/recsys/two-tower: the tfjs in-batch softmax loss equals a float64 hand computation of
// mean_a [logsumexp_b (u_a . v_b / T) - u_a . v_a / T] (float32: 1e-5 relative); with identical rows it is ln B;
// a short training lowers the loss and gives unit-norm embeddings (1e-4); bad input throws.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../lib/core/random';
import { inBatchSoftmaxLoss, TwoTower } from '../../lib/recsys/two-tower';
import { simulateRatings } from '../../lib/recsys/simulate';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('inBatchSoftmaxLoss', () => {
  it('equals the float64 formula (1e-5 relative)', () => {
    const rng = new Rng(1);
    const B = 6, d = 4, T = 0.3;
    const u = Array.from({ length: B }, () => Array.from({ length: d }, () => rng.normal()));
    const v = Array.from({ length: B }, () => Array.from({ length: d }, () => rng.normal()));
    let ref = 0;
    for (let a = 0; a < B; a++) {
      const logits = v.map((vb) => vb.reduce((s, x, f) => s + x * u[a][f], 0) / T);
      const m = Math.max(...logits);
      ref += m + Math.log(logits.reduce((s, l) => s + Math.exp(l - m), 0)) - logits[a];
    }
    ref /= B;
    const got = inBatchSoftmaxLoss(tf.tensor2d(u), tf.tensor2d(v), T).dataSync()[0];
    expect(Math.abs(got - ref) / ref).toBeLessThan(1e-5);
    // identical item rows: every logit equal, loss = ln B
    const same = inBatchSoftmaxLoss(tf.tensor2d(u), tf.tensor2d(Array.from({ length: B }, () => v[0])), T).dataSync()[0];
    expect(Math.abs(same - Math.log(B))).toBeLessThan(1e-5);
    expect(() => inBatchSoftmaxLoss(tf.tensor2d(u), tf.tensor2d(v), 0)).toThrow(/temperature > 0/);
    expect(() => inBatchSoftmaxLoss(tf.tensor2d(u), tf.tensor2d(v.slice(1)), 1)).toThrow(/one shape/);
  });
});

describe('TwoTower', () => {
  it('training lowers the in-batch loss; embeddings have unit norm', () => {
    const { ratings } = simulateRatings({ nUsers: 80, nItems: 60, meanPerUser: 15, seed: 2 });
    const tt = new TwoTower(ratings, { steps: 100, batchSize: 64, embedDim: 8, outDim: 8, hidden: 16, seed: 3 });
    expect(tt.lossHistory[tt.lossHistory.length - 1]).toBeLessThan(tt.lossHistory[0]);
    const U = tt.userEmbeddings();
    for (let u = 0; u < 80; u++) {
      let s = 0;
      for (let f = 0; f < 8; f++) s += U[u * 8 + f] ** 2;
      expect(Math.abs(Math.sqrt(s) - 1)).toBeLessThan(1e-4);
    }
    tt.dispose();
    expect(() => new TwoTower(ratings, { temperature: -1 })).toThrow(/temperature > 0/);
  });
});
