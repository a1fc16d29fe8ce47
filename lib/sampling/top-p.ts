// Nucleus (top-p) filtering of a probability vector: keep the most probable tokens until their mass reaches p, renormalise.

/** Kept mass within this of p counts as reaching p (so 0.1 + 0.2 reaches 0.3). */
export const TOP_P_SLACK = 1e-12;

/**
 * Top-p filter (Holtzman et al. 2020, "nucleus sampling"): sort tokens by decreasing probability (ties: lower index
 * first), keep them until the kept mass reaches p (within {@link TOP_P_SLACK}), zero the rest and divide the kept ones
 * by the kept mass.
 * @param probs - a probability vector (non-negative, summing to 1 within 1e-9)
 * @param p - nucleus mass, 0 < p <= 1
 * @returns the filtered, renormalised distribution (same length)
 */
export function topPFilter(probs: ArrayLike<number>, p: number): Float64Array {
  if (probs === null || typeof probs !== 'object' || typeof probs.length !== 'number') throw new TypeError('expected probs to be an array of numbers');
  if (typeof p !== 'number') throw new TypeError(`expected p to be a number, got ${typeof p}`);
  const n = probs.length;
  if (n === 0) throw new RangeError('expected at least 1 probability, got 0');
  if (!(p > 0 && p <= 1)) throw new RangeError(`expected 0 < p <= 1, got p = ${p}`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = probs[i];
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw new RangeError(`expected probabilities >= 0, got ${v} at index ${i}`);
    total += v;
  }
  if (Math.abs(total - 1) > 1e-9) throw new RangeError(`expected probabilities summing to 1, got ${total}`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probs[b] - probs[a] || a - b);
  const out = new Float64Array(n);
  let kept = 0;
  let count = 0;
  while (count < n) {
    kept += probs[order[count]];
    count++;
    if (kept >= p - TOP_P_SLACK) break;
  }
  for (let t = 0; t < count; t++) out[order[t]] = probs[order[t]] / kept;
  return out;
}
