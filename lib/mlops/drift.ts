// Drift detection: population stability index over reference-quantile bins, and the two-sample Kolmogorov-Smirnov test (statistic, exact and asymptotic p-values).
import { checkInt, checkReal, checkVector, withDefaults } from '../data/check';

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

/** Largest integer <= a / b for integers a and b > 0, without trusting a rounded floating-point quotient. */
function floorDiv(a: number, b: number): number {
  const r = ((a % b) + b) % b;
  return (a - r) / b;
}

/** Smallest integer >= a / b for integers a and b > 0. */
function ceilDiv(a: number, b: number): number {
  return -floorDiv(-a, b);
}

/**
 * P(D >= h / n) for two samples of the same size n, by reflection:
 *   2 sum_{k>=1} (-1)^{k-1} C(2n, n - k h) / C(2n, n).
 * Summed as 2 A_0 (1 - A_1 (1 - A_2 (...))) with A_k = C(2n, n-(k+1)h) / C(2n, n-kh) (h factors each), which
 * avoids the cancellation of the alternating sum and the overflow of the binomials.
 */
function smirnovSquareSf(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * P(D >= h / lcm(n, m)) for sizes n != m, by counting lattice paths (Hodges 1958, the "inside" method).
 * Under H0 every interleaving of the pooled sorted sample is equally likely: a path from (0, 0) to (m, n) that
 * steps right for each value of one sample and up for each value of the other. D >= h / lcm exactly when the path
 * touches a point (x, y) with |ng x - mg y| >= h (ng = n/g, mg = m/g). Let q(x, y) be the share of the paths
 * to (x, y) that have touched that boundary: q = 1 on or beyond it, q(0, 0) = 0, and inside
 *   q(x, y) = (x q(x-1, y) + y q(x, y-1)) / (x + y),
 * because x/(x+y) of the C(x+y, y) paths to (x, y) arrive from the left. This recursion for the tail itself
 * (Viehmann 2021, arXiv:2102.08037) stays in [0, 1] (no huge path counts) and keeps small p-values accurate
 * (no 1 - p cancellation). Only the band of inside points of each column is stored.
 */
function smirnovInsideSf(n: number, m: number, g: number, h: number): number {
  if (m < n) [n, m] = [m, n]; // columns run over the larger sample, so the band (about 2h/mg + 1 points) is short
  const mg = m / g, ng = n / g;
  let prev = new Float64Array(n + 1), cur = new Float64Array(n + 1);
  let prevLo = 0, prevHi = Math.min(ceilDiv(h, mg), n + 1); // column 0: inside for y < h / mg, where q = 0
  let lo = 0, hi = prevHi;
  for (let x = 1; x <= m; x++) {
    lo = Math.min(Math.max(floorDiv(ng * x - h, mg) + 1, 0), n); // inside: (ng x - h)/mg < y < (ng x + h)/mg
    hi = Math.min(ceilDiv(ng * x + h, mg), n + 1);
    if (hi <= lo) return 1; // a column with no inside point: every path touches the boundary
    let below = lo === 0 ? 0 : 1; // q(x, lo - 1): on the boundary (its weight y is 0 when lo = 0)
    for (let y = lo; y < hi; y++) {
      const left = y >= prevLo && y < prevHi ? prev[y - prevLo] : 1;
      below = (x * left + y * below) / (x + y);
      cur[y - lo] = below;
    }
    [prev, cur] = [cur, prev];
    prevLo = lo;
    prevHi = hi;
  }
  return prev[n - prevLo]; // (m, n) itself is inside, since h >= 1
}

/**
 * Exact two-sided p-value P(D_{n,m} >= d) of the two-sample Kolmogorov-Smirnov statistic under H0 (both samples
 * from one continuous distribution), as scipy's `ks_2samp(method='exact')`: d is first rounded to the lattice
 * h / lcm(n, m) it lives on. Returns null when the computation is not trustworthy (the lattice is too fine, lcm
 * >= 2^31 - 1, or the result is not a probability), the cases where scipy falls back to the asymptotic p-value
 * (except a rounding excess of at most 1e-12 above 1, which is clipped to 1).
 */
export function ksExactPValue(n: number, m: number, d: number): number | null {
  const fn = 'ksExactPValue';
  checkInt(fn, 'n', n, 1);
  checkInt(fn, 'm', m, 1);
  checkReal(fn, 'd', d, { min: 0, max: 1 });
  let g = n, r = m;
  while (r !== 0) [g, r] = [r, g % r];
  const lcm = (n / g) * m;
  if (lcm >= 2 ** 31 - 1) return null;
  const h = Math.round(d * lcm);
  if (h === 0) return 1;
  const p = n === m ? smirnovSquareSf(n, h) : smirnovInsideSf(n, m, g, h);
  // Rounding can leave the alternating sum a hair above 1 (n = m = 7, h = 1 gives 1 + 2e-16, where every path is
  // outside); scipy rejects such a value and falls back to the asymptotic one, here it is clipped.
  if (!Number.isFinite(p) || p < 0 || p > 1 + 1e-12) return null;
  return Math.min(p, 1);
}

export interface KsOptions {
  /**
   * How the p-value is computed. 'exact': the exact null distribution of D (`ksExactPValue`); 'asymp': Kolmogorov's
   * limit law; 'auto' (the default, as scipy): exact when both samples have at most 10,000 values, else asymptotic.
   * Exact falls back to asymptotic when it cannot be computed (see `method` in the result).
   */
  method?: 'auto' | 'exact' | 'asymp';
  /** With method 'asymp' only (else a RangeError): 'stephens' uses lambda = (sqrt(ne) + 0.12 + 0.11/sqrt(ne)) D, closer for small samples. Default 'none'. */
  correction?: 'none' | 'stephens';
}

export interface KsResult {
  /** D = sup_x |F_a(x) - F_b(x)| of the two empirical CDFs, in [0, 1]. */
  statistic: number;
  /** Two-sided p-value P(D' >= D) under H0: exact, or asymptotically Q(sqrt(ne) D) with ne = n m / (n + m) (see `method`). */
  pValue: number;
  /** How `pValue` was computed: 'exact', or 'asymp' (asked for, chosen by 'auto' for large samples, or the fallback when exact failed). */
  method: 'exact' | 'asymp';
  /** The value x where the CDF gap is largest. */
  location: number;
  n: number;
  m: number;
}

/** scipy's threshold for method 'auto': exact when max(n, m) <= 10,000. */
const KS_EXACT_MAX_N = 10_000;

/**
 * Two-sample Kolmogorov-Smirnov test of "both samples come from the same continuous distribution".
 * The default p-value is exact for samples of up to 10,000 values (as scipy's `ks_2samp`); the asymptotic
 * Kolmogorov p-value is the option `method: 'asymp'` (at a few hundred values per sample it can be several percent
 * off the exact one, in either direction). With ties the exact p-value, computed for continuous data, is conservative. With
 * very large samples any tiny, harmless shift becomes "significant": read D (an effect size) next to the p-value.
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>, options: KsOptions = {}): KsResult {
  const fn = 'ksTwoSample';
  const x = Float64Array.from(checkVector(fn, 'a', a)).sort();
  const y = Float64Array.from(checkVector(fn, 'b', b)).sort();
  const n = x.length, m = y.length;
  if (n === 0 || m === 0) throw new RangeError(`${fn}: expected non-empty samples, got sizes ${n} and ${m}`);
  const { method, correction } = withDefaults<Required<KsOptions>>(fn, options, { method: 'auto', correction: 'none' });
  if (method !== 'auto' && method !== 'exact' && method !== 'asymp') throw new RangeError(`${fn}: expected method 'auto', 'exact' or 'asymp', got ${JSON.stringify(method)}`);
  if (correction !== 'none' && correction !== 'stephens') throw new RangeError(`${fn}: expected correction 'none' or 'stephens', got ${JSON.stringify(correction)}`);
  if (correction !== 'none' && method !== 'asymp') throw new RangeError(`${fn}: correction '${correction}' applies to the asymptotic p-value only: pass method 'asymp' with it, got method '${method}'`);
  let i = 0, j = 0, d = 0, location = Math.min(x[0], y[0]);
  while (i < n && j < m) {
    const v = Math.min(x[i], y[j]);
    while (i < n && x[i] === v) i++; // step both CDFs past every copy of v, so ties never create a fake gap
    while (j < m && y[j] === v) j++;
    const gap = Math.abs(i / n - j / m);
    if (gap > d) { d = gap; location = v; }
  }
  const wantExact = method === 'exact' || (method === 'auto' && Math.max(n, m) <= KS_EXACT_MAX_N);
  const exact = wantExact ? ksExactPValue(n, m, d) : null;
  if (exact !== null) return { statistic: d, pValue: exact, method: 'exact', location, n, m };
  const ne = (n * m) / (n + m);
  const sq = Math.sqrt(ne);
  const lambda = correction === 'stephens' ? (sq + 0.12 + 0.11 / sq) * d : sq * d;
  return { statistic: d, pValue: kolmogorovSurvival(lambda), method: 'asymp', location, n, m };
}
