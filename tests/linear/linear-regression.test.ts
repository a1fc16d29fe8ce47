// Tests for lib/linear/linear-regression: normal equation vs ml-regression-multivariate-linear (1e-8 relative), ridge vs an
// ml-matrix solve of the closed form (1e-8 relative), gradient descent vs the normal equation (1e-8 relative), MSE/R^2 by hand.
import { describe, expect, it } from 'vitest';
import MultivariateLinearRegression from 'ml-regression-multivariate-linear';
import { Matrix as MlMatrix, solve as mlSolve } from 'ml-matrix';
import { LinearRegression, meanSquaredError, r2Score } from '../../lib/linear/linear-regression';
import { toRows, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

/** n samples, d standard-normal features, y = X w_true + b_true + noise. */
function makeProblem(seed: number, n: number, d: number, noise = 0.5): { x: Matrix; y: Float64Array; wTrue: number[]; bTrue: number } {
  const rng = new Rng(seed);
  const wTrue = Array.from({ length: d }, (_, j) => (j + 1) * (j % 2 === 0 ? 1 : -1));
  const bTrue = 3;
  const x: Matrix = { rows: n, cols: d, data: new Float64Array(n * d) };
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = bTrue;
    for (let j = 0; j < d; j++) {
      const v = rng.normal();
      x.data[i * d + j] = v;
      s += wTrue[j] * v;
    }
    y[i] = s + noise * rng.normal();
  }
  return { x, y, wTrue, bTrue };
}

function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0, scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

describe('LinearRegression, normal equation', () => {
  const { x, y, wTrue, bTrue } = makeProblem(1, 200, 4);

  it('matches ml-regression-multivariate-linear to 1e-8 relative (weights, intercept, predictions)', () => {
    const mine = new LinearRegression().fit(x, y);
    const ref = new MultivariateLinearRegression(toRows(x), Array.from(y, (v) => [v]), { statistics: false });
    const refWeights = ref.weights.slice(0, 4).map((r) => r[0]);
    const refIntercept = ref.weights[4][0]; // ml puts the intercept row last
    expect(maxRelErr(mine.weights, refWeights)).toBeLessThan(1e-8);
    expect(Math.abs(mine.intercept - refIntercept) / Math.abs(refIntercept)).toBeLessThan(1e-8);
    const refPred = (ref.predict(toRows(x)) as number[][]).map((r) => r[0]);
    expect(maxRelErr(mine.predict(x), refPred)).toBeLessThan(1e-8);
    // and it recovers the generating parameters roughly (noise 0.5, n = 200)
    expect(maxRelErr(mine.weights, wTrue)).toBeLessThan(0.05);
    expect(mine.intercept).toBeCloseTo(bTrue, 0);
  });

  it('without intercept matches the reference with intercept: false (1e-8 relative)', () => {
    const mine = new LinearRegression({ fitIntercept: false }).fit(x, y);
    const ref = new MultivariateLinearRegression(toRows(x), Array.from(y, (v) => [v]), { intercept: false, statistics: false });
    expect(maxRelErr(mine.weights, ref.weights.map((r) => r[0]))).toBeLessThan(1e-8);
    expect(mine.intercept).toBe(0);
  });

  it('hand-computed: points on y = 2x + 1 are fitted exactly', () => {
    const m = new LinearRegression().fit([[0], [1], [2], [3]], [1, 3, 5, 7]);
    expect(m.weights[0]).toBeCloseTo(2, 12);
    expect(m.intercept).toBeCloseTo(1, 12);
    expect(m.score([[0], [1], [2], [3]], [1, 3, 5, 7])).toBeCloseTo(1, 12);
  });

  it('ridge matches (A^T A + lambda diag(0, 1, .., 1))^-1 A^T y solved with ml-matrix, A = [1 X] (1e-8 relative)', () => {
    const lambda = 25;
    const mine = new LinearRegression({ lambda }).fit(x, y);
    const A = new MlMatrix(toRows(x).map((r) => [1, ...r]));
    const P = MlMatrix.eye(5).mul(lambda);
    P.set(0, 0, 0);
    const theta = mlSolve(A.transpose().mmul(A).add(P), A.transpose().mmul(MlMatrix.columnVector(Array.from(y)))).to1DArray();
    expect(Math.abs(mine.intercept - theta[0]) / Math.abs(theta[0])).toBeLessThan(1e-8);
    expect(maxRelErr(mine.weights, theta.slice(1))).toBeLessThan(1e-8);
    // shrinkage: the penalised weights are smaller than OLS's
    const ols = new LinearRegression().fit(x, y);
    let l2Ridge = 0, l2Ols = 0;
    for (let j = 0; j < 4; j++) { l2Ridge += mine.weights[j] ** 2; l2Ols += ols.weights[j] ** 2; }
    expect(l2Ridge).toBeLessThan(l2Ols);
  });

  it('ridge makes a collinear (singular) problem solvable; without it, a clear RangeError', () => {
    const xs = [[1, 2], [2, 4], [3, 6], [4, 8]]; // column 2 = 2 x column 1
    expect(() => new LinearRegression().fit(xs, [1, 2, 3, 4])).toThrow(/singular.*lambda > 0/);
    const m = new LinearRegression({ lambda: 1e-3 }).fit(xs, [1, 2, 3, 4]);
    expect(maxRelErr(m.predict(xs), [1, 2, 3, 4])).toBeLessThan(1e-3);
  });
});

describe('LinearRegression, batch gradient descent', () => {
  // Well-conditioned: standard-normal independent features, so X^T X / n is close to I and lr = 0.1 contracts by ~0.9 per epoch.
  const { x, y } = makeProblem(2, 300, 3);

  it('converges to the normal-equation solution to 1e-8 relative (lr 0.1, 2000 epochs), with a non-increasing loss', () => {
    const gd = new LinearRegression({ method: 'gradient-descent', learningRate: 0.1, epochs: 2000 }).fit(x, y);
    const ne = new LinearRegression().fit(x, y);
    expect(maxRelErr(gd.weights, ne.weights)).toBeLessThan(1e-8);
    expect(Math.abs(gd.intercept - ne.intercept) / Math.abs(ne.intercept)).toBeLessThan(1e-8);
    for (let e = 1; e < gd.lossHistory.length; e++) expect(gd.lossHistory[e]).toBeLessThanOrEqual(gd.lossHistory[e - 1] + 1e-15);
  });

  it('with lambda converges to the ridge closed form to 1e-8 relative', () => {
    const gd = new LinearRegression({ method: 'gradient-descent', lambda: 40, learningRate: 0.1, epochs: 2000 }).fit(x, y);
    const ne = new LinearRegression({ lambda: 40 }).fit(x, y);
    expect(maxRelErr(gd.weights, ne.weights)).toBeLessThan(1e-8);
    expect(Math.abs(gd.intercept - ne.intercept) / Math.abs(ne.intercept)).toBeLessThan(1e-8);
  });

  it('tolerance stops early; a too-large learning rate diverges with a RangeError', () => {
    const gd = new LinearRegression({ method: 'gradient-descent', learningRate: 0.1, epochs: 5000, tolerance: 1e-6 }).fit(x, y);
    expect(gd.epochsRun).toBeLessThan(5000);
    expect(gd.lossHistory.length).toBe(gd.epochsRun);
    expect(() => new LinearRegression({ method: 'gradient-descent', learningRate: 50, epochs: 5000 }).fit(x, y)).toThrow(/diverged/);
  });
});

describe('metrics (hand-computed)', () => {
  it('meanSquaredError and r2Score', () => {
    // residuals 0, -1, 1 -> MSE 2/3; mean y = 2, SS_tot = 2, R^2 = 1 - 2/2 = 0
    expect(meanSquaredError([1, 2, 3], [1, 3, 2])).toBeCloseTo(2 / 3, 15);
    expect(r2Score([1, 2, 3], [1, 3, 2])).toBeCloseTo(0, 15);
    expect(r2Score([1, 2, 3], [2, 2, 2])).toBe(0);
    expect(() => r2Score([1, 1], [1, 1])).toThrow(RangeError);
    expect(() => meanSquaredError([], [])).toThrow(RangeError);
    expect(() => meanSquaredError([1, 2], [1])).toThrow(/expected yPred to have 2 values/);
  });
});

describe('LinearRegression input errors', () => {
  it('TypeError for the wrong kind of input, RangeError for empty, mismatched, NaN, bad options', () => {
    expect(() => new LinearRegression().fit('x' as unknown as number[][], [1])).toThrow(TypeError);
    expect(() => new LinearRegression().fit([[1]], 'y' as unknown as number[])).toThrow(TypeError);
    expect(() => new LinearRegression().fit([], [])).toThrow(/expected at least 1 sample, got 0/);
    expect(() => new LinearRegression().fit([[1], [2]], [1])).toThrow(/expected y to have 2 values \(one per sample\), got 1/);
    expect(() => new LinearRegression().fit([[1], [NaN]], [1, 2])).toThrow(RangeError);
    expect(() => new LinearRegression().fit([[1], [2]], [1, NaN])).toThrow(RangeError);
    expect(() => new LinearRegression({ lambda: -1 })).toThrow(/expected lambda >= 0, got lambda = -1/);
    expect(() => new LinearRegression({ epochs: 0 })).toThrow(RangeError);
    expect(() => new LinearRegression({ learningRate: 0 })).toThrow(RangeError);
    const m = new LinearRegression().fit([[0, 1], [1, 0], [1, 1]], [1, 2, 3]);
    expect(() => m.predict([[1, 2, 3]])).toThrow(/expected x with 2 columns \(as in fit\), got 3/);
    expect(() => new LinearRegression().predict([[1]])).toThrow(/call fit/);
  });
});
