// LSTM cell in tfjs/Keras layout (gates i, f, c, o): forward over a sequence with every gate kept, and backpropagation through time.
import { asMatrix, asVector, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { sigmoid } from '../linear/logistic-regression';

/**
 * LSTM weights for input size d and H units, in tfjs's `tf.layers.lstm` layout: the four gates are stacked along the
 * columns in the order input i, forget f, candidate c (often called g), output o, so
 * `layer.setWeights([kernel, recurrentKernel, bias])` loads them unchanged.
 */
export interface LstmParams {
  /** d x 4H. */
  kernel: Matrix;
  /** H x 4H. */
  recurrentKernel: Matrix;
  /** 4H. */
  bias: Float64Array;
}

/** The gate non-linearity: the logistic sigmoid, or tfjs's default piecewise-linear `hardSigmoid` max(0, min(1, 0.2 z + 0.5)). */
export type RecurrentActivation = 'sigmoid' | 'hardSigmoid';

export interface LstmOptions {
  /** Gate activation (tfjs layers default to 'hardSigmoid'; the textbook and PyTorch use 'sigmoid'). */
  recurrentActivation: RecurrentActivation;
  /** Initial hidden state (default zeros). */
  h0: ArrayLike<number> | undefined;
  /** Initial cell state (default zeros). */
  c0: ArrayLike<number> | undefined;
}

export const lstmDefaults: Readonly<LstmOptions> = { recurrentActivation: 'sigmoid', h0: undefined, c0: undefined };

/** Forward pass of an LSTM over one sequence, with every intermediate kept (T x H each). */
export interface LstmForward {
  xs: Matrix;
  /** Hidden states h_1..h_T. */
  hs: Matrix;
  /** Cell states c_1..c_T. */
  cs: Matrix;
  /** Gate values: input i, forget f, candidate g (tanh), output o. */
  i: Matrix;
  f: Matrix;
  g: Matrix;
  o: Matrix;
  /** Pre-activations z = x K + h R + b, T x 4H. */
  z: Matrix;
  h0: Float64Array;
  c0: Float64Array;
  recurrentActivation: RecurrentActivation;
}

export interface LstmGradients {
  kernel: Matrix;
  recurrentKernel: Matrix;
  bias: Float64Array;
  xs: Matrix;
  h0: Float64Array;
  c0: Float64Array;
}

function gate(z: number, kind: RecurrentActivation): number {
  return kind === 'sigmoid' ? sigmoid(z) : Math.max(0, Math.min(1, 0.2 * z + 0.5));
}

function gateDerivative(z: number, value: number, kind: RecurrentActivation): number {
  if (kind === 'sigmoid') return value * (1 - value);
  return z > -2.5 && z < 2.5 ? 0.2 : 0;
}

/** Checks the shapes of LSTM weights; returns [d, H]. */
export function checkLstmParams(params: LstmParams, gates = 4, what = 'LSTM'): [number, number] {
  if (typeof params !== 'object' || params === null) throw new TypeError(`expected ${what} params {kernel, recurrentKernel, bias}`);
  const K = asMatrix(params.kernel, 'kernel'), R = asMatrix(params.recurrentKernel, 'recurrentKernel');
  if (K.cols % gates !== 0 || K.cols === 0) throw new RangeError(`expected kernel with ${gates}H columns (${gates} gates), got ${K.cols}`);
  const H = K.cols / gates;
  if (R.rows !== H || R.cols !== gates * H) throw new RangeError(`expected recurrentKernel ${H} x ${gates * H}, got ${R.rows} x ${R.cols}`);
  asVector(params.bias, 'bias', gates * H);
  return [K.rows, H];
}

/**
 * LSTM forward pass over a sequence (tfjs/Keras equations):
 * z = x_t K + h_{t-1} R + b split into [z_i, z_f, z_c, z_o];
 * i = s(z_i), f = s(z_f), g = tanh(z_c), o = s(z_o);  c_t = f * c_{t-1} + i * g;  h_t = o * tanh(c_t),
 * with s the recurrent activation. The cell state c is updated additively, which is what lets gradients survive
 * long sequences when f stays near 1.
 * @param xs - T x d inputs
 */
export function lstmForward(params: LstmParams, xs: MatrixLike, options: Partial<LstmOptions> = {}): LstmForward {
  const o = { ...lstmDefaults, ...options };
  if (o.recurrentActivation !== 'sigmoid' && o.recurrentActivation !== 'hardSigmoid') throw new TypeError(`expected recurrentActivation 'sigmoid' or 'hardSigmoid', got ${String(o.recurrentActivation)}`);
  const [d, H] = checkLstmParams(params);
  const X = asMatrix(xs, 'xs');
  if (X.rows === 0) throw new RangeError('expected at least 1 time step, got 0');
  if (X.cols !== d) throw new RangeError(`expected xs with ${d} columns (the input size), got ${X.cols}`);
  const T = X.rows, G = 4 * H;
  const h0 = o.h0 === undefined ? new Float64Array(H) : Float64Array.from(asVector(o.h0, 'h0', H));
  const c0 = o.c0 === undefined ? new Float64Array(H) : Float64Array.from(asVector(o.c0, 'c0', H));
  const out: LstmForward = {
    xs: X, hs: matrix(T, H), cs: matrix(T, H), i: matrix(T, H), f: matrix(T, H), g: matrix(T, H), o: matrix(T, H), z: matrix(T, G),
    h0, c0, recurrentActivation: o.recurrentActivation,
  };
  const K = params.kernel.data, R = params.recurrentKernel.data;
  let hPrev: Float64Array = h0, cPrev: Float64Array = c0;
  for (let t = 0; t < T; t++) {
    const z = out.z.data.subarray(t * G, (t + 1) * G);
    for (let j = 0; j < G; j++) {
      let s = params.bias[j];
      for (let k = 0; k < d; k++) s += X.data[t * d + k] * K[k * G + j];
      for (let k = 0; k < H; k++) s += hPrev[k] * R[k * G + j];
      z[j] = s;
    }
    const row = t * H;
    for (let j = 0; j < H; j++) {
      const ig = gate(z[j], o.recurrentActivation), fg = gate(z[H + j], o.recurrentActivation);
      const gg = Math.tanh(z[2 * H + j]), og = gate(z[3 * H + j], o.recurrentActivation);
      const c = fg * cPrev[j] + ig * gg;
      out.i.data[row + j] = ig; out.f.data[row + j] = fg; out.g.data[row + j] = gg; out.o.data[row + j] = og;
      out.cs.data[row + j] = c;
      out.hs.data[row + j] = og * Math.tanh(c);
    }
    hPrev = out.hs.data.subarray(row, row + H);
    cPrev = out.cs.data.subarray(row, row + H);
  }
  return out;
}

/**
 * Backpropagation through time for {@link lstmForward}. `dhs` row t is the gradient reaching h_t from outside the
 * recurrence. Per step, from dh (upstream + carried) and the carried dc:
 * do = dh tanh(c_t); dc += dh o (1 - tanh^2 c_t); di = dc g; dg = dc i; df = dc c_{t-1}; dc_{t-1} = dc f;
 * dz = [di s'(z_i), df s'(z_f), dg (1 - g^2), do s'(z_o)]; dK += x_t^T dz; dR += h_{t-1}^T dz; db += dz;
 * dx_t = dz K^T; dh_{t-1} = dz R^T.
 * @param dhs - T x H upstream gradients
 */
export function lstmBackward(params: LstmParams, forward: LstmForward, dhs: MatrixLike): LstmGradients {
  const [d, H] = checkLstmParams(params);
  const F = forward;
  const T = F.xs.rows, G = 4 * H;
  const D = asMatrix(dhs, 'dhs');
  if (D.rows !== T || D.cols !== H) throw new RangeError(`expected dhs of shape ${T} x ${H} (steps x hidden units), got ${D.rows} x ${D.cols}`);
  const K = params.kernel.data, R = params.recurrentKernel.data;
  const grads: LstmGradients = { kernel: matrix(d, G), recurrentKernel: matrix(H, G), bias: new Float64Array(G), xs: matrix(T, d), h0: new Float64Array(H), c0: new Float64Array(H) };
  let dhCarry = new Float64Array(H);
  const dc = new Float64Array(H);
  const dz = new Float64Array(G);
  for (let t = T - 1; t >= 0; t--) {
    const row = t * H;
    const hPrev = t > 0 ? F.hs.data.subarray(row - H, row) : F.h0;
    const cPrev = t > 0 ? F.cs.data.subarray(row - H, row) : F.c0;
    for (let j = 0; j < H; j++) {
      const dh = D.data[row + j] + dhCarry[j];
      const ig = F.i.data[row + j], fg = F.f.data[row + j], gg = F.g.data[row + j], og = F.o.data[row + j];
      const tc = Math.tanh(F.cs.data[row + j]);
      const dOut = dh * tc;
      dc[j] += dh * og * (1 - tc * tc);
      const dI = dc[j] * gg, dG = dc[j] * ig, dF = dc[j] * cPrev[j];
      dc[j] *= fg; // carried to c_{t-1}
      const z = F.z.data;
      dz[j] = dI * gateDerivative(z[t * G + j], ig, F.recurrentActivation);
      dz[H + j] = dF * gateDerivative(z[t * G + H + j], fg, F.recurrentActivation);
      dz[2 * H + j] = dG * (1 - gg * gg);
      dz[3 * H + j] = dOut * gateDerivative(z[t * G + 3 * H + j], og, F.recurrentActivation);
    }
    for (let k = 0; k < d; k++) {
      const xv = F.xs.data[t * d + k];
      let acc = 0;
      for (let j = 0; j < G; j++) {
        grads.kernel.data[k * G + j] += xv * dz[j];
        acc += dz[j] * K[k * G + j];
      }
      grads.xs.data[t * d + k] = acc;
    }
    const next = new Float64Array(H);
    for (let k = 0; k < H; k++) {
      const pv = hPrev[k];
      let acc = 0;
      for (let j = 0; j < G; j++) {
        grads.recurrentKernel.data[k * G + j] += pv * dz[j];
        acc += dz[j] * R[k * G + j];
      }
      next[k] = acc;
    }
    for (let j = 0; j < G; j++) grads.bias[j] += dz[j];
    dhCarry = next;
  }
  grads.h0.set(dhCarry);
  grads.c0.set(dc);
  return grads;
}
