// Tests for lib/model-selection/bias-variance: the two algebraic identities on a seeded polynomial run (1e-12 relative);
// a constant model (variance exactly 0, bias^2 hand-computed); the sample-mean estimator, whose variance is
// sigma^2 / n and bias 0 in closed form (statistical tolerance: 10% with 4000 rounds, about 4.5 standard errors);
// the unbiasedness of bias^2 and variance for a constant predictor with known bias and variance, averaged over 2000
// independent runs of R = 4 rounds (the plug-in (fbar - f)^2 and the divisor-R variance fail it by Var/R = 0.25);
// reproducibility and error paths.
import { describe, expect, it } from 'vitest';
import { biasVarianceDecomposition } from '../../lib/model-selection/bias-variance';
import { makeNoisySine } from '../../lib/data/synthetic';
import { polynomialFeatures } from '../../lib/features/polynomial-features';
import { LinearRegression } from '../../lib/linear/linear-regression';
import type { Matrix } from '../../lib/core/matrix';

const xTest = Float64Array.from({ length: 25 }, (_, i) => 0.02 + (0.96 * i) / 24);
const fTest = xTest.map((v) => Math.sin(2 * Math.PI * v));

function polyProblem(degree: number) {
  return {
    sample: (rng: { nextUint32(): number }) => makeNoisySine({ n: 25, noise: 0.3, seed: rng.nextUint32() }),
    fitPredict: (x: Matrix, y: Float64Array, xt: Matrix) => new LinearRegression().fit(polynomialFeatures(x, degree), y).predict(polynomialFeatures(xt, degree)),
    xTest, fTest,
  };
}

describe('biasVarianceDecomposition', () => {
  it('identities on a seeded run: errorVsTruth = bias^2 + variance and expectedError = bias^2 + variance + noise + cross (1e-12 relative)', () => {
    for (const degree of [1, 3, 9]) {
      const r = biasVarianceDecomposition(polyProblem(degree), { rounds: 100, noiseStd: 0.3, seed: 11 });
      expect(Math.abs(r.errorVsTruth - (r.bias2 + r.variance)) / r.errorVsTruth).toBeLessThan(1e-12);
      expect(Math.abs(r.expectedError - (r.bias2 + r.variance + r.noise + r.crossTerm)) / r.expectedError).toBeLessThan(1e-12);
      expect(r.noiseVariance).toBeCloseTo(0.09, 15);
      expect(r.predictions.rows).toBe(100);
      expect(r.predictions.cols).toBe(25);
    }
  });

  it('degree 1 underfits (bias^2 > variance), degree 9 overfits (variance > bias^2)', () => {
    const lo = biasVarianceDecomposition(polyProblem(1), { rounds: 100, noiseStd: 0.3, seed: 4 });
    const hi = biasVarianceDecomposition(polyProblem(9), { rounds: 100, noiseStd: 0.3, seed: 4 });
    expect(lo.bias2).toBeGreaterThan(lo.variance);
    expect(hi.variance).toBeGreaterThan(hi.bias2);
  });

  it('a constant model has zero variance and bias^2 = mean (c - f)^2 (hand-computed, exact)', () => {
    const r = biasVarianceDecomposition({
      sample: () => ({ x: Float64Array.of(0, 1), y: [0, 1] }),
      fitPredict: (_x, _y, xt) => new Float64Array(xt.rows).fill(0.5),
      xTest: [[0], [1]], fTest: [0, 2],
    }, { rounds: 3, seed: 1 });
    expect(r.variance).toBe(0);
    expect(r.bias2).toBe((0.25 + 2.25) / 2);
    expect(r.noise).toBe(0);
    expect(r.expectedError).toBe(r.bias2);
  });

  it('sample mean of n noisy targets: bias^2 ~ 0, variance ~ sigma^2 / n, noise ~ sigma^2, cross ~ 0 (4000 rounds, 10%)', () => {
    const sigma = 0.5, n = 10;
    const r = biasVarianceDecomposition({
      sample: (rng) => ({ x: new Float64Array(n), y: Float64Array.from({ length: n }, () => 2 + rng.normal(0, sigma)) }),
      fitPredict: (_x, y, xt) => new Float64Array(xt.rows).fill(y.reduce((s, v) => s + v, 0) / y.length),
      xTest: Float64Array.of(0), fTest: [2],
    }, { rounds: 4000, noiseStd: sigma, seed: 21 });
    const v = sigma ** 2 / n;
    expect(Math.abs(r.variance - v) / v).toBeLessThan(0.1);
    expect(Math.abs(r.bias2)).toBeLessThan(v / 50); // unbiased for 0; its spread is about v / 4000
    expect(Math.abs(r.noise - sigma ** 2) / sigma ** 2).toBeLessThan(0.1);
    expect(Math.abs(r.crossTerm)).toBeLessThan(0.1 * v);
    expect(Math.abs(r.expectedError - (v + sigma ** 2)) / (v + sigma ** 2)).toBeLessThan(0.1);
  });

  it('bias^2 and variance are unbiased for any R: constant predictor c + N(0, 1) noise, true bias^2 = 0.25, variance = 1 (2000 runs of R = 4)', () => {
    // Each round's model predicts its training target y = 2.5 + N(0, 1) everywhere; the truth is f = 2 at 3 test points.
    // Closed form: bias^2 = (2.5 - 2)^2 = 0.25, Var = 1. The plug-in (fbar - f)^2 has mean 0.25 + 1/4 = 0.5, the
    // divisor-R variance 3/4. The estimates' standard deviations are about 0.6 and 0.8 per run, so their means over
    // 2000 runs have standard errors of about 0.014 and 0.018: a tolerance of 0.06 is more than 3 of them, and the
    // biased estimators miss by 0.25 (more than 13).
    const runs = 2000, R = 4;
    let bias2 = 0, plugIn = 0, variance = 0, errorVsTruth = 0;
    for (let s = 0; s < runs; s++) {
      const r = biasVarianceDecomposition({
        sample: (rng) => ({ x: Float64Array.of(0), y: [2.5 + rng.normal()] }),
        fitPredict: (_x, y, xt) => new Float64Array(xt.rows).fill(y[0]),
        xTest: Float64Array.of(0, 0.5, 1), fTest: [2, 2, 2],
      }, { rounds: R, seed: 1000 + s });
      bias2 += r.bias2 / runs;
      plugIn += r.bias2PlugIn / runs;
      variance += r.variance / runs;
      errorVsTruth += r.errorVsTruth / runs;
    }
    expect(Math.abs(bias2 - 0.25)).toBeLessThan(0.06);
    expect(Math.abs(variance - 1)).toBeLessThan(0.06);
    expect(Math.abs(plugIn - (0.25 + 1 / R))).toBeLessThan(0.06); // the plug-in is biased by Var/R, as stated
    expect(Math.abs(errorVsTruth - 1.25)).toBeLessThan(0.06);      // E(f - fhat)^2 = bias^2 + Var
  });

  it('is reproducible with a seed', () => {
    const a = biasVarianceDecomposition(polyProblem(3), { rounds: 20, noiseStd: 0.3, seed: 5 });
    const b = biasVarianceDecomposition(polyProblem(3), { rounds: 20, noiseStd: 0.3, seed: 5 });
    expect(b.expectedError).toBe(a.expectedError);
    expect(Array.from(b.meanPrediction)).toEqual(Array.from(a.meanPrediction));
  });

  it('rejects bad rounds, noise, callbacks, mismatched lengths and NaN predictions', () => {
    const base = polyProblem(1);
    expect(() => biasVarianceDecomposition(base, { rounds: 1, seed: 1 })).toThrow(RangeError);
    expect(() => biasVarianceDecomposition(base, { noiseStd: -1, seed: 1 })).toThrow(RangeError);
    expect(() => biasVarianceDecomposition({ ...base, sample: undefined } as never, { seed: 1 })).toThrow(TypeError);
    expect(() => biasVarianceDecomposition({ ...base, fTest: [1, 2] }, { rounds: 2, seed: 1 })).toThrow(RangeError);
    expect(() => biasVarianceDecomposition({ ...base, fitPredict: () => [1] }, { rounds: 2, seed: 1 })).toThrow(/expected 25 predictions/);
    expect(() => biasVarianceDecomposition({ ...base, fitPredict: (_x, _y, xt) => new Float64Array(xt.rows).fill(NaN) }, { rounds: 2, seed: 1 })).toThrow(RangeError);
    expect(() => biasVarianceDecomposition({ ...base, xTest: new Float64Array(0), fTest: [] }, { rounds: 2, seed: 1 })).toThrow(RangeError);
  });
});
