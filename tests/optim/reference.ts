// tfjs reference runs for the optimizer tests: apply a given gradient sequence, or minimise a quadratic, with a tf.train optimizer.
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../lib/core/random';

/** p float32-representable starting values and `steps` gradient vectors (also float32-representable), seeded. */
export function gradientSequence(seed: number, p: number, steps: number, scale = 1): { x0: Float64Array; grads: Float64Array[] } {
  const rng = new Rng(seed);
  const x0 = Float64Array.from({ length: p }, () => Math.fround(rng.normal()));
  // a drifting mean plus noise, with magnitudes spread over two orders (so adaptive methods scale coordinates differently)
  const mag = Float64Array.from({ length: p }, (_, i) => scale * Math.pow(10, -1 + (2 * i) / Math.max(1, p - 1)));
  const grads: Float64Array[] = [];
  for (let t = 0; t < steps; t++) grads.push(Float64Array.from({ length: p }, (_, i) => Math.fround(mag[i] * (0.5 + rng.normal()))));
  return { x0, grads };
}

/** Feeds the gradients to a tf.train optimizer one step at a time and returns the parameters after each step. */
export function tfjsApply(optimizer: tf.Optimizer, x0: Float64Array, grads: Float64Array[]): Float64Array[] {
  const v = tf.variable(tf.tensor1d(Array.from(x0)));
  const out: Float64Array[] = [];
  for (const g of grads) {
    const gt = tf.tensor1d(Array.from(g));
    optimizer.applyGradients({ [v.name]: gt });
    gt.dispose();
    out.push(Float64Array.from(v.dataSync()));
  }
  optimizer.dispose();
  v.dispose();
  return out;
}

/** Minimises 1/2 sum h_i (x_i - c_i)^2 with a tf.train optimizer, `steps` times; returns the iterate after each step. */
export function tfjsMinimizeQuadratic(optimizer: tf.Optimizer, h: number[], c: number[], x0: Float64Array, steps: number): Float64Array[] {
  const v = tf.variable(tf.tensor1d(Array.from(x0)));
  const H = tf.tensor1d(h), C = tf.tensor1d(c);
  const out: Float64Array[] = [];
  for (let t = 0; t < steps; t++) {
    optimizer.minimize(() => tf.mul(0.5, tf.sum(tf.mul(H, tf.square(tf.sub(v, C))))) as tf.Scalar);
    out.push(Float64Array.from(v.dataSync()));
  }
  optimizer.dispose();
  tf.dispose([v, H, C]);
  return out;
}

/** max_i |a_i - b_i| / max_i |b_i|: error relative to the reference's largest entry. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`length ${a.length} vs ${b.length}`);
  let diff = 0, scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}
