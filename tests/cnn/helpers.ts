// Shared helpers for the CNN tests: seeded random 4-D arrays and the relative error used as tolerance.
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../lib/core/random';
import { tensor4, type Tensor4 } from '../../lib/cnn/tensor4';

/** A 4-D array of standard normal values from a seeded generator. */
export function randn4(rng: Rng, shape: [number, number, number, number]): Tensor4 {
  return tensor4(shape, Float64Array.from({ length: shape[0] * shape[1] * shape[2] * shape[3] }, () => rng.normal()));
}

/** The same values as a tfjs float32 tensor. */
export function toTf(t: Tensor4): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from(t.data), [...t.shape]);
}

/** max |a - b| / max(max |b|, tiny): error relative to the largest reference entry. */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / Math.max(den, 1e-30);
}
