// Scaled dot-product attention softmax(Q K^T / sqrt(d_k)) V with optional masks (causal, padding), as in "Attention Is All You Need".
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { softmax } from '../linear/softmax-regression';

/** Score given to blocked positions before the softmax: exp of it underflows to exactly 0 in float64. */
export const MASKED_SCORE = -1e30;

export interface AttentionOptions {
  /** n x m: 1 where query i may attend to key j, 0 where it may not (see {@link causalMask}, {@link paddingMask}). */
  mask: MatrixLike | undefined;
  /** Multiplier of the scores; default 1 / sqrt(d_k). */
  scale: number | undefined;
}

export interface AttentionResult {
  /** n x d_v: row i is the weighted average of the value rows. */
  output: Matrix;
  /** n x m attention weights (each row sums to 1; masked entries are exactly 0). */
  weights: Matrix;
  /** n x m scaled scores Q K^T * scale, before masking and softmax. */
  scores: Matrix;
}

/**
 * Attention of n queries over m key/value pairs: weights = softmax(Q K^T / sqrt(d_k) + M) row by row, with M = 0
 * where allowed and -inf where masked; output = weights V. Each output row is a convex combination of value rows,
 * weighted by how well the query matches each key.
 * @param q - n x d_k queries
 * @param k - m x d_k keys
 * @param v - m x d_v values
 * @throws RangeError on mismatched shapes, a mask of the wrong shape or with values other than 0/1, or a query row
 *   whose mask blocks every key (its softmax would be 0/0)
 */
export function scaledDotProductAttention(q: MatrixLike, k: MatrixLike, v: MatrixLike, options: Partial<AttentionOptions> = {}): AttentionResult {
  const Q = asMatrix(q, 'q'), K = asMatrix(k, 'k'), V = asMatrix(v, 'v');
  if (Q.cols !== K.cols) throw new RangeError(`expected queries and keys of the same width d_k, got ${Q.cols} and ${K.cols}`);
  if (K.rows !== V.rows) throw new RangeError(`expected one value row per key (${K.rows}), got ${V.rows}`);
  if (Q.rows === 0 || K.rows === 0) throw new RangeError(`expected at least 1 query and 1 key, got ${Q.rows} and ${K.rows}`);
  const n = Q.rows, m = K.rows, dk = Q.cols, dv = V.cols;
  const scale = options.scale ?? 1 / Math.sqrt(dk);
  if (typeof scale !== 'number' || !Number.isFinite(scale)) throw new RangeError(`expected a finite scale, got ${scale}`);
  const M = options.mask === undefined ? undefined : asMatrix(options.mask, 'mask');
  if (M && (M.rows !== n || M.cols !== m)) throw new RangeError(`expected a ${n} x ${m} mask (queries x keys), got ${M.rows} x ${M.cols}`);
  const scores = matrix(n, m);
  const masked = matrix(n, m);
  for (let i = 0; i < n; i++) {
    let allowed = 0;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let c = 0; c < dk; c++) s += Q.data[i * dk + c] * K.data[j * dk + c];
      s *= scale;
      scores.data[i * m + j] = s;
      const keep = M ? M.data[i * m + j] : 1;
      if (keep !== 0 && keep !== 1) throw new RangeError(`expected a 0/1 mask, got ${keep} at row ${i}, column ${j}`);
      masked.data[i * m + j] = keep ? s : MASKED_SCORE;
      allowed += keep;
    }
    if (allowed === 0) throw new RangeError(`expected every query to see at least one key, got query ${i} fully masked`);
  }
  const weights = softmax(masked);
  const output = matrix(n, dv);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const w = weights.data[i * m + j];
      if (w === 0) continue;
      for (let c = 0; c < dv; c++) output.data[i * dv + c] += w * V.data[j * dv + c];
    }
  }
  return { output, weights, scores };
}

/**
 * Causal (look-ahead) mask for a sequence attending to itself: position i may attend to positions j <= i only, so a
 * decoder trained on whole sequences cannot peek at the tokens it must predict.
 * @returns n x n lower-triangular 0/1 matrix
 */
export function causalMask(n: number): Matrix {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`expected a sequence length >= 1, got ${n}`);
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) m.data[i * n + j] = 1;
  return m;
}

/**
 * Padding mask: with keys padded to `keyLength` but only the first `validKeys` real, every query may attend to the
 * real keys only.
 * @returns queries x keyLength 0/1 matrix
 */
export function paddingMask(queries: number, validKeys: number, keyLength: number): Matrix {
  if (!Number.isInteger(queries) || queries < 1) throw new RangeError(`expected queries >= 1, got ${queries}`);
  if (!Number.isInteger(keyLength) || keyLength < 1) throw new RangeError(`expected keyLength >= 1, got ${keyLength}`);
  if (!Number.isInteger(validKeys) || validKeys < 1 || validKeys > keyLength) throw new RangeError(`expected 1 <= validKeys <= keyLength = ${keyLength}, got ${validKeys}`);
  const m = matrix(queries, keyLength);
  for (let i = 0; i < queries; i++) for (let j = 0; j < validKeys; j++) m.data[i * keyLength + j] = 1;
  return m;
}

/** Element-wise AND of 0/1 masks of the same shape (e.g. causal and padding together). */
export function combineMasks(...masks: MatrixLike[]): Matrix {
  if (masks.length === 0) throw new RangeError('expected at least 1 mask');
  const first = asMatrix(masks[0], 'mask');
  const out = matrix(first.rows, first.cols, Float64Array.from(first.data));
  for (let k = 1; k < masks.length; k++) {
    const m = asMatrix(masks[k], 'mask');
    if (m.rows !== out.rows || m.cols !== out.cols) throw new RangeError(`expected masks of the same shape ${out.rows} x ${out.cols}, got ${m.rows} x ${m.cols}`);
    for (let i = 0; i < out.data.length; i++) out.data[i] = out.data[i] && m.data[i] ? 1 : 0;
  }
  return out;
}
