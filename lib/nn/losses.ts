// Loss functions with their gradients w.r.t. predictions or logits: MSE, binary cross-entropy (probabilities and logits), softmax cross-entropy (log-sum-exp), hinge, Huber.
import { asMatrix, type Matrix, type MatrixLike } from '../core/matrix';
import { sigmoid, softplus } from '../linear/logistic-regression';
import { asClassLabels } from '../linear/softmax-regression';

/** A loss value and its gradient. */
export interface LossResult {
  /** The mean loss. */
  loss: number;
  /** dLoss/d(input), the same length (and layout) as the predictions or logits. */
  grad: Float64Array;
}

function asValues(v: unknown, name: string): ArrayLike<number> {
  if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) return v as ArrayLike<number>;
  throw new TypeError(`expected ${name} to be an array or typed array of numbers, got ${v === null ? 'null' : typeof v}`);
}

/** Checks a prediction/target pair (same non-zero length, finite) and the optional gradient buffer. */
function checkPair(fn: string, pred: unknown, target: unknown, grad: Float64Array | undefined): { p: ArrayLike<number>; y: ArrayLike<number>; g: Float64Array } {
  const p = asValues(pred, 'predictions');
  const y = asValues(target, 'targets');
  if (p.length === 0) throw new RangeError(`${fn}: expected at least 1 prediction, got 0`);
  if (y.length !== p.length) throw new RangeError(`${fn}: expected ${p.length} targets (one per prediction), got ${y.length}`);
  for (let i = 0; i < p.length; i++) {
    if (typeof p[i] !== 'number') throw new TypeError(`${fn}: expected numeric predictions, got ${typeof p[i]} at index ${i}`);
    if (typeof y[i] !== 'number') throw new TypeError(`${fn}: expected numeric targets, got ${typeof y[i]} at index ${i}`);
    if (!Number.isFinite(p[i])) throw new RangeError(`${fn}: expected finite predictions, got ${p[i]} at index ${i}`);
    if (!Number.isFinite(y[i])) throw new RangeError(`${fn}: expected finite targets, got ${y[i]} at index ${i}`);
  }
  return { p, y, g: gradBuffer(fn, grad, p.length) };
}

function gradBuffer(fn: string, grad: Float64Array | undefined, n: number): Float64Array {
  if (grad === undefined) return new Float64Array(n);
  if (!(grad instanceof Float64Array)) throw new TypeError(`${fn}: expected grad to be a Float64Array`);
  if (grad.length !== n) throw new RangeError(`${fn}: expected grad of length ${n}, got ${grad.length}`);
  return grad;
}

/**
 * Mean squared error L = (1/N) sum_i (p_i - y_i)^2 over all N entries (tf.losses.meanSquaredError's reduction);
 * dL/dp_i = 2 (p_i - y_i) / N.
 * @param grad - optional output buffer for the gradient (length N)
 */
export function mse(predictions: ArrayLike<number>, targets: ArrayLike<number>, grad?: Float64Array): LossResult {
  const { p, y, g } = checkPair('mse', predictions, targets, grad);
  const N = p.length;
  let s = 0;
  for (let i = 0; i < N; i++) {
    const r = p[i] - y[i];
    s += r * r;
    g[i] = (2 * r) / N;
  }
  return { loss: s / N, grad: g };
}

function checkBinaryTargets(fn: string, y: ArrayLike<number>): void {
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] >= 0 && y[i] <= 1)) throw new RangeError(`${fn}: expected targets in [0, 1], got ${y[i]} at index ${i}`);
  }
}

/**
 * Binary cross-entropy on probabilities, as tf.losses.logLoss computes it:
 * L = -(1/N) sum_i [y_i log(p_i + eps) + (1 - y_i) log(1 - p_i + eps)],
 * dL/dp_i = (-y_i / (p_i + eps) + (1 - y_i) / (1 - p_i + eps)) / N. The eps keeps log(0) finite; prefer
 * {@link binaryCrossEntropyWithLogits}, which never needs it.
 * @param probabilities - p in [0, 1]
 * @param targets - y in [0, 1] (usually 0 or 1)
 */
export function binaryCrossEntropy(probabilities: ArrayLike<number>, targets: ArrayLike<number>, grad?: Float64Array, epsilon = 1e-7): LossResult {
  const fn = 'binaryCrossEntropy';
  const { p, y, g } = checkPair(fn, probabilities, targets, grad);
  checkBinaryTargets(fn, y);
  for (let i = 0; i < p.length; i++) if (!(p[i] >= 0 && p[i] <= 1)) throw new RangeError(`${fn}: expected probabilities in [0, 1], got ${p[i]} at index ${i}`);
  if (!(epsilon >= 0)) throw new RangeError(`${fn}: expected epsilon >= 0, got epsilon = ${epsilon}`);
  const N = p.length;
  let s = 0;
  for (let i = 0; i < N; i++) {
    const a = p[i] + epsilon, b = 1 - p[i] + epsilon;
    s -= y[i] * Math.log(a) + (1 - y[i]) * Math.log(b);
    g[i] = (-y[i] / a + (1 - y[i]) / b) / N;
  }
  return { loss: s / N, grad: g };
}

/**
 * Binary cross-entropy on logits z (p = sigma(z)), computed stably as softplus(z) - y z (tf.losses.sigmoidCrossEntropy):
 * L = (1/N) sum_i [log(1 + e^{z_i}) - y_i z_i],  dL/dz_i = (sigma(z_i) - y_i) / N.
 */
export function binaryCrossEntropyWithLogits(logits: ArrayLike<number>, targets: ArrayLike<number>, grad?: Float64Array): LossResult {
  const fn = 'binaryCrossEntropyWithLogits';
  const { p: z, y, g } = checkPair(fn, logits, targets, grad);
  checkBinaryTargets(fn, y);
  const N = z.length;
  let s = 0;
  for (let i = 0; i < N; i++) {
    s += softplus(z[i]) - y[i] * z[i];
    g[i] = (sigmoid(z[i]) - y[i]) / N;
  }
  return { loss: s / N, grad: g };
}

/**
 * Softmax cross-entropy over n rows of K logits with integer labels, stabilised by log-sum-exp:
 * L = (1/n) sum_i [logsumexp(z_i) - z_{i, y_i}],   dL/dz_{ik} = (p_{ik} - [k = y_i]) / n,   p_i = softmax(z_i).
 * @param logits - n x K (a Matrix, or rows)
 * @param labels - length n, class indices in 0..K-1
 * @param grad - optional n*K output buffer (row-major, like the logits)
 */
export function softmaxCrossEntropy(logits: MatrixLike, labels: ArrayLike<number>, grad?: Float64Array): LossResult {
  const fn = 'softmaxCrossEntropy';
  const Z: Matrix = asMatrix(logits, 'logits');
  if (Z.rows === 0) throw new RangeError(`${fn}: expected at least 1 row of logits, got 0`);
  if (Z.cols === 0) throw new RangeError(`${fn}: expected at least 1 class, got 0 columns`);
  const { labels: y } = asClassLabels(labels, Z.rows, Z.cols);
  const g = gradBuffer(fn, grad, Z.rows * Z.cols);
  return softmaxCrossEntropyUnchecked(Z.data, y, Z.rows, Z.cols, g);
}

/** {@link softmaxCrossEntropy} on raw row-major buffers, without argument checks (the MLP's inner loop). */
export function softmaxCrossEntropyUnchecked(z: Float64Array, y: ArrayLike<number>, n: number, K: number, g: Float64Array): LossResult {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const base = i * K;
    let m = -Infinity;
    for (let k = 0; k < K; k++) if (z[base + k] > m) m = z[base + k];
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (g[base + k] = Math.exp(z[base + k] - m));
    const lse = m + Math.log(sum);
    s += lse - z[base + y[i]];
    for (let k = 0; k < K; k++) g[base + k] /= sum * n;
    g[base + y[i]] -= 1 / n;
  }
  return { loss: s / n, grad: g };
}

/**
 * Hinge loss for labels y in {-1, +1} and real scores s: L = (1/N) sum_i max(0, 1 - y_i s_i). Its subgradient is
 * -y_i / N where the margin y_i s_i < 1, and 0 elsewhere (0 is taken at the kink y s = 1, as tfjs's relu does).
 * (tf.losses.hingeLoss takes labels in {0, 1} and maps them to 2y - 1.)
 */
export function hinge(scores: ArrayLike<number>, labels: ArrayLike<number>, grad?: Float64Array): LossResult {
  const fn = 'hinge';
  const { p: s, y, g } = checkPair(fn, scores, labels, grad);
  for (let i = 0; i < y.length; i++) if (y[i] !== 1 && y[i] !== -1) throw new RangeError(`${fn}: expected labels -1 or +1, got ${y[i]} at index ${i}`);
  const N = s.length;
  let total = 0;
  for (let i = 0; i < N; i++) {
    const margin = 1 - y[i] * s[i];
    if (margin > 0) {
      total += margin;
      g[i] = -y[i] / N;
    } else g[i] = 0;
  }
  return { loss: total / N, grad: g };
}

/**
 * Huber loss with threshold delta: per entry 0.5 r^2 for |r| <= delta and delta (|r| - 0.5 delta) beyond, r = p - y;
 * mean over N. Quadratic near 0 (like MSE), linear in the tails (like MAE, robust to outliers);
 * dL/dp = clip(r, -delta, delta) / N. Matches tf.losses.huberLoss(labels, predictions, undefined, delta).
 */
export function huber(predictions: ArrayLike<number>, targets: ArrayLike<number>, delta = 1, grad?: Float64Array): LossResult {
  const fn = 'huber';
  if (typeof delta !== 'number') throw new TypeError(`${fn}: expected delta to be a number, got ${typeof delta}`);
  if (!(delta > 0) || !Number.isFinite(delta)) throw new RangeError(`${fn}: expected a finite delta > 0, got delta = ${delta}`);
  const { p, y, g } = checkPair(fn, predictions, targets, grad);
  const N = p.length;
  let s = 0;
  for (let i = 0; i < N; i++) {
    const r = p[i] - y[i];
    const a = Math.abs(r);
    if (a <= delta) {
      s += 0.5 * r * r;
      g[i] = r / N;
    } else {
      s += delta * (a - 0.5 * delta);
      g[i] = (r > 0 ? delta : -delta) / N;
    }
  }
  return { loss: s / N, grad: g };
}
