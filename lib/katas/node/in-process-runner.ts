// Runs trusted code (mutants, solutions) on the cases in this process: fast, but with no time limit or sandbox.
import { createRequire } from 'node:module';
import type { CaseRunner } from '../grader/grade';
import { callLearner, toTransferable } from '../grader/run-case';
import type { LearnerModule } from './worker-runner';

/** For tests and benchmarks of code known to terminate; learners' code always goes through workerRunner. */
export function inProcessRunner(mod: LearnerModule): CaseRunner {
  return async (argsList) => {
    const m: { exports: Record<string, unknown> } = { exports: {} };
    try {
      new Function('module', 'exports', 'require', '__filename', mod.js)(m, m.exports, createRequire(mod.filename), mod.filename);
    } catch (err) {
      return { loadError: `loading the code threw ${(err as Error).message}` };
    }
    const fn = m.exports[mod.functionName];
    if (typeof fn !== 'function') return { loadError: `no exported function ${mod.functionName}` };
    return argsList.map((args) => {
      const o = callLearner(fn as (...a: unknown[]) => unknown, args);
      // The same value conversion as the worker's postMessage, so verdicts agree.
      return o.status === 'returned' ? { ...o, value: structuredClone(toTransferable(o.value)), argsAfter: structuredClone(toTransferable(o.argsAfter)) as unknown[] } : o;
    });
  };
}
