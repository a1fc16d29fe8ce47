// HNSW approximate nearest-neighbour graph (Malkov & Yashunin 2016): layered small-world graphs searched greedily, best-first.
import { rngFrom, type Rng } from '../core/random';
import { checkK, checkQuery, distanceTo, toFloat32Rows, type Metric, type SearchResult } from './vectors';

export interface HNSWOptions {
  /** Links per node on layers >= 1 (layer 0 keeps up to 2M): more links, better recall, more memory and build time. */
  M: number;
  /** Size of the candidate list while inserting: larger builds a better graph, slower. */
  efConstruction: number;
  /** Size of the candidate list while searching (at least k is used): the recall / speed knob at query time. */
  efSearch: number;
  metric: Metric;
  seed: number | undefined;
}

export const hnswDefaults: Readonly<HNSWOptions> = { M: 16, efConstruction: 100, efSearch: 50, metric: 'l2', seed: undefined };

/** A binary heap of (distance, id): a min-heap, or a max-heap when `max` (ties broken by id, for determinism). */
class Heap {
  readonly dist: number[] = [];
  readonly id: number[] = [];
  constructor(private readonly max: boolean) {}
  get size(): number { return this.dist.length; }
  private before(i: number, j: number): boolean {
    const a = this.dist[i], b = this.dist[j];
    if (a !== b) return this.max ? a > b : a < b;
    return this.max ? this.id[i] > this.id[j] : this.id[i] < this.id[j];
  }
  private swap(i: number, j: number): void {
    [this.dist[i], this.dist[j]] = [this.dist[j], this.dist[i]];
    [this.id[i], this.id[j]] = [this.id[j], this.id[i]];
  }
  push(d: number, id: number): void {
    this.dist.push(d); this.id.push(id);
    let i = this.size - 1;
    while (i > 0) { const p = (i - 1) >> 1; if (!this.before(i, p)) break; this.swap(i, p); i = p; }
  }
  topDist(): number { return this.dist[0]; }
  topId(): number { return this.id[0]; }
  pop(): void {
    const last = this.size - 1;
    this.swap(0, last); this.dist.pop(); this.id.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < this.size && this.before(l, m)) m = l;
      if (r < this.size && this.before(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m); i = m;
    }
  }
}

/**
 * Every node gets a top layer drawn as floor(-ln U * mL), mL = 1 / ln M, so layer l holds about n / M^l nodes: the
 * upper layers are a sparse "express" graph, layer 0 holds everyone. A query walks greedily from the entry point
 * down the layers, then runs a best-first search with a candidate list of size efSearch on layer 0. Inserting runs the
 * same search with efConstruction and links the node to M neighbours chosen by the paper's heuristic (a candidate is
 * kept only if it is closer to the new node than to every neighbour kept so far), which keeps links pointing in
 * different directions and the graph navigable.
 */
export class HNSWIndex {
  readonly options: Readonly<HNSWOptions>;
  n = 0;
  d = 0;
  data: Float32Array = new Float32Array(0);
  /** links[node][layer]: neighbour ids. */
  links: number[][][] = [];
  levels: Int32Array = new Int32Array(0);
  entryPoint = -1;
  maxLevel = -1;
  lastDistanceCount = 0;
  private visited: Uint32Array = new Uint32Array(0);
  private visitTag = 0;
  private count = 0;

  constructor(options: Partial<HNSWOptions> = {}) {
    const o = { ...hnswDefaults, ...options };
    if (!Number.isInteger(o.M) || o.M < 2) throw new RangeError(`expected an integer M >= 2, got M = ${o.M}`);
    for (const key of ['efConstruction', 'efSearch'] as const) {
      if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`expected an integer ${key} >= 1, got ${key} = ${o[key]}`);
    }
    if (o.metric !== 'l2' && o.metric !== 'ip') throw new RangeError(`expected metric 'l2' or 'ip', got ${String(o.metric)}`);
    this.options = o;
  }

  private dist(i: number, q: ArrayLike<number>): number {
    this.count++;
    return distanceTo(this.options.metric, this.data, i, this.d, q);
  }

  private row(i: number): Float32Array {
    return this.data.subarray(i * this.d, (i + 1) * this.d);
  }

  /** Inserts the vectors one by one in order (so the graph depends only on the data and the seed). */
  build(vectors: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>, d?: number): this {
    const v = toFloat32Rows(vectors, d, 'HNSWIndex.build');
    if (v.n === 0) throw new RangeError('HNSWIndex.build: expected at least 1 vector, got 0');
    this.data = v.data; this.n = v.n; this.d = v.d;
    this.links = []; this.levels = new Int32Array(v.n);
    this.entryPoint = -1; this.maxLevel = -1;
    this.visited = new Uint32Array(v.n); this.visitTag = 0;
    const rng = rngFrom(this.options.seed);
    const mL = 1 / Math.log(this.options.M);
    for (let i = 0; i < v.n; i++) this.insert(i, rng, mL);
    return this;
  }

  private insert(i: number, rng: Rng, mL: number): void {
    let u = rng.random();
    while (u === 0) u = rng.random();
    const level = Math.floor(-Math.log(u) * mL);
    this.levels[i] = level;
    this.links[i] = Array.from({ length: level + 1 }, () => []);
    if (this.entryPoint < 0) { this.entryPoint = i; this.maxLevel = level; return; }
    const q = this.row(i);
    let ep = [this.entryPoint];
    for (let lc = this.maxLevel; lc > level; lc--) ep = this.searchLayer(q, ep, 1, lc).ids.slice(0, 1);
    const { M, efConstruction } = this.options;
    for (let lc = Math.min(level, this.maxLevel); lc >= 0; lc--) {
      const found = this.searchLayer(q, ep, efConstruction, lc);
      const neighbours = this.selectNeighbours(found.ids, found.distances, M);
      this.links[i][lc] = neighbours;
      const mMax = lc === 0 ? 2 * M : M;
      for (const e of neighbours) {
        const list = this.links[e][lc];
        list.push(i);
        if (list.length > mMax) {
          const er = this.row(e);
          const dists = list.map((x) => this.dist(x, er));
          const order = list.map((_, j) => j).sort((a, b) => dists[a] - dists[b] || list[a] - list[b]);
          this.links[e][lc] = this.selectNeighbours(order.map((j) => list[j]), order.map((j) => dists[j]), mMax);
        }
      }
      ep = found.ids;
    }
    if (level > this.maxLevel) { this.maxLevel = level; this.entryPoint = i; }
  }

  /** The paper's heuristic (Algorithm 4): candidates closest first; keep one only if nearer the base than any kept one. */
  private selectNeighbours(ids: number[], dists: number[], m: number): number[] {
    const kept: number[] = [];
    for (let c = 0; c < ids.length && kept.length < m; c++) {
      const cr = this.row(ids[c]);
      let good = true;
      for (const r of kept) {
        if (this.dist(r, cr) < dists[c]) { good = false; break; }
      }
      if (good) kept.push(ids[c]);
    }
    return kept;
  }

  /** Best-first search of one layer from the entry points; returns up to ef nodes, closest first. */
  private searchLayer(q: ArrayLike<number>, entry: number[], ef: number, layer: number): SearchResult {
    this.visitTag++;
    if (this.visitTag === 0xffffffff) { this.visited.fill(0); this.visitTag = 1; }
    const tag = this.visitTag;
    const candidates = new Heap(false), found = new Heap(true);
    for (const e of entry) {
      if (this.visited[e] === tag) continue;
      this.visited[e] = tag;
      const dd = this.dist(e, q);
      candidates.push(dd, e); found.push(dd, e);
      if (found.size > ef) found.pop();
    }
    while (candidates.size > 0) {
      const c = candidates.topId(), cd = candidates.topDist();
      if (cd > found.topDist() && found.size >= ef) break;
      candidates.pop();
      for (const e of this.links[c][layer] ?? []) {
        if (this.visited[e] === tag) continue;
        this.visited[e] = tag;
        const de = this.dist(e, q);
        if (found.size < ef || de < found.topDist()) {
          candidates.push(de, e); found.push(de, e);
          if (found.size > ef) found.pop();
        }
      }
    }
    const ids: number[] = [], distances: number[] = [];
    while (found.size > 0) { ids.push(found.topId()); distances.push(found.topDist()); found.pop(); }
    return { ids: ids.reverse(), distances: distances.reverse() };
  }

  /** The k approximate nearest neighbours, with the index's efSearch or another one (at least k is used). */
  search(query: ArrayLike<number>, k: number, efSearch = this.options.efSearch): SearchResult {
    if (this.n === 0) throw new Error('HNSWIndex: call build(vectors) before search');
    checkQuery(query, this.d, 'HNSWIndex.search');
    checkK(k, this.n, 'HNSWIndex.search');
    if (!Number.isInteger(efSearch) || efSearch < 1) throw new RangeError(`expected an integer efSearch >= 1, got efSearch = ${efSearch}`);
    this.count = 0;
    let ep = [this.entryPoint];
    for (let lc = this.maxLevel; lc > 0; lc--) ep = this.searchLayer(query, ep, 1, lc).ids.slice(0, 1);
    const found = this.searchLayer(query, ep, Math.max(efSearch, k), 0);
    this.lastDistanceCount = this.count;
    return { ids: found.ids.slice(0, k), distances: found.distances.slice(0, k) };
  }

  /** Number of links on each layer (layer 0 first). */
  linkCounts(): number[] {
    const out = new Array<number>(this.maxLevel + 1).fill(0);
    for (const node of this.links) node.forEach((l, layer) => { out[layer] += l.length; });
    return out;
  }

  /** Bytes as a compact layout would hold them: float32 vectors, one int32 per link, one int32 offset per node-layer. */
  memoryBytes(): number {
    let s = this.data.byteLength + 4 * this.n;
    for (const node of this.links) for (const l of node) s += 4 * (l.length + 1);
    return s;
  }
}
