// RLHF objective pieces: shaped token rewards sum to the objective; the sampled KL's mean converges to the exact KL
// (Monte Carlo, 4 standard errors); the closed-form optimum beats perturbed policies; categorical KL vs tfjs softmax cross-entropy minus entropy.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../lib/core/random';
import { categoricalKl, expectedObjective, optimalPolicy, rlhfObjective, sampledKl, sequenceLogProb, shapedTokenRewards } from '../../lib/lm/rlhf-objective';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('rlhf objective', () => {
  it('hand-computed: r = 2, token log-probs policy [-1, -2], ref [-1.5, -2.5], beta 0.1 -> KL 1, objective 1.9', () => {
    const o = rlhfObjective(2, [-1, -2], [-1.5, -2.5], 0.1);
    expect(o.kl).toBeCloseTo(1, 15);
    expect(o.objective).toBeCloseTo(1.9, 15);
    expect(sequenceLogProb([-1, -2])).toBe(-3);
    const shaped = shapedTokenRewards(2, [-1, -2], [-1.5, -2.5], 0.1);
    expect(Array.from(shaped).map((v) => +v.toFixed(12))).toEqual([-0.05, 1.95]);
    expect(shaped.reduce((a, b) => a + b, 0)).toBeCloseTo(o.objective, 14);
  });

  it('categoricalKl equals CE(p, log q) - H(p) from tf.losses.softmaxCrossEntropy (1e-6) and handles zeros', () => {
    const p = [0.5, 0.3, 0.2], q = [0.2, 0.2, 0.6];
    const h = -p.reduce((s, v) => s + v * Math.log(v), 0);
    const ref = tf.losses.softmaxCrossEntropy(tf.tensor2d([p]), tf.log(tf.tensor2d([q]))).dataSync()[0] - h;
    expect(Math.abs(categoricalKl(p, q) - ref)).toBeLessThan(1e-6);
    expect(categoricalKl([0, 1], [0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
    expect(categoricalKl([0.5, 0.5], [1, 0])).toBe(Infinity);
  });

  it('the mean of the single-sample KL over sampled sequences converges to the exact sequence KL', () => {
    // two-token responses from independent per-position categoricals: exact KL is the sum of the per-position KLs
    const pi = [[0.6, 0.3, 0.1], [0.2, 0.2, 0.6]], ref = [[0.4, 0.4, 0.2], [0.3, 0.3, 0.4]];
    const exact = categoricalKl(pi[0], ref[0]) + categoricalKl(pi[1], ref[1]);
    const rng = new Rng(8);
    const draw = (p: number[]) => { let u = rng.random(), i = 0; while (i < p.length - 1 && u >= p[i]) { u -= p[i]; i++; } return i; };
    const m = 20000;
    let sum = 0, sq = 0;
    for (let s = 0; s < m; s++) {
      const y = [draw(pi[0]), draw(pi[1])];
      const v = sampledKl(y.map((t, i) => Math.log(pi[i][t])), y.map((t, i) => Math.log(ref[i][t])));
      sum += v; sq += v * v;
    }
    const mean = sum / m, se = Math.sqrt((sq / m - mean * mean) / m);
    expect(Math.abs(mean - exact)).toBeLessThan(4 * se);
  });

  it('pi* = pi_ref exp(r/beta)/Z maximises E[r] - beta KL; beta log(pi*/pi_ref) - r is the same constant for every response', () => {
    const refP = [0.5, 0.3, 0.15, 0.05], r = [0, 1, 2, -1], beta = 0.7;
    const star = optimalPolicy(refP, r, beta);
    const best = expectedObjective(star, refP, r, beta);
    // closed form of the optimum's value: beta log Z
    const z = refP.reduce((s, q, i) => s + q * Math.exp(r[i] / beta), 0);
    expect(best).toBeCloseTo(beta * Math.log(z), 12);
    const rng = new Rng(2);
    for (let t = 0; t < 200; t++) {
      const raw = star.map((p) => p * Math.exp(rng.normal(0, 0.3)));
      const s = raw.reduce((a, b) => a + b, 0);
      expect(expectedObjective(raw.map((v) => v / s), refP, r, beta)).toBeLessThanOrEqual(best + 1e-12);
    }
    const c = star.map((p, i) => beta * Math.log(p / refP[i]) - r[i]);
    for (const v of c) expect(v).toBeCloseTo(-beta * Math.log(z), 12);
    // beta -> large: stay at the reference; beta -> small: all mass on the best response
    expect(categoricalKl(optimalPolicy(refP, r, 1e4), refP)).toBeLessThan(1e-6);
    expect(optimalPolicy(refP, r, 1e-3)[2]).toBeCloseTo(1, 10);
  });

  it('rejects bad input', () => {
    expect(() => rlhfObjective(1, [-1], [-1, -2], 0.1)).toThrow('expected one reference log-prob per token, got 1 and 2');
    expect(() => rlhfObjective(1, [-1], [-1], -1)).toThrow('expected beta >= 0, got beta = -1');
    expect(() => shapedTokenRewards(1, [], [], 0.1)).toThrow(RangeError);
    expect(() => sampledKl('ab' as unknown as number[], [1])).toThrow(TypeError);
    expect(() => optimalPolicy([1], [0], 0)).toThrow(RangeError);
  });
});
