// Benchmark: wall time of generating n tokens with the tiny GPT with and without the KV cache, against n (the cache's speed-up grows with the length).
// Run: npm run bench:kv-cache   (tfjs on the backend lib/core/backend picks; an untrained model: the time does not depend on the weights)
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../lib/core/backend';
import { Gpt } from '../lib/lm/gpt';
import { generationFlops } from '../lib/lm/kv-cache';

const LENGTHS = [16, 32, 64, 128, 256];
const SHAPE = { vocabSize: 83, contextLength: 256, dModel: 32, heads: 4, layers: 2 };

/** Best of `repeats` wall times in ms (the minimum is the least disturbed by other processes on a shared machine). */
function bestMs(fn: () => void, repeats: number): number {
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

async function main(): Promise<void> {
  const choice = await initBackend({ quiet: true });
  const model = new Gpt({ ...SHAPE, seed: 1 });
  const flopShape = { layers: SHAPE.layers, dModel: SHAPE.dModel, ffDim: 4 * SHAPE.dModel, vocabSize: SHAPE.vocabSize };
  console.log(`Tiny GPT (${SHAPE.layers} blocks, d = ${SHAPE.dModel}, ${SHAPE.heads} heads, vocabulary ${SHAPE.vocabSize}), greedy generation from a 1-token prompt, float32 tfjs on ${choice.name}`);
  console.log(`load average at start: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
  model.generate([0], { maxNewTokens: 8, useCache: true }); // warm-up: kernels, wasm
  model.generate([0], { maxNewTokens: 8, useCache: false });
  console.log('  tokens   no cache ms   cache ms   speed-up   FLOP ratio   ms/token no cache   ms/token cache');
  for (const n of LENGTHS) {
    const repeats = n <= 64 ? 3 : 1;
    let a: number[] = [], b: number[] = [];
    const without = bestMs(() => { a = model.generate([0], { maxNewTokens: n, useCache: false }); }, repeats);
    const withCache = bestMs(() => { b = model.generate([0], { maxNewTokens: n, useCache: true }); }, repeats);
    if (a.join() !== b.join()) throw new Error(`cached and uncached greedy generations differ at n = ${n}`);
    const flopRatio = generationFlops(flopShape, 1, n, false) / generationFlops(flopShape, 1, n, true);
    console.log(`${String(n).padStart(8)} ${without.toFixed(0).padStart(13)} ${withCache.toFixed(0).padStart(10)} ${(without / withCache).toFixed(2).padStart(10)} ${flopRatio.toFixed(1).padStart(12)} ${(without / n).toFixed(2).padStart(19)} ${(withCache / n).toFixed(2).padStart(16)}`);
  }
  console.log(`tensors still allocated: ${tf.memory().numTensors - model.variables.length} (expected 0)`);
  model.dispose();
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
