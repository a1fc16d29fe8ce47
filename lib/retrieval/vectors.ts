// Shared pieces of the vector indexes: the distance functions, a float32 vector store and a bounded best-k list.

/** 'l2': squared Euclidean distance; 'ip': negative inner product (smaller = closer; on unit vectors, cosine ranking). */
export type Metric = 'l2' | 'ip';

/** The result of a k-nearest-neighbour query: ids and distances, closest first. */
export interface SearchResult {
  ids: number[];
  distances: number[];
}

/** Distance between row i of `data` (dimension d) and the query. */
export function distanceTo(metric: Metric, data: Float32Array, i: number, d: number, q: ArrayLike<number>): number {
  const base = i * d;
  let s = 0;
  if (metric === 'l2') {
    for (let j = 0; j < d; j++) { const e = data[base + j] - q[j]; s += e * e; }
    return s;
  }
  for (let j = 0; j < d; j++) s += data[base + j] * q[j];
  return -s;
}

/** Copies n x d vectors (a flat array or rows) into one Float32Array, checking shape and finiteness. */
export function toFloat32Rows(vectors: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>, d: number | undefined, fn: string): { data: Float32Array; n: number; d: number } {
  if (vectors === null || typeof vectors !== 'object') throw new TypeError(`${fn}: expected vectors as rows or a flat array`);
  let data: Float32Array, dim: number;
  const first = (vectors as ArrayLike<unknown>)[0];
  if (typeof first === 'object' && first !== null) {
    const rows = vectors as ReadonlyArray<ArrayLike<number>>;
    dim = rows[0].length;
    data = new Float32Array(rows.length * dim);
    rows.forEach((r, i) => {
      if (r.length !== dim) throw new RangeError(`${fn}: expected every row of length ${dim}, got ${r.length} at row ${i}`);
      for (let j = 0; j < dim; j++) data[i * dim + j] = r[j];
    });
  } else {
    if (d === undefined || !Number.isInteger(d) || d < 1) throw new RangeError(`${fn}: a flat array needs the dimension d >= 1, got d = ${d}`);
    const flat = vectors as ArrayLike<number>;
    if (flat.length % d !== 0) throw new RangeError(`${fn}: expected a length divisible by d = ${d}, got ${flat.length}`);
    dim = d;
    data = Float32Array.from(flat);
  }
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) throw new RangeError(`${fn}: expected finite values, got ${data[i]} at row ${Math.floor(i / dim)}, column ${i % dim}`);
  return { data, n: data.length / dim, d: dim };
}

export function checkQuery(q: ArrayLike<number>, d: number, fn: string): void {
  if (q === null || typeof q !== 'object' || typeof q.length !== 'number') throw new TypeError(`${fn}: expected the query as an array of numbers`);
  if (q.length !== d) throw new RangeError(`${fn}: expected a query of dimension ${d}, got ${q.length}`);
}

export function checkK(k: number, n: number, fn: string): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${fn}: expected an integer k >= 1, got k = ${k}`);
  if (k > n) throw new RangeError(`${fn}: expected k <= ${n} indexed vectors, got k = ${k}`);
}

/**
 * The k smallest (distance, id) pairs seen so far, as a binary max-heap on distance (ties: larger id is "worse", so
 * results do not depend on visiting order).
 */
export class KBest {
  readonly k: number;
  private dist: Float64Array;
  private id: Int32Array;
  size = 0;

  constructor(k: number) {
    this.k = k;
    this.dist = new Float64Array(k);
    this.id = new Int32Array(k);
  }

  private worse(i: number, j: number): boolean {
    return this.dist[i] > this.dist[j] || (this.dist[i] === this.dist[j] && this.id[i] > this.id[j]);
  }

  /** The largest kept distance (Infinity until k items are held). */
  get bound(): number {
    return this.size < this.k ? Infinity : this.dist[0];
  }

  push(distance: number, id: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      this.dist[i] = distance; this.id[i] = id;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p); i = p;
      }
      return;
    }
    if (distance > this.dist[0] || (distance === this.dist[0] && id > this.id[0])) return;
    this.dist[0] = distance; this.id[0] = id;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m); i = m;
    }
  }

  private swap(i: number, j: number): void {
    const d = this.dist[i]; this.dist[i] = this.dist[j]; this.dist[j] = d;
    const t = this.id[i]; this.id[i] = this.id[j]; this.id[j] = t;
  }

  /** Closest first. */
  result(): SearchResult {
    const order = Array.from({ length: this.size }, (_, i) => i).sort((a, b) => this.dist[a] - this.dist[b] || this.id[a] - this.id[b]);
    return { ids: order.map((i) => this.id[i]), distances: order.map((i) => this.dist[i]) };
  }
}
