// Grouped-query attention (Ainslie et al. 2023): h query heads share g key/value heads; g = h is multi-head, g = 1 multi-query attention.
import { asMatrix, matmul, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { scaledDotProductAttention } from '../attention/scaled-dot-product';

export interface GqaParams {
  /** d_model x (heads * d_head). */
  wq: MatrixLike;
  /** d_model x (kvHeads * d_head). */
  wk: MatrixLike;
  /** d_model x (kvHeads * d_head). */
  wv: MatrixLike;
  /** (heads * d_head) x d_model. */
  wo: MatrixLike;
}

export interface GqaOptions {
  /** h, the number of query heads. */
  heads: number;
  /** g, the number of key/value heads; must divide h. */
  kvHeads: number;
  /** n x n 0/1 mask (e.g. causalMask(n)). */
  mask: MatrixLike | undefined;
}

function columns(m: Matrix, start: number, width: number): Matrix {
  const out = matrix(m.rows, width);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < width; j++) out.data[i * width + j] = m.data[i * m.cols + start + j];
  return out;
}

/**
 * Self-attention of x (n x d_model) where query head i reads key/value head floor(i / (h / g)). The output equals
 * multi-head attention when g = h; with g < h only g key and value heads are computed and cached, so the KV cache is
 * h / g times smaller (Llama-2-70B: 64 query heads, 8 KV heads, 8x) for a small loss in quality.
 */
export function groupedQueryAttention(x: MatrixLike, params: GqaParams, options: Partial<GqaOptions> & Pick<GqaOptions, 'heads' | 'kvHeads'>): { output: Matrix; keys: Matrix; values: Matrix } {
  const X = asMatrix(x, 'x');
  const { heads: h, kvHeads: g } = options;
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`expected heads >= 1, got heads = ${h}`);
  if (!Number.isInteger(g) || g < 1 || h % g !== 0) throw new RangeError(`expected kvHeads to divide heads = ${h}, got kvHeads = ${g}`);
  const Wq = asMatrix(params.wq, 'wq'), Wk = asMatrix(params.wk, 'wk'), Wv = asMatrix(params.wv, 'wv'), Wo = asMatrix(params.wo, 'wo');
  if (Wq.rows !== X.cols || Wk.rows !== X.cols || Wv.rows !== X.cols) throw new RangeError(`expected wq, wk, wv with ${X.cols} rows (d_model), got ${Wq.rows}, ${Wk.rows}, ${Wv.rows}`);
  if (Wq.cols % h !== 0) throw new RangeError(`expected wq's width (${Wq.cols}) divisible by heads (${h})`);
  const dh = Wq.cols / h;
  if (Wk.cols !== g * dh || Wv.cols !== g * dh) throw new RangeError(`expected wk and wv of width kvHeads * d_head = ${g * dh}, got ${Wk.cols} and ${Wv.cols}`);
  if (Wo.rows !== h * dh) throw new RangeError(`expected wo with heads * d_head = ${h * dh} rows, got ${Wo.rows}`);
  const Q = matmul(X, Wq), K = matmul(X, Wk), V = matmul(X, Wv);
  const concat = matrix(X.rows, h * dh);
  const perGroup = h / g;
  for (let head = 0; head < h; head++) {
    const kv = Math.floor(head / perGroup);
    const r = scaledDotProductAttention(columns(Q, head * dh, dh), columns(K, kv * dh, dh), columns(V, kv * dh, dh), { mask: options.mask });
    for (let i = 0; i < X.rows; i++) for (let j = 0; j < dh; j++) concat.data[i * h * dh + head * dh + j] = r.output.data[i * dh + j];
  }
  return { output: matmul(concat, Wo), keys: K, values: V };
}
