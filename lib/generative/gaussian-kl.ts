// Closed-form KL divergence of a diagonal Gaussian N(mu, diag(exp(logVar))) to the standard normal N(0, I), and its Monte Carlo estimate.
import { Rng } from '../core/random';

function checkPair(mu: ArrayLike<number>, logVar: ArrayLike<number>, where: string): void {
  if (mu === null || typeof mu !== 'object' || typeof mu.length !== 'number') throw new TypeError(`${where}: expected mu to be an array of numbers`);
  if (logVar === null || typeof logVar !== 'object' || typeof logVar.length !== 'number') throw new TypeError(`${where}: expected logVar to be an array of numbers`);
  if (mu.length !== logVar.length) throw new RangeError(`${where}: expected logVar of length ${mu.length} (one per entry of mu), got length ${logVar.length}`);
  if (mu.length === 0) throw new RangeError(`${where}: expected at least 1 latent dimension, got 0`);
  for (let j = 0; j < mu.length; j++) {
    if (!Number.isFinite(mu[j]) || !Number.isFinite(logVar[j])) throw new RangeError(`${where}: expected finite mu and logVar, got mu[${j}] = ${mu[j]}, logVar[${j}] = ${logVar[j]}`);
  }
}

/**
 * KL(q || p) with q = N(mu, diag(sigma^2)), sigma^2 = exp(logVar), p = N(0, I), in closed form:
 *   KL = 1/2 * sum_j (sigma_j^2 + mu_j^2 - 1 - log sigma_j^2).
 * It is 0 exactly when mu = 0 and logVar = 0, and positive otherwise.
 * @param mu - length d means
 * @param logVar - length d log-variances (the encoder outputs log sigma^2 so sigma^2 = exp(.) is always positive)
 */
export function gaussianKl(mu: ArrayLike<number>, logVar: ArrayLike<number>): number {
  checkPair(mu, logVar, 'gaussianKl');
  let s = 0;
  for (let j = 0; j < mu.length; j++) s += Math.exp(logVar[j]) + mu[j] * mu[j] - 1 - logVar[j];
  return 0.5 * s;
}

/**
 * Row-wise closed-form KL for a batch.
 * @param mu - n x d row-major means
 * @param logVar - n x d row-major log-variances
 * @param d - latent dimension
 * @returns length n: the KL of each row's Gaussian to N(0, I)
 */
export function gaussianKlRows(mu: ArrayLike<number>, logVar: ArrayLike<number>, d: number): Float64Array {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`gaussianKlRows: expected d >= 1, got d = ${d}`);
  checkPair(mu, logVar, 'gaussianKlRows');
  if (mu.length % d !== 0) throw new RangeError(`gaussianKlRows: expected a multiple of d = ${d} values, got ${mu.length}`);
  const n = mu.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * d; j < (i + 1) * d; j++) s += Math.exp(logVar[j]) + mu[j] * mu[j] - 1 - logVar[j];
    out[i] = 0.5 * s;
  }
  return out;
}

/** log N(z; mean, diag(exp(logVar))), summed over the d dimensions. */
export function diagGaussianLogPdf(z: ArrayLike<number>, mean: ArrayLike<number>, logVar: ArrayLike<number>): number {
  if (z.length !== mean.length || z.length !== logVar.length) throw new RangeError(`diagGaussianLogPdf: expected z, mean and logVar of one length, got ${z.length}, ${mean.length}, ${logVar.length}`);
  let s = 0;
  for (let j = 0; j < z.length; j++) {
    const diff = z[j] - mean[j];
    s += -0.5 * (Math.log(2 * Math.PI) + logVar[j] + (diff * diff) / Math.exp(logVar[j]));
  }
  return s;
}

export interface MonteCarloKlOptions {
  /** Number of samples z ~ q. */
  samples: number;
  seed: number;
}

export const monteCarloKlDefaults: Readonly<MonteCarloKlOptions> = { samples: 10_000, seed: 0 };

/**
 * Monte Carlo estimate of the same KL: the mean over z ~ q of log q(z) - log p(z), with its standard error
 * (sample standard deviation / sqrt(samples)). Unbiased; the closed form should lie within a few standard errors.
 */
export function gaussianKlMonteCarlo(mu: ArrayLike<number>, logVar: ArrayLike<number>, options: Partial<MonteCarloKlOptions> = {}): { estimate: number; standardError: number } {
  const o: MonteCarloKlOptions = { ...monteCarloKlDefaults, ...options };
  checkPair(mu, logVar, 'gaussianKlMonteCarlo');
  if (!Number.isInteger(o.samples) || o.samples < 2) throw new RangeError(`gaussianKlMonteCarlo: expected samples >= 2, got samples = ${o.samples}`);
  const rng = new Rng(o.seed);
  const d = mu.length;
  const zero = new Float64Array(d);
  const z = new Float64Array(d);
  let sum = 0, sumSq = 0;
  for (let s = 0; s < o.samples; s++) {
    for (let j = 0; j < d; j++) z[j] = mu[j] + Math.exp(0.5 * logVar[j]) * rng.normal();
    const v = diagGaussianLogPdf(z, mu, logVar) - diagGaussianLogPdf(z, zero, zero);
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / o.samples;
  const variance = Math.max(0, (sumSq - o.samples * mean * mean) / (o.samples - 1));
  return { estimate: mean, standardError: Math.sqrt(variance / o.samples) };
}
