// The recipe shared by the language-model lessons: BPE-512 on Moby-Dick's training chapters and the tiny GPT trained on it, deterministically.
import { mobyDick } from '../data/datasets';
import { trainBpe, type BpeTokenizer } from './bpe';
import { Gpt, type GptConfig } from './gpt';
import { trainGpt, type TrainGptOptions, type TrainGptResult } from './gpt-train';

/** Vocabulary of the shared tokenizer: 256 bytes + 256 merges learned on the training chapters. */
export const MOBY_VOCAB_SIZE = 512;

/** The tiny GPT of lesson 14 (about 137 k parameters). */
export const MOBY_GPT_CONFIG: Readonly<Omit<GptConfig, 'ffDim' | 'tieEmbeddings'> & { ffDim: number; tieEmbeddings: boolean }> = {
  vocabSize: MOBY_VOCAB_SIZE, contextLength: 64, dModel: 64, heads: 4, layers: 2, ffDim: 256, tieEmbeddings: true, seed: 14,
};

/** Its training run: steps x batchSize x contextLength tokens. */
export const MOBY_GPT_TRAINING: Readonly<Omit<TrainGptOptions, 'onLog'>> = {
  steps: 350, batchSize: 16, learningRate: 1e-2, warmupSteps: 20, minLearningRate: 1e-3, clipNorm: 1, logEvery: 10, seed: 15,
};

let cachedTokenizer: BpeTokenizer | null = null;

/** The BPE tokenizer learned on mobyDick('train') (vocabulary 512), trained once per process (a few seconds). */
export function mobyTokenizer(): BpeTokenizer {
  cachedTokenizer ??= trainBpe(mobyDick('train').text, { vocabSize: MOBY_VOCAB_SIZE });
  return cachedTokenizer;
}

/** Token ids of the training and held-out chapters under {@link mobyTokenizer}. */
export function mobyTokens(): { train: number[]; test: number[] } {
  const tok = mobyTokenizer();
  return { train: tok.encode(mobyDick('train').text), test: tok.encode(mobyDick('test').text) };
}

/**
 * Builds and trains the lesson's tiny GPT on the training chapters. Same backend, same result: every random
 * choice is seeded. Pass `steps` (or other options) to train shorter or longer.
 */
export function trainMobyGpt(options: Partial<TrainGptOptions> = {}, train: number[] = mobyTokens().train): { model: Gpt; run: TrainGptResult } {
  const model = new Gpt({ ...MOBY_GPT_CONFIG });
  const run = trainGpt(model, train, { ...MOBY_GPT_TRAINING, ...options });
  return { model, run };
}
