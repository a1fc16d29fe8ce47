// KV cache for the tiny GPT: decoding one position at a time through Gpt.forward's past/present keys and values, its memory, and its FLOP count against re-running the prefix.
import * as tf from '@tensorflow/tfjs';

/** One block's cached keys and values, each [batch, heads, positions, d_head] (Gpt's LayerKV). */
export type CachedKV = { k: tf.Tensor4D; v: tf.Tensor4D };

/** What the cache needs of a model: lib/lm/gpt's Gpt has this shape. */
export interface CacheableModel {
  readonly config: { readonly vocabSize: number; readonly contextLength: number; readonly dModel: number; readonly heads: number; readonly layers: number; readonly ffDim: number };
  forward(ids: tf.Tensor2D, options?: { past?: CachedKV[] | undefined }): { logits: tf.Tensor3D; present: CachedKV[] };
}

/**
 * A growing per-layer key/value store. `step(model, id)` runs the model on one new token at position `length`,
 * attending to everything cached, appends that token's keys and values, and returns its next-token logits.
 * The keys and values of earlier tokens never change in a causal model, so this is the same computation as
 * running the whole prefix again, for one token's work instead of `length + 1` tokens'.
 */
export class KvCache {
  private layers: CachedKV[] | null = null;

  /** Positions held. */
  get length(): number {
    return this.layers ? this.layers[0].k.shape[2] : 0;
  }

  /** Bytes held by the cached tensors (float32): 2 * layers * heads * d_head * length * 4 for batch 1. */
  get bytes(): number {
    return this.layers ? this.layers.reduce((s, l) => s + 4 * (l.k.size + l.v.size), 0) : 0;
  }

  /** Feeds `ids` (one or more new tokens, e.g. the whole prompt first) and returns the logits of the last one. */
  step(model: CacheableModel, ids: number | readonly number[]): Float32Array {
    const list = typeof ids === 'number' ? [ids] : [...ids];
    if (list.length === 0) throw new RangeError('expected at least 1 token id to feed the cache');
    const { vocabSize: V, contextLength: T } = model.config;
    for (const id of list) if (!Number.isInteger(id) || id < 0 || id >= V) throw new RangeError(`expected token ids in 0..${V - 1}, got ${id}`);
    if (this.length + list.length > T) throw new RangeError(`expected at most contextLength = ${T} positions, got ${this.length} cached + ${list.length} new`);
    const past = this.layers ?? undefined;
    const { last, present } = tf.tidy(() => {
      const r = model.forward(tf.tensor2d(Int32Array.from(list), [1, list.length], 'int32'), { past });
      return { last: r.logits.slice([0, list.length - 1, 0], [1, 1, V]), present: r.present };
    });
    this.dispose();
    this.layers = present;
    const logits = last.dataSync() as Float32Array;
    last.dispose();
    return logits;
  }

  /** Frees the cached tensors (the cache is then empty). */
  dispose(): void {
    if (this.layers) tf.dispose(this.layers.flatMap((l) => [l.k, l.v]));
    this.layers = null;
  }
}

/**
 * Next-token logits after every prefix ids[0..i], i = 0..n-1, computed one position at a time: with the cache
 * (one token per forward pass) or without (the whole prefix re-run for every position, as generation without a
 * cache does). Row i of the result is the logits of position i.
 */
export function stepwiseLogits(model: CacheableModel, ids: readonly number[], options: { useCache: boolean }): Float32Array[] {
  if (!Array.isArray(ids) || ids.length === 0) throw new RangeError('expected a non-empty array of token ids');
  const out: Float32Array[] = [];
  if (options.useCache) {
    const cache = new KvCache();
    try {
      for (const id of ids) out.push(cache.step(model, id));
    } finally {
      cache.dispose();
    }
    return out;
  }
  const V = model.config.vocabSize;
  for (let i = 0; i < ids.length; i++) {
    const logits = tf.tidy(() => model.forward(tf.tensor2d(Int32Array.from(ids.slice(0, i + 1)), [1, i + 1], 'int32')).logits.slice([0, i, 0], [1, 1, V]).dataSync() as Float32Array);
    out.push(logits);
  }
  return out;
}

export interface DecodeShape {
  layers: number;
  dModel: number;
  ffDim: number;
  vocabSize: number;
}

/**
 * Multiply-add FLOPs (2 per multiply-add) of one forward pass over n new tokens after p cached ones:
 * per layer 2n(4d^2) for Q, K, V, O, 2n(2 d f) for the MLP and 2 * 2 n (p + n) d for the scores Q K^T and the
 * weighted values; then 2 n d V for the output head. Norms, softmax and embeddings are left out (linear and small).
 */
export function forwardFlops(shape: DecodeShape, n: number, p: number): number {
  const { layers: L, dModel: d, ffDim: f, vocabSize: V } = shape;
  return L * (2 * n * 4 * d * d + 2 * n * 2 * d * f + 4 * n * (p + n) * d) + 2 * n * d * V;
}

/**
 * FLOPs to generate `newTokens` tokens after a prompt of `prompt` tokens: with a cache, one pass over the prompt and
 * then one token per step; without, step t re-runs all prompt + t tokens. Without a cache the total grows as the
 * square of the length (the cube in the attention term); with it, linearly (quadratically in attention).
 */
export function generationFlops(shape: DecodeShape, prompt: number, newTokens: number, useCache: boolean): number {
  if (!Number.isInteger(prompt) || prompt < 1 || !Number.isInteger(newTokens) || newTokens < 0) throw new RangeError(`expected prompt >= 1 and newTokens >= 0, got ${prompt} and ${newTokens}`);
  let total = 0;
  if (useCache) {
    total += forwardFlops(shape, prompt, 0);
    for (let t = 1; t < newTokens; t++) total += forwardFlops(shape, 1, prompt + t - 1);
  } else {
    for (let t = 0; t < newTokens; t++) total += forwardFlops(shape, prompt + t, 0);
  }
  return total;
}
