// Tests for lib/sampling/smote: a hand-computed 1-D case (each synthetic point lies between its base and its nearest
// minority neighbour), invariants on seeded 3-D data (every synthetic row is base + u (neighbour - base) to 1e-12 with
// u in [0, 1), the neighbour is among the base's k nearest minority rows by an independent brute-force search, both
// are minority rows), the default count, base rows chosen uniformly, determinism under a seed, and errors.
import { describe, expect, it } from 'vitest';
import { minorityNeighbours, smote } from '../../lib/sampling/smote';
import { Rng } from '../../lib/core/random';
import type { Matrix } from '../../lib/core/matrix';

describe('smote', () => {
  it('hand-computed 1-D case, k = 1: 0 -> 1, 1 -> 0, 3 -> 1, 10 -> 3 (majority rows ignored)', () => {
    const x: Matrix = { rows: 7, cols: 1, data: Float64Array.from([0, 1, 3, 10, 0.5, 2, 5]) };
    const y = [1, 1, 1, 1, 0, 0, 0];
    const nearest = new Map([[0, 1], [1, 0], [2, 1], [3, 2]]);
    const r = smote(x, y, { k: 1, nSynthetic: 40, seed: 1 });
    expect(r.x.rows).toBe(40);
    for (let s = 0; s < 40; s++) {
      expect(r.neighbour[s]).toBe(nearest.get(r.base[s]));
      const lo = Math.min(x.data[r.base[s]], x.data[r.neighbour[s]]), hi = Math.max(x.data[r.base[s]], x.data[r.neighbour[s]]);
      expect(r.x.data[s]).toBeGreaterThanOrEqual(lo);
      expect(r.x.data[s]).toBeLessThanOrEqual(hi);
    }
    // with these seeds every base row shows up
    expect(new Set(r.base).size).toBe(4);
  });

  it('3-D invariants: on the segment to one of the k nearest minority rows (independent brute force), 1e-12', () => {
    const rng = new Rng(11);
    const n = 60, d = 3, k = 4;
    const x: Matrix = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => rng.normal()) };
    const y = Int32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const r = smote(x, y, { k, seed: 3 });
    expect(r.x.rows).toBe(n - 2 * 15); // default: minority grows to match the majority (15 + 30 = 45)
    const minority = Array.from({ length: n }, (_, i) => i).filter((i) => y[i] === 1);
    const dist = (a: number, b: number) => Math.hypot(...Array.from({ length: d }, (_, j) => x.data[a * d + j] - x.data[b * d + j]));
    for (let s = 0; s < r.x.rows; s++) {
      const b = r.base[s], nb = r.neighbour[s], u = r.gap[s];
      expect(y[b]).toBe(1);
      expect(y[nb]).toBe(1);
      expect(nb).not.toBe(b);
      const knn = minority.filter((i) => i !== b).sort((p, q) => dist(b, p) - dist(b, q)).slice(0, k);
      expect(knn).toContain(nb);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      for (let j = 0; j < d; j++) {
        expect(Math.abs(r.x.data[s * d + j] - (x.data[b * d + j] + u * (x.data[nb * d + j] - x.data[b * d + j])))).toBeLessThan(1e-12);
      }
      // distance to the segment is 0 (an independent check that does not use u)
      const t = Array.from({ length: d }, (_, j) => x.data[nb * d + j] - x.data[b * d + j]);
      const v = Array.from({ length: d }, (_, j) => r.x.data[s * d + j] - x.data[b * d + j]);
      const tt = t.reduce((a, c) => a + c * c, 0), proj = Math.min(1, Math.max(0, t.reduce((a, c, j) => a + c * v[j], 0) / tt));
      expect(Math.hypot(...v.map((c, j) => c - proj * t[j]))).toBeLessThan(1e-12);
    }
  });

  it('base rows are chosen uniformly (chi-square over 4 minority rows, 8,000 synthetic, below the 0.999 quantile)', () => {
    const x: Matrix = { rows: 5, cols: 2, data: Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1, 5, 5]) };
    const r = smote(x, [1, 1, 1, 1, 0], { k: 2, nSynthetic: 8000, seed: 9 });
    const c = [0, 0, 0, 0];
    for (const b of r.base) c[b]++;
    expect(c.reduce((s, v) => s + (v - 2000) ** 2 / 2000, 0)).toBeLessThan(16.27); // chi-square 3 df, 0.999
  });

  it('minorityLabel 0 and determinism under a seed', () => {
    const x: Matrix = { rows: 6, cols: 1, data: Float64Array.from([0, 1, 2, 7, 8, 9]) };
    const r = smote(x, [0, 0, 1, 1, 1, 1], { k: 1, minorityLabel: 0, seed: 4 });
    expect(r.x.rows).toBe(2);
    for (let s = 0; s < 2; s++) expect(r.x.data[s]).toBeLessThanOrEqual(1);
    const again = smote(x, [0, 0, 1, 1, 1, 1], { k: 1, minorityLabel: 0, seed: 4 });
    expect(Array.from(again.x.data)).toEqual(Array.from(r.x.data));
  });

  it('minorityNeighbours: nearest first, distance ties broken by the lower row index, itself excluded', () => {
    // rows 0..4 at 0, 5, -1, 1, 9; the listed rows are 0, 2, 3, 4 (row 1 is not a candidate)
    const x: Matrix = { rows: 5, cols: 1, data: Float64Array.from([0, 5, -1, 1, 9]) };
    const nb = minorityNeighbours(x, [0, 2, 3, 4], 2);
    // row 0: rows 2 and 3 both at distance 1 -> 2 first; row 2: 0 (1), 3 (2); row 3: 0 (1), 2 (2); row 4: 3 (8), 0 (9)
    expect(Array.from(nb)).toEqual([2, 3, 0, 3, 0, 2, 3, 0]);
    expect(() => minorityNeighbours(x, [0, 2], 2)).toThrow('expected 1 <= k <= 1 (rows - 1), got k = 2');
  });

  it('rejects k too large for the minority, label mismatches and bad counts', () => {
    const x: Matrix = { rows: 4, cols: 1, data: Float64Array.from([0, 1, 2, 3]) };
    expect(() => smote(x, [1, 1, 0, 0], { k: 2 })).toThrow('expected k <= 1 (minority rows - 1), got k = 2');
    expect(() => smote(x, [1, 1, 0])).toThrow(/expected 4 labels/);
    expect(() => smote(x, [1, 1, 0, 3])).toThrow(/got 3 at index 3/);
    expect(() => smote(x, [1, 1, 0, 0], { k: 1, nSynthetic: -1 })).toThrow(/nSynthetic/);
    expect(() => smote(x, 'ab' as unknown as number[])).toThrow(TypeError);
  });
});
