// Tests for lib/stats/multiple-testing: a hand-worked BH case; adjusted p-values against an independent numpy
// implementation (1e-8); simulated FDR of BH <= alpha and FWER of Bonferroni <= alpha within 2 MC standard errors.
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, bonferroni } from '../../lib/stats/multiple-testing';
import { Rng } from '../../lib/core/random';
import { normalSf } from '../../lib/stats/normal';

const P = [0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.021, 0.8, 0.001, 0.06];

describe('benjaminiHochberg', () => {
  it('hand-worked: thresholds k * 0.05 / 10; the largest k with p_(k) <= threshold is 3', () => {
    // sorted: 0.001 <= 0.005, 0.005 <= 0.010, 0.010 <= 0.015, 0.021 > 0.020, 0.03 > 0.025, 0.04 > 0.030, 0.06 > 0.035, ...
    const r = benjaminiHochberg(P);
    expect(r.discoveries).toBe(3);
    expect(r.threshold).toBe(0.01);
    expect(r.reject).toEqual([true, false, false, true, false, false, false, false, true, false]);
  });
  it('step-up, not step-down: a p-value above its threshold does not stop the search', () => {
    // m = 4, thresholds 0.0125, 0.025, 0.0375, 0.05: p_(2) = 0.03 fails but p_(3) = 0.035 passes, so k = 3
    const r = benjaminiHochberg([0.035, 0.9, 0.01, 0.03]);
    expect(r.discoveries).toBe(3);
    expect(r.reject).toEqual([true, false, true, true]);
  });
  it('adjusted p-values match numpy', () => {
    // /usr/bin/python3: o = argsort(p); q = minimum.accumulate((p[o]*m/arange(1,m+1))[::-1])[::-1]; adj[o] = minimum(q, 1)
    const ref = [0.03333333333333333, 0.06666666666666667, 0.06, 0.025, 0.25, 0.5555555555555556, 0.0525, 0.8, 0.01, 0.08571428571428572];
    const r = benjaminiHochberg(P);
    r.adjusted.forEach((v, i) => expect(Math.abs(v - ref[i])).toBeLessThan(1e-8));
    r.adjusted.forEach((v, i) => expect(v <= 0.05).toBe(r.reject[i]));
  });
  it('rejects bad input', () => {
    expect(() => benjaminiHochberg([])).toThrow(RangeError);
    expect(() => benjaminiHochberg([0.5, 1.2])).toThrow(/pValues\[1\]/);
    expect(() => bonferroni([0.1], { alpha: 0 })).toThrow(RangeError);
  });
});

describe('bonferroni', () => {
  it('hand-worked: reject p <= 0.005', () => {
    const r = bonferroni(P);
    expect(r.reject.filter(Boolean).length).toBe(2);
    expect(r.adjusted[0]).toBeCloseTo(0.1, 12);
    expect(r.adjusted[7]).toBe(1);
  });
});

describe('error rates by simulation', () => {
  it('BH controls FDR, Bonferroni controls FWER', () => {
    const rng = new Rng(11), sims = 800, m = 50, m1 = 10, alpha = 0.1;
    let fdpSum = 0, fwer = 0, bhFwer = 0;
    for (let s = 0; s < sims; s++) {
      const p = Array.from({ length: m }, (_, i) => normalSf(rng.normal(i < m1 ? 3 : 0)));
      const bh = benjaminiHochberg(p, { alpha });
      const falseBh = bh.reject.filter((r, i) => r && i >= m1).length;
      fdpSum += bh.discoveries === 0 ? 0 : falseBh / bh.discoveries;
      if (falseBh > 0) bhFwer++;
      if (bonferroni(p, { alpha }).reject.some((r, i) => r && i >= m1)) fwer++;
    }
    // E[FDP] = alpha * m0 / m = 0.08 for independent tests
    expect(fdpSum / sims).toBeLessThanOrEqual(alpha + 0.02);
    expect(Math.abs(fdpSum / sims - alpha * 40 / 50)).toBeLessThan(0.02);
    expect(fwer / sims).toBeLessThanOrEqual(alpha + 2 * Math.sqrt(alpha * (1 - alpha) / sims));
    expect(bhFwer / sims).toBeGreaterThan(fwer / sims);
  });
});
