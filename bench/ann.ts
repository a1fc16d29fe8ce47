// Benchmark: recall@10 against query time and memory of exact search, IVF (nprobe sweep) and HNSW (efSearch sweep)
// on 20,000 clustered 64-d unit vectors (seeded Gaussian mixture, 100 clusters, spread 1.5: overlapping clusters) and 200 held-out queries.
// Run: npm run bench:ann   (single-threaded JS; figures are wall times on whatever load the machine has)
import { ExactIndex } from '../lib/retrieval/exact-knn';
import { HNSWIndex } from '../lib/retrieval/hnsw';
import { IVFIndex } from '../lib/retrieval/ivf';
import { clusteredVectors } from '../lib/retrieval/synthetic-vectors';

const N = Number(process.env.ANN_N ?? 20000), D = 64, Q = 200, K = 10;
const spec = { n: N, d: D, clusters: 100, spread: 1.5, normalize: true, seed: 7 };
const base = clusteredVectors(spec);
const queries = clusteredVectors({ ...spec, n: Q }, 99);
const query = (i: number) => queries.subarray(i * D, (i + 1) * D);

type Index = { search(q: ArrayLike<number>, k: number): { ids: number[] }; lastDistanceCount: number };

function run(search: (q: Float32Array) => number[], index: Index, truth: Set<number>[]): { recall: number; ms: number; dists: number } {
  let hits = 0, dists = 0;
  for (let i = 0; i < 20; i++) search(query(i)); // warm-up (JIT)
  const t0 = process.hrtime.bigint();
  const results: number[][] = [];
  for (let i = 0; i < Q; i++) { results.push(search(query(i))); dists += index.lastDistanceCount; }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / Q;
  results.forEach((r, i) => { hits += r.filter((id) => truth[i].has(id)).length; });
  return { recall: hits / (Q * K), ms, dists: dists / Q };
}

function timed<T>(f: () => T): { value: T; s: number } {
  const t0 = process.hrtime.bigint();
  const value = f();
  return { value, s: Number(process.hrtime.bigint() - t0) / 1e9 };
}

const mb = (b: number) => (b / 2 ** 20).toFixed(2);
console.log(`ANN benchmark: ${N} base vectors, d = ${D}, ${Q} queries, recall@${K} against exact search (inner product on unit vectors)`);
const exact = new ExactIndex({ metric: 'ip' }).build(base, D);
const truth = Array.from({ length: Q }, (_, i) => new Set(exact.search(query(i), K).ids));
const ex = run((q) => exact.search(q, K).ids, exact, truth);
console.log('index   setting          build s  memory MB  recall@10  ms/query  speed-up  distances/query');
const line = (name: string, setting: string, build: number, mem: number, r: { recall: number; ms: number; dists: number }) =>
  console.log(`${name.padEnd(7)} ${setting.padEnd(16)} ${build.toFixed(2).padStart(7)}  ${mb(mem).padStart(9)}  ${r.recall.toFixed(3).padStart(9)}  ${r.ms.toFixed(3).padStart(8)}  ${(ex.ms / r.ms).toFixed(1).padStart(7)}x  ${r.dists.toFixed(0).padStart(15)}`);
line('exact', '-', 0, exact.memoryBytes(), ex);
const nlist = Math.round(Math.sqrt(N));
const ivf = timed(() => new IVFIndex({ nlist, nprobe: 1, metric: 'ip', seed: 1 }).build(base, D));
for (const nprobe of [1, 2, 4, 8, 16, 32]) line('IVF', `nlist ${nlist} np ${nprobe}`, ivf.s, ivf.value.memoryBytes(), run((q) => ivf.value.search(q, K, nprobe).ids, ivf.value, truth));
const hnsw = timed(() => new HNSWIndex({ M: 16, efConstruction: 100, metric: 'ip', seed: 1 }).build(base, D));
for (const ef of [10, 20, 40, 80, 160]) line('HNSW', `M 16 ef ${ef}`, hnsw.s, hnsw.value.memoryBytes(), run((q) => hnsw.value.search(q, K, ef).ids, hnsw.value, truth));
console.log(`HNSW layers (links per layer): ${hnsw.value.linkCounts().join(', ')}`);
