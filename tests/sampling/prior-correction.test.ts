// Tests for lib/sampling/prior-correction: the exact Bayes posterior of two Gaussian classes under one prior, corrected,
// equals the posterior computed directly under another (1e-12); a hand-computed value; identity for equal priors;
// correcting there and back is the identity (1e-12); a logit shift of log(r1 / r0); errors.
import { describe, expect, it } from 'vitest';
import { priorCorrection } from '../../lib/sampling/prior-correction';

/** P(y = 1 | x) for N(1, 1) positives and N(-1, 1) negatives with P(y = 1) = prior. */
function posterior(x: number, prior: number): number {
  const l1 = Math.exp(-0.5 * (x - 1) ** 2), l0 = Math.exp(-0.5 * (x + 1) ** 2);
  return (prior * l1) / (prior * l1 + (1 - prior) * l0);
}

describe('priorCorrection', () => {
  it('turns the balanced-training posterior into the 2% posterior of two Gaussians (1e-12)', () => {
    const xs = Array.from({ length: 41 }, (_, i) => -4 + i * 0.2);
    const trained = xs.map((x) => posterior(x, 0.5));
    const corrected = priorCorrection(trained, { trainPrior: 0.5, targetPrior: 0.02 });
    xs.forEach((x, i) => expect(Math.abs(corrected[i] - posterior(x, 0.02))).toBeLessThan(1e-12));
  });

  it('hand-computed: p = 0.5 trained at 50% positives, used at 10%: p\' = 0.1', () => {
    // r1 = 0.1 / 0.5 = 0.2, r0 = 0.9 / 0.5 = 1.8, p' = 0.1 / (0.1 + 0.9) = 0.1
    expect(priorCorrection([0.5], { trainPrior: 0.5, targetPrior: 0.1 })[0]).toBeCloseTo(0.1, 15);
    // p = 0.8 trained at 20%, used at 5%: r1 = 0.25, r0 = 0.95 / 0.8 = 1.1875; 0.2 / (0.2 + 0.2375) = 0.457142857...
    expect(priorCorrection([0.8], { trainPrior: 0.2, targetPrior: 0.05 })[0]).toBeCloseTo(0.2 / 0.4375, 14);
  });

  it('equal priors change nothing; there and back is the identity; the logit shifts by log(r1 / r0)', () => {
    const p = [0, 0.001, 0.2, 0.5, 0.93, 1];
    expect(Array.from(priorCorrection(p, { trainPrior: 0.3, targetPrior: 0.3 }))).toEqual(p);
    const there = priorCorrection(p, { trainPrior: 0.4, targetPrior: 0.03 });
    const back = priorCorrection(there, { trainPrior: 0.03, targetPrior: 0.4 });
    p.forEach((v, i) => expect(Math.abs(back[i] - v)).toBeLessThan(1e-12));
    const logit = (v: number) => Math.log(v / (1 - v));
    const shift = Math.log((0.03 / 0.4) / (0.97 / 0.6));
    for (const i of [1, 2, 3, 4]) expect(Math.abs(logit(there[i]) - logit(p[i]) - shift)).toBeLessThan(1e-9);
  });

  it('rejects priors outside (0, 1), probabilities outside [0, 1] and non-arrays', () => {
    expect(() => priorCorrection([0.5], { trainPrior: 0, targetPrior: 0.1 })).toThrow('priorCorrection: expected 0 < trainPrior < 1, got trainPrior = 0');
    expect(() => priorCorrection([0.5], { trainPrior: 0.5, targetPrior: 1 })).toThrow(RangeError);
    expect(() => priorCorrection([0.5, 1.2], { trainPrior: 0.5, targetPrior: 0.1 })).toThrow(/got 1.2 at index 1/);
    expect(() => priorCorrection('x' as unknown as number[], { trainPrior: 0.5, targetPrior: 0.1 })).toThrow(TypeError);
  });
});
