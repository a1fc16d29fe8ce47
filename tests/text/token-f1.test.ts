// exactMatch / tokenF1 against hand-computed SQuAD-style cases and the definition of multiset overlap.
import { describe, expect, it } from 'vitest';
import { answerTokens, exactMatch, maxOverReferences, normalizeAnswer, tokenF1 } from '../../lib/text/token-f1';

describe('normalizeAnswer', () => {
  it('lower-cases, drops punctuation and articles, collapses whitespace (SQuAD v1.1 rules)', () => {
    expect(normalizeAnswer('The  Eiffel Tower.')).toBe('eiffel tower');
    expect(normalizeAnswer('An apple, a day!')).toBe('apple day');
    expect(normalizeAnswer("Captain Ahab's leg")).toBe('captain ahabs leg');
    expect(normalizeAnswer('theater')).toBe('theater'); // "the" only as a whole word
    expect(answerTokens('  ...  ')).toEqual([]);
  });
});

describe('exactMatch', () => {
  it('is 1 after normalisation and 0 otherwise', () => {
    expect(exactMatch('the white whale', 'White whale.')).toBe(1);
    expect(exactMatch('the white whale', 'a white whale indeed')).toBe(0);
    expect(maxOverReferences(exactMatch, 'Ahab', ['Ishmael', 'ahab.'])).toBe(1);
  });
});

describe('tokenF1', () => {
  it('hand-computed: "The cat sat on the mat" vs "a cat on a mat" is P 3/4, R 1, F1 6/7', () => {
    const r = tokenF1('The cat sat on the mat', 'a cat on a mat');
    expect(r.common).toBe(3);
    expect(r.precision).toBeCloseTo(3 / 4, 15);
    expect(r.recall).toBe(1);
    expect(r.f1).toBeCloseTo(6 / 7, 15);
  });

  it('counts repeated tokens as a multiset (clipped), not a set', () => {
    // pred: whale whale whale (3), ref: whale ship whale (3): overlap 2 -> P = R = 2/3
    const r = tokenF1('whale whale whale', 'whale ship whale');
    expect(r.common).toBe(2);
    expect(r.f1).toBeCloseTo(2 / 3, 15);
  });

  it('no overlap gives 0; both empty gives 1; one empty gives 0', () => {
    expect(tokenF1('Queequeg', 'Starbuck').f1).toBe(0);
    expect(tokenF1('the', 'a').f1).toBe(1); // both normalise to nothing
    expect(tokenF1('', 'Starbuck').f1).toBe(0);
  });

  it('is symmetric in F1 and swaps precision and recall', () => {
    const a = tokenF1('the mate of the Pequod', 'Starbuck the first mate');
    const b = tokenF1('Starbuck the first mate', 'the mate of the Pequod');
    expect(a.f1).toBeCloseTo(b.f1, 15);
    expect(a.precision).toBeCloseTo(b.recall, 15);
  });

  it('rejects non-strings', () => {
    expect(() => tokenF1(3 as unknown as string, 'x')).toThrow(TypeError);
    expect(() => exactMatch('x', null as unknown as string)).toThrow('expected reference to be a string, got null');
    expect(() => maxOverReferences(exactMatch, 'x', [])).toThrow(RangeError);
  });
});
