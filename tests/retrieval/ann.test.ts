// Tests for lib/retrieval/{exact-knn,ivf,hnsw}: exact search equals a full sort; IVF with nprobe = nlist is exact and
// recall grows with nprobe; HNSW reaches recall@10 >= 0.95 on clustered data and is deterministic under a seed.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../lib/core/random';
import { ExactIndex } from '../../lib/retrieval/exact-knn';
import { HNSWIndex } from '../../lib/retrieval/hnsw';
import { IVFIndex } from '../../lib/retrieval/ivf';

function clustered(n: number, d: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const centres = Array.from({ length: 20 }, () => Array.from({ length: d }, () => rng.normal(0, 3)));
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) { const c = centres[rng.int(20)]; for (let j = 0; j < d; j++) out[i * d + j] = c[j] + rng.normal(); }
  return out;
}
const d = 16, n = 2000;
const base = clustered(n, d, 1);
const queries = clustered(50, d, 2);
const q = (i: number) => queries.subarray(i * d, (i + 1) * d);
const exact = new ExactIndex().build(base, d);
function recall(search: (v: Float32Array) => number[]): number {
  let hit = 0;
  for (let i = 0; i < 50; i++) { const truth = new Set(exact.search(q(i), 10).ids); hit += search(q(i)).filter((id) => truth.has(id)).length; }
  return hit / 500;
}

describe('exact k-NN', () => {
  it('equals a full sort of all distances (l2 and inner product)', () => {
    for (const metric of ['l2', 'ip'] as const) {
      const idx = new ExactIndex({ metric }).build(base, d);
      const dist = Array.from({ length: n }, (_, i) => { let s = 0; for (let j = 0; j < d; j++) s += metric === 'l2' ? (base[i * d + j] - q(0)[j]) ** 2 : -base[i * d + j] * q(0)[j]; return s; });
      const order = dist.map((_, i) => i).sort((a, b) => dist[a] - dist[b] || a - b);
      const r = idx.search(q(0), 7);
      expect(r.ids).toEqual(order.slice(0, 7));
      r.distances.forEach((v, i) => expect(v).toBeCloseTo(dist[order[i]], 3));
    }
  });
  it('errors', () => {
    expect(() => exact.search(q(0), n + 1)).toThrow(`expected k <= ${n} indexed vectors, got k = ${n + 1}`);
    expect(() => exact.search([1, 2], 1)).toThrow(/dimension 16, got 2/);
    expect(() => new ExactIndex().build([[1, 2], [3]])).toThrow(/row 1/);
    expect(() => new ExactIndex().build([[1, NaN]])).toThrow(/finite/);
    expect(() => new ExactIndex().search([1], 1)).toThrow(/build/);
  });
});

describe('IVF', () => {
  it('nprobe = nlist is exact; recall grows with nprobe', () => {
    const ivf = new IVFIndex({ nlist: 32, nprobe: 1, seed: 3 }).build(base, d);
    expect(ivf.lists.reduce((s, l) => s + l.length, 0)).toBe(n);
    expect(recall((v) => ivf.search(v, 10, 32).ids)).toBe(1);
    const r1 = recall((v) => ivf.search(v, 10, 1).ids), r4 = recall((v) => ivf.search(v, 10, 4).ids);
    expect(r4).toBeGreaterThanOrEqual(r1);
    expect(r4).toBeGreaterThan(0.8);
    expect(() => ivf.search(q(0), 10, 33)).toThrow(/nprobe <= nlist = 32, got nprobe = 33/);
    expect(() => new IVFIndex({ nlist: 4, nprobe: 5 })).toThrow(/nprobe <= nlist/);
  });
});

describe('HNSW', () => {
  it('recall@10 >= 0.95 with efSearch 64, fewer distance computations than a scan', () => {
    const h = new HNSWIndex({ M: 12, efConstruction: 80, seed: 5 }).build(base, d);
    expect(recall((v) => h.search(v, 10, 64).ids)).toBeGreaterThanOrEqual(0.95);
    h.search(q(0), 10, 64);
    expect(h.lastDistanceCount).toBeLessThan(n);
    // layer sizes shrink geometrically and no node exceeds its link budget
    const counts = h.linkCounts();
    expect(counts.length).toBeGreaterThan(1);
    for (const node of h.links) node.forEach((l, layer) => expect(l.length).toBeLessThanOrEqual(layer === 0 ? 24 : 12));
    // the graph's own distances agree with exact ones
    const r = h.search(q(1), 3, 64), e = exact.search(q(1), 3);
    expect(r.ids).toEqual(e.ids);
  });
  it('same seed, same graph; efSearch = 1 still returns k results', () => {
    const a = new HNSWIndex({ M: 8, seed: 9 }).build(base.subarray(0, 300 * d), d);
    const b = new HNSWIndex({ M: 8, seed: 9 }).build(base.subarray(0, 300 * d), d);
    expect(a.links).toEqual(b.links);
    expect(a.search(q(0), 5, 1).ids).toHaveLength(5);
    expect(() => new HNSWIndex({ M: 1 })).toThrow(/M >= 2, got M = 1/);
  });
});
