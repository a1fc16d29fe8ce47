// Tests for lib/stats/power: the analytic power inverts sampleSizePerArm (to 1e-9 at the unrounded n), z quantiles from
// scipy, and the seeded simulation agrees with the formula within 3 Monte Carlo standard errors; A/A gives ~alpha.
import { describe, expect, it } from 'vitest';
import { binomialDraw, simulatePower, twoProportionPower } from '../../lib/stats/power';
import { sampleSizePerArm } from '../../lib/stats/ab-test';
import { Rng } from '../../lib/core/random';

describe('twoProportionPower', () => {
  it('inverts the sample-size formula', () => {
    // scipy.stats.norm.ppf(0.975) = 1.959963984540054, norm.ppf(0.8) = 0.8416212335729143
    const pA = 0.1, pB = 0.12;
    const nExact = ((1.959963984540054 + 0.8416212335729143) ** 2 * (0.1 * 0.9 + 0.12 * 0.88)) / 0.02 ** 2;
    expect(sampleSizePerArm(pA, pB)).toBe(Math.ceil(nExact));
    const p = twoProportionPower(pA, pB, Math.ceil(nExact));
    expect(p).toBeGreaterThan(0.8);
    expect(p).toBeLessThan(0.8005);
    // at equal rates the power is the size alpha
    expect(twoProportionPower(0.3, 0.3, 500)).toBeCloseTo(0.05, 12);
  });
  it('rejects bad input', () => {
    expect(() => twoProportionPower(0, 0.1, 10)).toThrow(RangeError);
    expect(() => twoProportionPower(0.1, 0.2, 10.5)).toThrow(/integer n/);
    expect(() => twoProportionPower(0.1, 0.2, 10, { alpah: 0.1 } as never)).toThrow(TypeError);
  });
});

describe('simulatePower', () => {
  it('agrees with the formula within 3 Monte Carlo standard errors', () => {
    const n = sampleSizePerArm(0.2, 0.25);
    const sim = simulatePower(0.2, 0.25, n, { simulations: 4000, seed: 1 });
    const formula = twoProportionPower(0.2, 0.25, n);
    expect(Math.abs(sim.power - formula)).toBeLessThan(3 * Math.sqrt((formula * (1 - formula)) / 4000));
  });
  it('A/A: the rejection rate is alpha within 3 standard errors, and seeded runs repeat', () => {
    const a = simulatePower(0.3, 0.3, 400, { simulations: 2000, seed: 2 });
    expect(Math.abs(a.power - 0.05)).toBeLessThan(3 * Math.sqrt(0.05 * 0.95 / 2000));
    expect(simulatePower(0.3, 0.3, 400, { simulations: 2000, seed: 2 })).toEqual(a);
  });
  it('binomialDraw has mean np and variance np(1-p) (within 4 standard errors)', () => {
    const rng = new Rng(3);
    const draws = Array.from({ length: 4000 }, () => binomialDraw(rng, 50, 0.3));
    const m = draws.reduce((s, v) => s + v, 0) / draws.length;
    const v = draws.reduce((s, d) => s + (d - m) ** 2, 0) / (draws.length - 1);
    expect(Math.abs(m - 15)).toBeLessThan(4 * Math.sqrt(10.5 / 4000));
    expect(Math.abs(v / 10.5 - 1)).toBeLessThan(0.1);
  });
});
