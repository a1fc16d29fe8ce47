// Tests for lib/stats/sequential: the mSPRT ratio against the formula by hand; under H0 its expectation is 1 (a martingale),
// checked by Simpson integration over the N(0, V) estimate (range +-12 sd of the N(0, V + tau^2) mixture) to 1e-8; simulated false-positive rate with a look after
// every 20 users stays <= alpha + 2 MC standard errors, while naive z-tests at the same looks exceed 3 alpha.
import { describe, expect, it } from 'vitest';
import { MixtureSprt, msprtLikelihoodRatio } from '../../lib/stats/sequential';
import { Rng } from '../../lib/core/random';
import { normalQuantile } from '../../lib/stats/normal';

describe('msprtLikelihoodRatio', () => {
  it('hand-computed', () => {
    // V = 0.04, tau = 0.1: sqrt(0.04/0.05) exp(0.01 * 0.09 / (2 * 0.04 * 0.05)) = 0.894427191 * exp(0.225)
    expect(msprtLikelihoodRatio(0.3, 0.04, 0.1)).toBeCloseTo(Math.sqrt(0.8) * Math.exp(0.225), 12);
    expect(msprtLikelihoodRatio(0, 1, 1)).toBeCloseTo(Math.SQRT1_2, 12);
  });
  it('has expectation 1 under H0 (Simpson over the normal density)', () => {
    for (const [V, tau] of [[0.04, 0.1], [1, 0.5], [0.01, 0.3]]) {
      const sd = Math.sqrt(V + tau * tau), steps = 20000, lo = -12 * sd, h = (24 * sd) / steps;
      let s = 0;
      for (let i = 0; i <= steps; i++) {
        const e = lo + i * h;
        const f = msprtLikelihoodRatio(e, V, tau) * Math.exp(-(e * e) / (2 * V)) / Math.sqrt(2 * Math.PI * V);
        s += f * (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2);
      }
      expect(Math.abs((s * h) / 3 - 1)).toBeLessThan(1e-8);
    }
  });
  it('rejects bad input', () => {
    expect(() => msprtLikelihoodRatio(0.1, 0, 1)).toThrow(RangeError);
    expect(() => new MixtureSprt({ tau: -1 })).toThrow(/tau > 0/);
  });
});

describe('MixtureSprt under repeated looks', () => {
  it('keeps the false-positive rate at alpha while naive peeking inflates it', () => {
    const rng = new Rng(7), sims = 1000, looks = 50, batch = 20, alpha = 0.05, z = normalQuantile(0.975);
    let naive = 0, seq = 0;
    for (let s = 0; s < sims; s++) {
      let sumA = 0, sumB = 0, n = 0, naiveHit = false;
      const test = new MixtureSprt({ tau: 0.2, alpha });
      for (let k = 0; k < looks; k++) {
        for (let i = 0; i < batch; i++) { sumA += rng.normal(); sumB += rng.normal(); }
        n += batch;
        const est = sumB / n - sumA / n, V = 2 / n;
        if (Math.abs(est) / Math.sqrt(V) > z) naiveHit = true;
        test.update(est, V);
      }
      if (naiveHit) naive++;
      if (test.rejected) seq++;
    }
    expect(naive / sims).toBeGreaterThan(3 * alpha);
    expect(seq / sims).toBeLessThanOrEqual(alpha + 2 * Math.sqrt(alpha * (1 - alpha) / sims));
  });
  it('p-values never increase and detect a real effect', () => {
    const rng = new Rng(8), t = new MixtureSprt({ tau: 0.3 });
    let sumA = 0, sumB = 0, prev = 1;
    for (let n = 1; n <= 2000; n++) {
      sumA += rng.normal(); sumB += rng.normal(0.3);
      t.update(sumB / n - sumA / n, 2 / n);
      expect(t.pValue).toBeLessThanOrEqual(prev);
      prev = t.pValue;
    }
    expect(t.rejected).toBe(true);
  });
});
