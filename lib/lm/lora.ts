// LoRA (Hu et al. 2021): a frozen dense weight W plus a trainable low-rank update (alpha/r) B A; forward, merge, parameter count.
import { matrix, type Matrix } from '../core/matrix';
import { rngFrom } from '../core/random';

/** A rank-r adapter for a d_out x d_in weight: A is r x d_in, B is d_out x r, scale = alpha / r. */
export interface LoraAdapter {
  a: Matrix;
  b: Matrix;
  alpha: number;
  rank: number;
}

export interface LoraInitOptions {
  rank: number;
  /** Scaling numerator; the update is multiplied by alpha / rank (default: alpha = rank, scale 1). */
  alpha?: number;
  /** Standard deviation of A's Gaussian entries (default 1 / sqrt(d_in), so A x keeps the scale of x). */
  initStd?: number;
  seed?: number;
}

function checkMatrix(m: unknown, name: string): Matrix {
  if (m === null || typeof m !== 'object' || !((m as Matrix).data instanceof Float64Array)) throw new TypeError(`expected ${name} to be a Matrix ({ rows, cols, data: Float64Array })`);
  const mm = m as Matrix;
  if (mm.data.length !== mm.rows * mm.cols) throw new RangeError(`expected ${name}.data of length ${mm.rows * mm.cols}, got ${mm.data.length}`);
  return mm;
}

/** alpha / r: the factor that lets one change r without retuning the learning rate. */
export function loraScale(alpha: number, rank: number): number {
  if (!Number.isInteger(rank) || rank < 1) throw new RangeError(`expected rank >= 1 (an integer), got rank = ${rank}`);
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) throw new RangeError(`expected a finite alpha, got alpha = ${alpha}`);
  return alpha / rank;
}

/** Trainable parameters of a rank-r adapter on a d_out x d_in weight: r (d_in + d_out), against d_in d_out for the full weight. */
export function loraParamCount(dOut: number, dIn: number, rank: number): number {
  for (const [k, v] of [['dOut', dOut], ['dIn', dIn], ['rank', rank]] as const) if (!Number.isInteger(v) || v < 1) throw new RangeError(`expected ${k} >= 1 (an integer), got ${k} = ${v}`);
  if (rank > Math.min(dIn, dOut)) throw new RangeError(`expected rank <= min(dIn, dOut) = ${Math.min(dIn, dOut)}, got rank = ${rank}`);
  return rank * (dIn + dOut);
}

/**
 * A fresh adapter: A Gaussian, B zero, so W + (alpha/r) B A = W and the adapted model starts exactly at the
 * pretrained one (the paper's initialisation); gradients still reach B because A is not zero.
 */
export function initLora(dOut: number, dIn: number, options: LoraInitOptions): LoraAdapter {
  const rank = options.rank;
  loraParamCount(dOut, dIn, rank);
  const alpha = options.alpha ?? rank;
  loraScale(alpha, rank);
  const std = options.initStd ?? 1 / Math.sqrt(dIn);
  const rng = rngFrom(options.seed);
  const a = matrix(rank, dIn, Float64Array.from({ length: rank * dIn }, () => rng.normal(0, std)));
  return { a, b: matrix(dOut, rank), alpha, rank };
}

function checkShapes(w: Matrix, ad: LoraAdapter): void {
  checkMatrix(w, 'w');
  checkMatrix(ad.a, 'adapter.a');
  checkMatrix(ad.b, 'adapter.b');
  if (ad.a.rows !== ad.rank || ad.b.cols !== ad.rank) throw new RangeError(`expected A with ${ad.rank} rows and B with ${ad.rank} columns, got A ${ad.a.rows} x ${ad.a.cols}, B ${ad.b.rows} x ${ad.b.cols}`);
  if (ad.a.cols !== w.cols || ad.b.rows !== w.rows) throw new RangeError(`expected A ${ad.rank} x ${w.cols} and B ${w.rows} x ${ad.rank} for a ${w.rows} x ${w.cols} weight, got A ${ad.a.rows} x ${ad.a.cols}, B ${ad.b.rows} x ${ad.b.cols}`);
}

/** The dense update Delta W = (alpha/r) B A (d_out x d_in), rank at most r. */
export function loraDelta(adapter: LoraAdapter): Matrix {
  const { a, b } = adapter;
  const s = loraScale(adapter.alpha, adapter.rank);
  const out = matrix(b.rows, a.cols);
  for (let i = 0; i < b.rows; i++) for (let k = 0; k < adapter.rank; k++) {
    const bik = s * b.data[i * b.cols + k];
    if (bik === 0) continue;
    for (let j = 0; j < a.cols; j++) out.data[i * a.cols + j] += bik * a.data[k * a.cols + j];
  }
  return out;
}

/** W' = W + (alpha/r) B A: one dense weight, so inference costs nothing extra. */
export function loraMerge(w: Matrix, adapter: LoraAdapter): Matrix {
  checkShapes(w, adapter);
  const d = loraDelta(adapter);
  const out = matrix(w.rows, w.cols, w.data.slice());
  for (let i = 0; i < out.data.length; i++) out.data[i] += d.data[i];
  return out;
}

/**
 * Adapter form of the forward pass for a batch of row vectors: Y = X W^T + (alpha/r) (X A^T) B^T, i.e. per row
 * y = W x + (alpha/r) B (A x). Computing A x first costs r (d_in + d_out) per row instead of d_in d_out.
 * @param w - d_out x d_in frozen weight
 * @param x - n x d_in inputs, one per row
 * @returns n x d_out
 */
export function loraForward(w: Matrix, adapter: LoraAdapter, x: Matrix): Matrix {
  checkShapes(w, adapter);
  checkMatrix(x, 'x');
  if (x.cols !== w.cols) throw new RangeError(`expected x with ${w.cols} columns (d_in), got ${x.cols}`);
  const { a, b, rank } = adapter;
  const s = loraScale(adapter.alpha, rank);
  const dIn = w.cols, dOut = w.rows;
  const y = matrix(x.rows, dOut);
  const h = new Float64Array(rank);
  for (let n = 0; n < x.rows; n++) {
    const xo = n * dIn;
    for (let k = 0; k < rank; k++) {
      let acc = 0;
      for (let j = 0; j < dIn; j++) acc += a.data[k * dIn + j] * x.data[xo + j];
      h[k] = s * acc;
    }
    for (let i = 0; i < dOut; i++) {
      let acc = 0;
      for (let j = 0; j < dIn; j++) acc += w.data[i * dIn + j] * x.data[xo + j];
      for (let k = 0; k < rank; k++) acc += b.data[i * rank + k] * h[k];
      y.data[n * dOut + i] = acc;
    }
  }
  return y;
}
