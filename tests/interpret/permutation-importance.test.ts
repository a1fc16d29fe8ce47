import { describe, expect, it } from 'vitest';
import { permutationImportance } from '../../lib/interpret/permutation-importance';
import { Rng } from '../../lib/core/random';
import type { Matrix } from '../../lib/core/matrix';

const negMse = (y: Float64Array, p: ArrayLike<number>) => { let s = 0; for (let i = 0; i < y.length; i++) s += (y[i] - p[i]) ** 2; return -s / y.length; };

describe('permutationImportance', () => {
  const rng = new Rng(4);
  const n = 20, d = 3;
  const X: Matrix = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => rng.normal()) };
  const y = Float64Array.from({ length: n }, (_, i) => X.data[i * d]);
  const predict = (m: Matrix) => Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols]); // f(x) = x0

  it('gives exactly 0 to features the model ignores', () => {
    const r = permutationImportance(predict, X, y, negMse, { nRepeats: 10, seed: 1 });
    expect(r.baseline === 0).toBe(true);
    for (let k = 0; k < 10; k++) { expect(r.importances.data[1 * 10 + k] === 0).toBe(true); expect(r.importances.data[2 * 10 + k] === 0).toBe(true); }
    expect(r.std[1]).toBe(0);
  });

  it('matches the closed form E[mean (x_i - x_pi(i))^2] = 2 * population variance for f = x0, within 4 standard errors', () => {
    const reps = 4000;
    const r = permutationImportance(predict, X, y, negMse, { nRepeats: reps, seed: 2 });
    let mean = 0, v = 0;
    for (let i = 0; i < n; i++) mean += X.data[i * d] / n;
    for (let i = 0; i < n; i++) v += (X.data[i * d] - mean) ** 2 / n;
    const se = r.std[0] / Math.sqrt(reps);
    expect(Math.abs(r.mean[0] - 2 * v)).toBeLessThan(4 * se);
    expect(se).toBeLessThan(0.05 * v); // the tolerance is tight enough to catch a wrong factor
  });

  it('is reproducible with a seed and different across seeds', () => {
    const a = permutationImportance(predict, X, y, negMse, { nRepeats: 3, seed: 7 });
    const b = permutationImportance(predict, X, y, negMse, { nRepeats: 3, seed: 7 });
    const c = permutationImportance(predict, X, y, negMse, { nRepeats: 3, seed: 8 });
    expect(Array.from(a.importances.data)).toEqual(Array.from(b.importances.data));
    expect(Array.from(a.importances.data)).not.toEqual(Array.from(c.importances.data));
  });

  it('rejects bad input', () => {
    expect(() => permutationImportance(predict, X, y, negMse, { nRepeats: 0, seed: 1 })).toThrow(/nRepeats >= 1/);
    expect(() => permutationImportance(predict, X, y.subarray(0, 5), negMse, { seed: 1 })).toThrow(RangeError);
    expect(() => permutationImportance(predict, X, y, 3 as unknown as typeof negMse, { seed: 1 })).toThrow(TypeError);
  });
});
