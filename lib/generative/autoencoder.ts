// A deterministic dense autoencoder in tfjs (encoder to a small code, sigmoid decoder) trained on squared reconstruction error, and the reconstruction error itself.
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../core/random';
import { seededDense } from './vae';

export interface AutoencoderOptions {
  /** Pixels per example (D). */
  inputDim: number;
  /** Units of the hidden ReLU layer on each side. */
  hidden: number;
  /** Code size k. */
  latentDim: number;
  /** Seed of the weight initialisers. */
  seed: number;
}

export const autoencoderDefaults: Readonly<AutoencoderOptions> = { inputDim: 784, hidden: 256, latentDim: 8, seed: 0 };

/** encoder: [n, D] -> [n, k] (linear code); decoder: [n, k] -> [n, D] pixel values in (0, 1). */
export interface Autoencoder {
  encoder: tf.Sequential;
  decoder: tf.Sequential;
  options: Readonly<AutoencoderOptions>;
}

export function createAutoencoder(options: Partial<AutoencoderOptions> = {}): Autoencoder {
  const o: AutoencoderOptions = { ...autoencoderDefaults, ...options };
  for (const k of ['inputDim', 'hidden', 'latentDim'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new RangeError(`createAutoencoder: expected ${k} >= 1 (an integer), got ${k} = ${o[k]}`);
  }
  const encoder = tf.sequential({ layers: [seededDense(o.hidden, o.seed, 'relu', o.inputDim), seededDense(o.latentDim, o.seed + 1, 'linear')] });
  const decoder = tf.sequential({ layers: [seededDense(o.hidden, o.seed + 2, 'relu', o.latentDim), seededDense(o.inputDim, o.seed + 3, 'sigmoid')] });
  return { encoder, decoder, options: o };
}

/** decoder(encoder(x)), [n, D]. */
export function reconstruct(ae: Autoencoder, x: tf.Tensor2D): tf.Tensor2D {
  if (x.rank !== 2 || x.shape[1] !== ae.options.inputDim) throw new RangeError(`reconstruct: expected x of shape [n, ${ae.options.inputDim}], got [${x.shape.join(', ')}]`);
  return tf.tidy(() => ae.decoder.apply(ae.encoder.apply(x)) as tf.Tensor2D);
}

export interface TrainAutoencoderOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Seed of the shuffles. */
  seed: number;
}

export const trainAutoencoderDefaults: Readonly<TrainAutoencoderOptions> = { epochs: 10, batchSize: 100, learningRate: 1e-3, seed: 0 };

/**
 * Adam on the mean over examples of the summed squared error sum_k (x_k - xhat_k)^2 (the quantity PCA minimises).
 * @returns the mean training loss of each epoch
 */
export function trainAutoencoder(ae: Autoencoder, x: tf.Tensor2D, options: Partial<TrainAutoencoderOptions> = {}): number[] {
  const o: TrainAutoencoderOptions = { ...trainAutoencoderDefaults, ...options };
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`trainAutoencoder: expected epochs >= 1, got epochs = ${o.epochs}`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new RangeError(`trainAutoencoder: expected batchSize >= 1, got batchSize = ${o.batchSize}`);
  if (!(o.learningRate > 0)) throw new RangeError(`trainAutoencoder: expected learningRate > 0, got learningRate = ${o.learningRate}`);
  if (x.rank !== 2 || x.shape[1] !== ae.options.inputDim) throw new RangeError(`trainAutoencoder: expected x of shape [n, ${ae.options.inputDim}], got [${x.shape.join(', ')}]`);
  const n = x.shape[0];
  const rng = new Rng(o.seed);
  const optimizer = tf.train.adam(o.learningRate);
  const varList = [...ae.encoder.trainableWeights, ...ae.decoder.trainableWeights].map((w) => w.read() as tf.Variable);
  const losses: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = rng.permutation(n);
    let sum = 0;
    for (let start = 0; start < n; start += o.batchSize) {
      const idx = Int32Array.from(order.subarray(start, Math.min(n, start + o.batchSize)));
      const loss = tf.tidy(() => {
        const batch = tf.gather(x, tf.tensor1d(idx, 'int32')) as tf.Tensor2D;
        return optimizer.minimize(() => reconstruct(ae, batch).sub(batch).square().sum(1).mean() as tf.Scalar, true, varList)!.dataSync()[0];
      });
      sum += loss * idx.length;
    }
    losses.push(sum / n);
  }
  optimizer.dispose();
  return losses;
}

/**
 * Mean over examples of the summed squared reconstruction error, sum_k (x_k - xhat_k)^2, in float64.
 * @param x - n x D row-major
 * @param xHat - n x D row-major reconstruction
 * @param d - D, values per example
 */
export function reconstructionError(x: ArrayLike<number>, xHat: ArrayLike<number>, d: number): number {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`reconstructionError: expected d >= 1, got d = ${d}`);
  if (x.length !== xHat.length) throw new RangeError(`reconstructionError: expected a reconstruction of ${x.length} values, got ${xHat.length}`);
  if (x.length === 0 || x.length % d !== 0) throw new RangeError(`reconstructionError: expected a positive multiple of d = ${d} values, got ${x.length}`);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - xHat[i]) ** 2;
  return s / (x.length / d);
}
