// The Optimizer interface shared by lib/optim (step(params, grads) on one flat Float64Array, in place), its base class, and a path runner.
import { checkInt, checkReal } from '../data/check';
import { asVector, type Matrix } from '../core/matrix';
import type { Schedule } from './schedules';

/**
 * A first-order optimizer. Parameters live in one flat Float64Array (a model concatenates all its weights and biases);
 * `step` updates them in place from the gradient of the loss at the current parameters. Optimizers with state
 * (velocity, moment estimates) size it on the first step and keep it until `reset()`.
 */
export interface Optimizer {
  /** e.g. "adam". */
  readonly name: string;
  /** The step size used by the next `step`; a schedule changes it between steps. */
  learningRate: number;
  /** Steps taken since construction or the last reset (Adam's bias correction uses it). */
  readonly iterations: number;
  /**
   * One update: params <- params - (update computed from grads and the optimizer's state).
   * @param params - length p, changed in place
   * @param grads - length p, dLoss/dparams at `params` (not changed)
   * @throws TypeError when either is not a Float64Array; RangeError for mismatched or changing lengths, or a NaN/infinite gradient
   */
  step(params: Float64Array, grads: Float64Array): void;
  /** Forgets the state (velocities, moments, iteration count). */
  reset(): void;
}

/** Shared bookkeeping: argument checks, lazily sized state, the iteration counter and a checked learning rate. */
export abstract class OptimizerBase implements Optimizer {
  abstract readonly name: string;
  private lr: number;
  private t = 0;
  /** Length of the parameter vector the state was sized for (-1 before the first step). */
  protected size = -1;

  protected constructor(learningRate: number) {
    this.lr = checkLearningRate(learningRate);
  }

  get learningRate(): number { return this.lr; }
  set learningRate(value: number) { this.lr = checkLearningRate(value); }
  get iterations(): number { return this.t; }

  step(params: Float64Array, grads: Float64Array): void {
    checkStep(this.name, params, grads, this.size);
    if (this.size < 0) {
      this.size = params.length;
      this.allocate(params.length);
    }
    this.t++;
    this.update(params, grads, this.t);
  }

  reset(): void {
    this.size = -1;
    this.t = 0;
    this.allocate(0);
  }

  /** Creates (or, with length 0, drops) the state arrays. */
  protected abstract allocate(length: number): void;
  /** The update itself; `t` is the 1-based number of this step. */
  protected abstract update(params: Float64Array, grads: Float64Array, t: number): void;
}

function checkLearningRate(lr: unknown): number {
  return checkReal('optimizer', 'learningRate', lr, { min: 0 });
}

/**
 * Checks one `step` call.
 * @param stateLength - the length the optimizer's state was sized for, or -1 before the first step
 */
export function checkStep(name: string, params: unknown, grads: unknown, stateLength: number): void {
  if (!(params instanceof Float64Array)) throw new TypeError(`${name}.step: expected params to be a Float64Array, got ${describe(params)}`);
  if (!(grads instanceof Float64Array)) throw new TypeError(`${name}.step: expected grads to be a Float64Array, got ${describe(grads)}`);
  if (params.length === 0) throw new RangeError(`${name}.step: expected at least 1 parameter, got 0`);
  if (grads.length !== params.length) throw new RangeError(`${name}.step: expected grads of length ${params.length} (one per parameter), got ${grads.length}`);
  if (stateLength >= 0 && params.length !== stateLength) {
    throw new RangeError(`${name}.step: expected ${stateLength} parameters (the state was sized on the first step; call reset() for a new model), got ${params.length}`);
  }
  for (let i = 0; i < grads.length; i++) {
    if (!Number.isFinite(grads[i])) throw new RangeError(`${name}.step: expected finite gradients, got ${grads[i]} at index ${i}`);
  }
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}

/** A differentiable function of a parameter vector: what the optimizers minimise in the 2-D demos. */
export interface Objective {
  /** Number of parameters. */
  readonly dim: number;
  value(x: Float64Array): number;
  /** Writes the gradient at x into `out` (length dim) and returns it. */
  gradient(x: Float64Array, out: Float64Array): Float64Array;
}

export interface PathOptions {
  /** Optimizer steps to take. */
  steps: number;
  /** Learning rate as a function of the 0-based step; default: the optimizer's own, unchanged. */
  schedule: Schedule | undefined;
  /** Stop early when the value exceeds this (a diverging run); default Infinity. */
  divergeAbove: number;
}

export const pathDefaults: Readonly<PathOptions> = { steps: 100, schedule: undefined, divergeAbove: Infinity };

export interface OptimizationPath {
  /** (steps + 1) x dim: row 0 is the start, row t the parameters after t steps (fewer rows when stopped early). */
  path: Matrix;
  /** The objective at every row of `path`. */
  values: Float64Array;
}

/**
 * Runs an optimizer on an objective from x0 and records every iterate: the trajectories drawn over a contour plot.
 * The optimizer is used as given (call `reset()` first to start it fresh).
 * @param x0 - length dim, the starting point (not changed)
 */
export function optimizePath(optimizer: Optimizer, objective: Objective, x0: ArrayLike<number>, options: Partial<PathOptions> = {}): OptimizationPath {
  const o = { ...pathDefaults, ...options };
  const steps = checkInt('optimizePath', 'steps', o.steps, 0);
  const d = objective.dim;
  const x = asVector(x0, 'x0', d).slice();
  const g = new Float64Array(d);
  const path = new Float64Array((steps + 1) * d);
  const values = new Float64Array(steps + 1);
  path.set(x, 0);
  values[0] = objective.value(x);
  let rows = 1;
  for (let t = 0; t < steps; t++) {
    if (o.schedule) optimizer.learningRate = o.schedule(t);
    objective.gradient(x, g);
    optimizer.step(x, g);
    path.set(x, rows * d);
    values[rows] = objective.value(x);
    rows++;
    if (!(values[rows - 1] <= o.divergeAbove)) break;
  }
  return { path: { rows, cols: d, data: path.slice(0, rows * d) }, values: values.slice(0, rows) };
}
