// A tiny pre-LayerNorm transformer encoder from tf ops and variables: token + sinusoidal position embeddings, self-attention blocks, a per-position classifier.
import * as tf from '@tensorflow/tfjs';
import { rngFrom } from '../core/random';
import { sinusoidalPositionalEncoding } from '../attention/positional-encoding';

export interface TransformerConfig {
  /** Number of token ids (inputs and outputs are ids in 0..vocabSize-1). */
  vocabSize: number;
  /** Sequence length L (fixed). */
  length: number;
  /** Width d_model of every token representation. */
  dModel: number;
  /** Attention heads (d_model must be divisible by it). */
  heads: number;
  /** Hidden width of the feed-forward net in each block. */
  ffDim: number;
  /** Number of blocks. */
  layers: number;
  /** Causal self-attention (position i sees positions <= i), as in a decoder / language model. */
  causal: boolean;
  /** Add sinusoidal position encodings to the embeddings (without them the encoder cannot tell positions apart). */
  positionalEncoding: boolean;
  /** Seed for the initial weights; default forked from the global seed. */
  seed: number | undefined;
}

export const transformerDefaults: Readonly<TransformerConfig> = { vocabSize: 10, length: 8, dModel: 32, heads: 4, ffDim: 64, layers: 1, causal: false, positionalEncoding: true, seed: undefined };

/** The trainable tensors of one block. Projections use the row-vector convention x W. */
export interface BlockVariables {
  wq: tf.Variable; wk: tf.Variable; wv: tf.Variable; wo: tf.Variable;
  w1: tf.Variable; b1: tf.Variable; w2: tf.Variable; b2: tf.Variable;
  ln1Gain: tf.Variable; ln1Bias: tf.Variable; ln2Gain: tf.Variable; ln2Bias: tf.Variable;
}

/** Layer normalisation over the last axis: (x - mean) / sqrt(var + eps) * gain + bias. */
export function layerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, epsilon = 1e-5): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(epsilon).sqrt()).mul(gain).add(bias);
}

/**
 * Encoder with `layers` pre-LN blocks,
 *   x = x + MultiHead(LN(x)),   x = x + W_2 ReLU(W_1 LN(x) + b_1) + b_2,
 * on top of embedding(token) + PE(position), followed by a final LN and a linear layer to vocabulary logits at every
 * position. Written with plain tf ops so every step is visible (and so it trains on the wasm backend: the embedding
 * is a one-hot matrix product because the gradient of tf.gather needs a kernel wasm lacks).
 */
export class TinyTransformer {
  readonly config: TransformerConfig;
  readonly embedding: tf.Variable;
  readonly blocks: BlockVariables[];
  readonly finalGain: tf.Variable;
  readonly finalBias: tf.Variable;
  readonly outWeight: tf.Variable;
  readonly outBias: tf.Variable;
  private readonly positions: tf.Tensor2D;
  private readonly causalAdd: tf.Tensor2D | null;

  constructor(config: Partial<TransformerConfig> = {}) {
    const known = Object.keys(transformerDefaults);
    for (const k of Object.keys(config)) if (!known.includes(k)) throw new TypeError(`TinyTransformer: unknown option "${k}" (known: ${known.join(', ')})`);
    const c: TransformerConfig = { ...transformerDefaults, ...Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) };
    for (const key of ['vocabSize', 'length', 'dModel', 'heads', 'ffDim', 'layers'] as const) {
      if (!Number.isInteger(c[key]) || c[key] < 1) throw new RangeError(`TinyTransformer: expected ${key} >= 1, got ${key} = ${c[key]}`);
    }
    if (c.dModel % c.heads !== 0) throw new RangeError(`TinyTransformer: expected dModel (${c.dModel}) divisible by heads (${c.heads})`);
    this.config = c;
    const rng = rngFrom(c.seed);
    const glorot = (rows: number, cols: number) => {
      const limit = Math.sqrt(6 / (rows + cols));
      return tf.variable(tf.tensor2d(Float32Array.from({ length: rows * cols }, () => rng.uniform(-limit, limit)), [rows, cols]));
    };
    const D = c.dModel;
    this.embedding = glorot(c.vocabSize, D);
    this.blocks = Array.from({ length: c.layers }, () => ({
      wq: glorot(D, D), wk: glorot(D, D), wv: glorot(D, D), wo: glorot(D, D),
      w1: glorot(D, c.ffDim), b1: tf.variable(tf.zeros([c.ffDim])), w2: glorot(c.ffDim, D), b2: tf.variable(tf.zeros([D])),
      ln1Gain: tf.variable(tf.ones([D])), ln1Bias: tf.variable(tf.zeros([D])), ln2Gain: tf.variable(tf.ones([D])), ln2Bias: tf.variable(tf.zeros([D])),
    }));
    this.finalGain = tf.variable(tf.ones([D]));
    this.finalBias = tf.variable(tf.zeros([D]));
    this.outWeight = glorot(D, c.vocabSize);
    this.outBias = tf.variable(tf.zeros([c.vocabSize]));
    this.positions = tf.tensor2d(Float32Array.from(sinusoidalPositionalEncoding(c.length, D).data), [c.length, D]);
    this.causalAdd = c.causal ? tf.tidy(() => tf.linalg.bandPart(tf.ones([c.length, c.length]), -1, 0).sub(1).mul(1e9) as tf.Tensor2D) : null;
  }

  /** Every trainable variable. */
  get variables(): tf.Variable[] {
    const v: tf.Variable[] = [this.embedding];
    for (const b of this.blocks) v.push(b.wq, b.wk, b.wv, b.wo, b.w1, b.b1, b.w2, b.b2, b.ln1Gain, b.ln1Bias, b.ln2Gain, b.ln2Bias);
    v.push(this.finalGain, this.finalBias, this.outWeight, this.outBias);
    return v;
  }

  /** Number of trainable parameters. */
  countParams(): number {
    return this.variables.reduce((s, v) => s + v.size, 0);
  }

  private checkTokens(tokens: ArrayLike<number>, n: number): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`expected n >= 1 sequences, got ${n}`);
    if (tokens.length !== n * this.config.length) throw new RangeError(`expected n x length = ${n * this.config.length} token ids, got ${tokens.length}`);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (!Number.isInteger(t) || t < 0 || t >= this.config.vocabSize) throw new RangeError(`expected token ids in 0..${this.config.vocabSize - 1}, got ${t} at ${i}`);
    }
  }

  /** The attention sub-layer of a block on (already normalised) inputs h [n, L, D]: output [n, L, D] and weights [n, heads, L, L]. */
  attend(block: BlockVariables, h: tf.Tensor, n: number): { output: tf.Tensor; weights: tf.Tensor } {
    const { length: L, dModel: D, heads: H } = this.config;
    const dk = D / H;
    const flat = h.reshape([n * L, D]);
    const split = (t: tf.Tensor) => t.reshape([n, L, H, dk]).transpose([0, 2, 1, 3]); // [n, heads, L, dk]
    const q = split(flat.matMul(block.wq)), k = split(flat.matMul(block.wk)), v = split(flat.matMul(block.wv));
    let scores = tf.matMul(q, k, false, true).div(Math.sqrt(dk)); // [n, heads, L, L]
    if (this.causalAdd) scores = scores.add(this.causalAdd);
    const weights = tf.softmax(scores);
    const mixed = tf.matMul(weights, v).transpose([0, 2, 1, 3]).reshape([n * L, D]);
    return { output: mixed.matMul(block.wo).reshape([n, L, D]), weights };
  }

  private run(tokens: ArrayLike<number>, n: number, keepWeights: boolean): { logits: tf.Tensor2D; weights: tf.Tensor[] } {
    this.checkTokens(tokens, n);
    const { length: L, dModel: D, vocabSize: V } = this.config;
    const ids = tf.tensor1d(Int32Array.from(tokens), 'int32');
    let x = tf.oneHot(ids, V).matMul(this.embedding).reshape([n, L, D]);
    if (this.config.positionalEncoding) x = x.add(this.positions);
    const weights: tf.Tensor[] = [];
    for (const b of this.blocks) {
      const att = this.attend(b, layerNorm(x, b.ln1Gain, b.ln1Bias), n);
      if (keepWeights) weights.push(att.weights);
      x = x.add(att.output);
      const h = layerNorm(x, b.ln2Gain, b.ln2Bias).reshape([n * L, D]);
      x = x.add(tf.relu(h.matMul(b.w1).add(b.b1)).matMul(b.w2).add(b.b2).reshape([n, L, D]));
    }
    const logits = layerNorm(x, this.finalGain, this.finalBias).reshape([n * L, D]).matMul(this.outWeight).add(this.outBias) as tf.Tensor2D;
    return { logits, weights };
  }

  /** Logits for every position: [n L, vocabSize], row i L + t for sequence i, position t. Call inside tf.tidy. */
  logits(tokens: ArrayLike<number>, n: number): tf.Tensor2D {
    return this.run(tokens, n, false).logits;
  }

  /** Mean cross-entropy over all n L positions against target ids. Call inside optimizer.minimize or tf.tidy. */
  loss(tokens: ArrayLike<number>, targets: ArrayLike<number>, n: number): tf.Scalar {
    this.checkTokens(targets, n);
    const onehot = tf.oneHot(tf.tensor1d(Int32Array.from(targets), 'int32'), this.config.vocabSize);
    return tf.losses.softmaxCrossEntropy(onehot, this.logits(tokens, n)) as tf.Scalar;
  }

  /** Predicted id (argmax) at every position, n L values. */
  predict(tokens: ArrayLike<number>, n: number): Int32Array {
    return tf.tidy(() => Int32Array.from(this.logits(tokens, n).argMax(-1).dataSync()));
  }

  /** Attention weights of every block for the given sequences: one array per block of [n, heads, L, L] values. */
  attentionWeights(tokens: ArrayLike<number>, n: number): Float32Array[] {
    return tf.tidy(() => this.run(tokens, n, true).weights.map((w) => w.dataSync() as Float32Array));
  }

  /** Frees every tensor the model holds. */
  dispose(): void {
    tf.dispose([...this.variables, this.positions, ...(this.causalAdd ? [this.causalAdd] : [])]);
  }
}
