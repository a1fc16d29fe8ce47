// DPO loss and gradient against tf.grad of -log(sigmoid(beta * ((pc - rc) - (pr - rr)))) (1e-5 relative, float32);
// the tfjs training version; identities (DPO = Bradley-Terry on implicit rewards; loss log 2 at the reference).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../lib/core/random';
import { dpoLoss } from '../../lib/lm/dpo';
import { bradleyTerryLoss } from '../../lib/lm/reward-model';
import { dpoLossTf, sequenceLogProbsTf } from '../../lib/lm/losses-tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rng = new Rng(12);
const n = 10;
const lp = () => Array.from({ length: n }, () => -20 + rng.normal(0, 3));
const batch = { policyChosen: lp(), policyRejected: lp(), refChosen: lp(), refRejected: lp() };
const relErr = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let d = 0, s = 0;
  for (let i = 0; i < a.length; i++) { d = Math.max(d, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
  return d / s;
};

describe('dpoLoss', () => {
  for (const beta of [0.1, 0.5]) {
    it(`beta = ${beta}: loss and gradient w.r.t. policy log-probs match tfjs autodiff`, () => {
      const mine = dpoLoss(batch, beta);
      const rc = tf.tensor1d(batch.refChosen), rr = tf.tensor1d(batch.refRejected);
      const f = (pc: tf.Tensor, pr: tf.Tensor) => tf.log(tf.sigmoid(pc.sub(rc).sub(pr.sub(rr)).mul(beta))).neg().mean() as tf.Scalar;
      const pc = tf.tensor1d(batch.policyChosen), pr = tf.tensor1d(batch.policyRejected);
      expect(Math.abs(mine.loss - f(pc, pr).dataSync()[0]) / mine.loss).toBeLessThan(1e-5);
      const [gc, gr] = tf.grads(f)([pc, pr]);
      expect(relErr(mine.gradChosen, gc.dataSync())).toBeLessThan(1e-5);
      expect(relErr(mine.gradRejected, gr.dataSync())).toBeLessThan(1e-5);
      const tfLoss = dpoLossTf(pc, pr, rc, rr, beta).dataSync()[0];
      expect(Math.abs(tfLoss - mine.loss) / mine.loss).toBeLessThan(1e-5);
    });
  }

  it('is Bradley-Terry on the implicit rewards beta log(pi/pi_ref); log 2 when the policy is the reference', () => {
    const d = dpoLoss(batch, 0.3);
    const bt = bradleyTerryLoss(d.chosenRewards, d.rejectedRewards);
    expect(d.loss).toBeCloseTo(bt.loss, 14);
    const same = dpoLoss({ policyChosen: batch.refChosen, policyRejected: batch.refRejected, refChosen: batch.refChosen, refRejected: batch.refRejected }, 0.3);
    expect(same.loss).toBeCloseTo(Math.LN2, 14);
    expect(same.meanMargin).toBe(0);
    // hand: one pair, margins: chosen up by 2 nats, rejected down by 1 nat, beta 0.5 -> margin 1.5
    const one = dpoLoss({ policyChosen: [-8], policyRejected: [-11], refChosen: [-10], refRejected: [-10] }, 0.5);
    expect(one.margins[0]).toBeCloseTo(1.5, 15);
    expect(one.loss).toBeCloseTo(Math.log1p(Math.exp(-1.5)), 15);
    expect(one.accuracy).toBe(1);
  });

  it('sequenceLogProbsTf sums masked log-softmax at the targets (hand check)', () => {
    const logits = tf.tensor3d([[[0, 0], [Math.log(3), 0], [5, 5]]]); // 1 x 3 x 2
    const out = sequenceLogProbsTf(logits, tf.tensor2d([[1, 0, 1]], [1, 3], 'int32'), tf.tensor2d([[1, 1, 0]])).dataSync()[0];
    expect(out).toBeCloseTo(Math.log(0.5) + Math.log(0.75), 6);
  });

  it('rejects bad input', () => {
    expect(() => dpoLoss(batch, 0)).toThrow('expected beta > 0, got beta = 0');
    expect(() => dpoLoss({ ...batch, refRejected: [1] }, 0.1)).toThrow('expected 10 values in batch.refRejected (one per pair), got 1');
    expect(() => dpoLoss({ ...batch, policyChosen: null as unknown as number[] }, 0.1)).toThrow(TypeError);
    expect(() => dpoLoss({ policyChosen: [], policyRejected: [], refChosen: [], refRejected: [] }, 0.1)).toThrow(RangeError);
  });
});
