// IEEE 754 binary16 (float16) conversion with round-to-nearest-even, to show mixed precision's overflow and underflow.

/** Largest finite float16, (2 - 2^-10) * 2^15. */
export const FLOAT16_MAX = 65504;
/** Smallest positive normal float16, 2^-14. */
export const FLOAT16_MIN_NORMAL = 2 ** -14;
/** Smallest positive subnormal float16, 2^-24: anything below half of it rounds to 0. */
export const FLOAT16_MIN_SUBNORMAL = 2 ** -24;

function roundHalfEven(y: number): number {
  const f = Math.floor(y), d = y - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * The 16-bit pattern (sign, 5 exponent bits with bias 15, 10 fraction bits) of the float16 nearest to x, ties to
 * even. |x| >= 65520 (the midpoint between 65504 and 2^16) overflows to infinity; below 2^-14 the result is
 * subnormal (fixed spacing 2^-24), and |x| <= 2^-25 underflows to (signed) zero.
 */
export function toFloat16Bits(x: number): number {
  if (typeof x !== 'number') throw new TypeError(`expected a number, got ${typeof x}`);
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00;
  if (a < FLOAT16_MIN_NORMAL) return sign | roundHalfEven(a / FLOAT16_MIN_SUBNORMAL); // 1024 is the smallest normal's pattern
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--; // log2 can be off by one ulp near powers of two
  else if (2 ** (e + 1) <= a) e++;
  let frac = roundHalfEven((a / 2 ** e - 1) * 1024);
  if (frac === 1024) { frac = 0; e++; }
  return sign | ((e + 15) << 10) | frac;
}

/** The value of a float16 bit pattern (0..65535). */
export function fromFloat16Bits(h: number): number {
  if (!Number.isInteger(h) || h < 0 || h > 0xffff) throw new RangeError(`expected a 16-bit pattern 0..65535, got ${h}`);
  const sign = h & 0x8000 ? -1 : 1, exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
  if (exp === 0) return sign * frac * FLOAT16_MIN_SUBNORMAL;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** x rounded to float16 and back: what storing x in half precision does to it. */
export function roundToFloat16(x: number): number {
  return fromFloat16Bits(toFloat16Bits(x));
}
