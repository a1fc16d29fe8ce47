// Empirical bias-variance decomposition: refit a model on many fresh training sets and split its test error into bias^2, variance and noise.
import { asMatrix, asVector, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom, type Rng } from '../core/random';

/** A training set drawn by the caller: x as a Matrix / array of rows, or flat row-major values with `d` columns (default 1). */
export interface DrawnSet {
  x: MatrixLike | Float64Array;
  y: ArrayLike<number>;
  d?: number;
}

export interface BiasVarianceProblem {
  /** Draws training set number `round` from the data-generating process, using only `rng` for randomness. */
  sample: (rng: Rng, round: number) => DrawnSet;
  /** Fits a fresh model on (xTrain, yTrain) and returns its predictions at xTest (length m). */
  fitPredict: (xTrain: Matrix, yTrain: Float64Array, xTest: Matrix) => ArrayLike<number>;
  /** m test inputs: a Matrix / array of rows, or a flat array of m values (one column). */
  xTest: MatrixLike | Float64Array;
  /** The noise-free target f(x) at each test input (length m). */
  fTest: ArrayLike<number>;
}

export interface BiasVarianceOptions {
  /** Number of training sets (refits), >= 2. Default 200. */
  rounds: number;
  /** Standard deviation sigma of the irreducible noise: test targets are f(x) + N(0, sigma^2). Default 0. */
  noiseStd: number;
  /** Seed; without one it forks from the global `seed(...)`. Round r gets its own child generator. */
  seed: number | undefined;
}

export const biasVarianceDefaults: Readonly<BiasVarianceOptions> = { rounds: 200, noiseStd: 0, seed: undefined };

export interface BiasVarianceResult {
  /**
   * Unbiased estimate of the squared bias, mean over test points of (fbar(x) - f(x))^2 - varianceAt(x) / R, where fbar
   * is the prediction averaged over the R training sets. The plug-in (fbar - f)^2 alone has expectation
   * bias^2 + Var/R (fbar is itself a noisy mean of R predictions); subtracting the unbiased variance over R removes
   * that term. Being a difference, it can come out slightly negative when the true bias^2 is below the Monte Carlo
   * noise, whose scale is about variance / R.
   */
  bias2: number;
  /** The plug-in mean over test points of (fbar(x) - f(x))^2: expectation bias^2 + Var/R, so it overstates bias^2. */
  bias2PlugIn: number;
  /** mean over test points of the spread of predictions around fbar(x): the unbiased sample variance over rounds (divisor R - 1). */
  variance: number;
  /** Empirical noise: mean of eps^2 over the drawn test targets (expected value sigma^2). */
  noise: number;
  /** The stated sigma^2. */
  noiseVariance: number;
  /** 2 mean(eps (f - prediction)): zero in expectation (fresh noise is independent of the model); exact bookkeeping term. */
  crossTerm: number;
  /** mean over rounds and test points of (y - prediction)^2 with y = f + eps drawn fresh: the expected test error. */
  expectedError: number;
  /** mean of (f - prediction)^2 over rounds and test points; equals bias2 + variance exactly (up to rounding). */
  errorVsTruth: number;
  /** fbar at each test point (length m). */
  meanPrediction: Float64Array;
  /** Pointwise unbiased bias^2, (fbar - f)^2 - varianceAt / R, and unbiased variance (length m each). */
  bias2At: Float64Array;
  varianceAt: Float64Array;
  /** rounds x m: row r holds the predictions of the model fitted on training set r. */
  predictions: Matrix;
}

/**
 * Estimates E[(y - fhat(x))^2] = Bias^2 + Variance + sigma^2 by simulation: for r = 1..rounds draw a training set,
 * fit, predict at xTest, and draw fresh noisy test targets y = f(x) + eps. Returned terms satisfy two identities
 * exactly (up to floating-point rounding): errorVsTruth = bias2 + variance, and
 * expectedError = bias2 + variance + noise + crossTerm. As rounds grow, noise -> sigma^2 and crossTerm -> 0, so
 * expectedError -> bias2 + variance + sigma^2.
 * bias2 and variance are both unbiased for every R >= 2: variance is the sample variance over rounds (divisor R - 1)
 * and bias2 subtracts variance / R from the plug-in (fbar - f)^2 (returned as bias2PlugIn). The identities still
 * hold exactly because (fbar - f)^2 + S/R = [(fbar - f)^2 - S/(R(R-1))] + S/(R-1), with S the sum of squared deviations.
 * @throws TypeError for missing callbacks; RangeError for bad rounds/noiseStd, mismatched lengths or NaN predictions
 */
export function biasVarianceDecomposition(problem: BiasVarianceProblem, options: Partial<BiasVarianceOptions> = {}): BiasVarianceResult {
  const o = { ...biasVarianceDefaults, ...options };
  if (typeof problem?.sample !== 'function' || typeof problem?.fitPredict !== 'function') {
    throw new TypeError('biasVarianceDecomposition: expected a problem { sample, fitPredict, xTest, fTest }');
  }
  if (!Number.isInteger(o.rounds) || o.rounds < 2) throw new RangeError(`biasVarianceDecomposition: expected rounds >= 2, got rounds = ${o.rounds}`);
  if (!(o.noiseStd >= 0) || !Number.isFinite(o.noiseStd)) throw new RangeError(`biasVarianceDecomposition: expected noiseStd >= 0, got noiseStd = ${o.noiseStd}`);
  const xTest = toMatrix(problem.xTest, undefined, 'xTest');
  const m = xTest.rows;
  if (m === 0) throw new RangeError('biasVarianceDecomposition: expected at least 1 test point, got 0');
  const f = asVector(problem.fTest, 'fTest', m);
  const rng = rngFrom(o.seed);
  const R = o.rounds;
  const preds = new Float64Array(R * m);
  const eps = new Float64Array(R * m);
  for (let r = 0; r < R; r++) {
    const sampleRng = rng.fork();
    const noiseRng = rng.fork();
    const set = problem.sample(sampleRng, r);
    const xTrain = toMatrix(set.x, set.d, 'x');
    const yTrain = asVector(set.y, 'y', xTrain.rows);
    const p = problem.fitPredict(xTrain, yTrain, xTest);
    if (p.length !== m) throw new RangeError(`biasVarianceDecomposition: expected ${m} predictions from fitPredict, got ${p.length} in round ${r}`);
    for (let i = 0; i < m; i++) {
      const v = p[i];
      if (!Number.isFinite(v)) throw new RangeError(`biasVarianceDecomposition: expected finite predictions, got ${v} at test point ${i} in round ${r}`);
      preds[r * m + i] = v;
      eps[r * m + i] = o.noiseStd > 0 ? noiseRng.normal(0, o.noiseStd) : 0;
    }
  }
  const meanPrediction = new Float64Array(m);
  for (let r = 0; r < R; r++) for (let i = 0; i < m; i++) meanPrediction[i] += preds[r * m + i];
  for (let i = 0; i < m; i++) meanPrediction[i] /= R;
  const bias2At = new Float64Array(m);
  const plugInAt = new Float64Array(m);
  const varianceAt = new Float64Array(m);
  let noise = 0, cross = 0, expected = 0, vsTruth = 0;
  for (let i = 0; i < m; i++) {
    plugInAt[i] = (meanPrediction[i] - f[i]) ** 2;
    let v = 0;
    for (let r = 0; r < R; r++) {
      const p = preds[r * m + i];
      const e = eps[r * m + i];
      v += (p - meanPrediction[i]) ** 2;
      noise += e * e;
      cross += 2 * e * (f[i] - p);
      expected += (f[i] + e - p) ** 2;
      vsTruth += (f[i] - p) ** 2;
    }
    varianceAt[i] = v / (R - 1);
    bias2At[i] = plugInAt[i] - varianceAt[i] / R;
  }
  const total = R * m;
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / m;
  return {
    bias2: mean(bias2At),
    bias2PlugIn: mean(plugInAt),
    variance: mean(varianceAt),
    noise: noise / total,
    noiseVariance: o.noiseStd ** 2,
    crossTerm: cross / total,
    expectedError: expected / total,
    errorVsTruth: vsTruth / total,
    meanPrediction,
    bias2At,
    varianceAt,
    predictions: { rows: R, cols: m, data: preds },
  };
}

function toMatrix(x: MatrixLike | Float64Array, d: number | undefined, name: string): Matrix {
  if (x instanceof Float64Array) {
    const cols = d ?? 1;
    if (!Number.isInteger(cols) || cols < 1 || x.length % cols !== 0) throw new RangeError(`expected ${name} of length a multiple of d = ${cols}, got ${x.length}`);
    return asMatrix({ rows: x.length / cols, cols, data: x }, name);
  }
  return asMatrix(x, name);
}
