// Tests for lib/generative/diffusion: the closed form q(x_t|x_0) equals iterating the one-step process (mean coefficient and
// variance to 1e-12, and by simulation of 20,000 chains: mean and variance within 4 standard errors); the posterior
// q(x_{t-1}|x_t,x_0) equals Bayes' rule computed independently as a product of two Gaussians (1e-12); the sampler's mean
// equals the posterior mean at the x_0 implied by the predicted noise (1e-12); the loss by hand; bad input.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../lib/core/random';
import { cosineSchedule, linearSchedule } from '../../lib/generative/noise-schedule';
import { forwardMoments, forwardSample, iteratedForwardMoments, noisePredictionLoss, posteriorCoefficients, samplerStep } from '../../lib/generative/diffusion';

const sched = linearSchedule(40, { betaStart: 1e-3, betaEnd: 0.2 });

describe('forward process', () => {
  it('closed form = iterated one-step process, in mean coefficient and variance (1e-12), both schedules', () => {
    for (const s of [sched, cosineSchedule(30)]) {
      for (const t of [0, 1, 7, s.steps - 1]) {
        const a = forwardMoments(s, t), b = iteratedForwardMoments(s, t);
        expect(Math.abs(a.meanCoef - b.meanCoef)).toBeLessThan(1e-12);
        expect(Math.abs(a.variance - b.variance)).toBeLessThan(1e-12);
      }
    }
    // t = 0: one step, mean sqrt(1 - beta_1), variance beta_1
    expect(forwardMoments(sched, 0).variance).toBeCloseTo(1e-3, 15);
  });
  it('closed-form samples and simulated chains agree in mean and variance (20,000 draws, 4 standard errors)', () => {
    const rng = new Rng(12), n = 20000, t = 9, x0 = 1.5;
    const chain = new Float64Array(n), closed = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let x = x0;
      for (let s = 0; s <= t; s++) x = Math.sqrt(sched.alphas[s]) * x + Math.sqrt(sched.betas[s]) * rng.normal();
      chain[i] = x;
    }
    const eps = Float64Array.from({ length: n }, () => rng.normal());
    closed.set(forwardSample(new Float64Array(n).fill(x0), eps, new Int32Array(n).fill(t), sched, 1));
    const { meanCoef, variance } = forwardMoments(sched, t);
    for (const xs of [chain, closed]) {
      const m = xs.reduce((a, b) => a + b, 0) / n;
      const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
      expect(Math.abs(m - meanCoef * x0)).toBeLessThan(4 * Math.sqrt(variance / n));
      // the sample variance's standard error is variance * sqrt(2 / (n - 1)) for a Gaussian
      expect(Math.abs(v - variance)).toBeLessThan(4 * variance * Math.sqrt(2 / (n - 1)));
    }
  });
  it('forwardSample by hand: x_t = sqrt(abar) x0 + sqrt(1 - abar) eps, per row with its own t', () => {
    const x = forwardSample([1, 2, 3, 4], [0.5, -0.5, 1, 0], [0, 5], sched, 2);
    const a0 = sched.alphaBars[0], a5 = sched.alphaBars[5];
    const want = [Math.sqrt(a0) * 1 + Math.sqrt(1 - a0) * 0.5, Math.sqrt(a0) * 2 - Math.sqrt(1 - a0) * 0.5, Math.sqrt(a5) * 3 + Math.sqrt(1 - a5), Math.sqrt(a5) * 4];
    expect(Array.from(x)).toEqual(want.map((v) => expect.closeTo(v, 14)));
  });
});

describe('posterior and sampler', () => {
  it('posterior q(x_{t-1}|x_t,x_0) equals the product of q(x_t|x_{t-1}) and q(x_{t-1}|x_0) (Bayes, 1e-12)', () => {
    for (const t of [1, 2, 20, 39]) {
      const { c0, ct, variance } = posteriorCoefficients(sched, t);
      // independent derivation: precision = alpha_t / beta_t + 1 / (1 - abar_{t-1});
      // mean = (sqrt(alpha_t) x_t / beta_t + sqrt(abar_{t-1}) x_0 / (1 - abar_{t-1})) / precision
      const a = sched.alphas[t], b = sched.betas[t], abPrev = sched.alphaBars[t - 1];
      const precision = a / b + 1 / (1 - abPrev);
      expect(Math.abs(variance - 1 / precision)).toBeLessThan(1e-12);
      expect(Math.abs(ct - Math.sqrt(a) / b / precision)).toBeLessThan(1e-12);
      expect(Math.abs(c0 - Math.sqrt(abPrev) / (1 - abPrev) / precision)).toBeLessThan(1e-12);
    }
    expect(posteriorCoefficients(sched, 0)).toEqual({ c0: 1, ct: 0, variance: 0 });
  });
  it("sampler step's mean = posterior mean at x0_hat = (x_t - sqrt(1 - abar) eps_hat) / sqrt(abar) (1e-12); noise scale sigma_t", () => {
    const rng = new Rng(3);
    for (const t of [1, 10, 39]) {
      const xt = Float64Array.from({ length: 6 }, () => rng.normal());
      const ep = Float64Array.from({ length: 6 }, () => rng.normal());
      const zero = new Float64Array(6), z = new Float64Array(6).fill(1);
      const mean = samplerStep(xt, ep, zero, sched, t);
      const ab = sched.alphaBars[t];
      const { c0, ct, variance } = posteriorCoefficients(sched, t);
      for (let i = 0; i < 6; i++) {
        const x0hat = (xt[i] - Math.sqrt(1 - ab) * ep[i]) / Math.sqrt(ab);
        expect(Math.abs(mean[i] - (c0 * x0hat + ct * xt[i]))).toBeLessThan(1e-12);
      }
      expect(samplerStep(xt, ep, z, sched, t)[0] - mean[0]).toBeCloseTo(Math.sqrt(sched.betas[t]), 12);
      expect(samplerStep(xt, ep, z, sched, t, { variance: 'posterior' })[0] - mean[0]).toBeCloseTo(Math.sqrt(variance), 12);
    }
    // the last step adds no noise
    expect(Array.from(samplerStep([1], [0], [5], sched, 0))).toEqual([1 / Math.sqrt(sched.alphas[0])]);
  });
  it('noise-prediction loss by hand: mean squared error over every entry', () => {
    // (1-0)^2 + (2-0)^2 + (0-1)^2 + (3-3)^2 = 6, over 4 entries
    expect(noisePredictionLoss([0, 0, 1, 3], [1, 2, 0, 3])).toBe(1.5);
  });
  it('rejects bad input', () => {
    expect(() => forwardMoments(sched, 40)).toThrow(/0 <= t < 40/);
    expect(() => forwardMoments(sched, -1)).toThrow(RangeError);
    expect(() => forwardSample([1, 2], [1], [0], sched, 2)).toThrow(/length 2/);
    expect(() => forwardSample([1, 2, 3], [1, 2, 3], [0], sched, 2)).toThrow(/n \* d = 2/);
    expect(() => noisePredictionLoss(null as unknown as number[], [1])).toThrow(TypeError);
    expect(() => noisePredictionLoss([], [])).toThrow(RangeError);
    expect(() => samplerStep([1], [1], [1], sched, 3, { variance: 'big' as 'beta' })).toThrow(/variance/);
  });
});
