// Seeded synthetic classification data for the linear-model tests.
import type { Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

/**
 * Gaussian blobs: `perClass` points around each centre with standard deviation `std`, in shuffled order.
 * @returns x - (perClass * centres) x d, labels - the index of each point's centre
 */
export function blobs(seed: number, centres: number[][], perClass: number, std: number): { x: Matrix; labels: Int32Array } {
  const rng = new Rng(seed);
  const d = centres[0].length;
  const n = perClass * centres.length;
  const order = rng.permutation(n);
  const x: Matrix = { rows: n, cols: d, data: new Float64Array(n * d) };
  const labels = new Int32Array(n);
  for (let c = 0; c < centres.length; c++) {
    for (let t = 0; t < perClass; t++) {
      const i = order[c * perClass + t];
      labels[i] = c;
      for (let j = 0; j < d; j++) x.data[i * d + j] = centres[c][j] + std * rng.normal();
    }
  }
  return { x, labels };
}

/**
 * Linearly separable binary data with a margin: uniform points in [-3, 3]^d labelled by w . x + b > 0, keeping only
 * points at distance >= margin from the boundary.
 */
export function separable(seed: number, n: number, w: number[], b: number, margin: number): { x: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const d = w.length;
  const wNorm = Math.hypot(...w);
  const x: Matrix = { rows: n, cols: d, data: new Float64Array(n * d) };
  const y = new Float64Array(n);
  const p = new Float64Array(d);
  for (let i = 0; i < n; ) {
    let s = b;
    for (let j = 0; j < d; j++) { p[j] = rng.uniform(-3, 3); s += w[j] * p[j]; }
    if (Math.abs(s) / wNorm < margin) continue;
    x.data.set(p, i * d);
    y[i] = s > 0 ? 1 : 0;
    i++;
  }
  return { x, y };
}

/** max |a - b| / max |b|: error relative to the reference's largest entry (robust to entries near zero). */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`length ${a.length} vs ${b.length}`);
  let diff = 0, scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}
