// Runs the learner's code in a worker thread with a per-case time limit; the thread is terminated on timeout.
import { buildSync } from 'esbuild';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { driveWorker, type FromWorker } from '../grader/drive-worker';
import type { CaseRunner } from '../grader/grade';

export { LOAD_TIME_LIMIT_SECONDS } from '../grader/drive-worker';

let workerSource: string | null = null;

/** worker-main.ts bundled to one CommonJS script (cached): works under tsx, vitest and the tslab kernel alike. */
function workerScript(): string {
  if (workerSource === null) {
    const result = buildSync({
      entryPoints: [path.join(__dirname, 'worker-main.ts')],
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent',
    });
    workerSource = result.outputFiles[0].text;
  }
  return workerSource;
}

/** The learner's code as a CommonJS module body that exports `functionName`. */
export interface LearnerModule {
  js: string;
  functionName: string;
  /** Shown in messages and used to resolve `require` calls. */
  filename: string;
}

/**
 * A CaseRunner over one worker thread (the protocol and time limits are grader/drive-worker.ts, shared with the
 * browser). Memory is capped so a runaway allocation ends only the worker.
 */
export function workerRunner(mod: LearnerModule, options: { maxMemoryMb?: number } = {}): CaseRunner {
  return (argsList, timeLimitSeconds) => driveWorker((events) => {
    const worker = new Worker(workerScript(), {
      eval: true,
      workerData: mod,
      resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 512 },
      stdout: false,
      stderr: false,
    });
    worker.on('message', (msg: FromWorker) => events.message(msg));
    worker.on('error', (err: Error & { code?: string }) => {
      events.crashed(err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? 'ran out of memory (an array that grows without end?)'
        : `crashed: ${err.name}: ${err.message} (thrown from asynchronous code?)`);
    });
    worker.on('exit', (code) => events.exited(code));
    return { post: (msg) => worker.postMessage(msg), terminate: () => { void worker.terminate(); } };
  }, argsList, timeLimitSeconds);
}
