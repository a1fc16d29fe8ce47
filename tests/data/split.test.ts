import { afterEach, describe, expect, it } from 'vitest';
import { Rng, seed, unseed } from '../../lib/core/random';
import { loadIris } from '../../lib/data/datasets';
import { take, takeRows, trainTestSplit } from '../../lib/data/split';

afterEach(() => unseed());

const sorted = (a: ArrayLike<number>) => Array.from(a).sort((p, q) => p - q);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('trainTestSplit', () => {
  it('splits 150 rows into 120 train and 30 test, disjoint and covering every row', () => {
    const s = trainTestSplit(150, { testFraction: 0.2, seed: 1 });
    expect([s.train.length, s.test.length]).toEqual([120, 30]);
    expect(s.train).toBeInstanceOf(Int32Array);
    expect(sorted([...s.train, ...s.test])).toEqual(range(150));
  });

  it('is deterministic per seed, differs across seeds, and uses the global seed when none is given', () => {
    expect(trainTestSplit(50, { seed: 3 })).toEqual(trainTestSplit(50, { seed: 3 }));
    expect(trainTestSplit(50, { seed: 3 }).test).not.toEqual(trainTestSplit(50, { seed: 4 }).test);
    expect(() => trainTestSplit(50)).toThrow(/no seed set/);
    seed(11);
    const a = trainTestSplit(50);
    seed(11);
    expect(trainTestSplit(50)).toEqual(a);
  });

  it('has the right sizes and is a partition for 300 random (n, testFraction, seed)', () => {
    const r = new Rng(5);
    for (let t = 0; t < 300; t++) {
      const n = 2 + r.int(200);
      const f = 0.01 + 0.98 * r.random();
      const s = trainTestSplit(n, { testFraction: f, seed: t });
      const nTest = Math.min(n - 1, Math.max(1, Math.round(f * n)));
      expect(s.test.length).toBe(nTest);
      expect(sorted([...s.train, ...s.test])).toEqual(range(n));
    }
  });

  it('stratified on iris: 10 of each species in a 20% test set', () => {
    const iris = loadIris();
    const s = trainTestSplit(iris.n, { testFraction: 0.2, seed: 2, stratify: iris.y });
    const count = (idx: Int32Array, c: number) => Array.from(idx).filter((i) => iris.y[i] === c).length;
    expect([0, 1, 2].map((c) => count(s.test, c))).toEqual([10, 10, 10]);
    expect([0, 1, 2].map((c) => count(s.train, c))).toEqual([40, 40, 40]);
    expect(sorted([...s.train, ...s.test])).toEqual(range(150));
  });

  it('stratified with unequal classes: each class within one row of its exact share, total exact', () => {
    const r = new Rng(8);
    for (let t = 0; t < 100; t++) {
      const k = 2 + r.int(4);
      const sizes = Array.from({ length: k }, () => 2 + r.int(40));
      const labels = Int32Array.from(sizes.flatMap((m, c) => new Array<number>(m).fill(c * 7 - 3))); // labels need not be 0..k-1
      new Rng(t).shuffle<number, Int32Array>(labels);
      const n = labels.length;
      const f = 0.1 + 0.6 * r.random();
      const nTest = Math.min(n - 1, Math.max(1, Math.round(f * n)));
      if (nTest > n - k) continue;
      const s = trainTestSplit(n, { testFraction: f, seed: t, stratify: labels });
      expect(s.test.length).toBe(nTest);
      expect(sorted([...s.train, ...s.test])).toEqual(range(n));
      sizes.forEach((m, c) => {
        const inTest = Array.from(s.test).filter((i) => labels[i] === c * 7 - 3).length;
        expect(Math.abs(inTest - (m * nTest) / n)).toBeLessThan(1);
        expect(inTest).toBeLessThan(m); // every class keeps a train row
      });
    }
  });

  it('gives the leftover test row to the class with the largest remainder (50/30/20 at 25%: 13/7/5)', () => {
    const labels = Int32Array.from([...new Array(50).fill(0), ...new Array(30).fill(1), ...new Array(20).fill(2)]);
    const s = trainTestSplit(100, { testFraction: 0.25, seed: 1, stratify: labels });
    expect([0, 1, 2].map((c) => Array.from(s.test).filter((i) => labels[i] === c).length)).toEqual([13, 7, 5]);
  });

  it('rejects bad input', () => {
    expect(() => trainTestSplit(1, { seed: 1 })).toThrow(new RangeError('trainTestSplit: expected n >= 2, got n = 1'));
    expect(() => trainTestSplit(10, { testFraction: 0, seed: 1 })).toThrow(/expected testFraction > 0, got testFraction = 0/);
    expect(() => trainTestSplit(10, { testFraction: 1, seed: 1 })).toThrow(/expected testFraction < 1, got testFraction = 1/);
    expect(() => trainTestSplit(10, { seed: 1, stratify: new Int32Array(9) })).toThrow(/expected stratify to have n = 10 labels, got 9/);
    expect(() => trainTestSplit(3, { seed: 1, stratify: Int32Array.from([0, 0, 1]) })).toThrow(/at least 2 rows of each class to stratify, class 1 has 1/);
    expect(() => trainTestSplit(4, { testFraction: 0.74, seed: 1, stratify: Int32Array.from([0, 0, 1, 1]) })).toThrow(/leaves fewer than one train row/);
    expect(() => trainTestSplit(10, { seed: 1, stratify: [0, 1, 0.5, 1, 0, 1, 0, 1, 0, 1] })).toThrow(TypeError);
    expect(() => trainTestSplit(10, { seed: 1, testFration: 0.3 } as unknown as { seed: number })).toThrow(/unknown option "testFration"/);
  });
});

describe('take and takeRows', () => {
  it('gather elements and rows in index order, keeping the array type, repeats allowed', () => {
    const y = Int32Array.from([10, 11, 12, 13]);
    expect(take(y, [3, 0, 3])).toEqual(Int32Array.from([13, 10, 13]));
    const x = Float32Array.from([0, 1, 2, 3, 4, 5]); // 3 x 2
    const rows = takeRows(x, 2, Int32Array.from([2, 0]));
    expect(rows).toBeInstanceOf(Float32Array);
    expect(Array.from(rows)).toEqual([4, 5, 0, 1]);
    expect(take(new Float64Array(3), [])).toEqual(new Float64Array(0));
  });

  it('with a split, rebuild the train and test sets of iris', () => {
    const iris = loadIris();
    const s = trainTestSplit(iris.n, { seed: 1 });
    const xTest = takeRows(iris.x, iris.d, s.test);
    const yTest = take(iris.y, s.test);
    expect(xTest.length).toBe(s.test.length * 4);
    const i = s.test[0];
    expect(Array.from(xTest.subarray(0, 4))).toEqual(Array.from(iris.x.subarray(i * 4, i * 4 + 4)));
    expect(yTest[0]).toBe(iris.y[i]);
  });

  it('reject out-of-range indices, a d that does not divide x, and non-typed arrays', () => {
    expect(() => take(new Float64Array(3), [0, 3])).toThrow(new RangeError('take: expected indices in [0, 3), got indices[1] = 3'));
    expect(() => take(new Float64Array(3), [-1])).toThrow(RangeError);
    expect(() => take(new Float64Array(3), [0.5])).toThrow(RangeError);
    expect(() => takeRows(new Float64Array(6), 4, [0])).toThrow(/multiple of d = 4/);
    expect(() => takeRows(new Float64Array(6), 2, [3])).toThrow(/expected indices in \[0, 3\), got indices\[0\] = 3/);
    expect(() => take([1, 2, 3] as unknown as Float64Array, [0])).toThrow(TypeError);
  });
});
