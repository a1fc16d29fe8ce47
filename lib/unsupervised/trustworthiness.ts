// Trustworthiness of an embedding (Venna and Kaski 2001): how many of each point's embedded neighbours were not its neighbours before.
import { asMatrix, type MatrixLike } from '../core/matrix';
import { squaredDistances } from './tsne';

/** For each row i, the other rows sorted by distance (ties by index): n x (n - 1) row-major. */
function neighbourOrder(D: Float64Array, n: number): Int32Array {
  const order = new Int32Array(n * (n - 1));
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    idx.length = 0;
    for (let j = 0; j < n; j++) if (j !== i) idx.push(j);
    idx.sort((a, b) => D[i * n + a] - D[i * n + b] || a - b);
    for (let r = 0; r < n - 1; r++) order[i * (n - 1) + r] = idx[r];
  }
  return order;
}

/**
 * T(k) = 1 - 2 / (n k (2n - 3k - 1)) sum_i sum_{j in N_k(i)} max(0, r(i, j) - k), where N_k(i) are the k nearest
 * neighbours of i in the embedding and r(i, j) is j's rank (1 = nearest) among i's neighbours in the original space.
 * 1 means every embedded neighbour was a true neighbour; a random embedding scores about 0.5. (Euclidean distances, as
 * sklearn.manifold.trustworthiness.)
 * @param x - n x d original data
 * @param embedding - n x m embedding of the same rows
 * @throws RangeError when the row counts differ or k >= n / 2 (the normalisation needs it)
 */
export function trustworthiness(x: MatrixLike, embedding: MatrixLike, k = 5): number {
  const X = asMatrix(x, 'x'), E = asMatrix(embedding, 'embedding');
  const n = X.rows;
  if (E.rows !== n) throw new RangeError(`trustworthiness: expected an embedding with ${n} rows (as x), got ${E.rows}`);
  if (!Number.isInteger(k) || k < 1 || k >= n / 2) throw new RangeError(`trustworthiness: expected an integer 1 <= k < n / 2 = ${n / 2}, got k = ${k}`);
  const orderX = neighbourOrder(squaredDistances(X), n);
  const orderE = neighbourOrder(squaredDistances(E), n);
  const rank = new Int32Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < n - 1; r++) rank[orderX[i * (n - 1) + r]] = r + 1;
    for (let r = 0; r < k; r++) t += Math.max(0, rank[orderE[i * (n - 1) + r]] - k);
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * t;
}
