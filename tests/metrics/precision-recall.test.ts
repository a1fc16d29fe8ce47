// Tests for lib/metrics/precision-recall: scikit-learn's documented example (exact), ties by hand, AP against the
// classic definition mean over positives of precision@k (1e-12, tie-free data), single-class inputs, error paths.
import { describe, expect, it } from 'vitest';
import { averagePrecision, precisionRecallCurve } from '../../lib/metrics/precision-recall';
import { Rng } from '../../lib/core/random';

describe('precisionRecallCurve and averagePrecision', () => {
  it("matches scikit-learn's documented example, read in decreasing-threshold order", () => {
    // sklearn: precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]; AP 0.8333.
    const y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8];
    const c = precisionRecallCurve(y, s);
    expect(Array.from(c.precision).map((v) => +v.toFixed(6))).toEqual([1, 1, 0.5, 0.666667, 0.5]);
    expect(Array.from(c.recall)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(c.thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(averagePrecision(y, s)).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 12);
  });

  it('moves tied scores together (hand-computed)', () => {
    // all tied: one step from recall 0 to 1 at precision = positive rate 2/4
    const c = precisionRecallCurve([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(c.precision)).toEqual([1, 0.5]);
    expect(Array.from(c.recall)).toEqual([0, 1]);
    expect(averagePrecision([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    // 0.9 pos; tie at 0.5 of one pos and one neg; 0.1 pos: P@{0.9} = 1, P@{..0.5} = 2/3, P@all = 3/4
    expect(averagePrecision([1, 1, 0, 1], [0.9, 0.5, 0.5, 0.1])).toBeCloseTo((1 / 3) * 1 + (1 / 3) * (2 / 3) + (1 / 3) * 0.75, 12);
  });

  for (const seed of [4, 5]) {
    it(`AP equals the mean over positives of precision at their rank (tie-free, seed ${seed})`, () => {
      const rng = new Rng(seed);
      const y: number[] = [], s: number[] = [];
      for (let i = 0; i < 200; i++) {
        const label = rng.random() < 0.2 ? 1 : 0;
        y.push(label);
        s.push(rng.normal() + 1.5 * label);
      }
      const order = s.map((_, i) => i).sort((a, b) => s[b] - s[a]);
      let tp = 0, sum = 0;
      order.forEach((i, rank) => {
        if (y[i] === 1) { tp++; sum += tp / (rank + 1); }
      });
      expect(Math.abs(averagePrecision(y, s) - sum / tp)).toBeLessThan(1e-12);
    });
  }

  it('all-positive input: precision 1 everywhere, AP 1', () => {
    expect(averagePrecision([1, 1, 1], [0.2, 0.5, 0.1])).toBe(1);
  });

  it('throws a clear RangeError without positives', () => {
    expect(() => precisionRecallCurve([0, 0, 0], [0.1, 0.2, 0.3])).toThrow(/at least 1 positive in yTrue, got 0 of 3/);
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(RangeError);
  });

  it('rejects bad input', () => {
    expect(() => averagePrecision([], [])).toThrow(RangeError);
    expect(() => averagePrecision([1, 0], [0.3])).toThrow(RangeError);
    expect(() => averagePrecision([1, 0], [0.3, Infinity])).toThrow(RangeError);
  });
});
