// Scores w . x + b of a linear model per row, and the binary decision rule score > 0 (linear/lasso regression, perceptron, SVM, boosting).
import { assertFinite, type Matrix } from '../core/matrix';

/**
 * The scores w . x + b of every row. Finiteness is checked on the scores, not the input: a NaN or infinite feature
 * always makes its score non-finite, and then the bad entry is named.
 * @param X - m x d row-major (may hold non-finite values; they throw here)
 * @param w - d weights
 * @returns length m
 * @throws RangeError when a feature is NaN or infinite
 */
export function linearScores(X: Matrix, w: Float64Array, b: number): Float64Array {
  const d = X.cols, data = X.data, out = new Float64Array(X.rows);
  let bad = 0; // stays 0 while every score is finite: s - s is NaN for NaN and infinite s
  for (let i = 0, base = 0; i < X.rows; i++, base += d) {
    let s = b;
    for (let j = 0; j < d; j++) s += w[j] * data[base + j];
    bad += s - s;
    out[i] = s;
  }
  if (bad !== 0) assertFinite(data, 'x', d); // throws, naming the bad entry
  return out;
}

/** Class 1 where the score is > 0, else 0 (a score of exactly 0 goes to class 0). */
export function labelsFromScores(scores: ArrayLike<number>): Int32Array {
  const out = new Int32Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scores[i] > 0 ? 1 : 0;
  return out;
}
