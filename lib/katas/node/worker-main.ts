// The body of the grading worker thread: loads the learner's transpiled code and runs one case per message.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { callLearner, ExitCalled, toTransferable, type CallOutcome } from '../grader/run-case';

interface WorkerInput {
  js: string;
  functionName: string;
  filename: string;
}

const port = parentPort;
if (!port) throw new Error('worker-main must run in a worker thread');
const { js, functionName, filename } = workerData as WorkerInput;

const exitWorker = process.exit.bind(process);
// process.exit inside a worker would only stop the worker; throwing instead ends just the call with a clear message.
process.exit = ((code?: number) => {
  throw new ExitCalled(typeof code === 'number' ? code : 0);
}) as typeof process.exit;
// An exception from the learner's asynchronous code (a timer, a promise) would reach Node's fatal-exception path, which
// ends the thread through process.exit: patched, that throws inside the fatal path and can take the host process down
// with it. Report the crash and end the worker with the real exit instead.
const crash = (err: unknown) => {
  const name = err instanceof Error ? err.name : typeof err;
  const message = err instanceof Error ? err.message : String(err);
  port.postMessage({ type: 'crash', name, message });
  exitWorker(1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

let fn: ((...args: unknown[]) => unknown) | null = null;
try {
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  // The learner's code is CommonJS produced by esbuild (or a function's own source); run it as a module body.
  const body = new Function('module', 'exports', 'require', '__filename', js) as (m: unknown, e: unknown, r: unknown, f: string) => void;
  body(mod, mod.exports, createRequire(filename), filename);
  const found = mod.exports[functionName];
  if (typeof found !== 'function') {
    const names = Object.keys(mod.exports);
    port.postMessage({
      type: 'load-error',
      message: `${filename} does not export a function named ${functionName}` +
        (names.length ? ` (it exports: ${names.join(', ')})` : ' (it exports nothing: write `export function ' + functionName + '(...)`)'),
    });
  } else {
    fn = found as (...args: unknown[]) => unknown;
    port.postMessage({ type: 'ready' });
  }
} catch (err) {
  const message = err instanceof ExitCalled ? `your code called process.exit(${err.code}) while loading`
    : `loading your code threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  port.postMessage({ type: 'load-error', message });
}

port.on('message', (msg: { index: number; args: unknown[] }) => {
  if (!fn) return;
  const outcome: CallOutcome = callLearner(fn, msg.args);
  if (outcome.status === 'returned') {
    const safe = { ...outcome, value: toTransferable(outcome.value), argsAfter: toTransferable(outcome.argsAfter) as unknown[] };
    port.postMessage({ type: 'outcome', index: msg.index, outcome: safe });
  } else {
    port.postMessage({ type: 'outcome', index: msg.index, outcome });
  }
});
