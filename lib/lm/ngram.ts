// n-gram language models over token ids: add-k smoothing or interpolated Kneser-Ney, with log-likelihood of a held-out stream.

export type Smoothing = 'add-k' | 'kneser-ney';

export interface NgramOptions {
  /** n: each token is predicted from the n - 1 before it (1 = unigram). */
  order: number;
  /** Number of possible ids V (ids are 0..V-1); unseen ids still get probability through smoothing. */
  vocabSize: number;
  smoothing: Smoothing;
  /** Add-k pseudo-count (add-k only): P(w | h) = (c(h w) + k) / (c(h) + k V). */
  k: number;
  /** Absolute discount D of Kneser-Ney, subtracted from every seen count (0 < D < 1). */
  discount: number;
}

export const ngramDefaults: Readonly<Omit<NgramOptions, 'vocabSize'>> = { order: 3, smoothing: 'kneser-ney', k: 1, discount: 0.75 };

/** Counts following one context: c(h w) for each w, their total c(h), and N1+(h .), the number of distinct w. */
interface ContextCounts {
  total: number;
  counts: Map<number, number>;
}

const key = (ids: ArrayLike<number>, from: number, to: number): string => {
  let s = '';
  for (let i = from; i < to; i++) s += (i > from ? ',' : '') + ids[i];
  return s;
};

/**
 * An n-gram language model: P(w_t | w_{t-n+1} .. w_{t-1}) estimated from counts.
 * - add-k: (c(h w) + k) / (c(h) + k V), the simplest way to give unseen n-grams some mass.
 * - kneser-ney (interpolated, Chen and Goodman 1998): subtract D from every seen count and give the freed mass
 *   D N1+(h .) / c(h) to the next-lower order, whose counts are continuation counts N1+(. h' w) (in how many
 *   different contexts w follows h'), down to a unigram of continuation counts interpolated with uniform 1 / V.
 *   A context never seen backs off entirely to the lower order.
 * The first n - 1 tokens of a stream use the shorter contexts available.
 */
export class NgramModel {
  readonly options: NgramOptions;
  /** levels[j]: contexts of length j (j = 0..n-1) to the counts following them (raw counts at j = n - 1 or for add-k, continuation counts below). */
  private readonly levels: Map<string, ContextCounts>[];
  /** Number of tokens trained on. */
  readonly trainedTokens: number;

  constructor(tokens: ArrayLike<number>, options: Partial<NgramOptions> & Pick<NgramOptions, 'vocabSize'>) {
    const o: NgramOptions = { ...ngramDefaults, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as NgramOptions;
    if (!Number.isInteger(o.order) || o.order < 1) throw new RangeError(`NgramModel: expected order >= 1, got order = ${o.order}`);
    if (!Number.isInteger(o.vocabSize) || o.vocabSize < 1) throw new RangeError(`NgramModel: expected vocabSize >= 1, got vocabSize = ${o.vocabSize}`);
    if (o.smoothing !== 'add-k' && o.smoothing !== 'kneser-ney') throw new TypeError(`NgramModel: expected smoothing 'add-k' or 'kneser-ney', got ${JSON.stringify(o.smoothing)}`);
    if (o.smoothing === 'add-k' && !(o.k > 0)) throw new RangeError(`NgramModel: expected k > 0 for add-k, got k = ${o.k}`);
    if (o.smoothing === 'kneser-ney' && !(o.discount > 0 && o.discount < 1)) throw new RangeError(`NgramModel: expected 0 < discount < 1, got discount = ${o.discount}`);
    if (tokens.length < 1) throw new RangeError('NgramModel: expected at least 1 training token');
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (!Number.isInteger(t) || t < 0 || t >= o.vocabSize) throw new RangeError(`NgramModel: expected token ids in 0..${o.vocabSize - 1}, got ${t} at index ${i}`);
    }
    this.options = o;
    this.trainedTokens = tokens.length;
    const n = o.order;
    const raw: Map<string, ContextCounts>[] = Array.from({ length: n }, () => new Map());
    const bump = (m: Map<string, ContextCounts>, h: string, w: number, by = 1) => {
      let c = m.get(h);
      if (!c) m.set(h, (c = { total: 0, counts: new Map() }));
      c.total += by;
      c.counts.set(w, (c.counts.get(w) ?? 0) + by);
    };
    // Raw counts of every order: context length j, for every position with j tokens before it.
    for (let t = 0; t < tokens.length; t++) {
      for (let j = 0; j < n && j <= t; j++) bump(raw[j], key(tokens, t - j, t), tokens[t]);
    }
    if (o.smoothing === 'add-k' || n === 1) {
      this.levels = raw;
      return;
    }
    // Continuation counts for the lower orders: N1+(. h' w) = number of distinct x with c(x h' w) > 0.
    const levels: Map<string, ContextCounts>[] = Array.from({ length: n }, () => new Map());
    levels[n - 1] = raw[n - 1];
    for (let j = 0; j < n - 1; j++) {
      for (const [h, c] of raw[j + 1]) {
        const shorter = h.includes(',') ? h.slice(h.indexOf(',') + 1) : '';
        for (const w of c.counts.keys()) bump(levels[j], shorter, w);
      }
    }
    this.levels = levels;
  }

  /** P(w | context), using the last n - 1 ids of `context` (fewer if it is shorter). */
  prob(context: ArrayLike<number>, w: number): number {
    const n = this.options.order;
    const m = Math.min(n - 1, context.length);
    return this.probFrom(context, context.length - m, context.length, w);
  }

  private probFrom(ids: ArrayLike<number>, from: number, to: number, w: number): number {
    const V = this.options.vocabSize;
    const j = to - from;
    if (this.options.smoothing === 'add-k') {
      const k = this.options.k;
      const c = this.levels[j].get(key(ids, from, to));
      return ((c?.counts.get(w) ?? 0) + k) / ((c?.total ?? 0) + k * V);
    }
    const D = this.options.discount;
    // Interpolated Kneser-Ney, from the shortest context up: p is the lower order's estimate.
    let p = 1 / V;
    for (let len = 0; len <= j; len++) {
      const c = this.levels[len].get(key(ids, to - len, to));
      if (!c) continue; // unseen context: all its mass goes to the lower order
      const seen = c.counts.get(w) ?? 0;
      p = Math.max(seen - D, 0) / c.total + ((D * c.counts.size) / c.total) * p;
    }
    return p;
  }

  /**
   * Sum of -ln P(tokens[t] | the up to n - 1 tokens before it) for t = from..N-1 (default from 1, so the first
   * token, which has no context, is not scored, as in evaluateGpt).
   * @returns the total NLL in nats, the number of tokens scored, and the mean
   */
  negativeLogLikelihood(tokens: ArrayLike<number>, from = 1): { total: number; count: number; mean: number } {
    if (!Number.isInteger(from) || from < 0 || from >= tokens.length) throw new RangeError(`NgramModel: expected 0 <= from < ${tokens.length}, got ${from}`);
    const n = this.options.order;
    let total = 0;
    for (let t = from; t < tokens.length; t++) {
      const w = tokens[t];
      if (!Number.isInteger(w) || w < 0 || w >= this.options.vocabSize) throw new RangeError(`NgramModel: expected token ids in 0..${this.options.vocabSize - 1}, got ${w} at index ${t}`);
      total -= Math.log(this.probFrom(tokens, Math.max(0, t - (n - 1)), t, w));
    }
    const count = tokens.length - from;
    return { total, count, mean: total / count };
  }

  /** The full next-token distribution after `context` (length vocabSize; sums to 1). */
  distribution(context: ArrayLike<number>): Float64Array {
    const V = this.options.vocabSize;
    const m = Math.min(this.options.order - 1, context.length);
    return Float64Array.from({ length: V }, (_, w) => this.probFrom(context, context.length - m, context.length, w));
  }
}
