// Tests for lib/text/tfidf and lib/text/bag-of-words: the TfidfVectorizer example of scikit-learn's documentation
// (vocabulary, counts exactly, TF-IDF rows to 1e-8, the 8 digits printed there), idf by hand, sublinear tf and L1 rows,
// cosine similarity by hand, errors.
import { describe, expect, it } from 'vitest';
import { CountVectorizer, ENGLISH_STOP_WORDS, tokenize } from '../../lib/text/bag-of-words';
import { TfidfVectorizer, cosineSimilarity, cosineSimilarityMatrix, inverseDocumentFrequency, tfidfFromCounts } from '../../lib/text/tfidf';

const corpus = [
  'This is the first document.',
  'This document is the second document.',
  'And this is the third one.',
  'Is this the first document?',
];

describe('bag of words', () => {
  it('tokenize: lower-case words of 2+ letters, stop words removed', () => {
    expect(tokenize('A cat, the Cat; 42 cats!')).toEqual(['cat', 'the', 'cat', '42', 'cats']);
    expect(tokenize('A cat, the Cat', { stopWords: ENGLISH_STOP_WORDS })).toEqual(['cat', 'cat']);
    expect(tokenize('A b', { minLength: 1, lowercase: false })).toEqual(['A', 'b']);
  });

  it('CountVectorizer on the scikit-learn example: sorted vocabulary and counts', () => {
    const cv = new CountVectorizer();
    const X = cv.fitTransform(corpus);
    expect(cv.vocabulary).toEqual(['and', 'document', 'first', 'is', 'one', 'second', 'the', 'third', 'this']);
    expect(Array.from(X.data.subarray(9, 18))).toEqual([0, 2, 0, 1, 0, 1, 1, 0, 1]);
    expect(Array.from(cv.documentFrequency)).toEqual([1, 3, 2, 4, 1, 1, 4, 1, 4]);
    expect(Array.from(cv.transform(['unknown words, document']).data)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0]);
    const small = new CountVectorizer({ minDf: 2 }).fit(corpus);
    expect(small.vocabulary).toEqual(['document', 'first', 'is', 'the', 'this']);
    expect(new CountVectorizer({ maxFeatures: 2 }).fit(corpus).vocabulary).toEqual(['document', 'is']);
    expect(Array.from(new CountVectorizer({ binary: true }).fitTransform(corpus).data.subarray(9, 18))).toEqual([0, 1, 0, 1, 0, 1, 1, 0, 1]);
  });
});

describe('TF-IDF', () => {
  it('scikit-learn documentation example: TF-IDF rows to 1e-8', () => {
    const X = new TfidfVectorizer().fitTransform(corpus);
    const expected = [
      [0, 0.46979139, 0.58028582, 0.38408524, 0, 0, 0.38408524, 0, 0.38408524],
      [0, 0.6876236, 0, 0.28108867, 0, 0.53864762, 0.28108867, 0, 0.28108867],
      [0.51184851, 0, 0, 0.26710379, 0.51184851, 0, 0.26710379, 0.51184851, 0.26710379],
      [0, 0.46979139, 0.58028582, 0.38408524, 0, 0, 0.38408524, 0, 0.38408524],
    ];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 9; j++) expect(Math.abs(X.data[i * 9 + j] - expected[i][j])).toBeLessThan(1e-8);
  });

  it('idf by hand: smooth ln((1 + n) / (1 + df)) + 1, plain ln(n / df) + 1', () => {
    const idf = inverseDocumentFrequency([1, 3, 4], 4);
    expect(idf[0]).toBeCloseTo(Math.log(5 / 2) + 1, 14);
    expect(idf[1]).toBeCloseTo(Math.log(5 / 4) + 1, 14);
    expect(idf[2]).toBe(1);
    expect(Array.from(inverseDocumentFrequency([1, 4], 4, false))).toEqual([Math.log(4) + 1, 1]);
  });

  it('sublinear tf, L1 and no normalisation', () => {
    const counts = [[4, 0, 1]], idf = [1, 2, 3];
    expect(Array.from(tfidfFromCounts(counts, idf, { norm: 'none' }).data)).toEqual([4, 0, 3]);
    const sub = tfidfFromCounts(counts, idf, { norm: 'none', sublinearTf: true }).data;
    expect(sub[0]).toBeCloseTo(1 + Math.log(4), 14);
    expect(Array.from(tfidfFromCounts(counts, idf, { norm: 'l1' }).data)).toEqual([4 / 7, 0, 3 / 7]);
  });

  it('cosine similarity: by hand, scale-free, 0 for no shared words; documents 1 and 4 are identical bags', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 2, 2], [2, 4, 4])).toBeCloseTo(1, 15);
    expect(cosineSimilarity([1, 1], [1, 0])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(cosineSimilarity([0, 0], [1, 0])).toBe(0);
    const X = new TfidfVectorizer().fitTransform(corpus);
    const S = cosineSimilarityMatrix(X);
    expect(S.data[0 * 4 + 3]).toBeCloseTo(1, 14);
    expect(S.data[0 * 4 + 0]).toBeCloseTo(1, 14);
    // L2-normalised rows: the cosine is the plain dot product
    let dot = 0;
    for (let j = 0; j < 9; j++) dot += X.data[j] * X.data[9 + j];
    expect(S.data[1]).toBeCloseTo(dot, 14);
  });

  it('errors', () => {
    expect(() => new TfidfVectorizer().fit([])).toThrow(RangeError);
    expect(() => new TfidfVectorizer().fit(['ok', 3 as unknown as string])).toThrow(TypeError);
    expect(() => new TfidfVectorizer().transform(['a'])).toThrow(/call fit/);
    expect(() => new CountVectorizer().fit(['a b c'])).toThrow(/non-empty vocabulary/);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(RangeError);
    expect(() => cosineSimilarity([NaN], [1])).toThrow(RangeError);
    expect(() => inverseDocumentFrequency([5], 4)).toThrow(RangeError);
    expect(() => tokenize(5 as unknown as string)).toThrow(TypeError);
    expect(() => new TfidfVectorizer({ norm: 'max' as 'l2' })).toThrow(RangeError);
  });
});
