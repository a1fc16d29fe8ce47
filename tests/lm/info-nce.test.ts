// Tests for lib/lm/info-nce: loss and gradients against tfjs autodiff (float32: 1e-4 relative), for plain, normalised
// and symmetric variants; closed-form limits (identical orthogonal pairs, tau -> small); errors.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../lib/core/random';
import { infoNCE } from '../../lib/lm/info-nce';

await tf.setBackend('cpu');

function tfLoss(q: tf.Tensor2D, k: tf.Tensor2D, tau: number, normalize: boolean, symmetric: boolean): tf.Scalar {
  const qn = normalize ? q.div(q.norm('euclidean', 1, true)) : q;
  const kn = normalize ? k.div(k.norm('euclidean', 1, true)) : k;
  const logits = qn.matMul(kn, false, true).div(tau) as tf.Tensor2D;
  const labels = tf.eye(q.shape[0]);
  const rowLoss = tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
  if (!symmetric) return rowLoss;
  return rowLoss.add(tf.losses.softmaxCrossEntropy(labels, logits.transpose())).div(2) as tf.Scalar;
}

describe('InfoNCE', () => {
  const rng = new Rng(4);
  const n = 6, d = 5;
  const Q = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
  const K = Q.map((row) => row.map((v) => v + 0.5 * rng.normal()));
  for (const [normalize, symmetric, tau] of [[false, false, 1], [true, false, 0.1], [true, true, 0.07], [false, true, 0.5]] as const) {
    it(`loss and gradients match tfjs autodiff (normalize ${normalize}, symmetric ${symmetric}, tau ${tau})`, () => {
      const ours = infoNCE(Q, K, { normalize, symmetric, temperature: tau });
      const q = tf.tensor2d(Q), k = tf.tensor2d(K);
      const ref = tfLoss(q, k, tau, normalize, symmetric).dataSync()[0];
      const [gq, gk] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tfLoss(a as tf.Tensor2D, b as tf.Tensor2D, tau, normalize, symmetric))([q, k]);
      expect(Math.abs(ours.loss - ref) / Math.abs(ref)).toBeLessThan(1e-5);
      const scale = Math.max(...gq.dataSync().map(Math.abs), ...gk.dataSync().map(Math.abs));
      gq.dataSync().forEach((v, i) => expect(Math.abs(ours.gradQueries.data[i] - v)).toBeLessThan(1e-4 * scale));
      gk.dataSync().forEach((v, i) => expect(Math.abs(ours.gradKeys.data[i] - v)).toBeLessThan(1e-4 * scale));
    });
  }
  it('closed forms: identical orthonormal pairs give log(1 + (n - 1) e^{-1/tau}); a random guess gives log n', () => {
    const eye = Array.from({ length: 4 }, (_, i) => Array.from({ length: 4 }, (_, j) => (i === j ? 1 : 0)));
    const r = infoNCE(eye, eye, { temperature: 0.5 });
    expect(r.loss).toBeCloseTo(Math.log(1 + 3 * Math.exp(-2)), 12);
    expect(r.accuracy).toBe(1);
    const same = Array.from({ length: 4 }, () => [1, 0]);
    expect(infoNCE(same, same, { temperature: 0.1 }).loss).toBeCloseTo(Math.log(4), 12);
  });
  it('errors', () => {
    expect(() => infoNCE([[1, 2]], [[1, 2]])).toThrow(/n >= 2 pairs \(in-batch negatives\), got n = 1/);
    expect(() => infoNCE([[1, 2], [3, 4]], [[1, 2]])).toThrow(/same shape/);
    expect(() => infoNCE([[1, 2], [3, 4]], [[1, 2], [3, 4]], { temperature: 0 })).toThrow(/temperature > 0/);
    expect(() => infoNCE([[0, 0], [3, 4]], [[1, 2], [3, 4]])).toThrow(/all-zero row 0/);
  });
});
