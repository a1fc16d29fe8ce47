// The grading core, the same in Node and the browser: runs every case through a CaseRunner and judges each outcome.
import type { CaseKind, Kata, KataCase } from '../types';
import { compareValues, firstDifference, formatValue } from './compare';
import type { CallOutcome } from './run-case';

/** What a runner reports for one case: the learner's call, or why it did not complete. */
export type RunnerOutcome =
  | CallOutcome
  | { status: 'timeout'; seconds: number }
  | { status: 'crashed'; message: string }
  | { status: 'not-run'; reason: string };

/**
 * Runs the learner's code on each argument list in order, each within `timeLimitSeconds`, and never rejects for the
 * learner's sake (a load failure is returned as `{ loadError }`).
 */
export type CaseRunner = (argsList: unknown[][], timeLimitSeconds: number) => Promise<RunnerOutcome[] | { loadError: string }>;

export type CaseStatus = 'pass' | 'fail' | 'error' | 'not-implemented' | 'timeout' | 'not-run';

export interface CaseResult {
  index: number;
  name: string;
  kind: CaseKind;
  visible: boolean;
  status: CaseStatus;
  /** "z = [1, 2, 3]", one argument per line. */
  input: string;
  expected: string;
  received: string;
  /** Why the case failed (empty when it passed). */
  message: string;
  /** Targeted hints from the kata's mistake detectors. */
  hints: string[];
  /** The learner's time on this case, or null if it did not run to completion. */
  ms: number | null;
}

export interface GradeReport {
  kata: string;
  title: string;
  functionName: string;
  passed: boolean;
  /** Every case threw "not implemented": the starter is untouched. */
  notImplemented: boolean;
  passedCount: number;
  total: number;
  cases: CaseResult[];
  /** Set when the learner's code could not be loaded (syntax error, no such export, throws at load). */
  loadError: string | null;
  /** The kata's first general hint when something failed and no targeted hint explained it. */
  generalHint: string | null;
  seconds: number;
}

export const DEFAULT_TIME_LIMIT_SECONDS = 3;

/** Parameter names from a signature such as "kmeans(X: number[][], init: number[][], maxIter: number): {...}". */
export function parameterNames(signature: string): string[] {
  const open = signature.indexOf('(');
  let depth = 0;
  let current = '';
  const parts: string[] = [];
  for (let i = open + 1; i < signature.length; i++) {
    const ch = signature[i];
    if (ch === '(' || ch === '[' || ch === '{' || ch === '<') depth++;
    if (ch === ')' || ch === ']' || ch === '}' || ch === '>') {
      if (depth === 0) { parts.push(current); break; }
      depth--;
    }
    if (ch === ',' && depth === 0) { parts.push(current); current = ''; continue; }
    current += ch;
  }
  return parts.map((p) => p.split(':')[0].trim()).filter((p) => p.length > 0);
}

/** Examples (visible) first, then the hidden cases. */
export function kataCases(kata: Kata): Array<KataCase & { visible: boolean }> {
  return [
    ...kata.examples.map((c) => ({ ...c, visible: true })),
    ...kata.hiddenCases().map((c) => ({ ...c, visible: false })),
  ];
}

function formatInput(names: string[], args: unknown[]): string {
  return args.map((a, i) => `${names[i] ?? `arg${i}`} = ${formatValue(a)}`).join('\n');
}

/** Judges one case's outcome against the kata's reference. Never throws for the learner's sake. */
export function judgeCase(kata: Kata, c: KataCase & { visible: boolean }, index: number, outcome: RunnerOutcome): CaseResult {
  const names = parameterNames(kata.signature);
  const expectedValue = kata.reference(...structuredClone(c.args));
  const base: CaseResult = {
    index, name: c.name, kind: c.kind, visible: c.visible, status: 'pass',
    input: formatInput(names, c.args), expected: formatValue(expectedValue), received: '',
    message: '', hints: [], ms: null,
  };
  switch (outcome.status) {
    case 'timeout':
      return { ...base, status: 'timeout', received: '(no value)', message: `timed out after ${outcome.seconds} s (an infinite loop? check that every loop ends)` };
    case 'not-run':
      return { ...base, status: 'not-run', received: '(not run)', message: outcome.reason };
    case 'crashed':
      return { ...base, status: 'error', received: '(no value)', message: outcome.message };
    case 'exit':
      return { ...base, status: 'error', received: '(no value)', ms: outcome.ms, message: `your code called process.exit(${outcome.code}); return the answer instead of exiting` };
    case 'threw':
      if (/not implemented/i.test(outcome.message)) {
        return { ...base, status: 'not-implemented', received: '(threw "not implemented")', ms: outcome.ms, message: 'not implemented: the starter still throws "not implemented"' };
      }
      return { ...base, status: 'error', received: '(no value)', ms: outcome.ms, message: `threw ${outcome.name}: ${outcome.message}` };
    case 'returned': {
      const r: CaseResult = { ...base, ms: outcome.ms };
      const mutable = new Set(kata.mutableArgs ?? []);
      for (let i = 0; i < c.args.length; i++) {
        if (mutable.has(i)) continue;
        const d = firstDifference(c.args[i], outcome.argsAfter[i]);
        if (d !== null) {
          r.status = 'fail';
          r.received = formatValue(outcome.value);
          r.message = `mutated input: your function changed its argument ${names[i] ?? `#${i + 1}`}${d === '' ? '' : ` at ${d}`} (now ${formatValue(outcome.argsAfter[i], 80)}); work on a copy`;
          return r;
        }
      }
      let received: unknown;
      try {
        received = kata.observe ? kata.observe(outcome.value, outcome.argsAfter) : outcome.value;
      } catch (err) {
        r.status = 'fail';
        r.received = formatValue(outcome.value);
        r.message = `wrong type: ${(err as Error).message}`;
        return r;
      }
      r.received = formatValue(received);
      const ctx = { args: structuredClone(c.args), expected: expectedValue, received, tolerance: kata.tolerance };
      let message: string | null = kata.replaceComparison ? null : compareValues(expectedValue, received, kata.tolerance)?.message ?? null;
      if (message === null && kata.check) {
        try {
          message = kata.check(ctx);
        } catch (err) {
          message = `wrong type: the grader could not read your value (${(err as Error).message})`;
        }
      }
      if (message === null) return r;
      r.status = 'fail';
      r.message = message;
      for (const m of kata.mistakes) {
        let hit = false;
        try {
          hit = m.detect(ctx);
        } catch {
          hit = false; // a detector that cannot read a malformed value simply does not match
        }
        if (hit) r.hints.push(m.hint);
      }
      return r;
    }
  }
}

/** Grades a kata: generates its cases, runs them through `runner`, and judges every outcome. */
export async function gradeWith(kata: Kata, runner: CaseRunner, options: { timeLimitSeconds?: number } = {}): Promise<GradeReport> {
  const t0 = performance.now();
  const cases = kataCases(kata);
  const limit = options.timeLimitSeconds ?? kata.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const outcomes = await runner(cases.map((c) => c.args), limit);
  const report: GradeReport = {
    kata: kata.id, title: kata.title, functionName: kata.functionName, passed: false, notImplemented: false,
    passedCount: 0, total: cases.length, cases: [], loadError: null, generalHint: null, seconds: 0,
  };
  if (!Array.isArray(outcomes)) {
    report.loadError = outcomes.loadError;
    report.cases = cases.map((c, i) => judgeCase(kata, c, i, { status: 'not-run', reason: 'your code did not load' }));
  } else {
    report.cases = cases.map((c, i) => judgeCase(kata, c, i, outcomes[i] ?? { status: 'not-run', reason: 'the runner returned no outcome' }));
  }
  report.passedCount = report.cases.filter((c) => c.status === 'pass').length;
  report.passed = report.loadError === null && report.passedCount === report.total;
  report.notImplemented = report.cases.every((c) => c.status === 'not-implemented');
  const failing = report.cases.filter((c) => c.status === 'fail' || c.status === 'error');
  if (failing.length > 0 && failing.every((c) => c.hints.length === 0)) report.generalHint = kata.hints[0] ?? null;
  report.seconds = (performance.now() - t0) / 1000;
  return report;
}
