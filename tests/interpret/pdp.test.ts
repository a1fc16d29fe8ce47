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

  it('builds the default grid as scikit-learn: distinct values when fewer than gridSize, else between the percentiles', () => {
    const predict = (m: Matrix) => new Float64Array(m.rows);
    const few: Matrix = { rows: 6, cols: 1, data: Float64Array.from([3, 1, 3, 2, 1, 2]) };
    expect(Array.from(partialDependence(predict, few, 0).grid)).toEqual([1, 2, 3]);
    expect(partialDependence(predict, few, 0, { gridSize: 3 }).grid.length).toBe(3); // 3 distinct values, not < 3: percentiles
  });

  it('matches scikit-learn 1.2 partial_dependence (kind="both", grid_resolution=7) to 1e-12', () => {
    // /usr/bin/python3, scikit-learn 1.2.1: an estimator whose predict is f(X) = x0² + sin(x1) + x0·x2, on
    // X[i, j] = 2 sin(1.3 i + 0.7 j) + j, i < 30, j < 3; partial_dependence(f, X, [feature], kind='both',
    // grid_resolution=7, percentiles=(0.05, 0.95)): r['values'][0], r['average'][0], r['individual'][0][3]
    const Xs: Matrix = { rows: 30, cols: 3, data: Float64Array.from({ length: 90 }, (_, k) => 2 * Math.sin(1.3 * Math.floor(k / 3) + 0.7 * (k % 3)) + (k % 3)) };
    const f = (m: Matrix) => Float64Array.from({ length: m.rows }, (_, i) => { const r = row(m, i); return r[0] ** 2 + Math.sin(r[1]) + r[0] * r[2]; });
    const sk = [
      { feature: 0,
        grid: [-1.9759154212990684, -1.3173190548913527, -0.6587226884836372, -0.00012632207592155886, 0.6584700443317939, 1.3170664107395094, 1.975662777147225],
        average: [0.029738833737976242, -0.7786845366547696, -0.7196095593566235, 0.20696376563241464, 2.001035438312344, 4.662605458683165, 8.191673826744879],
        ice3: [2.4068044078380266, 0.4588282542496212, -0.6216495516478924, -0.8346290098545142, -0.18011012037024415, 1.3419071168049175, 3.7314227016709713] },
      { feature: 2,
        grid: [0.02212767911470013, 0.680706730150602, 1.3392857811865038, 1.9978648322224057, 2.6564438832583077, 3.3150229342942095, 3.973601985330111],
        average: [2.1405423019035186, 2.140561810675254, 2.14058131944699, 2.140600828218725, 2.14062033699046, 2.1406398457621965, 2.1406593545339314],
        ice3: [1.0270651719599717, 0.12116840305999443, -0.7847283658399828, -1.6906251347399603, -2.596521903639938, -3.5024186725399153, -4.408315441439893] },
    ];
    for (const c of sk) {
      const pd = partialDependence(f, Xs, c.feature, { gridSize: 7 });
      for (let k = 0; k < 7; k++) {
        expect(Math.abs(pd.grid[k] - c.grid[k])).toBeLessThan(1e-12);
        expect(Math.abs(pd.average[k] - c.average[k])).toBeLessThan(1e-12);
        expect(Math.abs(pd.ice.data[3 * 7 + k] - c.ice3[k])).toBeLessThan(1e-12);
      }
    }
  });

  it('rejects a bad feature, grid or predict', () => {
    const predict = (m: Matrix) => new Float64Array(m.rows);
    expect(() => partialDependence(predict, X, 3)).toThrow(/feature in 0..2/);
    expect(() => partialDependence(predict, X, 0, { grid: [] })).toThrow(RangeError);
    expect(() => partialDependence(predict, X, 0, { gridSize: 1 })).toThrow(RangeError);
    expect(() => partialDependence(() => new Float64Array(1), X, 0)).toThrow(/return 50 values/);
  });
});
