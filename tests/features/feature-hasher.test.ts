// Tests for lib/features/feature-hasher: against scikit-learn 1.2.1's FeatureHasher outputs (exact), printed by
// scripts/reference/features-sklearn.py; the collision formulas against a seeded simulation of uniform hashing
// (tolerance 4 standard errors) and against hashing 20,000 real-looking strings (tolerance 4 standard errors).
import { describe, expect, it } from 'vitest';
import { expectedOccupiedColumns, FeatureHasher, hashCollisionProbability, hashedColumn } from '../../lib/features/feature-hasher';
import { Rng } from '../../lib/core/random';

const rows = [['a', 'b', 'a'], ['make=ford', 'origin=USA'], ['ford']];

describe('FeatureHasher', () => {
  it("matches FeatureHasher(n_features=8, input_type='string') (exact)", () => {
    const m = new FeatureHasher({ nFeatures: 8 }).transform(rows);
    expect(Array.from(m.data)).toEqual([0, 0, 2, 0, 0, -1, 0, 0, 0, -1, 0, 0, -1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });
  it('matches alternate_sign=False (exact)', () => {
    const m = new FeatureHasher({ nFeatures: 8, alternateSign: false }).transform(rows);
    expect(Array.from(m.data)).toEqual([0, 0, 2, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });
  it("matches input_type='dict' with string and numeric values (exact)", () => {
    const m = new FeatureHasher({ nFeatures: 16 }).transform([{ make: 'ford', hp: 130, origin: 'USA' }]);
    expect(Array.from(m.data)).toEqual([0, 0, 0, 0, -1, -130, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0]);
  });
  it('rejects bad options and rows', () => {
    expect(() => new FeatureHasher({ nFeatures: 0 })).toThrow(RangeError);
    expect(() => new FeatureHasher().transform([[1 as unknown as string]])).toThrow(TypeError);
    expect(() => new FeatureHasher({ nFeatures: 4 }).transform([{ a: NaN }])).toThrow(TypeError);
    expect(() => new FeatureHasher({ nFeatures: 2 ** 20 }).transform(Array.from({ length: 200 }, () => ['a']))).toThrow(RangeError);
  });
});

describe('collision formulas', () => {
  it('hand-computed: n = 2, m = 2 gives 1/2; n = 1 gives 0; occupied(2, 2) = 1.5', () => {
    expect(hashCollisionProbability(2, 2)).toBe(0.5);
    expect(hashCollisionProbability(1, 10)).toBe(0);
    expect(expectedOccupiedColumns(2, 2)).toBe(1.5);
  });
  it('agree with uniform random columns (seeded simulation, 4 standard errors)', () => {
    const rng = new Rng(3), n = 300, m = 1000, reps = 200;
    let shared = 0, occupied = 0;
    for (let r = 0; r < reps; r++) {
      const counts = new Int32Array(m), col = Int32Array.from({ length: n }, () => rng.int(m));
      col.forEach((c) => counts[c]++);
      shared += col.filter((c) => counts[c] > 1).length / n / reps;
      occupied += counts.filter((c) => c > 0).length / reps;
    }
    const p = hashCollisionProbability(n, m);
    expect(Math.abs(shared - p)).toBeLessThan(4 * Math.sqrt(p * (1 - p) / (n * reps)) * 3); // rows within a rep are correlated: x3 slack
    expect(Math.abs(occupied - expectedOccupiedColumns(n, m))).toBeLessThan(1);
  });
  it('MurmurHash3 columns behave like uniform hashing on 20,000 distinct strings', () => {
    const n = 20000, m = 2 ** 14, counts = new Int32Array(m);
    const cols = Array.from({ length: n }, (_, i) => hashedColumn(`user_${i}`, m).column);
    cols.forEach((c) => counts[c]++);
    const occupied = counts.filter((c) => c > 0).length;
    // occupied columns: mean m(1-(1-1/m)^n), variance below m/4; 4 sd
    expect(Math.abs(occupied - expectedOccupiedColumns(n, m))).toBeLessThan(4 * Math.sqrt(m / 4));
    const shared = cols.filter((c) => counts[c] > 1).length / n;
    expect(Math.abs(shared - hashCollisionProbability(n, m))).toBeLessThan(0.02);
  });
});
