// DDPM noise schedules: the per-step betas (linear or cosine), alphas = 1 - beta and the cumulative products alpha-bar.

/**
 * A diffusion noise schedule over T steps. Index t = 0..T-1 is the step that produces x_{t+1} from x_t in the paper's
 * 1-based notation, so `alphaBars[t]` = prod_{s <= t} (1 - betas[s]) is the signal share of the t-th noisy sample.
 */
export interface NoiseSchedule {
  /** Number of steps T. */
  steps: number;
  /** beta_t, length T, each in (0, 1). */
  betas: Float64Array;
  /** alpha_t = 1 - beta_t, length T. */
  alphas: Float64Array;
  /** alpha-bar_t = prod_{s <= t} alpha_s, length T, strictly decreasing. */
  alphaBars: Float64Array;
}

export interface LinearScheduleOptions {
  /** beta of the first step. Default 1e-4 (Ho et al. 2020). */
  betaStart: number;
  /** beta of the last step. Default 0.02 (Ho et al. 2020, for T = 1000). */
  betaEnd: number;
}
export const linearScheduleDefaults: Readonly<LinearScheduleOptions> = { betaStart: 1e-4, betaEnd: 0.02 };

export interface CosineScheduleOptions {
  /** Offset s of f(t) = cos^2(((t/T + s) / (1 + s)) pi/2). Default 0.008 (Nichol and Dhariwal 2021). */
  offset: number;
  /** Cap on each beta (the last steps would otherwise reach 1). Default 0.999. */
  maxBeta: number;
}
export const cosineScheduleDefaults: Readonly<CosineScheduleOptions> = { offset: 0.008, maxBeta: 0.999 };

function checkSteps(fn: string, steps: number): void {
  if (typeof steps !== 'number') throw new TypeError(`${fn}: expected a number of steps, got ${typeof steps}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`${fn}: expected steps >= 1 (an integer), got steps = ${steps}`);
}

/**
 * The schedule from given betas: alphas and their cumulative products.
 * @param betas - length T, each in (0, 1)
 * @throws TypeError when betas is not array-like; RangeError for an empty array or a beta outside (0, 1)
 */
export function scheduleFromBetas(betas: ArrayLike<number>): NoiseSchedule {
  if (betas === null || typeof betas !== 'object' || typeof betas.length !== 'number') throw new TypeError('scheduleFromBetas: expected an array of betas');
  const steps = betas.length;
  if (steps < 1) throw new RangeError('scheduleFromBetas: expected at least 1 beta, got 0');
  const b = Float64Array.from(betas), alphas = new Float64Array(steps), alphaBars = new Float64Array(steps);
  let prod = 1;
  for (let t = 0; t < steps; t++) {
    if (!(b[t] > 0 && b[t] < 1)) throw new RangeError(`scheduleFromBetas: expected every beta in (0, 1), got betas[${t}] = ${b[t]}`);
    alphas[t] = 1 - b[t];
    prod *= alphas[t];
    alphaBars[t] = prod;
  }
  return { steps, betas: b, alphas, alphaBars };
}

/**
 * Linear betas from betaStart to betaEnd (Ho et al. 2020): beta_t = start + (end - start) t / (T - 1).
 * @throws RangeError for steps < 1 or betas outside (0, 1)
 */
export function linearSchedule(steps: number, options: Partial<LinearScheduleOptions> = {}): NoiseSchedule {
  checkSteps('linearSchedule', steps);
  const o = { ...linearScheduleDefaults, ...options };
  const betas = Float64Array.from({ length: steps }, (_, t) => (steps === 1 ? o.betaStart : o.betaStart + ((o.betaEnd - o.betaStart) * t) / (steps - 1)));
  return scheduleFromBetas(betas);
}

/**
 * Cosine schedule (Nichol and Dhariwal 2021): alpha-bar(t) = f(t)/f(0) with f(t) = cos^2(((t/T + s)/(1 + s)) pi/2),
 * beta_t = min(1 - alpha-bar(t+1)/alpha-bar(t), maxBeta). Noise is added slowly at the start and at the end.
 * @throws RangeError for steps < 1, offset < 0 or maxBeta outside (0, 1)
 */
export function cosineSchedule(steps: number, options: Partial<CosineScheduleOptions> = {}): NoiseSchedule {
  checkSteps('cosineSchedule', steps);
  const o = { ...cosineScheduleDefaults, ...options };
  if (!(o.offset >= 0)) throw new RangeError(`cosineSchedule: expected offset >= 0, got offset = ${o.offset}`);
  if (!(o.maxBeta > 0 && o.maxBeta < 1)) throw new RangeError(`cosineSchedule: expected maxBeta in (0, 1), got maxBeta = ${o.maxBeta}`);
  const f = (t: number) => Math.cos((((t / steps) + o.offset) / (1 + o.offset)) * (Math.PI / 2)) ** 2;
  const betas = Float64Array.from({ length: steps }, (_, t) => Math.min(1 - f(t + 1) / f(t), o.maxBeta));
  return scheduleFromBetas(betas);
}
