// Trains a Gpt on a stream of token ids (random windows, Adam, warm-up then cosine decay) and scores held-out text with sliding windows.
import * as tf from '@tensorflow/tfjs';
import { rngFrom } from '../core/random';
import type { Gpt } from './gpt';

export interface TrainGptOptions {
  /** Gradient steps. */
  steps: number;
  /** Windows per step. */
  batchSize: number;
  /** Peak learning rate of Adam. */
  learningRate: number;
  /** Steps of linear warm-up from 0 to the peak; then cosine decay to `minLearningRate` at the last step. */
  warmupSteps: number;
  minLearningRate: number;
  /** Clip the global gradient norm to this (0: no clipping). */
  clipNorm: number;
  /** Record the loss every this many steps (reading it back costs a sync). */
  logEvery: number;
  /** Seed of the window positions; default forked from the global seed. */
  seed: number | undefined;
  onLog: ((step: number, loss: number) => void) | undefined;
}

export const trainGptDefaults: Readonly<Omit<TrainGptOptions, 'steps'>> = {
  batchSize: 16, learningRate: 3e-3, warmupSteps: 20, minLearningRate: 3e-4, clipNorm: 1, logEvery: 10, seed: undefined, onLog: undefined,
};

export interface TrainGptResult {
  /** Steps at which the loss was recorded, and the mean cross-entropy (nats per token) of that step's batch. */
  steps: number[];
  losses: number[];
  /** Tokens seen: steps x batchSize x contextLength. */
  tokensSeen: number;
  /** Wall time and process CPU time (user + system, all threads) of the loop, in milliseconds. */
  milliseconds: number;
  cpuMilliseconds: number;
}

/** The learning rate at `step`: linear warm-up, then half a cosine from the peak down to the minimum. */
export function learningRateAt(step: number, o: Pick<TrainGptOptions, 'steps' | 'learningRate' | 'warmupSteps' | 'minLearningRate'>): number {
  if (step < o.warmupSteps) return (o.learningRate * (step + 1)) / o.warmupSteps;
  const span = Math.max(1, o.steps - 1 - o.warmupSteps);
  const progress = Math.min(1, (step - o.warmupSteps) / span);
  return o.minLearningRate + 0.5 * (o.learningRate - o.minLearningRate) * (1 + Math.cos(Math.PI * progress));
}

/**
 * Next-token training on one long stream of ids: each step draws `batchSize` windows of contextLength + 1 ids at
 * seeded random offsets (inputs = the first contextLength, targets = the same shifted by one) and takes an Adam
 * step on the mean cross-entropy. Deterministic for a given model seed and options on one backend.
 */
export function trainGpt(model: Gpt, tokens: ArrayLike<number>, options: Partial<TrainGptOptions> & Pick<TrainGptOptions, 'steps'>): TrainGptResult {
  const o: TrainGptOptions = { ...trainGptDefaults, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as TrainGptOptions;
  for (const key of ['steps', 'batchSize', 'logEvery'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`trainGpt: expected ${key} >= 1, got ${key} = ${o[key]}`);
  }
  if (!Number.isInteger(o.warmupSteps) || o.warmupSteps < 0) throw new RangeError(`trainGpt: expected warmupSteps >= 0, got ${o.warmupSteps}`);
  if (!(o.learningRate > 0) || !(o.minLearningRate >= 0)) throw new RangeError(`trainGpt: expected learningRate > 0 and minLearningRate >= 0, got ${o.learningRate} and ${o.minLearningRate}`);
  const T = model.config.contextLength;
  if (tokens.length < T + 1) throw new RangeError(`trainGpt: expected at least contextLength + 1 = ${T + 1} tokens, got ${tokens.length}`);
  const rng = rngFrom(o.seed);
  const optimizer = tf.train.adam(o.learningRate, 0.9, 0.95, 1e-8);
  const vars = model.variables;
  const inputs = new Int32Array(o.batchSize * T);
  const targets = new Int32Array(o.batchSize * T);
  const steps: number[] = [], losses: number[] = [];
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    for (let step = 0; step < o.steps; step++) {
      for (let r = 0; r < o.batchSize; r++) {
        const start = rng.int(tokens.length - T);
        for (let t = 0; t < T; t++) {
          inputs[r * T + t] = tokens[start + t];
          targets[r * T + t] = tokens[start + t + 1];
        }
      }
      // tf's Adam reads its learning rate field at every step.
      (optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(step, o);
      const record = step % o.logEvery === 0 || step === o.steps - 1;
      const lossValue = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => model.loss(inputs, targets, o.batchSize), vars);
        const names = Object.keys(grads);
        let scale = 1;
        if (o.clipNorm > 0) {
          const norm = Math.sqrt(tf.addN(names.map((n) => grads[n].square().sum())).dataSync()[0]);
          if (norm > o.clipNorm) scale = o.clipNorm / norm;
        }
        optimizer.applyGradients(names.map((n) => ({ name: n, tensor: scale === 1 ? grads[n] : grads[n].mul(scale) })));
        return record ? value.dataSync()[0] : NaN;
      });
      if (record) {
        steps.push(step);
        losses.push(lossValue);
        o.onLog?.(step, lossValue);
      }
    }
  } finally {
    optimizer.dispose();
  }
  const cpu = process.cpuUsage(cpu0);
  return { steps, losses, tokensSeen: o.steps * o.batchSize * T, milliseconds: performance.now() - started, cpuMilliseconds: (cpu.user + cpu.system) / 1000 };
}

export interface EvaluateOptions {
  /** Positions a window moves on; each window scores only the targets no earlier window scored. Default contextLength / 2. */
  stride: number;
  /** Windows per forward pass. */
  batchSize: number;
}

/**
 * Mean negative log-likelihood (nats) of tokens[1..N-1], each predicted from the ids before it inside a sliding
 * window of at most contextLength ids (every target after the first window sees at least contextLength - stride
 * ids of context). Perplexity is exp of it; bits per token is it / ln 2.
 * @returns the mean NLL and the number of targets scored (N - 1)
 */
export function evaluateGpt(model: Gpt, tokens: ArrayLike<number>, options: Partial<EvaluateOptions> = {}): { nll: number; count: number } {
  const T = model.config.contextLength, V = model.config.vocabSize;
  const stride = options.stride ?? Math.max(1, Math.floor(T / 2));
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(stride) || stride < 1 || stride > T) throw new RangeError(`evaluateGpt: expected 1 <= stride <= contextLength = ${T}, got ${stride}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`evaluateGpt: expected batchSize >= 1, got ${batchSize}`);
  const N = tokens.length;
  if (N < 2) throw new RangeError(`evaluateGpt: expected at least 2 tokens, got ${N}`);
  // Window w covers ids [s, s + len) and scores targets at positions (scoredFrom, s + len): first window from 1.
  const windows: { start: number; len: number; from: number }[] = [];
  let scored = 0; // every target position < scored + 1 is done
  for (let s = 0; scored < N - 1; s += stride) {
    const len = Math.min(T + 1, N - s); // T inputs + the last target
    windows.push({ start: s, len, from: scored + 1 });
    scored = s + len - 1;
  }
  let total = 0, count = 0;
  for (let b = 0; b < windows.length; b += batchSize) {
    const group = windows.slice(b, b + batchSize);
    for (const lenGroup of groupByLength(group)) {
      const n = lenGroup[0].len - 1;
      const ids = new Int32Array(lenGroup.length * n);
      lenGroup.forEach((w, r) => { for (let t = 0; t < n; t++) ids[r * n + t] = tokens[w.start + t]; });
      // Read the values outside tf.tidy: tidy walks every property of what its function returns, which for a typed
      // array of a million log-probabilities costs far more CPU than the forward pass.
      const logpTensor = tf.tidy(() => tf.logSoftmax(model.forward(tf.tensor2d(ids, [lenGroup.length, n], 'int32')).logits));
      const logp = logpTensor.dataSync() as Float32Array;
      logpTensor.dispose();
      lenGroup.forEach((w, r) => {
        for (let pos = w.from; pos < w.start + w.len; pos++) {
          const t = pos - w.start - 1; // the input position whose output predicts `pos`
          total -= logp[(r * n + t) * V + tokens[pos]];
          count++;
        }
      });
    }
  }
  return { nll: total / count, count };
}

function groupByLength<W extends { len: number }>(ws: W[]): W[][] {
  const m = new Map<number, W[]>();
  for (const w of ws) { const g = m.get(w.len) ?? []; g.push(w); m.set(w.len, g); }
  return [...m.values()];
}
