// CLI: npm run notebooks:clean [-- --check] — strips outputs and volatile metadata from source notebooks in place.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanNotebookText } from './runner/clean';
import { REPO_ROOT } from './runner/kernel';
import { validateNotebook } from './runner/notebook';
import { collectNotebooks } from './runner/run-all';
import { writeFileAtomic } from '../lib/core/atomic-write';

const HELP = `Usage: npm run notebooks:clean -- [paths...] [--check]

Strips outputs, execution counts and volatile metadata (cell: execution, ExecuteTime, collapsed,
scrolled; notebook: language_info, widgets, signature) from source notebooks, in place. Every
other byte of the file is kept. Default paths: notebooks/.

Options:
  --check      change nothing; exit 1 and list the notebooks that are not clean
  -h, --help   show this help`;

function main(): number {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.values.help) { console.log(HELP); return 0; }
  const files = collectNotebooks(args.positionals.length ? args.positionals : [path.join(REPO_ROOT, 'notebooks')]);
  let dirty = 0, broken = 0;
  for (const file of files) {
    const rel = path.relative(process.cwd(), file) || file;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
      validateNotebook(JSON.parse(text) as unknown, rel);
    } catch (err) {
      broken++;
      console.error(`✖ ${err instanceof SyntaxError ? `${rel}: not valid JSON: ${err.message}` : (err as Error).message}`);
      continue;
    }
    const { text: cleaned, changes } = cleanNotebookText(text);
    if (changes.length === 0) continue;
    dirty++;
    if (args.values.check) console.error(`✖ ${rel} is not clean: ${changes.join(', ')}`);
    else { writeFileAtomic(file, cleaned); console.log(`cleaned ${rel}: ${changes.join(', ')}`); }
  }
  if (args.values.check) console.log(dirty ? `${dirty} of ${files.length} notebooks need "npm run notebooks:clean"` : `all ${files.length} notebooks are clean`);
  return broken ? 1 : args.values.check && dirty ? 1 : 0;
}

process.exitCode = main();
