// Gaussian mixture model fitted by expectation-maximisation (full or diagonal covariances, seeded k-means init, monotone log-likelihood).
import { asFittedInput, asMatrix, cholesky, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom, type Rng } from '../core/random';
import { kmeans } from './kmeans';

export interface GaussianMixtureOptions {
  /** Number of Gaussian components K. */
  nComponents: number;
  /** 'full': each component has its own d x d covariance; 'diag': axis-aligned (diagonal) covariances. */
  covarianceType: 'full' | 'diag';
  /** EM iterations at most. */
  maxIterations: number;
  /** Converged when the mean log-likelihood per sample improves by less than this. */
  tolerance: number;
  /** Added to every covariance diagonal so no component collapses onto a single point (a singular covariance). */
  regCovar: number;
  /**
   * Starting responsibilities: 'kmeans' (hard k-means++ clusters, seeded), 'random' (random soft assignments), or
   * an n x K matrix of responsibilities to start from (rows summing to 1; nInit is then ignored).
   */
  init: 'kmeans' | 'random' | MatrixLike;
  /** Runs from nInit seeded starts and keeps the highest final log-likelihood. */
  nInit: number;
  /** Seed for the initialisation; default: forked from the global seed. */
  seed: number | undefined;
}

export const gaussianMixtureDefaults: Readonly<GaussianMixtureOptions> = {
  nComponents: 2,
  covarianceType: 'full',
  maxIterations: 100,
  tolerance: 1e-6,
  regCovar: 1e-6,
  init: 'kmeans',
  nInit: 1,
  seed: undefined,
};

interface Params {
  weights: Float64Array;
  means: Float64Array; // K x d
  covariances: Float64Array; // K x d x d
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * log N(x_i; mu_k, Sigma_k) for every row and component, via the Cholesky factor Sigma = L L^T:
 * log N = -1/2 (d log 2 pi + 2 sum log L_jj + ||L^-1 (x - mu)||^2).
 * @returns n x K
 */
function logGaussians(X: Matrix, p: Params, K: number): Float64Array {
  const n = X.rows, d = X.cols, Xd = X.data;
  const out = new Float64Array(n * K);
  const z = new Float64Array(d);
  for (let k = 0; k < K; k++) {
    let L: Matrix;
    try {
      L = cholesky({ rows: d, cols: d, data: p.covariances.subarray(k * d * d, (k + 1) * d * d) });
    } catch (e) {
      if (e instanceof RangeError) throw new RangeError(`expected positive-definite covariances, got a singular one for component ${k}: increase regCovar or lower nComponents`);
      throw e;
    }
    const Ld = L.data;
    let logDet = 0;
    for (let j = 0; j < d; j++) logDet += 2 * Math.log(Ld[j * d + j]);
    const mu = k * d;
    for (let i = 0; i < n; i++) {
      let q = 0;
      for (let r = 0; r < d; r++) {
        let s = Xd[i * d + r] - p.means[mu + r];
        for (let c = 0; c < r; c++) s -= Ld[r * d + c] * z[c];
        z[r] = s / Ld[r * d + r];
        q += z[r] * z[r];
      }
      out[i * K + k] = -0.5 * (d * LOG_2PI + logDet + q);
    }
  }
  return out;
}

/** E-step: responsibilities (n x K, written into resp) and the total log-likelihood sum_i log sum_k pi_k N(x_i | k). */
function eStep(X: Matrix, p: Params, K: number, resp: Float64Array | null): { logLikelihood: number; logProb: Float64Array } {
  const n = X.rows;
  const lg = logGaussians(X, p, K);
  const logProb = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) {
      const v = (lg[i * K + k] += Math.log(p.weights[k]));
      if (v > m) m = v;
    }
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(lg[i * K + k] - m);
    const lse = m + Math.log(s);
    logProb[i] = lse;
    total += lse;
    if (resp) for (let k = 0; k < K; k++) resp[i * K + k] = Math.exp(lg[i * K + k] - lse);
  }
  return { logLikelihood: total, logProb };
}

/** M-step: weights, means and covariances that maximise the expected complete-data log-likelihood given resp. */
function mStep(X: Matrix, resp: Float64Array, K: number, type: 'full' | 'diag', reg: number): Params {
  const n = X.rows, d = X.cols, Xd = X.data;
  const Nk = new Float64Array(K);
  const means = new Float64Array(K * d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      const r = resp[i * K + k];
      if (r === 0) continue;
      Nk[k] += r;
      for (let j = 0; j < d; j++) means[k * d + j] += r * Xd[i * d + j];
    }
  }
  for (let k = 0; k < K; k++) {
    Nk[k] += 10 * Number.EPSILON; // an empty component keeps finite parameters
    for (let j = 0; j < d; j++) means[k * d + j] /= Nk[k];
  }
  const cov = new Float64Array(K * d * d);
  const diff = new Float64Array(d);
  for (let k = 0; k < K; k++) {
    const base = k * d * d;
    for (let i = 0; i < n; i++) {
      const r = resp[i * K + k];
      if (r === 0) continue;
      for (let j = 0; j < d; j++) diff[j] = Xd[i * d + j] - means[k * d + j];
      if (type === 'full') {
        for (let a = 0; a < d; a++) {
          const ra = r * diff[a];
          for (let b = a; b < d; b++) cov[base + a * d + b] += ra * diff[b];
        }
      } else {
        for (let a = 0; a < d; a++) cov[base + a * d + a] += r * diff[a] * diff[a];
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        const v = cov[base + a * d + b] / Nk[k];
        cov[base + a * d + b] = v;
        cov[base + b * d + a] = v;
      }
      cov[base + a * d + a] += reg;
    }
  }
  const weights = new Float64Array(K);
  for (let k = 0; k < K; k++) weights[k] = Nk[k] / n;
  return { weights, means, covariances: cov };
}

interface Run {
  params: Params;
  history: number[];
  converged: boolean;
  iterations: number;
}

function runEM(X: Matrix, o: GaussianMixtureOptions, rng: Rng | null, start: Matrix | null): Run {
  const n = X.rows, K = o.nComponents;
  const resp = new Float64Array(n * K);
  if (start || !rng) resp.set((start as Matrix).data);
  else if (o.init === 'kmeans') {
    const km = kmeans(X, K, { seed: rng.nextUint32(), maxIterations: 100 });
    for (let i = 0; i < n; i++) resp[i * K + km.assignments[i]] = 1;
  } else {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += (resp[i * K + k] = rng.random());
      for (let k = 0; k < K; k++) resp[i * K + k] /= s;
    }
  }
  let params = mStep(X, resp, K, o.covarianceType, o.regCovar);
  let ll = eStep(X, params, K, resp).logLikelihood;
  const history = [ll];
  let converged = false, iterations = 0;
  while (iterations < o.maxIterations) {
    iterations++;
    params = mStep(X, resp, K, o.covarianceType, o.regCovar);
    const next = eStep(X, params, K, resp).logLikelihood;
    history.push(next);
    const change = (next - ll) / n;
    ll = next;
    if (Math.abs(change) < o.tolerance) { converged = true; break; }
  }
  return { params, history, converged, iterations };
}

/**
 * A Gaussian mixture p(x) = sum_k pi_k N(x; mu_k, Sigma_k) fitted by EM. The E-step computes responsibilities
 * r_ik = pi_k N(x_i | k) / sum_j pi_j N(x_i | j) (soft assignments); the M-step re-estimates
 * N_k = sum_i r_ik, pi_k = N_k / n, mu_k = sum_i r_ik x_i / N_k, Sigma_k = sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / N_k.
 * Each iteration cannot lower the log-likelihood sum_i log p(x_i) (up to the small regCovar added to the diagonals).
 * k-means is the limit of this with equal spherical covariances shrinking to zero (hard assignments).
 */
export class GaussianMixture {
  readonly options: Readonly<GaussianMixtureOptions>;
  /** Length K mixing weights pi_k (sum to 1). */
  weights: Float64Array = new Float64Array(0);
  /** K x d component means. */
  means: Matrix = matrix(0, 0);
  /** K covariance matrices, each d x d (diagonal for covarianceType 'diag'). */
  covariances: Matrix[] = [];
  /** Total log-likelihood at the start and after every EM iteration of the kept run (non-decreasing). */
  logLikelihoodHistory: Float64Array = new Float64Array(0);
  converged = false;
  iterations = 0;
  private params: Params | null = null;

  constructor(options: Partial<GaussianMixtureOptions> = {}) {
    const o = { ...gaussianMixtureDefaults, ...options };
    if (typeof o.nComponents !== 'number') throw new TypeError(`expected nComponents to be a number, got ${typeof o.nComponents}`);
    if (!Number.isInteger(o.nComponents) || o.nComponents < 1) throw new RangeError(`expected nComponents to be a positive integer, got nComponents = ${o.nComponents}`);
    if (o.covarianceType !== 'full' && o.covarianceType !== 'diag') throw new RangeError(`expected covarianceType 'full' or 'diag', got ${String(o.covarianceType)}`);
    if (!Number.isInteger(o.maxIterations) || o.maxIterations < 1) throw new RangeError(`expected maxIterations >= 1, got maxIterations = ${o.maxIterations}`);
    if (!(o.tolerance >= 0)) throw new RangeError(`expected tolerance >= 0, got tolerance = ${o.tolerance}`);
    if (!(o.regCovar >= 0) || !Number.isFinite(o.regCovar)) throw new RangeError(`expected regCovar >= 0, got regCovar = ${o.regCovar}`);
    if (typeof o.init === 'string' && o.init !== 'kmeans' && o.init !== 'random') throw new RangeError(`expected init 'kmeans', 'random' or an n x K matrix, got ${String(o.init)}`);
    if (!Number.isInteger(o.nInit) || o.nInit < 1) throw new RangeError(`expected nInit >= 1, got nInit = ${o.nInit}`);
    this.options = o;
  }

  /** @param x - n x d row-major, n >= nComponents */
  fit(x: MatrixLike): this {
    const X = asMatrix(x, 'x');
    if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
    if (X.cols === 0) throw new RangeError('expected at least 1 feature, got 0');
    const K = this.options.nComponents;
    if (K > X.rows) throw new RangeError(`expected nComponents <= ${X.rows} samples, got nComponents = ${K}`);
    let start: Matrix | null = null;
    if (typeof this.options.init !== 'string') {
      start = asMatrix(this.options.init, 'init');
      if (start.rows !== X.rows || start.cols !== K) throw new RangeError(`expected init responsibilities of shape n x K = ${X.rows} x ${K}, got ${start.rows} x ${start.cols}`);
      for (let i = 0; i < X.rows; i++) {
        let s = 0;
        for (let k = 0; k < K; k++) {
          const v = start.data[i * K + k];
          if (v < 0) throw new RangeError(`expected non-negative responsibilities, got ${v} at row ${i}`);
          s += v;
        }
        if (Math.abs(s - 1) > 1e-9) throw new RangeError(`expected responsibilities summing to 1 in every row, got ${s} in row ${i}`);
      }
    }
    const rng = start ? null : rngFrom(this.options.seed);
    let best: Run | null = null;
    const runs = start ? 1 : this.options.nInit;
    for (let run = 0; run < runs; run++) {
      const r = runEM(X, this.options, rng, start);
      if (best === null || r.history[r.history.length - 1] > best.history[best.history.length - 1]) best = r;
    }
    const b = best as Run;
    const d = X.cols;
    this.params = b.params;
    this.weights = b.params.weights;
    this.means = matrix(K, d, b.params.means);
    this.covariances = Array.from({ length: K }, (_, k) => matrix(d, d, b.params.covariances.slice(k * d * d, (k + 1) * d * d)));
    this.logLikelihoodHistory = Float64Array.from(b.history);
    this.converged = b.converged;
    this.iterations = b.iterations;
    return this;
  }

  private checked(x: MatrixLike): { X: Matrix; p: Params } {
    if (!this.params) throw new Error('GaussianMixture: call fit(x) first');
    const X = asFittedInput(x, this.means.cols);
    return { X, p: this.params };
  }

  /** Responsibilities P(component k | x). @param x - m x d @returns m x K */
  predictProba(x: MatrixLike): Matrix {
    const { X, p } = this.checked(x);
    const K = this.options.nComponents;
    const resp = new Float64Array(X.rows * K);
    eStep(X, p, K, resp);
    return matrix(X.rows, K, resp);
  }

  /** The most responsible component per row. @param x - m x d */
  predict(x: MatrixLike): Int32Array {
    const R = this.predictProba(x);
    const K = R.cols, out = new Int32Array(R.rows);
    for (let i = 0; i < R.rows; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (R.data[i * K + k] > R.data[i * K + best]) best = k;
      out[i] = best;
    }
    return out;
  }

  /** log p(x_i) under the mixture, per row. @param x - m x d */
  scoreSamples(x: MatrixLike): Float64Array {
    const { X, p } = this.checked(x);
    return eStep(X, p, this.options.nComponents, null).logProb;
  }

  /** Mean log-likelihood per row. */
  score(x: MatrixLike): number {
    const s = this.scoreSamples(x);
    if (s.length === 0) throw new RangeError('expected at least 1 sample, got 0');
    let t = 0;
    for (let i = 0; i < s.length; i++) t += s[i];
    return t / s.length;
  }

  /** Number of free parameters: (K - 1) weights + K d means + K d(d+1)/2 (full) or K d (diag) covariance entries. */
  parameterCount(): number {
    const K = this.options.nComponents, d = this.means.cols;
    return K - 1 + K * d + (this.options.covarianceType === 'full' ? (K * d * (d + 1)) / 2 : K * d);
  }

  /** Bayesian information criterion -2 log L + p ln n (lower is better; for choosing K). */
  bic(x: MatrixLike): number {
    const n = asMatrix(x, 'x').rows;
    return -2 * this.score(x) * n + this.parameterCount() * Math.log(n);
  }

  /** Akaike information criterion -2 log L + 2 p. */
  aic(x: MatrixLike): number {
    const n = asMatrix(x, 'x').rows;
    return -2 * this.score(x) * n + 2 * this.parameterCount();
  }
}
