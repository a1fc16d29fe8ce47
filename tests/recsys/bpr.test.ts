// Tests for lib/recsys/bpr: the triple loss and gradient equal tfjs's value and tf.grads autodiff of
// softplus(-(x_ui - x_uj)) + lambda/2 |theta|^2 (float32, 1e-4 relative); a hand case at x = 0 (loss ln 2);
// BPR beats the popularity ranker's recall@10 on simulated implicit data; bad options throw.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../lib/core/random';
import { bprScore, bprTripleLossGrad, fitBpr } from '../../lib/recsys/bpr';
import { simulateRatings } from '../../lib/recsys/simulate';
import { itemsByUser, ratingsFromTriples, splitByUser } from '../../lib/recsys/ratings';
import { itemPopularity } from '../../lib/recsys/baselines';
import { topNFromScores } from '../../lib/recsys/mf';
import { recallAtK } from '../../lib/retrieval/ranking-metrics';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('bprTripleLossGrad', () => {
  it('equals tfjs value and autodiff (1e-4 relative, float32)', () => {
    const rng = new Rng(7);
    const k = 5, lambda = 0.3;
    const pu = Array.from({ length: k }, () => rng.normal()), qi = Array.from({ length: k }, () => rng.normal()), qj = Array.from({ length: k }, () => rng.normal());
    const bi = 0.4, bj = -0.2;
    const mine = bprTripleLossGrad(pu, qi, qj, bi, bj, lambda);
    const f = (p: tf.Tensor, a: tf.Tensor, b: tf.Tensor, ba: tf.Tensor, bb: tf.Tensor) => {
      const x = p.mul(a.sub(b)).sum().add(ba).sub(bb);
      const reg = p.square().sum().add(a.square().sum()).add(b.square().sum()).add(ba.square()).add(bb.square());
      return tf.softplus(x.neg()).add(reg.mul(lambda / 2)) as tf.Scalar;
    };
    const args = [tf.tensor1d(pu), tf.tensor1d(qi), tf.tensor1d(qj), tf.scalar(bi), tf.scalar(bj)];
    const v = f(args[0], args[1], args[2], args[3], args[4]).dataSync()[0];
    expect(Math.abs(v - mine.loss) / v).toBeLessThan(1e-5);
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor, e: tf.Tensor) => f(a, b, c, d, e))(args);
    const cmp = (a: ArrayLike<number>, t: tf.Tensor) => {
      const b = t.dataSync();
      for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-4 * Math.max(1, Math.abs(b[j])));
    };
    cmp(mine.dpu, g[0]); cmp(mine.dqi, g[1]); cmp(mine.dqj, g[2]); cmp([mine.dbi], g[3]); cmp([mine.dbj], g[4]);
  });
  it('hand case: equal scores give loss ln 2 and gradient -1/2 (q_i - q_j) for p_u (lambda = 0)', () => {
    const r = bprTripleLossGrad([1, 0], [1, 1], [1, 3], 0, 0, 0);
    // x = 1*(1-1) + 0*(1-3) = 0
    expect(r.loss).toBeCloseTo(Math.LN2, 14);
    expect(Array.from(r.dpu).map((v) => v + 0)).toEqual([0, 1]);
    expect(r.dbi).toBeCloseTo(-0.5, 14);
    expect(() => bprTripleLossGrad([1], [1, 2], [1], 0, 0, 0)).toThrow(/one length 1/);
  });
});

describe('fitBpr', () => {
  it('beats item popularity on held-out recall@10 (simulated implicit data)', () => {
    const { ratings } = simulateRatings({ nUsers: 300, nItems: 200, seed: 5 });
    const { train, test } = splitByUser(ratings, { seed: 1 });
    const bpr = fitBpr(train, { k: 16, epochs: 30, lambda: 0.03, seed: 2 }).model;
    const pop = itemPopularity(train);
    const seen = itemsByUser(train), held = itemsByUser(test);
    let rb = 0, rp = 0, n = 0;
    for (let u = 0; u < train.nUsers; u++) {
      if (!held[u].length) continue;
      const ex = new Set(seen[u]);
      rb += recallAtK(topNFromScores(Float64Array.from({ length: train.nItems }, (_, i) => bprScore(bpr, u, i)), 10, ex), held[u], 10);
      rp += recallAtK(topNFromScores(pop, 10, ex), held[u], 10);
      n++;
    }
    expect(rb / n).toBeGreaterThan(rp / n + 0.03);
  });
  it('rejects bad options', () => {
    const r = ratingsFromTriples(2, 3, [[0, 0, 1], [1, 1, 1]]);
    expect(() => fitBpr(r, { negatives: 'hard' as 'uniform' })).toThrow(TypeError);
    expect(() => fitBpr(r, { k: 0 })).toThrow(/k >= 1/);
  });
});
