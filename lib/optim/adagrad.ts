// Adagrad: per-parameter step lr / sqrt(sum of all past squared gradients), with tfjs's conventions (initial accumulator, epsilon inside the root).
import { checkReal, withDefaults } from '../data/check';
import { OptimizerBase } from './optimizer';

export interface AdagradOptions {
  /** Step size (>= 0). */
  learningRate: number;
  /** Starting value of the squared-gradient sum (tfjs default 0.1). */
  initialAccumulatorValue: number;
  /** Added inside the square root (tfjs uses the float32 backend epsilon, 1e-7). */
  epsilon: number;
}

export const adagradDefaults: Readonly<AdagradOptions> = { learningRate: 0.01, initialAccumulatorValue: 0.1, epsilon: 1e-7 };

/**
 * Adagrad (Duchi et al. 2011) as tfjs defines it (`tf.train.adagrad(learningRate, initialAccumulatorValue)`):
 *   G_t = G_{t-1} + g_t^2 (G_0 = initialAccumulatorValue),   theta_t = theta_{t-1} - lr g_t / sqrt(G_t + eps).
 * The sum only grows, so every coordinate's step size only shrinks: good for sparse features, too cautious for long
 * non-convex training (which is what RMSProp's decaying average fixes).
 */
export class Adagrad extends OptimizerBase {
  readonly name = 'adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  /** The running sum G of squared gradients. */
  accumulator = new Float64Array(0);

  constructor(options: Partial<AdagradOptions> = {}) {
    const o = withDefaults('Adagrad', options, adagradDefaults);
    super(o.learningRate);
    this.initialAccumulatorValue = checkReal('Adagrad', 'initialAccumulatorValue', o.initialAccumulatorValue, { min: 0 });
    this.epsilon = checkReal('Adagrad', 'epsilon', o.epsilon, { min: 0 });
  }

  protected allocate(length: number): void {
    this.accumulator = new Float64Array(length).fill(this.initialAccumulatorValue);
  }

  protected update(params: Float64Array, grads: Float64Array): void {
    const lr = this.learningRate, eps = this.epsilon, G = this.accumulator;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      const Gi = (G[i] += g * g);
      params[i] -= (lr * g) / Math.sqrt(Gi + eps);
    }
  }
}
