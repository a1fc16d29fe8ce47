// Tests for lib/generative/gaussian-kl: hand-computed KL values, the closed form against an independent Monte Carlo
// estimate of E_q[log q - log p] (within 4 standard errors), the batch form against the single form (1e-12), the log-density
// against a hand value (1e-12), and input errors.
import { describe, expect, it } from 'vitest';
import { diagGaussianLogPdf, gaussianKl, gaussianKlMonteCarlo, gaussianKlRows } from '../../lib/generative/gaussian-kl';

describe('gaussianKl (closed form)', () => {
  it('is 0 for the prior itself and matches hand values (1e-12)', () => {
    expect(gaussianKl([0, 0, 0], [0, 0, 0])).toBe(0);
    // mu = 1, sigma^2 = 1: (1 + 1 - 1 - 0) / 2 = 0.5
    expect(gaussianKl([1], [0])).toBeCloseTo(0.5, 12);
    // mu = 0, sigma^2 = 2: (2 + 0 - 1 - ln 2) / 2 = 0.1534264097200273
    expect(gaussianKl([0], [Math.log(2)])).toBeCloseTo(0.1534264097200273, 12);
    // sum over dimensions: 0.5 + 0.1534264... ; mu = -2, sigma^2 = e^-1: (e^-1 + 4 - 1 + 1) / 2 = 2.183939720585721
    expect(gaussianKl([1, 0, -2], [0, Math.log(2), -1])).toBeCloseTo(0.5 + 0.1534264097200273 + 2.183939720585721, 12);
  });

  it('agrees with a Monte Carlo estimate within 4 standard errors', () => {
    const cases: [number[], number[]][] = [
      [[0.3, -1.2, 2], [0.5, -0.7, 0.1]],
      [[0], [Math.log(0.25)]],
      [[1.5, 0.5], [-2, 1]],
    ];
    for (const [i, [mu, lv]] of cases.entries()) {
      const mc = gaussianKlMonteCarlo(mu, lv, { samples: 40_000, seed: 10 + i });
      const exact = gaussianKl(mu, lv);
      expect(Math.abs(mc.estimate - exact)).toBeLessThan(4 * mc.standardError);
      expect(mc.standardError).toBeLessThan(0.05 * Math.max(exact, 0.1));
    }
  });

  it('batch rows equal the single-row form (1e-12)', () => {
    const mu = [0.1, 0.2, -0.3, 1, 2, 0];
    const lv = [0, -1, 0.5, 0.2, -0.3, 0];
    const rows = gaussianKlRows(mu, lv, 3);
    expect(rows.length).toBe(2);
    expect(rows[0]).toBeCloseTo(gaussianKl(mu.slice(0, 3), lv.slice(0, 3)), 12);
    expect(rows[1]).toBeCloseTo(gaussianKl(mu.slice(3), lv.slice(3)), 12);
  });

  it('log-density matches the hand value of N(0; 0, 1) = -0.5 ln(2 pi) (1e-12)', () => {
    expect(diagGaussianLogPdf([0], [0], [0])).toBeCloseTo(-0.5 * Math.log(2 * Math.PI), 12);
    // N(1; 0, 4): -0.5 (ln 2pi + ln 4 + 1/4)
    expect(diagGaussianLogPdf([1], [0], [Math.log(4)])).toBeCloseTo(-0.5 * (Math.log(2 * Math.PI) + Math.log(4) + 0.25), 12);
  });

  it('rejects bad input', () => {
    expect(() => gaussianKl([0, 1], [0])).toThrow(RangeError);
    expect(() => gaussianKl([], [])).toThrow(/at least 1/);
    expect(() => gaussianKl([NaN], [0])).toThrow(RangeError);
    expect(() => gaussianKl(3 as unknown as number[], [0])).toThrow(TypeError);
    expect(() => gaussianKlRows([0, 0, 0], [0, 0, 0], 2)).toThrow(/multiple of d = 2/);
    expect(() => gaussianKlMonteCarlo([0], [0], { samples: 1 })).toThrow(RangeError);
  });
});
