// Tests for lib/formulas/probability: Bayes' rule on hand-computed cases (the rare-disease test, exact to 1e-12), a
// seeded simulation of the same test (posterior within 0.01 of the frequency among positives), log-space stability for
// likelihoods near the smallest double (exact posteriors 2/3 and 3/7, to 1e-12), and error paths.
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
    // 5e-324 and 1e-323 are exactly 2^-1074 and 2^-1073 (the two smallest subnormals): the exact posterior is 1/3, 2/3.
    // Their product with the prior underflows in linear space (0.5 * 2^-1074 rounds to 0); log space loses only the
    // rounding of ln(2^-1074) ~ -744.4 (about 1e-13 absolute).
    expect(5e-324).toBe(2 ** -1074);
    expect(1e-323).toBe(2 ** -1073);
    expect(0.5 * 5e-324).toBe(0);
    const tiny = bayesPosterior([0.5, 0.5], [5e-324, 1e-323]);
    expect(Math.abs(tiny.posterior[0] - 1 / 3)).toBeLessThan(1e-12);
    expect(Math.abs(tiny.posterior[1] - 2 / 3)).toBeLessThan(1e-12);
    // the evidence 1.5 x 2^-1074 is not a double: it rounds to one of its two neighbours
    expect([2 ** -1074, 2 ** -1073]).toContain(tiny.evidence);
    // unequal prior, still deep in the subnormals: 0.2 * 3u / (0.2 * 3u + 0.8 * u) = 0.6 / 1.4 = 3/7 exactly
    const skewed = bayesPosterior([0.2, 0.8], [3 * 2 ** -1070, 2 ** -1070]);
    expect(Math.abs(skewed.posterior[0] - 3 / 7)).toBeLessThan(1e-12);
    expect(Math.abs(skewed.posterior[1] - 4 / 7)).toBeLessThan(1e-12);
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
