// Tests for lib/formulas/information: hand-computed cases (exact to 1e-12), the identity H(p, q) = H(p) + KL(p || q)
// with lib/classic/decision-tree's entropy, cross-entropy against tf.losses.softmaxCrossEntropy on log q (float32: 1e-5
// relative), Gibbs' inequality on seeded random distributions, and error paths.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { entropy } from '../../lib/classic/decision-tree';
import { Rng } from '../../lib/core/random';
import { crossEntropy, klDivergence } from '../../lib/formulas/information';

await tf.setBackend('cpu');

function randomDistribution(rng: Rng, k: number): Float64Array {
  const v = Float64Array.from({ length: k }, () => rng.uniform(0.01, 1));
  const s = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x / s);
}

describe('crossEntropy and klDivergence', () => {
  it('hand-computed cases', () => {
    expect(klDivergence([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.5 * Math.log(4 / 3), 12);
    expect(klDivergence([0.5, 0.5], [0.25, 0.75], 2)).toBeCloseTo(0.5 * Math.log2(4 / 3), 12);
    expect(crossEntropy([1, 0, 0], [0.5, 0.25, 0.25])).toBeCloseTo(Math.log(2), 12);
    expect(crossEntropy([0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25], 2)).toBeCloseTo(2, 12);
    // 0 log 0 = 0, and q = 0 where p > 0 is an infinite cost.
    expect(klDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(Math.log(2), 12);
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(crossEntropy([0.5, 0.5], [1, 0])).toBe(Infinity);
  });

  it('H(p, q) = H(p) + KL(p || q), KL >= 0 with equality iff p = q, and KL is not symmetric', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 50; trial++) {
      const k = 2 + rng.int(6);
      const p = randomDistribution(rng, k), q = randomDistribution(rng, k);
      expect(Math.abs(crossEntropy(p, q) - (entropy(p, Math.E) + klDivergence(p, q)))).toBeLessThan(1e-12);
      expect(klDivergence(p, q)).toBeGreaterThan(0);
      expect(klDivergence(p, p)).toBe(0);
      expect(crossEntropy(p, p)).toBeCloseTo(entropy(p, Math.E), 12);
    }
    expect(Math.abs(klDivergence([0.9, 0.1], [0.5, 0.5]) - klDivergence([0.5, 0.5], [0.9, 0.1]))).toBeGreaterThan(0.05);
  });

  it('cross-entropy equals tf.losses.softmaxCrossEntropy with p as soft labels and log q as logits', () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 10; trial++) {
      const p = randomDistribution(rng, 5), q = randomDistribution(rng, 5);
      const t = tf.losses.softmaxCrossEntropy(tf.tensor2d([Array.from(p)]), tf.tensor2d([Array.from(q, Math.log)]));
      const ref = t.dataSync()[0];
      t.dispose();
      expect(Math.abs(crossEntropy(p, q) - ref) / ref).toBeLessThan(1e-5);
    }
  });

  it('rejects bad input', () => {
    expect(() => klDivergence([], [])).toThrow(RangeError);
    expect(() => klDivergence([0.5, 0.5], [1])).toThrow(/expected q with 2 outcomes/);
    expect(() => klDivergence([0.5, 0.6], [0.5, 0.5])).toThrow(/sum to 1/);
    expect(() => crossEntropy([NaN, 1], [0.5, 0.5])).toThrow(RangeError);
    expect(() => crossEntropy([-0.5, 1.5], [0.5, 0.5])).toThrow(/>= 0/);
    expect(() => crossEntropy('ab' as unknown as number[], [0.5, 0.5])).toThrow(TypeError);
    expect(() => crossEntropy([1], [1], 1)).toThrow(/base > 1/);
  });
});
