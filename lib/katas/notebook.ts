// The notebooks' grading cell: `await grade('kmeans', kmeans)` prints the report and never fails the notebook.
import { formatReport } from './grader/report';
import type { GradeReport } from './grader/grade';
import { gradeFunction } from './node/grade-node';

export interface NotebookGradeOptions {
  /** Functions your solution calls that live in other cells (the grader runs your function in a worker). */
  helpers?: Array<(...args: never[]) => unknown>;
  /** Per-case time limit in seconds (default: the kata's, 3 s). */
  timeLimitSeconds?: number;
  /** For the solutions build only: throw unless every case passes, so CI notices a broken reference solution. */
  expect?: 'pass';
}

/**
 * Grades `fn` against kata `id` in a worker (so an infinite loop ends with "timed out after N s") and prints the
 * report as a table. Your mistakes never throw here; an unknown id or a non-function is reported, not thrown.
 * Returns nothing, so the cell does not echo the report object (tslab prints a cell's last value).
 */
export async function grade(id: string, fn: unknown, options: NotebookGradeOptions = {}): Promise<void> {
  const report = await gradeReport(id, fn, options);
  if (report === null) return;
  // No timings in notebooks: executed copies must be byte-identical run after run.
  console.log(formatReport(report, { times: false, maxFailures: 3 }));
  if (options.expect === 'pass' && !report.passed) throw new Error(`kata ${id}: the solution did not pass (${report.passedCount}/${report.total})`);
}

/** The same grading, returning the report object (null, with a printed message, for an unknown kata id). */
export async function gradeReport(id: string, fn: unknown, options: NotebookGradeOptions = {}): Promise<GradeReport | null> {
  try {
    return await gradeFunction(id, fn as (...args: never[]) => unknown, { helpers: options.helpers, timeLimitSeconds: options.timeLimitSeconds });
  } catch (err) {
    if (options.expect === 'pass') throw err;
    console.log(`grade('${id}', ...): ${(err as Error).message}`);
    return null;
  }
}
