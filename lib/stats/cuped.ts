// CUPED (Controlled-experiment Using Pre-Experiment Data, Deng et al. 2013): subtract from each user's metric Y the part
// predicted by a pre-period covariate X, Y_cuped = Y - theta (X - mean X) with theta = cov(Y, X) / var(X).
// The mean is unchanged, the variance shrinks by the factor (1 - rho^2), rho = corr(Y, X).
import { checkVector } from '../data/check';

export interface CupedResult {
  /** Y - theta (X - mean X), one value per user. */
  adjusted: Float64Array;
  /** cov(Y, X) / var(X) (the OLS slope of Y on X). */
  theta: number;
  /** Sample correlation of Y and X. */
  correlation: number;
  /** 1 - var(adjusted) / var(Y); equals correlation^2 when theta is estimated on the same data. */
  varianceReduction: number;
}

function meanOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

/**
 * CUPED-adjusts the metric `y` with the pre-period covariate `x` (same users, same order). Pass `theta` to use one
 * estimated elsewhere (pooled over both arms, as it should be: theta must not depend on the treatment).
 * @throws TypeError for non-numeric input; RangeError for lengths that differ, fewer than 2 users, or a constant x
 */
export function cuped(y: ArrayLike<number>, x: ArrayLike<number>, options: { theta?: number } = {}): CupedResult {
  const fn = 'cuped';
  const Y = checkVector(fn, 'y', y), X = checkVector(fn, 'x', x, Y.length);
  if (Y.length < 2) throw new RangeError(`${fn}: expected at least 2 users, got ${Y.length}`);
  const my = meanOf(Y), mx = meanOf(X);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < Y.length; i++) {
    const dx = X[i] - mx, dy = Y[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  if (sxx === 0) throw new RangeError(`${fn}: expected a covariate x that varies, got a constant x = ${X[0]}`);
  const theta = options.theta ?? sxy / sxx;
  const adjusted = new Float64Array(Y.length);
  for (let i = 0; i < Y.length; i++) adjusted[i] = Y[i] - theta * (X[i] - mx);
  const ma = meanOf(adjusted);
  let saa = 0;
  for (let i = 0; i < Y.length; i++) saa += (adjusted[i] - ma) ** 2;
  return { adjusted, theta, correlation: syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy), varianceReduction: syy === 0 ? 0 : 1 - saa / syy };
}
