// Seeded clustered vectors for ANN experiments: a Gaussian mixture, optionally on the unit sphere, like real embeddings.
import { Rng } from '../core/random';

export interface ClusteredVectorsOptions {
  /** Vectors to draw. */
  n: number;
  /** Dimension. */
  d: number;
  /** Mixture components (topics). Uniform random data is the worst case for every ANN index; real embeddings cluster. */
  clusters: number;
  /** Standard deviation of a vector around its centre, relative to the spread of the centres (1). */
  spread: number;
  /** Project every vector onto the unit sphere (so inner product = cosine). */
  normalize: boolean;
  seed: number;
}

export const clusteredVectorsDefaults: Readonly<ClusteredVectorsOptions> = { n: 10000, d: 64, clusters: 100, spread: 1.5, normalize: true, seed: 0 };

/** n x d row-major float32. The centres depend only on (d, clusters, seed), so base and query sets can share them. */
export function clusteredVectors(options: Partial<ClusteredVectorsOptions> = {}, drawSeed?: number): Float32Array {
  const o = { ...clusteredVectorsDefaults, ...options };
  for (const key of ['n', 'd', 'clusters'] as const) if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`expected an integer ${key} >= 1, got ${key} = ${o[key]}`);
  if (!(o.spread >= 0)) throw new RangeError(`expected spread >= 0, got spread = ${o.spread}`);
  const centreRng = new Rng(o.seed);
  const centres = Float64Array.from({ length: o.clusters * o.d }, () => centreRng.normal());
  const rng = new Rng(drawSeed ?? o.seed + 1);
  const out = new Float32Array(o.n * o.d);
  for (let i = 0; i < o.n; i++) {
    const c = rng.int(o.clusters);
    let s = 0;
    for (let j = 0; j < o.d; j++) {
      const v = centres[c * o.d + j] + o.spread * rng.normal();
      out[i * o.d + j] = v; s += v * v;
    }
    if (o.normalize && s > 0) { const r = 1 / Math.sqrt(s); for (let j = 0; j < o.d; j++) out[i * o.d + j] *= r; }
  }
  return out;
}
