// Plain (stochastic) gradient descent: theta <- theta - lr * g, the update tf.train.sgd applies.
import { withDefaults } from '../data/check';
import { OptimizerBase } from './optimizer';

export interface SGDOptions {
  /** Step size (>= 0). */
  learningRate: number;
}

export const sgdDefaults: Readonly<SGDOptions> = { learningRate: 0.01 };

/**
 * Gradient descent, $\theta_{t} = \theta_{t-1} - \eta\, g_t$. "Stochastic" when g is a mini-batch gradient.
 * Matches `tf.train.sgd(learningRate)`, which computes value + (-lr) * g.
 */
export class SGD extends OptimizerBase {
  readonly name = 'sgd';

  constructor(options: Partial<SGDOptions> = {}) {
    super(withDefaults('SGD', options, sgdDefaults).learningRate);
  }

  protected allocate(): void {}

  protected update(params: Float64Array, grads: Float64Array): void {
    const lr = this.learningRate;
    for (let i = 0; i < params.length; i++) params[i] -= lr * grads[i];
  }
}
