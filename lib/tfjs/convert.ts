// Conversions between the lib's Float64Array structures (Matrix, Tensor4) and tfjs float32 tensors.
import * as tf from '@tensorflow/tfjs';
import { asMatrix, type Matrix } from '../core/matrix';
import { asTensor4, tensor4, type Tensor4 } from '../cnn/tensor4';

/** A rows x cols Matrix as a float32 tf.Tensor2D (values rounded to float32). */
export function matrixToTensor(m: Matrix): tf.Tensor2D {
  const M = asMatrix(m, 'm', true);
  return tf.tensor2d(Float32Array.from(M.data), [M.rows, M.cols]);
}

/** A 2-D tensor's values as a Float64Array Matrix (a copy). */
export function tensorToMatrix(t: tf.Tensor): Matrix {
  if (t.rank !== 2) throw new RangeError(`expected a 2-D tensor, got rank ${t.rank} (shape [${t.shape.join(', ')}])`);
  const [rows, cols] = t.shape as [number, number];
  return { rows, cols, data: Float64Array.from(t.dataSync()) };
}

/** A 4-D array (NHWC or HWIO) as a float32 tf.Tensor4D. */
export function tensor4ToTf(t: Tensor4): tf.Tensor4D {
  const T = asTensor4(t, 't', true);
  return tf.tensor4d(Float32Array.from(T.data), [...T.shape]);
}

/** A 4-D tensor's values as a Float64Array {@link Tensor4} (a copy). */
export function tfToTensor4(t: tf.Tensor): Tensor4 {
  if (t.rank !== 4) throw new RangeError(`expected a 4-D tensor, got rank ${t.rank} (shape [${t.shape.join(', ')}])`);
  return tensor4(t.shape, t.dataSync());
}
