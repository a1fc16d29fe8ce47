// Tests for lib/formulas/probability: Bayes' rule on hand-computed cases (the rare-disease test, exact to 1e-12), a
// seeded simulation of the same test (posterior within 0.01 of the frequency among positives), log-space stability for
// likelihoods near the smallest double, and error paths.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../lib/core/random';
import { bayesPosterior } from '../../lib/formulas/probability';

describe('bayesPosterior', () => {
  it('the rare-disease test: 1% prevalence, 99% sensitivity, 5% false positives gives P(ill | +) = 1/6', () => {
    const { posterior, evidence } = bayesPosterior([0.01, 0.99], [0.99, 0.05]);
    expect(evidence).toBeCloseTo(0.01 * 0.99 + 0.99 * 0.05, 12);
    expect(posterior[0]).toBeCloseTo(0.0099 / 0.0594, 12);
    expect(posterior[0] + posterior[1]).toBeCloseTo(1, 12);
  });

  it('matches the frequency of illness among positive tests in a seeded simulation', () => {
    const rng = new Rng(2024);
    let positives = 0, illAndPositive = 0;
    for (let i = 0; i < 400_000; i++) {
      const ill = rng.random() < 0.01;
      const positive = rng.random() < (ill ? 0.99 : 0.05);
      if (positive) { positives++; if (ill) illAndPositive++; }
    }
    expect(Math.abs(illAndPositive / positives - bayesPosterior([0.01, 0.99], [0.99, 0.05]).posterior[0])).toBeLessThan(0.01);
  });

  it('a uniform prior gives the normalised likelihood; a zero prior stays zero; tiny likelihoods do not underflow', () => {
    const flat = bayesPosterior([0.5, 0.5], [0.2, 0.6]).posterior;
    expect(flat[0]).toBeCloseTo(0.25, 12);
    expect(flat[1]).toBeCloseTo(0.75, 12);
    expect(bayesPosterior([0, 1], [1, 0.1]).posterior[0]).toBe(0);
    const tiny = bayesPosterior([0.5, 0.5], [5e-324, 1e-323]);
    expect(tiny.posterior[1]).toBeCloseTo(2 / 3, 1);
    expect(tiny.evidence).toBeGreaterThan(0);
  });

  it('rejects bad input', () => {
    expect(() => bayesPosterior([], [])).toThrow(RangeError);
    expect(() => bayesPosterior([0.5, 0.5], [1])).toThrow(/expected 2 likelihoods/);
    expect(() => bayesPosterior([0.5, 0.6], [1, 1])).toThrow(/sum to 1/);
    expect(() => bayesPosterior([0.5, 0.5], [-1, 1])).toThrow(/likelihoods >= 0/);
    expect(() => bayesPosterior([0.5, 0.5], [NaN, 1])).toThrow(RangeError);
    expect(() => bayesPosterior([1, 0], [0, 1])).toThrow(/evidence P\(d\) is 0/);
    expect(() => bayesPosterior('x' as unknown as number[], [1])).toThrow(TypeError);
  });
});
