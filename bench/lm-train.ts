// Benchmark: training speed of lesson 14's tiny GPT (tokens/s, GFLOP/s by 6ND, CPU s of the lesson run) and the matmul formulation behind it.
// Run: npm run bench:lm-train [-- --steps N] [-- --lesson [--train-steps N]]   (the backend lib/core/backend picks; wasm here)
//   default: times N steps (after 2 warm-up steps) and projects the lesson run; --lesson: runs the lesson's whole
//   training run (trainMobyGpt) and scores the held-out chapters, as lesson 14 does; --train-steps runs the same
//   recipe for N steps instead (e.g. 2000: how far more compute gets the same model).
import { parseArgs } from 'node:util';
import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../lib/core/backend';
import { Gpt } from '../lib/lm/gpt';
import { evaluateGpt, trainGpt } from '../lib/lm/gpt-train';
import { MOBY_GPT_CONFIG, MOBY_GPT_TRAINING, mobyTokens, trainMobyGpt } from '../lib/lm/moby-gpt';
import { trainingFlops } from '../lib/lm/scaling';

/** CPU milliseconds per call of f (median of `runs`), after 3 warm-up calls. */
function cpuMs(f: () => tf.Tensor, runs = 15): number {
  for (let i = 0; i < 3; i++) tf.tidy(f).dataSync();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    tf.tidy(f).dataSync();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** The products of one training step with a transposed operand, asked of tf.matMul directly or transposed first. */
function matmulFormulations(): void {
  const T = MOBY_GPT_TRAINING.batchSize * MOBY_GPT_CONFIG.contextLength, D = MOBY_GPT_CONFIG.dModel, V = MOBY_GPT_CONFIG.vocabSize;
  const h = tf.randomNormal([T, D], 0, 1, 'float32', 1), e = tf.randomNormal([V, D], 0, 1, 'float32', 2), g = tf.randomNormal([T, V], 0, 1, 'float32', 3);
  const flops = 2 * T * D * V;
  const rows: [string, () => tf.Tensor, () => tf.Tensor][] = [
    [`tied head h E^T  [${T},${D}]x[${V},${D}]^T`, () => tf.matMul(h, e, false, true), () => tf.matMul(h, e.transpose())],
    [`its weight grad h^T g  [${T},${D}]^T x [${T},${V}]`, () => tf.matMul(h, g, true, false), () => tf.matMul(h.transpose(), g)],
  ];
  console.log('products with a transposed operand (CPU ms, median of 15):');
  for (const [name, flag, explicit] of rows) {
    const a = cpuMs(flag), b = cpuMs(explicit);
    console.log(`  ${name.padEnd(44)} transpose flag ${a.toFixed(2)} ms (${(flops / a / 1e6).toFixed(1)} GFLOP/s); transposed first ${b.toFixed(2)} ms (${(flops / b / 1e6).toFixed(1)} GFLOP/s): ${(a / b).toFixed(1)}x`);
  }
  tf.dispose([h, e, g]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { steps: { type: 'string', default: '20' }, lesson: { type: 'boolean', default: false }, 'train-steps': { type: 'string' } } });
  const steps = Number(values.steps);
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`expected --steps >= 2, got ${values.steps}`);
  const backend = await initBackend({ quiet: true });
  const t0 = performance.now(), c0 = process.cpuUsage();
  const { train, test } = mobyTokens();
  const c1 = process.cpuUsage(c0);
  console.log(`backend ${backend.name}; BPE-512 trained and ${train.length} training tokens encoded in ${((c1.user + c1.system) / 1e6).toFixed(1)} CPU s, ${((performance.now() - t0) / 1000).toFixed(1)} s wall`);
  if (backend.name === 'wasm') matmulFormulations();
  const tokensPerStep = MOBY_GPT_TRAINING.batchSize * MOBY_GPT_CONFIG.contextLength;
  const report = (label: string, n: number, cpuMsTotal: number, wallMsTotal: number, params: number) => {
    const cpuPerStep = cpuMsTotal / n, flops = trainingFlops(params, tokensPerStep);
    console.log(`${label}: ${params} parameters, ${tokensPerStep} tokens per step, ${n} steps:`);
    console.log(`  ${cpuPerStep.toFixed(0)} ms CPU and ${(wallMsTotal / n).toFixed(0)} ms wall per step; ${(tokensPerStep / (cpuPerStep / 1000)).toFixed(0)} tokens per CPU second; 6ND = ${(flops / (cpuPerStep / 1000) / 1e9).toFixed(2)} GFLOP/s per CPU second`);
  };
  if (values.lesson) {
    const trainSteps = values['train-steps'] === undefined ? MOBY_GPT_TRAINING.steps : Number(values['train-steps']);
    if (!Number.isInteger(trainSteps) || trainSteps < 1) throw new RangeError(`expected --train-steps >= 1, got ${values['train-steps']}`);
    const { model, run } = trainMobyGpt({ steps: trainSteps }, train);
    report(`lesson recipe, ${trainSteps} steps${trainSteps === MOBY_GPT_TRAINING.steps ? ' (the lesson run)' : ''}`, trainSteps, run.cpuMilliseconds, run.milliseconds, model.countParams());
    console.log(`  ${(run.cpuMilliseconds / 1000).toFixed(1)} CPU s, ${(run.milliseconds / 1000).toFixed(1)} s wall (budget: 90 CPU s); ${(run.tokensSeen / train.length).toFixed(2)} epochs; final batch loss ${run.losses.at(-1)!.toFixed(3)} nats`);
    const e0 = process.cpuUsage();
    const ev = evaluateGpt(model, test);
    const e = process.cpuUsage(e0);
    console.log(`  held-out perplexity ${Math.exp(ev.nll).toFixed(2)} over ${ev.count} tokens (scored in ${((e.user + e.system) / 1e6).toFixed(1)} CPU s)`);
    model.dispose();
  } else {
    const model = new Gpt({ ...MOBY_GPT_CONFIG });
    trainGpt(model, train, { ...MOBY_GPT_TRAINING, steps: 2 }); // warm-up: kernels compiled, buffers allocated
    const run = trainGpt(model, train, { ...MOBY_GPT_TRAINING, steps });
    report('timed steps', steps, run.cpuMilliseconds, run.milliseconds, model.countParams());
    console.log(`  lesson run (${MOBY_GPT_TRAINING.steps} steps) projected: ${(run.cpuMilliseconds / steps * MOBY_GPT_TRAINING.steps / 1000).toFixed(0)} CPU s, ${(run.milliseconds / steps * MOBY_GPT_TRAINING.steps / 1000).toFixed(0)} s wall (budget: 90 CPU s)`);
    model.dispose();
  }
  console.log(`load average now: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
