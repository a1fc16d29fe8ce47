// Univariate feature selection: the one-way ANOVA F statistic of each feature against class labels, and the top k features by score.
import { asMatrix, type MatrixLike } from '../core/matrix';
import { checkInt } from '../data/check';
import { asClassLabels } from '../linear/softmax-regression';

/**
 * One-way ANOVA F statistic of each column against the classes (scikit-learn's `f_classif`):
 * F_j = [SS_between / (K - 1)] / [SS_within / (n - K)]. Large F: the class means differ a lot relative to the
 * spread inside the classes. A constant column (both sums 0) scores 0 (scikit-learn returns NaN there);
 * a column constant within every class but not overall scores Infinity.
 * @param x - n x d features
 * @param labels - n class indices 0..K-1, with K >= 2 classes present and n > K
 * @returns d F statistics
 */
export function fClassif(x: MatrixLike, labels: ArrayLike<number>): Float64Array {
  const X = asMatrix(x, 'x');
  const { labels: y, nClasses } = asClassLabels(labels, X.rows);
  const n = X.rows, d = X.cols;
  const counts = new Float64Array(nClasses);
  for (const c of y) counts[c]++;
  const present = counts.filter((c) => c > 0).length;
  if (present < 2) throw new RangeError(`fClassif: expected at least 2 classes present, got ${present}`);
  if (n <= present) throw new RangeError(`fClassif: expected more samples than classes, got n = ${n} for ${present} classes`);
  const sums = new Float64Array(nClasses * d);
  const total = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = X.data[i * d + j];
      sums[y[i] * d + j] += v;
      total[j] += v;
    }
  }
  const within = new Float64Array(d), between = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) within[j] += (X.data[i * d + j] - sums[y[i] * d + j] / counts[y[i]]) ** 2;
  }
  for (let c = 0; c < nClasses; c++) {
    if (counts[c] === 0) continue;
    for (let j = 0; j < d; j++) between[j] += counts[c] * (sums[c * d + j] / counts[c] - total[j] / n) ** 2;
  }
  return Float64Array.from({ length: d }, (_, j) => {
    const b = between[j] / (present - 1), w = within[j] / (n - present);
    // A relative floor so round-off in a constant column does not turn 0/0 into a huge ratio.
    const scale = 1e-12 * (total[j] / n) ** 2;
    if (between[j] <= scale && within[j] <= scale) return 0;
    return w <= 0 ? Infinity : b / w;
  });
}

/**
 * Indices of the k largest scores, ascending (ties: the lower index wins).
 * @param scores - one score per feature (NaN counts as the lowest)
 * @param k - 1 <= k <= scores.length
 */
export function selectKBest(scores: ArrayLike<number>, k: number): Int32Array {
  checkInt('selectKBest', 'k', k, 1);
  if (k > scores.length) throw new RangeError(`selectKBest: expected k <= ${scores.length} features, got k = ${k}`);
  const key = (j: number) => (Number.isNaN(scores[j]) ? -Infinity : scores[j]);
  const order = Array.from({ length: scores.length }, (_, j) => j).sort((a, b) => key(b) - key(a) || a - b);
  return Int32Array.from(order.slice(0, k)).sort();
}
