// Tiled attention with an online softmax (the core of FlashAttention): exact attention without ever holding the n x m score matrix.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';

export interface TiledAttentionOptions {
  /** Query rows per tile. Default 16. */
  blockQ: number;
  /** Key rows per tile. Default 16. */
  blockK: number;
  /** Query i sees keys j <= i only (n = m required). Default false. */
  causal: boolean;
  /** Score multiplier; default 1 / sqrt(d_k). */
  scale: number | undefined;
}

export interface TiledAttentionResult {
  /** n x d_v, equal to softmax(Q K^T * scale) V. */
  output: Matrix;
  /** Largest working buffer allocated, in numbers (the output excluded): blockQ * max(blockK, d_v). */
  largestBuffer: number;
  /** Key tiles computed and skipped (causal: tiles wholly above the diagonal are never touched). */
  tilesComputed: number;
  tilesSkipped: number;
}

/**
 * The online softmax of one stream: a single pass keeps the running max m and the running sum l of exp(x - m),
 * rescaling l by exp(m_old - m_new) whenever the max grows. Returns log-sum-exp = m + log l.
 */
export function onlineLogSumExp(xs: Iterable<number>): number {
  let m = -Infinity, l = 0;
  for (const x of xs) {
    if (x === -Infinity) continue;
    const mNew = Math.max(m, x);
    l = l * Math.exp(m - mNew) + Math.exp(x - mNew);
    m = mNew;
  }
  return m + Math.log(l);
}

/**
 * Attention computed tile by tile: for each block of queries, walk the key blocks keeping per row a running max m,
 * a running softmax denominator l and an unnormalised output acc; when a new tile raises the max, the old l and acc
 * are multiplied by exp(m_old - m_new). After the last tile, output = acc / l. Exact (not an approximation), with
 * O(blockQ * (blockK + d_v)) working memory instead of O(n m): on a GPU the tiles live in fast on-chip SRAM, and the
 * n x n matrix never goes to slow HBM, which is where FlashAttention's speed comes from.
 */
export function tiledAttention(q: MatrixLike, k: MatrixLike, v: MatrixLike, options: Partial<TiledAttentionOptions> = {}): TiledAttentionResult {
  const Q = asMatrix(q, 'q'), K = asMatrix(k, 'k'), V = asMatrix(v, 'v');
  const bq = options.blockQ ?? 16, bk = options.blockK ?? 16, causal = options.causal ?? false;
  if (Q.cols !== K.cols) throw new RangeError(`expected queries and keys of the same width d_k, got ${Q.cols} and ${K.cols}`);
  if (K.rows !== V.rows) throw new RangeError(`expected one value row per key (${K.rows}), got ${V.rows}`);
  if (Q.rows === 0 || K.rows === 0) throw new RangeError(`expected at least 1 query and 1 key, got ${Q.rows} and ${K.rows}`);
  if (!Number.isInteger(bq) || bq < 1 || !Number.isInteger(bk) || bk < 1) throw new RangeError(`expected block sizes >= 1, got blockQ = ${bq}, blockK = ${bk}`);
  if (causal && Q.rows !== K.rows) throw new RangeError(`expected as many queries as keys for causal attention, got ${Q.rows} and ${K.rows}`);
  const n = Q.rows, m = K.rows, dk = Q.cols, dv = V.cols;
  const scale = options.scale ?? 1 / Math.sqrt(dk);
  let largestBuffer = 0;
  const alloc = (size: number) => { largestBuffer = Math.max(largestBuffer, size); return new Float64Array(size); };
  const output = matrix(n, dv);
  // Working buffers, allocated once and reused by every tile.
  const s = alloc(bq * bk), acc = alloc(bq * dv), rowMax = alloc(bq), rowSum = alloc(bq);
  let tilesComputed = 0, tilesSkipped = 0;
  for (let i0 = 0; i0 < n; i0 += bq) {
    const rowsHere = Math.min(bq, n - i0);
    rowMax.fill(-Infinity); rowSum.fill(0); acc.fill(0);
    for (let j0 = 0; j0 < m; j0 += bk) {
      const colsHere = Math.min(bk, m - j0);
      if (causal && j0 > i0 + rowsHere - 1) { tilesSkipped++; continue; }
      tilesComputed++;
      for (let r = 0; r < rowsHere; r++) {
        const i = i0 + r;
        let tileMax = -Infinity;
        for (let c = 0; c < colsHere; c++) {
          const j = j0 + c;
          let dot = -Infinity;
          if (!causal || j <= i) {
            dot = 0;
            for (let t = 0; t < dk; t++) dot += Q.data[i * dk + t] * K.data[j * dk + t];
            dot *= scale;
          }
          s[r * bk + c] = dot;
          if (dot > tileMax) tileMax = dot;
        }
        if (tileMax === -Infinity) continue; // every key of this tile is in row i's future
        const mNew = Math.max(rowMax[r], tileMax);
        const correction = Math.exp(rowMax[r] - mNew); // 0 on the row's first tile (exp(-inf))
        rowSum[r] *= correction;
        for (let t = 0; t < dv; t++) acc[r * dv + t] *= correction;
        for (let c = 0; c < colsHere; c++) {
          const p = Math.exp(s[r * bk + c] - mNew);
          if (p === 0) continue;
          rowSum[r] += p;
          const j = j0 + c;
          for (let t = 0; t < dv; t++) acc[r * dv + t] += p * V.data[j * dv + t];
        }
        rowMax[r] = mNew;
      }
    }
    for (let r = 0; r < rowsHere; r++) for (let t = 0; t < dv; t++) output.data[(i0 + r) * dv + t] = acc[r * dv + t] / rowSum[r];
  }
  return { output, largestBuffer, tilesComputed, tilesSkipped };
}
