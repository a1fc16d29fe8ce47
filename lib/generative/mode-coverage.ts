// Mode coverage of generated 2-D (or d-D) points against known mode centres: how many modes are hit and what share of samples is near any mode.

export interface ModeCoverageOptions {
  /** A sample is "near" its closest mode when within this distance. Required-ish: default 0.3. */
  radius: number;
  /** A mode counts as covered when at least this many near samples fall on it. Default 1. */
  minCount: number;
}
export const modeCoverageDefaults: Readonly<ModeCoverageOptions> = { radius: 0.3, minCount: 1 };

export interface ModeCoverage {
  /** Near samples per mode (length k). */
  counts: Int32Array;
  /** Number of modes with counts >= minCount. */
  covered: number;
  /** covered / k. */
  coveredFraction: number;
  /** Share of all samples within `radius` of their closest mode (sample quality; 1 - the share of "off-manifold" points). */
  nearShare: number;
}

/**
 * Assigns each sample to its closest centre and counts it when within `radius`.
 * @param samples - n x d row-major points; centers - k x d row-major mode centres
 * @throws TypeError for non-arrays; RangeError for sizes not multiples of d, radius <= 0 or minCount < 1
 */
export function modeCoverage(samples: ArrayLike<number>, centers: ArrayLike<number>, d: number, options: Partial<ModeCoverageOptions> = {}): ModeCoverage {
  const o = { ...modeCoverageDefaults, ...options };
  for (const [name, a] of [['samples', samples], ['centers', centers]] as const) {
    if (a === null || typeof a !== 'object' || typeof a.length !== 'number') throw new TypeError(`modeCoverage: expected ${name} to be an array of numbers`);
  }
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`modeCoverage: expected d >= 1, got d = ${d}`);
  if (samples.length === 0 || samples.length % d !== 0) throw new RangeError(`modeCoverage: expected samples of length n x ${d} with n >= 1, got length ${samples.length}`);
  if (centers.length === 0 || centers.length % d !== 0) throw new RangeError(`modeCoverage: expected centers of length k x ${d} with k >= 1, got length ${centers.length}`);
  if (!(o.radius > 0)) throw new RangeError(`modeCoverage: expected radius > 0, got radius = ${o.radius}`);
  if (!Number.isInteger(o.minCount) || o.minCount < 1) throw new RangeError(`modeCoverage: expected minCount >= 1, got minCount = ${o.minCount}`);
  const n = samples.length / d, k = centers.length / d;
  const counts = new Int32Array(k);
  let near = 0;
  for (let i = 0; i < n; i++) {
    let best = -1, bestD2 = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) { const diff = samples[i * d + j] - centers[c * d + j]; s += diff * diff; }
      if (s < bestD2) { bestD2 = s; best = c; }
    }
    if (bestD2 <= o.radius * o.radius) { counts[best]++; near++; }
  }
  let covered = 0;
  for (let c = 0; c < k; c++) if (counts[c] >= o.minCount) covered++;
  return { counts, covered, coveredFraction: covered / k, nearShare: near / n };
}
