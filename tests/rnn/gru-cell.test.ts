// Tests for lib/rnn/gru-cell: forward against tf.layers.gru with the same weights for both gate activations (float32,
// 1e-5 relative); hand-computed steps (z = 1 keeps the state, z = 0 takes the candidate); error paths.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { gruForward, type GruParams } from '../../lib/rnn/gru-cell';
import type { RecurrentActivation } from '../../lib/rnn/lstm-cell';
import { Rng } from '../../lib/core/random';
import { maxRelErr, randMatrix, randVector } from './helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const T = 6, d = 3, H = 4;
const rng = new Rng(21);
const params: GruParams = { kernel: randMatrix(rng, d, 3 * H, 0.7), recurrentKernel: randMatrix(rng, H, 3 * H, 0.6), bias: randVector(rng, 3 * H, 0.3) };
const xs = randMatrix(rng, T, d, 1.5);
const h0 = randVector(rng, H, 0.5);
const f32 = (v: Float64Array, shape: number[]) => tf.tensor(Float32Array.from(v), shape);

describe('gruForward', () => {
  for (const act of ['sigmoid', 'hardSigmoid'] as RecurrentActivation[]) {
    it(`matches tf.layers.gru (recurrentActivation ${act}, 1e-5 relative)`, () => {
      const layer = tf.layers.gru({ units: H, returnSequences: true, recurrentActivation: act });
      const x = f32(xs.data, [1, T, d]);
      const init = [f32(h0, [1, H])];
      layer.apply(x, { initialState: init });
      layer.setWeights([f32(params.kernel.data, [d, 3 * H]), f32(params.recurrentKernel.data, [H, 3 * H]), f32(params.bias, [3 * H])]);
      const ref = (layer.apply(x, { initialState: init }) as tf.Tensor).dataSync();
      expect(maxRelErr(gruForward(params, xs, { recurrentActivation: act, h0 }).hs.data, ref)).toBeLessThan(1e-5);
    });
  }

  it('hand-computed: a saturated update gate keeps the old state or takes the candidate', () => {
    const make = (zBias: number): GruParams => ({ kernel: { rows: 1, cols: 3, data: Float64Array.from([0, 0, 1]) }, recurrentKernel: { rows: 1, cols: 3, data: new Float64Array(3) }, bias: Float64Array.from([zBias, 0, 0]) });
    expect(gruForward(make(50), [[2]], { h0: [0.3] }).hs.data[0]).toBeCloseTo(0.3, 12);
    expect(gruForward(make(-50), [[2]], { h0: [0.3] }).hs.data[0]).toBeCloseTo(Math.tanh(2), 12);
    const half = gruForward(make(0), [[2]], { h0: [0.3] });
    expect(half.hs.data[0]).toBeCloseTo(0.5 * 0.3 + 0.5 * Math.tanh(2), 12);
  });

  it('rejects bad shapes and options', () => {
    expect(() => gruForward({ ...params, kernel: randMatrix(rng, d, 4 * H) }, xs)).toThrow(RangeError);
    expect(() => gruForward(params, [[1]])).toThrow(/3 columns/);
    expect(() => gruForward(params, xs, { recurrentActivation: 'tanh' as never })).toThrow(TypeError);
    expect(() => gruForward(params, xs, { h0: [1, 2] })).toThrow(RangeError);
  });
});
