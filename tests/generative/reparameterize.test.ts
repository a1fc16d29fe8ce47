// Tests for lib/generative/reparameterize: a hand case, the moments of z (mean mu, variance exp(logVar), within 4 standard
// errors), the analytic backward pass against tfjs autodiff (tf.grads) of the tf version (relative 1e-5), and errors.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { reparameterize, reparameterizeBackward } from '../../lib/generative/reparameterize';
import { reparameterizeTf } from '../../lib/generative/vae';
import { Rng } from '../../lib/core/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('reparameterize', () => {
  it('computes mu + exp(logVar/2) eps by hand (1e-12)', () => {
    const z = reparameterize([1, -1, 0], [0, Math.log(4), Math.log(0.25)], [2, 0.5, -2]);
    // 1 + 1*2 = 3; -1 + 2*0.5 = 0; 0 + 0.5*(-2) = -1
    expect(Array.from(z).map((v) => Number(v.toFixed(12)))).toEqual([3, 0, -1]);
  });

  it('gives z with mean mu and variance exp(logVar) (4 standard errors)', () => {
    const rng = new Rng(3);
    const n = 20_000, mu = 1.5, lv = Math.log(0.36);
    const zs = Array.from({ length: n }, () => reparameterize([mu], [lv], [rng.normal()])[0]);
    const mean = zs.reduce((a, b) => a + b, 0) / n;
    const variance = zs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean - mu)).toBeLessThan(4 * Math.sqrt(0.36 / n));
    // Var of the sample variance of a normal: 2 sigma^4 / (n - 1)
    expect(Math.abs(variance - 0.36)).toBeLessThan(4 * Math.sqrt((2 * 0.36 ** 2) / (n - 1)));
  });

  it('backward pass matches tf.grads of sum(w * z) (relative 1e-5)', () => {
    const rng = new Rng(5);
    const d = 7;
    const mu = Float64Array.from({ length: d }, () => rng.normal());
    const lv = Float64Array.from({ length: d }, () => rng.normal(0, 0.7));
    const eps = Float64Array.from({ length: d }, () => rng.normal());
    const w = Float64Array.from({ length: d }, () => rng.normal());
    const { gradMu, gradLogVar } = reparameterizeBackward(mu, lv, eps, w);
    const f = (m: tf.Tensor, l: tf.Tensor) => reparameterizeTf(m, l, tf.tensor1d(Float32Array.from(eps))).mul(tf.tensor1d(Float32Array.from(w))).sum();
    const [gm, gl] = tf.grads(f)([tf.tensor1d(Float32Array.from(mu)), tf.tensor1d(Float32Array.from(lv))]);
    const gmData = gm.dataSync(), glData = gl.dataSync();
    for (let i = 0; i < d; i++) {
      expect(Math.abs(gradMu[i] - gmData[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(gradMu[i])));
      expect(Math.abs(gradLogVar[i] - glData[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(gradLogVar[i])));
    }
    // the log-variance gradient is not the mean gradient: the trick makes sigma learn
    expect(gradLogVar.some((g, i) => Math.abs(g - gradMu[i]) > 0.1)).toBe(true);
  });

  it('backward pass matches central finite differences of z (1e-6)', () => {
    const mu = [0.2], lv = [-0.4], eps = [1.3], h = 1e-6;
    const { gradLogVar } = reparameterizeBackward(mu, lv, eps, [1]);
    const fd = (reparameterize(mu, [lv[0] + h], eps)[0] - reparameterize(mu, [lv[0] - h], eps)[0]) / (2 * h);
    expect(Math.abs(gradLogVar[0] - fd)).toBeLessThan(1e-6);
  });

  it('rejects bad input', () => {
    expect(() => reparameterize([0, 0], [0], [0, 0])).toThrow(RangeError);
    expect(() => reparameterize(null as unknown as number[], [0], [0])).toThrow(TypeError);
    expect(() => reparameterizeBackward([0], [0], [0], [1, 2])).toThrow(/gradZ of length 1/);
  });
});
