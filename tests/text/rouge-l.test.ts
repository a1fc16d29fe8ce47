// ROUGE-L against Lin's (2004) worked example and LCS against brute-force enumeration of subsequences.
import { describe, expect, it } from 'vitest';
import { rngFrom } from '../../lib/core/random';
import { lcsLength, rougeL } from '../../lib/text/rouge-l';

/** Longest common subsequence by trying every subsequence of a (fine for length <= 10). */
function bruteLcs(a: string[], b: string[]): number {
  let best = 0;
  for (let mask = 0; mask < 1 << a.length; mask++) {
    const sub = a.filter((_, i) => mask & (1 << i));
    let j = 0;
    for (const t of b) if (j < sub.length && sub[j] === t) j++;
    if (j === sub.length) best = Math.max(best, sub.length);
  }
  return best;
}

describe('rougeL', () => {
  it("Lin's example: S2 scores 3/4 and S3 scores 1/2 against S1 (in-order matches only)", () => {
    const s1 = 'police killed the gunman';
    const s2 = rougeL('police kill the gunman', s1);
    expect(s2.lcs).toBe(3);
    expect(s2.f).toBeCloseTo(0.75, 15);
    const s3 = rougeL('the gunman kill police', s1);
    expect(s3.lcs).toBe(2);
    expect(s3.f).toBeCloseTo(0.5, 15);
  });

  it('hand-computed P, R, F1 and F_beta', () => {
    // cand 6 tokens, ref 4, LCS "call me ishmael" = 3: P = 1/2, R = 3/4
    const r = rougeL('call me later ishmael said he', 'call me ishmael please');
    expect([r.lcs, r.precision, r.recall]).toEqual([3, 0.5, 0.75]);
    expect(r.f).toBeCloseTo((2 * 0.5 * 0.75) / 1.25, 15);
    const b2 = rougeL('call me later ishmael said he', 'call me ishmael please', { beta: 2 });
    expect(b2.f).toBeCloseTo((5 * 0.5 * 0.75) / (0.75 + 4 * 0.5), 15);
  });

  it('LCS equals brute force on random short token strings', () => {
    const rng = rngFrom(11);
    for (let t = 0; t < 200; t++) {
      const a = Array.from({ length: rng.int(9) }, () => 'abc'[rng.int(3)]);
      const b = Array.from({ length: rng.int(9) }, () => 'abcd'[rng.int(4)]);
      expect(lcsLength(a, b)).toBe(bruteLcs(a, b));
    }
  });

  it('no overlap gives 0; bad beta and input are rejected', () => {
    expect(rougeL('a b', 'c d').f).toBe(0);
    expect(() => rougeL('a', 'a', { beta: 0 })).toThrow('expected beta > 0, got beta = 0');
    expect(() => rougeL(1 as unknown as string, 'a')).toThrow(TypeError);
  });
});
