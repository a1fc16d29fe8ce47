// Tests for lib/unsupervised/gmm: one EM step and the log-likelihood against an independent implementation with
// ml-matrix's inverse and determinant (1e-9 relative), monotone log-likelihood, recovery of known parameters,
// diagonal covariances, BIC choosing K, errors.
import { describe, expect, it } from 'vitest';
import { Matrix as MLMatrix, determinant, inverse } from 'ml-matrix';
import { GaussianMixture } from '../../lib/unsupervised/gmm';
import { matrix, toRows, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

/** Draws from a known mixture: weights, means and covariance Cholesky factors. */
function sample(seed: number, n: number, weights: number[], means: number[][], chol: number[][][]): { x: Matrix; z: Int32Array } {
  const rng = new Rng(seed);
  const d = means[0].length;
  const x = matrix(n, d), z = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = rng.weightedIndex(weights);
    z[i] = k;
    const e = Array.from({ length: d }, () => rng.normal());
    for (let a = 0; a < d; a++) {
      let s = means[k][a];
      for (let b = 0; b <= a; b++) s += chol[k][a][b] * e[b];
      x.data[i * d + a] = s;
    }
  }
  return { x, z };
}

const truth = {
  weights: [0.5, 0.3, 0.2],
  means: [[0, 0], [5, 1], [1, 5]],
  chol: [[[1, 0], [0.5, 0.8]], [[0.7, 0], [-0.3, 0.5]], [[1.2, 0], [0, 0.4]]],
};

/** Independent multivariate normal log-density with ml-matrix's inverse and determinant. */
function logPdf(x: number[], mean: number[], cov: number[][]): number {
  const d = x.length;
  const diff = MLMatrix.columnVector(x.map((v, j) => v - mean[j]));
  const q = diff.transpose().mmul(inverse(new MLMatrix(cov))).mmul(diff).get(0, 0);
  return -0.5 * (d * Math.log(2 * Math.PI) + Math.log(determinant(new MLMatrix(cov))) + q);
}

/** One EM iteration from responsibilities R (n x K), written with plain arrays: M-step, then E-step. */
function referenceStep(X: number[][], R: number[][], reg: number): { weights: number[]; means: number[][]; covs: number[][][]; R: number[][]; ll: number } {
  const n = X.length, d = X[0].length, K = R[0].length;
  const Nk = Array.from({ length: K }, (_, k) => R.reduce((s, r) => s + r[k], 0));
  const means = Array.from({ length: K }, (_, k) => Array.from({ length: d }, (_, j) => X.reduce((s, x, i) => s + R[i][k] * x[j], 0) / Nk[k]));
  const covs = Array.from({ length: K }, (_, k) => Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) =>
    X.reduce((s, x, i) => s + R[i][k] * (x[a] - means[k][a]) * (x[b] - means[k][b]), 0) / Nk[k] + (a === b ? reg : 0))));
  const weights = Nk.map((v) => v / n);
  let ll = 0;
  const Rnew = X.map((x) => {
    const joint = weights.map((w, k) => Math.log(w) + logPdf(x, means[k], covs[k]));
    const m = Math.max(...joint);
    const lse = m + Math.log(joint.reduce((s, v) => s + Math.exp(v - m), 0));
    ll += lse;
    return joint.map((v) => Math.exp(v - lse));
  });
  return { weights, means, covs, R: Rnew, ll };
}

describe('GaussianMixture against an independent EM step (ml-matrix inverse and determinant)', () => {
  it('two iterations from given responsibilities: parameters and log-likelihoods to 1e-9 relative', () => {
    const { x } = sample(1, 300, truth.weights, truth.means, truth.chol);
    const rng = new Rng(2);
    const R0 = Array.from({ length: 300 }, () => {
      const r = [rng.random(), rng.random(), rng.random()];
      const s = r[0] + r[1] + r[2];
      return r.map((v) => v / s);
    });
    const X = toRows(x);
    // ours: init M-step + E-step (history[0]), then iterations 1 and 2
    const gmm = new GaussianMixture({ nComponents: 3, init: R0, maxIterations: 2, tolerance: 0, regCovar: 1e-6 }).fit(x);
    let step = referenceStep(X, R0, 1e-6);
    const lls = [step.ll];
    for (let t = 0; t < 2; t++) { step = referenceStep(X, step.R, 1e-6); lls.push(step.ll); }
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
    expect(gmm.logLikelihoodHistory.length).toBe(3);
    lls.forEach((ll, t) => expect(rel(gmm.logLikelihoodHistory[t], ll)).toBeLessThan(1e-9));
    for (let k = 0; k < 3; k++) {
      expect(rel(gmm.weights[k], step.weights[k])).toBeLessThan(1e-9);
      for (let a = 0; a < 2; a++) {
        expect(rel(gmm.means.data[k * 2 + a], step.means[k][a])).toBeLessThan(1e-9);
        for (let b = 0; b < 2; b++) expect(rel(gmm.covariances[k].data[a * 2 + b], step.covs[k][a][b])).toBeLessThan(1e-9);
      }
    }
    // scoreSamples is log p(x) under the fitted mixture: sum equals the final log-likelihood of the reference
    const s = gmm.scoreSamples(x).reduce((a, b) => a + b, 0);
    const final = X.reduce((acc, xi) => {
      const joint = [0, 1, 2].map((k) => Math.log(gmm.weights[k]) + logPdf(xi, [gmm.means.data[2 * k], gmm.means.data[2 * k + 1]], toRows(gmm.covariances[k])));
      const m = Math.max(...joint);
      return acc + m + Math.log(joint.reduce((t, v) => t + Math.exp(v - m), 0));
    }, 0);
    expect(rel(s, final)).toBeLessThan(1e-9);
  });
});

describe('GaussianMixture behaviour', () => {
  it('the log-likelihood never decreases (regCovar 0, full and diagonal); it converges', () => {
    const { x } = sample(3, 500, truth.weights, truth.means, truth.chol);
    for (const covarianceType of ['full', 'diag'] as const) {
      for (const init of ['kmeans', 'random'] as const) {
        const gmm = new GaussianMixture({ nComponents: 3, covarianceType, init, regCovar: 0, seed: 4, maxIterations: 300 }).fit(x);
        const h = gmm.logLikelihoodHistory;
        for (let t = 1; t < h.length; t++) expect(h[t]).toBeGreaterThanOrEqual(h[t - 1] - 1e-9 * Math.abs(h[t - 1]));
        expect(gmm.converged).toBe(true);
      }
    }
  });

  it('recovers a known 3-component mixture from 4000 draws (weights within 0.03, means within 0.1)', () => {
    const { x } = sample(5, 4000, truth.weights, truth.means, truth.chol);
    const gmm = new GaussianMixture({ nComponents: 3, seed: 6 }).fit(x);
    // match components to the truth by nearest mean
    for (let k = 0; k < 3; k++) {
      const m = [gmm.means.data[2 * k], gmm.means.data[2 * k + 1]];
      const j = truth.means.map((t) => Math.hypot(t[0] - m[0], t[1] - m[1])).reduce((b, v, i, a) => (v < a[b] ? i : b), 0);
      expect(Math.hypot(truth.means[j][0] - m[0], truth.means[j][1] - m[1])).toBeLessThan(0.1);
      expect(Math.abs(gmm.weights[k] - truth.weights[j])).toBeLessThan(0.03);
      // covariance: L L^T of the truth, within 0.15 per entry
      const L = truth.chol[j];
      const cov = [[L[0][0] ** 2, L[0][0] * L[1][0]], [L[0][0] * L[1][0], L[1][0] ** 2 + L[1][1] ** 2]];
      for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) expect(Math.abs(gmm.covariances[k].data[a * 2 + b] - cov[a][b])).toBeLessThan(0.15);
    }
    const P = gmm.predictProba(x);
    for (let i = 0; i < 10; i++) expect(P.data[3 * i] + P.data[3 * i + 1] + P.data[3 * i + 2]).toBeCloseTo(1, 12);
    expect(gmm.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('diagonal covariances have zero off-diagonal entries; BIC prefers the true K = 3 over 1, 2 and 5', () => {
    const { x } = sample(7, 1500, truth.weights, truth.means, truth.chol);
    const diag = new GaussianMixture({ nComponents: 3, covarianceType: 'diag', seed: 1 }).fit(x);
    for (const c of diag.covariances) expect([c.data[1], c.data[2]]).toEqual([0, 0]);
    const bic = [1, 2, 3, 5].map((K) => new GaussianMixture({ nComponents: K, seed: 1 }).fit(x).bic(x));
    expect(bic.indexOf(Math.min(...bic))).toBe(2);
    expect(new GaussianMixture({ nComponents: 3, seed: 1 }).fit(x).parameterCount()).toBe(2 + 6 + 9);
    expect(diag.parameterCount()).toBe(2 + 6 + 6);
  });

  it('same seed, same fit', () => {
    const { x } = sample(8, 300, truth.weights, truth.means, truth.chol);
    const a = new GaussianMixture({ nComponents: 3, seed: 9, nInit: 2 }).fit(x);
    const b = new GaussianMixture({ nComponents: 3, seed: 9, nInit: 2 }).fit(x);
    expect(Array.from(a.means.data)).toEqual(Array.from(b.means.data));
  });

  it('errors: more components than rows, bad options, a singular covariance, bad init matrix, unfitted', () => {
    expect(() => new GaussianMixture({ nComponents: 5, seed: 1 }).fit([[1], [2], [3]])).toThrow('expected nComponents <= 3 samples, got nComponents = 5');
    expect(() => new GaussianMixture({ nComponents: 0 })).toThrow(RangeError);
    expect(() => new GaussianMixture({ covarianceType: 'tied' as 'full' })).toThrow(RangeError);
    expect(() => new GaussianMixture({ nComponents: 1, regCovar: 0, seed: 1 }).fit([[1, 1], [1, 1], [1, 1]])).toThrow(/regCovar/);
    expect(() => new GaussianMixture({ nComponents: 2, init: [[1, 0]] }).fit([[1], [2]])).toThrow(/2 x 2/);
    expect(() => new GaussianMixture({ nComponents: 2, init: [[0.5, 0.6], [1, 0]] }).fit([[1], [2]])).toThrow(/summing to 1/);
    expect(() => new GaussianMixture().fit([])).toThrow(RangeError);
    expect(() => new GaussianMixture().predict([[1]])).toThrow(/call fit/);
  });
});
