// Tests for lib/model-selection/time-series-split: folds equal scikit-learn 1.2.1's TimeSeriesSplit on fixed cases
// (python: [(tr.tolist(), te.tolist()) for tr, te in TimeSeriesSplit(**kw).split(np.zeros(13))] with Debian's
// /usr/bin/python3), every training index before every test index, and error paths.
import { describe, expect, it } from 'vitest';
import { timeSeriesSplit } from '../../lib/model-selection/time-series-split';
import type { Fold } from '../../lib/model-selection/k-fold';

const pairs = (folds: Fold[]) => folds.map((f) => [Array.from(f.train), Array.from(f.test)]);
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('timeSeriesSplit', () => {
  it('n_splits=3 on 13 rows: test blocks of 3, expanding training window', () => {
    expect(pairs(timeSeriesSplit(13, 3))).toEqual([[range(0, 4), [4, 5, 6]], [range(0, 7), [7, 8, 9]], [range(0, 10), [10, 11, 12]]]);
  });

  it('n_splits=4, test_size=2', () => {
    expect(pairs(timeSeriesSplit(13, 4, { testSize: 2 }))).toEqual([
      [range(0, 5), [5, 6]], [range(0, 7), [7, 8]], [range(0, 9), [9, 10]], [range(0, 11), [11, 12]],
    ]);
  });

  it('n_splits=3, gap=2: two rows dropped before each test block', () => {
    expect(pairs(timeSeriesSplit(13, 3, { gap: 2 }))).toEqual([[[0, 1], [4, 5, 6]], [range(0, 5), [7, 8, 9]], [range(0, 8), [10, 11, 12]]]);
  });

  it('n_splits=3, max_train_size=4: a sliding window', () => {
    expect(pairs(timeSeriesSplit(13, 3, { maxTrainSize: 4 }))).toEqual([[range(0, 4), [4, 5, 6]], [range(3, 7), [7, 8, 9]], [range(6, 10), [10, 11, 12]]]);
  });

  it('n_splits=2, test_size=3, gap=1, max_train_size=5', () => {
    expect(pairs(timeSeriesSplit(13, 2, { testSize: 3, gap: 1, maxTrainSize: 5 }))).toEqual([[range(1, 6), [7, 8, 9]], [range(4, 9), [10, 11, 12]]]);
  });

  it('invariants for many settings: train before test (with the gap), the tested rows are the last nSplits * testSize', () => {
    for (const [n, s, gap] of [[100, 5, 0], [1461, 10, 7], [31, 2, 3], [50, 7, 1]]) {
      const folds = timeSeriesSplit(n, s, { gap });
      const t = Math.floor(n / (s + 1));
      expect(folds.length).toBe(s);
      folds.forEach((f, i) => {
        expect(f.test.length).toBe(t);
        expect(f.test[0]).toBe(n - (s - i) * t);
        expect(f.train[f.train.length - 1] + gap).toBeLessThan(f.test[0]);
        if (i > 0) expect(f.train.length).toBeGreaterThan(folds[i - 1].train.length);
      });
      expect(folds[s - 1].test[t - 1]).toBe(n - 1);
    }
  });

  it('rejects splits that do not fit, with the place and the numbers', () => {
    expect(() => timeSeriesSplit(5, 5)).toThrow(new RangeError('timeSeriesSplit: expected nSplits + 1 <= 5 samples, got nSplits = 5'));
    expect(() => timeSeriesSplit(10, 3, { testSize: 4 })).toThrow(new RangeError('timeSeriesSplit: expected gap + nSplits * testSize < n, got 0 + 3 * 4 >= 10 samples'));
    expect(() => timeSeriesSplit(10, 2, { gap: -1 })).toThrow(RangeError);
    expect(() => timeSeriesSplit(10, 1)).toThrow(RangeError);
    expect(() => timeSeriesSplit(10, 2, { lag: 1 } as never)).toThrow(TypeError);
    expect(() => timeSeriesSplit('10' as unknown as number, 2)).toThrow(TypeError);
  });
});
