// Shared helpers for the RNN tests: seeded random matrices and the relative error used as tolerance.
import type { Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

export function randMatrix(rng: Rng, rows: number, cols: number, std = 1): Matrix {
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal(0, std)) };
}

export function randVector(rng: Rng, n: number, std = 1): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal(0, std));
}

/** max |a - b| / max |b|. */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(b[i])); }
  return num / Math.max(den, 1e-300);
}

/** Central differences of f at every entry of `values` (modified in place and restored). */
export function numericGrad(f: () => number, values: Float64Array, h = 1e-6): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    values[i] = v + h; const up = f();
    values[i] = v - h; const down = f();
    values[i] = v;
    out[i] = (up - down) / (2 * h);
  }
  return out;
}
