// GRU cell in tfjs/Keras layout (gates z, r, h; reset applied before the recurrent product): forward over a sequence.
import { asMatrix, asVector, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { checkLstmParams, type RecurrentActivation } from './lstm-cell';
import { sigmoid } from '../linear/logistic-regression';

/**
 * GRU weights for input size d and H units in tfjs's `tf.layers.gru` layout: gates stacked along the columns in the
 * order update z, reset r, candidate h.
 */
export interface GruParams {
  /** d x 3H. */
  kernel: Matrix;
  /** H x 3H. */
  recurrentKernel: Matrix;
  /** 3H. */
  bias: Float64Array;
}

export interface GruOptions {
  /** Gate activation (tfjs layers default to 'hardSigmoid'). */
  recurrentActivation: RecurrentActivation;
  /** Initial hidden state (default zeros). */
  h0: ArrayLike<number> | undefined;
}

export const gruDefaults: Readonly<GruOptions> = { recurrentActivation: 'sigmoid', h0: undefined };

export interface GruForward {
  xs: Matrix;
  /** Hidden states h_1..h_T. */
  hs: Matrix;
  /** Update gate z, reset gate r and candidate state, T x H each. */
  z: Matrix;
  r: Matrix;
  candidate: Matrix;
}

/**
 * GRU forward pass (the tfjs/Keras variant, as in Cho et al. 2014):
 * z = s(x W_z + h_{t-1} U_z + b_z), r = s(x W_r + h_{t-1} U_r + b_r),
 * h~ = tanh(x W_h + (r * h_{t-1}) U_h + b_h), h_t = z * h_{t-1} + (1 - z) * h~.
 * Note the convention: z = 1 keeps the old state (PyTorch's GRU uses the same form; some texts swap z and 1 - z).
 * @param xs - T x d inputs
 */
export function gruForward(params: GruParams, xs: MatrixLike, options: Partial<GruOptions> = {}): GruForward {
  const o = { ...gruDefaults, ...options };
  if (o.recurrentActivation !== 'sigmoid' && o.recurrentActivation !== 'hardSigmoid') throw new TypeError(`expected recurrentActivation 'sigmoid' or 'hardSigmoid', got ${String(o.recurrentActivation)}`);
  const [d, H] = checkLstmParams(params, 3, 'GRU');
  const X = asMatrix(xs, 'xs');
  if (X.rows === 0) throw new RangeError('expected at least 1 time step, got 0');
  if (X.cols !== d) throw new RangeError(`expected xs with ${d} columns (the input size), got ${X.cols}`);
  const T = X.rows, G = 3 * H;
  const act = (v: number) => (o.recurrentActivation === 'sigmoid' ? sigmoid(v) : Math.max(0, Math.min(1, 0.2 * v + 0.5)));
  const out: GruForward = { xs: X, hs: matrix(T, H), z: matrix(T, H), r: matrix(T, H), candidate: matrix(T, H) };
  const K = params.kernel.data, R = params.recurrentKernel.data;
  let hPrev: Float64Array = o.h0 === undefined ? new Float64Array(H) : Float64Array.from(asVector(o.h0, 'h0', H));
  const xPart = new Float64Array(G);
  const reset = new Float64Array(H);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < G; j++) {
      let s = params.bias[j];
      for (let k = 0; k < d; k++) s += X.data[t * d + k] * K[k * G + j];
      xPart[j] = s;
    }
    const row = t * H;
    for (let j = 0; j < H; j++) {
      let sz = xPart[j], sr = xPart[H + j];
      for (let k = 0; k < H; k++) { sz += hPrev[k] * R[k * G + j]; sr += hPrev[k] * R[k * G + H + j]; }
      out.z.data[row + j] = act(sz);
      out.r.data[row + j] = act(sr);
    }
    for (let k = 0; k < H; k++) reset[k] = out.r.data[row + k] * hPrev[k];
    for (let j = 0; j < H; j++) {
      let sh = xPart[2 * H + j];
      for (let k = 0; k < H; k++) sh += reset[k] * R[k * G + 2 * H + j];
      const cand = Math.tanh(sh);
      const zg = out.z.data[row + j];
      out.candidate.data[row + j] = cand;
      out.hs.data[row + j] = zg * hPrev[j] + (1 - zg) * cand;
    }
    hPrev = out.hs.data.subarray(row, row + H);
  }
  return out;
}
