// Tests for lib/model-selection/coefficient-path: the ridge path through LinearRegression against an ml-matrix solve of
// the closed form (Xc^T Xc + lambda I) w = Xc^T yc on centred data (1e-9 relative), coefficient shrinkage toward 0,
// logGrid end points and ratios (1e-12), error paths.
import { describe, expect, it } from 'vitest';
import { Matrix as MlMatrix, solve as mlSolve } from 'ml-matrix';
import { coefficientPath, logGrid } from '../../lib/model-selection/coefficient-path';
import { LinearRegression } from '../../lib/linear/linear-regression';
import { makeLinear } from '../../lib/data/synthetic';
import { toRows } from '../../lib/core/matrix';

describe('coefficientPath', () => {
  const data = makeLinear({ n: 40, d: 4, noise: 0.3, bias: 2, seed: 12 });
  const X = { rows: 40, cols: 4, data: data.x };
  const lambdas = logGrid(1000, 0.01, 9);
  const path = coefficientPath(lambdas, (lambda) => new LinearRegression({ lambda }).fit(X, data.y));

  it('ridge path equals the closed form solved by ml-matrix on centred data (1e-9 relative)', () => {
    const rows = toRows(X);
    const means = [0, 1, 2, 3].map((j) => rows.reduce((s, r) => s + r[j], 0) / 40);
    const yMean = data.y.reduce((s, v) => s + v, 0) / 40;
    const Xc = new MlMatrix(rows.map((r) => r.map((v, j) => v - means[j])));
    const yc = MlMatrix.columnVector(Array.from(data.y, (v) => v - yMean));
    lambdas.forEach((lambda, l) => {
      const w = mlSolve(Xc.transpose().mmul(Xc).add(MlMatrix.eye(4).mul(lambda)), Xc.transpose().mmul(yc)).getColumn(0);
      const mine = Array.from(path.coefficients.data.subarray(l * 4, (l + 1) * 4));
      const scale = Math.max(...w.map(Math.abs));
      for (let j = 0; j < 4; j++) expect(Math.abs(mine[j] - w[j]) / scale).toBeLessThan(1e-9);
      const b = yMean - means.reduce((s, m, j) => s + m * w[j], 0);
      expect(Math.abs(path.intercepts[l] - b)).toBeLessThan(1e-9);
    });
  });

  it('the norm of the coefficients shrinks monotonically as lambda grows', () => {
    const norms = Array.from({ length: 9 }, (_, l) => Math.hypot(...path.coefficients.data.subarray(l * 4, (l + 1) * 4)));
    for (let l = 1; l < 9; l++) expect(norms[l]).toBeGreaterThan(norms[l - 1]); // lambdas go from large to small
    expect(path.coefficients.rows).toBe(9);
    expect(Array.from(path.lambdas)).toEqual(Array.from(lambdas));
  });

  it('rejects an empty grid, NaN lambdas, models of different sizes and a missing callback', () => {
    expect(() => coefficientPath([], () => ({ weights: new Float64Array(1), intercept: 0 }))).toThrow(RangeError);
    expect(() => coefficientPath([NaN], () => ({ weights: new Float64Array(1), intercept: 0 }))).toThrow(RangeError);
    expect(() => coefficientPath([1, 2], (l) => ({ weights: new Float64Array(l), intercept: 0 }))).toThrow(/expected 1 weights/);
    expect(() => coefficientPath([1], undefined as never)).toThrow(TypeError);
  });
});

describe('logGrid', () => {
  it('has exact end points and a constant ratio (1e-12)', () => {
    const g = logGrid(1e-3, 1e3, 7);
    expect(g[0]).toBe(1e-3);
    expect(g[6]).toBe(1e3);
    for (let i = 1; i < 7; i++) expect(Math.abs(g[i] / g[i - 1] - 10)).toBeLessThan(1e-12);
    expect(Array.from(logGrid(5, 5, 1))).toEqual([5]);
  });

  it('rejects non-positive ends and n < 1', () => {
    expect(() => logGrid(0, 1, 3)).toThrow(RangeError);
    expect(() => logGrid(1, 10, 0)).toThrow(RangeError);
  });
});
