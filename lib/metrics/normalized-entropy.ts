// Normalized entropy (He et al. 2014, ads click prediction): log loss divided by the entropy of the background click rate, so 1 = no better than predicting the base rate.
import { checkReal } from '../data/check';
import { logLoss, type LogLossOptions } from './probabilistic';

/** Binary entropy H(p) = -p ln p - (1 - p) ln(1 - p) in nats; H(0) = H(1) = 0. */
export function binaryEntropy(p: number): number {
  checkReal('binaryEntropy', 'p', p, { min: 0, max: 1 });
  if (p === 0 || p === 1) return 0;
  return -p * Math.log(p) - (1 - p) * Math.log1p(-p);
}

export interface NormalizedEntropyOptions extends LogLossOptions {
  /** Background rate p-bar whose entropy normalises the loss; default the mean of yTrue (pass the training CTR to follow the paper). */
  baseRate?: number;
}

/**
 * NE = logLoss(y, p) / H(p-bar). Below 1 the model beats the constant prediction p-bar; it is insensitive to the base
 * rate (unlike raw log loss, which is small for any rare event) but, like log loss, punishes miscalibration.
 * @param yTrue - n labels in {0, 1}
 * @param probs - n predicted P(y = 1)
 * @throws RangeError when the base rate is 0 or 1 (H = 0: nothing to normalise by)
 */
export function normalizedEntropy(yTrue: ArrayLike<number>, probs: ArrayLike<number>, options: NormalizedEntropyOptions = {}): number {
  const fn = 'normalizedEntropy';
  const ll = logLoss(yTrue, probs, options.eps === undefined ? {} : { eps: options.eps });
  let base = options.baseRate;
  if (base === undefined) {
    let s = 0;
    for (let i = 0; i < yTrue.length; i++) s += yTrue[i];
    base = s / yTrue.length;
  }
  checkReal(fn, 'baseRate', base, { min: 0, max: 1, open: true });
  return ll / binaryEntropy(base);
}
