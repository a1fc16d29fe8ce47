// Tests for lib/classic/quantile-bins: thresholds against scikit-learn 1.2.1's _find_binning_thresholds (to 1e-12),
// bin codes against the definition thresholds[b-1] < x <= thresholds[b], missing values, errors.
import { describe, expect, it } from 'vitest';
import { binOf, columnThresholds, MISSING_BIN, QuantileBinner } from '../../lib/classic/quantile-bins';

// /usr/bin/python3: from sklearn.ensemble._hist_gradient_boosting.binning import _find_binning_thresholds
// a = np.array([((i*7919) % 1009)**2 / 1000 for i in range(2000)]); _find_binning_thresholds(a, 16) and (a, 32)
const sk16 = [3.9065, 15.750499999999999, 35.5325, 63.2525, 99.225, 142.884, 194.481, 254.016, 321.489, 397.53049999999996, 480.9425, 572.2925, 671.5805, 778.8064999999999, 893.9705];
const sk32 = [0.961, 3.9065, 8.836, 15.750499999999999, 24.8065, 35.5325, 48.6205, 63.2525, 80.3725, 99.225, 120.0625, 142.884, 167.6905, 194.481, 223.729, 254.016, 286.7605, 321.489, 358.2025, 397.53049999999996, 437.5825, 480.9425, 524.9005, 572.2925, 620.944, 671.5805, 724.201, 778.8064999999999, 834.4825, 893.9705, 953.5525];
// _find_binning_thresholds(np.arange(1, 101.)**1.5, 7)
const skPow = [61.047375096555626, 160.24327332922522, 286.9164190481306, 436.02770147526974, 604.5984464203492, 790.596234741263];

describe('columnThresholds against scikit-learn', () => {
  const a = Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 1009) ** 2 / 1000);
  for (const [bins, ref] of [[16, sk16], [32, sk32]] as const) {
    it(`quantile case, ${bins} bins, 2000 values with repeats: equal to 1e-12`, () => {
      const t = columnThresholds(a, bins);
      expect(t.length).toBe(ref.length);
      ref.forEach((r, k) => expect(Math.abs(t[k] - r)).toBeLessThan(1e-12));
    });
  }
  it('quantile case with fractional ranks, 7 bins', () => {
    const t = columnThresholds(Array.from({ length: 100 }, (_, i) => (i + 1) ** 1.5), 7);
    skPow.forEach((r, k) => expect(Math.abs(t[k] - r) / r).toBeLessThan(1e-12));
  });
  it('quantile case with integer ranks (the value itself, not a midpoint): 101 values, 4 and 10 bins', () => {
    // _find_binning_thresholds(np.arange(1, 102.)**1.5, 4) and (..., 10)
    const ref4 = [132.5745073534124, 364.21284985568536, 662.5526394181824];
    const ref10 = [36.48287269390939, 96.23408959407264, 172.60069524773067, 262.5280937347468, 364.21284985568536, 476.4252302303059, 598.2566338955214, 729.0, 868.0846732894205];
    const v = Array.from({ length: 101 }, (_, i) => (i + 1) ** 1.5);
    for (const [bins, ref] of [[4, ref4], [10, ref10]] as const) {
      const t = columnThresholds(v, bins);
      ref.forEach((r, k) => expect(Math.abs(t[k] - r) / r).toBeLessThan(1e-12));
    }
  });
  it('few distinct values: midpoints, NaN ignored (sklearn gives [1.5, 2.5, 4])', () => {
    expect(Array.from(columnThresholds([3, 1, NaN, 2, 2, 5, NaN, 1], 255))).toEqual([1.5, 2.5, 4]);
    expect(columnThresholds([NaN, NaN], 16).length).toBe(0);
    expect(columnThresholds([7, 7, 7], 16).length).toBe(0);
  });
});

describe('QuantileBinner', () => {
  it('codes follow thresholds[b-1] < x <= thresholds[b]; NaN gets MISSING_BIN; roughly equal counts per bin', () => {
    const n = 1000;
    const x = Array.from({ length: n }, (_, i) => [((i * 37) % n) / 10, i % 13 === 0 ? NaN : i % 4]);
    const b = new QuantileBinner({ maxBins: 10 }).fit(x);
    expect(Array.from(b.nBins)).toEqual([10, 4]);
    const codes = b.transform(x);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) {
      const c = codes[2 * i], t = b.thresholds[0];
      if (c > 0) expect(x[i][0]).toBeGreaterThan(t[c - 1]);
      if (c < t.length) expect(x[i][0]).toBeLessThanOrEqual(t[c]);
      counts[c]++;
      expect(codes[2 * i + 1]).toBe(Number.isNaN(x[i][1]) ? MISSING_BIN : x[i][1]);
    }
    for (const c of counts) expect(Math.abs(c - 100)).toBeLessThanOrEqual(1);
    expect(binOf(-1e9, b.thresholds[0])).toBe(0);
    expect(binOf(1e9, b.thresholds[0])).toBe(9);
  });
  it('errors', () => {
    expect(() => new QuantileBinner({ maxBins: 256 })).toThrow(RangeError);
    expect(() => new QuantileBinner({ maxBins: 1 })).toThrow('expected maxBins to be an integer in [2, 255], got maxBins = 1');
    expect(() => new QuantileBinner().fit([[1, Infinity]])).toThrow('got Infinity at row 0, column 1');
    expect(() => new QuantileBinner().transform([[1]])).toThrow('call fit(x) before transform');
    expect(() => new QuantileBinner().fit([[1, 2]]).transform([[1]])).toThrow('expected x with 2 columns (as in fit), got 1');
  });
});
