// Tests for lib/formulas/selection: the expected maximum of c standard normals against its closed forms (c = 1, 2, 3),
// the published table value for c = 10 (1.5387527308, e.g. Harter 1961), and a seeded Monte Carlo estimate; the twin
// probability against a direct simulation of random splits.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../lib/core/random';
import { expectedMaxOfNormals, twinInTrainProbability } from '../../lib/formulas/selection';

describe('expectedMaxOfNormals', () => {
  it('matches the closed forms for c = 1, 2, 3 to 1e-10', () => {
    expect(Math.abs(expectedMaxOfNormals(1))).toBeLessThan(1e-10);
    expect(Math.abs(expectedMaxOfNormals(2) - 1 / Math.sqrt(Math.PI))).toBeLessThan(1e-10);
    expect(Math.abs(expectedMaxOfNormals(3) - 3 / (2 * Math.sqrt(Math.PI)))).toBeLessThan(1e-10);
  });

  it('matches the tabulated 1.5387527308 for c = 10 (to 1e-8) and grows like sqrt(2 ln c)', () => {
    expect(Math.abs(expectedMaxOfNormals(10) - 1.5387527308)).toBeLessThan(1e-8);
    const big = expectedMaxOfNormals(1e6);
    expect(big).toBeGreaterThan(4.5);
    expect(big).toBeLessThan(Math.sqrt(2 * Math.log(1e6)));
  });

  it('agrees with a seeded Monte Carlo mean within 4 standard errors (c = 5, 50; 200,000 draws)', () => {
    const rng = new Rng(11);
    for (const c of [5, 50]) {
      const draws = 200000;
      let s = 0, s2 = 0;
      for (let t = 0; t < draws; t++) {
        let m = -Infinity;
        for (let i = 0; i < c; i++) m = Math.max(m, rng.normal());
        s += m; s2 += m * m;
      }
      const mean = s / draws, se = Math.sqrt((s2 / draws - mean * mean) / draws);
      expect(Math.abs(expectedMaxOfNormals(c) - mean)).toBeLessThan(4 * se);
    }
  }, 30000);

  it('rejects bad c', () => {
    expect(() => expectedMaxOfNormals(0)).toThrow(RangeError);
    expect(() => expectedMaxOfNormals(2.5)).toThrow(RangeError);
    expect(() => expectedMaxOfNormals(2e6)).toThrow(new RangeError('expectedMaxOfNormals: expected c <= 1000000, got c = 2000000'));
  });
});

describe('twinInTrainProbability', () => {
  it('equals the share of twins in training over many random splits (within 4 standard errors)', () => {
    const rng = new Rng(12);
    const n = 40, nTest = 8, reps = 20000;
    let hits = 0;
    for (let r = 0; r < reps; r++) {
      const order = rng.permutation(n);
      // rows 0 and 1 are twins; row 0 is in test when its position is among the first nTest
      const pos0 = order.indexOf(0), pos1 = order.indexOf(1);
      if (pos0 < nTest) { hits += pos1 >= nTest ? 1 : 0; } else { r--; }
    }
    const p = twinInTrainProbability(n, nTest);
    expect(p).toBeCloseTo(32 / 39, 15);
    expect(Math.abs(hits / reps - p)).toBeLessThan(4 * Math.sqrt(p * (1 - p) / reps));
  });
  it('rejects bad sizes', () => {
    expect(() => twinInTrainProbability(10, 11)).toThrow(new RangeError('twinInTrainProbability: expected 1 <= nTest <= 10, got nTest = 11'));
    expect(() => twinInTrainProbability(1, 1)).toThrow(RangeError);
  });
});
