// Tests for lib/generative/autoencoder: reconstructionError by hand (1e-12); on data lying near a 2-D subspace the trained
// autoencoder's code of size 2 reconstructs far better than the mean image (the best code-free predictor, computed by hand)
// and no better than the noise floor allows; training reruns bit-identically; errors.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createAutoencoder, reconstruct, reconstructionError, trainAutoencoder } from '../../lib/generative/autoencoder';
import { Rng } from '../../lib/core/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('reconstructionError', () => {
  it('is the mean over examples of the summed squared error (hand case, 1e-12)', () => {
    // example 1: (0.5)^2 + 0 = 0.25; example 2: 1 + 0.25 = 1.25; mean 0.75
    expect(reconstructionError([1, 0, 0, 1], [0.5, 0, 1, 0.5], 2)).toBeCloseTo(0.75, 12);
  });
  it('rejects bad sizes', () => {
    expect(() => reconstructionError([1, 2], [1], 1)).toThrow(RangeError);
    expect(() => reconstructionError([1, 2, 3], [1, 2, 3], 2)).toThrow(/multiple of d = 2/);
    expect(() => reconstructionError([], [], 1)).toThrow(RangeError);
  });
});

describe('trainAutoencoder', () => {
  it('a code of size 2 captures 2-D data: error far below the mean-image baseline; reruns identically', () => {
    const rng = new Rng(8);
    const n = 300, D = 12, noise = 0.02;
    const u = [Array.from({ length: D }, () => rng.uniform(-1, 1)), Array.from({ length: D }, () => rng.uniform(-1, 1))];
    const data = new Float32Array(n * D);
    for (let i = 0; i < n; i++) {
      const a = rng.uniform(-0.2, 0.2), b = rng.uniform(-0.2, 0.2);
      for (let k = 0; k < D; k++) data[i * D + k] = 0.5 + a * u[0][k] + b * u[1][k] + rng.normal(0, noise);
    }
    const mean = new Float64Array(D);
    for (let i = 0; i < n; i++) for (let k = 0; k < D; k++) mean[k] += data[i * D + k] / n;
    const meanImage = new Float64Array(n * D).map((_, j) => mean[j % D]);
    const baseline = reconstructionError(data, meanImage, D);
    const x = tf.tensor2d(data, [n, D]);
    const run = () => {
      const ae = createAutoencoder({ inputDim: D, hidden: 16, latentDim: 2, seed: 3 });
      const losses = trainAutoencoder(ae, x, { epochs: 150, batchSize: 50, learningRate: 1e-2, seed: 4 });
      return { losses, err: reconstructionError(data, reconstruct(ae, x).dataSync(), D) };
    };
    const a = run(), b = run();
    expect(a.err).toBeLessThan(0.25 * baseline);
    expect(a.err).toBeGreaterThan(0.5 * D * noise * noise); // cannot beat the noise it cannot see (10 of 12 noise dims remain)
    expect(a.losses[a.losses.length - 1]).toBeLessThan(a.losses[0]);
    expect(b.losses).toEqual(a.losses);
  });

  it('rejects bad options and shapes', () => {
    const ae = createAutoencoder({ inputDim: 4, hidden: 3, latentDim: 1 });
    expect(() => createAutoencoder({ hidden: 0 })).toThrow(/hidden >= 1/);
    expect(() => trainAutoencoder(ae, tf.zeros([3, 5]) as tf.Tensor2D)).toThrow(/shape \[n, 4\]/);
    expect(() => trainAutoencoder(ae, tf.zeros([3, 4]) as tf.Tensor2D, { epochs: 0 })).toThrow(RangeError);
    expect(() => reconstruct(ae, tf.zeros([3, 5]) as tf.Tensor2D)).toThrow(RangeError);
  });
});
