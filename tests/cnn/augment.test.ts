// Tests for lib/cnn/augment: hand-computed shifts, identity at zero, seeded reproducibility, every shift in range used.
import { describe, expect, it } from 'vitest';
import { randomShift, shiftImage } from '../../lib/cnn/augment';

describe('shiftImage', () => {
  it('moves pixels down/right (positive) and up/left (negative), zeros shifted in', () => {
    const img = [1, 2, 3, 4, 5, 6]; // 2 x 3
    expect(Array.from(shiftImage(img, 2, 3, 0, 0))).toEqual(img);
    expect(Array.from(shiftImage(img, 2, 3, 1, 0))).toEqual([0, 0, 0, 1, 2, 3]);
    expect(Array.from(shiftImage(img, 2, 3, 0, -1))).toEqual([2, 3, 0, 5, 6, 0]);
    expect(Array.from(shiftImage(img, 2, 3, -1, 2))).toEqual([0, 0, 4, 0, 0, 0]);
    expect(Array.from(shiftImage(img, 2, 3, 5, 0))).toEqual([0, 0, 0, 0, 0, 0]);
  });
  it('rejects bad sizes and fractional shifts', () => {
    expect(() => shiftImage([1, 2, 3], 2, 2, 0, 0)).toThrow(RangeError);
    expect(() => shiftImage([1, 2, 3, 4], 2, 2, 0.5, 0)).toThrow(RangeError);
  });
});

describe('randomShift', () => {
  const n = 200, h = 5, w = 5;
  // one bright pixel in the centre of each image: its new position reveals the shift
  const images = new Float32Array(n * h * w);
  for (let i = 0; i < n; i++) images[i * 25 + 12] = 1;

  it('same seed, same shifts; every shift in -maxShift..maxShift appears', () => {
    const a = randomShift(images, n, h, w, { maxShift: 2, seed: 3 });
    expect(randomShift(images, n, h, w, { maxShift: 2, seed: 3 })).toEqual(a);
    expect(randomShift(images, n, h, w, { maxShift: 2, seed: 4 })).not.toEqual(a);
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const k = a.subarray(i * 25, (i + 1) * 25).indexOf(1);
      seen.add(`${Math.floor(k / 5) - 2},${(k % 5) - 2}`);
    }
    expect(seen.size).toBe(25);
    expect(randomShift(images, n, h, w, { maxShift: 0, seed: 1 })).toEqual(images);
  });
  it('rejects bad options and sizes', () => {
    expect(() => randomShift(images, n, h, w, { maxShift: -1, seed: 1 })).toThrow(RangeError);
    expect(() => randomShift(images, n + 1, h, w, { seed: 1 })).toThrow(RangeError);
    expect(() => randomShift(images, n, h, w)).toThrow(/seed/);
  });
});
