// Tests for lib/mlops/drift: PSI by hand (1e-12), the eps floor, merged edges for discrete data, statistical checks (same vs shifted
// distribution); KS statistic by hand with ties, the Kolmogorov p-value against table critical values (2e-4) and its two series forms
// against each other (1e-12), and the false-positive rate under H0.
import { describe, expect, it } from 'vitest';
import { kolmogorovSurvival, ksTwoSample, populationStabilityIndex, psiFromProportions } from '../../lib/mlops/drift';
import { Rng } from '../../lib/core/random';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('population stability index', () => {
  it('by hand from shares', () => {
    // (0.25 - 0.5) ln(0.25/0.5) + (0.75 - 0.5) ln(0.75/0.5) = 0.25 ln 2 + 0.25 ln 1.5 = 0.25 ln 3
    expect(psiFromProportions([0.5, 0.5], [0.25, 0.75]).psi).toBeCloseTo(0.25 * Math.log(3), 12);
    expect(psiFromProportions([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]).psi).toBe(0);
  });

  it('by hand from samples (reference median edge 5.5)', () => {
    const r = populationStabilityIndex(range(1, 10), [1, 2, 3, 8], { bins: 2 });
    expect(Array.from(r.edges)).toEqual([5.5]);
    expect(Array.from(r.expected)).toEqual([0.5, 0.5]);
    expect(Array.from(r.actual)).toEqual([0.75, 0.25]);
    expect(r.psi).toBeCloseTo(0.25 * Math.log(3), 12);
  });

  it('floors empty bins at eps', () => {
    const r = populationStabilityIndex(range(1, 10), [9, 10], { bins: 2 });
    expect(r.psi).toBeCloseTo((1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2), 12);
    const r2 = populationStabilityIndex(range(1, 10), [9, 10], { bins: 2, eps: 1e-2 });
    expect(r2.psi).toBeCloseTo((1e-2 - 0.5) * Math.log(1e-2 / 0.5) + 0.5 * Math.log(2), 12);
  });

  it('merges equal quantile edges of discrete data', () => {
    const r = populationStabilityIndex([0, 0, 0, 0, 0, 0, 1, 1, 1, 1], [0, 1, 1, 1], { bins: 10 });
    // quantiles 0.1..0.9 of [0 x 6, 1 x 4] (rank 9q): 0 (x5), 0.4, 1 (x3) -> distinct edges 0, 0.4, 1
    expect(Array.from(r.edges).map((e) => +e.toFixed(12))).toEqual([0, 0.4, 1]);
    // shares: reference 0.6 at 0 and 0.4 at 1; current 0.25 and 0.75; the two empty bins are floored in both and add 0
    expect(r.psi).toBeCloseTo((0.25 - 0.6) * Math.log(0.25 / 0.6) + (0.75 - 0.4) * Math.log(0.75 / 0.4), 12);
  });

  it('is small for the same distribution and large for a one-sd shift (statistical, 5,000 normals each)', () => {
    const rng = new Rng(7);
    const ref = Array.from({ length: 5000 }, () => rng.normal());
    const same = Array.from({ length: 5000 }, () => rng.normal());
    const shifted = Array.from({ length: 5000 }, () => rng.normal(1, 1));
    expect(populationStabilityIndex(ref, same).psi).toBeLessThan(0.02);
    expect(populationStabilityIndex(ref, shifted).psi).toBeGreaterThan(0.25);
  });

  it('rejects bad input', () => {
    expect(() => populationStabilityIndex([1], [1])).toThrow(/at least 2 reference/);
    expect(() => populationStabilityIndex([1, 2], [1], { bins: 1 })).toThrow(RangeError);
    expect(() => populationStabilityIndex([1, 2], [Number.NaN])).toThrow(RangeError);
    expect(() => psiFromProportions([0.5, 0.5], [0.7, 0.7])).toThrow(/sum to 1/);
    expect(() => psiFromProportions([0.5, 0.5], [1])).toThrow(RangeError);
    expect(() => populationStabilityIndex([1, 2, 3], [1], { strategy: 'kmeans' as 'uniform' })).toThrow(/strategy/);
  });
});

describe('two-sample Kolmogorov-Smirnov', () => {
  it('statistic by hand', () => {
    // F_a - F_b at 2: 0.5 - 0; at 3: 0.75 - 0.2; at 4: 1 - 0.4 = 0.6 (largest)
    const r = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6, 7]);
    expect(r.statistic).toBeCloseTo(0.6, 12);
    expect(r.location).toBe(4);
    // ties step both CDFs together: at 1: 0.25 - 0; at 2: 0.75 - 0.75; at 3: 1 - 0.75
    expect(ksTwoSample([1, 2, 2, 3], [2, 2, 2, 4]).statistic).toBeCloseTo(0.25, 12);
    expect(ksTwoSample([1, 2, 3], [3, 2, 1]).statistic).toBe(0);
    expect(ksTwoSample([1, 2, 3], [3, 2, 1]).pValue).toBe(1);
    expect(ksTwoSample([1, 2], [5, 6, 7]).statistic).toBe(1);
  });

  it('p-value = Q(sqrt(nm/(n+m)) D) (and with Stephens\' correction)', () => {
    const r = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6, 7]);
    expect(r.pValue).toBeCloseTo(kolmogorovSurvival(Math.sqrt(20 / 9) * 0.6), 14);
    const s = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6, 7], { correction: 'stephens' });
    const sq = Math.sqrt(20 / 9);
    expect(s.pValue).toBeCloseTo(kolmogorovSurvival((sq + 0.12 + 0.11 / sq) * 0.6), 14);
  });

  it('Kolmogorov distribution matches the table of critical values (alpha 0.10, 0.05, 0.01; 2e-4)', () => {
    expect(Math.abs(kolmogorovSurvival(1.22385) - 0.1)).toBeLessThan(2e-4);
    expect(Math.abs(kolmogorovSurvival(1.35810) - 0.05)).toBeLessThan(2e-4);
    expect(Math.abs(kolmogorovSurvival(1.62762) - 0.01)).toBeLessThan(2e-4);
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(10)).toBeLessThan(1e-80);
  });

  it('the theta-function form used below lambda = 1 agrees with the alternating series (1e-12)', () => {
    const alternating = (l: number) => {
      let s = 0;
      for (let k = 1; k <= 400; k++) s += (k % 2 === 1 ? 2 : -2) * Math.exp(-2 * k * k * l * l);
      return s;
    };
    for (const l of [0.5, 0.7, 0.9, 0.999]) expect(Math.abs(kolmogorovSurvival(l) - alternating(l))).toBeLessThan(1e-12);
    expect(Math.abs(kolmogorovSurvival(1 - 1e-12) - kolmogorovSurvival(1))).toBeLessThan(1e-10);
  });

  it('under H0 rejects at most about alpha of the time; detects a 0.5-sd shift (statistical)', () => {
    const rng = new Rng(99);
    let rejections = 0;
    for (let r = 0; r < 400; r++) {
      const a = Array.from({ length: 150 }, () => rng.normal());
      const b = Array.from({ length: 200 }, () => rng.normal());
      if (ksTwoSample(a, b).pValue < 0.05) rejections++;
    }
    expect(rejections / 400).toBeLessThan(0.08); // the asymptotic p-value is slightly conservative
    const a = Array.from({ length: 300 }, () => rng.normal());
    const b = Array.from({ length: 300 }, () => rng.normal(0.5, 1));
    expect(ksTwoSample(a, b).pValue).toBeLessThan(1e-4);
  });

  it('rejects bad input', () => {
    expect(() => ksTwoSample([], [1])).toThrow(/non-empty/);
    expect(() => ksTwoSample([1, Number.NaN], [1])).toThrow(RangeError);
    expect(() => ksTwoSample('12' as unknown as number[], [1])).toThrow(TypeError);
    expect(() => kolmogorovSurvival(Number.NaN)).toThrow(TypeError);
  });
});
