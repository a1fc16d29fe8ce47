// Tests for lib/lm/ngram: add-k and interpolated Kneser-Ney probabilities computed by hand on a 6-token stream,
// distributions that sum to 1, the NLL as the sum of -ln P, error paths.
import { describe, expect, it } from 'vitest';
import { NgramModel } from '../../lib/lm/ngram';
import { Rng } from '../../lib/core/random';

// Stream 0 1 0 2 0 1 over V = 3. Bigrams: 01, 10, 02, 20, 01. c(0 .) = 3 with c(01) = 2, c(02) = 1.
const stream = [0, 1, 0, 2, 0, 1];

describe('NgramModel by hand', () => {
  it('add-1 bigram: P(1|0) = (2 + 1) / (3 + 3) = 0.5, P(0|0) = 1/6; add-1 unigram: P(0) = (3 + 1) / (6 + 3)', () => {
    const m = new NgramModel(stream, { vocabSize: 3, order: 2, smoothing: 'add-k', k: 1 });
    expect(m.prob([0], 1)).toBeCloseTo(0.5, 12);
    expect(m.prob([0], 0)).toBeCloseTo(1 / 6, 12);
    expect(m.prob([1], 0)).toBeCloseTo(2 / 4, 12); // c(10) = 1, c(1 .) = 1: (1 + 1) / (1 + 3)
    const u = new NgramModel(stream, { vocabSize: 3, order: 1, smoothing: 'add-k', k: 1 });
    expect(u.prob([], 0)).toBeCloseTo(4 / 9, 12);
    expect(u.prob([2, 2], 2)).toBeCloseTo(2 / 9, 12); // a unigram ignores the context
  });

  it('Kneser-Ney bigram (D = 0.75): continuation unigram 0.5 / 0.25 / 0.25, P(1|0) = 1.25/3 + 0.5 * 0.25 = 0.541667', () => {
    // Continuation counts N1+(. w): w = 0 follows 1 and 2 (2), w = 1 follows 0 (1), w = 2 follows 0 (1); 4 in all, 3 types.
    // P_1(w) = max(N1+(. w) - D, 0) / 4 + (D * 3 / 4) / 3: P_1(0) = 1.25/4 + 0.1875 = 0.5, P_1(1) = P_1(2) = 0.25/4 + 0.1875 = 0.25.
    // P(w | 0) = max(c(0 w) - D, 0) / 3 + (D * 2 / 3) P_1(w).
    const m = new NgramModel(stream, { vocabSize: 3, order: 2, smoothing: 'kneser-ney', discount: 0.75 });
    expect(m.prob([], 0)).toBeCloseTo(0.5, 12);
    expect(m.prob([], 1)).toBeCloseTo(0.25, 12);
    expect(m.prob([0], 1)).toBeCloseTo(1.25 / 3 + 0.5 * 0.25, 12);
    expect(m.prob([0], 2)).toBeCloseTo(0.25 / 3 + 0.5 * 0.25, 12);
    expect(m.prob([0], 0)).toBeCloseTo(0.5 * 0.5, 12);
    // Context 1 was followed only by 0: P(0|1) = 0.25 / 1 + 0.75 * 1 * 0.5 = 0.625.
    expect(m.prob([1], 0)).toBeCloseTo(0.625, 12);
  });

  it('the NLL of a stream is the sum of -ln P of tokens 1..N-1 given their contexts', () => {
    const m = new NgramModel(stream, { vocabSize: 3, order: 2 });
    const test = [2, 0, 1, 1];
    const r = m.negativeLogLikelihood(test);
    const byHand = -Math.log(m.prob([2], 0)) - Math.log(m.prob([0], 1)) - Math.log(m.prob([1], 1));
    expect(r.count).toBe(3);
    expect(r.total).toBeCloseTo(byHand, 12);
    expect(r.mean).toBeCloseTo(byHand / 3, 12);
  });
});

describe('NgramModel properties', () => {
  const rng = new Rng(11);
  const tokens = Array.from({ length: 3000 }, () => Math.min(9, Math.floor(-Math.log(1 - rng.random()) * 2)));

  it('every next-token distribution sums to 1 (KN orders 1-4, add-k), also after unseen contexts', () => {
    for (const order of [1, 2, 3, 4]) {
      for (const smoothing of ['kneser-ney', 'add-k'] as const) {
        const m = new NgramModel(tokens, { vocabSize: 12, order, smoothing, k: 0.1 });
        for (const ctx of [[], [0], [1, 2], [0, 0, 1], [11, 11, 11], [3, 9, 11]]) {
          const d = m.distribution(ctx);
          expect(d.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
          expect(Math.min(...d)).toBeGreaterThan(0); // ids 10 and 11 never occur, yet keep some mass
        }
      }
    }
  });

  it('higher orders fit the training stream better (lower NLL), as counts sharpen', () => {
    const periodic = Array.from({ length: 600 }, (_, i) => [0, 1, 2, 0, 2, 1][i % 6]);
    const nll = [1, 2, 3].map((order) => new NgramModel(periodic, { vocabSize: 3, order }).negativeLogLikelihood(periodic).mean);
    expect(nll[1]).toBeLessThan(nll[0]);
    expect(nll[2]).toBeLessThan(nll[1]);
    expect(nll[2]).toBeLessThan(0.05); // two tokens of context determine the next one
  });

  it('rejects bad options and ids with messages that name them', () => {
    expect(() => new NgramModel([0, 1], { vocabSize: 2, order: 0 })).toThrow(/order >= 1/);
    expect(() => new NgramModel([0, 2], { vocabSize: 2 })).toThrow(/ids in 0..1, got 2 at index 1/);
    expect(() => new NgramModel([0, 1], { vocabSize: 2, smoothing: 'good-turing' as 'add-k' })).toThrow(TypeError);
    expect(() => new NgramModel([0, 1], { vocabSize: 2, smoothing: 'kneser-ney', discount: 1.5 })).toThrow(/discount/);
    expect(() => new NgramModel([0, 1], { vocabSize: 2, smoothing: 'add-k', k: 0 })).toThrow(/k > 0/);
    expect(() => new NgramModel([], { vocabSize: 2 })).toThrow(/at least 1/);
    const m = new NgramModel([0, 1], { vocabSize: 2 });
    expect(() => m.negativeLogLikelihood([0, 5])).toThrow(/got 5 at index 1/);
  });
});
