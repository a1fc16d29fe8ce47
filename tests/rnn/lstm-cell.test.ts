// Tests for lib/rnn/lstm-cell: forward (hidden and cell states) against tf.layers.lstm with the same weights, for the
// sigmoid and hardSigmoid gate activations, and one step against tf.basicLSTMCell (float32, 1e-5 relative); BPTT
// against tf.grads of the unrolled tf computation (1e-5 relative) and central finite differences (1e-7 relative);
// a hand-computed single step; error paths.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { lstmBackward, lstmForward, type LstmParams, type RecurrentActivation } from '../../lib/rnn/lstm-cell';
import { Rng } from '../../lib/core/random';
import { maxRelErr, numericGrad, randMatrix, randVector } from './helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const T = 6, d = 3, H = 4;
const rng = new Rng(12);
const params: LstmParams = { kernel: randMatrix(rng, d, 4 * H, 0.7), recurrentKernel: randMatrix(rng, H, 4 * H, 0.6), bias: randVector(rng, 4 * H, 0.3) };
const xs = randMatrix(rng, T, d, 1.5);
const h0 = randVector(rng, H, 0.3), c0 = randVector(rng, H, 0.5);
const upstream = randMatrix(rng, T, H);
const f32 = (v: Float64Array, shape: number[]) => tf.tensor(Float32Array.from(v), shape);

describe('lstmForward', () => {
  it('hand-computed: one unit, one step', () => {
    // z = [i, f, c, o] pre-activations = x * K + b with x = 1, h0 = c0 = 0
    const p: LstmParams = { kernel: { rows: 1, cols: 4, data: Float64Array.from([1, 2, 0.5, -1]) }, recurrentKernel: { rows: 1, cols: 4, data: new Float64Array(4) }, bias: new Float64Array(4) };
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const c = s(1) * Math.tanh(0.5);
    const f = lstmForward(p, [[1]]);
    expect(f.cs.data[0]).toBeCloseTo(c, 14);
    expect(f.hs.data[0]).toBeCloseTo(s(-1) * Math.tanh(c), 14);
    expect(f.f.data[0]).toBeCloseTo(s(2), 14);
  });

  for (const act of ['sigmoid', 'hardSigmoid'] as RecurrentActivation[]) {
    it(`matches tf.layers.lstm (recurrentActivation ${act}) in h and c (1e-5 relative)`, () => {
      const layer = tf.layers.lstm({ units: H, returnSequences: true, returnState: true, recurrentActivation: act });
      const x = f32(xs.data, [1, T, d]);
      const init = [f32(h0, [1, H]), f32(c0, [1, H])];
      layer.apply(x, { initialState: init });
      layer.setWeights([f32(params.kernel.data, [d, 4 * H]), f32(params.recurrentKernel.data, [H, 4 * H]), f32(params.bias, [4 * H])]);
      const [seq, , cLast] = layer.apply(x, { initialState: init }) as tf.Tensor[];
      const mine = lstmForward(params, xs, { recurrentActivation: act, h0, c0 });
      expect(maxRelErr(mine.hs.data, seq.dataSync())).toBeLessThan(1e-5);
      expect(maxRelErr(mine.cs.data.subarray((T - 1) * H), cLast.dataSync())).toBeLessThan(1e-5);
    });
  }

  it('one step matches tf.basicLSTMCell (gate order i, j, f, o; forget bias 0)', () => {
    // basicLSTMCell stacks [x, h] against one (d + H) x 4H kernel with gates i, j (candidate), f, o.
    const order = [0, 2, 1, 3]; // their gate k is our gate order[k]
    const kernel = new Float32Array((d + H) * 4 * H), bias = new Float32Array(4 * H);
    for (let k = 0; k < 4; k++) for (let j = 0; j < H; j++) {
      const ours = order[k] * H + j, theirs = k * H + j;
      bias[theirs] = params.bias[ours];
      for (let r = 0; r < d; r++) kernel[r * 4 * H + theirs] = params.kernel.data[r * 4 * H + ours];
      for (let r = 0; r < H; r++) kernel[(d + r) * 4 * H + theirs] = params.recurrentKernel.data[r * 4 * H + ours];
    }
    const [cNew, hNew] = tf.basicLSTMCell(tf.scalar(0), tf.tensor2d(kernel, [d + H, 4 * H]), tf.tensor1d(bias), f32(xs.data.subarray(0, d), [1, d]) as tf.Tensor2D, f32(c0, [1, H]) as tf.Tensor2D, f32(h0, [1, H]) as tf.Tensor2D);
    const mine = lstmForward(params, { rows: 1, cols: d, data: xs.data.slice(0, d) }, { h0, c0 });
    expect(maxRelErr(mine.cs.data, cNew.dataSync())).toBeLessThan(1e-5);
    expect(maxRelErr(mine.hs.data, hNew.dataSync())).toBeLessThan(1e-5);
  });
});

function tfLoss(act: RecurrentActivation) {
  return (K: tf.Tensor, R: tf.Tensor, b: tf.Tensor, X: tf.Tensor, hInit: tf.Tensor, cInit: tf.Tensor): tf.Scalar => {
    const up = f32(upstream.data, [T, H]);
    const s = (z: tf.Tensor) => (act === 'sigmoid' ? tf.sigmoid(z) : tf.clipByValue(z.mul(0.2).add(0.5), 0, 1));
    let h = hInit.reshape([1, H]), c = cInit.reshape([1, H]);
    let total = tf.scalar(0);
    for (let t = 0; t < T; t++) {
      const z = X.slice([t, 0], [1, d]).matMul(K).add(h.matMul(R)).add(b);
      const [zi, zf, zc, zo] = tf.split(z, 4, 1);
      c = s(zf).mul(c).add(s(zi).mul(tf.tanh(zc)));
      h = s(zo).mul(tf.tanh(c));
      total = total.add(h.mul(up.slice([t, 0], [1, H])).sum());
    }
    return total as tf.Scalar;
  };
}

describe('lstmBackward', () => {
  for (const act of ['sigmoid', 'hardSigmoid'] as RecurrentActivation[]) {
    it(`matches tf.grads of the unrolled computation and finite differences (${act})`, () => {
      const fw = lstmForward(params, xs, { recurrentActivation: act, h0, c0 });
      const g = lstmBackward(params, fw, upstream);
      const grads = tf.grads(tfLoss(act))([f32(params.kernel.data, [d, 4 * H]), f32(params.recurrentKernel.data, [H, 4 * H]), f32(params.bias, [4 * H]), f32(xs.data, [T, d]), f32(h0, [H]), f32(c0, [H])]);
      [g.kernel.data, g.recurrentKernel.data, g.bias, g.xs.data, g.h0, g.c0].forEach((m, k) => expect(maxRelErr(m, grads[k].dataSync())).toBeLessThan(1e-5));
      const loss = () => lstmForward(params, xs, { recurrentActivation: act, h0, c0 }).hs.data.reduce((s, v, i) => s + v * upstream.data[i], 0);
      for (const [analytic, values] of [[g.kernel.data, params.kernel.data], [g.recurrentKernel.data, params.recurrentKernel.data], [g.bias, params.bias], [g.xs.data, xs.data], [g.h0, h0], [g.c0, c0]] as const) {
        expect(maxRelErr(analytic, numericGrad(loss, values))).toBeLessThan(1e-7);
      }
    });
  }
});

describe('errors', () => {
  it('rejects bad shapes and options', () => {
    expect(() => lstmForward({ ...params, kernel: randMatrix(rng, d, 7) }, xs)).toThrow(/4H columns/);
    expect(() => lstmForward({ ...params, recurrentKernel: randMatrix(rng, H, 4 * H + 4) }, xs)).toThrow(/recurrentKernel/);
    expect(() => lstmForward(params, [[1, 2]])).toThrow(/3 columns/);
    expect(() => lstmForward(params, xs, { recurrentActivation: 'relu' as never })).toThrow(TypeError);
    expect(() => lstmForward(params, xs, { c0: [1] })).toThrow(RangeError);
    expect(() => lstmBackward(params, lstmForward(params, xs), randMatrix(rng, T, H + 1))).toThrow(/dhs of shape/);
  });
});
