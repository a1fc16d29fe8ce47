// Gradient descent with (heavy-ball or Nesterov) momentum, in the convention of tf.train.momentum: v <- mu v + g; theta <- theta - lr v.
import { checkReal, withDefaults } from '../data/check';
import { OptimizerBase } from './optimizer';

export interface MomentumOptions {
  /** Step size (>= 0). */
  learningRate: number;
  /** Momentum coefficient mu in [0, 1); 0 gives plain SGD. */
  momentum: number;
  /** Nesterov's look-ahead variant. */
  nesterov: boolean;
}

export const momentumDefaults: Readonly<MomentumOptions> = { learningRate: 0.01, momentum: 0.9, nesterov: false };

/**
 * Momentum, as tfjs (and TensorFlow's MomentumOptimizer) define it: the velocity accumulates raw gradients and the
 * learning rate multiplies it at the update,
 *   v_t = mu v_{t-1} + g_t,   theta_t = theta_{t-1} - lr v_t.
 * With `nesterov` the step looks ahead along the new velocity (tfjs `useNesterov`):
 *   theta_t = theta_{t-1} - lr (g_t + mu v_t).
 * The other common convention (v_t = mu v_{t-1} - lr g_t, theta_t = theta_{t-1} + v_t) is the same sequence of
 * parameters as long as the learning rate is constant (its v is -lr times this v); it differs when lr changes mid-run.
 * Matches `tf.train.momentum(learningRate, momentum, useNesterov)`.
 */
export class Momentum extends OptimizerBase {
  readonly name: string;
  readonly momentum: number;
  readonly nesterov: boolean;
  /** The velocity v (length p after the first step). */
  velocity = new Float64Array(0);

  constructor(options: Partial<MomentumOptions> = {}) {
    const o = withDefaults('Momentum', options, momentumDefaults);
    super(o.learningRate);
    this.momentum = checkReal('Momentum', 'momentum', o.momentum, { min: 0 });
    if (this.momentum >= 1) throw new RangeError(`Momentum: expected momentum < 1, got momentum = ${this.momentum}`);
    if (typeof o.nesterov !== 'boolean') throw new TypeError(`Momentum: expected nesterov to be a boolean, got ${typeof o.nesterov}`);
    this.nesterov = o.nesterov;
    this.name = o.nesterov ? 'nesterov' : 'momentum';
  }

  protected allocate(length: number): void {
    this.velocity = new Float64Array(length);
  }

  protected update(params: Float64Array, grads: Float64Array): void {
    const lr = this.learningRate, mu = this.momentum, v = this.velocity;
    if (this.nesterov) {
      for (let i = 0; i < params.length; i++) {
        const g = grads[i];
        const vi = (v[i] = mu * v[i] + g);
        params[i] -= lr * (g + mu * vi);
      }
    } else {
      for (let i = 0; i < params.length; i++) {
        const vi = (v[i] = mu * v[i] + grads[i]);
        params[i] -= lr * vi;
      }
    }
  }
}
