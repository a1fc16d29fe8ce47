// Sample ratio mismatch (SRM): a chi-square goodness-of-fit test of the users counted in each arm against the designed
// split. A tiny p-value (practitioners alert below 0.001) means the assignment or logging is broken, not that the
// treatment works.
import { checkInt, checkVector } from '../data/check';
import { normalSf } from './normal';

/**
 * Upper tail P(chi^2_df > x) for integer df >= 1, by the closed forms: even df, exp(-x/2) sum_{i<df/2} (x/2)^i / i!;
 * odd df, 2 Phi(-sqrt x) + 2 phi(sqrt x) sum_{k=1}^{(df-1)/2} x^{k-1/2} / (1 3 5 ... (2k-1)).
 */
export function chiSquareSf(x: number, df: number): number {
  checkInt('chiSquareSf', 'df', df, 1);
  if (typeof x !== 'number' || Number.isNaN(x)) throw new TypeError(`chiSquareSf: expected a number x, got ${String(x)}`);
  if (x <= 0) return 1;
  if (df % 2 === 0) {
    let term = Math.exp(-x / 2), sum = term;
    for (let i = 1; i < df / 2; i++) { term *= x / 2 / i; sum += term; }
    return Math.min(1, sum);
  }
  const r = Math.sqrt(x);
  let sum = 0, term = r; // x^{1/2} / 1
  for (let k = 1; k <= (df - 1) / 2; k++) {
    sum += term;
    term *= x / (2 * k + 1);
  }
  return Math.min(1, 2 * normalSf(r) + (2 * Math.exp(-x / 2) / Math.sqrt(2 * Math.PI)) * sum);
}

/**
 * Chi-square test of observed arm sizes against the designed shares (default equal shares).
 * @throws RangeError for fewer than 2 arms, counts that are not nonnegative integers, or shares that do not sum to 1
 */
export function sampleRatioMismatch(counts: ArrayLike<number>, shares?: ArrayLike<number>): { chiSquare: number; pValue: number; df: number; expected: Float64Array } {
  const fn = 'sampleRatioMismatch';
  const c = checkVector(fn, 'counts', counts);
  if (c.length < 2) throw new RangeError(`${fn}: expected at least 2 arms, got ${c.length}`);
  c.forEach((v, i) => checkInt(fn, `counts[${i}]`, v, 0));
  const s = shares === undefined ? new Float64Array(c.length).fill(1 / c.length) : checkVector(fn, 'shares', shares, c.length);
  const total = c.reduce((a, b) => a + b, 0), shareSum = s.reduce((a, b) => a + b, 0);
  if (Math.abs(shareSum - 1) > 1e-9 || s.some((v) => v <= 0)) throw new RangeError(`${fn}: expected positive shares summing to 1, got sum ${shareSum}`);
  if (total === 0) throw new RangeError(`${fn}: expected at least one user, got 0`);
  const expected = s.map((v) => v * total);
  let chiSquare = 0;
  for (let i = 0; i < c.length; i++) chiSquare += (c[i] - expected[i]) ** 2 / expected[i];
  return { chiSquare, pValue: chiSquareSf(chiSquare, c.length - 1), df: c.length - 1, expected };
}
