// Exact (brute-force) k-nearest-neighbour search: the ground truth every approximate index is measured against.
import { checkK, checkQuery, distanceTo, KBest, toFloat32Rows, type Metric, type SearchResult } from './vectors';

export interface ExactIndexOptions {
  metric: Metric;
}

export const exactIndexDefaults: Readonly<ExactIndexOptions> = { metric: 'l2' };

/** Scans all n vectors per query: O(n d) time, n d float32 of memory, recall 1 by definition. */
export class ExactIndex {
  readonly options: Readonly<ExactIndexOptions>;
  data: Float32Array = new Float32Array(0);
  n = 0;
  d = 0;
  /** Distance evaluations made by the last search. */
  lastDistanceCount = 0;

  constructor(options: Partial<ExactIndexOptions> = {}) {
    const o = { ...exactIndexDefaults, ...options };
    if (o.metric !== 'l2' && o.metric !== 'ip') throw new RangeError(`expected metric 'l2' or 'ip', got ${String(o.metric)}`);
    this.options = o;
  }

  /** @param vectors - n rows of length d, or a flat row-major array with `d` given */
  build(vectors: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>, d?: number): this {
    const v = toFloat32Rows(vectors, d, 'ExactIndex.build');
    this.data = v.data; this.n = v.n; this.d = v.d;
    return this;
  }

  search(query: ArrayLike<number>, k: number): SearchResult {
    if (this.n === 0) throw new Error('ExactIndex: call build(vectors) before search');
    checkQuery(query, this.d, 'ExactIndex.search');
    checkK(k, this.n, 'ExactIndex.search');
    const best = new KBest(k);
    for (let i = 0; i < this.n; i++) best.push(distanceTo(this.options.metric, this.data, i, this.d, query), i);
    this.lastDistanceCount = this.n;
    return best.result();
  }

  /** Bytes held: the float32 vectors. */
  memoryBytes(): number {
    return this.data.byteLength;
  }
}
