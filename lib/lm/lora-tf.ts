// A LoRA-adapted dense map in tfjs for training: y = x K + (alpha/r) (x D) U with K frozen and the low-rank D, U trainable.
import * as tf from '@tensorflow/tfjs';

/**
 * tfjs stores a dense weight as a kernel K = W^T (d_in x d_out, y = x K). In that layout the adapter is
 * D = A^T (d_in x r, "down") and U = B^T (r x d_out, "up", zero at the start), so K' = K + (alpha/r) D U.
 */
export interface LoraTf {
  down: tf.Variable<tf.Rank.R2>;
  up: tf.Variable<tf.Rank.R2>;
  scale: number;
}

/** A fresh adapter for a d_in x d_out kernel: D ~ N(0, 1/d_in), U = 0, both trainable variables. */
export function createLoraTf(dIn: number, dOut: number, rank: number, options: { alpha?: number; seed?: number; name?: string } = {}): LoraTf {
  if (!Number.isInteger(rank) || rank < 1 || rank > Math.min(dIn, dOut)) throw new RangeError(`expected 1 <= rank <= min(dIn, dOut) = ${Math.min(dIn, dOut)}, got rank = ${rank}`);
  const alpha = options.alpha ?? rank;
  const down = tf.variable(tf.randomNormal([dIn, rank], 0, 1 / Math.sqrt(dIn), 'float32', options.seed), true, options.name ? `${options.name}/lora_down` : undefined) as tf.Variable<tf.Rank.R2>;
  const up = tf.variable(tf.zeros([rank, dOut]), true, options.name ? `${options.name}/lora_up` : undefined) as tf.Variable<tf.Rank.R2>;
  return { down, up, scale: alpha / rank };
}

/** x K + scale (x D) U for x of shape [..., d_in] (leading axes flattened and restored). */
export function loraApplyTf(x: tf.Tensor, kernel: tf.Tensor2D, adapter: LoraTf | null): tf.Tensor {
  return tf.tidy(() => {
    const shape = x.shape;
    const dIn = shape[shape.length - 1];
    if (dIn !== kernel.shape[0]) throw new RangeError(`expected x with last axis ${kernel.shape[0]} (d_in), got ${dIn}`);
    const flat = x.reshape([-1, dIn]) as tf.Tensor2D;
    let y = flat.matMul(kernel);
    if (adapter) y = y.add(flat.matMul(adapter.down).matMul(adapter.up).mul(adapter.scale));
    return y.reshape([...shape.slice(0, -1), kernel.shape[1]]);
  });
}

/** K' = K + scale D U: the merged kernel (a new tensor; K is unchanged). */
export function loraMergeTf(kernel: tf.Tensor2D, adapter: LoraTf): tf.Tensor2D {
  return tf.tidy(() => kernel.add(adapter.down.matMul(adapter.up).mul(adapter.scale)) as tf.Tensor2D);
}
