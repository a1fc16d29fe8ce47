// Tests for lib/model-selection/k-fold: exact partition properties (every row in exactly one test part, train = the
// complement), fold sizes as scikit-learn's KFold (hand-computed), contiguous blocks without shuffling, per-class
// balance of stratified folds (each class count within 1 of n_c / k), seeded reproducibility and error paths.
import { describe, expect, it } from 'vitest';
import { foldsFromAssignment, kFold, stratifiedKFold, type Fold } from '../../lib/model-selection/k-fold';

function checkPartition(folds: Fold[], n: number): void {
  const seen = new Int32Array(n);
  for (const f of folds) {
    expect(f.train.length + f.test.length).toBe(n);
    const inTest = new Set(f.test);
    expect(inTest.size).toBe(f.test.length);
    for (const i of f.test) seen[i]++;
    for (const i of f.train) expect(inTest.has(i)).toBe(false);
    expect(new Set(f.train).size).toBe(f.train.length);
    // sorted ascending
    for (let i = 1; i < f.test.length; i++) expect(f.test[i]).toBeGreaterThan(f.test[i - 1]);
    for (let i = 1; i < f.train.length; i++) expect(f.train[i]).toBeGreaterThan(f.train[i - 1]);
  }
  expect(Array.from(seen)).toEqual(new Array(n).fill(1));
}

describe('kFold', () => {
  it('without shuffling: contiguous blocks, the first n mod k one row longer (n = 7, k = 3: [0,1,2], [3,4], [5,6])', () => {
    const folds = kFold(7, 3, { shuffle: false });
    expect(folds.map((f) => Array.from(f.test))).toEqual([[0, 1, 2], [3, 4], [5, 6]]);
    expect(Array.from(folds[1].train)).toEqual([0, 1, 2, 5, 6]);
    checkPartition(folds, 7);
  });

  it('shuffled: an exact partition with sizes floor(n/k) or +1, for many (n, k)', () => {
    for (const [n, k] of [[10, 2], [10, 10], [23, 5], [100, 7], [2, 2]]) {
      const folds = kFold(n, k, { seed: n * 31 + k });
      expect(folds.length).toBe(k);
      checkPartition(folds, n);
      const sizes = folds.map((f) => f.test.length);
      for (let f = 0; f < k; f++) expect(sizes[f]).toBe(Math.floor(n / k) + (f < n % k ? 1 : 0));
    }
  });

  it('is reproducible with a seed and differs between seeds', () => {
    const a = kFold(50, 5, { seed: 1 }), b = kFold(50, 5, { seed: 1 }), c = kFold(50, 5, { seed: 2 });
    expect(a.map((f) => Array.from(f.test))).toEqual(b.map((f) => Array.from(f.test)));
    expect(a.map((f) => Array.from(f.test))).not.toEqual(c.map((f) => Array.from(f.test)));
  });

  it('rejects k < 2, k > n, fractions and unknown options', () => {
    expect(() => kFold(10, 1)).toThrow(RangeError);
    expect(() => kFold(150, 200, { seed: 1 })).toThrow('expected k <= 150 samples, got k = 200');
    expect(() => kFold(10, 2.5, { seed: 1 })).toThrow(RangeError);
    expect(() => kFold(0, 2, { seed: 1 })).toThrow(RangeError);
    expect(() => kFold(10, 2, { sead: 1 } as never)).toThrow(TypeError);
    expect(() => kFold('10' as unknown as number, 2, { seed: 1 })).toThrow(TypeError);
  });
});

describe('stratifiedKFold', () => {
  it('keeps every class within 1 of n_c / k in every fold and fold sizes within 1, exact partition', () => {
    // imbalanced: 50 of class 0, 30 of class 1, 7 of class 2, 3 of class 5 (fewer than k)
    const labels = [...new Array(50).fill(0), ...new Array(30).fill(1), ...new Array(7).fill(2), ...new Array(3).fill(5)];
    const k = 4;
    const folds = stratifiedKFold(labels, k, { seed: 9 });
    checkPartition(folds, labels.length);
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const c of [0, 1, 2, 5]) {
      const nc = labels.filter((v) => v === c).length;
      for (const f of folds) {
        const count = Array.from(f.test).filter((i) => labels[i] === c).length;
        expect(Math.abs(count - nc / k)).toBeLessThan(1);
      }
    }
  });

  it('hand case without shuffling: labels [0,0,0,0,1,1] with k = 2 deal class 0 as 0,1,0,1 and class 1 as 0,1', () => {
    const folds = stratifiedKFold([0, 0, 0, 0, 1, 1], 2, { shuffle: false });
    expect(Array.from(folds[0].test)).toEqual([0, 2, 4]);
    expect(Array.from(folds[1].test)).toEqual([1, 3, 5]);
  });

  it('unsorted labels and reproducibility', () => {
    const labels = Int32Array.from({ length: 40 }, (_, i) => (i * 7) % 3);
    const a = stratifiedKFold(labels, 5, { seed: 3 }), b = stratifiedKFold(labels, 5, { seed: 3 });
    checkPartition(a, 40);
    expect(a.map((f) => Array.from(f.test))).toEqual(b.map((f) => Array.from(f.test)));
  });

  it('rejects non-integer labels, empty labels, k > n', () => {
    expect(() => stratifiedKFold([0, 1.5, 1], 2, { seed: 1 })).toThrow(TypeError);
    expect(() => stratifiedKFold([], 2, { seed: 1 })).toThrow(RangeError);
    expect(() => stratifiedKFold([0, 1, 0], 4, { seed: 1 })).toThrow('expected k <= 3 samples, got k = 4');
    expect(() => stratifiedKFold(null as unknown as number[], 2)).toThrow(TypeError);
  });
});

describe('foldsFromAssignment', () => {
  it('builds folds from fold numbers and rejects out-of-range ones', () => {
    const folds = foldsFromAssignment([1, 0, 1, 2], 3);
    expect(folds.map((f) => Array.from(f.test))).toEqual([[1], [0, 2], [3]]);
    expect(() => foldsFromAssignment([0, 3], 3)).toThrow(RangeError);
  });
});
