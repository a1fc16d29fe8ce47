// Word2vec skip-gram with negative sampling (Mikolov et al. 2013), trained by plain SGD on a token stream.
import { rngFrom, type Rng } from '../core/random';

export interface Word2VecOptions {
  /** Embedding dimension. */
  dim: number;
  /** Largest distance between centre and context word; each centre draws its window uniformly in 1..window (as word2vec.c). */
  window: number;
  /** Negative (noise) words per positive pair, drawn from the unigram distribution raised to 0.75. */
  negatives: number;
  /** Words seen fewer times are dropped before training. */
  minCount: number;
  /** Passes over the corpus. */
  epochs: number;
  /** Starting SGD step, decayed linearly to minLearningRate over all epochs. */
  learningRate: number;
  minLearningRate: number;
  /** Frequent-word subsampling threshold t: a word of frequency f is kept with probability (sqrt(f/t) + 1) t / f. 0 keeps all. */
  subsample: number;
  seed: number | undefined;
}

export const word2vecDefaults: Readonly<Word2VecOptions> = {
  dim: 50, window: 5, negatives: 5, minCount: 5, epochs: 3, learningRate: 0.025, minLearningRate: 1e-4, subsample: 1e-3, seed: undefined,
};

export interface SgnsPairLoss {
  /** -log sigma(u_o . v_c) - sum_k log sigma(-u_k . v_c) */
  loss: number;
  gradCenter: Float64Array;
  gradContext: Float64Array;
  /** One gradient per negative word. */
  gradNegatives: Float64Array[];
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const logSigmoid = (x: number) => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

/**
 * The skip-gram negative-sampling loss of one (centre, context) pair with its noise words, and its gradients:
 * d/dv_c = (sigma(s_o) - 1) u_o + sum_k sigma(s_k) u_k, d/du_o = (sigma(s_o) - 1) v_c, d/du_k = sigma(s_k) v_c,
 * with s = u . v_c. `center` is the input ("in") vector of the centre word, the others output ("out") vectors.
 */
export function sgnsLoss(center: ArrayLike<number>, context: ArrayLike<number>, negatives: ReadonlyArray<ArrayLike<number>>): SgnsPairLoss {
  const d = center.length;
  if (context.length !== d) throw new RangeError(`expected a context vector of length ${d}, got ${context.length}`);
  negatives.forEach((u, k) => { if (u.length !== d) throw new RangeError(`expected negative ${k} of length ${d}, got ${u.length}`); });
  const dot = (u: ArrayLike<number>) => { let s = 0; for (let j = 0; j < d; j++) s += u[j] * center[j]; return s; };
  const gradCenter = new Float64Array(d);
  const so = dot(context);
  let loss = -logSigmoid(so);
  const go = sigmoid(so) - 1;
  const gradContext = new Float64Array(d);
  for (let j = 0; j < d; j++) { gradCenter[j] += go * context[j]; gradContext[j] = go * center[j]; }
  const gradNegatives = negatives.map((u) => {
    const s = dot(u);
    loss -= logSigmoid(-s);
    const g = sigmoid(s);
    const out = new Float64Array(d);
    for (let j = 0; j < d; j++) { gradCenter[j] += g * u[j]; out[j] = g * center[j]; }
    return out;
  });
  return { loss, gradCenter, gradContext, gradNegatives };
}

/**
 * Learns two vectors per word: an input vector v_w (the embedding) and an output vector u_w. For every word and each
 * word within its window, SGD lowers -log sigma(u_context . v_centre) - sum of log sigma(-u_noise . v_centre) over
 * `negatives` noise words: words that share contexts end up with nearby input vectors. This is the loss whose optimum
 * is u . v = PMI(w, c) - log k (Levy & Goldberg 2014). Deterministic for a given seed and token stream.
 */
export class Word2Vec {
  readonly options: Readonly<Word2VecOptions>;
  words: string[] = [];
  counts: Int32Array = new Int32Array(0);
  index = new Map<string, number>();
  /** V x dim input vectors (the embeddings). */
  inputVectors: Float32Array = new Float32Array(0);
  /** V x dim output vectors. */
  outputVectors: Float32Array = new Float32Array(0);
  /** Mean loss per positive pair over each epoch. */
  lossHistory: number[] = [];
  /** Positive pairs trained on, over all epochs. */
  pairsSeen = 0;

  constructor(options: Partial<Word2VecOptions> = {}) {
    const o = { ...word2vecDefaults, ...options };
    for (const key of ['dim', 'window', 'negatives', 'minCount', 'epochs'] as const) {
      if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`expected an integer ${key} >= 1, got ${key} = ${o[key]}`);
    }
    if (!(o.learningRate > 0) || !(o.minLearningRate >= 0)) throw new RangeError(`expected learningRate > 0 and minLearningRate >= 0, got ${o.learningRate} and ${o.minLearningRate}`);
    if (!(o.subsample >= 0)) throw new RangeError(`expected subsample >= 0, got subsample = ${o.subsample}`);
    this.options = o;
  }

  get vocabularySize(): number {
    return this.words.length;
  }

  fit(tokens: readonly string[]): this {
    if (!Array.isArray(tokens)) throw new TypeError('Word2Vec.fit: expected an array of tokens');
    const o = this.options;
    const raw = new Map<string, number>();
    tokens.forEach((t, i) => {
      if (typeof t !== 'string') throw new TypeError(`Word2Vec.fit: expected token ${i} to be a string, got ${typeof t}`);
      raw.set(t, (raw.get(t) ?? 0) + 1);
    });
    // most frequent first, ties alphabetical: a stable vocabulary order
    const kept = Array.from(raw).filter(([, c]) => c >= o.minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (kept.length < 2) throw new RangeError(`Word2Vec.fit: expected at least 2 words seen >= minCount = ${o.minCount} times, got ${kept.length}`);
    this.words = kept.map(([w]) => w);
    this.counts = Int32Array.from(kept.map(([, c]) => c));
    this.index = new Map(this.words.map((w, i) => [w, i]));
    const ids = Int32Array.from(tokens.filter((t) => this.index.has(t)).map((t) => this.index.get(t) as number));
    const V = this.words.length, d = o.dim;
    const rng = rngFrom(o.seed);
    this.inputVectors = new Float32Array(V * d);
    for (let i = 0; i < V * d; i++) this.inputVectors[i] = (rng.random() - 0.5) / d;
    this.outputVectors = new Float32Array(V * d);
    const table = this.noiseTable();
    const total = ids.length;
    const keep = new Float64Array(V);
    for (let w = 0; w < V; w++) {
      const f = this.counts[w] / total, t = o.subsample;
      keep[w] = t === 0 ? 1 : Math.min(1, (Math.sqrt(f / t) + 1) * (t / f));
    }
    this.lossHistory = [];
    this.pairsSeen = 0;
    const steps = o.epochs * total;
    const grad = new Float32Array(d);
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      let lossSum = 0, pairs = 0;
      const sentence: number[] = [];
      for (let p = 0; p < total; p++) if (rng.random() < keep[ids[p]]) sentence.push(ids[p]);
      for (let p = 0; p < sentence.length; p++) {
        const progress = (epoch * total + (p / sentence.length) * total) / steps;
        const lr = Math.max(o.minLearningRate, o.learningRate * (1 - progress));
        const b = 1 + rng.int(o.window);
        const centre = sentence[p];
        for (let q = Math.max(0, p - b); q <= Math.min(sentence.length - 1, p + b); q++) {
          if (q === p) continue;
          lossSum += this.step(centre, sentence[q], table, rng, lr, grad);
          pairs++;
        }
      }
      this.pairsSeen += pairs;
      this.lossHistory.push(pairs > 0 ? lossSum / pairs : NaN);
    }
    return this;
  }

  /** Word ids repeated in proportion to count^0.75: sampling an index uniformly samples the noise distribution. */
  private noiseTable(): Int32Array {
    const size = Math.max(1000, Math.min(1e6, 20 * this.words.length));
    const powered = Array.from(this.counts, (c) => c ** 0.75);
    const z = powered.reduce((s, v) => s + v, 0);
    const table = new Int32Array(size);
    let w = 0, cum = powered[0] / z;
    for (let i = 0; i < size; i++) {
      table[i] = w;
      if ((i + 1) / size > cum && w < powered.length - 1) { w++; cum += powered[w] / z; }
    }
    return table;
  }

  /** One SGD step on (centre, context) plus negatives; returns the pair's loss before the step. */
  private step(centre: number, context: number, table: Int32Array, rng: Rng, lr: number, grad: Float32Array): number {
    const d = this.options.dim, vin = this.inputVectors, vout = this.outputVectors;
    const cb = centre * d;
    grad.fill(0);
    let loss = 0;
    for (let k = 0; k <= this.options.negatives; k++) {
      let target: number, label: number;
      if (k === 0) { target = context; label = 1; } else {
        target = table[rng.int(table.length)];
        if (target === context) continue;
        label = 0;
      }
      const tb = target * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += vin[cb + j] * vout[tb + j];
      loss -= label === 1 ? logSigmoid(s) : logSigmoid(-s);
      const g = (label - sigmoid(s)) * lr; // minus the loss gradient with respect to s, times the step
      for (let j = 0; j < d; j++) { grad[j] += g * vout[tb + j]; vout[tb + j] += g * vin[cb + j]; }
    }
    for (let j = 0; j < d; j++) vin[cb + j] += grad[j];
    return loss;
  }

  /**
   * Mean SGNS loss per (centre, context) pair on other text (e.g. held-out chapters), with no SGD step: every pair
   * within `window` words (no random shrinking, no subsampling; out-of-vocabulary words dropped first) against
   * `negatives` noise words drawn from the training noise distribution with a seeded generator. An untrained model
   * (output vectors 0) scores exactly (negatives + 1) ln 2, the baseline this must beat.
   */
  heldOutLoss(tokens: readonly string[], options: { window?: number; seed?: number } = {}): { loss: number; pairs: number } {
    if (this.words.length === 0) throw new Error('Word2Vec: call fit(tokens) before heldOutLoss');
    if (!Array.isArray(tokens)) throw new TypeError('Word2Vec.heldOutLoss: expected an array of tokens');
    const window = options.window ?? this.options.window;
    if (!Number.isInteger(window) || window < 1) throw new RangeError(`expected an integer window >= 1, got window = ${window}`);
    const ids = tokens.filter((t) => this.index.has(t)).map((t) => this.index.get(t) as number);
    const rng = rngFrom(options.seed ?? 0);
    const table = this.noiseTable();
    const d = this.options.dim, vin = this.inputVectors, vout = this.outputVectors;
    const score = (c: number, o: number) => { let s = 0; for (let j = 0; j < d; j++) s += vin[c * d + j] * vout[o * d + j]; return s; };
    let sum = 0, pairs = 0;
    for (let p = 0; p < ids.length; p++) {
      for (let q = Math.max(0, p - window); q <= Math.min(ids.length - 1, p + window); q++) {
        if (q === p) continue;
        sum -= logSigmoid(score(ids[p], ids[q]));
        for (let k = 0; k < this.options.negatives; k++) sum -= logSigmoid(-score(ids[p], table[rng.int(table.length)]));
        pairs++;
      }
    }
    if (pairs === 0) throw new RangeError('Word2Vec.heldOutLoss: expected at least 2 in-vocabulary tokens, got fewer');
    return { loss: sum / pairs, pairs };
  }

  /** The embedding (input vector) of a word. */
  vector(word: string): Float32Array {
    const i = this.index.get(word);
    if (i === undefined) throw new RangeError(`"${word}" is not in the vocabulary (${this.words.length} words seen >= ${this.options.minCount} times)`);
    return this.inputVectors.subarray(i * this.options.dim, (i + 1) * this.options.dim);
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** Cosine similarity of two words' embeddings. */
  similarity(a: string, b: string): number {
    return cosine(this.vector(a), this.vector(b));
  }

  /** The k words whose embeddings have the largest cosine with the word's (or with a given vector), the word itself excluded. */
  mostSimilar(wordOrVector: string | ArrayLike<number>, k = 10, exclude: readonly string[] = []): { word: string; similarity: number }[] {
    const v = typeof wordOrVector === 'string' ? this.vector(wordOrVector) : wordOrVector;
    if (v.length !== this.options.dim) throw new RangeError(`expected a vector of length ${this.options.dim}, got ${v.length}`);
    const skip = new Set(exclude);
    if (typeof wordOrVector === 'string') skip.add(wordOrVector);
    const d = this.options.dim;
    const scored: { word: string; similarity: number }[] = [];
    for (let i = 0; i < this.words.length; i++) {
      if (skip.has(this.words[i])) continue;
      scored.push({ word: this.words[i], similarity: cosine(this.inputVectors.subarray(i * d, (i + 1) * d), v) });
    }
    scored.sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1));
    return scored.slice(0, k);
  }
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0, aa = 0, bb = 0;
  for (let j = 0; j < a.length; j++) { ab += a[j] * b[j]; aa += a[j] * a[j]; bb += b[j] * b[j]; }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}
