// Tests for lib/rnn/rnn-cell: forward against tf.layers.simpleRNN with the same weights (float32, 1e-5 relative);
// BPTT against tfjs autodiff of the same unrolled computation written with tf ops (tf.grads, 1e-5 relative) and
// against central finite differences in float64 (1e-7 relative); a hand-computed two-step case; error paths.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { checkRnnParams, initRnnParams, rnnBackward, rnnForward, type RnnParams } from '../../lib/rnn/rnn-cell';
import { Rng } from '../../lib/core/random';
import { maxRelErr, numericGrad, randMatrix, randVector } from './helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const T = 7, d = 3, H = 5;
const rng = new Rng(8);
const params: RnnParams = { kernel: randMatrix(rng, d, H, 0.6), recurrentKernel: randMatrix(rng, H, H, 0.5), bias: randVector(rng, H, 0.2) };
const xs = randMatrix(rng, T, d);
const h0 = randVector(rng, H, 0.3);
const upstream = randMatrix(rng, T, H); // loss = sum_t upstream_t . h_t

describe('rnnForward', () => {
  it('hand-computed: one unit, two steps', () => {
    const p: RnnParams = { kernel: { rows: 1, cols: 1, data: Float64Array.from([0.5]) }, recurrentKernel: { rows: 1, cols: 1, data: Float64Array.from([0.8]) }, bias: Float64Array.from([0.1]) };
    const f = rnnForward(p, [[1], [0]]);
    const h1 = Math.tanh(0.5 + 0.1);
    expect(f.hs.data[0]).toBeCloseTo(h1, 14);
    expect(f.hs.data[1]).toBeCloseTo(Math.tanh(0.8 * h1 + 0.1), 14);
  });

  it('matches tf.layers.simpleRNN loaded with the same weights (1e-5 relative)', () => {
    const layer = tf.layers.simpleRNN({ units: H, returnSequences: true });
    const x = tf.tensor3d(Float32Array.from(xs.data), [1, T, d]);
    layer.apply(x);
    layer.setWeights([tf.tensor2d(Float32Array.from(params.kernel.data), [d, H]), tf.tensor2d(Float32Array.from(params.recurrentKernel.data), [H, H]), tf.tensor1d(Float32Array.from(params.bias))]);
    const ref = (layer.apply(x) as tf.Tensor).dataSync();
    expect(maxRelErr(rnnForward(params, xs).hs.data, ref)).toBeLessThan(1e-5);
  });
});

/** The same unrolled network with tf ops: sum_t upstream_t . tanh(x_t K + h_{t-1} R + b). */
function tfLoss(K: tf.Tensor, R: tf.Tensor, b: tf.Tensor, X: tf.Tensor, h: tf.Tensor): tf.Scalar {
  const up = tf.tensor2d(Float32Array.from(upstream.data), [T, H]);
  let total = tf.scalar(0);
  let state = h.reshape([1, H]);
  for (let t = 0; t < T; t++) {
    state = tf.tanh(X.slice([t, 0], [1, d]).matMul(K).add(state.matMul(R)).add(b));
    total = total.add(state.mul(up.slice([t, 0], [1, H])).sum());
  }
  return total as tf.Scalar;
}

describe('rnnBackward', () => {
  const f = rnnForward(params, xs, h0);
  const g = rnnBackward(params, f, upstream);

  it('matches tf.grads of the unrolled tf computation (float32, 1e-5 relative)', () => {
    const t32 = (v: Float64Array, shape: number[]) => tf.tensor(Float32Array.from(v), shape);
    const grads = tf.grads(tfLoss)([t32(params.kernel.data, [d, H]), t32(params.recurrentKernel.data, [H, H]), t32(params.bias, [H]), t32(xs.data, [T, d]), t32(h0, [H])]);
    const mine = [g.kernel.data, g.recurrentKernel.data, g.bias, g.xs.data, g.h0];
    mine.forEach((m, k) => expect(maxRelErr(m, grads[k].dataSync())).toBeLessThan(1e-5));
  });

  it('matches central finite differences (float64, 1e-7 relative)', () => {
    const loss = () => rnnForward(params, xs, h0).hs.data.reduce((s, v, i) => s + v * upstream.data[i], 0);
    expect(maxRelErr(g.kernel.data, numericGrad(loss, params.kernel.data))).toBeLessThan(1e-7);
    expect(maxRelErr(g.recurrentKernel.data, numericGrad(loss, params.recurrentKernel.data))).toBeLessThan(1e-7);
    expect(maxRelErr(g.bias, numericGrad(loss, params.bias))).toBeLessThan(1e-7);
    expect(maxRelErr(g.xs.data, numericGrad(loss, xs.data))).toBeLessThan(1e-7);
    expect(maxRelErr(g.h0, numericGrad(loss, h0))).toBeLessThan(1e-7);
  });

  it('a loss on the last state only: the gradient reaching x_1 shrinks with a contracting R', () => {
    const small = initRnnParams(2, 16, { recurrentScale: 0.5, seed: 3 });
    const seq = randMatrix(new Rng(4), 30, 2);
    const fw = rnnForward(small, seq);
    const last = { rows: 30, cols: 16, data: new Float64Array(30 * 16) };
    last.data.fill(1, 29 * 16);
    const gx = rnnBackward(small, fw, last).xs;
    const norm = (t: number) => Math.hypot(...gx.data.subarray(t * 2, t * 2 + 2));
    expect(norm(0)).toBeLessThan(1e-6 * norm(29));
  });
});

describe('initRnnParams and errors', () => {
  it('draws reproducible weights with the requested scale', () => {
    const a = initRnnParams(4, 200, { recurrentScale: 0.9, seed: 1 });
    expect(initRnnParams(4, 200, { recurrentScale: 0.9, seed: 1 })).toEqual(a);
    const std = Math.sqrt(a.recurrentKernel.data.reduce((s, v) => s + v * v, 0) / a.recurrentKernel.data.length);
    expect(std * Math.sqrt(200)).toBeCloseTo(0.9, 1);
    expect(checkRnnParams(a)).toEqual([4, 200]);
  });

  it('rejects mismatched shapes, empty sequences and bad gradients', () => {
    expect(() => rnnForward(params, [[1, 2]])).toThrow(/3 columns/);
    expect(() => rnnForward(params, { rows: 0, cols: 3, data: new Float64Array(0) })).toThrow(/at least 1 time step/);
    expect(() => rnnForward(params, xs, [1, 2])).toThrow(RangeError);
    expect(() => rnnForward({ ...params, recurrentKernel: randMatrix(rng, 4, 4) }, xs)).toThrow(/recurrentKernel/);
    expect(() => rnnForward({ ...params, bias: new Float64Array(2) }, xs)).toThrow(RangeError);
    expect(() => rnnForward(null as never, xs)).toThrow(TypeError);
    expect(() => rnnBackward(params, rnnForward(params, xs), randMatrix(rng, T - 1, H))).toThrow(/dhs of shape/);
    expect(() => rnnForward(params, [[1, Number.NaN, 0]])).toThrow(/finite/);
    expect(() => initRnnParams(0, 3)).toThrow(RangeError);
  });
});
