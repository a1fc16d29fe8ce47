// InfoNCE contrastive loss with in-batch negatives and a temperature (CPC / SimCLR / CLIP), with its exact gradient.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';

export interface InfoNCEOptions {
  /** tau: logits are similarities / tau; small tau sharpens the softmax onto the hardest negatives. */
  temperature: number;
  /** L2-normalise rows first, so similarities are cosines in [-1, 1] (the usual choice). */
  normalize: boolean;
  /** Average the query->key and key->query losses (CLIP's symmetric loss). */
  symmetric: boolean;
}

export const infoNCEDefaults: Readonly<InfoNCEOptions> = { temperature: 0.07, normalize: true, symmetric: false };

export interface InfoNCEResult {
  loss: number;
  /** n x n logits sim(q_i, k_j) / tau. */
  logits: Matrix;
  /** Gradients of the loss with respect to the raw (unnormalised) inputs. */
  gradQueries: Matrix;
  gradKeys: Matrix;
  /** Fraction of rows whose own key has the largest logit (in-batch top-1 accuracy). */
  accuracy: number;
}

/**
 * L = -(1/n) sum_i log( exp(s_ii / tau) / sum_j exp(s_ij / tau) ), s_ij = q_i . k_j: row i's positive is key i, the
 * other n - 1 keys of the batch are its negatives, so a batch of n pairs gives n (n - 1) negatives for free. It is
 * softmax cross-entropy over the batch with the diagonal as labels; log n - L is a lower bound on the mutual information
 * between the two views (van den Oord et al. 2018), which is why bigger batches help.
 * @param queries - n x d
 * @param keys - n x d, row i the positive of query i
 */
export function infoNCE(queries: MatrixLike, keys: MatrixLike, options: Partial<InfoNCEOptions> = {}): InfoNCEResult {
  const o = { ...infoNCEDefaults, ...options };
  if (!(o.temperature > 0)) throw new RangeError(`expected temperature > 0, got temperature = ${o.temperature}`);
  const Q = asMatrix(queries, 'queries'), K = asMatrix(keys, 'keys');
  if (Q.rows !== K.rows || Q.cols !== K.cols) throw new RangeError(`expected queries and keys of the same shape, got ${Q.rows} x ${Q.cols} and ${K.rows} x ${K.cols}`);
  const n = Q.rows, d = Q.cols;
  if (n < 2) throw new RangeError(`expected a batch of n >= 2 pairs (in-batch negatives), got n = ${n}`);
  const norms = (M: Matrix) => Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += M.data[i * d + j] ** 2;
    if (o.normalize && s === 0) throw new RangeError(`expected non-zero rows to normalise, got an all-zero row ${i}`);
    return o.normalize ? Math.sqrt(s) : 1;
  });
  const nq = norms(Q), nk = norms(K);
  const qh = matrix(n, d), kh = matrix(n, d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) { qh.data[i * d + j] = Q.data[i * d + j] / nq[i]; kh.data[i * d + j] = K.data[i * d + j] / nk[i]; }
  const logits = matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += qh.data[i * d + t] * kh.data[j * d + t];
    logits.data[i * n + j] = s / o.temperature;
  }
  // dL/dlogits: (softmax - onehot) / n per row direction (and per column for the symmetric half)
  const gLogits = new Float64Array(n * n);
  let loss = 0, correct = 0;
  const directions = o.symmetric ? 2 : 1;
  for (let dir = 0; dir < directions; dir++) {
    for (let i = 0; i < n; i++) {
      const at = (j: number) => (dir === 0 ? i * n + j : j * n + i);
      let max = -Infinity, arg = 0;
      for (let j = 0; j < n; j++) if (logits.data[at(j)] > max) { max = logits.data[at(j)]; arg = j; }
      let z = 0;
      for (let j = 0; j < n; j++) z += Math.exp(logits.data[at(j)] - max);
      const logZ = max + Math.log(z);
      loss += (logZ - logits.data[at(i)]) / (n * directions);
      if (dir === 0 && arg === i) correct++;
      for (let j = 0; j < n; j++) gLogits[at(j)] += (Math.exp(logits.data[at(j)] - logZ) - (i === j ? 1 : 0)) / (n * directions);
    }
  }
  // through s = qh kh^T / tau, then through the normalisation x -> x / ||x|| (Jacobian (I - xh xh^T) / ||x||)
  const gqh = matrix(n, d), gkh = matrix(n, d);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const g = gLogits[i * n + j] / o.temperature;
    if (g === 0) continue;
    for (let t = 0; t < d; t++) { gqh.data[i * d + t] += g * kh.data[j * d + t]; gkh.data[j * d + t] += g * qh.data[i * d + t]; }
  }
  const backNorm = (g: Matrix, xh: Matrix, nr: Float64Array) => {
    if (!o.normalize) return g;
    const out = matrix(n, d);
    for (let i = 0; i < n; i++) {
      let dotp = 0;
      for (let t = 0; t < d; t++) dotp += g.data[i * d + t] * xh.data[i * d + t];
      for (let t = 0; t < d; t++) out.data[i * d + t] = (g.data[i * d + t] - dotp * xh.data[i * d + t]) / nr[i];
    }
    return out;
  };
  return { loss, logits, gradQueries: backNorm(gqh, qh, nq), gradKeys: backNorm(gkh, kh, nk), accuracy: correct / n };
}
