// Every kata in the registry: well-formed, deterministic, reference and solution pass, starter "not implemented", mutants rejected.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadQuestionBank } from '../../lib/interview/question-bank';
import { KATAS } from '../../lib/katas';
import { gradeWith, kataCases, parameterNames } from '../../lib/katas/grader/grade';
import { formatReport } from '../../lib/katas/grader/report';
import { mutantSource } from '../../lib/katas/mutants';
import { gradeSource, gradeTrustedSource } from '../../lib/katas/node/grade-node';

const questionIds = new Set(loadQuestionBank().sections.flatMap((s) => s.questions.map((q) => q.id)));

function cellIds(lesson: string): Set<string> {
  const nb = JSON.parse(readFileSync(`notebooks/${lesson}.ipynb`, 'utf8')) as { cells: Array<{ id?: string }> };
  return new Set(nb.cells.map((c) => c.id ?? ''));
}

describe.each(KATAS.map((k) => [k.id, k] as const))('kata %s', (_id, kata) => {
  it('is well-formed: id, signature, starter, solution, links', () => {
    expect(kata.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(kata.signature.startsWith(`${kata.functionName}(`)).toBe(true);
    expect(kata.starter).toContain(`export function ${kata.signature}`);
    expect(kata.starter).toContain("throw new Error('not implemented')");
    expect(kata.solution).toContain(`export function ${kata.signature}`);
    expect(kata.statement.length).toBeGreaterThan(80);
    expect(kata.hints.length).toBeGreaterThan(0);
    expect(kata.examples.length).toBeGreaterThan(0);
    expect(kata.mutants.length).toBeGreaterThanOrEqual(2);
    expect(parameterNames(kata.signature).length).toBe(kata.examples[0].args.length);
    for (const q of kata.links.questions) expect(questionIds, `question ${q}`).toContain(q);
    expect(kata.links.lessons.length).toBeGreaterThan(0);
    for (const l of kata.links.lessons) {
      const ids = cellIds(l.lesson);
      if (l.cell) expect(ids, `${l.lesson}#${l.cell}`).toContain(l.cell);
    }
    for (const m of kata.mutants) if (m.mistake) expect(kata.mistakes.map((x) => x.id)).toContain(m.mistake);
  });

  it('has deterministic hidden cases of every kind (edge, random, large)', () => {
    const a = JSON.stringify(kata.hiddenCases());
    expect(JSON.stringify(kata.hiddenCases())).toBe(a);
    const kinds = new Set(kata.hiddenCases().map((c) => c.kind));
    for (const k of ['edge', 'random', 'large'] as const) expect(kinds, `hidden ${k} case`).toContain(k);
    const names = kataCases(kata).map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('passes its own reference (the comparator accepts lib/)', async () => {
    if (kata.observe) expect(kata.referenceAsCall, 'a kata with observe needs referenceAsCall').toBeDefined();
    const report = await gradeWith(kata, async (argsList) => argsList.map((args) => {
      const expected = kata.reference(...structuredClone(args));
      const call = kata.referenceAsCall ? kata.referenceAsCall(structuredClone(args), expected) : { returned: expected, argsAfter: args };
      return { status: 'returned' as const, value: call.returned, argsAfter: call.argsAfter, ms: 0 };
    }));
    expect(report.passed, formatReport(report)).toBe(true);
  });

  it('passes the model solution, run in a worker like a learner file', async () => {
    const report = await gradeSource(kata, kata.solution);
    expect(report.passed, formatReport(report)).toBe(true);
  });

  it('reports the untouched starter as "not implemented"', async () => {
    const report = await gradeSource(kata, kata.starter);
    expect(report.passed).toBe(false);
    expect(report.notImplemented).toBe(true);
    expect(formatReport(report)).toContain('not implemented');
  });

  it.each(kata.mutants.map((m) => [m.name, m] as const))('rejects the mutant "%s" (with its hint)', async (_name, mutant) => {
    const report = await gradeTrustedSource(kata, mutantSource(kata, mutant));
    const text = formatReport(report, { maxFailures: 100 });
    expect(report.passed, text).toBe(false);
    expect(report.loadError, text).toBeNull();
    if (mutant.mistake) {
      const hint = kata.mistakes.find((m) => m.id === mutant.mistake)!.hint;
      expect(text).toContain(hint);
    }
  });
});
