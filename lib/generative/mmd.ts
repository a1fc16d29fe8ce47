// Maximum mean discrepancy between two samples with an RBF kernel: a two-sample distance used here to score generated points against real ones.

export interface MmdOptions {
  /** RBF bandwidth sigma in k(a, b) = exp(-|a - b|^2 / (2 sigma^2)). Default 1. */
  bandwidth: number;
  /** 'biased' (V-statistic, includes i = j terms, >= 0) or 'unbiased' (U-statistic, drops them, can be < 0). Default 'biased'. */
  estimator: 'biased' | 'unbiased';
}
export const mmdDefaults: Readonly<MmdOptions> = { bandwidth: 1, estimator: 'biased' };

function checkPoints(name: string, a: ArrayLike<number>, d: number): number {
  if (a === null || typeof a !== 'object' || typeof a.length !== 'number') throw new TypeError(`mmdRbf: expected ${name} to be an array of numbers`);
  if (a.length === 0 || a.length % d !== 0) throw new RangeError(`mmdRbf: expected ${name} to hold n x d = n x ${d} numbers with n >= 1, got length ${a.length}`);
  return a.length / d;
}

/**
 * Squared MMD with the RBF kernel: MMD^2 = E k(x, x') + E k(y, y') - 2 E k(x, y). Zero when the samples are equal
 * in distribution (for a characteristic kernel such as the RBF); O(n m d) time.
 * @param x - n x d row-major sample; y - m x d row-major sample
 * @throws TypeError for non-arrays; RangeError for bad sizes, bandwidth <= 0, or the unbiased estimator with a sample of 1
 */
export function mmdRbf(x: ArrayLike<number>, y: ArrayLike<number>, d: number, options: Partial<MmdOptions> = {}): number {
  const o = { ...mmdDefaults, ...options };
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`mmdRbf: expected d >= 1, got d = ${d}`);
  if (!(o.bandwidth > 0)) throw new RangeError(`mmdRbf: expected bandwidth > 0, got bandwidth = ${o.bandwidth}`);
  if (o.estimator !== 'biased' && o.estimator !== 'unbiased') throw new RangeError(`mmdRbf: expected estimator 'biased' or 'unbiased', got ${JSON.stringify(o.estimator)}`);
  const n = checkPoints('x', x, d), m = checkPoints('y', y, d);
  const unbiased = o.estimator === 'unbiased';
  if (unbiased && (n < 2 || m < 2)) throw new RangeError(`mmdRbf: the unbiased estimator needs >= 2 points per sample, got n = ${n}, m = ${m}`);
  const g = 1 / (2 * o.bandwidth * o.bandwidth);
  const k = (a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number) => {
    let s = 0;
    for (let c = 0; c < d; c++) { const diff = a[i * d + c] - b[j * d + c]; s += diff * diff; }
    return Math.exp(-g * s);
  };
  const within = (a: ArrayLike<number>, len: number) => {
    let s = 0;
    for (let i = 0; i < len; i++) for (let j = i + 1; j < len; j++) s += 2 * k(a, i, a, j);
    return unbiased ? s / (len * (len - 1)) : (s + len) / (len * len);
  };
  let cross = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) cross += k(x, i, y, j);
  return within(x, n) + within(y, m) - (2 * cross) / (n * m);
}
