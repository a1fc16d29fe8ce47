// Exact t-SNE (van der Maaten and Hinton 2008), O(n^2): perplexity-calibrated Gaussian affinities, Student-t similarities, KL gradient descent.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom } from '../core/random';

/**
 * Squared Euclidean distances between the rows of x.
 * @param x - n x d
 * @returns n x n row-major, symmetric, zero diagonal
 */
export function squaredDistances(x: MatrixLike): Float64Array {
  const X = asMatrix(x, 'x');
  const n = X.rows, d = X.cols;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const diff = X.data[i * d + k] - X.data[j * d + k];
        s += diff * diff;
      }
      D[i * n + j] = s;
      D[j * n + i] = s;
    }
  }
  return D;
}

export interface CalibrationOptions {
  /** Target perplexity 2^H(P_i) = e^H (H in nats here): the effective number of neighbours of each point. */
  perplexity: number;
  /** Stop the binary search when |H(P_i) - log(perplexity)| (nats) is below this. */
  tol: number;
  /** Bisection steps per point at most. */
  maxIter: number;
}

export const calibrationDefaults: Readonly<CalibrationOptions> = { perplexity: 30, tol: 1e-10, maxIter: 200 };

export interface Affinities {
  /** n x n row-major conditional probabilities p_{j|i} (row i sums to 1, p_{i|i} = 0). */
  conditional: Float64Array;
  /** Length n: the precision beta_i = 1 / (2 sigma_i^2) found for each point. */
  beta: Float64Array;
  /** Length n: the perplexity exp(H(P_i)) achieved by each row. */
  perplexity: Float64Array;
  /** Number of points n. */
  n: number;
}

/**
 * Conditional affinities p_{j|i} = exp(-beta_i d_ij^2) / sum_{k != i} exp(-beta_i d_ik^2), with beta_i found per point by
 * bisection so that the row's perplexity exp(H(P_i)), H = -sum_j p_{j|i} ln p_{j|i}, equals the target.
 * H falls monotonically as beta grows, so bisection (doubling or halving beta while no bracket is known) converges.
 * @param distances2 - n x n squared distances, row-major (as from {@link squaredDistances})
 * @throws TypeError when distances2 is not a Float64Array; RangeError for a non-square size or perplexity >= n
 */
export function calibrateAffinities(distances2: Float64Array, options: Partial<CalibrationOptions> = {}): Affinities {
  const o = { ...calibrationDefaults, ...options };
  if (!(distances2 instanceof Float64Array)) throw new TypeError('calibrateAffinities: expected distances2 to be a Float64Array (n x n squared distances)');
  const n = Math.round(Math.sqrt(distances2.length));
  if (n * n !== distances2.length || n < 2) throw new RangeError(`calibrateAffinities: expected an n x n matrix with n >= 2, got length ${distances2.length}`);
  if (typeof o.perplexity !== 'number' || !(o.perplexity > 1) || o.perplexity > n - 1) {
    throw new RangeError(`calibrateAffinities: expected 1 < perplexity <= ${n - 1} (n - 1 neighbours), got perplexity = ${o.perplexity}`);
  }
  if (!(o.tol > 0) || !Number.isInteger(o.maxIter) || o.maxIter < 1) throw new RangeError(`calibrateAffinities: expected tol > 0 and an integer maxIter >= 1, got tol = ${o.tol}, maxIter = ${o.maxIter}`);
  for (let i = 0; i < distances2.length; i++) {
    if (!Number.isFinite(distances2[i]) || distances2[i] < 0) throw new RangeError(`calibrateAffinities: expected finite non-negative squared distances, got ${distances2[i]} at index ${i}`);
  }
  const logU = Math.log(o.perplexity);
  const P = new Float64Array(n * n);
  const beta = new Float64Array(n);
  const achieved = new Float64Array(n);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // shift by the smallest off-diagonal distance: exp(-beta (d - dmin)) cannot underflow for the nearest neighbour
    let dmin = Infinity;
    for (let j = 0; j < n; j++) if (j !== i && distances2[i * n + j] < dmin) dmin = distances2[i * n + j];
    let b = 1, lo = -Infinity, hi = Infinity, H = 0;
    for (let it = 0; it < o.maxIter; it++) {
      let sum = 0, sumDP = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) { row[j] = 0; continue; }
        const dd = distances2[i * n + j] - dmin;
        const e = Math.exp(-b * dd);
        row[j] = e;
        sum += e;
        sumDP += dd * e;
      }
      // H = ln(sum) + beta * E_p[d - dmin]  (the entropy of the normalised row, in nats)
      H = Math.log(sum) + (b * sumDP) / sum;
      for (let j = 0; j < n; j++) row[j] /= sum;
      const diff = H - logU;
      if (Math.abs(diff) < o.tol) break;
      if (diff > 0) { // too flat: raise beta (narrower Gaussian)
        lo = b;
        b = hi === Infinity ? b * 2 : (b + hi) / 2;
      } else {
        hi = b;
        b = lo === -Infinity ? b / 2 : (b + lo) / 2;
      }
    }
    for (let j = 0; j < n; j++) P[i * n + j] = row[j];
    beta[i] = b;
    achieved[i] = Math.exp(H);
  }
  return { conditional: P, beta, perplexity: achieved, n };
}

/**
 * The joint affinities of t-SNE: p_ij = (p_{j|i} + p_{i|j}) / (2n), symmetric, summing to 1 over i != j.
 * @param conditional - n x n conditional p_{j|i}, rows summing to 1
 */
export function jointProbabilities(conditional: Float64Array, n: number): Float64Array {
  if (!(conditional instanceof Float64Array)) throw new TypeError('jointProbabilities: expected a Float64Array of conditional probabilities');
  if (!Number.isInteger(n) || n < 2 || conditional.length !== n * n) throw new RangeError(`jointProbabilities: expected n x n = ${n * n} values, got ${conditional.length}`);
  const P = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) P[i * n + j] = i === j ? 0 : (conditional[i * n + j] + conditional[j * n + i]) / (2 * n);
  }
  return P;
}

export interface KLResult {
  /** KL(P || Q) = sum_{i != j} p_ij ln(p_ij / q_ij), in nats. */
  kl: number;
  /** n x dim row-major: dKL/dy_i = 4 sum_j (p_ij - q_ij) (y_i - y_j) / (1 + |y_i - y_j|^2). */
  grad: Float64Array;
}

/**
 * t-SNE's cost and its gradient for an embedding Y: q_ij = (1 + |y_i - y_j|^2)^-1 / sum_{k != l} (1 + |y_k - y_l|^2)^-1
 * (a Student-t with one degree of freedom), KL(P || Q) and its analytic gradient.
 * @param P - n x n joint affinities (symmetric, summing to 1; only the upper triangle is read)
 * @param y - n x dim embedding, row-major
 * @param exaggeration - multiplies P in the gradient (early exaggeration); the KL returned is always for the true P
 */
export function klDivergence(P: Float64Array, y: Float64Array, n: number, dim: number, exaggeration = 1): KLResult {
  if (!(P instanceof Float64Array) || !(y instanceof Float64Array)) throw new TypeError('klDivergence: expected Float64Array P and y');
  if (P.length !== n * n) throw new RangeError(`klDivergence: expected P of length n x n = ${n * n}, got ${P.length}`);
  if (y.length !== n * dim) throw new RangeError(`klDivergence: expected y of length n x dim = ${n * dim}, got ${y.length}`);
  const grad = new Float64Array(n * dim);
  const kl = klGradientInto(P, y, n, dim, exaggeration, new Float64Array(n * n), grad, true);
  return { kl, grad };
}

/**
 * The work of {@link klDivergence} into caller-owned buffers (no checks, no allocation): fills `grad` (n x dim) and
 * uses `num` (n x n) as scratch; returns the KL when `withKL`, else NaN (skipping n^2 logarithms per iteration).
 * Each pair is visited once: its term is added to y_i's gradient and subtracted from y_j's.
 */
function klGradientInto(P: Float64Array, y: Float64Array, n: number, dim: number, exaggeration: number, num: Float64Array, grad: Float64Array, withKL: boolean): number {
  let Z = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) {
        const diff = y[i * dim + k] - y[j * dim + k];
        s += diff * diff;
      }
      const w = 1 / (1 + s);
      num[i * n + j] = w;
      Z += 2 * w;
    }
  }
  grad.fill(0);
  let kl = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const w = num[i * n + j], q = w / Z;
      const p = P[i * n + j]; // P is symmetric: the (j, i) term equals the (i, j) term
      if (withKL && p > 0) kl += 2 * p * Math.log(p / Math.max(q, 1e-300));
      const c = 4 * (exaggeration * p - q) * w;
      for (let k = 0; k < dim; k++) {
        const g = c * (y[i * dim + k] - y[j * dim + k]);
        grad[i * dim + k] += g;
        grad[j * dim + k] -= g;
      }
    }
  }
  return withKL ? kl : NaN;
}

export interface TSNEOptions {
  /** Embedding dimension (2 for plots). */
  nComponents: number;
  /** Effective number of neighbours per point; typical 5-50, must be below n - 1. */
  perplexity: number;
  /** Gradient-descent step size eta. */
  learningRate: number;
  /** Total iterations. */
  nIter: number;
  /** P is multiplied by this for the first `exaggerationIter` iterations, so clusters form before they are placed. */
  earlyExaggeration: number;
  exaggerationIter: number;
  /** Momentum before / from `momentumSwitchIter` on. */
  initialMomentum: number;
  finalMomentum: number;
  momentumSwitchIter: number;
  /** Per-coordinate gains (Jacobs 1988): +0.2 while the steps keep going downhill, x0.8 otherwise, floored here. */
  minGain: number;
  /** Standard deviation of the N(0, s^2) random initial layout. */
  initStd: number;
  /** A given n x nComponents initial layout (e.g. scaled PCA coordinates) instead of the random one. */
  init: MatrixLike | undefined;
  /** Record the KL divergence every this many iterations (and at the last). */
  logEvery: number;
  /** Seed of the initial layout (unset: forked from the global seed). */
  seed: number | undefined;
}

/**
 * scikit-learn 1.2's exact-method schedule (exaggeration 12 for 250 iterations, momentum 0.5 then 0.8, min gain 0.01,
 * N(0, 1e-4^2) random start) with eta 200, sklearn's default before 1.2 (1.2's 'auto' is max(n / 48, 50); its default
 * init became 'pca', pass `init` for that).
 */
export const tsneDefaults: Readonly<TSNEOptions> = {
  nComponents: 2, perplexity: 30, learningRate: 200, nIter: 1000, earlyExaggeration: 12, exaggerationIter: 250,
  initialMomentum: 0.5, finalMomentum: 0.8, momentumSwitchIter: 250, minGain: 0.01, initStd: 1e-4, init: undefined,
  logEvery: 50, seed: undefined,
};

export interface TSNEResult {
  /** n x nComponents embedding (centred). */
  embedding: Matrix;
  /** KL(P || Q) of the final embedding, nats. */
  kl: number;
  /** (iteration, KL) pairs, recorded every `logEvery` iterations (1-based iteration numbers). */
  history: { iter: number; kl: number }[];
  /** The joint affinities P (n x n). */
  P: Float64Array;
  /** The calibration: per-point beta and achieved perplexity. */
  affinities: Affinities;
}

/**
 * Embeds the rows of x in nComponents dimensions with exact t-SNE: perplexity-calibrated joint affinities
 * ({@link calibrateAffinities}, {@link jointProbabilities}), then {@link optimizeEmbedding}.
 * @param x - n x d data (n >= 3), e.g. the first 50 PCA coordinates
 * @throws RangeError for a bad option value (nIter < 1, perplexity >= n - 1, ...)
 */
export function tsne(x: MatrixLike, options: Partial<TSNEOptions> = {}): TSNEResult {
  const o = { ...tsneDefaults, ...options };
  const X = asMatrix(x, 'x');
  const n = X.rows;
  if (n < 3) throw new RangeError(`tsne: expected at least 3 samples, got ${n}`);
  if (o.perplexity >= n - 1) throw new RangeError(`tsne: expected perplexity < n - 1 = ${n - 1}, got perplexity = ${o.perplexity}`);
  checkOptimizerOptions(o, n);
  const affinities = calibrateAffinities(squaredDistances(X), { perplexity: o.perplexity });
  const P = jointProbabilities(affinities.conditional, n);
  return { ...optimizeEmbedding(P, n, o), P, affinities };
}

function checkOptimizerOptions(o: TSNEOptions, n: number): void {
  const dim = o.nComponents;
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`tsne: expected a positive integer nComponents, got nComponents = ${dim}`);
  if (!Number.isInteger(o.nIter) || o.nIter < 1) throw new RangeError(`tsne: expected a positive integer nIter, got nIter = ${o.nIter}`);
  if (!(o.learningRate > 0)) throw new RangeError(`tsne: expected learningRate > 0, got learningRate = ${o.learningRate}`);
  if (!(o.earlyExaggeration >= 1)) throw new RangeError(`tsne: expected earlyExaggeration >= 1, got earlyExaggeration = ${o.earlyExaggeration}`);
  if (!Number.isInteger(o.exaggerationIter) || o.exaggerationIter < 0) throw new RangeError(`tsne: expected a non-negative integer exaggerationIter, got exaggerationIter = ${o.exaggerationIter}`);
  if (!Number.isInteger(o.logEvery) || o.logEvery < 1) throw new RangeError(`tsne: expected a positive integer logEvery, got logEvery = ${o.logEvery}`);
  if (o.init !== undefined) {
    const I = asMatrix(o.init, 'init');
    if (I.rows !== n || I.cols !== dim) throw new RangeError(`tsne: expected init of shape ${n} x ${dim}, got ${I.rows} x ${I.cols}`);
  }
}

/**
 * Gradient descent on KL(P || Q) over the map coordinates, scheduled as scikit-learn 1.2's exact t-SNE: P multiplied
 * by `earlyExaggeration` for the first `exaggerationIter` iterations; then the momentum buffer and the gains restart
 * (sklearn runs the two phases as two calls of its optimiser). Per-coordinate gains (Jacobs 1988): +0.2 where the
 * last step went against the gradient's sign (still downhill), x0.8 otherwise, floored at `minGain`. The layout is
 * re-centred after each step (as van der Maaten's tsne.py; translation changes neither the KL nor the gradient).
 * @param P - n x n joint affinities, symmetric, summing to 1
 * @returns the embedding, its KL and the KL history (`perplexity` is ignored here)
 */
export function optimizeEmbedding(P: Float64Array, n: number, options: Partial<TSNEOptions> = {}): Omit<TSNEResult, 'P' | 'affinities'> {
  const o = { ...tsneDefaults, ...options };
  if (!(P instanceof Float64Array)) throw new TypeError('optimizeEmbedding: expected P to be a Float64Array (n x n joint affinities)');
  if (!Number.isInteger(n) || n < 2 || P.length !== n * n) throw new RangeError(`optimizeEmbedding: expected P of length n x n = ${n * n}, got ${P.length}`);
  checkOptimizerOptions(o, n);
  const dim = o.nComponents;
  let Y: Float64Array;
  if (o.init !== undefined) {
    Y = asMatrix(o.init, 'init').data.slice();
  } else {
    const rng = rngFrom(o.seed);
    Y = new Float64Array(n * dim);
    for (let i = 0; i < Y.length; i++) Y[i] = rng.normal(0, o.initStd);
  }
  const update = new Float64Array(n * dim);
  const gains = new Float64Array(n * dim).fill(1);
  const history: { iter: number; kl: number }[] = [];
  const num = new Float64Array(n * n), g = new Float64Array(n * dim);
  for (let it = 0; it < o.nIter; it++) {
    if (it === o.exaggerationIter && it > 0) { update.fill(0); gains.fill(1); }
    const exaggeration = it < o.exaggerationIter ? o.earlyExaggeration : 1;
    const momentum = it < o.momentumSwitchIter ? o.initialMomentum : o.finalMomentum;
    klGradientInto(P, Y, n, dim, exaggeration, num, g, false);
    for (let k = 0; k < Y.length; k++) {
      gains[k] = update[k] * g[k] < 0 ? gains[k] + 0.2 : gains[k] * 0.8;
      if (gains[k] < o.minGain) gains[k] = o.minGain;
      update[k] = momentum * update[k] - o.learningRate * gains[k] * g[k];
      Y[k] += update[k];
    }
    for (let c = 0; c < dim; c++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += Y[i * dim + c];
      m /= n;
      for (let i = 0; i < n; i++) Y[i * dim + c] -= m;
    }
    if ((it + 1) % o.logEvery === 0 && it + 1 < o.nIter) history.push({ iter: it + 1, kl: klGradientInto(P, Y, n, dim, 1, num, g, true) });
  }
  const kl = klGradientInto(P, Y, n, dim, 1, num, g, true);
  history.push({ iter: o.nIter, kl });
  return { embedding: matrix(n, dim, Y), kl, history };
}
