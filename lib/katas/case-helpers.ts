// Small helpers for writing katas: seeded random matrices and "is the received value close to this" for detectors.
import type { Rng } from '../core/random';
import { compareValues } from './grader/compare';
import { normalMatrix, normals } from './content-kit';
import type { Tolerance } from './types';

/** rows x cols normal(0, scale) values, rounded to `digits` decimals so that statements and reports stay readable. */
export function randomMatrix(rng: Rng, rows: number, cols: number, scale = 1, digits = 3): number[][] {
  return normalMatrix(rng, rows, cols, scale, 0, digits);
}

/** A length-n normal(0, scale) vector, rounded to `digits` decimals. */
export function randomVector(rng: Rng, n: number, scale = 1, digits = 3): number[] {
  return normals(rng, n, scale, 0, digits);
}

/** True when `received` has the shape of `value` and agrees with it within the tolerance (for mistake detectors). */
export function closeTo(value: unknown, received: unknown, tol: Tolerance): boolean {
  return compareValues(value, received, tol) === null;
}

/** True when any number inside `v` (nested arrays and objects) is NaN or infinite. */
export function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<unknown>).some(hasNonFinite);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasNonFinite);
  return false;
}

/** The largest |x| inside nested arrays of numbers. */
export function maxAbs(v: unknown): number {
  if (typeof v === 'number') return Math.abs(v);
  if (Array.isArray(v)) return v.reduce((m: number, x) => Math.max(m, maxAbs(x)), 0);
  return 0;
}
