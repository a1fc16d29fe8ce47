// Tests for lib/unsupervised/silhouette: silhouette_samples and silhouette_score against scikit-learn 1.2 (fixture
// from scripts/reference/cluster-sklearn.py, 1e-12), a hand-computed case, and errors.
import { describe, expect, it } from 'vitest';
import { silhouetteSamples, silhouetteScore } from '../../lib/unsupervised/silhouette';
import { clusterFixture } from '../fixtures/reference/discriminant-clustering';

describe('silhouette against scikit-learn 1.2 (1e-12)', () => {
  for (const c of clusterFixture.silhouette) {
    it(c.name, () => {
      const s = silhouetteSamples(c.x, c.labels);
      for (let i = 0; i < s.length; i++) expect(Math.abs(s[i] - c.samples[i])).toBeLessThan(1e-12);
      expect(Math.abs(silhouetteScore(c.x, c.labels) - c.score)).toBeLessThan(1e-12);
    });
  }
});

describe('silhouette hand cases', () => {
  it('1-D: {0, 2} and {10}: written out', () => {
    // point 0: a = 2, b = 10 -> 0.8; point 2: a = 2, b = 8 -> 0.75; point 10: alone -> 0
    expect(Array.from(silhouetteSamples([[0], [2], [10]], [0, 0, 1]))).toEqual([0.8, 0.75, 0]);
    // {0, 10} vs {2}: point 0: a = 10, b = 2 -> (2 - 10) / 10 = -0.8 (a badly placed point is negative)
    expect(silhouetteSamples([[0], [2], [10]], [5, 9, 5])[0]).toBeCloseTo(-0.8, 15);
    expect(silhouetteScore([[0], [2], [10]], [0, 0, 1])).toBeCloseTo(1.55 / 3, 15);
  });
  it('errors', () => {
    expect(() => silhouetteSamples([[0], [1], [2]], [0, 0, 0])).toThrow(/2 <= number of clusters <= n - 1 = 2, got 1/);
    expect(() => silhouetteSamples([[0], [1], [2]], [0, 1, 2])).toThrow(RangeError);
    expect(() => silhouetteSamples([[0], [1]], [0])).toThrow(/expected 2 labels/);
    expect(() => silhouetteSamples([[0], [1], [2]], [0, 1.5, 1])).toThrow(RangeError);
    expect(() => silhouetteSamples([[0], [1], [2]], 'abc' as unknown as number[])).toThrow(TypeError);
  });
});
