// Learning-rate schedules as functions of the 0-based step: constant, step decay, exponential decay, cosine decay, and linear warmup around any of them.
import { checkInt, checkReal, withDefaults } from '../data/check';

/** The learning rate to use at a 0-based step t (t = 0 is the first update). */
export type Schedule = (step: number) => number;

function checkStepIndex(fn: string, t: number): void {
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0) throw new RangeError(`${fn}: expected a step that is an integer >= 0, got step = ${String(t)}`);
}

/** lr_t = lr. */
export function constantSchedule(learningRate: number): Schedule {
  const lr = checkReal('constantSchedule', 'learningRate', learningRate, { min: 0 });
  return (t) => {
    checkStepIndex('constantSchedule', t);
    return lr;
  };
}

export interface StepDecayOptions {
  /** lr at step 0. */
  initial: number;
  /** Multiply by this every `every` steps (e.g. 0.1 or 0.5), in (0, 1]. */
  factor: number;
  /** Steps between drops (>= 1). */
  every: number;
}

export const stepDecayDefaults: Readonly<StepDecayOptions> = { initial: 0.1, factor: 0.5, every: 10 };

/** Step (staircase) decay: lr_t = initial * factor^floor(t / every). */
export function stepDecay(options: Partial<StepDecayOptions> = {}): Schedule {
  const fn = 'stepDecay';
  const o = withDefaults(fn, options, stepDecayDefaults);
  const initial = checkReal(fn, 'initial', o.initial, { min: 0 });
  const factor = checkReal(fn, 'factor', o.factor, { min: 0, max: 1 });
  if (factor === 0) throw new RangeError(`${fn}: expected factor > 0, got factor = 0`);
  const every = checkInt(fn, 'every', o.every, 1);
  return (t) => {
    checkStepIndex(fn, t);
    return initial * Math.pow(factor, Math.floor(t / every));
  };
}

export interface ExponentialDecayOptions {
  /** lr at step 0. */
  initial: number;
  /** The factor applied over `decaySteps` steps, in (0, 1]. */
  decayRate: number;
  /** Steps over which the rate falls by decayRate (>= 1). */
  decaySteps: number;
}

export const exponentialDecayDefaults: Readonly<ExponentialDecayOptions> = { initial: 0.1, decayRate: 0.5, decaySteps: 10 };

/** Smooth exponential decay: lr_t = initial * decayRate^(t / decaySteps) (TensorFlow's ExponentialDecay without staircase). */
export function exponentialDecay(options: Partial<ExponentialDecayOptions> = {}): Schedule {
  const fn = 'exponentialDecay';
  const o = withDefaults(fn, options, exponentialDecayDefaults);
  const initial = checkReal(fn, 'initial', o.initial, { min: 0 });
  const rate = checkReal(fn, 'decayRate', o.decayRate, { min: 0, max: 1 });
  if (rate === 0) throw new RangeError(`${fn}: expected decayRate > 0, got decayRate = 0`);
  const steps = checkInt(fn, 'decaySteps', o.decaySteps, 1);
  return (t) => {
    checkStepIndex(fn, t);
    return initial * Math.pow(rate, t / steps);
  };
}

export interface CosineDecayOptions {
  /** lr at step 0. */
  initial: number;
  /** Steps over which lr goes from initial to final (>= 1); afterwards it stays at final. */
  totalSteps: number;
  /** lr at and after totalSteps (>= 0, <= initial). */
  final: number;
}

export const cosineDecayDefaults: Readonly<CosineDecayOptions> = { initial: 0.1, totalSteps: 100, final: 0 };

/** Cosine annealing (Loshchilov & Hutter): lr_t = final + (initial - final) (1 + cos(pi min(t, T) / T)) / 2. */
export function cosineDecay(options: Partial<CosineDecayOptions> = {}): Schedule {
  const fn = 'cosineDecay';
  const o = withDefaults(fn, options, cosineDecayDefaults);
  const initial = checkReal(fn, 'initial', o.initial, { min: 0 });
  const T = checkInt(fn, 'totalSteps', o.totalSteps, 1);
  const final = checkReal(fn, 'final', o.final, { min: 0, max: initial });
  return (t) => {
    checkStepIndex(fn, t);
    return final + ((initial - final) * (1 + Math.cos((Math.PI * Math.min(t, T)) / T))) / 2;
  };
}

/**
 * Linear warmup in front of a schedule: for t < warmupSteps, lr_t = after(0) * (t + 1) / warmupSteps (so the first
 * step is small but not zero and step warmupSteps - 1 reaches after(0)); from then on lr_t = after(t - warmupSteps),
 * i.e. the wrapped schedule starts its own clock when warmup ends.
 */
export function linearWarmup(after: Schedule, warmupSteps: number): Schedule {
  if (typeof after !== 'function') throw new TypeError(`linearWarmup: expected a schedule function, got ${typeof after}`);
  const W = checkInt('linearWarmup', 'warmupSteps', warmupSteps, 0);
  return (t) => {
    checkStepIndex('linearWarmup', t);
    return t < W ? (after(0) * (t + 1)) / W : after(t - W);
  };
}

/** The schedule's values at steps 0..steps-1 (for plotting). */
export function sampleSchedule(schedule: Schedule, steps: number): Float64Array {
  if (typeof schedule !== 'function') throw new TypeError(`sampleSchedule: expected a schedule function, got ${typeof schedule}`);
  checkInt('sampleSchedule', 'steps', steps, 0);
  const out = new Float64Array(steps);
  for (let t = 0; t < steps; t++) out[t] = schedule(t);
  return out;
}
