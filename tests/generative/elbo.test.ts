// Tests for lib/generative/elbo: Bernoulli log-likelihood by hand (1e-9) and against tf.losses.sigmoidCrossEntropy (1e-4,
// float32); on a tiny 1-D latent model (3 Bernoulli pixels with logits a z + b) where log p(x) is computable by quadrature:
// the one-sample ELBO averaged over eps matches the quadrature ELBO within 4 standard errors, ELBO <= log p(x) for every q,
// and the gap equals KL(q || p(z|x)) computed by quadrature (1e-6). Errors.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { bernoulliLogLikelihood, elbo, softplus } from '../../lib/generative/elbo';
import { diagGaussianLogPdf } from '../../lib/generative/gaussian-kl';
import { reparameterize } from '../../lib/generative/reparameterize';
import { Rng } from '../../lib/core/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('bernoulliLogLikelihood', () => {
  it('matches hand values (1e-9)', () => {
    // two pixels at p = 1/2: 2 ln(1/2)
    expect(bernoulliLogLikelihood([1, 0], [0, 0])).toBeCloseTo(2 * Math.log(0.5), 9);
    // x = 1, logit 2: ln sigmoid(2) = -ln(1 + e^-2) = -0.1269280110429725
    expect(bernoulliLogLikelihood([1], [2])).toBeCloseTo(-0.1269280110429725, 9);
    // x = 0, logit 2: ln(1 - sigmoid(2)) = -2.1269280110429727
    expect(bernoulliLogLikelihood([0], [2])).toBeCloseTo(-2.1269280110429727, 9);
    // stable for large logits
    expect(bernoulliLogLikelihood([1, 0], [800, -800])).toBe(0);
    expect(softplus(-800)).toBe(0);
  });

  it('equals minus tf.losses.sigmoidCrossEntropy summed over pixels (1e-4)', () => {
    const rng = new Rng(2);
    const x = Float64Array.from({ length: 50 }, () => rng.random());
    const l = Float64Array.from({ length: 50 }, () => rng.normal(0, 3));
    const ref = tf.losses.sigmoidCrossEntropy(tf.tensor1d(Float32Array.from(x)), tf.tensor1d(Float32Array.from(l)), undefined, 0, tf.Reduction.SUM).dataSync()[0];
    expect(Math.abs(bernoulliLogLikelihood(x, l) + ref)).toBeLessThan(1e-4 * Math.abs(ref));
  });
});

describe('elbo on a tiny model where log p(x) is computable', () => {
  // p(z) = N(0, 1); p(x_k | z) = Bernoulli(sigmoid(a_k z + b_k)), k = 1..3; x = (1, 0, 1)
  const a = [2, -1, 0.5], b = [-0.5, 0.3, 1], x = [1, 0, 1];
  const logits = (z: number) => a.map((ak, k) => ak * z + b[k]);
  const logJoint = (z: number) => bernoulliLogLikelihood(x, logits(z)) + diagGaussianLogPdf([z], [0], [0]);
  // trapezoid on [-12, 12]: both integrands are smooth and negligible at the ends
  const grid = Array.from({ length: 24_001 }, (_, i) => -12 + i * 0.001);
  const integrate = (f: (z: number) => number) => {
    let s = 0;
    for (let i = 0; i < grid.length; i++) s += (i === 0 || i === grid.length - 1 ? 0.5 : 1) * f(grid[i]);
    return s * 0.001;
  };
  const logPx = Math.log(integrate((z) => Math.exp(logJoint(z))));
  const q = (mu: number, lv: number) => (z: number) => Math.exp(diagGaussianLogPdf([z], [mu], [lv]));
  const quadratureElbo = (mu: number, lv: number) => integrate((z) => q(mu, lv)(z) * (logJoint(z) - diagGaussianLogPdf([z], [mu], [lv])));
  const klToPosterior = (mu: number, lv: number) => integrate((z) => q(mu, lv)(z) * (diagGaussianLogPdf([z], [mu], [lv]) - (logJoint(z) - logPx)));

  it('one-sample ELBO averaged over eps matches the quadrature ELBO within 4 standard errors', () => {
    const rng = new Rng(7);
    const mu = 0.4, lv = Math.log(0.5), n = 20_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = reparameterize([mu], [lv], [rng.normal()])[0];
      const e = elbo(x, logits(z), [mu], [lv]).elbo;
      s += e;
      s2 += e * e;
    }
    const mean = s / n, se = Math.sqrt((s2 / n - mean * mean) / (n - 1));
    expect(Math.abs(mean - quadratureElbo(mu, lv))).toBeLessThan(4 * se);
  });

  it('ELBO <= log p(x) for every q, and the gap is KL(q || p(z|x)) (1e-6)', () => {
    for (const [mu, lv] of [[0, 0], [0.4, Math.log(0.5)], [-1, 1], [1.2, -2], [0.3, Math.log(0.6)]]) {
      const e = quadratureElbo(mu, lv);
      expect(e).toBeLessThanOrEqual(logPx);
      expect(Math.abs(logPx - e - klToPosterior(mu, lv))).toBeLessThan(1e-6);
    }
  });

  it('the terms add up: elbo = reconstruction - kl, with the closed-form KL (1e-12)', () => {
    const t = elbo(x, logits(0.7), [0.4], [Math.log(0.5)]);
    expect(t.kl).toBeCloseTo(0.5 * (0.5 + 0.16 - 1 - Math.log(0.5)), 12);
    expect(t.elbo).toBeCloseTo(t.reconstruction - t.kl, 12);
  });
});

describe('errors', () => {
  it('rejects mismatched or out-of-range input', () => {
    expect(() => bernoulliLogLikelihood([1, 0], [0])).toThrow(/expected 2 logits/);
    expect(() => bernoulliLogLikelihood([2], [0])).toThrow(RangeError);
    expect(() => bernoulliLogLikelihood([], [])).toThrow(/at least 1/);
    expect(() => elbo([1], [0], [0, 0], [0])).toThrow(RangeError);
  });
});
