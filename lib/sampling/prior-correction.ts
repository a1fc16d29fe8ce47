// Prior correction: maps probabilities learned under one class balance (after resampling or class weights) to another.

/** Class-1 priors: the share of positives the model was trained on, and the share where it will be used. */
export interface Priors {
  /** pi_1s: fraction of positives in the (resampled or reweighted) training data, in (0, 1). */
  trainPrior: number;
  /** pi_1: fraction of positives in the population the probabilities should describe, in (0, 1). */
  targetPrior: number;
}

function checkPrior(name: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`priorCorrection: expected ${name} to be a number, got ${typeof v}`);
  if (!(v > 0 && v < 1)) throw new RangeError(`priorCorrection: expected 0 < ${name} < 1, got ${name} = ${v}`);
  return v;
}

/**
 * Bayes' rule with new priors. A model trained where positives have prior pi_1s estimates p = P_s(y = 1 | x); the
 * class-conditional densities are unchanged by resampling, so under the target prior pi_1
 *   p' = p r1 / (p r1 + (1 - p) r0),   r1 = pi_1 / pi_1s,   r0 = (1 - pi_1) / (1 - pi_1s),
 * equivalently logit p' = logit p + log(r1 / r0). p = 0 and p = 1 are kept.
 * @param probs - length n probabilities P_s(y = 1 | x) in [0, 1]
 * @returns length n corrected probabilities
 */
export function priorCorrection(probs: ArrayLike<number>, priors: Priors): Float64Array {
  if (!Array.isArray(probs) && !(ArrayBuffer.isView(probs) && !(probs instanceof DataView))) {
    throw new TypeError(`priorCorrection: expected probs to be an array or typed array, got ${probs === null ? 'null' : typeof probs}`);
  }
  if (typeof priors !== 'object' || priors === null) throw new TypeError('priorCorrection: expected priors { trainPrior, targetPrior }');
  const s = checkPrior('trainPrior', priors.trainPrior), t = checkPrior('targetPrior', priors.targetPrior);
  const r1 = t / s, r0 = (1 - t) / (1 - s);
  const out = new Float64Array(probs.length);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new RangeError(`priorCorrection: expected probabilities in [0, 1], got ${p} at index ${i}`);
    const a = p * r1, b = (1 - p) * r0;
    out[i] = a / (a + b);
  }
  return out;
}
