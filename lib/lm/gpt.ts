// A tiny decoder-only Transformer (GPT) in tf ops: token + learned position embeddings, pre-LN causal self-attention blocks, tied output head, optional past keys/values.
import * as tf from '@tensorflow/tfjs';
import { rngFrom } from '../core/random';
import { layerNorm } from '../tfjs/transformer';
import { matMulFast, swapLastAxes } from '../tfjs/matmul';

export interface GptConfig {
  /** Number of token ids; inputs and predictions are ids in 0..vocabSize-1. */
  vocabSize: number;
  /** Longest sequence the model reads (the number of learned position embeddings), T. */
  contextLength: number;
  /** Width d of every token representation. */
  dModel: number;
  /** Attention heads h; dModel must be divisible by it (d_head = d / h). */
  heads: number;
  /** Number of Transformer blocks L. */
  layers: number;
  /** Hidden width of each block's MLP; default 4 dModel. */
  ffDim: number;
  /** Output logits = h E^T with the token embedding E (GPT-2), instead of a separate d x V matrix plus bias. */
  tieEmbeddings: boolean;
  /** Seed of the initial weights; default forked from the global seed. */
  seed: number | undefined;
}

export const gptDefaults: Readonly<Omit<GptConfig, 'vocabSize'>> = {
  contextLength: 64, dModel: 64, heads: 4, layers: 2, ffDim: 0, tieEmbeddings: true, seed: undefined,
};

/** The trainable tensors of one block (row-vector convention: y = x W + b). */
export interface GptBlock {
  ln1Gain: tf.Variable; ln1Bias: tf.Variable;
  /** d x d projections to queries, keys, values, and back from the concatenated heads. */
  wq: tf.Variable; wk: tf.Variable; wv: tf.Variable; wo: tf.Variable;
  bq: tf.Variable; bk: tf.Variable; bv: tf.Variable; bo: tf.Variable;
  ln2Gain: tf.Variable; ln2Bias: tf.Variable;
  /** MLP: d x ffDim, ffDim x d. */
  w1: tf.Variable; b1: tf.Variable; w2: tf.Variable; b2: tf.Variable;
}

/** Keys and values of the positions already processed, for one block: each [batch, heads, positions, d_head]. */
// A type alias (not an interface) so that arrays of it are tf.TensorContainers that tf.tidy can return.
export type LayerKV = {
  k: tf.Tensor4D;
  v: tf.Tensor4D;
};

export interface ForwardOptions {
  /**
   * Keys and values of earlier positions, one entry per block (from a previous call's `present`). The new tokens
   * then sit at positions past..past+n-1 and attend to the past ones too: the hook a KV cache uses.
   */
  past: LayerKV[] | undefined;
  /** Also return each block's attention weights [batch, heads, n, past + n]. */
  attention: boolean;
}

/** What forward returns (a type alias so tf.tidy can return it whole). */
export type ForwardResult = {
  /** [batch, n, vocabSize] next-token logits at every input position. */
  logits: tf.Tensor3D;
  /** Keys and values of all positions so far (past + these), one entry per block. */
  present: LayerKV[];
  /** When requested: each block's attention weights. */
  attention: tf.Tensor4D[];
};

/** Picks the next token id from the logits of the last position (greedy, temperature, top-k, top-p... live elsewhere). */
export type Sampler = (logits: Float32Array, step: number) => number;

/** The id of the largest logit (the first on ties): greedy decoding. */
export const argmaxSampler: Sampler = (logits) => {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  return best;
};

export interface GenerateOptions {
  /** Number of tokens to append. */
  maxNewTokens: number;
  /** Chooses each token from the last position's logits; default greedy ({@link argmaxSampler}). */
  sampler: Sampler;
  /** Reuse the keys and values of earlier positions (one position per step) instead of re-running the window. */
  useCache: boolean;
}

/**
 * GPT-2's architecture at toy size. For token ids x_1..x_n:
 *   h_0 = E[x_t] + P[t];   for each block:  h = h + Attn(LN_1(h)) (causal),  h = h + W_2 GELU(W_1 LN_2(h) + b_1) + b_2;
 *   logits = LN_f(h) E^T  (tied; or LN_f(h) W_out + b_out).
 * Attention is causal: position t attends to positions <= t only, so training on whole windows teaches every
 * position to predict its next token at once. Written with plain tf ops so every step is visible and it trains on
 * the wasm backend (the embedding lookup is a one-hot matrix product: wasm has no kernel for tf.gather's gradient).
 * Weights start as N(0, 0.02) (GPT-2), the projections into the residual stream scaled by 1 / sqrt(2 L).
 */
export class Gpt {
  readonly config: GptConfig;
  readonly tokenEmbedding: tf.Variable;
  readonly positionEmbedding: tf.Variable;
  readonly blocks: GptBlock[];
  readonly finalGain: tf.Variable;
  readonly finalBias: tf.Variable;
  /** Untied head only (null when tied). */
  readonly outWeight: tf.Variable | null;
  readonly outBias: tf.Variable | null;

  constructor(config: Partial<GptConfig> & Pick<GptConfig, 'vocabSize'>) {
    if (typeof config !== 'object' || config === null) throw new TypeError('Gpt: expected a config object with at least vocabSize');
    const known = ['vocabSize', ...Object.keys(gptDefaults)];
    for (const k of Object.keys(config)) if (!known.includes(k)) throw new TypeError(`Gpt: unknown option "${k}" (known: ${known.join(', ')})`);
    const given = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
    const c = { ...gptDefaults, ...given } as GptConfig;
    if (!c.ffDim) c.ffDim = 4 * c.dModel;
    for (const key of ['vocabSize', 'contextLength', 'dModel', 'heads', 'layers', 'ffDim'] as const) {
      if (!Number.isInteger(c[key]) || c[key] < 1) throw new RangeError(`Gpt: expected ${key} >= 1, got ${key} = ${c[key]}`);
    }
    if (c.dModel % c.heads !== 0) throw new RangeError(`Gpt: expected dModel (${c.dModel}) divisible by heads (${c.heads})`);
    if (typeof c.tieEmbeddings !== 'boolean') throw new TypeError(`Gpt: expected tieEmbeddings to be a boolean, got ${String(c.tieEmbeddings)}`);
    this.config = c;
    const rng = rngFrom(c.seed);
    const normal = (shape: number[], std: number) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const values = Float32Array.from({ length: size }, () => rng.normal(0, std));
      return tf.tidy(() => tf.variable(tf.tensor(values, shape))); // tidy frees the initial tensor, the variable keeps its copy
    };
    const zeros = (n: number) => tf.tidy(() => tf.variable(tf.zeros([n])));
    const ones = (n: number) => tf.tidy(() => tf.variable(tf.ones([n])));
    const D = c.dModel, F = c.ffDim;
    const residualStd = 0.02 / Math.sqrt(2 * c.layers);
    this.tokenEmbedding = normal([c.vocabSize, D], 0.02);
    this.positionEmbedding = normal([c.contextLength, D], 0.02);
    this.blocks = Array.from({ length: c.layers }, () => ({
      ln1Gain: ones(D), ln1Bias: zeros(D),
      wq: normal([D, D], 0.02), wk: normal([D, D], 0.02), wv: normal([D, D], 0.02), wo: normal([D, D], residualStd),
      bq: zeros(D), bk: zeros(D), bv: zeros(D), bo: zeros(D),
      ln2Gain: ones(D), ln2Bias: zeros(D),
      w1: normal([D, F], 0.02), b1: zeros(F), w2: normal([F, D], residualStd), b2: zeros(D),
    }));
    this.finalGain = ones(D);
    this.finalBias = zeros(D);
    this.outWeight = c.tieEmbeddings ? null : normal([D, c.vocabSize], 0.02);
    this.outBias = c.tieEmbeddings ? null : zeros(c.vocabSize);
  }

  /** Every trainable variable with a readable name (`block0.wq`, ...), in a fixed order. */
  namedVariables(): [string, tf.Variable][] {
    const out: [string, tf.Variable][] = [['tokenEmbedding', this.tokenEmbedding], ['positionEmbedding', this.positionEmbedding]];
    this.blocks.forEach((b, i) => {
      for (const [name, v] of Object.entries(b) as [string, tf.Variable][]) out.push([`block${i}.${name}`, v]);
    });
    out.push(['finalGain', this.finalGain], ['finalBias', this.finalBias]);
    if (this.outWeight && this.outBias) out.push(['outWeight', this.outWeight], ['outBias', this.outBias]);
    return out;
  }

  /** Every trainable variable. */
  get variables(): tf.Variable[] {
    return this.namedVariables().map(([, v]) => v);
  }

  /** Number of trainable parameters, counted from the variables' sizes (a tied embedding counts once). */
  countParams(): number {
    return this.variables.reduce((s, v) => s + v.size, 0);
  }

  private checkIds(ids: tf.Tensor): void {
    if (!(ids instanceof tf.Tensor)) throw new TypeError('Gpt: expected token ids as an int32 tensor [batch, n]');
    if (ids.rank !== 2) throw new RangeError(`Gpt: expected token ids of shape [batch, n], got rank ${ids.rank}`);
    if (ids.dtype !== 'int32') throw new TypeError(`Gpt: expected int32 token ids, got ${ids.dtype}`);
  }

  /**
   * One block's attention sub-layer on already-normalised inputs x [batch, n, d], with optional past keys/values
   * (the new positions come after them). Returns the output [batch, n, d], the keys/values of all positions, and
   * the weights [batch, heads, n, past + n].
   */
  attention(block: GptBlock, x: tf.Tensor3D, past?: LayerKV): { output: tf.Tensor3D; present: LayerKV; weights: tf.Tensor4D } {
    const [B, n, D] = x.shape;
    const H = this.config.heads, dh = D / H;
    const flat = x.reshape([B * n, D]);
    const split = (t: tf.Tensor) => t.reshape([B, n, H, dh]).transpose([0, 2, 1, 3]) as tf.Tensor4D; // [B, H, n, dh]
    const q = split(matMulFast(flat, block.wq).add(block.bq));
    let k = split(matMulFast(flat, block.wk).add(block.bk));
    let v = split(matMulFast(flat, block.wv).add(block.bv));
    const p = past ? past.k.shape[2] : 0;
    if (past) {
      if (past.k.shape[0] !== B || past.k.shape[1] !== H || past.k.shape[3] !== dh) {
        throw new RangeError(`Gpt: expected past keys of shape [${B}, ${H}, positions, ${dh}], got [${past.k.shape.join(', ')}]`);
      }
      k = tf.concat([past.k, k], 2);
      v = tf.concat([past.v, v], 2);
    }
    // Query i (position p + i) may see keys j <= p + i: a band of the n x (p + n) matrix of ones.
    const scores = matMulFast(q, swapLastAxes(k)).mul(1 / Math.sqrt(dh)).add(causalBias(n, p));
    const weights = tf.softmax(scores) as tf.Tensor4D;
    const mixed = matMulFast(weights, v).transpose([0, 2, 1, 3]).reshape([B * n, D]);
    return { output: matMulFast(mixed, block.wo).add(block.bo).reshape([B, n, D]) as tf.Tensor3D, present: { k, v }, weights };
  }

  /**
   * Logits for every position of `ids` [batch, n] (int32), optionally continuing from `past` keys/values.
   * Call inside tf.tidy (or dispose the result). Throws when past + n exceeds contextLength.
   */
  forward(ids: tf.Tensor2D, options: Partial<ForwardOptions> = {}): ForwardResult {
    this.checkIds(ids);
    const { vocabSize: V, dModel: D, contextLength: T } = this.config;
    const [B, n] = ids.shape;
    const past = options.past;
    if (past !== undefined && past.length !== this.blocks.length) throw new RangeError(`Gpt: expected past keys/values for ${this.blocks.length} blocks, got ${past.length}`);
    const p = past ? past[0].k.shape[2] : 0;
    if (n < 1 || p + n > T) throw new RangeError(`Gpt: expected 1 <= past + n <= contextLength = ${T}, got past ${p} + n ${n}`);
    const onehot = tf.oneHot(ids.reshape([B * n]), V);
    let h = matMulFast(onehot, this.tokenEmbedding).reshape([B, n, D]).add(this.positionEmbedding.slice([p, 0], [n, D])) as tf.Tensor3D;
    const present: LayerKV[] = [];
    const attention: tf.Tensor4D[] = [];
    this.blocks.forEach((b, i) => {
      const att = this.attention(b, layerNorm(h, b.ln1Gain, b.ln1Bias) as tf.Tensor3D, past?.[i]);
      present.push(att.present);
      if (options.attention) attention.push(att.weights);
      h = h.add(att.output);
      const x = layerNorm(h, b.ln2Gain, b.ln2Bias).reshape([B * n, D]);
      const mlp = matMulFast(gelu(matMulFast(x, b.w1).add(b.b1)), b.w2).add(b.b2);
      h = h.add(mlp.reshape([B, n, D]));
    });
    const out = layerNorm(h, this.finalGain, this.finalBias).reshape([B * n, D]);
    const logits = this.outWeight && this.outBias
      ? matMulFast(out, this.outWeight).add(this.outBias)
      : matMulFast(out, swapLastAxes(this.tokenEmbedding));
    return { logits: logits.reshape([B, n, V]) as tf.Tensor3D, present, attention };
  }

  /**
   * Mean next-token cross-entropy (nats) of `batch` rows: row r reads inputs[r n .. r n + n - 1] and must predict
   * targets at the same indices (targets are the inputs shifted by one). Call inside optimizer.minimize or tf.tidy.
   */
  loss(inputs: ArrayLike<number>, targets: ArrayLike<number>, batch: number): tf.Scalar {
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`Gpt: expected batch >= 1, got ${batch}`);
    if (inputs.length !== targets.length || inputs.length % batch !== 0) {
      throw new RangeError(`Gpt: expected inputs and targets of equal length divisible by batch ${batch}, got ${inputs.length} and ${targets.length}`);
    }
    const n = inputs.length / batch;
    this.checkRange(inputs, 'inputs');
    this.checkRange(targets, 'targets');
    const ids = tf.tensor2d(Int32Array.from(inputs), [batch, n], 'int32');
    const logits = this.forward(ids).logits.reshape([batch * n, this.config.vocabSize]);
    const onehot = tf.oneHot(tf.tensor1d(Int32Array.from(targets), 'int32'), this.config.vocabSize);
    return tf.losses.softmaxCrossEntropy(onehot, logits) as tf.Scalar;
  }

  private checkRange(ids: ArrayLike<number>, name: string): void {
    const V = this.config.vocabSize;
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i];
      if (!Number.isInteger(t) || t < 0 || t >= V) throw new RangeError(`Gpt: expected ${name} ids in 0..${V - 1}, got ${t} at index ${i}`);
    }
  }

  /** Logits of the last position for one sequence of ids (at most contextLength of them) as a Float32Array. */
  nextLogits(ids: ArrayLike<number>): Float32Array {
    this.checkRange(ids, 'ids');
    return tf.tidy(() => {
      const { logits } = this.forward(tf.tensor2d(Int32Array.from(ids), [1, ids.length], 'int32'));
      return logits.slice([0, ids.length - 1, 0], [1, 1, this.config.vocabSize]).dataSync() as Float32Array;
    });
  }

  /**
   * Appends `maxNewTokens` ids to `prompt`, one at a time, each chosen by `sampler` from the next-token logits. The
   * model reads at most the last contextLength ids. With `useCache`, each step feeds only the newest id and reuses
   * the earlier positions' keys and values, until the window is full (then it re-runs the cropped window).
   * @returns the new ids only
   */
  generate(prompt: ArrayLike<number>, options: Partial<GenerateOptions> & Pick<GenerateOptions, 'maxNewTokens'>): number[] {
    const o: GenerateOptions = { sampler: argmaxSampler, useCache: false, ...options };
    if (!Number.isInteger(o.maxNewTokens) || o.maxNewTokens < 0) throw new RangeError(`Gpt: expected maxNewTokens >= 0, got ${o.maxNewTokens}`);
    if (typeof o.sampler !== 'function') throw new TypeError('Gpt: expected sampler to be a function (logits, step) => id');
    if (prompt.length < 1) throw new RangeError('Gpt: expected a prompt of at least 1 token');
    this.checkRange(prompt, 'prompt');
    const T = this.config.contextLength, V = this.config.vocabSize;
    const seq = Array.from(prompt);
    const out: number[] = [];
    let cache: LayerKV[] | null = null;
    const freeCache = () => { if (cache) tf.dispose(cache.flatMap((c) => [c.k, c.v])); cache = null; };
    try {
      for (let step = 0; step < o.maxNewTokens; step++) {
        let logits: Float32Array;
        if (o.useCache && cache && cache[0].k.shape[2] < T) {
          const { last, present } = tf.tidy(() => {
            const r = this.forward(tf.tensor2d([seq[seq.length - 1]], [1, 1], 'int32'), { past: cache! });
            return { last: r.logits, present: r.present };
          });
          freeCache();
          cache = present;
          logits = last.dataSync() as Float32Array;
          last.dispose();
        } else if (o.useCache) {
          freeCache();
          const window = seq.slice(-T);
          const { last, present } = tf.tidy(() => {
            const r = this.forward(tf.tensor2d(window, [1, window.length], 'int32'));
            return { last: r.logits.slice([0, window.length - 1, 0], [1, 1, V]), present: r.present };
          });
          cache = present;
          logits = last.dataSync() as Float32Array;
          last.dispose();
        } else {
          logits = this.nextLogits(seq.slice(-T));
        }
        const id = o.sampler(logits, step);
        if (!Number.isInteger(id) || id < 0 || id >= V) throw new RangeError(`Gpt: the sampler returned ${id}, expected an id in 0..${V - 1}`);
        seq.push(id);
        out.push(id);
      }
    } finally {
      freeCache();
    }
    return out;
  }

  /** Frees every tensor the model holds. */
  dispose(): void {
    tf.dispose(this.variables);
  }
}

/**
 * The additive causal mask [n, past + n]: 0 where query i (position past + i) may see key j (j <= past + i), -1e9
 * elsewhere. Built in JS as one tensor (tf.linalg.bandPart costs a dozen small ops per call).
 */
export function causalBias(n: number, past: number): tf.Tensor2D {
  const m = past + n;
  const values = new Float32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = past + i + 1; j < m; j++) values[i * m + j] = -1e9;
  return tf.tensor2d(values, [n, m]);
}

/** GELU, tanh approximation (GPT-2): 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))). */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
  return x.mul(0.5).mul(tf.tanh(inner).add(1));
}
