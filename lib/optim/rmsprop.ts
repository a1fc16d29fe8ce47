// RMSProp: divide the step by a running root-mean-square of recent gradients, with tfjs's conventions (epsilon inside the root, optional momentum).
import { checkReal, withDefaults } from '../data/check';
import { OptimizerBase } from './optimizer';

export interface RMSPropOptions {
  /** Step size (>= 0). */
  learningRate: number;
  /** Decay rho of the running mean of squared gradients, in [0, 1). */
  decay: number;
  /** Momentum on the scaled step, in [0, 1); 0 = none. */
  momentum: number;
  /** Added to the mean square inside the square root (tfjs's default is the float32 backend epsilon, 1e-7). */
  epsilon: number;
}

export const rmspropDefaults: Readonly<RMSPropOptions> = { learningRate: 0.001, decay: 0.9, momentum: 0, epsilon: 1e-7 };

/**
 * RMSProp as tfjs defines it (`tf.train.rmsprop(learningRate, decay, momentum, epsilon)`, not centered):
 *   s_t = rho s_{t-1} + (1 - rho) g_t^2
 *   m_t = mu m_{t-1} + lr g_t / sqrt(s_t + eps)
 *   theta_t = theta_{t-1} - m_t
 * Note the epsilon sits inside the square root (Keras and PyTorch put it outside, sqrt(s) + eps); with mu = 0 this is
 * the textbook update theta -= lr g / sqrt(s + eps). s starts at 0 (no bias correction, unlike Adam).
 */
export class RMSProp extends OptimizerBase {
  readonly name = 'rmsprop';
  readonly decay: number;
  readonly momentum: number;
  readonly epsilon: number;
  /** Running mean of squared gradients s. */
  meanSquare = new Float64Array(0);
  /** The momentum buffer m (stays 0 when momentum = 0). */
  moment = new Float64Array(0);

  constructor(options: Partial<RMSPropOptions> = {}) {
    const o = withDefaults('RMSProp', options, rmspropDefaults);
    super(o.learningRate);
    this.decay = checkReal('RMSProp', 'decay', o.decay, { min: 0 });
    if (this.decay >= 1) throw new RangeError(`RMSProp: expected decay < 1, got decay = ${this.decay}`);
    this.momentum = checkReal('RMSProp', 'momentum', o.momentum, { min: 0 });
    if (this.momentum >= 1) throw new RangeError(`RMSProp: expected momentum < 1, got momentum = ${this.momentum}`);
    this.epsilon = checkReal('RMSProp', 'epsilon', o.epsilon, { min: 0 });
  }

  protected allocate(length: number): void {
    this.meanSquare = new Float64Array(length);
    this.moment = new Float64Array(length);
  }

  protected update(params: Float64Array, grads: Float64Array): void {
    const lr = this.learningRate, rho = this.decay, mu = this.momentum, eps = this.epsilon;
    const s = this.meanSquare, m = this.moment;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      const si = (s[i] = rho * s[i] + (1 - rho) * g * g);
      const mi = (m[i] = mu * m[i] + (lr * g) / Math.sqrt(si + eps));
      params[i] -= mi;
    }
  }
}
