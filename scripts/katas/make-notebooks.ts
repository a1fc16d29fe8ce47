// Generates the kata notebooks (one per question-bank section) from lib/katas: shipped with starters, or with solutions.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../lib/core/atomic-write';
import { loadQuestionBank, SECTIONS } from '../../lib/interview/question-bank';
import { katasOfSection } from '../../lib/katas';
import { formatValue } from '../../lib/katas/grader/compare';
import type { Kata } from '../../lib/katas/types';
import { serializeNotebook, type Cell, type Notebook } from '../runner/notebook';

const REPO = path.resolve(__dirname, '../..');

/**
 * How a notebook's cells import lib/. 'repo-root': the kernel runs in the repository root (scripts/kernel/kernel.cjs
 * today), so every notebook imports './lib/...'. 'notebook-folder': the kernel runs in the notebook's folder, so the
 * prefix is the path from that folder to the root ('../../lib/...' for notebooks/katas/). Flip this one constant when
 * the kernel changes.
 */
export const IMPORT_MODE: 'repo-root' | 'notebook-folder' = 'repo-root';

export const DEFAULT_OUT = path.join(REPO, 'notebooks', 'katas');

/** The import prefix for a notebook written into `dir`. */
export function importPrefix(dir: string): string {
  if (IMPORT_MODE === 'repo-root') return './';
  const rel = path.relative(path.resolve(dir), REPO).split(path.sep).join('/');
  return rel === '' ? './' : `${rel}/`;
}

export function notebookName(section: string): string {
  return `katas-${String(SECTIONS.indexOf(section as (typeof SECTIONS)[number]) + 1).padStart(2, '0')}-${section}.ipynb`;
}

function lines(text: string): string {
  return text.replace(/\s+$/, '');
}

function md(id: string, text: string): Cell {
  return { id, cell_type: 'markdown', metadata: {}, source: lines(text) };
}

function code(id: string, text: string, metadata: Record<string, unknown> = {}): Cell {
  return { id, cell_type: 'code', metadata, source: lines(text), outputs: [], execution_count: null };
}

/** The starter or solution as a notebook cell: the same function without `export` (cells are not modules). */
function cellSource(source: string): string {
  return source.replace(/^export /m, '');
}

function lessonLink(dirToNotebooks: string, l: { lesson: string; cell?: string }): string {
  return `[${l.lesson}${l.cell ? ` § ${l.cell}` : ''}](${dirToNotebooks}${l.lesson}.ipynb)`;
}

function kataCells(kata: Kata, solutions: boolean, dirToNotebooks: string): Cell[] {
  const examples = kata.examples.map((e) => `- \`${kata.functionName}(${(e.args as unknown[]).map((a) => formatValue(a, 100)).join(', ')})\` → \`${formatValue(kata.reference(...structuredClone(e.args)), 140)}\``);
  const statement = [
    `## ${kata.title}`,
    '',
    `*${kata.difficulty}* · kata \`${kata.id}\` · \`npm run kata -- start ${kata.id}\` in a terminal`,
    '',
    kata.statement,
    '',
    `**Signature:** \`${kata.signature}\``,
    '',
    '**Examples:**',
    '',
    ...examples,
    '',
    `**Taught in:** ${kata.links.lessons.map((l) => lessonLink(dirToNotebooks, l)).join(', ')}. **Bank questions:** ${kata.links.questions.map((q) => `\`${q}\``).join(', ')}.`,
    '',
    `**Hint, if you are stuck:** ${kata.hints[0]}`,
  ].join('\n');
  const body = solutions ? kata.solution : kata.starter;
  const gradeCall = solutions ? `await grade('${kata.id}', ${kata.functionName}, { expect: 'pass' });` : `await grade('${kata.id}', ${kata.functionName});`;
  return [
    md(`${kata.id}-statement`, statement),
    code(`${kata.id}-${solutions ? 'solution' : 'starter'}`, cellSource(body), { kata: { id: kata.id, role: solutions ? 'solution' : 'starter' } }),
    code(`${kata.id}-grade`, gradeCall, { kata: { id: kata.id, role: 'grade' } }),
  ];
}

/** The notebook of one section, written into `dir` (which fixes the import prefix and the links to lessons). */
export function sectionNotebook(section: string, dir: string, solutions: boolean): Notebook {
  const bank = loadQuestionBank();
  const s = bank.sections.find((x) => x.id === section);
  if (!s) throw new RangeError(`unknown section "${section}"`);
  const katas = katasOfSection(section);
  const prefix = importPrefix(dir);
  const dirToNotebooks = `${path.relative(path.resolve(dir), path.join(REPO, 'notebooks')).split(path.sep).join('/') || '.'}/`;
  const order = 100 + SECTIONS.indexOf(section as (typeof SECTIONS)[number]) + 1;
  const intro = [
    `# Katas: ${s.title}`,
    '',
    `Implement each function from scratch in its starter cell, then run the grading cell below it. The grader runs the`,
    `visible examples and hidden cases (edge cases, seeded random inputs, large magnitudes) against the reference in`,
    '`lib/`, in a worker with a time limit, and prints a table: each failing case with its input, the expected and the',
    'received value, and a hint when your answer matches a known mistake. A wrong answer never stops the notebook.',
    '',
    `Your function must be self-contained (helpers inside it), or pass the helpers it calls:`,
    '`await grade(id, fn, { helpers: [myHelper] })`. The same katas run in a terminal: `npm run kata -- list`.',
  ].join('\n');
  const cells: Cell[] = [
    md('title', intro),
    code('setup', `import { grade } from '${prefix}lib/katas/notebook';`),
    ...katas.flatMap((k) => kataCells(k, solutions, dirToNotebooks)),
    md('next', `## Next\n\nThe mock interview mixes katas and bank questions against a clock: \`npm run kata -- interview --section ${section}\`.`),
  ];
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { display_name: 'TypeScript (ml-interview-notebooks)', language: 'typescript', name: 'ml-interview-notebooks' },
      lesson: {
        title: `Katas: ${s.title}`,
        description: `Implement ${katas.map((k) => k.title.toLowerCase()).join(', ')} from scratch, graded against lib/ with hidden cases and targeted hints.`,
        tags: ['katas', section],
        order,
      },
      ...(solutions ? { katas_variant: 'solutions' } : {}),
    },
    cells,
  };
}

const HELP = `Usage: npm run katas:notebooks -- [--solutions] [--out DIR] [--check]

Writes one kata notebook per question-bank section that has katas (notebooks/katas/katas-NN-<section>.ipynb),
generated from lib/katas (the one source of truth for statements, starters and solutions).

  --solutions   put the model solutions in the starter cells and make each grading cell require a pass
                (write these into build/, never over the shipped notebooks)
  --out DIR     output folder (default notebooks/katas)
  --check       change nothing; exit 1 if the notebooks in --out differ from what would be generated
  -h, --help    this help`;

export function main(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { solutions: { type: 'boolean', default: false }, out: { type: 'string' }, check: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } }, strict: true }));
  } catch (err) {
    process.stderr.write(`katas:notebooks: ${(err as Error).message}\n`);
    return 2;
  }
  if (values.help) { process.stdout.write(`${HELP}\n`); return 0; }
  const out = path.resolve(values.out ?? DEFAULT_OUT);
  if (values.solutions && out === DEFAULT_OUT) {
    process.stderr.write('katas:notebooks: --solutions must not overwrite the shipped notebooks; pass --out build/...\n');
    return 2;
  }
  const stale: string[] = [];
  for (const section of SECTIONS) {
    if (katasOfSection(section).length === 0) continue;
    const file = path.join(out, notebookName(section));
    const text = serializeNotebook(sectionNotebook(section, out, values.solutions));
    if (values.check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(path.relative(process.cwd(), file));
    } else {
      writeFileAtomic(file, text);
      process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
    }
  }
  if (stale.length > 0) {
    process.stderr.write(`katas:notebooks: out of date (run npm run katas:notebooks): ${stale.join(', ')}\n`);
    return 1;
  }
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
