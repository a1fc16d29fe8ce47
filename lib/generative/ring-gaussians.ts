// A seeded synthetic 2-D mixture: k Gaussians with equal weights and centres evenly spaced on a circle (the standard GAN mode-collapse toy).
import { rngFrom } from '../core/random';

export interface RingGaussiansOptions {
  /** Number of points. Default 2000. */
  n: number;
  /** Number of modes. Default 8. */
  modes: number;
  /** Circle radius. Default 2. */
  radius: number;
  /** Standard deviation of each mode (isotropic). Default 0.1. */
  std: number;
  /** Seed; without one the generator forks from the global `seed(...)`. */
  seed: number | undefined;
}
export const ringGaussiansDefaults: Readonly<RingGaussiansOptions> = { n: 2000, modes: 8, radius: 2, std: 0.1, seed: undefined };

/**
 * Points from an equal-weight mixture of `modes` Gaussians with centres (r cos(2 pi c/k), r sin(2 pi c/k)).
 * @returns x - n x 2 row-major points; mode - the mode each point came from; centers - k x 2 row-major centres
 * @throws RangeError for n < 1, modes < 1, radius < 0 or std < 0
 */
export function makeRingGaussians(options: Partial<RingGaussiansOptions> = {}): { x: Float64Array; mode: Int32Array; centers: Float64Array } {
  const o = { ...ringGaussiansDefaults, ...options };
  if (!Number.isInteger(o.n) || o.n < 1) throw new RangeError(`makeRingGaussians: expected n >= 1, got n = ${o.n}`);
  if (!Number.isInteger(o.modes) || o.modes < 1) throw new RangeError(`makeRingGaussians: expected modes >= 1, got modes = ${o.modes}`);
  if (!(o.radius >= 0)) throw new RangeError(`makeRingGaussians: expected radius >= 0, got radius = ${o.radius}`);
  if (!(o.std >= 0)) throw new RangeError(`makeRingGaussians: expected std >= 0, got std = ${o.std}`);
  const rng = rngFrom(o.seed);
  const centers = new Float64Array(2 * o.modes);
  for (let c = 0; c < o.modes; c++) {
    centers[2 * c] = o.radius * Math.cos((2 * Math.PI * c) / o.modes);
    centers[2 * c + 1] = o.radius * Math.sin((2 * Math.PI * c) / o.modes);
  }
  const x = new Float64Array(2 * o.n), mode = new Int32Array(o.n);
  for (let i = 0; i < o.n; i++) {
    const c = rng.int(o.modes);
    mode[i] = c;
    x[2 * i] = centers[2 * c] + rng.normal(0, o.std);
    x[2 * i + 1] = centers[2 * c + 1] + rng.normal(0, o.std);
  }
  return { x, mode, centers };
}
