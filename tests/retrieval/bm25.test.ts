// Tests for lib/retrieval/bm25: scores against a hand computation (1e-12), k1/b limits, ranking ties, errors.
import { describe, expect, it } from 'vitest';
import { BM25, bm25Idf, topK } from '../../lib/retrieval/bm25';

describe('BM25', () => {
  const docs = ['cat dog', 'cat cat fish', 'bird'];
  it('matches a hand computation', () => {
    const bm = new BM25().fit(docs);
    expect(bm.avgLength).toBe(2);
    // df(cat) = 2, N = 3: idf = ln(1 + 1.5 / 2.5) = ln 1.6
    expect(bm25Idf(2, 3)).toBeCloseTo(Math.log(1.6), 15);
    const s = bm.scores('cat');
    // doc 0: tf 1, |d| = avgdl -> idf * 1 * 2.2 / (1 + 1.2); doc 1: tf 2, |d| / avgdl = 1.5 -> idf * 2 * 2.2 / (2 + 1.2 (0.25 + 1.125))
    expect(s[0]).toBeCloseTo(Math.log(1.6), 12);
    expect(s[1]).toBeCloseTo((Math.log(1.6) * 4.4) / 3.65, 12);
    expect(s[2]).toBe(0);
    // two query words add up; an unknown word adds nothing
    const s2 = bm.scores('cat fish unicorn');
    expect(s2[1]).toBeCloseTo((Math.log(1.6) * 4.4) / 3.65 + (Math.log(1 + 2.5 / 1.5) * 2.2) / (1 + 1.2 * 1.375), 12);
    expect(bm.search('cat fish', 2).ids).toEqual([1, 0]);
  });
  it('k1 = 0 gives pure idf; b = 0 ignores length', () => {
    const flat = new BM25({ k1: 0 }).fit(docs).scores('cat');
    expect(flat[0]).toBeCloseTo(Math.log(1.6), 12);
    expect(flat[1]).toBeCloseTo(Math.log(1.6), 12);
    const noLen = new BM25({ b: 0 }).fit(['cat', 'cat a b c d e f g h i j k l']).scores('cat');
    expect(noLen[0]).toBeCloseTo(noLen[1], 15);
  });
  it('topK breaks ties by the lower index', () => {
    expect(topK([1, 3, 3, 0], 3)).toEqual({ ids: [1, 2, 0], scores: [3, 3, 1] });
  });
  it('errors', () => {
    expect(() => new BM25({ b: 2 })).toThrow(/0 <= b <= 1, got b = 2/);
    expect(() => new BM25().fit([])).toThrow(/at least 1 document/);
    expect(() => new BM25().scores('x')).toThrow(/fit/);
    expect(() => new BM25().fit(['ok', 3 as unknown as string])).toThrow(/document 1/);
    expect(() => bm25Idf(4, 3)).toThrow(/df = 4/);
  });
});
