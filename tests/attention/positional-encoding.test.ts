// Tests for lib/attention/positional-encoding: hand-computed entries, against the same formula written with tfjs ops
// (float32, 1e-5 relative), the shift property PE(p + k) = PE(p) M_k (1e-12), constant row norms, error paths.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { positionalFrequency, positionalShiftMatrix, sinusoidalPositionalEncoding } from '../../lib/attention/positional-encoding';
import { matmul, matrix } from '../../lib/core/matrix';
import { maxRelErr } from './helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('sinusoidalPositionalEncoding', () => {
  it('hand-computed: position 0 is [0, 1, 0, 1, ...]; PE(1, 0) = sin 1, PE(1, 1) = cos 1; odd d ends with a sine', () => {
    const pe = sinusoidalPositionalEncoding(3, 6);
    expect(Array.from(pe.data.subarray(0, 6))).toEqual([0, 1, 0, 1, 0, 1]);
    expect(pe.data[6]).toBe(Math.sin(1));
    expect(pe.data[7]).toBe(Math.cos(1));
    expect(pe.data[8]).toBeCloseTo(Math.sin(Math.pow(10000, -2 / 6)), 15);
    const odd = sinusoidalPositionalEncoding(2, 5);
    expect(odd.data[5 + 4]).toBeCloseTo(Math.sin(positionalFrequency(2, 5)), 15);
  });

  it('matches the formula written with tfjs ops (1e-5 relative)', () => {
    const L = 50, d = 16;
    const ref = tf.tidy(() => {
      const pos = tf.range(0, L).reshape([L, 1]);
      const i = tf.range(0, d).div(2).floor();
      const angle = pos.mul(tf.pow(10000, i.mul(-2 / d)));
      const even = tf.range(0, d).mod(2).equal(0);
      return tf.where(even.reshape([1, d]).tile([L, 1]), tf.sin(angle), tf.cos(angle)).dataSync();
    });
    expect(maxRelErr(sinusoidalPositionalEncoding(L, d).data, ref)).toBeLessThan(1e-5);
  });

  it('every row has norm sqrt(d/2); a shift by k is the fixed linear map M_k', () => {
    const L = 40, d = 10;
    const pe = sinusoidalPositionalEncoding(L, d);
    for (let p = 0; p < L; p++) expect(Math.hypot(...pe.data.subarray(p * d, (p + 1) * d))).toBeCloseTo(Math.sqrt(d / 2), 12);
    for (const k of [1, 3, 17]) {
      const shifted = matmul(matrix(L - k, d, pe.data.slice(0, (L - k) * d)), positionalShiftMatrix(k, d));
      expect(maxRelErr(shifted.data, pe.data.subarray(k * d))).toBeLessThan(1e-12);
    }
  });

  it('rejects bad sizes', () => {
    expect(() => sinusoidalPositionalEncoding(0, 4)).toThrow(RangeError);
    expect(() => sinusoidalPositionalEncoding(4, 2.5)).toThrow(RangeError);
    expect(() => sinusoidalPositionalEncoding(4, 4, 1)).toThrow(RangeError);
    expect(() => positionalShiftMatrix(1, 5)).toThrow(/even/);
    expect(() => positionalShiftMatrix(0.5, 4)).toThrow(RangeError);
  });
});
