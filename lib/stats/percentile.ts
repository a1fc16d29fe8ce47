// Percentiles with numpy's default linear interpolation (type 7), NaN ignored; no Node imports (kata pages bundle it for the browser).

/**
 * Percentile with linear interpolation between order statistics (numpy's default, "type 7"): the value at rank
 * (p / 100)(n - 1) of the sorted data. p50 is the median. NaN values are ignored.
 * @param p - in [0, 100]
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  return percentiles(values, [p])[0];
}

/** Several percentiles of the same data (sorted once). */
export function percentiles(values: ArrayLike<number>, ps: number[]): number[] {
  if (typeof values !== 'object' || values === null || typeof values.length !== 'number') throw new TypeError('percentiles: expected an array of numbers');
  const sorted = Float64Array.from(Array.from(values).filter((v) => !Number.isNaN(v))).sort();
  if (sorted.length === 0) throw new RangeError('percentiles: expected at least 1 value that is not NaN, got 0');
  return ps.map((p) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 100)) throw new RangeError(`percentiles: expected 0 <= p <= 100, got p = ${p}`);
    const pos = (p / 100) * (sorted.length - 1);
    const lo = Math.floor(pos), hi = Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  });
}
