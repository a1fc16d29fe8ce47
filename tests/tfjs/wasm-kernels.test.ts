// Tests for lib/tfjs/wasm-kernels: the added wasm Conv2DBackpropFilter against the cpu backend's own kernel
// (tf.grad of conv2d with respect to the filter, float32, 1e-5 relative to the largest entry) over strides and
// paddings, freeing its temporary buffers; idempotent registration; a tf.layers.conv2d model trains on wasm and matches the same step on cpu.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerMissingWasmKernels } from '../../lib/tfjs/wasm-kernels';
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

type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
const cases: [number[], number[], number | [number, number], Pad][] = [
  [[2, 9, 9, 3], [3, 3, 3, 4], 1, 'valid'],
  [[2, 9, 9, 3], [3, 3, 3, 4], 2, 'same'],
  [[1, 10, 7, 2], [5, 3, 2, 3], [2, 3], 'valid'],
  [[3, 8, 8, 2], [2, 2, 2, 2], 3, 'same'],
  [[2, 7, 7, 2], [3, 3, 2, 2], 2, 1],
  [[2, 8, 6, 2], [3, 2, 2, 3], [1, 2], [[0, 0], [2, 0], [1, 1], [0, 0]]],
  [[8, 28, 28, 1], [3, 3, 1, 8], 1, 'same'],
];

function filterGrad(x: number[], xs: number[], dy: number[], dys: number[], fs: number[], stride: number | [number, number], pad: Pad): Float32Array {
  return tf.tidy(() => {
    const dyT = tf.tensor4d(dy, dys as [number, number, number, number]);
    const g = tf.grad((f: tf.Tensor) => tf.conv2d(tf.tensor4d(x, xs as [number, number, number, number]), f as tf.Tensor4D, stride, pad as 'valid').mul(dyT).sum());
    return g(tf.zeros(fs)).dataSync() as Float32Array;
  });
}

describe('registerMissingWasmKernels', () => {
  it('adds Conv2DBackpropFilter once, and is harmless when called again', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(registerMissingWasmKernels()).toEqual(['Conv2DBackpropFilter']);
    expect(registerMissingWasmKernels()).toEqual([]);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('matches the cpu backend gradient (1e-5 relative) for strides and paddings', async () => {
    registerMissingWasmKernels();
    const rng = new Rng(3);
    for (const [xs, fs, stride, pad] of cases) {
      const x = Array.from({ length: xs.reduce((a, b) => a * b) }, () => rng.normal());
      await tf.setBackend('cpu');
      const probe = tf.conv2d(tf.zeros(xs as [number, number, number, number]) as tf.Tensor4D, tf.zeros(fs as [number, number, number, number]) as tf.Tensor4D, stride, pad as 'valid');
      const dys: number[] = probe.shape;
      probe.dispose();
      const dy = Array.from({ length: dys.reduce((a, b) => a * b) }, () => rng.normal());
      const ref = filterGrad(x, xs, dy, dys, fs, stride, pad);
      await tf.setBackend('wasm');
      const buffersBefore = tf.engine().backend.numDataIds();
      const mine = filterGrad(x, xs, dy, dys, fs, stride, pad);
      expect(maxRelErr(mine, ref)).toBeLessThan(1e-5);
      expect(tf.engine().backend.numDataIds()).toBe(buffersBefore); // the kernel frees its temporaries
    }
  });

  it('lets a tf.layers.conv2d model train on wasm: one SGD step gives the cpu weights (1e-5 relative), no leaked tensors', async () => {
    registerMissingWasmKernels();
    const step = async (backend: string) => {
      await tf.setBackend(backend);
      const model = tf.sequential({ layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 3, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: tf.initializers.randomNormal({ seed: 1 }) }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.randomNormal({ seed: 2 }) }),
      ] });
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
      const x = tf.tensor4d(Array.from({ length: 4 * 64 }, (_, i) => Math.sin(i)), [4, 8, 8, 1]);
      const y = tf.tensor2d([1, 0, 0, 1, 1, 1, 0, 0], [4, 2]);
      const before = tf.memory().numTensors;
      await model.fit(x, y, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
      const leaked = tf.memory().numTensors - before;
      const w = model.layers[0].getWeights()[0].dataSync().slice();
      tf.dispose([x, y]);
      model.dispose();
      return { w, leaked };
    };
    const cpu = await step('cpu');
    const wasm = await step('wasm');
    expect(maxRelErr(wasm.w, cpu.w)).toBeLessThan(1e-5);
    expect(wasm.leaked).toBe(cpu.leaked);
  });
});
