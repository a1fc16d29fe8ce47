// Adam: momentum on the gradient plus RMSProp scaling, both bias-corrected, with tfjs's conventions (epsilon outside the root).
import { checkReal, withDefaults } from '../data/check';
import { OptimizerBase } from './optimizer';

export interface AdamOptions {
  /** Step size (>= 0). */
  learningRate: number;
  /** Decay of the first-moment (mean) estimate, in [0, 1). */
  beta1: number;
  /** Decay of the second-moment (uncentered variance) estimate, in [0, 1). */
  beta2: number;
  /** Added to sqrt(v_hat) in the denominator (tfjs's default is the float32 backend epsilon, 1e-7; PyTorch uses 1e-8). */
  epsilon: number;
}

export const adamDefaults: Readonly<AdamOptions> = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/**
 * Adam (Kingma & Ba 2015) as tfjs defines it (`tf.train.adam(learningRate, beta1, beta2, epsilon)`):
 *   m_t = beta1 m_{t-1} + (1 - beta1) g_t,        v_t = beta2 v_{t-1} + (1 - beta2) g_t^2
 *   m_hat = m_t / (1 - beta1^t),                   v_hat = v_t / (1 - beta2^t)
 *   theta_t = theta_{t-1} - lr m_hat / (sqrt(v_hat) + eps)
 * m and v start at 0, so they are shrunk by the factors 1 - beta^t. Uncorrected, v is shrunk far more than m
 * (1 - beta2 = 0.001 against 1 - beta1 = 0.1 at t = 1) and the step divides by sqrt(v), so the first steps would be too
 * large: lr (1 - beta1) / sqrt(1 - beta2), about 3.16 lr with the defaults, instead of lr.
 */
export class Adam extends OptimizerBase {
  readonly name = 'adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** First-moment estimate m (biased). */
  firstMoment = new Float64Array(0);
  /** Second-moment estimate v (biased). */
  secondMoment = new Float64Array(0);

  constructor(options: Partial<AdamOptions> = {}) {
    const o = withDefaults('Adam', options, adamDefaults);
    super(o.learningRate);
    this.beta1 = checkReal('Adam', 'beta1', o.beta1, { min: 0 });
    if (this.beta1 >= 1) throw new RangeError(`Adam: expected beta1 < 1, got beta1 = ${this.beta1}`);
    this.beta2 = checkReal('Adam', 'beta2', o.beta2, { min: 0 });
    if (this.beta2 >= 1) throw new RangeError(`Adam: expected beta2 < 1, got beta2 = ${this.beta2}`);
    this.epsilon = checkReal('Adam', 'epsilon', o.epsilon, { min: 0 });
  }

  protected allocate(length: number): void {
    this.firstMoment = new Float64Array(length);
    this.secondMoment = new Float64Array(length);
  }

  protected update(params: Float64Array, grads: Float64Array, t: number): void {
    const lr = this.learningRate, b1 = this.beta1, b2 = this.beta2, eps = this.epsilon;
    const m = this.firstMoment, v = this.secondMoment;
    const c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      const mi = (m[i] = b1 * m[i] + (1 - b1) * g);
      const vi = (v[i] = b2 * v[i] + (1 - b2) * g * g);
      params[i] -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
    }
  }
}
