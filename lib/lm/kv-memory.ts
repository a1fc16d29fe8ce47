// KV-cache memory 2 * layers * kvHeads * d_head * tokens * batch * bytes, with the published shapes of real models.

export interface KvShape {
  /** Transformer blocks. */
  layers: number;
  /** Key/value heads (= query heads for multi-head attention, fewer with GQA, 1 with MQA). */
  kvHeads: number;
  /** Width of one head. */
  dHead: number;
}

export interface KvMemoryOptions {
  /** Tokens held per sequence (prompt + generated). */
  tokens: number;
  /** Sequences decoded together. Default 1. */
  batch: number;
  /** Bytes per stored number: 2 for float16/bfloat16, 1 for int8, 4 for float32. Default 2. */
  bytes: number;
}

/**
 * Bytes of the key/value cache: for each layer, a key and a value vector of kvHeads * d_head numbers per token
 * (the factor 2), per sequence. Linear in tokens and batch; this, not the weights, bounds the batch size of long-context serving.
 */
export function kvCacheBytes(shape: KvShape, options: Partial<KvMemoryOptions> & Pick<KvMemoryOptions, 'tokens'>): number {
  const batch = options.batch ?? 1, bytes = options.bytes ?? 2;
  for (const [name, v] of [['layers', shape.layers], ['kvHeads', shape.kvHeads], ['dHead', shape.dHead], ['tokens', options.tokens], ['batch', batch], ['bytes', bytes]] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`expected ${name} > 0, got ${name} = ${v}`);
  }
  return 2 * shape.layers * shape.kvHeads * shape.dHead * options.tokens * batch * bytes;
}

/**
 * Published shapes (the models' config.json files on Hugging Face, and the Llama 2 paper, Touvron et al. 2023):
 * Llama-2-7B: 32 layers, hidden 4096, 32 heads of 128, multi-head attention, 4096-token context;
 * Llama-2-70B: 80 layers, hidden 8192, 64 query heads of 128 sharing 8 KV heads (GQA), 4096-token context.
 */
export const LLAMA2_7B = { name: 'Llama-2-7B', layers: 32, heads: 32, kvHeads: 32, dHead: 128, dModel: 4096, context: 4096 } as const;
export const LLAMA2_70B = { name: 'Llama-2-70B', layers: 80, heads: 64, kvHeads: 8, dHead: 128, dModel: 8192, context: 4096 } as const;
