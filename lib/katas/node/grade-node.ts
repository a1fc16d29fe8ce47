// Grading in Node: a learner's file, TypeScript source or live function, run in a worker thread with a time limit.
import { gradeWith, type GradeReport } from '../grader/grade';
import path from 'node:path';
import { getKata } from '../index';
import type { Kata } from '../types';
import { inProcessRunner } from './in-process-runner';
import { loadFile, moduleFromFunction, transpileSource } from './load-source';
import { workerRunner, type LearnerModule } from './worker-runner';

export interface NodeGradeOptions {
  /** Per-case time limit (default: the kata's, else 3 s). */
  timeLimitSeconds?: number;
}

function asKata(kata: Kata | string): Kata {
  return typeof kata === 'string' ? getKata(kata) : kata;
}

async function gradeModule(kata: Kata, mod: LearnerModule | { loadError: string }, options: NodeGradeOptions): Promise<GradeReport> {
  if ('loadError' in mod) {
    return gradeWith(kata, async () => ({ loadError: mod.loadError }), options);
  }
  return gradeWith(kata, workerRunner(mod), options);
}

/** Grades TypeScript source that exports the kata's function. */
export function gradeSource(kata: Kata | string, source: string, options: NodeGradeOptions & { filename?: string } = {}): Promise<GradeReport> {
  const k = asKata(kata);
  return gradeModule(k, transpileSource(source, path.resolve(options.filename ?? `${k.id}.ts`), k.functionName), options);
}

/** Grades a learner's .ts file (default export name: the kata's functionName). */
export function gradeFile(kata: Kata | string, file: string, options: NodeGradeOptions = {}): Promise<GradeReport> {
  const k = asKata(kata);
  return gradeModule(k, loadFile(file, k.functionName), options);
}

/** Grades a live function (from a notebook cell) plus the helper functions it calls. */
export function gradeFunction(kata: Kata | string, fn: (...args: never[]) => unknown, options: NodeGradeOptions & { helpers?: Array<(...args: never[]) => unknown> } = {}): Promise<GradeReport> {
  const k = asKata(kata);
  if (typeof fn !== 'function') {
    return gradeWith(k, async () => ({ loadError: `grade('${k.id}', ...) expects your function ${k.functionName}, got ${fn === null ? 'null' : typeof fn}` }), options);
  }
  return gradeModule(k, moduleFromFunction(fn, k.functionName, options.helpers), options);
}

/** Grades trusted source in this process (mutants and solutions in tests): same verdicts, no worker, no time limit. */
export function gradeTrustedSource(kata: Kata | string, source: string): Promise<GradeReport> {
  const k = asKata(kata);
  const mod = transpileSource(source, path.resolve(`${k.id}.ts`), k.functionName);
  if ('loadError' in mod) return gradeWith(k, async () => ({ loadError: mod.loadError }));
  return gradeWith(k, inProcessRunner(mod));
}
