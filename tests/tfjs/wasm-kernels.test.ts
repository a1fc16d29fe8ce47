// Tests for lib/tfjs/wasm-kernels: the kernels patchWasmKernels adds or replaces on the wasm backend against the cpu
// backend's own kernels (float32, 1e-5 relative to the largest entry): conv2d gradients with respect to the filter and
// the input (stride 1 fast path and the strided fallback), max-pooling gradients; no leaked buffers; idempotent;
// a tf.layers model with conv2d and max pooling takes the same SGD step on wasm as on cpu.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { patchWasmKernels } from '../../lib/tfjs/wasm-kernels';
import { Rng } from '../../lib/core/random';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(b[i])); }
  return num / den;
}

type Shape4 = [number, number, number, number];
type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
const convCases: [Shape4, Shape4, number | [number, number], Pad][] = [
  [[2, 9, 9, 3], [3, 3, 3, 4], 1, 'valid'],
  [[2, 9, 9, 3], [3, 3, 3, 4], 1, 'same'],
  [[2, 9, 9, 3], [3, 3, 3, 4], 2, 'same'],
  [[1, 10, 7, 2], [5, 3, 2, 3], [2, 3], 'valid'],
  [[1, 10, 7, 2], [4, 2, 2, 3], 1, 'same'],
  [[3, 8, 8, 2], [2, 2, 2, 2], 3, 'same'],
  [[2, 7, 7, 2], [3, 3, 2, 2], 2, 1],
  [[2, 7, 7, 2], [3, 3, 2, 2], 1, 1],
  [[2, 8, 6, 2], [3, 2, 2, 3], [1, 2], [[0, 0], [2, 0], [1, 1], [0, 0]]],
  [[2, 8, 6, 2], [3, 3, 2, 3], 1, [[0, 0], [2, 0], [1, 2], [0, 0]]],
  [[2, 6, 6, 1], [2, 2, 1, 2], 1, [[0, 0], [3, 0], [0, 0], [0, 0]]], // padding >= filter: fallback
  [[8, 28, 28, 1], [3, 3, 1, 8], 1, 'same'],
];

const random = (rng: Rng, shape: number[]) => Array.from({ length: shape.reduce((a, b) => a * b) }, () => rng.normal());

/** Gradients of sum(conv2d(x, w) * dy) with respect to x and w on the current backend. */
function convGrads(x: number[], xs: Shape4, w: number[], fs: Shape4, dy: number[], dys: Shape4, stride: number | [number, number], pad: Pad): [Float32Array, Float32Array] {
  return tf.tidy(() => {
    const dyT = tf.tensor4d(dy, dys);
    const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad as 'valid').mul(dyT).sum())([tf.tensor4d(x, xs), tf.tensor4d(w, fs)]);
    return [gx.dataSync() as Float32Array, gw.dataSync() as Float32Array];
  });
}

describe('patchWasmKernels', () => {
  it('adds Conv2DBackpropFilter, replaces two kernels, and is harmless when called again', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(patchWasmKernels()).toEqual({ added: ['Conv2DBackpropFilter'], replaced: ['Conv2DBackpropInput', 'MaxPoolGrad'] });
    expect(patchWasmKernels()).toEqual({ added: [], replaced: [] });
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('conv2d gradients (input and filter) match the cpu backend (1e-5 relative), without leaking buffers', async () => {
    patchWasmKernels();
    const rng = new Rng(3);
    for (const [xs, fs, stride, pad] of convCases) {
      const x = random(rng, xs), w = random(rng, fs);
      await tf.setBackend('cpu');
      const probe = tf.conv2d(tf.zeros(xs) as tf.Tensor4D, tf.zeros(fs) as tf.Tensor4D, stride, pad as 'valid');
      const dys = probe.shape as Shape4;
      probe.dispose();
      const dy = random(rng, dys);
      const [refX, refW] = convGrads(x, xs, w, fs, dy, dys, stride, pad);
      await tf.setBackend('wasm');
      const buffersBefore = tf.engine().backend.numDataIds();
      const [gx, gw] = convGrads(x, xs, w, fs, dy, dys, stride, pad);
      expect(maxRelErr(gx, refX)).toBeLessThan(1e-5);
      expect(maxRelErr(gw, refW)).toBeLessThan(1e-5);
      expect(tf.engine().backend.numDataIds()).toBe(buffersBefore);
    }
  });

  it('max-pooling gradients match the cpu backend (1e-5 relative)', async () => {
    patchWasmKernels();
    const rng = new Rng(4);
    const cases: [Shape4, number | [number, number], number | [number, number], 'valid' | 'same' | number][] = [
      [[2, 8, 8, 3], 2, 2, 'valid'], [[2, 7, 7, 3], 2, 2, 'same'], [[1, 9, 8, 2], 3, 2, 'same'],
      [[1, 9, 8, 2], [3, 2], [1, 2], 'valid'], [[2, 6, 6, 2], 3, 1, 1], [[4, 28, 28, 8], 2, 2, 'valid'],
    ];
    for (const [xs, size, stride, pad] of cases) {
      const x = random(rng, xs);
      const grad = () => tf.tidy(() => {
        const xT = tf.tensor4d(x, xs);
        const y = tf.maxPool(xT, size, stride, pad);
        const dy = tf.tensor4d(Array.from({ length: y.size }, (_, i) => Math.cos(i)), y.shape);
        return tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, size, stride, pad).mul(dy).sum())(xT).dataSync() as Float32Array;
      });
      await tf.setBackend('cpu');
      const ref = grad();
      await tf.setBackend('wasm');
      expect(maxRelErr(grad(), ref)).toBeLessThan(1e-5);
    }
  });

  it('a conv2d + max-pool tf.layers model takes the same SGD step on wasm as on cpu (1e-5 relative)', async () => {
    patchWasmKernels();
    const step = async (backend: string) => {
      await tf.setBackend(backend);
      const model = tf.sequential({ layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ seed: 1 }) }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: tf.initializers.randomNormal({ seed: 2 }) }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.randomNormal({ seed: 3 }) }),
      ] });
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
      const x = tf.tensor4d(Array.from({ length: 4 * 64 }, (_, i) => Math.sin(i)), [4, 8, 8, 1]);
      const y = tf.tensor2d([1, 0, 0, 1, 1, 1, 0, 0], [4, 2]);
      await model.fit(x, y, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
      const weights = model.getWeights().flatMap((t) => Array.from(t.dataSync()));
      tf.dispose([x, y]);
      model.dispose();
      return weights;
    };
    const cpu = await step('cpu');
    const wasm = await step('wasm');
    expect(maxRelErr(wasm, cpu)).toBeLessThan(1e-5);
  });
});
