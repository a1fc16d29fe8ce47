// Tests for lib/stats/ab-test: the z-test against a hand-computed case (1e-12), z^2 against Pearson's chi-square of the 2 x 2 table
// computed from expected counts (1e-9 relative), one-sided p-values, an A/A simulation whose false-positive rate is near alpha, sample size by hand.
import { describe, expect, it } from 'vitest';
import { sampleSizePerArm, twoProportionZTest } from '../../lib/stats/ab-test';
import { Rng } from '../../lib/core/random';

describe('twoProportionZTest', () => {
  it('hand-computed: 200/1000 vs 250/1000', () => {
    // pooled 0.225, SE = sqrt(0.225 * 0.775 * 0.002) = 0.0186748..., z = 0.05 / SE = 2.677398...
    const r = twoProportionZTest({ successesA: 200, trialsA: 1000, successesB: 250, trialsB: 1000 });
    const se = Math.sqrt(0.225 * 0.775 * 0.002);
    expect(r.pooled).toBeCloseTo(0.225, 12);
    expect(Math.abs(r.standardError - se)).toBeLessThan(1e-12);
    expect(Math.abs(r.z - 0.05 / se)).toBeLessThan(1e-9);
    expect(r.z).toBeCloseTo(2.677398, 6);
    // two-sided p = 2 (1 - Phi(z)) = erfc(z / sqrt 2) = 0.007419649261025679 (Python's math.erfc, an independent implementation)
    expect(Math.abs(r.pValue / 0.007419649261025679 - 1)).toBeLessThan(1e-12);
    expect(r.significant).toBe(true);
    const half = 1.959963984540054 * Math.sqrt((0.2 * 0.8) / 1000 + (0.25 * 0.75) / 1000);
    expect(r.confidenceInterval[0]).toBeCloseTo(0.05 - half, 12);
    expect(r.confidenceInterval[1]).toBeCloseTo(0.05 + half, 12);
  });

  it("z^2 equals Pearson's chi-square of the 2 x 2 table", () => {
    for (const [xA, nA, xB, nB] of [[30, 120, 45, 130], [7, 50, 2, 60], [500, 5000, 560, 5100]]) {
      const r = twoProportionZTest({ successesA: xA, trialsA: nA, successesB: xB, trialsB: nB });
      const table = [[xA, nA - xA], [xB, nB - xB]];
      const total = nA + nB, succ = xA + xB;
      const rows = [nA, nB], cols = [succ, total - succ];
      let chi2 = 0;
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
        const expected = (rows[i] * cols[j]) / total;
        chi2 += (table[i][j] - expected) ** 2 / expected;
      }
      expect(Math.abs(r.z * r.z / chi2 - 1)).toBeLessThan(1e-9);
    }
  });

  it('one-sided p-values split the two-sided one', () => {
    const c = { successesA: 40, trialsA: 400, successesB: 55, trialsB: 400 };
    const two = twoProportionZTest(c).pValue;
    const greater = twoProportionZTest(c, { alternative: 'greater' }).pValue;
    const less = twoProportionZTest(c, { alternative: 'less' }).pValue;
    expect(greater).toBeCloseTo(two / 2, 12);
    expect(greater + less).toBeCloseTo(1, 12);
  });

  it('A/A tests reject about alpha of the time (2,000 simulated experiments, within 0.02 of 0.05)', () => {
    const rng = new Rng(2024);
    let rejections = 0;
    const runs = 2000, n = 500, p = 0.3;
    for (let r = 0; r < runs; r++) {
      let xA = 0, xB = 0;
      for (let i = 0; i < n; i++) { if (rng.random() < p) xA++; if (rng.random() < p) xB++; }
      if (twoProportionZTest({ successesA: xA, trialsA: n, successesB: xB, trialsB: n }).significant) rejections++;
    }
    expect(Math.abs(rejections / runs - 0.05)).toBeLessThan(0.02);
  });

  it('rejects bad counts', () => {
    expect(() => twoProportionZTest({ successesA: 5, trialsA: 4, successesB: 1, trialsB: 4 })).toThrow(/successesA <= trialsA/);
    expect(() => twoProportionZTest({ successesA: 1.5, trialsA: 4, successesB: 1, trialsB: 4 })).toThrow(RangeError);
    expect(() => twoProportionZTest({ successesA: 0, trialsA: 4, successesB: 0, trialsB: 4 })).toThrow(/standard error is 0/);
    expect(() => twoProportionZTest({ successesA: 1, trialsA: 0, successesB: 0, trialsB: 4 })).toThrow(RangeError);
    expect(() => twoProportionZTest(null as unknown as { successesA: number; trialsA: number; successesB: number; trialsB: number })).toThrow(TypeError);
    expect(() => twoProportionZTest({ successesA: 1, trialsA: 4, successesB: 2, trialsB: 4 }, { alpha: 1 })).toThrow(RangeError);
  });
});

describe('sampleSizePerArm', () => {
  it('by hand: 10% -> 12%, alpha 0.05, power 0.8', () => {
    const z = 1.959963984540054 + 0.8416212335729143;
    expect(sampleSizePerArm(0.1, 0.12)).toBe(Math.ceil((z * z * (0.09 + 0.1056)) / 0.0004));
    expect(sampleSizePerArm(0.1, 0.12)).toBe(3839);
    expect(() => sampleSizePerArm(0.1, 0.1)).toThrow(RangeError);
  });
});
