// Tests for lib/retrieval/ranking-metrics: hand-computed precision/recall@k, reciprocal rank, MRR, DCG and nDCG (to 1e-12), errors.
import { describe, expect, it } from 'vitest';
import { dcgAtK, meanReciprocalRank, ndcgAtK, precisionAtK, recallAtK, reciprocalRank } from '../../lib/retrieval/ranking-metrics';

describe('ranking metrics', () => {
  const ranked = [3, 1, 2, 0];
  it('precision@k and recall@k by hand', () => {
    expect(precisionAtK(ranked, new Set([1, 0]), 2)).toBe(0.5);
    expect(recallAtK(ranked, new Set([1, 0]), 2)).toBe(0.5);
    expect(recallAtK(ranked, new Set([1, 0]), 4)).toBe(1);
    expect(recallAtK([5, 5, 1], [5, 1, 9], 2)).toBeCloseTo(1 / 3, 15); // a repeated id counts once
    expect(precisionAtK([1], [1], 5)).toBe(0.2); // missing results are misses
  });
  it('reciprocal rank and MRR by hand', () => {
    expect(reciprocalRank(ranked, [2])).toBeCloseTo(1 / 3, 15);
    expect(reciprocalRank(ranked, [2], 2)).toBe(0);
    expect(reciprocalRank(ranked, [7])).toBe(0);
    expect(meanReciprocalRank([ranked, ranked, [9]], [[3], [1], [4]])).toBeCloseTo((1 + 0.5 + 0) / 3, 15);
  });
  it('DCG and nDCG with graded relevance by hand', () => {
    const grades = new Map([[0, 3], [1, 2], [2, 0], [3, 1]]);
    // DCG@3 = (2^1-1)/log2 2 + (2^2-1)/log2 3 + 0; IDCG@3 = 7/1 + 3/log2 3 + 1/2
    const dcg = 1 + 3 / Math.log2(3);
    expect(dcgAtK(ranked, grades, 3)).toBeCloseTo(dcg, 12);
    expect(ndcgAtK(ranked, grades, 3)).toBeCloseTo(dcg / (7 + 3 / Math.log2(3) + 0.5), 12);
    expect(ndcgAtK([0, 1, 3, 2], grades, 4)).toBeCloseTo(1, 12);
    // binary: one relevant document at rank 2 -> 1/log2(3)
    expect(ndcgAtK([4, 8, 6], [8], 3)).toBeCloseTo(1 / Math.log2(3), 12);
  });
  it('errors name the problem', () => {
    expect(() => recallAtK(ranked, [], 3)).toThrow(/at least 1 relevant/);
    expect(() => ndcgAtK(ranked, new Map([[1, 0]]), 3)).toThrow(/at least 1 relevant/);
    expect(() => precisionAtK(ranked, [1], 0)).toThrow(/k >= 1, got k = 0/);
    expect(() => recallAtK('abc' as unknown as number[], [1], 1)).toThrow(TypeError);
    expect(() => ndcgAtK(ranked, new Map([[1, -1]]), 2)).toThrow(/grades >= 0/);
    expect(() => meanReciprocalRank([ranked], [], 2)).toThrow(/one relevance set per ranking/);
  });
});
