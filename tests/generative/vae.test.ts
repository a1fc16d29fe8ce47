// Tests for lib/generative/vae: the tf KL equals the float64 closed form (1e-5 relative, float32), the tf ELBO terms of a
// batch equal lib/generative/elbo recomputed in float64 from the same encoder outputs, eps and decoder logits (1e-4
// relative), training raises the ELBO on a small binary data set and is bit-identical on a rerun, and errors.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createVae, decodeProbabilities, elboTf, encode, evaluateVae, gaussianKlTf, reparameterizeTf, trainVae } from '../../lib/generative/vae';
import { gaussianKlRows } from '../../lib/generative/gaussian-kl';
import { elbo } from '../../lib/generative/elbo';
import { reparameterize } from '../../lib/generative/reparameterize';
import { Rng } from '../../lib/core/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** n binary 16-pixel images: one of 4 fixed prototypes with 10% of the pixels flipped. */
function binaryData(n: number, seed: number): tf.Tensor2D {
  const protoRng = new Rng(100); // the same 4 prototypes for every split
  const protos = Array.from({ length: 4 }, () => Array.from({ length: 16 }, () => (protoRng.random() < 0.5 ? 1 : 0)));
  const rng = new Rng(seed);
  const data = new Float32Array(n * 16);
  for (let i = 0; i < n; i++) {
    const p = protos[rng.int(4)];
    for (let k = 0; k < 16; k++) data[i * 16 + k] = rng.random() < 0.1 ? 1 - p[k] : p[k];
  }
  return tf.tensor2d(data, [n, 16]);
}

describe('VAE pieces in tf', () => {
  it('gaussianKlTf equals the float64 closed form (relative 1e-5)', () => {
    const rng = new Rng(1);
    const mu = Float64Array.from({ length: 12 }, () => rng.normal());
    const lv = Float64Array.from({ length: 12 }, () => rng.normal(0, 0.8));
    const ref = gaussianKlRows(mu, lv, 3);
    const got = gaussianKlTf(tf.tensor2d(Float32Array.from(mu), [4, 3]), tf.tensor2d(Float32Array.from(lv), [4, 3])).dataSync();
    for (let i = 0; i < 4; i++) expect(Math.abs(got[i] - ref[i])).toBeLessThan(1e-5 * Math.max(1, ref[i]));
  });

  it('elboTf terms equal the float64 ELBO of the same encoder outputs, eps and logits (relative 1e-4)', () => {
    const vae = createVae({ inputDim: 16, hidden: 8, latentDim: 3, seed: 4 });
    const x = binaryData(5, 9);
    const eps = tf.randomNormal([5, 3], 0, 1, 'float32', 3) as tf.Tensor2D;
    const t = elboTf(vae, x, eps);
    const { mu, logVar } = encode(vae, x);
    const muA = mu.arraySync(), lvA = logVar.arraySync(), epsA = eps.arraySync(), xA = x.arraySync();
    for (let i = 0; i < 5; i++) {
      const z = reparameterize(muA[i], lvA[i], epsA[i]);
      const zTf = reparameterizeTf(tf.tensor1d(muA[i]), tf.tensor1d(lvA[i]), tf.tensor1d(epsA[i])).dataSync();
      for (let j = 0; j < 3; j++) expect(Math.abs(zTf[j] - z[j])).toBeLessThan(1e-5);
      const logits = (vae.decoder.apply(tf.tensor2d([Array.from(z)])) as tf.Tensor2D).dataSync();
      const ref = elbo(xA[i], logits, muA[i], lvA[i]);
      const e = t.elbo.dataSync()[i], r = t.reconstruction.dataSync()[i], k = t.kl.dataSync()[i];
      expect(Math.abs(e - ref.elbo)).toBeLessThan(1e-4 * Math.abs(ref.elbo));
      expect(Math.abs(r - ref.reconstruction)).toBeLessThan(1e-4 * Math.abs(ref.reconstruction));
      expect(Math.abs(k - ref.kl)).toBeLessThan(1e-4 * Math.max(1, ref.kl));
    }
  });

  it('decodes probabilities in (0, 1) of shape [n, D]', () => {
    const vae = createVae({ inputDim: 16, hidden: 8, latentDim: 2, seed: 1 });
    const p = decodeProbabilities(vae, tf.zeros([3, 2]));
    expect(p.shape).toEqual([3, 16]);
    expect(Array.from(p.dataSync()).every((v) => v > 0 && v < 1)).toBe(true);
  });
});

describe('trainVae', () => {
  it('raises the held-out ELBO above the untrained model and reruns bit-identically', () => {
    const x = binaryData(200, 2), xTest = binaryData(100, 3);
    const run = () => {
      const vae = createVae({ inputDim: 16, hidden: 32, latentDim: 2, seed: 5 });
      const before = evaluateVae(vae, xTest, { samples: 4, seed: 1 });
      const h = trainVae(vae, x, { epochs: 40, batchSize: 50, learningRate: 1e-2, seed: 6 });
      return { before, h, after: evaluateVae(vae, xTest, { samples: 4, seed: 1 }) };
    };
    const a = run(), b = run();
    // 16 fair coins would give 16 ln 2 = 11.09 nats; 4 prototypes with 10% noise need about 16 * H(0.1) + ln 4 = 6.59
    expect(a.after.elbo).toBeGreaterThan(a.before.elbo + 2);
    expect(-a.after.elbo).toBeLessThan(16 * Math.log(2));
    expect(a.h.elbo[a.h.elbo.length - 1]).toBeGreaterThan(a.h.elbo[0]);
    expect(a.h.kl.every((v) => v >= 0)).toBe(true);
    expect(a.h.steps).toBe(40 * 4);
    expect(b.h.elbo).toEqual(a.h.elbo);
    expect(b.after).toEqual(a.after);
  });

  it('rejects bad options and shapes', () => {
    const vae = createVae({ inputDim: 16, hidden: 4, latentDim: 2 });
    expect(() => createVae({ latentDim: 0 })).toThrow(/latentDim >= 1/);
    expect(() => trainVae(vae, tf.zeros([4, 15]) as tf.Tensor2D)).toThrow(/shape \[n, 16\]/);
    expect(() => trainVae(vae, tf.zeros([4, 16]) as tf.Tensor2D, { learningRate: 0 })).toThrow(RangeError);
    expect(() => trainVae(vae, tf.zeros([4, 16]) as tf.Tensor2D, { beta: -1 })).toThrow(RangeError);
    expect(() => encode(vae, tf.zeros([2, 3]) as tf.Tensor2D)).toThrow(RangeError);
    expect(() => decodeProbabilities(vae, tf.zeros([2, 3]) as tf.Tensor2D)).toThrow(RangeError);
  });
});
