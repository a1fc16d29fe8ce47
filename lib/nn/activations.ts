// Activation functions (identity, sigmoid, tanh, ReLU, leaky ReLU, GELU exact and tanh-approximated) and their derivatives, scalar and in place on typed arrays.
import { sigmoid } from '../linear/logistic-regression';
import { erf, erfc, normalCdf } from '../stats/normal';

// erf, erfc and the normal CDF live in lib/stats/normal.ts (one implementation); GELU uses them and they are re-exported here.
export { sigmoid, erf, erfc, normalCdf };

export type ActivationName = 'identity' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'gelu' | 'geluTanh';

export const ACTIVATIONS: readonly ActivationName[] = ['identity', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'gelu', 'geluTanh'];

export interface ActivationOptions {
  /** Slope of leaky ReLU for z <= 0 (PyTorch's default 0.01; tfjs's tf.leakyRelu defaults to 0.2). */
  alpha: number;
}

export const activationDefaults: Readonly<ActivationOptions> = { alpha: 0.01 };

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const GELU_C = 0.044715;

/** sigma'(z) = sigma(z) (1 - sigma(z)); at most 1/4 (at z = 0), which is why deep sigmoid stacks shrink gradients. */
export function sigmoidPrime(z: number): number {
  const s = sigmoid(z);
  return s * (1 - s);
}

/** tanh'(z) = 1 - tanh(z)^2; at most 1 (at z = 0). */
export function tanhPrime(z: number): number {
  const t = Math.tanh(z);
  return 1 - t * t;
}

/** max(0, z). */
export function relu(z: number): number {
  return z > 0 ? z : 0;
}

/** 1 for z > 0, else 0 (the value 0 at z = 0 is the convention tfjs's gradient uses too). */
export function reluPrime(z: number): number {
  return z > 0 ? 1 : 0;
}

/** z for z > 0, alpha z otherwise. */
export function leakyRelu(z: number, alpha = activationDefaults.alpha): number {
  return z > 0 ? z : alpha * z;
}

/** 1 for z > 0, alpha otherwise (alpha at 0, as in tfjs). */
export function leakyReluPrime(z: number, alpha = activationDefaults.alpha): number {
  return z > 0 ? 1 : alpha;
}

/** GELU(z) = z Phi(z), the exact form (Hendrycks & Gimpel), as tfjs-layers' 'gelu' activation computes it. */
export function gelu(z: number): number {
  return z * normalCdf(z);
}

/** GELU'(z) = Phi(z) + z phi(z), with phi the standard normal density. */
export function geluPrime(z: number): number {
  return normalCdf(z) + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** The tanh approximation 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))) used by GPT-2/BERT (tfjs-layers' 'gelu_new'). */
export function geluTanh(z: number): number {
  return 0.5 * z * (1 + Math.tanh(SQRT_2_OVER_PI * (z + GELU_C * z * z * z)));
}

/** Derivative of {@link geluTanh}: 0.5 (1 + t) + 0.5 z (1 - t^2) sqrt(2/pi) (1 + 3 0.044715 z^2), t = tanh(u). */
export function geluTanhPrime(z: number): number {
  const t = Math.tanh(SQRT_2_OVER_PI * (z + GELU_C * z * z * z));
  return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_C * z * z);
}

function checkName(name: unknown): asserts name is ActivationName {
  if (typeof name !== 'string') throw new TypeError(`expected an activation name (${ACTIVATIONS.join(', ')}), got ${typeof name}`);
  if (!ACTIVATIONS.includes(name as ActivationName)) throw new RangeError(`unknown activation "${name}" (known: ${ACTIVATIONS.join(', ')})`);
}

function checkAlpha(alpha: unknown): number {
  if (typeof alpha !== 'number') throw new TypeError(`expected alpha to be a number, got ${typeof alpha}`);
  if (!Number.isFinite(alpha) || alpha < 0) throw new RangeError(`expected a finite alpha >= 0, got alpha = ${alpha}`);
  return alpha;
}

function prepare(z: ArrayLike<number>, out: Float64Array | undefined): Float64Array {
  if (typeof z !== 'object' || z === null || typeof (z as ArrayLike<number>).length !== 'number') throw new TypeError('expected z to be an array or typed array of numbers');
  if (out === undefined) return new Float64Array(z.length);
  if (!(out instanceof Float64Array)) throw new TypeError('expected out to be a Float64Array');
  if (out.length !== z.length) throw new RangeError(`expected out of length ${z.length}, got ${out.length}`);
  return out;
}

/**
 * f(z) element by element: `out[i] = f(z[i])`. `out` may be `z` itself (in place). One switch outside the loop, no
 * allocation inside it.
 * @returns out (a new Float64Array when not given)
 */
export function activate(name: ActivationName, z: ArrayLike<number>, out?: Float64Array, options: Partial<ActivationOptions> = {}): Float64Array {
  checkName(name);
  const alpha = checkAlpha(options.alpha ?? activationDefaults.alpha);
  const o = prepare(z, out);
  const n = z.length;
  switch (name) {
    case 'identity': for (let i = 0; i < n; i++) o[i] = z[i]; break;
    case 'sigmoid': for (let i = 0; i < n; i++) o[i] = sigmoid(z[i]); break;
    case 'tanh': for (let i = 0; i < n; i++) o[i] = Math.tanh(z[i]); break;
    case 'relu': for (let i = 0; i < n; i++) { const v = z[i]; o[i] = v > 0 ? v : 0; } break;
    case 'leakyRelu': for (let i = 0; i < n; i++) { const v = z[i]; o[i] = v > 0 ? v : alpha * v; } break;
    case 'gelu': for (let i = 0; i < n; i++) o[i] = gelu(z[i]); break;
    case 'geluTanh': for (let i = 0; i < n; i++) o[i] = geluTanh(z[i]); break;
  }
  return o;
}

/**
 * f'(z) element by element, from the pre-activation z: `out[i] = f'(z[i])`. `out` may be `z` itself.
 * @returns out (a new Float64Array when not given)
 */
export function activationDerivative(name: ActivationName, z: ArrayLike<number>, out?: Float64Array, options: Partial<ActivationOptions> = {}): Float64Array {
  checkName(name);
  const alpha = checkAlpha(options.alpha ?? activationDefaults.alpha);
  const o = prepare(z, out);
  const n = z.length;
  switch (name) {
    case 'identity': o.fill(1); break;
    case 'sigmoid': for (let i = 0; i < n; i++) { const s = sigmoid(z[i]); o[i] = s * (1 - s); } break;
    case 'tanh': for (let i = 0; i < n; i++) { const t = Math.tanh(z[i]); o[i] = 1 - t * t; } break;
    case 'relu': for (let i = 0; i < n; i++) o[i] = z[i] > 0 ? 1 : 0; break;
    case 'leakyRelu': for (let i = 0; i < n; i++) o[i] = z[i] > 0 ? 1 : alpha; break;
    case 'gelu': for (let i = 0; i < n; i++) o[i] = geluPrime(z[i]); break;
    case 'geluTanh': for (let i = 0; i < n; i++) o[i] = geluTanhPrime(z[i]); break;
  }
  return o;
}

/**
 * Multiplies `delta` in place by f'(z), the step delta^l = (W^{l+1})^T delta^{l+1} (*) f'(z^l) of backpropagation,
 * without a temporary array.
 */
export function multiplyByDerivative(name: ActivationName, z: ArrayLike<number>, delta: Float64Array, options: Partial<ActivationOptions> = {}): Float64Array {
  checkName(name);
  const alpha = checkAlpha(options.alpha ?? activationDefaults.alpha);
  if (!(delta instanceof Float64Array)) throw new TypeError('expected delta to be a Float64Array');
  if (delta.length !== z.length) throw new RangeError(`expected delta of length ${z.length}, got ${delta.length}`);
  const n = z.length;
  switch (name) {
    case 'identity': break;
    case 'sigmoid': for (let i = 0; i < n; i++) { const s = sigmoid(z[i]); delta[i] *= s * (1 - s); } break;
    case 'tanh': for (let i = 0; i < n; i++) { const t = Math.tanh(z[i]); delta[i] *= 1 - t * t; } break;
    case 'relu': for (let i = 0; i < n; i++) if (!(z[i] > 0)) delta[i] = 0; break;
    case 'leakyRelu': for (let i = 0; i < n; i++) if (!(z[i] > 0)) delta[i] *= alpha; break;
    case 'gelu': for (let i = 0; i < n; i++) delta[i] *= geluPrime(z[i]); break;
    case 'geluTanh': for (let i = 0; i < n; i++) delta[i] *= geluTanhPrime(z[i]); break;
  }
  return delta;
}

/** The scalar function and derivative for a name (for plotting and small examples). */
export function scalarActivation(name: ActivationName, options: Partial<ActivationOptions> = {}): { f: (z: number) => number; df: (z: number) => number } {
  checkName(name);
  const alpha = checkAlpha(options.alpha ?? activationDefaults.alpha);
  switch (name) {
    case 'identity': return { f: (z) => z, df: () => 1 };
    case 'sigmoid': return { f: sigmoid, df: sigmoidPrime };
    case 'tanh': return { f: Math.tanh, df: tanhPrime };
    case 'relu': return { f: relu, df: reluPrime };
    case 'leakyRelu': return { f: (z) => leakyRelu(z, alpha), df: (z) => leakyReluPrime(z, alpha) };
    case 'gelu': return { f: gelu, df: geluPrime };
    case 'geluTanh': return { f: geluTanh, df: geluTanhPrime };
  }
}
