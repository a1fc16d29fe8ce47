// Distillation loss against tfjs (T^2 [cross-entropy(p_t, s/T) - H(p_t)] with tf.losses.softmaxCrossEntropy for the value,
// tf.grad of it for the gradient; 1e-5 relative, float32),
// Hinton's high-temperature limit (logit matching), and T = 1.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../lib/core/random';
import { distillationLoss, softmaxWithTemperature } from '../../lib/lm/distillation';
import { distillationLossTf } from '../../lib/lm/losses-tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rng = new Rng(3);
const n = 4, k = 6;
const student = Array.from({ length: n }, () => Array.from({ length: k }, () => rng.normal(0, 2)));
const teacher = Array.from({ length: n }, () => Array.from({ length: k }, () => rng.normal(0, 3)));
/** T^2 KL(p_t || p_s) as cross-entropy minus entropy, from tfjs's own softmax cross-entropy (soft labels). */
function tfRef(s: tf.Tensor, t: tf.Tensor, T: number): tf.Scalar {
  const pt = tf.softmax(t.div(T));
  const h = pt.mul(tf.log(pt)).sum(1).neg().mean();
  return tf.losses.softmaxCrossEntropy(pt, s.div(T)).sub(h).mul(T * T) as tf.Scalar;
}

describe('distillationLoss', () => {
  for (const T of [1, 2, 5]) {
    it(`T = ${T}: value = T^2 (CE - H) via tf.losses.softmaxCrossEntropy, gradient = tf.grad (1e-5 relative)`, () => {
      const tS = tf.tensor2d(student), tT = tf.tensor2d(teacher);
      const mine = distillationLoss(student, teacher, { temperature: T });
      const ref = tfRef(tS, tT, T).dataSync()[0];
      expect(Math.abs(mine.loss - ref) / ref).toBeLessThan(1e-5);
      const g = tf.grad((s: tf.Tensor) => tfRef(s, tT, T))(tS).dataSync();
      const scale = Math.max(...Array.from(g, Math.abs));
      for (let i = 0; i < g.length; i++) expect(Math.abs(mine.grad.data[i] - g[i]) / scale).toBeLessThan(1e-5);
      // the tfjs training version agrees too
      expect(Math.abs(distillationLossTf(tS, tT, T).dataSync()[0] - mine.loss) / mine.loss).toBeLessThan(1e-5);
    });
  }

  it("high T: T^2 KL -> (1/2K) sum (z_s - z_t)^2 for zero-mean logits (Hinton et al.'s logit-matching limit)", () => {
    const center = (r: number[]) => { const m = r.reduce((a, b) => a + b, 0) / r.length; return r.map((v) => v - m); };
    const s = student.map(center), t = teacher.map(center);
    const limit = s.reduce((acc, row, i) => acc + row.reduce((a, v, j) => a + (v - t[i][j]) ** 2, 0) / (2 * k), 0) / n;
    const got = distillationLoss(s, t, { temperature: 1000 }).loss;
    expect(Math.abs(got - limit) / limit).toBeLessThan(1e-2);
  });

  it('is 0 when the student equals the teacher, and softened distributions flatten with T', () => {
    expect(distillationLoss(teacher, teacher, { temperature: 3 }).loss).toBeCloseTo(0, 12);
    const p1 = softmaxWithTemperature([[3, 1, 0]], 1).data, p5 = softmaxWithTemperature([[3, 1, 0]], 5).data;
    expect(p5[0]).toBeLessThan(p1[0]);
    expect(p5[2]).toBeGreaterThan(p1[2]);
  });

  it('rejects bad temperature and mismatched shapes', () => {
    expect(() => distillationLoss(student, teacher, { temperature: 0 })).toThrow('expected temperature > 0, got temperature = 0');
    expect(() => distillationLoss(student, teacher.slice(1))).toThrow(RangeError);
    expect(() => distillationLoss('x' as unknown as number[][], teacher)).toThrow(TypeError);
  });
});
