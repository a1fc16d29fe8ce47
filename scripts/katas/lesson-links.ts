// Writes (or with --check, verifies) the generated "Practise" cell at the end of every lesson: links to the katas whose lesson links point at that lesson.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../lib/core/atomic-write';
import { KATAS } from '../../lib/katas';
import type { Kata } from '../../lib/katas/types';
import { splitLines, validateNotebook } from '../runner/notebook';
import { notebookName } from './make-notebooks';

const REPO = path.resolve(__dirname, '../..');
export const LESSONS_DIR = path.join(REPO, 'notebooks');

/** The id of the generated cell, and the metadata that marks it (so that it is only ever replaced, never duplicated). */
export const PRACTISE_CELL_ID = 'practise-katas';
export const GENERATED_BY = 'npm run katas:links';

/** A lesson notebook in reading order: `notebooks/NN-topic.ipynb`. */
const LESSON_FILE = /^\d\d-[a-z0-9-]+\.ipynb$/;

export function lessonFiles(dir = LESSONS_DIR): string[] {
  return readdirSync(dir).filter((n) => LESSON_FILE.test(n)).sort().map((n) => path.join(dir, n));
}

/** The katas that link to this lesson (slug = file name without .ipynb), in registry order. */
export function katasOfLesson(slug: string, katas: readonly Kata[] = KATAS): Kata[] {
  return katas.filter((k) => k.links.lessons.some((l) => l.lesson === slug));
}

/**
 * The link to a kata from a lesson: the kata notebook (a relative path JupyterLab opens) with the kata id as fragment.
 * The exporter turns `katas/katas-NN-<section>.ipynb#<id>` into `katas.html#<id>` on the static site.
 */
export function kataHref(kata: Kata): string {
  return `katas/${notebookName(kata.section)}#${kata.id}`;
}

/** The markdown of a lesson's Practise cell, or undefined when no kata links to the lesson. */
export function practiseMarkdown(slug: string, katas: readonly Kata[] = KATAS): string | undefined {
  const mine = katasOfLesson(slug, katas);
  if (mine.length === 0) return undefined;
  const items = mine.map((k) => `- [${k.title}](${kataHref(k)}) (\`${k.id}\`, ${k.difficulty})`);
  return [
    '## Practise',
    '',
    `${mine.length === 1 ? 'A kata drills' : `${mine.length} katas drill`} what this lesson teaches: write the function from its statement, then grade it against hidden cases`,
    '(in the kata notebook, or in a terminal with `npm run kata -- start <id>` and `npm run kata -- check <id>`).',
    '',
    ...items,
  ].join('\n');
}

interface CellJson {
  cell_type: string;
  id?: string;
  metadata?: Record<string, unknown>;
  source: string | string[];
}

function isGenerated(cell: CellJson | undefined): boolean {
  return cell?.id === PRACTISE_CELL_ID;
}

/** The cell as Jupyter writes it inside a notebook saved with indent 1 (cells sit two levels deep). */
function cellText(markdown: string): string {
  const cell = { cell_type: 'markdown', id: PRACTISE_CELL_ID, metadata: { generated: GENERATED_BY }, source: splitLines(markdown) };
  return JSON.stringify(cell, null, 1).split('\n').map((l) => `  ${l}`).join('\n');
}

/**
 * The notebook text with its Practise cell set to `markdown` (added as the last cell, replaced, or removed when
 * undefined). Every other byte is kept: the cell is spliced into the text, which is then parsed to prove it is the
 * intended notebook.
 */
export function withPractiseCell(text: string, markdown: string | undefined, shownFile: string): string {
  const nb = JSON.parse(text) as { cells: CellJson[] };
  validateNotebook(nb, shownFile);
  const cells = nb.cells;
  const others = cells.filter((c) => !isGenerated(c));
  if (others.length !== cells.length - (isGenerated(cells[cells.length - 1]) ? 1 : 0)) {
    throw new RangeError(`${shownFile}: the generated cell "${PRACTISE_CELL_ID}" must be the last cell; move or delete it and run "${GENERATED_BY}" again`);
  }
  // Saved with indent 1, the only top-level array is "cells": it closes at the first line that is exactly " ]".
  const end = text.indexOf('\n ]');
  const start = text.indexOf('"cells": [');
  if (start < 0 || end < start) throw new RangeError(`${shownFile}: expected a notebook saved by Jupyter (indent 1, "cells" first), could not find the cell list`);
  let head = text.slice(0, end);
  if (isGenerated(cells[cells.length - 1])) {
    const open = head.lastIndexOf('\n  {');
    head = head.slice(0, open).replace(/,$/, '');
  }
  const hasCells = others.length > 0;
  const body = markdown === undefined ? head : `${head}${hasCells ? ',' : ''}\n${cellText(markdown)}`;
  const out = `${body}${text.slice(end)}`;
  const expected = { ...nb, cells: markdown === undefined ? others : [...others, { cell_type: 'markdown', id: PRACTISE_CELL_ID, metadata: { generated: GENERATED_BY }, source: splitLines(markdown) }] };
  if (JSON.stringify(JSON.parse(out)) !== JSON.stringify(expected)) throw new Error(`${shownFile}: splicing the Practise cell did not give the expected notebook (unusual formatting?)`);
  return out;
}

/** Each lesson file whose Practise cell is not what the registry says, with the text it should have. */
export function stale(files = lessonFiles(), katas: readonly Kata[] = KATAS): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const shown = path.relative(process.cwd(), file) || file;
    const want = withPractiseCell(text, practiseMarkdown(path.basename(file, '.ipynb'), katas), shown);
    if (want !== text) out.push({ file, text: want });
  }
  return out;
}

function main(): number {
  const args = parseArgs({ options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  if (args.values.help) {
    console.log(`Usage: ${GENERATED_BY} [-- --check]\n\nWrites the last cell ("Practise", id ${PRACTISE_CELL_ID}) of every lesson in notebooks/ from the kata registry (lib/katas).\n--check changes nothing and exits 1 listing the lessons whose cell is out of date.`);
    return 0;
  }
  const todo = stale();
  for (const { file, text } of todo) {
    const rel = path.relative(process.cwd(), file);
    if (args.values.check) console.error(`✖ ${rel}: its Practise cell is out of date with lib/katas (run "${GENERATED_BY}")`);
    else {
      writeFileAtomic(file, text);
      console.log(`wrote the Practise cell of ${rel}`);
    }
  }
  if (args.values.check) console.log(todo.length ? `${todo.length} lessons need "${GENERATED_BY}"` : `every lesson's Practise cell matches lib/katas`);
  return args.values.check && todo.length ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
