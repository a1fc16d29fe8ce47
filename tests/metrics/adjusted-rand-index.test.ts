// Tests for lib/metrics/adjusted-rand-index: against scikit-learn 1.2 adjusted_rand_score (fixture from
// scripts/reference/cluster-sklearn.py, 1e-12), a hand-computed contingency table, and errors.
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../lib/metrics/adjusted-rand-index';
import { clusterFixture } from '../fixtures/reference/discriminant-clustering';

describe('adjustedRandIndex against scikit-learn 1.2 (1e-12)', () => {
  for (const c of clusterFixture.ari) {
    it(c.name, () => {
      expect(Math.abs(adjustedRandIndex(c.a, c.b) - c.ari)).toBeLessThan(1e-12);
      expect(Math.abs(adjustedRandIndex(c.b, c.a) - c.ari)).toBeLessThan(1e-12); // symmetric
    });
  }
});

describe('adjustedRandIndex by hand', () => {
  it('[0,0,1,1] vs [0,0,1,2]: index 1, row pairs 2, column pairs 1, E = 2/6 -> (1 - 1/3) / (3/2 - 1/3) = 4/7', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 15);
    expect(adjustedRandIndex([0, 0, 1, 1], [7, 7, 3, 3])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0], [1, 1, 1])).toBe(1);
  });
  it('errors', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(/expected labelsPred to have 2 values/);
    expect(() => adjustedRandIndex([], [])).toThrow(RangeError);
    expect(() => adjustedRandIndex([0, 0.5], [0, 1])).toThrow(RangeError);
    expect(() => adjustedRandIndex('ab' as unknown as number[], [0, 1])).toThrow(TypeError);
  });
});
