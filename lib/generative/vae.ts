// A variational autoencoder in tfjs: dense encoder to (mu, logVar), reparameterised sample, dense Bernoulli decoder, trained on -ELBO with the KL in closed form.
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../core/random';

export interface VaeOptions {
  /** Pixels per example (D), e.g. 784 for 28 x 28 digits. */
  inputDim: number;
  /** Units of the single hidden ReLU layer of the encoder and of the decoder. */
  hidden: number;
  /** Latent dimension d. */
  latentDim: number;
  /** Seed of the weight initialisers (independent of Math.random). */
  seed: number;
}

export const vaeDefaults: Readonly<VaeOptions> = { inputDim: 784, hidden: 256, latentDim: 2, seed: 0 };

/** Encoder: x [n, D] -> [n, 2d] (first d columns mu, last d logVar). Decoder: z [n, d] -> Bernoulli logits [n, D]. */
export interface Vae {
  encoder: tf.Sequential;
  decoder: tf.Sequential;
  options: Readonly<VaeOptions>;
}

function positiveInt(v: number, name: string, where: string): void {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${where}: expected ${name} >= 1 (an integer), got ${name} = ${v}`);
}

/** A dense layer with seeded Glorot-uniform weights. */
export function seededDense(units: number, seed: number, activation: 'relu' | 'linear' | 'sigmoid', inputDim?: number): tf.layers.Layer {
  return tf.layers.dense({
    units,
    activation,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    biasInitializer: 'zeros',
    ...(inputDim === undefined ? {} : { inputShape: [inputDim] }),
  });
}

/** Builds the encoder and decoder (two dense layers each). */
export function createVae(options: Partial<VaeOptions> = {}): Vae {
  const o: VaeOptions = { ...vaeDefaults, ...options };
  positiveInt(o.inputDim, 'inputDim', 'createVae');
  positiveInt(o.hidden, 'hidden', 'createVae');
  positiveInt(o.latentDim, 'latentDim', 'createVae');
  const encoder = tf.sequential({ layers: [seededDense(o.hidden, o.seed, 'relu', o.inputDim), seededDense(2 * o.latentDim, o.seed + 1, 'linear')] });
  const decoder = tf.sequential({ layers: [seededDense(o.hidden, o.seed + 2, 'relu', o.latentDim), seededDense(o.inputDim, o.seed + 3, 'linear')] });
  return { encoder, decoder, options: o };
}

/** Splits the encoder output [n, 2d] into mu [n, d] and logVar [n, d]. */
export function encode(vae: Vae, x: tf.Tensor2D): { mu: tf.Tensor2D; logVar: tf.Tensor2D } {
  if (x.rank !== 2 || x.shape[1] !== vae.options.inputDim) throw new RangeError(`encode: expected x of shape [n, ${vae.options.inputDim}], got [${x.shape.join(', ')}]`);
  return tf.tidy(() => {
    const h = vae.encoder.apply(x) as tf.Tensor2D;
    const d = vae.options.latentDim;
    return { mu: h.slice([0, 0], [-1, d]), logVar: h.slice([0, d], [-1, d]) };
  });
}

/** Decoded pixel probabilities sigmoid(decoder(z)), [n, D]. */
export function decodeProbabilities(vae: Vae, z: tf.Tensor2D): tf.Tensor2D {
  if (z.rank !== 2 || z.shape[1] !== vae.options.latentDim) throw new RangeError(`decodeProbabilities: expected z of shape [n, ${vae.options.latentDim}], got [${z.shape.join(', ')}]`);
  return tf.tidy(() => tf.sigmoid(vae.decoder.apply(z) as tf.Tensor2D));
}

/** z = mu + exp(logVar / 2) * eps in tf ops (differentiable in mu and logVar). */
export function reparameterizeTf(mu: tf.Tensor, logVar: tf.Tensor, eps: tf.Tensor): tf.Tensor {
  return tf.tidy(() => mu.add(tf.exp(logVar.mul(0.5)).mul(eps)));
}

/** Row-wise closed-form KL(N(mu, diag exp(logVar)) || N(0, I)) in tf ops: [n, d] -> [n]. */
export function gaussianKlTf(mu: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.exp(logVar).add(mu.square()).sub(1).sub(logVar).sum(1).mul(0.5) as tf.Tensor1D);
}

/** Row-wise Bernoulli log-likelihood sum_k x l - softplus(l) in tf ops: [n, D] -> [n]. */
export function bernoulliLogLikelihoodTf(x: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => x.mul(logits).sub(tf.softplus(logits)).sum(1) as tf.Tensor1D);
}

/** Per-example ELBO terms of a batch, as tensors [n]. */
export function elboTf(vae: Vae, x: tf.Tensor2D, eps: tf.Tensor2D): { elbo: tf.Tensor1D; reconstruction: tf.Tensor1D; kl: tf.Tensor1D } {
  return tf.tidy(() => {
    const { mu, logVar } = encode(vae, x);
    const z = reparameterizeTf(mu, logVar, eps) as tf.Tensor2D;
    const logits = vae.decoder.apply(z) as tf.Tensor2D;
    const reconstruction = bernoulliLogLikelihoodTf(x, logits);
    const kl = gaussianKlTf(mu, logVar);
    return { elbo: reconstruction.sub(kl) as tf.Tensor1D, reconstruction, kl };
  });
}

export interface TrainVaeOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Weight of the KL term (1 = the ELBO; beta-VAE otherwise). */
  beta: number;
  /** Seed of the shuffles and of eps (tf.randomNormal with an explicit seed per step). */
  seed: number;
}

export const trainVaeDefaults: Readonly<TrainVaeOptions> = { epochs: 10, batchSize: 100, learningRate: 1e-3, beta: 1, seed: 0 };

/** Per-epoch means over the training batches (nats per example). */
export interface VaeHistory {
  elbo: number[];
  reconstruction: number[];
  kl: number[];
  steps: number;
}

/**
 * Trains with Adam on the loss mean_i [ -log p(x_i | z_i) + beta * KL_i ], one eps draw per example and step.
 * @param x - [n, D] pixels in [0, 1]
 */
export function trainVae(vae: Vae, x: tf.Tensor2D, options: Partial<TrainVaeOptions> = {}): VaeHistory {
  const o: TrainVaeOptions = { ...trainVaeDefaults, ...options };
  positiveInt(o.epochs, 'epochs', 'trainVae');
  positiveInt(o.batchSize, 'batchSize', 'trainVae');
  if (!(o.learningRate > 0)) throw new RangeError(`trainVae: expected learningRate > 0, got learningRate = ${o.learningRate}`);
  if (!(o.beta >= 0)) throw new RangeError(`trainVae: expected beta >= 0, got beta = ${o.beta}`);
  if (x.rank !== 2 || x.shape[1] !== vae.options.inputDim) throw new RangeError(`trainVae: expected x of shape [n, ${vae.options.inputDim}], got [${x.shape.join(', ')}]`);
  const n = x.shape[0];
  const rng = new Rng(o.seed);
  const optimizer = tf.train.adam(o.learningRate);
  const varList = [...vae.encoder.trainableWeights, ...vae.decoder.trainableWeights].map((w) => w.read() as tf.Variable);
  const history: VaeHistory = { elbo: [], reconstruction: [], kl: [], steps: 0 };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = rng.permutation(n);
    let recSum = 0, klSum = 0;
    for (let start = 0; start < n; start += o.batchSize) {
      const idx = Int32Array.from(order.subarray(start, Math.min(n, start + o.batchSize)));
      const stepSeed = o.seed * 1_000_003 + history.steps;
      let rec = 0, kl = 0;
      tf.tidy(() => {
        const batch = tf.gather(x, tf.tensor1d(idx, 'int32')) as tf.Tensor2D;
        const eps = tf.randomNormal([idx.length, vae.options.latentDim], 0, 1, 'float32', stepSeed) as tf.Tensor2D;
        const terms: { reconstruction?: tf.Scalar; kl?: tf.Scalar } = {};
        optimizer.minimize(() => {
          const t = elboTf(vae, batch, eps);
          terms.reconstruction = tf.keep(t.reconstruction.mean() as tf.Scalar);
          terms.kl = tf.keep(t.kl.mean() as tf.Scalar);
          return terms.kl.mul(o.beta).sub(terms.reconstruction) as tf.Scalar;
        }, false, varList);
        rec = terms.reconstruction!.dataSync()[0];
        kl = terms.kl!.dataSync()[0];
        terms.reconstruction!.dispose();
        terms.kl!.dispose();
      });
      recSum += rec * idx.length;
      klSum += kl * idx.length;
      history.steps++;
    }
    history.reconstruction.push(recSum / n);
    history.kl.push(klSum / n);
    history.elbo.push((recSum - klSum) / n);
  }
  optimizer.dispose();
  return history;
}

/**
 * Mean ELBO terms over a data set (nats per example), with `samples` eps draws per example averaged
 * (the KL is exact; only the reconstruction term is sampled).
 */
export function evaluateVae(vae: Vae, x: tf.Tensor2D, options: { samples?: number; seed?: number; batchSize?: number } = {}): { elbo: number; reconstruction: number; kl: number } {
  const samples = options.samples ?? 1, seed = options.seed ?? 0, batchSize = options.batchSize ?? 500;
  positiveInt(samples, 'samples', 'evaluateVae');
  const n = x.shape[0];
  let rec = 0, kl = 0;
  for (let s = 0; s < samples; s++) {
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      const [r, k] = tf.tidy(() => {
        const eps = tf.randomNormal([size, vae.options.latentDim], 0, 1, 'float32', seed * 7919 + s * 104729 + start) as tf.Tensor2D;
        const t = elboTf(vae, x.slice([start, 0], [size, -1]), eps);
        return [t.reconstruction.sum().dataSync()[0], t.kl.sum().dataSync()[0]];
      });
      rec += r;
      kl += k / samples;
    }
  }
  rec /= n * samples;
  kl /= n;
  return { elbo: rec - kl, reconstruction: rec, kl };
}
