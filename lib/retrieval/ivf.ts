// IVF (inverted-file) approximate nearest-neighbour index: a k-means coarse quantiser and a scan of the nprobe nearest lists.
import { kmeans } from '../unsupervised/kmeans';
import { rngFrom } from '../core/random';
import { checkK, checkQuery, distanceTo, KBest, toFloat32Rows, type Metric, type SearchResult } from './vectors';

export interface IVFOptions {
  /** Number of k-means cells (inverted lists); sqrt(n) to 4 sqrt(n) is the usual range. */
  nlist: number;
  /** Lists scanned per query: 1 is fastest, nlist is exact search. */
  nprobe: number;
  metric: Metric;
  /** Points the quantiser is trained on (a sample: k-means on all points is rarely worth it). */
  trainSize: number;
  /** Lloyd iterations of the quantiser. */
  trainIterations: number;
  seed: number | undefined;
}

export const ivfDefaults: Readonly<IVFOptions> = { nlist: 100, nprobe: 8, metric: 'l2', trainSize: 10000, trainIterations: 20, seed: undefined };

/**
 * Training: k-means on a sample gives nlist centroids; every vector goes into the list of its nearest centroid.
 * Search: rank the centroids by distance to the query and scan only the nprobe closest lists. A true neighbour is
 * missed when it sits in a cell the query's probes do not reach (near a cell boundary), so recall grows with nprobe.
 * Centroids are assigned by squared Euclidean distance for both metrics (as FAISS's IndexIVFFlat does for L2; for
 * 'ip' on unit vectors the two orders agree).
 */
export class IVFIndex {
  readonly options: Readonly<IVFOptions>;
  n = 0;
  d = 0;
  centroids: Float32Array = new Float32Array(0);
  /** Per list: the ids it holds. */
  lists: Int32Array[] = [];
  /** Per list: its vectors, contiguous (so a scan reads memory in order). */
  private listVectors: Float32Array[] = [];
  lastDistanceCount = 0;

  constructor(options: Partial<IVFOptions> = {}) {
    const o = { ...ivfDefaults, ...options };
    for (const key of ['nlist', 'nprobe', 'trainSize', 'trainIterations'] as const) {
      if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`expected an integer ${key} >= 1, got ${key} = ${o[key]}`);
    }
    if (o.nprobe > o.nlist) throw new RangeError(`expected nprobe <= nlist = ${o.nlist}, got nprobe = ${o.nprobe}`);
    if (o.metric !== 'l2' && o.metric !== 'ip') throw new RangeError(`expected metric 'l2' or 'ip', got ${String(o.metric)}`);
    this.options = o;
  }

  build(vectors: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>, d?: number): this {
    const v = toFloat32Rows(vectors, d, 'IVFIndex.build');
    const { nlist, trainSize, trainIterations } = this.options;
    if (nlist > v.n) throw new RangeError(`expected nlist <= ${v.n} vectors, got nlist = ${nlist}`);
    this.n = v.n; this.d = v.d;
    const rng = rngFrom(this.options.seed);
    const m = Math.max(nlist, Math.min(trainSize, v.n));
    const sample = m === v.n ? Array.from({ length: v.n }, (_, i) => i) : Array.from(rng.permutation(v.n).subarray(0, m)).sort((a, b) => a - b);
    const train = new Float64Array(m * v.d);
    sample.forEach((id, r) => { for (let j = 0; j < v.d; j++) train[r * v.d + j] = v.data[id * v.d + j]; });
    const km = kmeans({ rows: m, cols: v.d, data: train }, nlist, { maxIterations: trainIterations, seed: rng.nextUint32(), tolerance: 1e-8 });
    this.centroids = Float32Array.from(km.centroids.data);
    const assign = new Int32Array(v.n);
    const sizes = new Int32Array(nlist);
    for (let i = 0; i < v.n; i++) {
      const row = v.data.subarray(i * v.d, (i + 1) * v.d);
      let best = 0, bestDist = Infinity;
      for (let c = 0; c < nlist; c++) {
        const dist = distanceTo('l2', this.centroids, c, v.d, row);
        if (dist < bestDist) { bestDist = dist; best = c; }
      }
      assign[i] = best; sizes[best]++;
    }
    this.lists = Array.from(sizes, (s) => new Int32Array(s));
    this.listVectors = Array.from(sizes, (s) => new Float32Array(s * v.d));
    const fill = new Int32Array(nlist);
    for (let i = 0; i < v.n; i++) {
      const c = assign[i], p = fill[c]++;
      this.lists[c][p] = i;
      this.listVectors[c].set(v.data.subarray(i * v.d, (i + 1) * v.d), p * v.d);
    }
    return this;
  }

  /** Search with the index's nprobe, or another one for this query. */
  search(query: ArrayLike<number>, k: number, nprobe = this.options.nprobe): SearchResult {
    if (this.n === 0) throw new Error('IVFIndex: call build(vectors) before search');
    checkQuery(query, this.d, 'IVFIndex.search');
    checkK(k, this.n, 'IVFIndex.search');
    const nlist = this.lists.length;
    if (!Number.isInteger(nprobe) || nprobe < 1 || nprobe > nlist) throw new RangeError(`expected 1 <= nprobe <= nlist = ${nlist}, got nprobe = ${nprobe}`);
    const cells = new KBest(nprobe);
    for (let c = 0; c < nlist; c++) cells.push(distanceTo('l2', this.centroids, c, this.d, query), c);
    const best = new KBest(k);
    let count = nlist;
    for (const c of cells.result().ids) {
      const ids = this.lists[c], vecs = this.listVectors[c];
      for (let p = 0; p < ids.length; p++) best.push(distanceTo(this.options.metric, vecs, p, this.d, query), ids[p]);
      count += ids.length;
    }
    this.lastDistanceCount = count;
    return best.result();
  }

  /** Bytes held: vectors, ids (int32) and centroids. */
  memoryBytes(): number {
    let s = this.centroids.byteLength;
    for (let c = 0; c < this.lists.length; c++) s += this.lists[c].byteLength + this.listVectors[c].byteLength;
    return s;
  }
}
