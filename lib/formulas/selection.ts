// Formulas of validation design: the expected maximum of c standard normals (the optimism of picking the best of c noisy scores) and the chance a duplicate's twin lands in training.
import { checkInt } from '../data/check';
import { normalCdf } from '../stats/normal';

/**
 * E[max(Z_1, ..., Z_c)] for c independent standard normals:
 * ∫ z · c φ(z) Φ(z)^(c-1) dz, by the composite Simpson rule on [-12, 12] with 4,800 intervals (error below 1e-10
 * for c up to 10^6). Closed forms: 0 for c = 1, 1/√π for c = 2, 3/(2√π) for c = 3.
 * If c candidates have equal true scores and independent estimation noise σ, the best observed score exceeds the
 * truth by σ times this on average: the optimism of reporting the winner's cross-validated score.
 * @param c - number of candidates, 1 <= c <= 10^6
 */
export function expectedMaxOfNormals(c: number): number {
  checkInt('expectedMaxOfNormals', 'c', c, 1);
  if (c > 1e6) throw new RangeError(`expectedMaxOfNormals: expected c <= 1000000, got c = ${c}`);
  const lo = -12, hi = 12, m = 4800, h = (hi - lo) / m;
  const f = (z: number) => z * c * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) * normalCdf(z) ** (c - 1);
  let s = f(lo) + f(hi);
  for (let i = 1; i < m; i++) s += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}

/**
 * Probability that a row's duplicate lands in the training part when n rows are split at random with nTest test
 * rows: the twin is one of the other n - 1 rows, and n - nTest of them are training rows, so (n - nTest) / (n - 1).
 * For k-fold CV, nTest = n / k.
 * @param n - rows, >= 2
 * @param nTest - test rows, 1 <= nTest <= n
 */
export function twinInTrainProbability(n: number, nTest: number): number {
  checkInt('twinInTrainProbability', 'n', n, 2);
  if (typeof nTest !== 'number' || Number.isNaN(nTest)) throw new TypeError(`twinInTrainProbability: expected nTest to be a number, got ${String(nTest)}`);
  if (!(nTest >= 1 && nTest <= n)) throw new RangeError(`twinInTrainProbability: expected 1 <= nTest <= ${n}, got nTest = ${nTest}`);
  return (n - nTest) / (n - 1);
}
