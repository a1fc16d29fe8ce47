import { describe, expect, it } from 'vitest';
import { partialDependence } from '../../lib/interpret/pdp';
import { Rng } from '../../lib/core/random';
import type { Matrix } from '../../lib/core/matrix';

const rng = new Rng(21);
const n = 50, d = 3;
const X: Matrix = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => rng.uniform(-2, 2)) };
const row = (m: Matrix, i: number) => m.data.subarray(i * m.cols, (i + 1) * m.cols);

describe('partialDependence', () => {
  it('recovers each component of an additive model up to a constant (to 1e-12)', () => {
    const g = [(v: number) => v * v, (v: number) => Math.sin(v), (v: number) => 3 * v];
    const predict = (m: Matrix) => Float64Array.from({ length: m.rows }, (_, i) => { const r = row(m, i); return g[0](r[0]) + g[1](r[1]) + g[2](r[2]); });
    for (let j = 0; j < d; j++) {
      const pd = partialDependence(predict, X, j, { gridSize: 15 });
      const offset = pd.average[0] - g[j](pd.grid[0]);
      for (let k = 0; k < pd.grid.length; k++) expect(Math.abs(pd.average[k] - g[j](pd.grid[k]) - offset)).toBeLessThan(1e-12);
      // additive model: every ICE curve is the PDP shifted
      for (let i = 0; i < n; i++) {
        const shift = pd.ice.data[i * pd.grid.length] - pd.average[0];
        for (let k = 0; k < pd.grid.length; k++) expect(Math.abs(pd.ice.data[i * pd.grid.length + k] - pd.average[k] - shift)).toBeLessThan(1e-12);
      }
    }
  });

  it('gives PD(v) = v * mean(x1) for f = x0 * x1, and ICE slopes x1_i', () => {
    const predict = (m: Matrix) => Float64Array.from({ length: m.rows }, (_, i) => m.data[i * d] * m.data[i * d + 1]);
    const pd = partialDependence(predict, X, 0, { grid: [-1, 0, 2] });
    let mean1 = 0;
    for (let i = 0; i < n; i++) mean1 += X.data[i * d + 1] / n;
    expect(Array.from(pd.grid)).toEqual([-1, 0, 2]);
    pd.grid.forEach((v, k) => expect(pd.average[k]).toBeCloseTo(v * mean1, 12));
    expect(pd.ice.data[5 * 3 + 2]).toBeCloseTo(2 * X.data[5 * d + 1], 12);
  });

  it('builds the default grid as scikit-learn: distinct values when few, else evenly between the 5th and 95th percentiles', () => {
    const predict = (m: Matrix) => new Float64Array(m.rows);
    const few: Matrix = { rows: 6, cols: 1, data: Float64Array.from([3, 1, 3, 2, 1, 2]) };
    expect(Array.from(partialDependence(predict, few, 0).grid)).toEqual([1, 2, 3]);
    // numpy: np.percentile(np.arange(100), [5, 95]) -> [4.95, 94.05]
    const many: Matrix = { rows: 100, cols: 1, data: Float64Array.from({ length: 100 }, (_, i) => 99 - i) };
    const grid = partialDependence(predict, many, 0, { gridSize: 10 }).grid;
    expect(grid.length).toBe(10);
    expect(grid[0]).toBeCloseTo(4.95, 12);
    expect(grid[9]).toBeCloseTo(94.05, 12);
    expect(grid[1] - grid[0]).toBeCloseTo(89.1 / 9, 12);
  });

  it('rejects a bad feature, grid or predict', () => {
    const predict = (m: Matrix) => new Float64Array(m.rows);
    expect(() => partialDependence(predict, X, 3)).toThrow(/feature in 0..2/);
    expect(() => partialDependence(predict, X, 0, { grid: [] })).toThrow(RangeError);
    expect(() => partialDependence(predict, X, 0, { gridSize: 1 })).toThrow(RangeError);
    expect(() => partialDependence(() => new Float64Array(1), X, 0)).toThrow(/return 50 values/);
  });
});
