// BLEU against the worked examples of Papineni et al. (2002) and hand-computed cases (precisions, brevity penalty, smoothing).
import { describe, expect, it } from 'vitest';
import { corpusBleu, sentenceBleu } from '../../lib/text/bleu';

const words = (s: string): string[] => s.toLowerCase().replace(/[.,]/g, '').split(/\s+/).filter(Boolean);

// Example 1 of the paper (section 2.1)
const cand1 = words('It is a guide to action which ensures that the military always obeys the commands of the party.');
const cand2 = words('It is to insure the troops forever hearing the activity guidebook that party direct.');
const refs = [
  'It is a guide to action that ensures that the military will forever heed Party commands.',
  'It is the guiding principle which guarantees the military forces always being under the command of the Party.',
  'It is the practical guide for the army always to heed the directions of the party.',
].map(words);

describe('BLEU: the paper\'s worked examples', () => {
  it('Example 2: "the the the the the the the" has modified unigram precision 2/7', () => {
    const r = sentenceBleu(words('the the the the the the the.'), [words('The cat is on the mat.'), words('There is a cat on the mat.')], { maxN: 1 });
    expect(r.matches[0]).toBe(2);
    expect(r.totals[0]).toBe(7);
    expect(r.precisions[0]).toBeCloseTo(2 / 7, 15);
  });

  it('Example 1: candidate 1 has unigram precision 17/18 and bigram 10/17; candidate 2 has 8/14 and 1/13', () => {
    const r1 = sentenceBleu(cand1, refs);
    expect([r1.matches[0], r1.totals[0], r1.matches[1], r1.totals[1]]).toEqual([17, 18, 10, 17]);
    const r2 = sentenceBleu(cand2, refs);
    expect([r2.matches[0], r2.totals[0], r2.matches[1], r2.totals[1]]).toEqual([8, 14, 1, 13]);
    expect(r1.bleu).toBeGreaterThan(r2.bleu);
  });
});

describe('BLEU: hand-computed', () => {
  it('"a b c d e f" vs "a b c d e g": p = 5/6, 4/5, 3/4, 2/3, BP 1, BLEU = (1/3)^(1/4)', () => {
    const r = sentenceBleu('a b c d e f', ['a b c d e g']);
    expect(r.precisions.map((p) => p.toFixed(12))).toEqual([5 / 6, 4 / 5, 3 / 4, 2 / 3].map((p) => p.toFixed(12)));
    expect(r.brevityPenalty).toBe(1);
    expect(r.bleu).toBeCloseTo(Math.pow(1 / 3, 1 / 4), 14);
  });

  it('brevity penalty exp(1 - r/c): "the cat" vs a 6-word reference gives exp(-2) with N = 2', () => {
    const r = sentenceBleu('the cat', ['the cat sat on the mat'], { maxN: 2 });
    expect(r.precisions).toEqual([1, 1]);
    expect(r.brevityPenalty).toBeCloseTo(Math.exp(-2), 15);
    expect(r.bleu).toBeCloseTo(Math.exp(-2), 15);
  });

  it('a zero 4-gram precision zeroes BLEU; add-one smoothing gives (5/6 * 4/6 * 2/5 * 1/4)^(1/4) = 18^(-1/4)', () => {
    const plain = sentenceBleu('the cat sat on the mat', ['the cat is on the mat']);
    expect(plain.matches).toEqual([5, 3, 1, 0]);
    expect(plain.totals).toEqual([6, 5, 4, 3]);
    expect(plain.bleu).toBe(0);
    const smooth = sentenceBleu('the cat sat on the mat', ['the cat is on the mat'], { smoothing: 'add-one' });
    expect(smooth.bleu).toBeCloseTo(Math.pow(18, -1 / 4), 14);
  });

  it('effective reference length: the closest one, ties to the shorter', () => {
    expect(sentenceBleu('a b c d e', ['a b c', 'a b c d e f g']).referenceLength).toBe(3); // |5-3| = |5-7|: shorter
    expect(sentenceBleu('a b c d e', ['a b', 'a b c d e f']).referenceLength).toBe(6);
  });

  it('corpus BLEU sums matches and lengths over segments before dividing (not a mean of sentence scores)', () => {
    const c = corpusBleu(['a b c d e f', 'the cat'], [['a b c d e g'], ['the cat sat on the mat']], { maxN: 2 });
    expect(c.matches).toEqual([7, 5]);
    expect(c.totals).toEqual([8, 6]);
    expect(c.candidateLength).toBe(8);
    expect(c.referenceLength).toBe(12);
    expect(c.bleu).toBeCloseTo(Math.exp(1 - 12 / 8) * Math.sqrt((7 / 8) * (5 / 6)), 14);
  });

  it('identical sentences score 1; rejects bad input', () => {
    expect(sentenceBleu('call me ishmael some years ago', ['call me ishmael some years ago']).bleu).toBe(1);
    expect(() => corpusBleu(['a'], [])).toThrow('expected one reference list per candidate, got 1 candidates and 0 reference lists');
    expect(() => sentenceBleu('a', [])).toThrow(RangeError);
    expect(() => sentenceBleu('a', ['a'], { maxN: 0 })).toThrow('expected maxN >= 1');
    expect(() => sentenceBleu(5 as unknown as string, ['a'])).toThrow(TypeError);
  });
});
