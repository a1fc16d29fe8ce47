// Tests for lib/generative/gan: loss values and gradients against tfjs autodiff of the textbook formulas written with
// log(sigmoid) (1e-5 relative, tfjs is float32), hand cases at logit 0 (log 2, gradients 1/2n), stability at logits +-1000,
// the saturating loss's vanishing gradient when D rejects the fakes, and the tfjs training losses equal the float64 ones.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { discriminatorLoss, discriminatorLossTf, generatorLoss, generatorLossTf } from '../../lib/generative/gan';

const real = [2.1, -0.4, 0.3, 1.7], fake = [-1.2, 0.8, -2.5];
const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>) => { let d = 0, s = 0; for (let i = 0; i < a.length; i++) { d = Math.max(d, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); } return d / s; };

describe('GAN losses', () => {
  it('discriminator loss and gradients match tfjs autodiff of -mean log D(real) - mean log(1 - D(fake)) (1e-5)', () => {
    const f = (r: tf.Tensor, g: tf.Tensor) => tf.log(tf.sigmoid(r)).mean().neg().sub(tf.log(tf.scalar(1).sub(tf.sigmoid(g))).mean()) as tf.Scalar;
    const rT = tf.tensor1d(real), fT = tf.tensor1d(fake);
    const ref = f(rT, fT).dataSync()[0];
    const [gr, gf] = tf.grads(f)([rT, fT]);
    const mine = discriminatorLoss(real, fake);
    expect(Math.abs(mine.loss - ref) / ref).toBeLessThan(1e-5);
    expect(maxRel(mine.gradReal, gr.dataSync())).toBeLessThan(1e-5);
    expect(maxRel(mine.gradFake, gf.dataSync())).toBeLessThan(1e-5);
    expect(Math.abs(discriminatorLossTf(rT, fT).dataSync()[0] - mine.loss)).toBeLessThan(1e-5);
  });
  it('generator losses and gradients match tfjs autodiff: non-saturating -mean log D, saturating mean log(1 - D) (1e-5)', () => {
    const fT = tf.tensor1d(fake);
    const ns = (g: tf.Tensor) => tf.log(tf.sigmoid(g)).mean().neg() as tf.Scalar;
    const sat = (g: tf.Tensor) => tf.log(tf.scalar(1).sub(tf.sigmoid(g))).mean() as tf.Scalar;
    for (const [kind, f] of [['non-saturating', ns], ['saturating', sat]] as const) {
      const mine = generatorLoss(fake, kind);
      const ref = f(fT).dataSync()[0];
      expect(Math.abs(mine.loss - ref) / Math.abs(ref)).toBeLessThan(1e-5);
      expect(maxRel(mine.grad, tf.grad(f)(fT).dataSync())).toBeLessThan(1e-5);
      expect(Math.abs(generatorLossTf(fT, kind).dataSync()[0] - mine.loss)).toBeLessThan(1e-5);
    }
  });
  it('hand cases: at logit 0 (D = 1/2) the D loss is 2 log 2 and each gradient 1/(2n)', () => {
    const d = discriminatorLoss([0, 0], [0]);
    expect(d.loss).toBeCloseTo(2 * Math.LN2, 15);
    expect(Array.from(d.gradReal)).toEqual([-0.25, -0.25]);
    expect(Array.from(d.gradFake)).toEqual([0.5]);
    expect(generatorLoss([0]).loss).toBeCloseTo(Math.LN2, 15);
    expect(generatorLoss([0], 'saturating').loss).toBeCloseTo(-Math.LN2, 15);
  });
  it('stable at logits +-1000 (no Infinity / NaN): -log sigma(-1000) = 1000', () => {
    const d = discriminatorLoss([-1000], [1000]);
    expect(d.loss).toBe(2000);
    expect(generatorLoss([-1000]).loss).toBe(1000);
    expect(generatorLoss([1000], 'saturating').loss).toBe(-1000);
  });
  it('why non-saturating: when D rejects the fakes (logit -6) the saturating gradient is ~400x smaller', () => {
    const sat = Math.abs(generatorLoss([-6], 'saturating').grad[0]); // sigma(-6) = 0.00247
    const ns = Math.abs(generatorLoss([-6]).grad[0]); // sigma(6) = 0.99753
    expect(sat).toBeCloseTo(0.0024726, 6);
    expect(ns / sat).toBeGreaterThan(400);
  });
  it('rejects bad input', () => {
    expect(() => discriminatorLoss([], [1])).toThrow(/at least 1 logit/);
    expect(() => discriminatorLoss([NaN], [1])).toThrow(RangeError);
    expect(() => generatorLoss('x' as unknown as number[])).toThrow(TypeError);
    expect(() => generatorLoss([1], 'wasserstein' as 'saturating')).toThrow(/kind/);
  });
});
