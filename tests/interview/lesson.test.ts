// The "Common interview questions" lesson: its structure against the bank (every demonstration under its question, linked both ways, checked).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuestionBank } from '../../lib/interview/question-bank';

const REPO = path.resolve(__dirname, '..', '..');
const LESSON = '13-interview-questions';
interface Cell { id: string; cell_type: string; source: string | string[]; outputs?: unknown[]; execution_count?: number | null; metadata: Record<string, unknown> }
const nb = JSON.parse(readFileSync(path.join(REPO, 'notebooks', `${LESSON}.ipynb`), 'utf8')) as { cells: Cell[]; metadata: Record<string, unknown> };
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);
const bank = loadQuestionBank();

describe(`notebooks/${LESSON}.ipynb`, () => {
  it('is a committed-clean nbformat 4.5 lesson, order 13, titled "Common interview questions"', () => {
    expect(nb.metadata.lesson).toMatchObject({ title: 'Common interview questions', order: 13 });
    expect(nb.metadata.kernelspec).toMatchObject({ name: 'ml-interview-notebooks' });
    expect(new Set(nb.cells.map((c) => c.id)).size).toBe(nb.cells.length);
    for (const c of nb.cells.filter((x) => x.cell_type === 'code')) {
      expect(c.outputs, c.id).toEqual([]);
      expect(c.execution_count, c.id).toBeNull();
    }
    expect(text(nb.cells[0])).toMatch(/^# Common interview questions/);
  });

  it('shows every section of the bank, questions with answers, in a cell whose source is hidden (collapsed on the site)', () => {
    for (const s of bank.sections) {
      const cell = nb.cells.find((c) => c.id === `bank-${s.id}`);
      expect(cell && text(cell), s.id).toContain(`showSection('${s.id}', {`);
      expect(cell?.metadata).toEqual({ jupyter: { source_hidden: true } });
    }
  });

  it('has at least 30 demonstrations, each under its question (by bank id), ending in checks, and linked from the bank', () => {
    const demos = nb.cells.map((c, i) => [c, i] as const).filter(([c]) => c.cell_type === 'code' && c.id.startsWith('demo-'));
    expect(demos.length).toBeGreaterThanOrEqual(30);
    for (const [cell, i] of demos) {
      const before = nb.cells[i - 1];
      expect(before.cell_type, cell.id).toBe('markdown');
      const id = /Bank id `([a-z0-9-]+)`/.exec(text(before))?.[1];
      const q = id ? bank.byId.get(id) : undefined;
      expect(q, `${cell.id}: the markdown before it names a bank question`).toBeDefined();
      expect(text(before).split('\n')[0], cell.id).toBe(`### ${q?.question}`);
      expect(q?.links, cell.id).toContainEqual({ lesson: LESSON, cell: cell.id });
      // The cell ends with a check (only closing braces after it).
      const lines = text(cell).split('\n').filter((l) => !/^[}\s]*$/.test(l));
      expect(lines[lines.length - 1], `${cell.id} ends with a check of its claim`).toMatch(/^\s*check\(.*\);$/);
    }
    const linked = bank.questions.flatMap((q) => q.links.filter((l) => 'lesson' in l && l.lesson === LESSON).map((l) => ('cell' in l ? l.cell : undefined)));
    expect(linked.sort()).toEqual(demos.map(([c]) => c.id).sort());
  });

  it('has the lesson shape: a chart, "In the interview" with at least 8 questions, exercises with hidden solutions', () => {
    expect(nb.cells.filter((c) => c.cell_type === 'code' && text(c).includes('show(')).length).toBeGreaterThanOrEqual(1);
    expect(nb.cells.some((c) => text(c).startsWith('## In the interview'))).toBe(true);
    expect(nb.cells.some((c) => text(c).includes('mockInterview({ perSection: 1'))).toBe(true);
    const solutions = nb.cells.filter((c) => (c.metadata.tags as string[] | undefined)?.includes('solution'));
    expect(solutions.length).toBeGreaterThanOrEqual(2);
    for (const s of solutions) expect(s.metadata.jupyter).toEqual({ source_hidden: true });
  });
});
