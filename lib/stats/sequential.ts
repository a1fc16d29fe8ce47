// Sequential testing that survives peeking: the mixture sequential probability ratio test (mSPRT, Robbins 1970;
// Johari, Pekelis and Walsh 2017, "Always valid inference"), for a difference in means with a normal mixing prior.
import { checkReal, withDefaults } from '../data/check';

/**
 * The mSPRT likelihood ratio for an estimate `estimate` of a difference theta (H0: theta = 0) whose variance is
 * `variance` (for two arms of n users with variances sA^2, sB^2: sA^2/n + sB^2/n), with a N(0, tau^2) mixture over the
 * alternative:
 *   Lambda = sqrt(V / (V + tau^2)) exp(tau^2 estimate^2 / (2 V (V + tau^2))).
 * Under H0 Lambda is a nonnegative martingale with mean 1, so by Ville's inequality P(Lambda ever >= 1/alpha) <= alpha:
 * you may look after every user and stop whenever it crosses.
 * @throws RangeError for a variance or tau that is not positive
 */
export function msprtLikelihoodRatio(estimate: number, variance: number, tau: number): number {
  const fn = 'msprtLikelihoodRatio';
  checkReal(fn, 'estimate', estimate);
  checkReal(fn, 'variance', variance, { min: 0, open: true });
  checkReal(fn, 'tau', tau, { min: 0, open: true });
  const t2 = tau * tau;
  return Math.sqrt(variance / (variance + t2)) * Math.exp((t2 * estimate * estimate) / (2 * variance * (variance + t2)));
}

/**
 * An always-valid p-value sequence for repeated looks: p_k = min(p_{k-1}, 1 / Lambda_k), p_0 = 1. Rejecting the first
 * time p_k < alpha keeps the false-positive rate at most alpha however many looks are taken.
 */
export class MixtureSprt {
  readonly tau: number;
  readonly alpha: number;
  /** The current always-valid p-value. */
  pValue = 1;
  looks = 0;

  constructor(options: { tau?: number; alpha?: number } = {}) {
    const o = withDefaults('MixtureSprt', options, { tau: 1, alpha: 0.05 });
    this.tau = checkReal('MixtureSprt', 'tau', o.tau, { min: 0, open: true });
    this.alpha = checkReal('MixtureSprt', 'alpha', o.alpha, { min: 0, max: 1, open: true });
  }

  /** Records one look (the current estimate and its variance); returns true once H0 is rejected. */
  update(estimate: number, variance: number): boolean {
    this.looks++;
    this.pValue = Math.min(this.pValue, 1 / msprtLikelihoodRatio(estimate, variance, this.tau));
    return this.rejected;
  }

  get rejected(): boolean {
    return this.pValue < this.alpha;
  }
}
