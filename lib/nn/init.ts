// Weight initialisation: Xavier/Glorot and He/Kaiming, uniform and normal, seeded; plus zeros and a fixed-std normal for comparison.
import { checkInt, checkReal, withDefaults } from '../data/check';
import { rngFrom, type Rng } from '../core/random';

export type InitName = 'xavierUniform' | 'xavierNormal' | 'heUniform' | 'heNormal' | 'normal' | 'zeros';

export const INITS: readonly InitName[] = ['xavierUniform', 'xavierNormal', 'heUniform', 'heNormal', 'normal', 'zeros'];

export interface InitOptions {
  /** Multiplies the standard deviation (e.g. 5/3 for tanh, as PyTorch's calculate_gain suggests). Default 1. */
  gain: number;
  /** Standard deviation for 'normal' (ignored by the others). Default 0.01. */
  std: number;
  /** Seed; default: forked from the global seed (lib/core/random). Ignored when `rng` is given. */
  seed: number | undefined;
  /** A generator to draw from (a model initialising several layers from one stream). */
  rng: Rng | undefined;
}

export const initDefaults: Readonly<InitOptions> = { gain: 1, std: 0.01, seed: undefined, rng: undefined };

/**
 * The standard deviation each scheme targets for a fanOut x fanIn weight matrix:
 * Xavier sqrt(2 / (fanIn + fanOut)) keeps the variance of activations and of gradients roughly constant through linear
 * or tanh layers (Var = 1/fanIn forward, 1/fanOut backward: the harmonic compromise); He sqrt(2 / fanIn) doubles the
 * forward variance to make up for ReLU zeroing half of its inputs.
 */
export function initStd(kind: InitName, fanIn: number, fanOut: number, options: Partial<Pick<InitOptions, 'gain' | 'std'>> = {}): number {
  const gain = options.gain ?? initDefaults.gain;
  switch (kind) {
    case 'xavierUniform':
    case 'xavierNormal': return gain * Math.sqrt(2 / (fanIn + fanOut));
    case 'heUniform':
    case 'heNormal': return gain * Math.sqrt(2 / fanIn);
    case 'normal': return gain * (options.std ?? initDefaults.std);
    case 'zeros': return 0;
    default: throw new RangeError(`unknown initialiser "${String(kind)}" (known: ${INITS.join(', ')})`);
  }
}

/**
 * Weights for a layer with fanIn inputs and fanOut outputs, drawn i.i.d.:
 *   xavierUniform U(-a, a), a = gain sqrt(6 / (fanIn + fanOut));   xavierNormal N(0, gain^2 2 / (fanIn + fanOut));
 *   heUniform     U(-a, a), a = gain sqrt(6 / fanIn);              heNormal     N(0, gain^2 2 / fanIn);
 *   normal N(0, (gain std)^2);  zeros.
 * (A uniform on (-a, a) has std a / sqrt 3, so each pair has the same variance. tfjs's heNormal and glorotNormal use a
 * truncated normal rescaled to the same variance; here it is a plain normal.)
 * @param out - optional buffer of length fanIn * fanOut to fill (e.g. a view into a model's parameter vector)
 * @returns fanIn * fanOut values (the layout is the caller's; all entries are exchangeable)
 */
export function initWeights(kind: InitName, fanIn: number, fanOut: number, options: Partial<InitOptions> = {}, out?: Float64Array): Float64Array {
  const fn = 'initWeights';
  if (typeof kind !== 'string') throw new TypeError(`${fn}: expected an initialiser name, got ${typeof kind}`);
  if (!INITS.includes(kind)) throw new RangeError(`${fn}: unknown initialiser "${kind}" (known: ${INITS.join(', ')})`);
  checkInt(fn, 'fanIn', fanIn, 1);
  checkInt(fn, 'fanOut', fanOut, 1);
  const o = withDefaults(fn, options, initDefaults);
  checkReal(fn, 'gain', o.gain, { min: 0 });
  checkReal(fn, 'std', o.std, { min: 0 });
  const n = fanIn * fanOut;
  let w: Float64Array;
  if (out === undefined) w = new Float64Array(n);
  else {
    if (!(out instanceof Float64Array)) throw new TypeError(`${fn}: expected out to be a Float64Array`);
    if (out.length !== n) throw new RangeError(`${fn}: expected out of length fanIn x fanOut = ${n}, got ${out.length}`);
    w = out;
  }
  if (kind === 'zeros') return w.fill(0);
  const rng = o.rng ?? rngFrom(o.seed);
  const std = initStd(kind, fanIn, fanOut, o);
  if (kind === 'xavierUniform' || kind === 'heUniform') {
    const a = std * Math.sqrt(3);
    for (let i = 0; i < n; i++) w[i] = rng.uniform(-a, a);
  } else {
    for (let i = 0; i < n; i++) w[i] = std * rng.normal();
  }
  return w;
}

/** Xavier/Glorot uniform weights (see {@link initWeights}). */
export function xavierUniform(fanIn: number, fanOut: number, options: Partial<InitOptions> = {}): Float64Array {
  return initWeights('xavierUniform', fanIn, fanOut, options);
}
/** Xavier/Glorot normal weights (see {@link initWeights}). */
export function xavierNormal(fanIn: number, fanOut: number, options: Partial<InitOptions> = {}): Float64Array {
  return initWeights('xavierNormal', fanIn, fanOut, options);
}
/** He/Kaiming uniform weights (see {@link initWeights}). */
export function heUniform(fanIn: number, fanOut: number, options: Partial<InitOptions> = {}): Float64Array {
  return initWeights('heUniform', fanIn, fanOut, options);
}
/** He/Kaiming normal weights (see {@link initWeights}). */
export function heNormal(fanIn: number, fanOut: number, options: Partial<InitOptions> = {}): Float64Array {
  return initWeights('heNormal', fanIn, fanOut, options);
}
