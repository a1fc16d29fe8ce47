// Drift detection: population stability index over reference-quantile bins, and the two-sample Kolmogorov-Smirnov test (statistic and asymptotic p-value).
import { checkInt, checkReal, checkVector } from '../data/check';

export interface PsiOptions {
  /** Number of bins. Default 10. */
  bins?: number;
  /** 'quantile': edges at the reference's quantiles (about equal reference counts per bin, the usual choice); 'uniform': equal widths between the reference's min and max. Default 'quantile'. */
  strategy?: 'quantile' | 'uniform';
  /** Floor for a bin's share, so an empty bin costs a large but finite amount instead of log(0). Default 1e-4. */
  eps?: number;
}

export interface PsiResult {
  /** PSI = sum_b (a_b - e_b) ln(a_b / e_b). Rule of thumb: < 0.1 stable, 0.1-0.25 moderate shift, > 0.25 major shift. */
  psi: number;
  /** Inner bin edges (bin b holds values in (edges[b-1], edges[b]]; the outer bins are open to -inf and +inf). */
  edges: Float64Array;
  /** Reference (expected) share of each bin, after the eps floor. */
  expected: Float64Array;
  /** Current (actual) share of each bin, after the eps floor. */
  actual: Float64Array;
  /** Each bin's term (a_b - e_b) ln(a_b / e_b) >= 0. */
  contributions: Float64Array;
}

/**
 * PSI between two discrete distributions given as shares (e.g. the share of each predicted class):
 * sum_b (a_b - e_b) ln(a_b / e_b), with every share floored at eps. It is the symmetrised KL divergence
 * KL(a || e) + KL(e || a).
 */
export function psiFromProportions(expected: ArrayLike<number>, actual: ArrayLike<number>, options: { eps?: number } = {}): PsiResult {
  const fn = 'psiFromProportions';
  const e = checkVector(fn, 'expected', expected);
  const a = checkVector(fn, 'actual', actual, e.length);
  if (e.length === 0) throw new RangeError(`${fn}: expected at least 1 bin, got 0`);
  const eps = checkReal(fn, 'eps', options.eps ?? 1e-4, { min: 0, max: 1, open: true });
  for (let b = 0; b < e.length; b++) {
    if (e[b] < 0 || a[b] < 0) throw new RangeError(`${fn}: expected non-negative shares, got expected[${b}] = ${e[b]}, actual[${b}] = ${a[b]}`);
  }
  const sum = (v: Float64Array) => v.reduce((s, x) => s + x, 0);
  if (Math.abs(sum(e) - 1) > 1e-6 || Math.abs(sum(a) - 1) > 1e-6) throw new RangeError(`${fn}: expected shares that sum to 1, got ${sum(e)} and ${sum(a)}`);
  const ef = e.map((v) => Math.max(v, eps)), af = a.map((v) => Math.max(v, eps));
  const contributions = ef.map((v, b) => (af[b] - v) * Math.log(af[b] / v));
  return { psi: sum(contributions), edges: new Float64Array(0), expected: ef, actual: af, contributions };
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Share of `values` in each bin defined by sorted inner `edges` (right-closed bins). */
function shares(values: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  for (const v of values) {
    let lo = 0, hi = edges.length; // first edge >= v, by binary search
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts.map((c) => c / values.length);
}

/**
 * Population stability index of a numeric feature (or of model scores): bin the reference sample, compare the
 * share of each bin in the current sample. Equal reference quantiles that collapse (discrete data) are merged.
 * @param reference - the training / baseline sample
 * @param current - the production sample to compare
 */
export function populationStabilityIndex(reference: ArrayLike<number>, current: ArrayLike<number>, options: PsiOptions = {}): PsiResult {
  const fn = 'populationStabilityIndex';
  const ref = checkVector(fn, 'reference', reference);
  const cur = checkVector(fn, 'current', current);
  if (ref.length < 2 || cur.length < 1) throw new RangeError(`${fn}: expected at least 2 reference and 1 current values, got ${ref.length} and ${cur.length}`);
  const bins = checkInt(fn, 'bins', options.bins ?? 10, 2);
  const strategy = options.strategy ?? 'quantile';
  if (strategy !== 'quantile' && strategy !== 'uniform') throw new RangeError(`${fn}: expected strategy 'quantile' or 'uniform', got ${JSON.stringify(strategy)}`);
  const sorted = Float64Array.from(ref).sort();
  const inner: number[] = [];
  for (let b = 1; b < bins; b++) {
    const edge = strategy === 'quantile' ? quantileSorted(sorted, b / bins) : sorted[0] + ((sorted[sorted.length - 1] - sorted[0]) * b) / bins;
    if (inner.length === 0 || edge > inner[inner.length - 1]) inner.push(edge);
  }
  const edges = Float64Array.from(inner);
  const result = psiFromProportions(shares(ref, edges), shares(cur, edges), { eps: options.eps });
  return { ...result, edges };
}

/**
 * P(K > lambda) for the Kolmogorov distribution, the limit law of sqrt(n) sup|F_n - F|:
 *   Q(lambda) = 2 sum_{k>=1} (-1)^{k-1} exp(-2 k^2 lambda^2)                     (lambda >= 1, converges fast),
 *   1 - Q(lambda) = sqrt(2 pi)/lambda sum_{k>=1} exp(-(2k-1)^2 pi^2 / (8 lambda^2))   (lambda < 1, the Jacobi-theta form).
 */
export function kolmogorovSurvival(lambda: number): number {
  if (typeof lambda !== 'number' || Number.isNaN(lambda)) throw new TypeError(`kolmogorovSurvival: expected a number, got ${String(lambda)}`);
  if (lambda <= 0) return 1;
  if (lambda < 1) {
    let s = 0;
    for (let k = 1; k <= 20; k++) s += Math.exp(-((2 * k - 1) ** 2) * Math.PI * Math.PI / (8 * lambda * lambda));
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * s));
  }
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    s += k % 2 === 1 ? term : -term;
    if (term < 1e-300) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

export interface KsResult {
  /** D = sup_x |F_a(x) - F_b(x)| of the two empirical CDFs, in [0, 1]. */
  statistic: number;
  /** Asymptotic p-value Q(sqrt(ne) D) with ne = n m / (n + m) (or Stephens' small-sample correction). */
  pValue: number;
  /** The value x where the CDF gap is largest. */
  location: number;
  n: number;
  m: number;
}

/**
 * Two-sample Kolmogorov-Smirnov test of "both samples come from the same continuous distribution".
 * The p-value is the large-sample (Kolmogorov) approximation; with `correction: 'stephens'` lambda is
 * (sqrt(ne) + 0.12 + 0.11/sqrt(ne)) D, which is closer for small samples. With very large samples any tiny,
 * harmless shift becomes "significant": read D (an effect size) next to the p-value.
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>, options: { correction?: 'none' | 'stephens' } = {}): KsResult {
  const fn = 'ksTwoSample';
  const x = Float64Array.from(checkVector(fn, 'a', a)).sort();
  const y = Float64Array.from(checkVector(fn, 'b', b)).sort();
  const n = x.length, m = y.length;
  if (n === 0 || m === 0) throw new RangeError(`${fn}: expected non-empty samples, got sizes ${n} and ${m}`);
  const correction = options.correction ?? 'none';
  if (correction !== 'none' && correction !== 'stephens') throw new RangeError(`${fn}: expected correction 'none' or 'stephens', got ${JSON.stringify(correction)}`);
  let i = 0, j = 0, d = 0, location = Math.min(x[0], y[0]);
  while (i < n && j < m) {
    const v = Math.min(x[i], y[j]);
    while (i < n && x[i] === v) i++; // step both CDFs past every copy of v, so ties never create a fake gap
    while (j < m && y[j] === v) j++;
    const gap = Math.abs(i / n - j / m);
    if (gap > d) { d = gap; location = v; }
  }
  const ne = (n * m) / (n + m);
  const sq = Math.sqrt(ne);
  const lambda = correction === 'stephens' ? (sq + 0.12 + 0.11 / sq) * d : sq * d;
  return { statistic: d, pValue: kolmogorovSurvival(lambda), location, n, m };
}
