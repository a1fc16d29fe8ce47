// Scaling arithmetic for GPT-style models: parameter count from the shape, training FLOPs ~ 6 N D, compute-optimal tokens per parameter.
import type { GptConfig } from './gpt';

export interface GptParamBreakdown {
  /** V d token embedding (shared with the output head when tied). */
  tokenEmbedding: number;
  /** T d learned positions. */
  positionEmbedding: number;
  /** One block: 4 d^2 + 4 d attention, 2 d f + f + d MLP, 4 d in two LayerNorms. */
  perBlock: number;
  /** L blocks. */
  blocks: number;
  /** 2 d final LayerNorm, plus d V + V for an untied head. */
  head: number;
  /** Everything. */
  total: number;
  /** total minus the embeddings: the N of scaling laws (Kaplan et al. 2020 count it without embeddings). */
  nonEmbedding: number;
}

/**
 * The parameter count of {@link Gpt} from its shape alone. With f = 4d the blocks hold L (12 d^2 + 13 d), so a large
 * GPT has about 12 L d^2 parameters besides its embeddings (GPT-3 175B: L = 96, d = 12288 gives 174 B).
 */
export function gptParamCount(config: Pick<GptConfig, 'vocabSize' | 'contextLength' | 'dModel' | 'layers'> & Partial<Pick<GptConfig, 'ffDim' | 'tieEmbeddings'>>): GptParamBreakdown {
  const { vocabSize: V, contextLength: T, dModel: d, layers: L } = config;
  for (const [k, v] of Object.entries({ vocabSize: V, contextLength: T, dModel: d, layers: L })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`gptParamCount: expected ${k} >= 1, got ${k} = ${v}`);
  }
  const f = config.ffDim || 4 * d;
  const tied = config.tieEmbeddings ?? true;
  const attention = 4 * d * d + 4 * d;
  const mlp = d * f + f + f * d + d;
  const norms = 4 * d;
  const perBlock = attention + mlp + norms;
  const head = 2 * d + (tied ? 0 : d * V + V);
  const tokenEmbedding = V * d, positionEmbedding = T * d;
  const total = tokenEmbedding + positionEmbedding + L * perBlock + head;
  return { tokenEmbedding, positionEmbedding, perBlock, blocks: L * perBlock, head, total, nonEmbedding: total - tokenEmbedding - positionEmbedding };
}

/**
 * Training compute C ~ 6 N D floating-point operations for N parameters and D training tokens: each parameter does
 * one multiply-add (2 FLOPs) per token in the forward pass and about twice that in the backward pass.
 */
export function trainingFlops(params: number, tokens: number): number {
  if (!(params > 0) || !(tokens >= 0)) throw new RangeError(`trainingFlops: expected params > 0 and tokens >= 0, got ${params} and ${tokens}`);
  return 6 * params * tokens;
}

/** Compute-optimal ("Chinchilla", Hoffmann et al. 2022) rule of thumb: about 20 training tokens per parameter. */
export const CHINCHILLA_TOKENS_PER_PARAM = 20;

/** The compute-optimal token budget for N parameters, tokensPerParam x N. */
export function computeOptimalTokens(params: number, tokensPerParam = CHINCHILLA_TOKENS_PER_PARAM): number {
  if (!(params > 0) || !(tokensPerParam > 0)) throw new RangeError(`computeOptimalTokens: expected params > 0 and tokensPerParam > 0, got ${params} and ${tokensPerParam}`);
  return tokensPerParam * params;
}

/**
 * For a compute budget C with D = k N and C = 6 N D: N = sqrt(C / (6 k)), D = k N. The compute-optimal model size
 * grows as the square root of the budget.
 */
export function computeOptimalSplit(flops: number, tokensPerParam = CHINCHILLA_TOKENS_PER_PARAM): { params: number; tokens: number } {
  if (!(flops > 0) || !(tokensPerParam > 0)) throw new RangeError(`computeOptimalSplit: expected flops > 0 and tokensPerParam > 0, got ${flops} and ${tokensPerParam}`);
  const params = Math.sqrt(flops / (6 * tokensPerParam));
  return { params, tokens: tokensPerParam * params };
}
