// The grading side of a learner's worker, the same in Node (worker thread) and the browser (Web Worker): one case per message, a time limit per case, the worker stopped on timeout.
import type { RunnerOutcome } from './grade';

/** Time allowed for the worker to start and run the learner's module body, before the first case. */
export const LOAD_TIME_LIMIT_SECONDS = 10;

/** What the worker running the learner's code posts back. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'load-error'; message: string }
  | { type: 'outcome'; index: number; outcome: RunnerOutcome }
  | { type: 'crash'; name: string; message: string };

/** What the grading side sends for each case. */
export interface ToWorker {
  index: number;
  args: unknown[];
}

/** How the grading side reaches a worker; the runtime calls the `WorkerEvents` it was given when the worker speaks or dies. */
export interface WorkerHandle {
  post(msg: ToWorker): void;
  terminate(): void;
}

export interface WorkerEvents {
  message(msg: FromWorker): void;
  /** The worker failed outside a case's call (an asynchronous exception, out of memory); `message` follows "your code ". */
  crashed(message: string): void;
  /** The worker stopped on its own. */
  exited(code: number | string): void;
}

/**
 * Starts a worker with `start` and runs every argument list through it, in order, each within `timeLimitSeconds`.
 * Loading gets at least LOAD_TIME_LIMIT_SECONDS (starting a worker on a loaded machine is not the learner's fault).
 * Resolves with one outcome per case (cases after a timeout or crash are "not run"), or a load error; never rejects.
 */
export function driveWorker(start: (events: WorkerEvents) => WorkerHandle, argsList: unknown[][], timeLimitSeconds: number): Promise<RunnerOutcome[] | { loadError: string }> {
  return new Promise((resolve) => {
    const outcomes: RunnerOutcome[] = [];
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let worker: WorkerHandle | null = null;
    const finish = (result: RunnerOutcome[] | { loadError: string }) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      worker?.terminate();
      resolve(result);
    };
    const fillRest = (outcome: RunnerOutcome, reason: string) => {
      outcomes.push(outcome);
      while (outcomes.length < argsList.length) outcomes.push({ status: 'not-run', reason });
      finish(outcomes);
    };
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
      worker?.post({ index: outcomes.length, args: argsList[outcomes.length] });
    };
    const crashed = (message: string) => {
      if (settled) return;
      fillRest({ status: 'crashed', message: `your code ${message}` }, 'not run: the worker crashed on an earlier case');
    };
    arm('load');
    worker = start({
      message(msg) {
        if (settled) return;
        if (msg.type === 'ready') sendNext();
        else if (msg.type === 'load-error') finish({ loadError: msg.message });
        else if (msg.type === 'crash') crashed(`crashed: ${msg.name}: ${msg.message} (thrown from asynchronous code: a timer or a promise)`);
        else { outcomes.push(msg.outcome); sendNext(); }
      },
      crashed,
      exited(code) {
        if (settled) return;
        fillRest({ status: 'crashed', message: `the worker running your code exited with code ${code}` }, 'not run: the worker exited');
      },
    });
    // A worker that failed synchronously in `start` has already settled the promise.
    if (settled) worker.terminate();
  });
}
