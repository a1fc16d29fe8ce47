// Shared helpers for the attention tests.
import * as tf from '@tensorflow/tfjs';
import { matrix, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

export function randMatrix(rng: Rng, rows: number, cols: number, std = 1): Matrix {
  return matrix(rows, cols, Float64Array.from({ length: rows * cols }, () => rng.normal(0, std)));
}

export function toTf(m: Matrix): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);
}

/** max |a - b| / max |b|. */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(b[i])); }
  return num / Math.max(den, 1e-300);
}

/** The same attention written with tfjs ops: softmax(Q K^T * scale + (mask - 1) * 1e9) V. */
export function tfAttention(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, mask?: Matrix, scale?: number): { out: tf.Tensor2D; weights: tf.Tensor2D } {
  return tf.tidy(() => {
    let s = q.matMul(k, false, true).mul(scale ?? 1 / Math.sqrt(q.shape[1]));
    if (mask) s = s.add(toTf(mask).sub(1).mul(1e9));
    const w = tf.softmax(s) as tf.Tensor2D;
    return { out: w.matMul(v) as tf.Tensor2D, weights: w };
  });
}
