// Benchmark: wall time of one self-attention head softmax(Q K^T / sqrt(d)) V against sequence length n, showing the O(n^2 d) cost.
// Run: npm run bench:attention   (tfjs on the backend lib/core/backend picks, and the lib's float64 JS version for small n)
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../lib/core/backend';
import { scaledDotProductAttention } from '../lib/attention/scaled-dot-product';
import { matrix } from '../lib/core/matrix';
import { Rng } from '../lib/core/random';

const D = 64;
const TF_LENGTHS = [128, 256, 512, 1024, 2048, 4096];
const LIB_LENGTHS = [64, 128, 256, 512];

/** Median wall time in ms of fn over repeated runs (at least `min` runs, up to ~1.5 s). */
function medianMs(fn: () => void, min = 3): { ms: number; runs: number } {
  fn(); // warm-up
  const times: number[] = [];
  const deadline = Date.now() + 1500;
  while (times.length < min || (Date.now() < deadline && times.length < 50)) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], runs: times.length };
}

/** Least-squares slope of log(time) against log(n): about 2 for a quadratic cost. */
function logLogSlope(ns: number[], ms: number[]): number {
  const x = ns.map(Math.log), y = ms.map(Math.log);
  const mx = x.reduce((s, v) => s + v, 0) / x.length, my = y.reduce((s, v) => s + v, 0) / y.length;
  let num = 0, den = 0;
  for (let i = 0; i < x.length; i++) { num += (x[i] - mx) * (y[i] - my); den += (x[i] - mx) ** 2; }
  return num / den;
}

async function main(): Promise<void> {
  const choice = await initBackend({ quiet: true });
  console.log(`One attention head, d = ${D}, float32 tfjs on ${choice.name}: softmax(Q K^T / sqrt(d)) V, median wall time`);
  console.log('      n   score entries  score MB   FLOPs (4 n^2 d)     ms   GFLOP/s  ms / previous');
  const tfMs: number[] = [];
  for (const n of TF_LENGTHS) {
    const q = tf.randomNormal([n, D], 0, 1, 'float32', 1), k = tf.randomNormal([n, D], 0, 1, 'float32', 2), v = tf.randomNormal([n, D], 0, 1, 'float32', 3);
    const { ms } = medianMs(() => {
      const out = tf.tidy(() => tf.softmax(tf.matMul(q, k, false, true).div(Math.sqrt(D))).matMul(v));
      out.dataSync();
      out.dispose();
    });
    tf.dispose([q, k, v]);
    const flops = 4 * n * n * D;
    const prev = tfMs.length ? ms / tfMs[tfMs.length - 1] : NaN;
    tfMs.push(ms);
    console.log(`${String(n).padStart(7)}  ${String(n * n).padStart(14)}  ${((4 * n * n) / 2 ** 20).toFixed(1).padStart(8)}  ${flops.toExponential(2).padStart(16)}  ${ms.toFixed(2).padStart(7)}  ${(flops / ms / 1e6).toFixed(1).padStart(8)}  ${Number.isNaN(prev) ? '' : prev.toFixed(2).padStart(13)}`);
  }
  console.log(`log-log slope of time vs n (tfjs, n >= ${TF_LENGTHS[2]}): ${logLogSlope(TF_LENGTHS.slice(2), tfMs.slice(2)).toFixed(2)} (2 = quadratic)`);

  const rng = new Rng(1);
  const rand = (n: number) => matrix(n, D, Float64Array.from({ length: n * D }, () => rng.normal()));
  const libMs: number[] = [];
  console.log(`\nThe lib's float64 JS scaledDotProductAttention (same shapes), median wall time`);
  console.log('      n       ms  ms / previous');
  for (const n of LIB_LENGTHS) {
    const q = rand(n), k = rand(n), v = rand(n);
    const { ms } = medianMs(() => { scaledDotProductAttention(q, k, v); });
    const prev = libMs.length ? ms / libMs[libMs.length - 1] : NaN;
    libMs.push(ms);
    console.log(`${String(n).padStart(7)}  ${ms.toFixed(2).padStart(7)}  ${Number.isNaN(prev) ? '' : prev.toFixed(2).padStart(13)}`);
  }
  console.log(`log-log slope (lib): ${logLogSlope(LIB_LENGTHS, libMs).toFixed(2)}`);
}

void main();
