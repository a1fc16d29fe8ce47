// Tests for lib/linear/lasso: orthonormal designs where the lasso is the soft-thresholded least-squares solution and the
// elastic net that divided by 1 + lambda (1 - l1Ratio) (exact closed forms, 1e-12); a one-feature hand case; the KKT
// optimality conditions on a correlated random design (absolute 1e-6); l1Ratio = 0 against LinearRegression's ridge
// (1e-8 relative); lambda_max; the objective at the solution below random perturbations; warm-started paths.
import { describe, expect, it } from 'vitest';
import { ElasticNet, Lasso, elasticNetObjective, lassoLambdaMax, lassoPath, softThreshold } from '../../lib/linear/lasso';
import { LinearRegression } from '../../lib/linear/linear-regression';
import { Rng } from '../../lib/core/random';
import type { Matrix } from '../../lib/core/matrix';

/** n x d with orthonormal columns (modified Gram-Schmidt), optionally also orthogonal to the ones vector. */
function orthonormal(seed: number, n: number, d: number, centred: boolean): Matrix {
  const rng = new Rng(seed);
  const basis: Float64Array[] = [];
  if (centred) basis.push(new Float64Array(n).fill(1 / Math.sqrt(n)));
  const out: Float64Array[] = [];
  while (out.length < d) {
    const v = Float64Array.from({ length: n }, () => rng.normal());
    for (const b of [...basis, ...out]) {
      let p = 0;
      for (let i = 0; i < n; i++) p += v[i] * b[i];
      for (let i = 0; i < n; i++) v[i] -= p * b[i];
    }
    const norm = Math.hypot(...v);
    out.push(v.map((x) => x / norm));
  }
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = out[j][i];
  return { rows: n, cols: d, data };
}

function xtv(x: Matrix, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) out[j] += x.data[i * x.cols + j] * v[i];
  return out;
}

function residual(x: Matrix, y: ArrayLike<number>, w: ArrayLike<number>, b: number): Float64Array {
  const r = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = y[i] - b;
    for (let j = 0; j < x.cols; j++) s -= x.data[i * x.cols + j] * w[j];
    r[i] = s;
  }
  return r;
}

/** A correlated design: columns share a common factor; y depends on 3 of 10 columns. */
function correlated(seed: number, n = 60, d = 10): { x: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const data = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const common = rng.normal();
    for (let j = 0; j < d; j++) data[i * d + j] = 0.6 * common + rng.normal() + (j === 9 ? 3 : 0);
    y[i] = 1.5 + 3 * data[i * d] - 2 * data[i * d + 1] + 1 * data[i * d + 4] + 0.5 * rng.normal();
  }
  return { x: { rows: n, cols: d, data }, y };
}

describe('softThreshold', () => {
  it('is sign(z) max(|z| - t, 0)', () => {
    expect(softThreshold(3, 1)).toBe(2);
    expect(softThreshold(-3, 1)).toBe(-2);
    expect(softThreshold(0.5, 1)).toBe(0);
    expect(softThreshold(-1, 1)).toBe(0);
  });
});

describe('Lasso: closed forms', () => {
  it('one feature, no intercept: w = S(x.y, lambda) / x.x (x = [1,2,3], y = [1,2,3], lambda = 7 -> 0.5)', () => {
    const m = new Lasso({ lambda: 7, fitIntercept: false }).fit([[1], [2], [3]], [1, 2, 3]);
    expect(m.weights[0]).toBeCloseTo(0.5, 12);
    expect(new Lasso({ lambda: 14, fitIntercept: false }).fit([[1], [2], [3]], [1, 2, 3]).weights[0]).toBe(0);
  });

  it('orthonormal design, no intercept: lasso = S(X^T y, lambda), elastic net = that / (1 + lambda (1 - a)) (1e-12)', () => {
    const x = orthonormal(1, 30, 6, false);
    const rng = new Rng(2);
    const y = Float64Array.from({ length: 30 }, () => rng.normal(0, 2));
    const z = xtv(x, y); // the OLS solution, since X^T X = I
    for (const lambda of [0, 0.3, 1, 2.5]) {
      for (const a of [1, 0.5, 0.2]) {
        const m = new Lasso({ lambda, l1Ratio: a, fitIntercept: false }).fit(x, y);
        for (let j = 0; j < 6; j++) expect(Math.abs(m.weights[j] - softThreshold(z[j], lambda * a) / (1 + lambda * (1 - a)))).toBeLessThan(1e-12);
        expect(m.converged).toBe(true);
      }
    }
  });

  it('centred orthonormal design with an intercept: same closed form, intercept = mean(y) (1e-12)', () => {
    const x = orthonormal(3, 25, 4, true);
    const rng = new Rng(4);
    const y = Float64Array.from({ length: 25 }, () => 5 + rng.normal());
    const yMean = y.reduce((s, v) => s + v, 0) / 25;
    const z = xtv(x, y.map((v) => v - yMean));
    const m = new Lasso({ lambda: 0.4 }).fit(x, y);
    for (let j = 0; j < 4; j++) expect(Math.abs(m.weights[j] - softThreshold(z[j], 0.4))).toBeLessThan(1e-12);
    expect(Math.abs(m.intercept - yMean)).toBeLessThan(1e-12);
  });
});

describe('Lasso: optimality on a correlated design', () => {
  const { x, y } = correlated(5);
  const lmax = lassoLambdaMax(x, y);

  it('satisfies the KKT conditions (absolute 1e-6) for lasso and elastic net at several lambdas', () => {
    for (const a of [1, 0.5]) {
      for (const frac of [0.5, 0.1, 0.01]) {
        const lambda = frac * lmax;
        const m = new Lasso({ lambda, l1Ratio: a }).fit(x, y);
        expect(m.converged).toBe(true);
        const r = residual(x, y, m.weights, m.intercept);
        // the intercept's condition: residuals sum to zero
        expect(Math.abs(r.reduce((s, v) => s + v, 0))).toBeLessThan(1e-6);
        const g = xtv(x, r);
        for (let j = 0; j < x.cols; j++) {
          const w = m.weights[j];
          if (w !== 0) expect(Math.abs(g[j] - lambda * (1 - a) * w - lambda * a * Math.sign(w))).toBeLessThan(1e-6);
          else expect(Math.abs(g[j])).toBeLessThanOrEqual(lambda * a + 1e-6);
        }
      }
    }
  });

  it('the objective at the solution is below the objective at 200 random nearby points', () => {
    const lambda = 0.1 * lmax;
    const m = new Lasso({ lambda }).fit(x, y);
    const best = elasticNetObjective(x, y, m.weights, m.intercept, lambda);
    const rng = new Rng(6);
    for (let t = 0; t < 200; t++) {
      const w = m.weights.map((v) => v + rng.normal(0, 0.01));
      expect(elasticNetObjective(x, y, w, m.intercept + rng.normal(0, 0.01), lambda)).toBeGreaterThan(best);
    }
  });

  it('lambda_max zeroes every coefficient; just below it one coefficient enters', () => {
    expect(new Lasso({ lambda: lmax }).fit(x, y).zeroCount()).toBe(10);
    expect(new Lasso({ lambda: 0.99 * lmax }).fit(x, y).zeroCount()).toBe(9);
    expect(lassoLambdaMax(x, y, { l1Ratio: 0.5 })).toBeCloseTo(2 * lmax, 9);
    expect(lassoLambdaMax(x, y, { l1Ratio: 0 })).toBe(Infinity);
  });

  it('the lasso zeroes irrelevant features that ridge keeps non-zero', () => {
    const m = new Lasso({ lambda: 0.05 * lmax }).fit(x, y);
    expect(m.zeroCount()).toBeGreaterThanOrEqual(4);
    [0, 1, 4].forEach((j) => expect(m.weights[j]).not.toBe(0));
    const ridge = new LinearRegression({ lambda: 0.05 * lmax }).fit(x, y);
    expect(ridge.weights.every((v) => v !== 0)).toBe(true);
  });

  it('l1Ratio = 0 equals LinearRegression ridge with the same lambda (1e-8 relative)', () => {
    for (const lambda of [0.1, 5, 100]) {
      const cd = new Lasso({ lambda, l1Ratio: 0 }).fit(x, y);
      const ref = new LinearRegression({ lambda }).fit(x, y);
      const scale = Math.max(...ref.weights.map(Math.abs));
      for (let j = 0; j < 10; j++) expect(Math.abs(cd.weights[j] - ref.weights[j]) / scale).toBeLessThan(1e-8);
      expect(Math.abs(cd.intercept - ref.intercept) / Math.abs(ref.intercept)).toBeLessThan(1e-8);
    }
  });

  it('ElasticNet defaults to l1Ratio 0.5 and predicts X w + b', () => {
    const e = new ElasticNet({ lambda: 1 }).fit(x, y);
    expect(e.options.l1Ratio).toBe(0.5);
    const p = e.predict(x);
    const r = residual(x, y, e.weights, e.intercept);
    for (let i = 0; i < 5; i++) expect(p[i]).toBeCloseTo(y[i] - r[i], 12);
  });
});

describe('lassoPath', () => {
  const { x, y } = correlated(8);
  const lmax = lassoLambdaMax(x, y);
  const lambdas = Array.from({ length: 12 }, (_, i) => lmax * 0.7 ** i);

  it('matches independent cold-start fits at every lambda (1e-8) and warm starts need fewer sweeps', () => {
    const path = lassoPath(x, y, lambdas);
    let coldSweeps = 0;
    lambdas.forEach((lambda, l) => {
      const m = new Lasso({ lambda }).fit(x, y);
      coldSweeps += m.iterations;
      for (let j = 0; j < 10; j++) expect(Math.abs(path.coefficients.data[l * 10 + j] - m.weights[j])).toBeLessThan(1e-8);
      expect(Math.abs(path.intercepts[l] - m.intercept)).toBeLessThan(1e-8);
    });
    expect(path.iterations.reduce((s, v) => s + v, 0)).toBeLessThan(coldSweeps);
    // starts from all zeros, and the number of non-zeros grows along the path
    expect(path.coefficients.data.subarray(0, 10).every((v) => v === 0)).toBe(true);
    const nnz = (l: number) => path.coefficients.data.subarray(l * 10, (l + 1) * 10).filter((v) => v !== 0).length;
    expect(nnz(11)).toBeGreaterThan(nnz(2));
  });

  it('rejects an empty grid and negative lambdas', () => {
    expect(() => lassoPath(x, y, [])).toThrow(RangeError);
    expect(() => lassoPath(x, y, [1, -1])).toThrow(RangeError);
  });
});

describe('Lasso: error paths', () => {
  it('rejects bad options and inputs', () => {
    expect(() => new Lasso({ lambda: -1 })).toThrow(RangeError);
    expect(() => new Lasso({ lambda: NaN })).toThrow(RangeError);
    expect(() => new Lasso({ l1Ratio: 1.5 })).toThrow(RangeError);
    expect(() => new Lasso({ maxIter: 0 })).toThrow(RangeError);
    expect(() => new Lasso().fit([], [])).toThrow(RangeError);
    expect(() => new Lasso().fit([[1], [2]], [1])).toThrow(RangeError);
    expect(() => new Lasso().fit([[1], [NaN]], [1, 2])).toThrow(RangeError);
    expect(() => new Lasso().fit('x' as never, [1])).toThrow(TypeError);
    expect(() => new Lasso().predict([[1]])).toThrow(/call fit/);
    expect(() => new Lasso().fit([[1, 2], [3, 4]], [1, 2]).predict([[1]])).toThrow(RangeError);
    expect(() => new Lasso().fit([[1, 2], [3, 4]], [1, 2], [0])).toThrow(RangeError);
  });

  it('a constant column gets coefficient 0 and reports no convergence when maxIter is too small', () => {
    const m = new Lasso({ lambda: 0.1 }).fit([[1, 1], [1, 2], [1, 3]], [1, 2, 3]);
    expect(m.weights[0]).toBe(0);
    const { x, y } = correlated(9);
    const short = new Lasso({ lambda: 0.001, maxIter: 2 }).fit(x, y);
    expect(short.converged).toBe(false);
    expect(short.iterations).toBe(2);
  });
});
