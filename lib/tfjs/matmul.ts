// A matrix product whose forward and backward passes never ask the backend for a transposed operand (tfjs-backend-wasm's transposed path is 10-20x slower).
import * as tf from '@tensorflow/tfjs';

/** Swaps the last two axes of a rank-2..4 tensor (an explicit, materialised transpose). */
export function swapLastAxes(x: tf.Tensor): tf.Tensor {
  const r = x.rank;
  if (r < 2 || r > 4) throw new RangeError(`swapLastAxes: expected a tensor of rank 2 to 4, got rank ${r}`);
  const perm = Array.from({ length: r }, (_, i) => i);
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  return tf.transpose(x, perm);
}

/**
 * a b for a [..., m, k] and b [..., k, n] (same leading axes), with the gradients
 *   dL/da = dy b^T,   dL/db = a^T dy
 * computed as products of explicitly transposed tensors. tf.matMul's own gradient asks for transposeA/transposeB,
 * which tfjs-backend-wasm 4.22 serves with a slow loop instead of XNNPACK (measured on this machine: 1-2 GFLOP/s
 * against 15-23 GFLOP/s for the same product with the operand transposed first; bench/lm-train.ts). Same values as
 * tf.matMul up to float32 rounding; works on every backend.
 */
export const matMulFast: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  // tf.customGrad passes the inputs and then the save function in one rest list.
  const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  if (a.rank < 2 || a.rank !== b.rank) throw new RangeError(`matMulFast: expected operands of equal rank >= 2, got ranks ${a.rank} and ${b.rank}`);
  if (a.shape[a.rank - 1] !== b.shape[b.rank - 2]) {
    throw new RangeError(`matMulFast: expected inner dimensions to match, got [${a.shape.join(', ')}] x [${b.shape.join(', ')}]`);
  }
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved;
      return [tf.matMul(dy, swapLastAxes(sb)), tf.matMul(swapLastAxes(sa), dy)];
    },
  };
}) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
