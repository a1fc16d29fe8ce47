// Tests for lib/unsupervised/kmeans: against ml-kmeans started from the same centroids (identical assignments and
// iteration count, centroids to 1e-9), a hand-computed 1-D run, brute-force inertia (1e-9 relative), k-means++ behaviour, and
// the k-means++ selection probabilities (hand-computed D^2 distribution vs frequencies over 20,000 seeds, 5 binomial sd).
import { describe, expect, it } from 'vitest';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { kmeans, kmeansPlusPlus, nearestCentroid } from '../../lib/unsupervised/kmeans';
import { toRows, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

function blobs(seed: number, centres: number[][], perCluster: number, std: number): Matrix {
  const rng = new Rng(seed);
  const d = centres[0].length;
  const n = centres.length * perCluster;
  const x: Matrix = { rows: n, cols: d, data: new Float64Array(n * d) };
  const order = rng.permutation(n);
  for (let c = 0; c < centres.length; c++) {
    for (let t = 0; t < perCluster; t++) {
      const i = order[c * perCluster + t];
      for (let j = 0; j < d; j++) x.data[i * d + j] = centres[c][j] + std * rng.normal();
    }
  }
  return x;
}

/** Sum of squared distances from each point to its assigned centroid, the slow obvious way. */
function bruteInertia(x: number[][], centroids: number[][], assignments: ArrayLike<number>): number {
  return x.reduce((s, p, i) => s + p.reduce((t, v, j) => t + (v - centroids[assignments[i]][j]) ** 2, 0), 0);
}

describe('kmeans against ml-kmeans (same initial centroids)', () => {
  const cases: [string, Matrix, number][] = [
    ['3 overlapping 2-D blobs', blobs(1, [[0, 0], [3, 0], [1.5, 2.5]], 100, 1.0), 3],
    ['5 blobs in 4-D', blobs(2, [[0, 0, 0, 0], [4, 0, 0, 1], [0, 4, 1, 0], [2, 2, 4, 0], [4, 4, 0, 4]], 60, 1.2), 5],
    ['k = 8 on 2 blobs (clusters split)', blobs(3, [[0, 0], [5, 5]], 150, 1.5), 8],
  ];
  for (const [name, x, k] of cases) {
    it(`${name}: same assignments and iterations, centroids to 1e-9, inertia to 1e-9 relative`, () => {
      const init = kmeansPlusPlus(x, k, { seed: 42 });
      const mine = kmeans(x, k, { initialization: init, tolerance: 1e-10, maxIterations: 300 });
      const ref = mlKmeans(toRows(x), k, { initialization: toRows(init), tolerance: 1e-10, maxIterations: 300 });
      expect(mine.converged).toBe(true);
      expect(ref.converged).toBe(true);
      expect(mine.iterations).toBe(ref.iterations);
      expect(Array.from(mine.assignments)).toEqual(ref.clusters);
      const refC = ref.centroids.flat();
      for (let i = 0; i < refC.length; i++) expect(Math.abs(mine.centroids.data[i] - refC[i])).toBeLessThan(1e-9);
      const brute = bruteInertia(toRows(x), ref.centroids, ref.clusters);
      expect(Math.abs(mine.inertia - brute) / brute).toBeLessThan(1e-9);
      expect(mine.clusterSizes.reduce((a, b) => a + b, 0)).toBe(x.rows);
    });
  }

  it('stopped by maxIterations = 2: centroids equal ml-kmeans after the same 2 steps (1e-9)', () => {
    const x = blobs(4, [[0, 0], [3, 0], [1.5, 2.5]], 100, 1.0);
    const init = [[0, 0], [0.1, 0], [0.2, 0]]; // a poor start that needs many steps
    const mine = kmeans(x, 3, { initialization: init, maxIterations: 2 });
    const ref = mlKmeans(toRows(x), 3, { initialization: init, maxIterations: 2 });
    expect(mine.converged).toBe(false);
    expect(mine.iterations).toBe(2);
    const refC = ref.centroids.flat();
    for (let i = 0; i < refC.length; i++) expect(Math.abs(mine.centroids.data[i] - refC[i])).toBeLessThan(1e-9);
  });
});

describe('kmeans, hand-computed 1-D case', () => {
  it('x = 1, 2, 3, 10, 11, 12 from centroids 1 and 2 -> centroids 2 and 11, inertia 4, 3 iterations', () => {
    // iteration 1: {1} and {2, 3, 10, 11, 12} -> centroids 1, 7.6
    // iteration 2: {1, 2, 3} (3 is 2 from 1 but 4.6 from 7.6) and {10, 11, 12} -> centroids 2, 11
    // iteration 3: same clusters, centroids do not move -> converged; inertia = (1 + 0 + 1) + (1 + 0 + 1) = 4
    const r = kmeans([[1], [2], [3], [10], [11], [12]], 2, { initialization: [[1], [2]] });
    expect(Array.from(r.centroids.data)).toEqual([2, 11]);
    expect(Array.from(r.assignments)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(r.inertia).toBe(4);
    expect(r.iterations).toBe(3);
    expect(r.converged).toBe(true);
    expect(Array.from(r.clusterSizes)).toEqual([3, 3]);
  });

  it('one iteration stops at centroids 1 and 7.6', () => {
    const r = kmeans([[1], [2], [3], [10], [11], [12]], 2, { initialization: [[1], [2]], maxIterations: 1 });
    expect(r.centroids.data[0]).toBe(1);
    expect(r.centroids.data[1]).toBeCloseTo(7.6, 14);
  });
});

describe('k-means++ initialisation and seeding', () => {
  it('D^2 sampling picks one centre from each of two far-apart clusters (50 of 50 seeds)', () => {
    const x = blobs(5, [[0, 0], [100, 100]], 50, 1);
    for (let seed = 0; seed < 50; seed++) {
      const c = kmeansPlusPlus(x, 2, { seed });
      expect((c.data[0] < 50) !== (c.data[2] < 50)).toBe(true);
    }
  });

  it('selects centres with the exact D^2 probabilities: P(first, second, third) over 20,000 seeds, within 5 binomial sd', () => {
    // Points 0, 1, 3, 7, 8 on a line. First centre uniform (1/5). Second: D^2 to the first, e.g. from 0 the weights are
    // 0, 1, 9, 49, 64 (sum 123). Third: D^2 to the NEAREST of the two, e.g. from {0, 8}: 0, 1, 9, 1, 0 (sum 11), so P(3) = 9/11.
    const pts = [0, 1, 3, 7, 8];
    const prob = new Map<string, number>();
    for (let i = 0; i < 5; i++) {
      const w2 = pts.map((p) => (p - pts[i]) ** 2);
      const s2 = w2.reduce((a, b) => a + b, 0);
      for (let j = 0; j < 5; j++) {
        if (j === i) continue;
        const w3 = pts.map((p) => Math.min((p - pts[i]) ** 2, (p - pts[j]) ** 2));
        const s3 = w3.reduce((a, b) => a + b, 0);
        for (let l = 0; l < 5; l++) if (w3[l] > 0) prob.set(`${i},${j},${l}`, (1 / 5) * (w2[j] / s2) * (w3[l] / s3));
      }
    }
    expect(prob.get('0,4,2')).toBeCloseTo((1 / 5) * (64 / 123) * (9 / 11), 15); // the worked example above
    expect(prob.get('4,3,0')).toBeCloseTo((1 / 5) * (1 / 139) * (49 / 101), 15); // from 8: 64, 49, 25, 1, 0 (sum 139); from {8, 7}: 49, 36, 16, 0, 0 (sum 101)
    expect([...prob.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    const runs = 20_000;
    const counts = new Map<string, number>();
    for (let seed = 0; seed < runs; seed++) {
      const c = kmeansPlusPlus(pts.map((p) => [p]), 3, { seed });
      const key = Array.from(c.data, (v) => pts.indexOf(v)).join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const key of counts.keys()) expect(prob.has(key), `sequence ${key} has probability 0 (a point re-chosen, or D^2 to the last centre only)`).toBe(true);
    for (const [key, p] of prob) {
      const freq = (counts.get(key) ?? 0) / runs;
      const sd = Math.sqrt((p * (1 - p)) / runs);
      expect(Math.abs(freq - p), `P(centres ${key}) = ${p.toFixed(5)}, seen ${freq.toFixed(5)}`).toBeLessThan(5 * sd);
    }
  });

  it('initial centroids are data points; same seed gives the same result, different seeds may not', () => {
    const x = blobs(6, [[0, 0], [3, 0], [1.5, 2.5]], 40, 1.0);
    const rows = toRows(x).map((r) => r.join(','));
    const c = kmeansPlusPlus(x, 3, { seed: 9 });
    for (const r of toRows(c)) expect(rows).toContain(r.join(','));
    const a = kmeans(x, 3, { seed: 9 });
    const b = kmeans(x, 3, { seed: 9 });
    expect(Array.from(a.centroids.data)).toEqual(Array.from(b.centroids.data));
    const random = kmeans(x, 3, { seed: 9, initialization: 'random' });
    expect(random.converged).toBe(true);
  });

  it('nInit keeps the best of several starts (inertia never worse than the first start alone)', () => {
    const x = blobs(7, [[0, 0], [3, 0], [1.5, 2.5], [5, 5], [0, 5]], 30, 1.2);
    const one = kmeans(x, 5, { seed: 3, nInit: 1 });
    const ten = kmeans(x, 5, { seed: 3, nInit: 10 });
    expect(ten.inertia).toBeLessThanOrEqual(one.inertia);
  });

  it('k = n puts every point in its own cluster (inertia 0), duplicates allowed', () => {
    const r = kmeans([[0, 0], [0, 0], [1, 1]], 3, { seed: 1 });
    expect(r.inertia).toBe(0);
  });

  it('nearestCentroid labels new points and its inertia matches the fit', () => {
    const x = blobs(8, [[0, 0], [4, 4]], 50, 1);
    const r = kmeans(x, 2, { seed: 2 });
    const again = nearestCentroid(x, r.centroids);
    expect(Array.from(again.assignments)).toEqual(Array.from(r.assignments));
    expect(again.inertia).toBeCloseTo(r.inertia, 9);
  });
});

describe('kmeans input errors', () => {
  it('TypeError for the wrong kind, RangeError for empty, k > n, bad k, NaN, bad initialization shape', () => {
    expect(() => kmeans('x' as unknown as number[][], 2, { seed: 1 })).toThrow(TypeError);
    expect(() => kmeans([[1], [2]], '2' as unknown as number, { seed: 1 })).toThrow(TypeError);
    expect(() => kmeans([], 2, { seed: 1 })).toThrow(/expected at least 1 sample, got 0/);
    const x150 = Array.from({ length: 150 }, (_, i) => [i]);
    expect(() => kmeans(x150, 200, { seed: 1 })).toThrow('expected k <= 150 samples, got k = 200');
    expect(() => kmeansPlusPlus(x150, 200, { seed: 1 })).toThrow(RangeError);
    expect(() => kmeans([[1], [2]], 0, { seed: 1 })).toThrow(/positive integer, got k = 0/);
    expect(() => kmeans([[1], [2]], 1.5, { seed: 1 })).toThrow(RangeError);
    expect(() => kmeans([[1], [NaN]], 1, { seed: 1 })).toThrow(/got NaN at row 1, column 0/);
    expect(() => kmeans([[1], [2]], 2, { initialization: [[1]] })).toThrow(/expected initialization of shape k x d = 2 x 1, got 1 x 1/);
    expect(() => kmeans([[1], [2]], 1, { seed: 1, maxIterations: 0 })).toThrow(RangeError);
    expect(() => kmeans([[1], [2]], 1, { seed: 1, nInit: 0 })).toThrow(RangeError);
    expect(() => nearestCentroid([[1, 2]], [[1]])).toThrow(/expected centroids with 2 columns/);
  });
});
