// Tests for lib/model-selection/group-k-fold: folds equal scikit-learn 1.2.1's GroupKFold on fixed cases (the python call is quoted
// above each case; run with Debian's /usr/bin/python3), no group in both train and test, an exact partition, and error paths.
import { describe, expect, it } from 'vitest';
import { groupCodes, groupKFold } from '../../lib/model-selection/group-k-fold';
import type { Fold } from '../../lib/model-selection/k-fold';
import { Rng } from '../../lib/core/random';

const tests = (folds: Fold[]) => folds.map((f) => Array.from(f.test));

function checkGroupPartition(folds: Fold[], groups: ArrayLike<number | string>): void {
  const n = groups.length;
  const seen = new Int32Array(n);
  for (const f of folds) {
    expect(f.train.length + f.test.length).toBe(n);
    for (const i of f.test) seen[i]++;
    const testGroups = new Set(Array.from(f.test, (i) => groups[i]));
    for (const i of f.train) expect(testGroups.has(groups[i])).toBe(false);
  }
  expect(Array.from(seen)).toEqual(new Array(n).fill(1));
}

describe('groupKFold', () => {
  // python: from sklearn.model_selection import GroupKFold; [te.tolist() for _, te in GroupKFold(3).split(np.zeros(13), groups=g)]
  it('matches scikit-learn GroupKFold(3) on numeric groups with ties in size', () => {
    const g = [0, 0, 0, 1, 1, 2, 3, 3, 3, 3, 4, 5, 5];
    const folds = groupKFold(g, 3);
    expect(tests(folds)).toEqual([[5, 6, 7, 8, 9], [0, 1, 2, 10], [3, 4, 11, 12]]);
    checkGroupPartition(folds, g);
  });

  it('matches scikit-learn GroupKFold(4) on string groups (np.unique order)', () => {
    const g = ['b', 'a', 'c', 'a', 'd', 'b', 'e', 'a', 'c', 'f', 'f', 'g'];
    const folds = groupKFold(g, 4);
    expect(tests(folds)).toEqual([[1, 3, 7], [9, 10, 11], [2, 6, 8], [0, 4, 5]]);
    checkGroupPartition(folds, g);
  });

  it('matches scikit-learn GroupKFold(3) on unsorted numeric groups', () => {
    const g = [3, 1, 2, 3, 1, 2, 5, 5, 4, 4, 6, 6, 7, 0];
    expect(tests(groupKFold(g, 3))).toEqual([[0, 3, 10, 11, 12], [2, 5, 6, 7, 13], [1, 4, 8, 9]]);
  });

  it('hand case: 4 equal groups in 2 folds alternate 3, 2 | 1, 0 by the reversed-label tie rule', () => {
    // sizes all 2: order by label descending 3, 2, 1, 0; 3 -> fold 0, 2 -> fold 1, 1 -> fold 0 (tie: lowest), 0 -> fold 1
    const folds = groupKFold([0, 0, 1, 1, 2, 2, 3, 3], 2);
    expect(tests(folds)).toEqual([[2, 3, 6, 7], [0, 1, 4, 5]]);
  });

  it('random groups: never an entity on both sides, fold sizes balanced within the largest group', () => {
    const rng = new Rng(5);
    for (const [n, m, k] of [[200, 30, 5], [57, 7, 3], [1000, 120, 10]]) {
      const g = Array.from({ length: n }, () => rng.int(m));
      const folds = groupKFold(g, k);
      checkGroupPartition(folds, g);
      const largest = Math.max(...groupCodes(g).codes.reduce((acc, c) => (acc[c]++, acc), new Array(m).fill(0)));
      const sizes = folds.map((f) => f.test.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(largest);
    }
  });

  it('rejects bad input with the place and value', () => {
    expect(() => groupKFold([1, 1, 2], 3)).toThrow(new RangeError('groupKFold: expected k <= 2 groups, got k = 3'));
    expect(() => groupKFold([1, 2, 3], 1)).toThrow(RangeError);
    expect(() => groupKFold([1, 'a'] as unknown as number[], 2)).toThrow(TypeError);
    expect(() => groupKFold([], 2)).toThrow(RangeError);
    expect(() => groupKFold([1, NaN], 2)).toThrow(RangeError);
    expect(() => groupKFold(null as unknown as number[], 2)).toThrow(TypeError);
  });
});
