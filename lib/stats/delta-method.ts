// Ratio metrics and the delta method: the variance of R = mean(Y) / mean(X) over n independent units (users), when the
// numerator and denominator are per-user totals (clicks and page views), so the page views of one user are correlated.
import { checkVector } from '../data/check';

export interface RatioEstimate {
  /** mean(Y) / mean(X) = sum(Y) / sum(X). */
  ratio: number;
  /** Delta-method variance: (1/n) (s_Y^2 / mu_X^2 - 2 mu_Y s_XY / mu_X^3 + mu_Y^2 s_X^2 / mu_X^4). */
  variance: number;
  standardError: number;
  /** The naive variance that treats every denominator unit (page view) as independent: R (1 - R) / sum(X) for 0/1 events. */
  naiveBinomialVariance: number;
}

/**
 * Delta-method variance of the ratio of two means over n users (sample variances with divisor n - 1).
 * @throws TypeError for non-numeric input; RangeError for different lengths, fewer than 2 users or mean(X) = 0
 */
export function ratioDeltaMethod(y: ArrayLike<number>, x: ArrayLike<number>): RatioEstimate {
  const fn = 'ratioDeltaMethod';
  const Y = checkVector(fn, 'y', y), X = checkVector(fn, 'x', x, Y.length);
  const n = Y.length;
  if (n < 2) throw new RangeError(`${fn}: expected at least 2 users, got ${n}`);
  let sy = 0, sx = 0;
  for (let i = 0; i < n; i++) { sy += Y[i]; sx += X[i]; }
  const my = sy / n, mx = sx / n;
  if (mx === 0) throw new RangeError(`${fn}: expected a denominator with nonzero mean, got mean(x) = 0`);
  let vyy = 0, vxx = 0, vxy = 0;
  for (let i = 0; i < n; i++) {
    const dy = Y[i] - my, dx = X[i] - mx;
    vyy += dy * dy; vxx += dx * dx; vxy += dx * dy;
  }
  vyy /= n - 1; vxx /= n - 1; vxy /= n - 1;
  const ratio = my / mx;
  const variance = (vyy / mx ** 2 - (2 * my * vxy) / mx ** 3 + (my ** 2 * vxx) / mx ** 4) / n;
  return { ratio, variance, standardError: Math.sqrt(variance), naiveBinomialVariance: (ratio * (1 - ratio)) / sx };
}
