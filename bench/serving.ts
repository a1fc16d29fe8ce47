// Benchmark: latency percentiles (p50/p95/p99) and throughput of the lesson-10 prediction service under bounded local load.
// Run: npm run bench:serving   (same model, preprocessing, validation and load as notebooks/10-mlops.ipynb; server and
// client share one process, as in the notebook, so latencies include the client's own overhead)
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../lib/core/backend';
import { seed } from '../lib/core/random';
import { matrix } from '../lib/core/matrix';
import { loadPenguins } from '../lib/data/datasets';
import { take, takeRows, trainTestSplit } from '../lib/data/split';
import { StandardScaler } from '../lib/preprocessing/standard-scaler';
import { startPredictionServer } from '../lib/mlops/serve';
import { latencySummary, loadTest } from '../lib/mlops/load-test';
import { hashWeights } from '../lib/mlops/hash';

const REPEATS = 3;
const REQUESTS = 500;
const WARMUP = 100;

interface Scenario { name: string; concurrency: number; instancesPerRequest: number }
const SCENARIOS: Scenario[] = [
  { name: 'notebook load: 1 instance/request, concurrency 8', concurrency: 8, instancesPerRequest: 1 },
  { name: '1 instance/request, concurrency 1', concurrency: 1, instancesPerRequest: 1 },
  { name: '32 instances/request, concurrency 8', concurrency: 8, instancesPerRequest: 32 },
];

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function main(): Promise<void> {
  const backend = await initBackend({ quiet: true });
  // The lesson's model: penguins, stratified 75/25 split (seed 7), standardised on the training rows, 4-16-3 MLP, seed 7.
  const peng = loadPenguins();
  const d = peng.d;
  const split = trainTestSplit(peng.n, { testFraction: 0.25, stratify: peng.y, seed: 7 });
  const xTrainRaw = takeRows(peng.x, d, split.train), xTestRaw = takeRows(peng.x, d, split.test);
  const scaler = new StandardScaler().fit(matrix(split.train.length, d, xTrainRaw));
  const preprocess = (raw: ArrayLike<number>, n: number) => {
    const out = new Float32Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (raw[i * d + j] - scaler.mean[j]) / scaler.scale[j];
    return out;
  };
  seed(7);
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 16, activation: 'relu', inputShape: [d] }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  const xs = tf.tensor2d(preprocess(xTrainRaw, split.train.length), [split.train.length, d]);
  const ys = tf.oneHot(tf.tensor1d(Array.from(take(peng.y, split.train)), 'int32'), 3);
  await model.fit(xs, ys, { epochs: 60, batchSize: 32, shuffle: true, verbose: 0 });
  tf.dispose([xs, ys]);

  const server = await startPredictionServer({
    features: peng.featureNames,
    ranges: { 'Beak Length (mm)': [25, 70], 'Beak Depth (mm)': [10, 25], 'Flipper Length (mm)': [160, 240], 'Body Mass (g)': [2000, 7000] },
    modelVersion: 'penguin-species-mlp@1.0.0',
    predict: (rows, n) => {
      const p = tf.tidy(() => (model.predict(tf.tensor2d(preprocess(rows, n), [n, d])) as tf.Tensor).dataSync());
      return Array.from({ length: n }, (_, i) => {
        const row = Array.from(p.subarray(i * 3, i * 3 + 3));
        return { species: peng.classNames[row.indexOf(Math.max(...row))], probabilities: row.map((v) => Number(v.toFixed(4))) };
      });
    },
  });
  const nTest = split.test.length;
  const bodyFor = (k: number) => (i: number) =>
    JSON.stringify({ instances: Array.from({ length: k }, (_, r) => Array.from(xTestRaw.subarray(((i * k + r) % nTest) * d, (((i * k + r) % nTest) + 1) * d))) });

  console.log(`prediction service benchmark: backend ${backend.name}, node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg()[0].toFixed(2)}`);
  console.log(`model weights sha256 ${hashWeights(model).slice(0, 16)}; ${REQUESTS} requests per run after a 2000-request warm-up and ${WARMUP} more per scenario, ${REPEATS} runs per scenario\n`);
  const header = ['scenario', 'run', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'req/s', 'errors'];
  const rows: string[][] = [];
  const results: Record<string, { p50: number; p95: number; p99: number; max: number; throughput: number }> = {};
  try {
    // One long warm-up first: V8's JIT, the wasm kernels and the sockets settle before anything is measured.
    await loadTest({ url: `${server.url}/predict`, requests: 2000, concurrency: 8, body: bodyFor(1) });
    for (const sc of SCENARIOS) {
      await loadTest({ url: `${server.url}/predict`, requests: WARMUP, concurrency: sc.concurrency, body: bodyFor(sc.instancesPerRequest) });
      const runs: { p50: number; p95: number; p99: number; max: number; throughput: number }[] = [];
      for (let r = 0; r < REPEATS; r++) {
        const res = await loadTest({ url: `${server.url}/predict`, requests: REQUESTS, concurrency: sc.concurrency, body: bodyFor(sc.instancesPerRequest) });
        if (res.errors > 0 || res.statusCounts['200'] !== REQUESTS) throw new Error(`${sc.name}: unexpected statuses ${JSON.stringify(res.statusCounts)}`);
        const s = latencySummary(res.latenciesMs);
        runs.push({ ...s, throughput: res.throughput });
        rows.push([sc.name, String(r + 1), s.p50.toFixed(2), s.p95.toFixed(2), s.p99.toFixed(2), s.max.toFixed(2), res.throughput.toFixed(0), String(res.errors)]);
      }
      const m = { p50: median(runs.map((x) => x.p50)), p95: median(runs.map((x) => x.p95)), p99: median(runs.map((x) => x.p99)), max: median(runs.map((x) => x.max)), throughput: median(runs.map((x) => x.throughput)) };
      results[sc.name] = m;
      rows.push([sc.name, 'median', m.p50.toFixed(2), m.p95.toFixed(2), m.p99.toFixed(2), m.max.toFixed(2), m.throughput.toFixed(0), '0']);
    }
  } finally {
    await server.close();
  }
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((v, j) => (j === 0 ? v.padEnd(widths[j]) : v.padStart(widths[j]))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(`\n${JSON.stringify({ backend: backend.name, requests: REQUESTS, repeats: REPEATS, results })}`);
}

void main();
