// A/B testing of conversion rates: the two-proportion z-test (pooled standard error, normal p-value), a confidence interval for the difference, and the sample size per arm.
import { checkInt, checkReal } from '../data/check';
import { normalCdf, normalQuantile, normalSf } from './normal';

export interface ProportionCounts {
  /** Successes (conversions, clicks, correct answers) and trials (users) in arm A (control). */
  successesA: number;
  trialsA: number;
  /** The same for arm B (treatment). */
  successesB: number;
  trialsB: number;
}

export type Alternative = 'two-sided' | 'greater' | 'less';

export interface ZTestOptions {
  /** H1: pB != pA ('two-sided', default), pB > pA ('greater') or pB < pA ('less'). */
  alternative?: Alternative;
  /** Significance level for `significant` and the (1 - alpha) confidence interval. Default 0.05. */
  alpha?: number;
}

export interface TwoProportionZTest {
  pA: number;
  pB: number;
  /** pB - pA. */
  difference: number;
  /** (xA + xB) / (nA + nB): the common rate under H0 (pA = pB). */
  pooled: number;
  /** sqrt(pooled (1 - pooled) (1/nA + 1/nB)). */
  standardError: number;
  /** difference / standardError. */
  z: number;
  pValue: number;
  alternative: Alternative;
  /** pValue < alpha. */
  significant: boolean;
  /** Two-sided (1 - alpha) Wald interval for pB - pA, with the unpooled standard error. */
  confidenceInterval: [number, number];
}

/**
 * Two-proportion z-test of H0: pA = pB, for independent arms (users randomised to A or B).
 *   z = (pB - pA) / sqrt(p (1 - p) (1/nA + 1/nB)),  p = (xA + xB) / (nA + nB),
 *   two-sided p-value = 2 P(Z > |z|).
 * z^2 equals Pearson's chi-square statistic of the 2 x 2 table (no continuity correction). The normal
 * approximation wants at least ~10 successes and ~10 failures per arm.
 * @throws RangeError for counts that are not integers with 0 <= successes <= trials, trials >= 1, or when both
 *   arms are all successes or all failures (standard error 0)
 */
export function twoProportionZTest(counts: ProportionCounts, options: ZTestOptions = {}): TwoProportionZTest {
  const fn = 'twoProportionZTest';
  if (typeof counts !== 'object' || counts === null) throw new TypeError(`${fn}: expected counts {successesA, trialsA, successesB, trialsB}`);
  const nA = checkInt(fn, 'trialsA', counts.trialsA, 1), nB = checkInt(fn, 'trialsB', counts.trialsB, 1);
  const xA = checkInt(fn, 'successesA', counts.successesA, 0), xB = checkInt(fn, 'successesB', counts.successesB, 0);
  if (xA > nA) throw new RangeError(`${fn}: expected successesA <= trialsA, got ${xA} > ${nA}`);
  if (xB > nB) throw new RangeError(`${fn}: expected successesB <= trialsB, got ${xB} > ${nB}`);
  const alternative = options.alternative ?? 'two-sided';
  if (!['two-sided', 'greater', 'less'].includes(alternative)) throw new RangeError(`${fn}: expected alternative 'two-sided', 'greater' or 'less', got ${JSON.stringify(alternative)}`);
  const alpha = checkReal(fn, 'alpha', options.alpha ?? 0.05, { min: 0, max: 1, open: true });
  const pA = xA / nA, pB = xB / nB;
  const pooled = (xA + xB) / (nA + nB);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  if (standardError === 0) throw new RangeError(`${fn}: both arms are all ${pooled === 0 ? 'failures' : 'successes'}, so the standard error is 0 and z is undefined`);
  const difference = pB - pA;
  const z = difference / standardError;
  const pValue = alternative === 'two-sided' ? Math.min(1, 2 * normalSf(Math.abs(z))) : alternative === 'greater' ? normalSf(z) : normalCdf(z);
  const seUnpooled = Math.sqrt((pA * (1 - pA)) / nA + (pB * (1 - pB)) / nB);
  const half = normalQuantile(1 - alpha / 2) * seUnpooled;
  return { pA, pB, difference, pooled, standardError, z, pValue, alternative, significant: pValue < alpha, confidenceInterval: [difference - half, difference + half] };
}

/**
 * Users needed in each arm to detect a change from pA to pB with a two-sided test at level alpha with the given
 * power: n = (z_{1-alpha/2} + z_{power})^2 (pA(1-pA) + pB(1-pB)) / (pB - pA)^2, rounded up.
 */
export function sampleSizePerArm(pA: number, pB: number, options: { alpha?: number; power?: number } = {}): number {
  const fn = 'sampleSizePerArm';
  checkReal(fn, 'pA', pA, { min: 0, max: 1, open: true });
  checkReal(fn, 'pB', pB, { min: 0, max: 1, open: true });
  if (pA === pB) throw new RangeError(`${fn}: expected pA != pB (no effect needs infinitely many users), got ${pA} twice`);
  const alpha = checkReal(fn, 'alpha', options.alpha ?? 0.05, { min: 0, max: 1, open: true });
  const power = checkReal(fn, 'power', options.power ?? 0.8, { min: 0, max: 1, open: true });
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return Math.ceil((z * z * (pA * (1 - pA) + pB * (1 - pB))) / (pB - pA) ** 2);
}
