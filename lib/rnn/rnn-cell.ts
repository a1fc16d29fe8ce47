// Vanilla (Elman) RNN cell h_t = tanh(x_t W_x + h_{t-1} W_h + b): forward over a sequence and backpropagation through time.
import { asMatrix, asVector, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom } from '../core/random';

/**
 * Weights of a vanilla RNN with input size d and H hidden units, in tfjs's `simpleRNN` layout (row vectors:
 * h_t = tanh(x_t K + h_{t-1} R + b)), so `layer.setWeights([kernel, recurrentKernel, bias])` loads them unchanged.
 */
export interface RnnParams {
  /** d x H input weights (tfjs: `kernel`). */
  kernel: Matrix;
  /** H x H recurrent weights (tfjs: `recurrentKernel`). */
  recurrentKernel: Matrix;
  /** H biases. */
  bias: Float64Array;
}

/** Everything the backward pass needs from the forward pass. */
export interface RnnForward {
  /** T x d inputs. */
  xs: Matrix;
  /** T x H hidden states h_1 .. h_T (row t is h_{t+1} in 1-based notation). */
  hs: Matrix;
  /** The initial state h_0 (H values). */
  h0: Float64Array;
}

/** Gradients of a loss with respect to the weights, the inputs and the initial state. */
export interface RnnGradients {
  kernel: Matrix;
  recurrentKernel: Matrix;
  bias: Float64Array;
  /** T x d: dL/dx_t for every step (how much each input matters). */
  xs: Matrix;
  /** dL/dh_0. */
  h0: Float64Array;
}

export interface RnnInitOptions {
  /** Scale of the recurrent weights: R has N(0, (scale^2) / H) entries, so its spectral radius is about `scale`. */
  recurrentScale: number;
  /** Scale of the input weights: K has N(0, (scale^2) / d) entries. */
  inputScale: number;
  /** Seed; default forked from the global seed. */
  seed: number | undefined;
}

export const rnnInitDefaults: Readonly<RnnInitOptions> = { recurrentScale: 1, inputScale: 1, seed: undefined };

/**
 * Random RNN weights, zero bias. A random H x H Gaussian matrix with entry variance s^2 / H has spectral radius about
 * s, which decides whether signals and gradients shrink (s < 1) or grow (s > 1) as they pass through time.
 */
export function initRnnParams(inputSize: number, hiddenSize: number, options: Partial<RnnInitOptions> = {}): RnnParams {
  const o = { ...rnnInitDefaults, ...options };
  positiveInt('inputSize', inputSize);
  positiveInt('hiddenSize', hiddenSize);
  if (!(o.recurrentScale >= 0) || !(o.inputScale >= 0)) throw new RangeError(`expected non-negative scales, got recurrentScale = ${o.recurrentScale}, inputScale = ${o.inputScale}`);
  const rng = rngFrom(o.seed);
  const kernel = matrix(inputSize, hiddenSize, Float64Array.from({ length: inputSize * hiddenSize }, () => rng.normal(0, o.inputScale / Math.sqrt(inputSize))));
  const recurrentKernel = matrix(hiddenSize, hiddenSize, Float64Array.from({ length: hiddenSize * hiddenSize }, () => rng.normal(0, o.recurrentScale / Math.sqrt(hiddenSize))));
  return { kernel, recurrentKernel, bias: new Float64Array(hiddenSize) };
}

function positiveInt(name: string, v: number): void {
  if (typeof v !== 'number') throw new TypeError(`expected ${name} to be a number, got ${typeof v}`);
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`expected ${name} >= 1, got ${name} = ${v}`);
}

/** Checks the shapes of RNN weights; returns [d, H]. */
export function checkRnnParams(params: RnnParams): [number, number] {
  if (typeof params !== 'object' || params === null) throw new TypeError('expected RNN params {kernel, recurrentKernel, bias}');
  const K = asMatrix(params.kernel, 'kernel'), R = asMatrix(params.recurrentKernel, 'recurrentKernel');
  const H = K.cols;
  if (R.rows !== H || R.cols !== H) throw new RangeError(`expected recurrentKernel ${H} x ${H}, got ${R.rows} x ${R.cols}`);
  asVector(params.bias, 'bias', H);
  return [K.rows, H];
}

/**
 * Runs the cell over a sequence: h_t = tanh(x_t K + h_{t-1} R + b) for t = 1..T.
 * @param xs - T x d inputs, one row per time step
 * @param h0 - initial state (default zeros)
 */
export function rnnForward(params: RnnParams, xs: MatrixLike, h0?: ArrayLike<number>): RnnForward {
  const [d, H] = checkRnnParams(params);
  const X = asMatrix(xs, 'xs');
  if (X.rows === 0) throw new RangeError('expected at least 1 time step, got 0');
  if (X.cols !== d) throw new RangeError(`expected xs with ${d} columns (the input size), got ${X.cols}`);
  const start = h0 === undefined ? new Float64Array(H) : Float64Array.from(asVector(h0, 'h0', H));
  const T = X.rows;
  const hs = matrix(T, H);
  const K = params.kernel.data, R = params.recurrentKernel.data;
  let prev: Float64Array = start;
  for (let t = 0; t < T; t++) {
    const h = hs.data.subarray(t * H, (t + 1) * H);
    for (let j = 0; j < H; j++) {
      let z = params.bias[j];
      for (let k = 0; k < d; k++) z += X.data[t * d + k] * K[k * H + j];
      for (let k = 0; k < H; k++) z += prev[k] * R[k * H + j];
      h[j] = Math.tanh(z);
    }
    prev = h;
  }
  return { xs: X, hs, h0: start };
}

/**
 * Backpropagation through time. The loss may depend on every hidden state; `dhs` row t is the part of dL/dh_t that
 * comes from outside the recurrence (e.g. from an output layer at that step; zero rows where the loss does not look).
 * Walking back from t = T: dh_t = dhs_t + dh_{t+1} R^T-contribution, da_t = dh_t (1 - h_t^2),
 * dK += x_t^T da_t, dR += h_{t-1}^T da_t, db += da_t, dx_t = da_t K^T, and the carry to h_{t-1} is da_t R^T.
 * Each step back multiplies the carried gradient by diag(1 - h^2) R^T: that product is what vanishes or explodes.
 * @param dhs - T x H upstream gradients
 */
export function rnnBackward(params: RnnParams, forward: RnnForward, dhs: MatrixLike): RnnGradients {
  const [d, H] = checkRnnParams(params);
  const { xs: X, hs, h0 } = forward;
  const T = X.rows;
  const G = asMatrix(dhs, 'dhs');
  if (G.rows !== T || G.cols !== H) throw new RangeError(`expected dhs of shape ${T} x ${H} (steps x hidden units), got ${G.rows} x ${G.cols}`);
  const K = params.kernel.data, R = params.recurrentKernel.data;
  const grads: RnnGradients = { kernel: matrix(d, H), recurrentKernel: matrix(H, H), bias: new Float64Array(H), xs: matrix(T, d), h0: new Float64Array(H) };
  let carry = new Float64Array(H);
  const da = new Float64Array(H);
  for (let t = T - 1; t >= 0; t--) {
    const h = hs.data.subarray(t * H, (t + 1) * H);
    const prev = t > 0 ? hs.data.subarray((t - 1) * H, t * H) : h0;
    for (let j = 0; j < H; j++) da[j] = (G.data[t * H + j] + carry[j]) * (1 - h[j] * h[j]);
    for (let k = 0; k < d; k++) {
      const xv = X.data[t * d + k];
      let acc = 0;
      for (let j = 0; j < H; j++) {
        grads.kernel.data[k * H + j] += xv * da[j];
        acc += da[j] * K[k * H + j];
      }
      grads.xs.data[t * d + k] = acc;
    }
    const next = new Float64Array(H);
    for (let k = 0; k < H; k++) {
      const pv = prev[k];
      let acc = 0;
      for (let j = 0; j < H; j++) {
        grads.recurrentKernel.data[k * H + j] += pv * da[j];
        acc += da[j] * R[k * H + j];
      }
      next[k] = acc;
    }
    for (let j = 0; j < H; j++) grads.bias[j] += da[j];
    carry = next;
  }
  grads.h0.set(carry);
  return grads;
}
