// Tests for lib/stats/srm: chi-square upper tails and SRM tests against scipy 1.10 (1e-10 relative).
import { describe, expect, it } from 'vitest';
import { chiSquareSf, sampleRatioMismatch } from '../../lib/stats/srm';

describe('chiSquareSf', () => {
  it('matches scipy.stats.chi2.sf', () => {
    // [stats.chi2.sf(x, df) for x, df in [(3.2,1),(10.5,1),(4.0,2),(7.7,3),(12.3,4),(0.4,5)]]
    const ref = [0.07363827012030258, 0.0011937454448720044, 0.1353352832366127, 0.05263626600872372, 0.015254394655769615, 0.9953295932358704];
    [[3.2, 1], [10.5, 1], [4.0, 2], [7.7, 3], [12.3, 4], [0.4, 5]].forEach(([x, df], i) => expect(Math.abs(chiSquareSf(x, df) / ref[i] - 1)).toBeLessThan(1e-10));
  });
});

describe('sampleRatioMismatch', () => {
  it('matches scipy.stats.chisquare', () => {
    // stats.chisquare([50421, 49579]) -> statistic 7.08964, p 0.007753081977997388
    const r = sampleRatioMismatch([50421, 49579]);
    expect(r.chiSquare).toBeCloseTo(7.08964, 10);
    expect(Math.abs(r.pValue / 0.007753081977997388 - 1)).toBeLessThan(1e-10);
    // stats.chisquare([3300, 3350, 3150]) -> 6.63265306122449, p 0.0362858823037167
    const t = sampleRatioMismatch([3300, 3350, 3150]);
    expect(Math.abs(t.pValue / 0.0362858823037167 - 1)).toBeLessThan(1e-10);
  });
  it('uses designed shares and rejects bad input', () => {
    expect(sampleRatioMismatch([900, 100], [0.9, 0.1]).chiSquare).toBe(0);
    expect(() => sampleRatioMismatch([10])).toThrow(/2 arms/);
    expect(() => sampleRatioMismatch([10, 10], [0.6, 0.6])).toThrow(/summing to 1/);
    expect(() => sampleRatioMismatch([10.5, 10])).toThrow(RangeError);
  });
});
