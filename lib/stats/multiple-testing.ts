// Multiple-testing corrections: Bonferroni (controls the family-wise error rate) and Benjamini-Hochberg (controls the
// false discovery rate for independent or positively dependent tests).
import { checkReal, checkVector, withDefaults } from '../data/check';

export interface Correction {
  /** reject[i]: hypothesis i is rejected at the family level alpha. */
  reject: boolean[];
  /** Adjusted p-values (reject[i] iff adjusted[i] <= alpha), clipped at 1. */
  adjusted: Float64Array;
}

function pValues(fn: string, p: ArrayLike<number>): Float64Array {
  const v = checkVector(fn, 'pValues', p);
  if (v.length === 0) throw new RangeError(`${fn}: expected at least 1 p-value, got 0`);
  v.forEach((x, i) => { if (x < 0 || x > 1) throw new RangeError(`${fn}: expected 0 <= pValues[${i}] <= 1, got ${x}`); });
  return v;
}

/** Bonferroni: reject p_i <= alpha / m; adjusted p_i = min(1, m p_i). P(any false rejection) <= alpha. */
export function bonferroni(p: ArrayLike<number>, options: { alpha?: number } = {}): Correction {
  const fn = 'bonferroni';
  const v = pValues(fn, p);
  const alpha = checkReal(fn, 'alpha', withDefaults(fn, options, { alpha: 0.05 }).alpha, { min: 0, max: 1, open: true });
  const m = v.length;
  const adjusted = v.map((x) => Math.min(1, m * x));
  return { reject: Array.from(adjusted, (a) => a <= alpha), adjusted };
}

/**
 * Benjamini-Hochberg step-up: sort p ascending, find the largest k with p_(k) <= k alpha / m, reject the k smallest.
 * Adjusted p-values (q-values): q_(i) = min_{j >= i} min(1, m p_(j) / j). E[false discoveries / discoveries] <= alpha m0/m.
 */
export function benjaminiHochberg(p: ArrayLike<number>, options: { alpha?: number } = {}): Correction & { threshold: number; discoveries: number } {
  const fn = 'benjaminiHochberg';
  const v = pValues(fn, p);
  const alpha = checkReal(fn, 'alpha', withDefaults(fn, options, { alpha: 0.05 }).alpha, { min: 0, max: 1, open: true });
  const m = v.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => v[a] - v[b] || a - b);
  const adjusted = new Float64Array(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    running = Math.min(running, (m * v[order[r]]) / (r + 1));
    adjusted[order[r]] = Math.min(1, running);
  }
  let k = 0;
  for (let r = 0; r < m; r++) if (v[order[r]] <= ((r + 1) * alpha) / m) k = r + 1;
  const threshold = k === 0 ? 0 : v[order[k - 1]];
  const reject = Array.from(v, () => false);
  for (let r = 0; r < k; r++) reject[order[r]] = true;
  return { reject, adjusted, threshold, discoveries: k };
}
