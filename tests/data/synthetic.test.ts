import { Matrix, solve } from 'ml-matrix';
import { afterEach, describe, expect, it } from 'vitest';
import { seed, unseed } from '../../lib/core/random';
import { makeBlobs, makeLinear, makeMoons, makeNoisySine } from '../../lib/data/synthetic';

afterEach(() => unseed());

/** Mean and (population) standard deviation of some numbers. */
function stats(values: ArrayLike<number>): { mean: number; std: number } {
  let s = 0, q = 0;
  for (let i = 0; i < values.length; i++) { s += values[i]; q += values[i] * values[i]; }
  const mean = s / values.length;
  return { mean, std: Math.sqrt(q / values.length - mean * mean) };
}

describe('makeBlobs', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = makeBlobs({ seed: 1 }), b = makeBlobs({ seed: 1 }), c = makeBlobs({ seed: 2 });
    expect(a.x).toEqual(b.x);
    expect(a.y).toEqual(b.y);
    expect(a.centers).toEqual(b.centers);
    expect(a.x).not.toEqual(c.x);
  });

  it('has the requested shape: n rows of d features, floor(n / k) per class with the remainder to the first classes', () => {
    const b = makeBlobs({ n: 10, centers: 3, d: 4, seed: 3 });
    expect([b.n, b.d, b.k, b.x.length, b.y.length, b.centers.length]).toEqual([10, 4, 3, 40, 10, 12]);
    expect([0, 1, 2].map((c) => b.y.filter((v) => v === c).length)).toEqual([4, 3, 3]);
    expect(b.featureNames).toEqual(['x0', 'x1', 'x2', 'x3']);
    expect(b.classNames).toEqual(['0', '1', '2']);
    for (const v of b.centers) expect(v >= -10 && v < 10).toBe(true);
  });

  it('puts each blob mean within 4 standard errors of its center and its std within 5% of the requested std', () => {
    const centers = [[0, 0], [5, 5], [-5, 5]];
    const std = [0.5, 1, 2];
    const b = makeBlobs({ n: 6000, centers, std, seed: 4 });
    expect(Array.from(b.centers)).toEqual(centers.flat());
    for (let c = 0; c < 3; c++) {
      const rows = Array.from(b.y.keys()).filter((i) => b.y[i] === c);
      expect(rows.length).toBe(2000);
      for (let j = 0; j < 2; j++) {
        const s = stats(rows.map((i) => b.x[i * 2 + j]));
        expect(Math.abs(s.mean - centers[c][j])).toBeLessThan((4 * std[c]) / Math.sqrt(rows.length));
        expect(Math.abs(s.std / std[c] - 1)).toBeLessThan(0.05);
      }
    }
  });

  it('keeps rows grouped by center when shuffle is false', () => {
    const b = makeBlobs({ n: 9, centers: 3, shuffle: false, seed: 5 });
    expect(Array.from(b.y)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
  });

  it('forks from the global seed when no seed is given, and throws without one', () => {
    expect(() => makeBlobs()).toThrow(/no seed set/);
    seed(7);
    const a = makeBlobs();
    seed(7);
    expect(makeBlobs().x).toEqual(a.x);
  });

  it('rejects bad options with TypeError or RangeError', () => {
    expect(() => makeBlobs({ n: 0, seed: 1 })).toThrow(new RangeError('makeBlobs: expected n >= 1, got n = 0'));
    expect(() => makeBlobs({ n: 2.5, seed: 1 })).toThrow(RangeError);
    expect(() => makeBlobs({ n: '5' as unknown as number, seed: 1 })).toThrow(TypeError);
    expect(() => makeBlobs({ n: 2, centers: 3, seed: 1 })).toThrow(/expected n >= number of centers \(3\), got n = 2/);
    expect(() => makeBlobs({ std: -1, seed: 1 })).toThrow(/expected std >= 0, got std = -1/);
    expect(() => makeBlobs({ centers: [], seed: 1 })).toThrow(RangeError);
    expect(() => makeBlobs({ centers: [[0, 0], [1]], seed: 1 })).toThrow(/expected centers\[1\] to have length 2/);
    expect(() => makeBlobs({ centers: [[0, 0]], d: 3, seed: 1 })).toThrow(RangeError);
    expect(() => makeBlobs({ std: [1, 2], seed: 1 })).toThrow(/expected std to have length 3/);
    expect(() => makeBlobs({ centerBox: [1, 1], seed: 1 })).toThrow(RangeError);
    expect(() => makeBlobs({ nosie: 1 } as unknown as object)).toThrow(new TypeError('makeBlobs: unknown option "nosie" (known: n, centers, d, std, centerBox, shuffle, seed)'));
    expect(() => makeBlobs(5 as unknown as object)).toThrow(TypeError);
  });
});

describe('makeMoons', () => {
  it('puts noise-free points exactly on the two half circles', () => {
    const m = makeMoons({ n: 101, noise: 0, seed: 1 });
    expect([m.n, m.d, m.x.length]).toEqual([101, 2, 202]);
    expect([m.y.filter((v) => v === 0).length, m.y.filter((v) => v === 1).length]).toEqual([50, 51]);
    for (let i = 0; i < m.n; i++) {
      const [a, b] = [m.x[2 * i], m.x[2 * i + 1]];
      if (m.y[i] === 0) {
        expect(Math.hypot(a, b)).toBeCloseTo(1, 12);
        expect(b).toBeGreaterThanOrEqual(-1e-12);
      } else {
        expect(Math.hypot(a - 1, b - 0.5)).toBeCloseTo(1, 12);
        expect(b).toBeLessThanOrEqual(0.5 + 1e-12);
      }
    }
  });

  it('adds Gaussian noise of the requested std (within 5%), deterministically per seed', () => {
    const clean = makeMoons({ n: 4000, noise: 0, shuffle: false, seed: 2 });
    const noisy = makeMoons({ n: 4000, noise: 0.1, shuffle: false, seed: 2 });
    expect(noisy.x).toEqual(makeMoons({ n: 4000, noise: 0.1, shuffle: false, seed: 2 }).x);
    expect(noisy.x).not.toEqual(makeMoons({ n: 4000, noise: 0.1, shuffle: false, seed: 3 }).x);
    const diff = noisy.x.map((v, i) => v - clean.x[i]);
    const s = stats(diff);
    expect(Math.abs(s.mean)).toBeLessThan(4 * 0.1 / Math.sqrt(diff.length));
    expect(Math.abs(s.std / 0.1 - 1)).toBeLessThan(0.05);
  });

  it('rejects bad options', () => {
    expect(() => makeMoons({ n: 1, seed: 1 })).toThrow(new RangeError('makeMoons: expected n >= 2, got n = 1'));
    expect(() => makeMoons({ noise: -0.1, seed: 1 })).toThrow(RangeError);
    expect(() => makeMoons({ noise: Infinity, seed: 1 })).toThrow(RangeError);
  });
});

describe('makeNoisySine', () => {
  it('gives sorted x in [xMin, xMax), yClean = sin(2 pi x), and noise of the requested std (within 5%)', () => {
    const s = makeNoisySine({ n: 5000, noise: 0.3, xMin: -1, xMax: 2, seed: 1 });
    expect([s.n, s.d, s.x.length, s.y.length]).toEqual([5000, 1, 5000, 5000]);
    for (let i = 0; i < s.n; i++) {
      expect(s.x[i] >= -1 && s.x[i] < 2).toBe(true);
      if (i > 0) expect(s.x[i]).toBeGreaterThanOrEqual(s.x[i - 1]);
      expect(s.yClean[i]).toBe(Math.sin(2 * Math.PI * s.x[i]));
    }
    const r = stats(s.y.map((v, i) => v - s.yClean[i]));
    expect(Math.abs(r.mean)).toBeLessThan((4 * 0.3) / Math.sqrt(5000));
    expect(Math.abs(r.std / 0.3 - 1)).toBeLessThan(0.05);
  });

  it('is deterministic per seed; grid puts x evenly from xMin to xMax', () => {
    expect(makeNoisySine({ seed: 4 }).y).toEqual(makeNoisySine({ seed: 4 }).y);
    expect(makeNoisySine({ seed: 4 }).y).not.toEqual(makeNoisySine({ seed: 5 }).y);
    const g = makeNoisySine({ n: 5, grid: true, noise: 0, seed: 1 });
    expect(Array.from(g.x)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(g.y).toEqual(g.yClean);
  });

  it('rejects bad options', () => {
    expect(() => makeNoisySine({ n: 0, seed: 1 })).toThrow(new RangeError('makeNoisySine: expected n >= 1, got n = 0'));
    expect(() => makeNoisySine({ xMin: 1, xMax: 1, seed: 1 })).toThrow(/expected xMax > 1, got xMax = 1/);
    expect(() => makeNoisySine({ noise: -1, seed: 1 })).toThrow(RangeError);
  });
});

describe('makeLinear', () => {
  it('is deterministic per seed and the least-squares fit (ml-matrix) recovers the true weights within 0.01', () => {
    const data = makeLinear({ n: 2000, weights: [2, -1, 0.5], bias: 3, noise: 0.1, seed: 1 });
    expect(data.x).toEqual(makeLinear({ n: 2000, weights: [2, -1, 0.5], bias: 3, noise: 0.1, seed: 1 }).x);
    expect(data.x).not.toEqual(makeLinear({ n: 2000, weights: [2, -1, 0.5], bias: 3, noise: 0.1, seed: 2 }).x);
    const rows = Array.from({ length: data.n }, (_, i) => [1, ...data.x.subarray(i * 3, i * 3 + 3)]);
    const coef = solve(new Matrix(rows), Matrix.columnVector(Array.from(data.y)), true).to1DArray();
    const truth = [3, 2, -1, 0.5];
    coef.forEach((c, j) => expect(Math.abs(c - truth[j])).toBeLessThan(0.01));
    const features = stats(data.x);
    expect(Math.abs(features.mean)).toBeLessThan(0.05);
    expect(Math.abs(features.std - 1)).toBeLessThan(0.05);
  });

  it('draws weights from N(0, 1) when none are given and gives y exactly x . w + b with noise 0', () => {
    const data = makeLinear({ n: 5, d: 4, bias: -1, noise: 0, seed: 9 });
    expect([data.n, data.d, data.weights.length, data.bias]).toEqual([5, 4, 4, -1]);
    expect(data.featureNames).toEqual(['x0', 'x1', 'x2', 'x3']);
    for (let i = 0; i < 5; i++) {
      let s = -1;
      for (let j = 0; j < 4; j++) s += data.x[i * 4 + j] * data.weights[j];
      expect(data.y[i]).toBe(s);
    }
  });

  it('rejects bad options', () => {
    expect(() => makeLinear({ n: 0, seed: 1 })).toThrow(new RangeError('makeLinear: expected n >= 1, got n = 0'));
    expect(() => makeLinear({ d: 2, weights: [1, 2, 3], seed: 1 })).toThrow(/d = 2 does not match the 3 weights/);
    expect(() => makeLinear({ weights: [1, NaN], seed: 1 })).toThrow(RangeError);
    expect(() => makeLinear({ weights: 'ab' as unknown as number[], seed: 1 })).toThrow(TypeError);
    expect(() => makeLinear({ d: 0, seed: 1 })).toThrow(new RangeError('makeLinear: expected d >= 1, got d = 0'));
  });
});
