// The VAE's evidence lower bound for one example: Bernoulli reconstruction log-likelihood (from decoder logits) minus the closed-form KL to N(0, I).
import { gaussianKl } from './gaussian-kl';

/** log(1 + e^t) without overflow. */
export function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/**
 * log p(x | z) for independent Bernoulli pixels with p_k = sigmoid(logit_k), targets in [0, 1]
 * (grey levels act as soft targets, as in every MNIST VAE):
 *   sum_k x_k log p_k + (1 - x_k) log(1 - p_k) = sum_k x_k l_k - softplus(l_k).
 * This is minus the binary cross-entropy summed over pixels.
 * @param x - length D targets in [0, 1]
 * @param logits - length D decoder outputs before the sigmoid
 */
export function bernoulliLogLikelihood(x: ArrayLike<number>, logits: ArrayLike<number>): number {
  if (x.length !== logits.length) throw new RangeError(`bernoulliLogLikelihood: expected ${x.length} logits (one per pixel), got ${logits.length}`);
  if (x.length === 0) throw new RangeError('bernoulliLogLikelihood: expected at least 1 pixel, got 0');
  let s = 0;
  for (let k = 0; k < x.length; k++) {
    if (!(x[k] >= 0 && x[k] <= 1)) throw new RangeError(`bernoulliLogLikelihood: expected targets in [0, 1], got x[${k}] = ${x[k]}`);
    if (!Number.isFinite(logits[k])) throw new RangeError(`bernoulliLogLikelihood: expected finite logits, got logits[${k}] = ${logits[k]}`);
    s += x[k] * logits[k] - softplus(logits[k]);
  }
  return s;
}

export interface ElboTerms {
  /** reconstruction - kl: a lower bound on log p(x) (in expectation over eps). */
  elbo: number;
  /** log p(x | z) at the sampled z (a one-sample estimate of E_q[log p(x|z)]). */
  reconstruction: number;
  /** KL(q(z|x) || N(0, I)) in closed form. */
  kl: number;
}

/**
 * One-sample ELBO of one example:
 *   ELBO = E_{q(z|x)}[log p(x|z)] - KL(q(z|x) || p(z)),  estimated with the z behind `logits` (z = mu + sigma * eps),
 * and the KL exact. The VAE loss is -ELBO (averaged over the batch).
 * @param x - length D pixels in [0, 1]
 * @param logits - length D decoder logits at z
 * @param mu - length d encoder means
 * @param logVar - length d encoder log-variances
 */
export function elbo(x: ArrayLike<number>, logits: ArrayLike<number>, mu: ArrayLike<number>, logVar: ArrayLike<number>): ElboTerms {
  const reconstruction = bernoulliLogLikelihood(x, logits);
  const kl = gaussianKl(mu, logVar);
  return { elbo: reconstruction - kl, reconstruction, kl };
}
