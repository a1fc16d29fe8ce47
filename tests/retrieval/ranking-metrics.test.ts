// Tests for lib/retrieval/ranking-metrics: hand-computed precision/recall@k, reciprocal rank, MRR, DCG and nDCG (to 1e-12), errors.
import { describe, expect, it } from 'vitest';
import { averagePrecisionAtK, dcgAtK, meanAveragePrecisionAtK, meanReciprocalRank, ndcgAtK, precisionAtK, recallAtK, reciprocalRank } from '../../lib/retrieval/ranking-metrics';

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

describe('average precision and MAP@k', () => {
  it('hand-computed cases', () => {
    // relevant at ranks 1, 3, 5: (1/1 + 2/3 + 3/5) / 3
    expect(averagePrecisionAtK([1, 2, 3, 4, 5], new Set([1, 3, 5]), 5)).toBeCloseTo((1 + 2 / 3 + 3 / 5) / 3, 14);
    // cut at k = 3: (1 + 2/3) / min(3, 3)
    expect(averagePrecisionAtK([1, 2, 3, 4, 5], new Set([1, 3, 5]), 3)).toBeCloseTo((1 + 2 / 3) / 3, 14);
    // a relevant item never retrieved still counts in the denominator: (1/2) / 2
    expect(averagePrecisionAtK([2, 1], [1, 9], 2)).toBeCloseTo(0.25, 14);
    // min(k, |relevant|): 3 relevant but k = 1, first is relevant -> 1
    expect(averagePrecisionAtK([7, 8], [7, 8, 9], 1)).toBe(1);
    // duplicates in the ranking count once
    expect(averagePrecisionAtK([1, 1, 2], [1, 2], 3)).toBeCloseTo((1 + 2 / 3) / 2, 14);
    expect(meanAveragePrecisionAtK([[1, 2], [2, 1]], [[1], [1]], 2)).toBeCloseTo((1 + 0.5) / 2, 14);
  });
  it('with k covering the whole ranking equals sklearn average_precision_score', () => {
    // /usr/bin/python3: sklearn.metrics.average_precision_score([0,1,0,0,1,1,0,0,1,0], [10,9,...,1]) = 0.46111111111111114
    const y = [0, 1, 0, 0, 1, 1, 0, 0, 1, 0];
    const relevant = y.flatMap((v, i) => (v ? [i] : []));
    expect(averagePrecisionAtK([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], relevant, 10)).toBeCloseTo(0.46111111111111114, 14);
  });
  it('rejects bad input', () => {
    expect(() => averagePrecisionAtK([1], [], 1)).toThrow(/at least 1 relevant/);
    expect(() => averagePrecisionAtK([1], [1], 0)).toThrow(/k >= 1/);
    expect(() => meanAveragePrecisionAtK([], [], 1)).toThrow(/at least 1 query/);
  });
});
