// Inverted dropout from scratch: forward (random mask scaled by 1/(1-p) at training time, identity at test time) and backward.
import { asVector } from '../core/matrix';
import { rngFrom, type Rng } from '../core/random';

function checkRate(rate: number): number {
  if (typeof rate !== 'number' || Number.isNaN(rate)) throw new TypeError(`expected a numeric dropout rate, got ${String(rate)}`);
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`expected a dropout rate in [0, 1), got rate = ${rate}`);
  return rate;
}

/**
 * A dropout mask: each entry is 0 with probability `rate` (the unit is dropped) and 1/(1 - rate) otherwise, so
 * E[mask_i] = 1 and E[x * mask] = x: the expected activation is unchanged, and test time needs no rescaling.
 * An entry is kept when a uniform draw u satisfies u >= rate.
 * @param length - number of entries
 * @param rate - drop probability p in [0, 1)
 */
export function dropoutMask(length: number, rate: number, rng: Rng): Float64Array {
  checkRate(rate);
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`expected a non-negative integer length, got length = ${length}`);
  const keep = 1 / (1 - rate);
  const mask = new Float64Array(length);
  for (let i = 0; i < length; i++) mask[i] = rng.random() >= rate ? keep : 0;
  return mask;
}

export interface DropoutForwardOptions {
  /** Training mode draws a mask; inference mode (false) returns x unchanged with an all-ones mask. Default true. */
  training?: boolean;
  /** Seed for the mask; without one (and without `rng`/`mask`) it forks from the global `seed(...)`. */
  seed?: number;
  /** A generator to draw the mask from (takes precedence over `seed`). */
  rng?: Rng;
  /** A ready-made mask to apply (e.g. to replay a forward pass); takes precedence over rng and seed. */
  mask?: ArrayLike<number>;
}

/**
 * Inverted dropout, elementwise on any flat array (a matrix's row-major data, a layer's activations):
 *   training:  y = x * m,  m_i = 0 with probability p, 1/(1 - p) otherwise;   inference: y = x.
 * @param x - activations (any shape, flattened)
 * @param rate - drop probability p in [0, 1)
 * @returns output y and the mask m used (needed by the backward pass)
 */
export function dropoutForward(x: ArrayLike<number>, rate: number, options: DropoutForwardOptions = {}): { output: Float64Array; mask: Float64Array } {
  checkRate(rate);
  const X = asVector(x, 'x');
  const training = options.training ?? true;
  let mask: Float64Array;
  if (!training) mask = new Float64Array(X.length).fill(1);
  else if (options.mask !== undefined) mask = asVector(options.mask, 'mask', X.length).slice();
  else mask = dropoutMask(X.length, rate, options.rng ?? rngFrom(options.seed));
  const output = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) output[i] = X[i] * mask[i];
  return { output, mask };
}

/**
 * Backward pass: dL/dx = dL/dy * m (the mask already carries the 1/(1 - p) factor; dropped units get no gradient).
 * @param gradOutput - dL/dy, same length as the mask
 * @param mask - the mask returned by dropoutForward
 */
export function dropoutBackward(gradOutput: ArrayLike<number>, mask: ArrayLike<number>): Float64Array {
  const m = asVector(mask, 'mask');
  const g = asVector(gradOutput, 'gradOutput', m.length);
  const out = new Float64Array(g.length);
  for (let i = 0; i < g.length; i++) out[i] = g[i] * m[i];
  return out;
}

/** A dropout layer that remembers its last mask for the backward pass. */
export class Dropout {
  readonly rate: number;
  /** The mask of the last forward pass. */
  mask: Float64Array = new Float64Array(0);
  private readonly rng: Rng;

  /** @param options.rate - drop probability p in [0, 1); options.seed - seed for the masks */
  constructor(options: { rate: number; seed?: number }) {
    this.rate = checkRate(options?.rate);
    this.rng = rngFrom(options.seed);
  }

  /** y = x * mask when training, y = x otherwise. */
  forward(x: ArrayLike<number>, training = true): Float64Array {
    const { output, mask } = dropoutForward(x, this.rate, { training, rng: this.rng });
    this.mask = mask;
    return output;
  }

  /** dL/dx for the last forward pass. */
  backward(gradOutput: ArrayLike<number>): Float64Array {
    if (this.mask.length === 0 && gradOutput.length !== 0) throw new Error('Dropout: call forward before backward');
    return dropoutBackward(gradOutput, this.mask);
  }
}
