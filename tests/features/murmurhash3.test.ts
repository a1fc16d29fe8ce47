// Tests for lib/features/murmurhash3: against scikit-learn 1.2.1's murmurhash3_32 (exact integers), printed by
// scripts/reference/features-sklearn.py: murmurhash3_32(key, seed=0), murmurhash3_32(key, seed=42), murmurhash3_32(key, positive=True).
import { describe, expect, it } from 'vitest';
import { murmurhash3 } from '../../lib/features/murmurhash3';

const REF: [string, number, number, number][] = [
  ['', 0, 142593372, 0],
  ['a', 1009084850, -1293573533, 1009084850],
  ['ab', -1681926305, -684913081, 2613040991],
  ['abc', -1277324294, 1313807976, 3017643002],
  ['abcd', 1139631978, -396302900, 1139631978],
  ['abcde', -392455434, -1361433616, 3902511862],
  ['ford', 1577274466, -160577496, 1577274466],
  ['make=ford', -1627908180, -970942844, 2667059116],
  ['chevrolet chevelle malibu', 1764710456, 2143545178, 1764710456],
  ['café', 605818632, 1312538061, 605818632],
  ['日本', -992347838, 685738085, 3302619458],
];

describe('murmurhash3', () => {
  it('matches scikit-learn murmurhash3_32 for every tail length 0-3, UTF-8 and seeds 0 and 42 (exact)', () => {
    for (const [key, s0, s42, pos] of REF) {
      expect(murmurhash3(key), key).toBe(s0);
      expect(murmurhash3(key, 42), key).toBe(s42);
      expect(murmurhash3(key, 0, false), key).toBe(pos);
    }
  });
  it('rejects a non-string key and a non-integer seed', () => {
    expect(() => murmurhash3(3 as unknown as string)).toThrow(TypeError);
    expect(() => murmurhash3('a', 0.5)).toThrow(TypeError);
  });
});
