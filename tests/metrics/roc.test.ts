// Tests for lib/metrics/roc: scikit-learn's documented roc_curve/roc_auc_score example (exact), ties by hand, the trapezoidal
// AUC vs the rank statistic vs a brute-force count over all (positive, negative) pairs (1e-12), single-class inputs, error paths.
import { describe, expect, it } from 'vitest';
import { auc, aucRankStatistic, rocAuc, rocCurve } from '../../lib/metrics/roc';
import { Rng } from '../../lib/core/random';

/** Reference: P(s+ > s-) + P(s+ = s-)/2 by counting every pair. */
function pairAuc(y: number[], s: number[]): number {
  let wins = 0, pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] === 1) continue;
      pairs++;
      wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

describe('rocCurve', () => {
  it("matches scikit-learn's documented example (pos_label = 2)", () => {
    const c = rocCurve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], { positiveLabel: 2 });
    expect(Array.from(c.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(c.thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
  });

  it('moves tied scores together: one diagonal step (hand-computed)', () => {
    // scores 0.9 (pos), 0.5 (pos), 0.5 (neg), 0.1 (neg): the tie adds a diagonal from (0, 0.5) to (0.5, 1).
    const c = rocCurve([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1]);
    expect(Array.from(c.fpr)).toEqual([0, 0, 0.5, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 0.5, 1, 1]);
    expect(rocAuc([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1])).toBeCloseTo(0.875, 12); // 3 wins + 1 tie of 4 pairs
    expect(aucRankStatistic([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1])).toBeCloseTo(0.875, 12);
  });

  it('all scores tied gives the diagonal and AUC 0.5', () => {
    const y = [0, 1, 0, 1, 1], s = [0.3, 0.3, 0.3, 0.3, 0.3];
    const c = rocCurve(y, s);
    expect(Array.from(c.fpr)).toEqual([0, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 1]);
    expect(rocAuc(y, s)).toBe(0.5);
    expect(aucRankStatistic(y, s)).toBe(0.5);
  });

  it('perfect and reversed rankings give 1 and 0', () => {
    expect(rocAuc([0, 0, 1, 1], [1, 2, 3, 4])).toBe(1);
    expect(rocAuc([0, 0, 1, 1], [4, 3, 2, 1])).toBe(0);
    expect(aucRankStatistic([0, 0, 1, 1], [4, 3, 2, 1])).toBe(0);
  });

  for (const seed of [1, 2, 3]) {
    it(`trapezoid AUC = rank statistic = pair count on heavily tied random scores (seed ${seed})`, () => {
      const rng = new Rng(seed);
      const y: number[] = [], s: number[] = [];
      for (let i = 0; i < 300; i++) {
        const label = rng.random() < 0.3 ? 1 : 0;
        y.push(label);
        s.push(Math.round((rng.normal() + label) * 4) / 4); // quarter steps: many ties
      }
      const ref = pairAuc(y, s);
      expect(Math.abs(rocAuc(y, s) - ref)).toBeLessThan(1e-12);
      expect(Math.abs(aucRankStatistic(y, s) - ref)).toBeLessThan(1e-12);
    });
  }

  it('is unchanged by a strictly increasing transform of the scores', () => {
    const rng = new Rng(9);
    const y = Array.from({ length: 100 }, () => (rng.random() < 0.5 ? 1 : 0));
    const s = y.map((v) => rng.normal() + v);
    expect(rocAuc(y, s.map((v) => Math.exp(3 * v)))).toBeCloseTo(rocAuc(y, s), 12);
  });

  it('throws a clear RangeError for a single class', () => {
    expect(() => rocCurve([1, 1, 1], [0.1, 0.2, 0.3])).toThrow(RangeError);
    expect(() => rocAuc([1, 1, 1], [0.1, 0.2, 0.3])).toThrow(/needs both classes in yTrue, got 3 positives and 0 negatives/);
    expect(() => aucRankStatistic([0, 0], [0.1, 0.2])).toThrow(/got 0 positives and 2 negatives/);
    // with positiveLabel 2, labels {0, 1} are all negative
    expect(() => rocAuc([0, 1], [0.1, 0.2], { positiveLabel: 2 })).toThrow(RangeError);
  });

  it('rejects bad input', () => {
    expect(() => rocAuc([], [])).toThrow(/at least 1 sample/);
    expect(() => rocAuc([0, 1], [0.5])).toThrow(RangeError);
    expect(() => rocAuc([0, 1], [0.5, Number.NaN])).toThrow(RangeError);
    expect(() => rocAuc([0, 1], ['a', 'b'] as unknown as number[])).toThrow(TypeError);
  });
});

describe('auc (trapezoid)', () => {
  it('integrates by hand', () => {
    expect(auc([0, 1, 2], [0, 1, 0])).toBe(1);
    expect(auc([2, 1, 0], [0, 1, 0])).toBe(1); // decreasing x is fine
    expect(auc([0, 0.5, 0.5, 1], [0, 0, 1, 1])).toBe(0.5); // a vertical step
  });
  it('rejects non-monotone x and short input', () => {
    expect(() => auc([0, 2, 1], [0, 1, 2])).toThrow(/monotone/);
    expect(() => auc([0], [1])).toThrow(/at least 2 points/);
  });
});
