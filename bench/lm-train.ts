// Benchmark: CPU and wall time of training lesson 14's tiny GPT (BPE-512, d = 64, 2 blocks, T = 64) per step, and the full run projected.
// Run: npm run bench:lm-train [-- --steps N]   (the backend lib/core/backend picks; wasm here)
import { parseArgs } from 'node:util';
import { initBackend } from '../lib/core/backend';
import { Gpt } from '../lib/lm/gpt';
import { trainGpt } from '../lib/lm/gpt-train';
import { MOBY_GPT_CONFIG, MOBY_GPT_TRAINING, mobyTokens } from '../lib/lm/moby-gpt';
import { trainingFlops } from '../lib/lm/scaling';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { steps: { type: 'string', default: '20' } } });
  const steps = Number(values.steps);
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`expected --steps >= 2, got ${values.steps}`);
  const backend = await initBackend({ quiet: true });
  const t0 = performance.now(), c0 = process.cpuUsage();
  const { train } = mobyTokens();
  const c1 = process.cpuUsage(c0);
  console.log(`backend ${backend.name}; BPE-512 trained and ${train.length} training tokens encoded in ${((c1.user + c1.system) / 1e6).toFixed(1)} CPU s, ${((performance.now() - t0) / 1000).toFixed(1)} s wall`);
  const model = new Gpt({ ...MOBY_GPT_CONFIG });
  trainGpt(model, train, { ...MOBY_GPT_TRAINING, steps: 2 }); // warm-up: kernels compiled, buffers allocated
  const run = trainGpt(model, train, { ...MOBY_GPT_TRAINING, steps });
  const cpuPerStep = run.cpuMilliseconds / steps, wallPerStep = run.milliseconds / steps;
  const tokensPerStep = MOBY_GPT_TRAINING.batchSize * MOBY_GPT_CONFIG.contextLength;
  const flopsPerStep = trainingFlops(model.countParams(), tokensPerStep);
  console.log(`${model.countParams()} parameters, ${tokensPerStep} tokens per step, ${steps} timed steps:`);
  console.log(`  ${cpuPerStep.toFixed(0)} ms CPU and ${wallPerStep.toFixed(0)} ms wall per step; ${(tokensPerStep / (cpuPerStep / 1000)).toFixed(0)} tokens per CPU second; 6ND = ${(flopsPerStep / (cpuPerStep / 1000) / 1e9).toFixed(2)} GFLOP/s per CPU second`);
  console.log(`  lesson run (${MOBY_GPT_TRAINING.steps} steps) projected: ${(cpuPerStep * MOBY_GPT_TRAINING.steps / 1000).toFixed(0)} CPU s, ${(wallPerStep * MOBY_GPT_TRAINING.steps / 1000).toFixed(0)} s wall (budget: 90 CPU s)`);
  console.log(`  load average now: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
  model.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
