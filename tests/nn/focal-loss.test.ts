// Tests for lib/nn/focal-loss: value and gradient against tfjs autodiff of the focal loss written with tf ops
// (float32: 1e-5 relative to the largest entry), against central finite differences in double (1e-8 relative),
// gamma = 0 and no alpha equal to binary cross-entropy with logits (1e-15), a hand-computed value, and errors.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { binaryFocalLoss } from '../../lib/nn/focal-loss';
import { binaryCrossEntropyWithLogits } from '../../lib/nn/losses';
import { Rng } from '../../lib/core/random';
import { maxRelErr } from '../linear/data';

await tf.setBackend('cpu');

const rng = new Rng(17);
const n = 16;
const logits = Float64Array.from({ length: n }, () => Math.fround(rng.normal(0, 3)));
const targets = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));

/** The focal loss in tf ops (probabilities, not the stable log form), and its autodiff gradient w.r.t. the logits. */
function tfFocal(gamma: number, alpha: number | null): { loss: number; grad: Float32Array } {
  const z = tf.tensor1d(Float32Array.from(logits));
  const y = tf.tensor1d(Float32Array.from(targets));
  const f = (zt: tf.Tensor): tf.Scalar => {
    const p = tf.sigmoid(zt);
    const pt = tf.add(tf.mul(y, p), tf.mul(tf.sub(1, y), tf.sub(1, p)));
    const at = alpha === null ? tf.onesLike(y) : tf.add(tf.mul(y, alpha), tf.mul(tf.sub(1, y), 1 - alpha));
    return tf.mean(tf.neg(tf.mul(tf.mul(at, tf.pow(tf.sub(1, pt), gamma)), tf.log(pt)))) as tf.Scalar;
  };
  const { value, grad } = tf.valueAndGrad(f)(z);
  const out = { loss: value.dataSync()[0], grad: grad.dataSync() as Float32Array };
  tf.dispose([z, y, value, grad]);
  return out;
}

describe('binaryFocalLoss', () => {
  for (const [gamma, alpha] of [[2, null], [2, 0.25], [0.5, 0.75], [5, null]] as const) {
    it(`gamma ${gamma}, alpha ${alpha}: value and gradient match tfjs autodiff (1e-5 relative)`, () => {
      const mine = binaryFocalLoss(logits, targets, { gamma, alpha });
      const ref = tfFocal(gamma, alpha);
      expect(Math.abs(mine.loss - ref.loss) / Math.abs(ref.loss)).toBeLessThan(1e-5);
      expect(maxRelErr(mine.grad, Float64Array.from(ref.grad))).toBeLessThan(1e-5);
    });
  }

  it('gradient matches central finite differences in double (h = 1e-6, 1e-8 relative)', () => {
    const { grad } = binaryFocalLoss(logits, targets, { gamma: 2, alpha: 0.25 });
    const fd = Float64Array.from(logits, (_, i) => {
      const zp = logits.slice(), zm = logits.slice();
      zp[i] += 1e-6; zm[i] -= 1e-6;
      return (binaryFocalLoss(zp, targets, { gamma: 2, alpha: 0.25 }).loss - binaryFocalLoss(zm, targets, { gamma: 2, alpha: 0.25 }).loss) / 2e-6;
    });
    expect(maxRelErr(grad, fd)).toBeLessThan(1e-8);
  });

  it('gamma 0 without alpha is binary cross-entropy with logits (1e-15)', () => {
    const a = binaryFocalLoss(logits, targets, { gamma: 0 });
    const b = binaryCrossEntropyWithLogits(logits, targets);
    expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-15);
    expect(maxRelErr(a.grad, b.grad)).toBeLessThan(1e-12);
  });

  it('hand-computed: z = 0, y = 1, gamma = 2 gives 0.25 log 2; an easy example (p_t = 0.9) is down-weighted 100x', () => {
    expect(binaryFocalLoss([0], [1], { gamma: 2 }).loss).toBeCloseTo(0.25 * Math.LN2, 15);
    const z = Math.log(9); // sigma(z) = 0.9
    const ratio = binaryFocalLoss([z], [1], { gamma: 2 }).loss / binaryCrossEntropyWithLogits([z], [1]).loss;
    expect(ratio).toBeCloseTo(0.01, 12);
    // gradient at z = 0, y = 1: (1 - 0.5)^2 (2 * 0.5 * log 0.5 + 0.5 - 1) = 0.25 (-log 2 - 0.5)
    expect(binaryFocalLoss([0], [1], { gamma: 2 }).grad[0]).toBeCloseTo(0.25 * (-Math.LN2 - 0.5), 15);
  });

  it('stays finite at logits of +-1000', () => {
    const r = binaryFocalLoss([1000, -1000, 1000, -1000], [0, 1, 1, 0], { gamma: 2, alpha: 0.25 });
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(Array.from(r.grad).every(Number.isFinite)).toBe(true);
    expect(r.loss).toBeCloseTo((0.75 * 1000 + 0.25 * 1000) / 4, 6);
  });

  it('rejects bad input with a place', () => {
    expect(() => binaryFocalLoss([0, 1], [1])).toThrow(/expected 2 targets/);
    expect(() => binaryFocalLoss([0], [2])).toThrow(RangeError);
    expect(() => binaryFocalLoss([0], [1], { gamma: -1 })).toThrow(/gamma >= 0/);
    expect(() => binaryFocalLoss([0], [1], { alpha: 1.5 })).toThrow(/alpha/);
    expect(() => binaryFocalLoss('ab' as unknown as number[], [1])).toThrow(TypeError);
    expect(() => binaryFocalLoss([], [])).toThrow(/at least 1/);
  });
});
