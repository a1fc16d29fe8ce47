// The tfjs LoRA map: equal to the float64 loraForward (1e-5), merged kernel == adapter outputs (1e-6), gradients reach only the adapter.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { loraForward } from '../../lib/lm/lora';
import { createLoraTf, loraApplyTf, loraMergeTf } from '../../lib/lm/lora-tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('lora-tf', () => {
  const rng = new Rng(9);
  const dIn = 8, dOut = 5, rank = 2;
  const kernelData = Float32Array.from({ length: dIn * dOut }, () => rng.normal());
  const kernel = tf.tensor2d(kernelData, [dIn, dOut]);
  const x = tf.tensor3d(Float32Array.from({ length: 2 * 3 * dIn }, () => rng.normal()), [2, 3, dIn]);

  it('starts equal to the frozen map, matches lib/lm/lora after training-like updates, and merges exactly', () => {
    const ad = createLoraTf(dIn, dOut, rank, { alpha: 4, seed: 1 });
    expect(Array.from(loraApplyTf(x, kernel, ad).dataSync())).toEqual(Array.from(loraApplyTf(x, kernel, null).dataSync()));
    ad.up.assign(tf.tensor2d(Float32Array.from({ length: rank * dOut }, () => rng.normal()), [rank, dOut]));
    const y = loraApplyTf(x, kernel, ad);
    expect(y.shape).toEqual([2, 3, dOut]);
    // same map in lib/lm/lora's layout: W = K^T, A = D^T, B = U^T
    const t = (d: Float32Array | Int32Array | Uint8Array, r: number, c: number) => { const m = matrix(c, r); for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) m.data[j * r + i] = d[i * c + j]; return m; };
    const w = t(kernel.dataSync() as Float32Array, dIn, dOut);
    const adapter = { a: t(ad.down.dataSync() as Float32Array, dIn, rank), b: t(ad.up.dataSync() as Float32Array, rank, dOut), alpha: 4, rank };
    const ref = loraForward(w, adapter, matrix(6, dIn, Float64Array.from(x.dataSync())));
    const yd = y.dataSync();
    for (let i = 0; i < yd.length; i++) expect(Math.abs(yd[i] - ref.data[i])).toBeLessThan(1e-5 * (1 + Math.abs(ref.data[i])));
    const merged = loraApplyTf(x, loraMergeTf(kernel, ad), null).dataSync();
    for (let i = 0; i < yd.length; i++) expect(Math.abs(merged[i] - yd[i])).toBeLessThan(1e-5);
  });

  it('gradients reach the adapter only (the kernel is a constant); U gets a nonzero gradient at U = 0', () => {
    const ad = createLoraTf(dIn, dOut, rank, { seed: 2 });
    const { grads } = tf.variableGrads(() => loraApplyTf(x, kernel, ad).square().mean() as tf.Scalar, [ad.down, ad.up]);
    expect(Object.keys(grads).length).toBe(2);
    expect(Math.max(...Array.from(grads[ad.up.name].dataSync(), Math.abs))).toBeGreaterThan(0);
    // D's gradient is U-weighted, so it is exactly 0 while U = 0: why B (here U) must start at zero and A random
    expect(Math.max(...Array.from(grads[ad.down.name].dataSync(), Math.abs))).toBe(0);
  });

  it('rejects a rank above min(d_in, d_out) and a wrong input width', () => {
    expect(() => createLoraTf(4, 3, 4)).toThrow('expected 1 <= rank <= min(dIn, dOut) = 3, got rank = 4');
    expect(() => loraApplyTf(tf.zeros([2, 7]), kernel, null)).toThrow('expected x with last axis 8 (d_in), got 7');
  });
});
