// Gradient checking: central finite differences of a scalar function of a parameter vector, compared with an analytic gradient by relative error.
import { checkInt, checkReal, withDefaults } from '../data/check';
import { rngFrom } from '../core/random';

export interface GradientCheckOptions {
  /** Finite-difference step h (central differences have error O(h^2); too small and round-off dominates). Default 1e-5. */
  h: number;
  /** Check only these parameter indices (default: all, or `samples` random ones). */
  indices: ArrayLike<number> | undefined;
  /** Check this many randomly chosen indices instead of all (0 = all); for big models where p forward passes x 2 are too many. */
  samples: number;
  /** Seed for choosing the sampled indices; default forked from the global seed. */
  seed: number | undefined;
  /** Pass when the relative error is below this. Default 1e-6 (double precision, smooth function). */
  tolerance: number;
}

export const gradientCheckDefaults: Readonly<GradientCheckOptions> = { h: 1e-5, indices: undefined, samples: 0, seed: undefined, tolerance: 1e-6 };

export interface GradientCheckResult {
  /** The parameter indices checked. */
  indices: Int32Array;
  /** The analytic gradient at those indices. */
  analytic: Float64Array;
  /** The central-difference estimate at those indices. */
  numeric: Float64Array;
  /** ||analytic - numeric|| / max(||analytic|| + ||numeric||, 1e-300): the single number to look at. */
  relativeError: number;
  /** max_i |analytic_i - numeric_i| / max(|analytic_i|, |numeric_i|, 1e-8): the worst single entry. */
  maxElementRelativeError: number;
  /** The index (into the parameter vector) of that worst entry. */
  worstIndex: number;
  /** relativeError < tolerance. */
  passed: boolean;
}

function checkF(f: unknown): asserts f is (p: Float64Array) => number {
  if (typeof f !== 'function') throw new TypeError(`expected f to be a function of the parameter vector, got ${typeof f}`);
}

function checkParams(params: unknown): asserts params is Float64Array {
  if (!(params instanceof Float64Array)) throw new TypeError('expected params to be a Float64Array');
  if (params.length === 0) throw new RangeError('expected at least 1 parameter, got 0');
}

/**
 * Central differences (f(theta + h e_i) - f(theta - h e_i)) / 2h for each requested i. `params` is perturbed in place
 * and restored exactly (the original value is saved, not recomputed as theta + h - h).
 * @param f - the loss as a function of the parameter vector (it may read `params` through a model that shares it)
 * @returns the estimates, one per index (all p entries by default)
 */
export function numericalGradient(f: (params: Float64Array) => number, params: Float64Array, options: Partial<Pick<GradientCheckOptions, 'h' | 'indices'>> = {}): Float64Array {
  checkF(f);
  checkParams(params);
  const h = checkReal('numericalGradient', 'h', options.h ?? gradientCheckDefaults.h, { min: 0, open: true });
  const idx = resolveIndices(params.length, options.indices, 0, undefined);
  return differences(f, params, idx, h);
}

function differences(f: (params: Float64Array) => number, params: Float64Array, idx: Int32Array, h: number): Float64Array {
  const out = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    const saved = params[i];
    params[i] = saved + h;
    const fp = f(params);
    params[i] = saved - h;
    const fm = f(params);
    params[i] = saved;
    if (!Number.isFinite(fp) || !Number.isFinite(fm)) throw new RangeError(`expected f to return finite values, got ${fp} and ${fm} around index ${i}`);
    out[k] = (fp - fm) / (2 * h);
  }
  return out;
}

function resolveIndices(p: number, indices: ArrayLike<number> | undefined, samples: number, seed: number | undefined): Int32Array {
  if (indices !== undefined) {
    if (typeof indices !== 'object' || indices === null || typeof indices.length !== 'number') throw new TypeError('expected indices to be an array of parameter indices');
    const out = new Int32Array(indices.length);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k];
      if (!Number.isInteger(i) || i < 0 || i >= p) throw new RangeError(`expected indices in 0..${p - 1}, got ${i} at position ${k}`);
      out[k] = i;
    }
    return out;
  }
  if (samples > 0 && samples < p) {
    const perm = rngFrom(seed).permutation(p);
    return Int32Array.from(perm.subarray(0, samples)).sort();
  }
  return Int32Array.from({ length: p }, (_, i) => i);
}

/** ||a - b|| / max(||a|| + ||b||, 1e-300): 0 for identical vectors, 1 for opposite ones, scale-free. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`relativeError: expected equal lengths, got ${a.length} and ${b.length}`);
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    const e = a[i] - b[i];
    d += e * e; na += a[i] * a[i]; nb += b[i] * b[i];
  }
  return Math.sqrt(d) / Math.max(Math.sqrt(na) + Math.sqrt(nb), 1e-300);
}

/**
 * Compares an analytic gradient with central differences of f at `params`.
 * @param analyticGrad - length p: the gradient your backward pass computed at `params`
 */
export function gradientCheck(f: (params: Float64Array) => number, analyticGrad: ArrayLike<number>, params: Float64Array, options: Partial<GradientCheckOptions> = {}): GradientCheckResult {
  checkF(f);
  checkParams(params);
  const o = withDefaults('gradientCheck', options, gradientCheckDefaults);
  if (typeof analyticGrad !== 'object' || analyticGrad === null || typeof analyticGrad.length !== 'number') throw new TypeError('expected analyticGrad to be an array of numbers');
  if (analyticGrad.length !== params.length) throw new RangeError(`expected analyticGrad of length ${params.length} (one per parameter), got ${analyticGrad.length}`);
  const h = checkReal('gradientCheck', 'h', o.h, { min: 0, open: true });
  const samples = checkInt('gradientCheck', 'samples', o.samples, 0);
  const tolerance = checkReal('gradientCheck', 'tolerance', o.tolerance, { min: 0 });
  const idx = resolveIndices(params.length, o.indices, samples, o.seed);
  const analytic = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const v = analyticGrad[idx[k]];
    if (!Number.isFinite(v)) throw new RangeError(`expected a finite analytic gradient, got ${v} at index ${idx[k]}`);
    analytic[k] = v;
  }
  const numeric = differences(f, params, idx, h);
  let worst = 0, worstIndex = idx.length ? idx[0] : -1;
  for (let k = 0; k < idx.length; k++) {
    const e = Math.abs(analytic[k] - numeric[k]) / Math.max(Math.abs(analytic[k]), Math.abs(numeric[k]), 1e-8);
    if (e > worst) { worst = e; worstIndex = idx[k]; }
  }
  const rel = relativeError(analytic, numeric);
  return { indices: idx, analytic, numeric, relativeError: rel, maxElementRelativeError: worst, worstIndex, passed: rel < tolerance };
}
