// Tests for lib/preprocessing/standard-scaler: a hand-computed 3 x 3 case (exact closed forms, 1e-15), ml-matrix's column
// mean and standard deviation as the reference on random data (1e-12 relative), round trips (1e-12), error paths.
import { describe, expect, it } from 'vitest';
import { Matrix as MlMatrix } from 'ml-matrix';
import { StandardScaler } from '../../lib/preprocessing/standard-scaler';
import { fromRows, toRows } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `index ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
  }
}

// Column 0: 1, 2, 3 (mean 2, population variance 2/3); column 1: 10, 20, 60 (mean 30, variance 1400/3); column 2 constant.
const train = [
  [1, 10, 5],
  [2, 20, 5],
  [3, 60, 5],
];

describe('StandardScaler, hand-computed', () => {
  it('learns mean, population variance and scale (constant column gets scale 1)', () => {
    const s = new StandardScaler().fit(train);
    expectClose(s.mean, [2, 30, 5], 1e-15);
    expectClose(s.variance, [2 / 3, 1400 / 3, 0], 1e-15);
    expectClose(s.scale, [Math.sqrt(2 / 3), Math.sqrt(1400 / 3), 1], 1e-15);
    expect(s.nFeatures).toBe(3);
    expect(s.nSamples).toBe(3);
  });

  it('transforms the training rows to the closed forms -sqrt(3/2), -sqrt(6/7), ...', () => {
    const z = new StandardScaler().fitTransform(train);
    expect([z.rows, z.cols]).toEqual([3, 3]);
    expectClose(z.data, [
      -Math.sqrt(3 / 2), -Math.sqrt(6 / 7), 0,
      0, -Math.sqrt(3 / 14), 0,
      Math.sqrt(3 / 2), Math.sqrt(27 / 14), 0,
    ], 1e-15);
  });

  it('applies the training statistics to new rows (it does not refit on them)', () => {
    const s = new StandardScaler().fit(train);
    const z = s.transform([[4, 30, 7], [2, 30, 5]]);
    expectClose(z.data, [Math.sqrt(6), 0, 2, 0, 0, 0], 1e-15);
    // The test rows alone have mean [3, 30, 6], so refitting on them would have given different numbers.
    expect(new StandardScaler().fit([[4, 30, 7], [2, 30, 5]]).mean[0]).toBe(3);
  });

  it('ddof = 1 uses the sample variance (1 and 700 here)', () => {
    const s = new StandardScaler({ ddof: 1 }).fit(train);
    expectClose(s.variance, [1, 700, 0], 1e-15);
    expectClose(s.transform([[1, 10, 5]]).data, [-1, -20 / Math.sqrt(700), 0], 1e-15);
  });

  it('withMean / withStd switch the two steps off', () => {
    const onlyScale = new StandardScaler({ withMean: false }).fit(train);
    expectClose(onlyScale.mean, [0, 0, 0], 0);
    expectClose(onlyScale.transform([[2, 30, 5]]).data, [2 / Math.sqrt(2 / 3), 30 / Math.sqrt(1400 / 3), 5], 1e-15);
    const onlyCentre = new StandardScaler({ withStd: false }).fit(train);
    expectClose(onlyCentre.scale, [1, 1, 1], 0);
    expectClose(onlyCentre.transform([[1, 10, 5]]).data, [-1, -20, 0], 0);
  });

  it('treats round-off as constant but tiny real spread as spread', () => {
    expect(new StandardScaler().fit([[0.1], [0.1], [0.1]]).scale[0]).toBe(1);
    const tiny = new StandardScaler().fit([[1e-14], [2e-14]]);
    expect(tiny.scale[0]).toBeCloseTo(5e-15, 25);
    expectClose(tiny.transform([[1e-14]]).data, [-1], 1e-12);
  });
});

describe('StandardScaler against ml-matrix', () => {
  it('matches column mean and (population and sample) standard deviation on 20 random matrices to 1e-12', () => {
    const rng = new Rng(7);
    for (let t = 0; t < 20; t++) {
      const n = 2 + rng.int(60), d = 1 + rng.int(8);
      const rows = Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => rng.normal(j * 100 - 50, 1 + j * 10)));
      const ref = new MlMatrix(rows);
      for (const ddof of [0, 1] as const) {
        const s = new StandardScaler({ ddof }).fit(rows);
        const refMean = ref.mean('column');
        const refStd = ref.standardDeviation('column', { unbiased: ddof === 1 });
        expectClose(s.mean, refMean, 1e-12);
        expectClose(s.scale, refStd, 1e-12);
        const z = s.transform(rows);
        const refZ = rows.map((r) => r.map((v, j) => (v - refMean[j]) / refStd[j]));
        expectClose(z.data, refZ.flat(), 1e-12);
      }
    }
  });

  it('fitTransform gives columns of mean 0 and population std 1; inverseTransform round-trips to 1e-12', () => {
    const rng = new Rng(3);
    const rows = Array.from({ length: 40 }, () => [rng.normal(1000, 300), rng.normal(-5, 0.01), rng.uniform(0, 1)]);
    const s = new StandardScaler();
    const z = s.fitTransform(rows);
    const check = new MlMatrix(toRows(z));
    expectClose(check.mean('column'), [0, 0, 0], 1e-12);
    expectClose(check.standardDeviation('column', { unbiased: false }), [1, 1, 1], 1e-12);
    expectClose(s.inverseTransform(z).data, rows.flat(), 1e-12);
  });

  it('accepts a Matrix as well as an array of rows, and does not modify its input', () => {
    const m = fromRows(train);
    const copy = m.data.slice();
    const a = new StandardScaler().fitTransform(m);
    const b = new StandardScaler().fitTransform(train);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(m.data)).toEqual(Array.from(copy));
  });
});

describe('StandardScaler errors', () => {
  it('throws TypeError for the wrong kinds', () => {
    expect(() => new StandardScaler().fit('abc' as unknown as number[][])).toThrow(TypeError);
    expect(() => new StandardScaler().fit([[1, 'a']] as unknown as number[][])).toThrow(TypeError);
    expect(() => new StandardScaler({ withMean: 1 as unknown as boolean })).toThrow(TypeError);
    expect(() => new StandardScaler(null as unknown as object)).toThrow(TypeError);
  });

  it('throws RangeError for empty input, NaN, ragged rows, bad ddof, too few rows, mismatched columns', () => {
    expect(() => new StandardScaler().fit([])).toThrow(/expected at least 1 sample, got 0/);
    expect(() => new StandardScaler().fit([[], []])).toThrow(/expected at least 1 feature/);
    expect(() => new StandardScaler().fit([[1, NaN]])).toThrow(RangeError);
    expect(() => new StandardScaler().fit([[1, 2], [3]])).toThrow(RangeError);
    expect(() => new StandardScaler({ ddof: 2 as unknown as 0 })).toThrow(/expected ddof 0 or 1, got ddof = 2/);
    expect(() => new StandardScaler({ ddof: 1 }).fit([[1, 2]])).toThrow(/expected more than 1 samples/);
    const s = new StandardScaler().fit(train);
    expect(() => s.transform([[1, 2]])).toThrow(/expected x with 3 columns \(as in fit\), got 2/);
    expect(() => s.inverseTransform([[1, 2]])).toThrow(/expected z with 3 columns/);
    expect(() => s.transform([[1, 2, Infinity]])).toThrow(RangeError);
  });

  it('refuses to transform before fit', () => {
    expect(() => new StandardScaler().transform(train)).toThrow(/call fit\(x\) on the training data first/);
    expect(() => new StandardScaler().inverseTransform(train)).toThrow(/call fit/);
  });
});
