// The lessons' generated Practise cells: in sync with the kata registry, linking to kata notebooks that hold each kata, spliced in without touching other bytes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KATAS } from '../../lib/katas';
import { kataHref, katasOfLesson, lessonFiles, practiseMarkdown, PRACTISE_CELL_ID, stale, withPractiseCell } from '../../scripts/katas/lesson-links';
import { notebookName, sectionNotebook } from '../../scripts/katas/make-notebooks';
import { joinSource } from '../../scripts/runner/notebook';

type Nb = { cells: { id?: string; cell_type: string; source: string | string[]; metadata?: Record<string, unknown> }[] };
const parse = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Nb;

describe('lesson Practise cells', () => {
  it('every lesson is in sync with lib/katas (what npm run katas:links -- --check verifies)', () => {
    expect(stale().map((s) => path.basename(s.file))).toEqual([]);
  });

  it('each lesson ends with a Practise cell that links every kata pointing at it, and only those', () => {
    const files = lessonFiles();
    expect(files.length).toBeGreaterThanOrEqual(13);
    for (const file of files) {
      const slug = path.basename(file, '.ipynb');
      const mine = katasOfLesson(slug);
      const cells = parse(file).cells;
      const last = cells[cells.length - 1];
      if (mine.length === 0) {
        expect(cells.some((c) => c.id === PRACTISE_CELL_ID), slug).toBe(false);
        continue;
      }
      expect(last.id, slug).toBe(PRACTISE_CELL_ID);
      expect(last.cell_type).toBe('markdown');
      const text = joinSource(last.source);
      expect(text.startsWith('## Practise\n')).toBe(true);
      const linked = [...text.matchAll(/\]\(katas\/(katas-\d\d-[a-z-]+\.ipynb)#([a-z0-9-]+)\)/g)].map((m) => [m[1], m[2]]);
      expect(linked.map(([, id]) => id).sort(), slug).toEqual(mine.map((k) => k.id).sort());
      for (const [nbName, id] of linked) {
        const kata = KATAS.find((k) => k.id === id);
        expect(kata?.links.lessons.some((l) => l.lesson === slug), `${slug} -> ${id}`).toBe(true);
        expect(nbName).toBe(notebookName(kata!.section));
      }
    }
    // Every kata is reachable from at least one lesson.
    const reached = new Set(files.flatMap((f) => katasOfLesson(path.basename(f, '.ipynb')).map((k) => k.id)));
    expect(KATAS.filter((k) => !reached.has(k.id)).map((k) => k.id)).toEqual([]);
  });

  it("a link's target is the kata notebook the generator writes for the kata's section, and that notebook holds the kata", () => {
    const sections = new Map<string, Set<string>>();
    for (const k of KATAS) {
      if (!sections.has(k.section)) {
        const nb = sectionNotebook(k.section, path.join('notebooks', 'katas'), false);
        sections.set(k.section, new Set(nb.cells.map((c) => c.id ?? '')));
      }
      expect(kataHref(k)).toBe(`katas/${notebookName(k.section)}#${k.id}`);
      expect(sections.get(k.section)?.has(`${k.id}-statement`), k.id).toBe(true);
    }
  });
});

describe('withPractiseCell', () => {
  const file = lessonFiles()[0];
  const original = readFileSync(file, 'utf8');
  const markdown = practiseMarkdown(path.basename(file, '.ipynb')) as string;
  const without = withPractiseCell(original, undefined, 'lesson');

  it('removing and adding the cell changes nothing else, byte for byte', () => {
    expect(without.length).toBeLessThan(original.length);
    expect(JSON.parse(without).cells.some((c: { id?: string }) => c.id === PRACTISE_CELL_ID)).toBe(false);
    expect(withPractiseCell(without, markdown, 'lesson')).toBe(original);
    // Only the tail of the cell list differs.
    const common = [...without].findIndex((ch, i) => ch !== original[i]);
    expect(original.slice(0, common)).toBe(without.slice(0, common));
    expect(original.endsWith(without.slice(without.indexOf('\n ]')))).toBe(true);
  });

  it('replaces an out-of-date cell instead of adding a second one', () => {
    const old = withPractiseCell(without, '## Practise\n\n- nothing yet', 'lesson');
    const fixed = withPractiseCell(old, markdown, 'lesson');
    expect(fixed).toBe(original);
    expect(JSON.parse(fixed).cells.filter((c: { id?: string }) => c.id === PRACTISE_CELL_ID)).toHaveLength(1);
  });

  it('refuses a generated cell that is not the last one, naming the file', () => {
    const nb = JSON.parse(original) as Nb;
    const cells = nb.cells;
    const moved = { ...nb, cells: [cells[cells.length - 1], ...cells.slice(0, -1)] };
    expect(() => withPractiseCell(JSON.stringify(moved, null, 1), markdown, 'notebooks/x.ipynb')).toThrow(/notebooks\/x\.ipynb: the generated cell "practise-katas" must be the last cell/);
  });
});
