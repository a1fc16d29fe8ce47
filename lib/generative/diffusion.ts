// DDPM building blocks in float64: the closed-form forward sample q(x_t | x_0), the posterior q(x_{t-1} | x_t, x_0), the noise-prediction loss and the ancestral sampling step.
import type { NoiseSchedule } from './noise-schedule';

function checkStep(fn: string, schedule: NoiseSchedule, t: number): void {
  if (typeof t !== 'number') throw new TypeError(`${fn}: expected a step index t, got ${typeof t}`);
  if (!Number.isInteger(t) || t < 0 || t >= schedule.steps) throw new RangeError(`${fn}: expected 0 <= t < ${schedule.steps} (an integer), got t = ${t}`);
}
function checkSameLength(fn: string, a: ArrayLike<number>, nameA: string, b: ArrayLike<number>, nameB: string): void {
  if (a === null || typeof a !== 'object' || typeof a.length !== 'number') throw new TypeError(`${fn}: expected ${nameA} to be an array of numbers`);
  if (b === null || typeof b !== 'object' || typeof b.length !== 'number') throw new TypeError(`${fn}: expected ${nameB} to be an array of numbers`);
  if (a.length !== b.length) throw new RangeError(`${fn}: expected ${nameB} of length ${a.length} (as ${nameA}), got length ${b.length}`);
}

/** Mean coefficient and variance of q(x_t | x_0) = N(sqrt(abar_t) x_0, (1 - abar_t) I). */
export function forwardMoments(schedule: NoiseSchedule, t: number): { meanCoef: number; variance: number } {
  checkStep('forwardMoments', schedule, t);
  return { meanCoef: Math.sqrt(schedule.alphaBars[t]), variance: 1 - schedule.alphaBars[t] };
}

/**
 * The same moments by iterating the one-step process x_s = sqrt(alpha_s) x_{s-1} + sqrt(beta_s) eps_s from x_0
 * (mean coefficient m_s = sqrt(alpha_s) m_{s-1}, variance v_s = alpha_s v_{s-1} + beta_s): what the closed form replaces.
 */
export function iteratedForwardMoments(schedule: NoiseSchedule, t: number): { meanCoef: number; variance: number } {
  checkStep('iteratedForwardMoments', schedule, t);
  let m = 1, v = 0;
  for (let s = 0; s <= t; s++) {
    m *= Math.sqrt(schedule.alphas[s]);
    v = schedule.alphas[s] * v + schedule.betas[s];
  }
  return { meanCoef: m, variance: v };
}

/**
 * One draw of x_t from q(x_t | x_0) in closed form: x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps, per row.
 * @param x0 - n x d row-major clean points
 * @param eps - n x d standard normal noise (the target the model learns to predict)
 * @param t - n step indices (0-based), one per row
 * @param d - dimension of a point
 * @returns n x d noisy points
 */
export function forwardSample(x0: ArrayLike<number>, eps: ArrayLike<number>, t: ArrayLike<number>, schedule: NoiseSchedule, d: number): Float64Array {
  checkSameLength('forwardSample', x0, 'x0', eps, 'eps');
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`forwardSample: expected d >= 1, got d = ${d}`);
  if (x0.length !== t.length * d) throw new RangeError(`forwardSample: expected x0 of length n * d = ${t.length * d} for ${t.length} steps, got length ${x0.length}`);
  const out = new Float64Array(x0.length);
  for (let i = 0; i < t.length; i++) {
    checkStep('forwardSample', schedule, t[i]);
    const a = Math.sqrt(schedule.alphaBars[t[i]]), s = Math.sqrt(1 - schedule.alphaBars[t[i]]);
    for (let k = 0; k < d; k++) out[i * d + k] = a * x0[i * d + k] + s * eps[i * d + k];
  }
  return out;
}

/**
 * The posterior q(x_{t-1} | x_t, x_0) = N(c0 x_0 + ct x_t, variance I) for t >= 1 (0-based), with
 * c0 = sqrt(abar_{t-1}) beta_t / (1 - abar_t), ct = sqrt(alpha_t) (1 - abar_{t-1}) / (1 - abar_t),
 * variance = beta_t (1 - abar_{t-1}) / (1 - abar_t) (Ho et al. 2020, eq. 6-7). At t = 0, x_{t-1} is x_0 itself:
 * c0 = 1, ct = 0, variance 0.
 */
export function posteriorCoefficients(schedule: NoiseSchedule, t: number): { c0: number; ct: number; variance: number } {
  checkStep('posteriorCoefficients', schedule, t);
  if (t === 0) return { c0: 1, ct: 0, variance: 0 };
  const ab = schedule.alphaBars[t], abPrev = schedule.alphaBars[t - 1], beta = schedule.betas[t];
  return { c0: (Math.sqrt(abPrev) * beta) / (1 - ab), ct: (Math.sqrt(schedule.alphas[t]) * (1 - abPrev)) / (1 - ab), variance: (beta * (1 - abPrev)) / (1 - ab) };
}

/** The noise-prediction loss (Ho et al.'s L_simple): mean over all entries of (eps - epsPred)^2. */
export function noisePredictionLoss(epsPred: ArrayLike<number>, eps: ArrayLike<number>): number {
  checkSameLength('noisePredictionLoss', epsPred, 'epsPred', eps, 'eps');
  if (eps.length === 0) throw new RangeError('noisePredictionLoss: expected at least 1 entry, got 0');
  let s = 0;
  for (let i = 0; i < eps.length; i++) s += (eps[i] - epsPred[i]) ** 2;
  return s / eps.length;
}

export interface SamplerStepOptions {
  /** sigma_t^2: 'beta' (beta_t, Ho et al.'s choice) or 'posterior' (the posterior variance, smaller). Default 'beta'. */
  variance: 'beta' | 'posterior';
}
export const samplerStepDefaults: Readonly<SamplerStepOptions> = { variance: 'beta' };

/**
 * One ancestral sampling step of DDPM from step t to t - 1 (0-based t; t = 0 returns the final x_0 without noise):
 * x_{t-1} = (x_t - beta_t / sqrt(1 - abar_t) epsPred) / sqrt(alpha_t) + sigma_t z.
 * The mean equals the posterior mean with x_0 estimated as (x_t - sqrt(1 - abar_t) epsPred) / sqrt(abar_t).
 * @param xt - n x d current points; epsPred - n x d predicted noise; z - n x d standard normal noise (ignored at t = 0)
 */
export function samplerStep(xt: ArrayLike<number>, epsPred: ArrayLike<number>, z: ArrayLike<number>, schedule: NoiseSchedule, t: number, options: Partial<SamplerStepOptions> = {}): Float64Array {
  const o = { ...samplerStepDefaults, ...options };
  checkSameLength('samplerStep', xt, 'xt', epsPred, 'epsPred');
  checkSameLength('samplerStep', xt, 'xt', z, 'z');
  checkStep('samplerStep', schedule, t);
  if (o.variance !== 'beta' && o.variance !== 'posterior') throw new RangeError(`samplerStep: expected variance 'beta' or 'posterior', got ${JSON.stringify(o.variance)}`);
  const beta = schedule.betas[t], ab = schedule.alphaBars[t];
  const scale = 1 / Math.sqrt(schedule.alphas[t]), epsCoef = beta / Math.sqrt(1 - ab);
  const sigma = t === 0 ? 0 : Math.sqrt(o.variance === 'beta' ? beta : posteriorCoefficients(schedule, t).variance);
  const out = new Float64Array(xt.length);
  for (let i = 0; i < xt.length; i++) out[i] = scale * (xt[i] - epsCoef * epsPred[i]) + sigma * z[i];
  return out;
}
