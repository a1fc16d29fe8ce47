// Benchmark: GFLOP/s of a 512x512 float32 matmul on the backend lib/core/backend picks and on pure-JS cpu.
// Run: npm run bench:matmul   (each backend is measured in its own child process, since tfjs picks one per process)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../lib/core/backend';

const N = 512;
const FLOPS = 2 * N * N * N;

async function measure(): Promise<void> {
  const choice = await initBackend({ quiet: true });
  const a = tf.randomNormal([N, N], 0, 1, 'float32', 1);
  const b = tf.randomNormal([N, N], 0, 1, 'float32', 2);
  for (let i = 0; i < 3; i++) tf.matMul(a, b).dataSync(); // warm-up (wasm compiles kernels on first use)
  const times: number[] = [];
  const deadline = Date.now() + 3000;
  while (times.length < 5 || (Date.now() < deadline && times.length < 200)) {
    const t0 = process.hrtime.bigint();
    const c = tf.matMul(a, b);
    c.dataSync();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    c.dispose();
  }
  times.sort((x, y) => x - y);
  const median = times[Math.floor(times.length / 2)];
  console.log(JSON.stringify({ backend: choice.name, runs: times.length, medianMs: median * 1000, gflops: FLOPS / median / 1e9 }));
}

function runChild(env: Record<string, string>): { backend: string; runs: number; medianMs: number; gflops: number } {
  const r = spawnSync(process.execPath, [path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), __filename, '--child'], {
    env: { ...process.env, ...env }, encoding: 'utf8',
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`benchmark child failed:\n${r.stderr}`);
  return JSON.parse(line) as { backend: string; runs: number; medianMs: number; gflops: number };
}

if (process.argv.includes('--child')) {
  void measure();
} else {
  const picked = runChild({ ML_BACKEND: '' });
  const cpu = runChild({ ML_BACKEND: 'cpu' });
  console.log(`512x512 float32 matmul (median of repeated runs, ${(FLOPS / 1e6).toFixed(0)} MFLOP each)`);
  console.log(`  lib's choice (${picked.backend}): ${picked.gflops.toFixed(1)} GFLOP/s  (${picked.medianMs.toFixed(2)} ms, ${picked.runs} runs)`);
  console.log(`  pure-JS cpu:      ${cpu.gflops.toFixed(2)} GFLOP/s  (${cpu.medianMs.toFixed(1)} ms, ${cpu.runs} runs)`);
  console.log(`  speed-up: ${(picked.gflops / cpu.gflops).toFixed(1)}x`);
}
