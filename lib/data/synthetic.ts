// Seeded synthetic datasets: Gaussian blobs, two moons, a noisy sine curve and a noisy linear model.
import { rngFrom, type Rng } from '../core/random';
import { checkInt, checkReal, checkVector, withDefaults } from './check';
import type { ClassificationData, RegressionData } from './types';

const names = (prefix: string, k: number) => Array.from({ length: k }, (_, i) => `${prefix}${i}`);

/** Shuffles the rows of (x, y) together with one permutation. */
function shuffleRows(rng: Rng, x: Float64Array, d: number, y: Int32Array): void {
  const n = y.length;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const ty = y[i]; y[i] = y[j]; y[j] = ty;
    for (let k = 0; k < d; k++) {
      const t = x[i * d + k]; x[i * d + k] = x[j * d + k]; x[j * d + k] = t;
    }
  }
}

export interface BlobsOptions {
  /** Number of points (>= number of centers). Default 300. */
  n?: number;
  /** How many centers to draw uniformly in `centerBox`, or the centers themselves (k rows of d coordinates). Default 3. */
  centers?: number | ArrayLike<number>[];
  /** Dimension when `centers` is a count. Default 2. */
  d?: number;
  /** Standard deviation of every blob, or one per center. Default 1. */
  std?: number | ArrayLike<number>;
  /** Range [low, high) each coordinate of a drawn center is uniform in. Default [-10, 10]. */
  centerBox?: [number, number];
  /** Shuffle the rows (otherwise they come grouped by center). Default true. */
  shuffle?: boolean;
  /** Seed; without one the generator forks from the global `seed(...)`. */
  seed?: number;
}

/** Gaussian blobs plus the centers they were drawn around. */
export interface Blobs extends ClassificationData {
  /** k x d row-major centers; class c is drawn around row c. */
  centers: Float64Array;
  /** Number of centers (classes). */
  k: number;
}

/**
 * Isotropic Gaussian blobs for clustering and classification: class c has floor(n / k) points (the first
 * n mod k classes one more) drawn from N(center_c, std_c^2 I). Like scikit-learn's `make_blobs`.
 * @returns x - n x d row-major points; y - the center each point came from
 * @throws TypeError for options of the wrong type or unknown options; RangeError for bad sizes or values
 */
export function makeBlobs(options?: BlobsOptions): Blobs {
  const fn = 'makeBlobs';
  const o = withDefaults<Required<Omit<BlobsOptions, 'seed'>> & { seed: number | undefined }>(fn, options, {
    n: 300, centers: 3, d: 2, std: 1, centerBox: [-10, 10], shuffle: true, seed: undefined,
  });
  const n = checkInt(fn, 'n', o.n, 1);
  const explicit = typeof o.centers !== 'number';
  let k: number;
  let d: number;
  let given: Float64Array[] = [];
  if (!explicit) {
    k = checkInt(fn, 'centers', o.centers, 1);
    d = checkInt(fn, 'd', o.d, 1);
  } else {
    if (!Array.isArray(o.centers)) throw new TypeError(`${fn}: expected centers to be a count or an array of points, got ${typeof o.centers}`);
    k = o.centers.length;
    if (k < 1) throw new RangeError(`${fn}: expected at least 1 center, got 0`);
    given = o.centers.map((c, i) => checkVector(fn, `centers[${i}]`, c, i === 0 ? undefined : (o.centers as ArrayLike<number>[])[0].length));
    d = given[0].length;
    if (d < 1) throw new RangeError(`${fn}: expected centers with at least 1 coordinate, got 0`);
    if (options && 'd' in options && options.d !== undefined && options.d !== d) {
      throw new RangeError(`${fn}: d = ${options.d} does not match the ${d} coordinates of the given centers`);
    }
  }
  if (n < k) throw new RangeError(`${fn}: expected n >= number of centers (${k}), got n = ${n}`);
  const stds = typeof o.std === 'number' ? new Float64Array(k).fill(checkReal(fn, 'std', o.std, { min: 0 })) : checkVector(fn, 'std', o.std, k);
  stds.forEach((s, i) => checkReal(fn, `std[${i}]`, s, { min: 0 }));
  if (!Array.isArray(o.centerBox) || o.centerBox.length !== 2) throw new TypeError(`${fn}: expected centerBox to be [low, high]`);
  const lo = checkReal(fn, 'centerBox[0]', o.centerBox[0]);
  const hi = checkReal(fn, 'centerBox[1]', o.centerBox[1], { min: lo, open: true });

  const rng = rngFrom(o.seed);
  const centers = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) centers[c * d + j] = explicit ? given[c][j] : rng.uniform(lo, hi);
  }
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  let i = 0;
  for (let c = 0; c < k; c++) {
    const count = Math.floor(n / k) + (c < n % k ? 1 : 0);
    for (let m = 0; m < count; m++, i++) {
      y[i] = c;
      for (let j = 0; j < d; j++) x[i * d + j] = rng.normal(centers[c * d + j], stds[c]);
    }
  }
  if (o.shuffle) shuffleRows(rng, x, d, y);
  return { x, y, n, d, featureNames: names('x', d), classNames: names('', k), centers, k };
}

export interface MoonsOptions {
  /** Number of points (>= 2): floor(n / 2) on the upper moon (class 0), the rest on the lower (class 1). Default 200. */
  n?: number;
  /** Standard deviation of Gaussian noise added to each coordinate. Default 0. */
  noise?: number;
  /** Shuffle the rows (otherwise class 0 comes first). Default true. */
  shuffle?: boolean;
  /** Seed; without one the generator forks from the global `seed(...)`. */
  seed?: number;
}

/**
 * Two interleaving half circles, a dataset no straight line separates: class 0 on (cos t, sin t) and
 * class 1 on (1 - cos t, 0.5 - sin t) for t evenly spaced in [0, pi], plus N(0, noise^2) per coordinate.
 * Like scikit-learn's `make_moons`.
 * @returns x - n x 2 row-major points; y - 0 (upper moon) or 1 (lower moon)
 * @throws TypeError for options of the wrong type or unknown options; RangeError for bad sizes or values
 */
export function makeMoons(options?: MoonsOptions): ClassificationData {
  const fn = 'makeMoons';
  const o = withDefaults<Required<Omit<MoonsOptions, 'seed'>> & { seed: number | undefined }>(fn, options, {
    n: 200, noise: 0, shuffle: true, seed: undefined,
  });
  const n = checkInt(fn, 'n', o.n, 2);
  const noise = checkReal(fn, 'noise', o.noise, { min: 0 });
  const rng = rngFrom(o.seed);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const x = new Float64Array(n * 2);
  const y = new Int32Array(n);
  const angle = (i: number, m: number) => (m === 1 ? 0 : (Math.PI * i) / (m - 1));
  for (let i = 0; i < nOut; i++) {
    const t = angle(i, nOut);
    x[2 * i] = Math.cos(t);
    x[2 * i + 1] = Math.sin(t);
  }
  for (let i = 0; i < nIn; i++) {
    const t = angle(i, nIn);
    const r = nOut + i;
    x[2 * r] = 1 - Math.cos(t);
    x[2 * r + 1] = 0.5 - Math.sin(t);
    y[r] = 1;
  }
  if (noise > 0) for (let i = 0; i < 2 * n; i++) x[i] += rng.normal(0, noise);
  if (o.shuffle) shuffleRows(rng, x, 2, y);
  return { x, y, n, d: 2, featureNames: ['x0', 'x1'], classNames: ['0', '1'] };
}

export interface NoisySineOptions {
  /** Number of points. Default 30. */
  n?: number;
  /** Standard deviation of the Gaussian noise on y. Default 0.2. */
  noise?: number;
  /** Smallest x. Default 0. */
  xMin?: number;
  /** Largest x (> xMin). Default 1. */
  xMax?: number;
  /** Evenly spaced x from xMin to xMax inclusive instead of uniform random x. Default false. */
  grid?: boolean;
  /** Seed; without one the generator forks from the global `seed(...)`. */
  seed?: number;
}

/** A 1-D regression set with the noise-free curve kept for plotting. */
export interface NoisySine extends RegressionData {
  /** sin(2 pi x) at each x, without noise. */
  yClean: Float64Array;
}

/**
 * The classic 1-D regression toy for over/underfitting: y = sin(2 pi x) + N(0, noise^2), x uniform in
 * [xMin, xMax) (or an even grid), sorted ascending so the points plot as a curve.
 * @returns x - n x 1; y - noisy targets; yClean - the true curve at x
 * @throws TypeError for options of the wrong type or unknown options; RangeError for bad sizes or values
 */
export function makeNoisySine(options?: NoisySineOptions): NoisySine {
  const fn = 'makeNoisySine';
  const o = withDefaults<Required<Omit<NoisySineOptions, 'seed'>> & { seed: number | undefined }>(fn, options, {
    n: 30, noise: 0.2, xMin: 0, xMax: 1, grid: false, seed: undefined,
  });
  const n = checkInt(fn, 'n', o.n, 1);
  const noise = checkReal(fn, 'noise', o.noise, { min: 0 });
  const xMin = checkReal(fn, 'xMin', o.xMin);
  const xMax = checkReal(fn, 'xMax', o.xMax, { min: xMin, open: true });
  const rng = rngFrom(o.seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = o.grid ? (n === 1 ? xMin : xMin + ((xMax - xMin) * i) / (n - 1)) : rng.uniform(xMin, xMax);
  x.sort();
  const yClean = x.map((v) => Math.sin(2 * Math.PI * v));
  const y = yClean.map((v) => v + (noise > 0 ? rng.normal(0, noise) : 0));
  return { x, y, yClean, n, d: 1, featureNames: ['x'], targetName: 'y' };
}

export interface LinearOptions {
  /** Number of rows. Default 100. */
  n?: number;
  /** Number of features; taken from `weights` when those are given. Default 3. */
  d?: number;
  /** True coefficients (length d); drawn from N(0, 1) when omitted. */
  weights?: ArrayLike<number>;
  /** True intercept. Default 0. */
  bias?: number;
  /** Standard deviation of the Gaussian noise on y. Default 0.1. */
  noise?: number;
  /** Seed; without one the generator forks from the global `seed(...)`. */
  seed?: number;
}

/** A linear-regression set together with the true parameters it was drawn from. */
export interface LinearData extends RegressionData {
  /** The d true coefficients. */
  weights: Float64Array;
  /** The true intercept. */
  bias: number;
}

/**
 * y = x . weights + bias + N(0, noise^2) with features x ~ N(0, 1) independently: a regression set whose
 * true parameters are known, for checking that a fit recovers them.
 * @returns x - n x d row-major features; y - targets; weights, bias - the truth
 * @throws TypeError for options of the wrong type or unknown options; RangeError for bad sizes or values
 */
export function makeLinear(options?: LinearOptions): LinearData {
  const fn = 'makeLinear';
  const o = withDefaults<{ n: number; d: number | undefined; weights: ArrayLike<number> | undefined; bias: number; noise: number; seed: number | undefined }>(
    fn, options, { n: 100, d: undefined, weights: undefined, bias: 0, noise: 0.1, seed: undefined },
  );
  const n = checkInt(fn, 'n', o.n, 1);
  let given: Float64Array | undefined;
  if (o.weights !== undefined) {
    given = checkVector(fn, 'weights', o.weights);
    if (given.length < 1) throw new RangeError(`${fn}: expected at least 1 weight, got 0`);
    if (o.d !== undefined && checkInt(fn, 'd', o.d, 1) !== given.length) {
      throw new RangeError(`${fn}: d = ${o.d} does not match the ${given.length} weights`);
    }
  }
  const d = given ? given.length : checkInt(fn, 'd', o.d ?? 3, 1);
  const bias = checkReal(fn, 'bias', o.bias);
  const noise = checkReal(fn, 'noise', o.noise, { min: 0 });
  const rng = rngFrom(o.seed);
  const weights = given ?? Float64Array.from({ length: d }, () => rng.normal());
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = bias;
    for (let j = 0; j < d; j++) {
      const v = rng.normal();
      x[i * d + j] = v;
      s += v * weights[j];
    }
    y[i] = s + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return { x, y, n, d, featureNames: names('x', d), targetName: 'y', weights, bias };
}
