// Helpers for the content katas: seeded case data with short decimals, and mistake detectors that recompute a known wrong answer.
import type { Rng } from '../core/random';
import { compareValues } from './grader/compare';
import type { CaseContext, Mistake, Tolerance } from './types';

const closeTo = (value: unknown, received: unknown, tol: Tolerance) => compareValues(value, received, tol) === null;

/** x rounded to `digits` decimals, so case inputs print short and stay exactly representable enough to read. */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** n normal draws N(mean, std^2), rounded. */
export function normals(rng: Rng, n: number, std = 1, mean = 0, digits = 3): number[] {
  return Array.from({ length: n }, () => round(rng.normal(mean, std), digits));
}

/** rows x cols normal draws, rounded. */
export function normalMatrix(rng: Rng, rows: number, cols: number, std = 1, mean = 0, digits = 3): number[][] {
  return Array.from({ length: rows }, () => normals(rng, cols, std, mean, digits));
}

/** n uniform draws in [low, high), rounded. */
export function uniforms(rng: Rng, n: number, low = 0, high = 1, digits = 3): number[] {
  return Array.from({ length: n }, () => round(rng.uniform(low, high), digits));
}

/** n integers uniform in [0, k). */
export function integers(rng: Rng, n: number, k: number): number[] {
  return Array.from({ length: n }, () => rng.int(k));
}

/** A probability vector of length n (all entries > 0, sum exactly representable as close to 1 as doubles allow). */
export function simplex(rng: Rng, n: number): number[] {
  const w = Array.from({ length: n }, () => 0.05 + rng.random());
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
}

/**
 * A mistake recognised by recomputing what the wrong implementation returns on the same arguments: the hint is shown
 * when the learner's value matches it (and it differs from the expected value, so a coincidence on an easy case does
 * not blame the learner for a mistake they did not make).
 */
export function mistakeFrom<A extends unknown[], R>(id: string, hint: string, wrong: (...args: A) => unknown): Mistake<A, R> {
  return {
    id,
    hint,
    detect(ctx: CaseContext<A, R>): boolean {
      let value: unknown;
      try {
        value = wrong(...(structuredClone(ctx.args) as A));
      } catch {
        return false;
      }
      return closeTo(value, ctx.received, ctx.tolerance) && !closeTo(value, ctx.expected, ctx.tolerance);
    },
  };
}

/** Rows of a flat row-major array. */
export function toRows(data: ArrayLike<number>, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => data[i * cols + j]));
}
