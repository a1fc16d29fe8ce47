// Tests for lib/lm/bpe: merges checked by hand on tiny strings (the Wikipedia "aaabdaaabac" example), exact round trips
// for unseen Unicode through byte fallback, one merge step (count, tie rule, non-overlapping replacement) by hand, pre-tokenisation that never loses text, and that BPE compresses.
import { describe, expect, it } from 'vitest';
import { BpeTokenizer, countPairs, mergePair, mostFrequentPair, pairKey, pretokenize, trainBpe } from '../../lib/lm/bpe';

const ch = (s: string) => s.charCodeAt(0);

describe('trainBpe', () => {
  it('learns aa, ab, then (aa)(ab) on "aaabdaaabac" (counts 4, 2, 2), as computed by hand', () => {
    // Pairs of a a a b d a a a b a c: aa x4 (overlaps counted), ab, bd, da, ba, ac. Merge aa = 256: "Z a b d Z a b a c".
    // Then Za and ab both occur twice: the tie goes to the smaller ids, (97, 98) = ab = 257. Then Z Y d Z Y a c: ZY = 258.
    const tok = trainBpe('aaabdaaabac', { vocabSize: 259 });
    expect(tok.merges.map((m) => [m.left, m.right, m.id, m.count])).toEqual([
      [ch('a'), ch('a'), 256, 4],
      [ch('a'), ch('b'), 257, 2],
      [256, 257, 258, 2],
    ]);
    expect(tok.encode('aaabdaaabac')).toEqual([258, ch('d'), 258, ch('a'), ch('c')]);
    expect(tok.tokenString(258)).toBe('aaab');
  });

  it('counts pairs across chunks weighted by frequency and never merges across a word boundary', () => {
    // Chunks: "low", " low", " low", " lower": the space belongs to the next word.
    // Pairs: lo 4, ow 4, " l" 3, we 1, er 1 -> lo (tie with ow: smaller ids), then (lo)w 4, then " "(low) 3,
    // then er and (" low")e tie at 1 -> er (smaller ids).
    const tok = trainBpe('low low low lower', { vocabSize: 260 });
    expect(tok.merges.map((m) => tok.tokenString(m.id))).toEqual(['lo', 'low', ' low', 'er']);
    expect(tok.merges.map((m) => m.count)).toEqual([4, 4, 3, 1]);
    expect(tok.encode('low lower')).toEqual([257, 258, 259]);
    const joined = trainBpe('ab ab', { vocabSize: 300, pretokenize: false });
    expect(joined.merges.some((m) => joined.tokenString(m.id).includes(' '))).toBe(true);
    const split = trainBpe('ab ab', { vocabSize: 300 });
    expect(split.merges.map((m) => split.tokenString(m.id))).toEqual(['ab', ' ab']); // ab (2), then " "(ab) (1)
  });

  it('stops early when no pair is left, and rejects a vocabulary below 256', () => {
    expect(trainBpe('abc', { vocabSize: 1000 }).vocabSize).toBe(258);
    expect(() => trainBpe('abc', { vocabSize: 100 })).toThrow(/256 <= vocabSize/);
    expect(() => trainBpe(42 as unknown as string, { vocabSize: 300 })).toThrow(TypeError);
  });
});

describe('encode / decode', () => {
  const tok = trainBpe('the cat sat on the mat. the cat ate the rat! ' .repeat(20), { vocabSize: 300 });

  it('round-trips any well-formed string exactly, including characters never seen in training (byte fallback)', () => {
    const samples = ['the cat', 'Ünïcödé façade', '日本語のテキスト', 'emoji 🐋🐳 and a ZWJ family 👩‍👩‍👧', 'tabs\tand\r\nCRLF  double  spaces ', '', '\u0000nul', 'e\u0301 combining'];
    for (const s of samples) expect(tok.decode(tok.encode(s))).toBe(s);
    // The whale emoji is 4 bytes, none merged: 4 byte ids.
    expect(tok.encode('🐋')).toEqual([0xf0, 0x9f, 0x90, 0x8b]);
  });

  it('compresses the training text: fewer ids than bytes', () => {
    const text = 'the cat sat on the mat.';
    expect(tok.encode(text).length).toBeLessThan(new TextEncoder().encode(text).length / 2);
  });

  it('rebuilding from the merges gives the same tokenizer; bad merges and ids are rejected', () => {
    const again = new BpeTokenizer(tok.merges);
    expect(again.encode('the mat sat')).toEqual(tok.encode('the mat sat'));
    expect(() => new BpeTokenizer([{ left: 1, right: 2, id: 300, count: 1 }])).toThrow(/create id 256/);
    expect(() => new BpeTokenizer([{ left: 1, right: 999, id: 256, count: 1 }])).toThrow(/unknown ids/);
    expect(() => tok.decode([tok.vocabSize])).toThrow(RangeError);
  });
});

describe('pretokenize', () => {
  it('splits into words with their leading space, numbers, punctuation and whitespace, and loses nothing', () => {
    expect(pretokenize("Call me Ishmael. Some years ago—never 1851!")).toEqual(['Call', ' me', ' Ishmael', '.', ' Some', ' years', ' ago', '—', 'never', ' 1851', '!']);
    const text = 'a  b\n\n  c\t d — “quoted” 42x';
    expect(pretokenize(text).join('')).toBe(text);
  });
});

describe('one merge step: countPairs, mostFrequentPair, mergePair', () => {
  it('counts overlapping pairs and replaces left to right without overlap, by hand', () => {
    // 1 1 1 2 1 1: pairs (1,1) at 0, 1, 4 -> 3; (1,2) 1; (2,1) 1.
    const counts = countPairs([1, 1, 1, 2, 1, 1]);
    expect(counts.get(pairKey(1, 1))).toBe(3);
    expect(counts.get(pairKey(1, 2))).toBe(1);
    expect(counts.get(pairKey(2, 1))).toBe(1);
    expect(mostFrequentPair(counts)).toEqual({ left: 1, right: 1, count: 3 });
    expect(mergePair([1, 1, 1, 2, 1, 1], 1, 1, 9)).toEqual([9, 1, 2, 9]);
    expect(mergePair([1, 1, 1, 1], 1, 1, 9)).toEqual([9, 9]);
  });
  it('settles ties by the smallest (left, right): left id first, then right id', () => {
    expect(mostFrequentPair(countPairs([5, 3, 9, 2, 4, 7]))).toEqual({ left: 2, right: 4, count: 1 });
    expect(mostFrequentPair(countPairs([3, 9, 0, 3, 1]))).toEqual({ left: 0, right: 3, count: 1 });
    expect(mostFrequentPair(countPairs([3, 9, 8, 3, 1]))).toEqual({ left: 3, right: 1, count: 1 });
    expect(mostFrequentPair(countPairs([7]))).toBeNull();
  });
  it('is the step trainBpe takes: the first merge of a text equals one step on its bytes', () => {
    const text = 'the cat sat on the mat; the hat';
    const bytes = Array.from(new TextEncoder().encode(text));
    const best = mostFrequentPair(countPairs(bytes))!;
    const m = trainBpe(text, { vocabSize: 257, pretokenize: false }).merges[0];
    expect([m.left, m.right, m.count]).toEqual([best.left, best.right, best.count]);
  });
});
