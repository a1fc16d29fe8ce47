// Multi-head attention: h scaled dot-product attentions on learned projections of width d_model / h, concatenated and projected back.
import { asMatrix, matmul, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom } from '../core/random';
import { scaledDotProductAttention } from './scaled-dot-product';

/** Projection weights (row-vector convention: Q = X W_q + b_q), all d_model x d_model. */
export interface MultiHeadParams {
  wq: Matrix;
  wk: Matrix;
  wv: Matrix;
  wo: Matrix;
  /** Optional biases of length d_model (zero when absent). */
  bq?: Float64Array;
  bk?: Float64Array;
  bv?: Float64Array;
  bo?: Float64Array;
}

export interface MultiHeadOptions {
  /** Number of heads h; d_model must be divisible by h. */
  heads: number;
  /** n x m 0/1 mask shared by every head. */
  mask: MatrixLike | undefined;
}

export interface MultiHeadResult {
  /** n x d_model. */
  output: Matrix;
  /** One n x m attention-weight matrix per head. */
  weights: Matrix[];
  /** n x d_model: the heads' outputs side by side, before W_o. */
  concatenated: Matrix;
}

function project(x: Matrix, w: Matrix, b: Float64Array | undefined, name: string): Matrix {
  const W = asMatrix(w, name);
  if (W.rows !== x.cols) throw new RangeError(`expected ${name} with ${x.cols} rows (d_model), got ${W.rows}`);
  const out = matmul(x, W);
  if (b) {
    if (b.length !== W.cols) throw new RangeError(`expected a bias of length ${W.cols} for ${name}, got ${b.length}`);
    for (let i = 0; i < out.rows; i++) for (let j = 0; j < out.cols; j++) out.data[i * out.cols + j] += b[j];
  }
  return out;
}

function columns(m: Matrix, start: number, width: number): Matrix {
  const out = matrix(m.rows, width);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < width; j++) out.data[i * width + j] = m.data[i * m.cols + start + j];
  return out;
}

/**
 * MultiHead(X_q, X_kv) = Concat(head_1, ..., head_h) W_o, head_i = Attention(X_q W_q^(i), X_kv W_k^(i), X_kv W_v^(i)),
 * where W_q^(i) are the columns i d_k .. (i + 1) d_k - 1 of W_q (d_k = d_model / h). Each head attends in its own
 * d_k-dimensional subspace, so different heads can follow different relations, for the same cost as one full-width head.
 * @param xq - n x d_model (queries come from here)
 * @param xkv - m x d_model (keys and values come from here; pass xq again for self-attention)
 */
export function multiHeadAttention(xq: MatrixLike, xkv: MatrixLike, params: MultiHeadParams, options: Partial<MultiHeadOptions> & Pick<MultiHeadOptions, 'heads'>): MultiHeadResult {
  const Xq = asMatrix(xq, 'xq'), Xkv = asMatrix(xkv, 'xkv');
  const dModel = Xq.cols;
  if (Xkv.cols !== dModel) throw new RangeError(`expected xq and xkv of the same width d_model, got ${dModel} and ${Xkv.cols}`);
  const h = options.heads;
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`expected heads >= 1, got heads = ${h}`);
  if (dModel % h !== 0) throw new RangeError(`expected d_model (${dModel}) divisible by heads (${h})`);
  const dk = dModel / h;
  const Q = project(Xq, params.wq, params.bq, 'wq');
  const K = project(Xkv, params.wk, params.bk, 'wk');
  const V = project(Xkv, params.wv, params.bv, 'wv');
  if (Q.cols !== dModel || K.cols !== dModel || V.cols !== dModel) throw new RangeError(`expected square d_model x d_model projections, got widths ${Q.cols}, ${K.cols}, ${V.cols}`);
  const concatenated = matrix(Xq.rows, dModel);
  const weights: Matrix[] = [];
  for (let head = 0; head < h; head++) {
    const r = scaledDotProductAttention(columns(Q, head * dk, dk), columns(K, head * dk, dk), columns(V, head * dk, dk), { mask: options.mask });
    weights.push(r.weights);
    for (let i = 0; i < Xq.rows; i++) for (let j = 0; j < dk; j++) concatenated.data[i * dModel + head * dk + j] = r.output.data[i * dk + j];
  }
  return { output: project(concatenated, params.wo, params.bo, 'wo'), weights, concatenated };
}

export interface MultiHeadInitOptions {
  /** Include (zero) biases. */
  bias: boolean;
  /** Seed; default forked from the global seed. */
  seed: number | undefined;
}

/** Glorot-uniform projections (limit sqrt(6 / (2 d_model))), zero biases when requested. */
export function initMultiHeadParams(dModel: number, options: Partial<MultiHeadInitOptions> = {}): MultiHeadParams {
  if (!Number.isInteger(dModel) || dModel < 1) throw new RangeError(`expected d_model >= 1, got ${dModel}`);
  const rng = rngFrom(options.seed);
  const limit = Math.sqrt(6 / (2 * dModel));
  const w = () => matrix(dModel, dModel, Float64Array.from({ length: dModel * dModel }, () => rng.uniform(-limit, limit)));
  const p: MultiHeadParams = { wq: w(), wk: w(), wv: w(), wo: w() };
  if (options.bias) { p.bq = new Float64Array(dModel); p.bk = new Float64Array(dModel); p.bv = new Float64Array(dModel); p.bo = new Float64Array(dModel); }
  return p;
}
