// Runs the learner's code in a worker thread with a per-case time limit; the thread is terminated on timeout.
import { buildSync } from 'esbuild';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CaseRunner, RunnerOutcome } from '../grader/grade';

let workerSource: string | null = null;

/** Time allowed for the worker to start and run the learner's module body, before the first case. */
export const LOAD_TIME_LIMIT_SECONDS = 10;

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

type FromWorker =
  | { type: 'ready' }
  | { type: 'load-error'; message: string }
  | { type: 'outcome'; index: number; outcome: RunnerOutcome }
  | { type: 'crash'; name: string; message: string };

/** A CaseRunner over one worker thread. Memory is capped so a runaway allocation ends only the worker. */
export function workerRunner(mod: LearnerModule, options: { maxMemoryMb?: number } = {}): CaseRunner {
  return (argsList, timeLimitSeconds) => new Promise((resolve) => {
    const outcomes: RunnerOutcome[] = [];
    let settled = false;
    let timer: NodeJS.Timeout | null = null;
    const worker = new Worker(workerScript(), {
      eval: true,
      workerData: mod,
      resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 512 },
      stdout: false,
      stderr: false,
    });
    const finish = (result: RunnerOutcome[] | { loadError: string }) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const fillRest = (outcome: RunnerOutcome, reason: string) => {
      outcomes.push(outcome);
      while (outcomes.length < argsList.length) outcomes.push({ status: 'not-run', reason });
      finish(outcomes);
    };
    // Starting a worker can take seconds on a loaded machine, which is not the learner's fault: loading gets more time.
    const loadSeconds = Math.max(timeLimitSeconds, LOAD_TIME_LIMIT_SECONDS);
    const arm = (what: 'load' | 'case') => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        if (what === 'load') finish({ loadError: `loading your code timed out after ${loadSeconds} s (an infinite loop at the top level?)` });
        else fillRest({ status: 'timeout', seconds: timeLimitSeconds }, `not run: case ${outcomes.length + 1} timed out and the worker was stopped`);
      }, (what === 'load' ? loadSeconds : timeLimitSeconds) * 1000);
    };
    const sendNext = () => {
      if (outcomes.length >= argsList.length) { finish(outcomes); return; }
      arm('case');
      worker.postMessage({ index: outcomes.length, args: argsList[outcomes.length] });
    };
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'ready') sendNext();
      else if (msg.type === 'load-error') finish({ loadError: msg.message });
      else if (msg.type === 'crash') crashed(`crashed: ${msg.name}: ${msg.message} (thrown from asynchronous code: a timer or a promise)`);
      else { outcomes.push(msg.outcome); sendNext(); }
    });
    const crashed = (message: string) => {
      if (settled) return;
      if (outcomes.length === 0 && !timer) finish({ loadError: `your code ${message}` });
      else fillRest({ status: 'crashed', message: `your code ${message}` }, 'not run: the worker crashed on an earlier case');
    };
    worker.on('error', (err: Error & { code?: string }) => {
      crashed(err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? 'ran out of memory (an array that grows without end?)'
        : `crashed: ${err.name}: ${err.message} (thrown from asynchronous code?)`);
    });
    worker.on('exit', (code) => {
      if (settled) return;
      fillRest({ status: 'crashed', message: `the worker running your code exited with code ${code}` }, 'not run: the worker exited');
    });
    arm('load');
  });
}
