// Tests for lib/lm/half-float: known IEEE 754 binary16 bit patterns, a round trip over all 65,536 patterns, and
// rounding checked against brute force (the nearest of all finite float16 values, ties to even) on random doubles.
import { describe, expect, it } from 'vitest';
import { FLOAT16_MAX, fromFloat16Bits, roundToFloat16, toFloat16Bits } from '../../lib/lm/half-float';
import { Rng } from '../../lib/core/random';

describe('float16', () => {
  it('known patterns', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001);
    expect(toFloat16Bits(2 ** -14)).toBe(0x0400);
    expect(toFloat16Bits(Infinity)).toBe(0x7c00);
    expect(toFloat16Bits(-0)).toBe(0x8000);
    expect(toFloat16Bits(0.1)).toBe(0x2e66);
    expect(fromFloat16Bits(0x3555)).toBeCloseTo(0.333251953125, 15);
    expect(Number.isNaN(fromFloat16Bits(toFloat16Bits(NaN)))).toBe(true);
  });

  it('overflow and underflow thresholds', () => {
    expect(roundToFloat16(65519.99)).toBe(FLOAT16_MAX);
    expect(roundToFloat16(65520)).toBe(Infinity);
    expect(roundToFloat16(1e5)).toBe(Infinity);
    expect(roundToFloat16(2 ** -25)).toBe(0); // the tie rounds to the even 0
    expect(roundToFloat16(2 ** -25 * 1.0001)).toBe(2 ** -24);
    expect(roundToFloat16(1e-8)).toBe(0);
    expect(roundToFloat16(1 + 2 ** -11)).toBe(1); // tie between 1 and 1 + 2^-10: to even
    expect(roundToFloat16(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9);
  });

  it('every one of the 65,536 patterns round-trips (NaNs stay NaN)', () => {
    for (let h = 0; h < 65536; h++) {
      const v = fromFloat16Bits(h);
      if (Number.isNaN(v)) expect(Number.isNaN(fromFloat16Bits(toFloat16Bits(v)))).toBe(true);
      else expect(toFloat16Bits(v)).toBe(h);
    }
  });

  it('rounds to the nearest float16 (brute force over all finite values), ties to the even pattern', () => {
    const values: { v: number; h: number }[] = [];
    for (let h = 0; h < 0x7c00; h++) values.push({ v: fromFloat16Bits(h), h });
    const rng = new Rng(5);
    const nearest = (x: number) => {
      let lo = 0, hi = values.length - 1;
      while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (values[mid].v <= x) lo = mid; else hi = mid; }
      const dl = x - values[lo].v, dh = values[hi].v - x;
      if (dl < dh) return values[lo].h;
      if (dh < dl) return values[hi].h;
      return values[lo].h % 2 === 0 ? values[lo].h : values[hi].h;
    };
    for (let t = 0; t < 20000; t++) {
      const x = Math.exp(rng.uniform(Math.log(2 ** -26), Math.log(65000)));
      expect(toFloat16Bits(x)).toBe(nearest(x));
      expect(toFloat16Bits(-x)).toBe(nearest(x) | 0x8000);
    }
    for (let h = 0; h < 0x7bff; h += 37) { // exact midpoints
      const mid = (values[h].v + values[h + 1].v) / 2;
      expect(toFloat16Bits(mid)).toBe(h % 2 === 0 ? h : h + 1);
    }
  });

  it('rejects non-numbers and bad patterns', () => {
    expect(() => toFloat16Bits('1' as unknown as number)).toThrow(TypeError);
    expect(() => fromFloat16Bits(70000)).toThrow(/16-bit pattern/);
  });
});
