// Tests for lib/stats/normal: erf/erfc/CDF against published values (A&S tables, Python's math.erf/erfc; 1e-15 absolute or 1e-13 relative
// in the tail), the quantile against known critical values (1e-12) and as the inverse of the CDF, error paths.
import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf, normalQuantile, normalSf } from '../../lib/stats/normal';

describe('erf and erfc', () => {
  it('match published values', () => {
    const table: [number, number][] = [[0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1, 0.8427007929497149], [1.5, 0.9661051464753108], [2, 0.9953222650189527], [3, 0.9999779095030014]];
    for (const [x, v] of table) {
      expect(Math.abs(erf(x) - v)).toBeLessThan(1e-15);
      expect(Math.abs(erf(-x) + v)).toBeLessThan(1e-15);
    }
    expect(erf(0)).toBe(0);
  });
  it('erfc keeps relative precision in the tail', () => {
    const table: [number, number][] = [[2, 4.677734981047266e-3], [3, 2.209049699858544e-5], [5, 1.537459794428035e-12], [10, 2.088487583762545e-45]];
    for (const [x, v] of table) expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(1e-13);
    expect(erfc(-1)).toBeCloseTo(1 + 0.8427007929497149, 15);
    expect(erfc(30)).toBe(0);
  });
  it('is accurate on both sides of the switch from series to continued fraction (x = 1.5; values from Python math.erfc)', () => {
    const table: [number, number][] = [[1.499999999, 0.03389485364361957], [1.500000001, 0.03389485340575897], [1.4999, 0.03390674833770473], [1.5001, 0.033882962279582506]];
    for (const [x, v] of table) expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(1e-13);
  });
});

describe('normal CDF and quantile', () => {
  it('CDF at known points', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(Math.abs(normalCdf(1.959963984540054) - 0.975)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(-3) - 0.0013498980316300946)).toBeLessThan(1e-17);
    expect(Math.abs(normalSf(8) / 6.22096057427178e-16 - 1)).toBeLessThan(1e-12);
  });
  it('quantile at known critical values', () => {
    const table: [number, number][] = [[0.975, 1.959963984540054], [0.95, 1.6448536269514722], [0.995, 2.5758293035489004], [0.8, 0.8416212335729143], [0.5, 0], [1e-10, -6.361340902404056]];
    for (const [p, z] of table) expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-12);
  });
  it('is the inverse of the CDF across the range', () => {
    for (const p of [1e-300, 1e-20, 1e-5, 0.01, 0.02425, 0.3, 0.5, 0.7, 0.97575, 0.999]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) / p - 1)).toBeLessThan(1e-12);
    }
  });
  it('rejects bad input', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(/0 < p < 1/);
    expect(() => erf('1' as unknown as number)).toThrow(TypeError);
    expect(erf(Number.NaN)).toBeNaN();
  });
});
