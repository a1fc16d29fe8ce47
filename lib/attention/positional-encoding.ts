// Sinusoidal positional encoding PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d)), and its shift matrices.
import { matrix, type Matrix } from '../core/matrix';

function check(length: number, dModel: number, base: number): void {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`expected length >= 1, got ${length}`);
  if (!Number.isInteger(dModel) || dModel < 1) throw new RangeError(`expected d_model >= 1, got ${dModel}`);
  if (!(base > 1) || !Number.isFinite(base)) throw new RangeError(`expected a base > 1, got ${base}`);
}

/** The angular frequency of dimension pair i: omega_i = base^(-2i / d_model). */
export function positionalFrequency(i: number, dModel: number, base = 10000): number {
  return Math.pow(base, (-2 * i) / dModel);
}

/**
 * The encodings of positions 0..length-1: column 2i is sin(p omega_i), column 2i+1 is cos(p omega_i), with
 * wavelengths from 2 pi (i = 0) up to about 2 pi base. Added to the token embeddings, it tells an otherwise
 * order-blind attention layer where each token is. (An odd d_model ends with a sine column.)
 * @returns length x d_model
 */
export function sinusoidalPositionalEncoding(length: number, dModel: number, base = 10000): Matrix {
  check(length, dModel, base);
  const pe = matrix(length, dModel);
  for (let p = 0; p < length; p++) {
    for (let c = 0; c < dModel; c++) {
      const angle = p * positionalFrequency(Math.floor(c / 2), dModel, base);
      pe.data[p * dModel + c] = c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return pe;
}

/**
 * The d_model x d_model matrix M_k with PE(p + k) = PE(p) M_k for every position p (row vectors): block-diagonal
 * 2 x 2 rotations by k omega_i. A fixed offset is a linear map of the encoding, independent of p, which makes relative
 * positions easy for attention to use. (For an odd d_model the last sine column has no partner; M_k is then only
 * defined for even d_model.)
 */
export function positionalShiftMatrix(k: number, dModel: number, base = 10000): Matrix {
  check(1, dModel, base);
  if (!Number.isInteger(k)) throw new RangeError(`expected an integer offset k, got ${k}`);
  if (dModel % 2 !== 0) throw new RangeError(`expected an even d_model for the shift matrix, got ${dModel}`);
  const m = matrix(dModel, dModel);
  for (let i = 0; i < dModel / 2; i++) {
    const a = k * positionalFrequency(i, dModel, base);
    const c = Math.cos(a), s = Math.sin(a);
    // [sin(x + a), cos(x + a)] = [sin x, cos x] [[cos a, -sin a], [sin a, cos a]]
    m.data[(2 * i) * dModel + 2 * i] = c;
    m.data[(2 * i) * dModel + 2 * i + 1] = -s;
    m.data[(2 * i + 1) * dModel + 2 * i] = s;
    m.data[(2 * i + 1) * dModel + 2 * i + 1] = c;
  }
  return m;
}
