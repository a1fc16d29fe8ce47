// The Web Worker that runs a learner's kata code in the browser: the browser twin of lib/katas/node/worker-main.ts, one case per message.
import type { FromWorker, ToWorker } from '../lib/katas/grader/drive-worker';
import { callLearner, ExitCalled, toTransferable, type CallOutcome } from '../lib/katas/grader/run-case';

/*
 * This file is bundled to a script that the page puts in front of the learner's transpiled module in one Blob, ending
 * with `mlinKataLoad(function (module, exports, require) { <learner code> })`. So the page needs no eval: the CSP allows
 * workers from blob: URLs and nothing else, and the learner's code never runs in the page.
 */

interface WorkerScope {
  postMessage(msg: FromWorker): void;
  addEventListener(type: 'message', fn: (e: { data: ToWorker }) => void): void;
  addEventListener(type: 'error', fn: (e: { error?: unknown; message?: string; preventDefault(): void }) => void): void;
  addEventListener(type: 'unhandledrejection', fn: (e: { reason: unknown; preventDefault(): void }) => void): void;
  close(): void;
  mlinKataLoad?: (body: (module: unknown, exports: unknown, require: unknown) => void) => void;
  mlinKataConfig?: { functionName: string; filename: string };
  process?: unknown;
}

const scope = globalThis as unknown as WorkerScope;
let fn: ((...args: unknown[]) => unknown) | null = null;

// As in Node's worker: process.exit throws, so the call ends with a clear message (the same one Node gives).
scope.process = { exit: (code?: number) => { throw new ExitCalled(typeof code === 'number' ? code : 0); } };

// An exception from the learner's asynchronous code (a timer, a promise): report it and stop, as Node's worker does.
const crash = (err: unknown) => {
  const name = err instanceof Error ? err.name : typeof err;
  const message = err instanceof Error ? err.message : String(err);
  scope.postMessage({ type: 'crash', name, message });
  scope.close();
};
scope.addEventListener('error', (e) => { e.preventDefault(); crash(e.error ?? new Error(e.message ?? 'unknown error')); });
scope.addEventListener('unhandledrejection', (e) => { e.preventDefault(); crash(e.reason); });

scope.mlinKataLoad = (body) => {
  const { functionName, filename } = scope.mlinKataConfig ?? { functionName: '', filename: '' };
  try {
    const mod: { exports: Record<string, unknown> } = { exports: {} };
    const require = (name: string) => { throw new Error(`require('${name}') is not available in the browser: write the kata without imports`); };
    body(mod, mod.exports, require);
    const found = mod.exports[functionName];
    if (typeof found !== 'function') {
      const names = Object.keys(mod.exports).filter((n) => n !== '__esModule');
      scope.postMessage({
        type: 'load-error',
        message: `${filename} does not export a function named ${functionName}` +
          (names.length ? ` (it exports: ${names.join(', ')})` : ' (it exports nothing: write `export function ' + functionName + '(...)`)'),
      });
    } else {
      fn = found as (...args: unknown[]) => unknown;
      scope.postMessage({ type: 'ready' });
    }
  } catch (err) {
    const message = err instanceof ExitCalled ? `your code called process.exit(${err.code}) while loading`
      : `loading your code threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
    scope.postMessage({ type: 'load-error', message });
  }
};

scope.addEventListener('message', (e) => {
  if (!fn) return;
  const msg = e.data;
  const outcome: CallOutcome = callLearner(fn, msg.args);
  if (outcome.status === 'returned') {
    const safe = { ...outcome, value: toTransferable(outcome.value), argsAfter: toTransferable(outcome.argsAfter) as unknown[] };
    scope.postMessage({ type: 'outcome', index: msg.index, outcome: safe });
  } else {
    scope.postMessage({ type: 'outcome', index: msg.index, outcome });
  }
});
