// CLI: npm run notebooks [paths...] — executes notebooks on the project kernel and writes executed copies to build/notebooks/.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './runner/kernel';
import { readNotebook, serializeNotebook } from './runner/notebook';
import { formatFailure, outputPathFor, runNotebook, type RunResult } from './runner/run-notebook';
import { writeFileAtomic } from './shared/atomic-write';
import { PlacedError } from './shared/place';

const HELP = `Usage: npm run notebooks -- [paths...] [options]

Executes notebooks on the project's tslab kernel over the Jupyter protocol and writes
the executed copies to build/notebooks/. Source notebooks are never modified.

Arguments:
  paths            notebook files or folders (default: notebooks/)

Options:
  --out DIR        where executed copies go (default: build/notebooks)
  --timeout SEC    per-cell timeout in seconds (default: 120; metadata execution.timeout overrides)
  -h, --help       show this help

Exit code: 0 when every notebook ran without an unexpected error, 1 otherwise, 2 on bad usage.`;

function collect(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try { st = statSync(p); } catch { files.push(p); continue; } // reported as "no such notebook file"
    if (st.isDirectory()) {
      for (const entry of readdirSync(p).sort()) {
        const full = path.join(p, entry);
        if (entry.startsWith('.')) continue;
        if (statSync(full).isDirectory()) files.push(...collect([full]));
        else if (entry.endsWith('.ipynb')) files.push(full);
      }
    } else files.push(p);
  }
  return files;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string', default: path.join(REPO_ROOT, 'build', 'notebooks') },
        timeout: { type: 'string', default: '120' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.values.help) { console.log(HELP); return 0; }
  const timeoutSec = Number(args.values.timeout);
  if (!(timeoutSec > 0)) { console.error(`--timeout must be a positive number of seconds, got ${args.values.timeout}`); return 2; }
  const notebooksDir = path.join(REPO_ROOT, 'notebooks');
  const files = collect(args.positionals.length ? args.positionals : [notebooksDir]);
  if (files.length === 0) { console.error('no notebooks found'); return 1; }
  let failed = 0;
  for (const file of files) {
    const rel = path.relative(process.cwd(), path.resolve(file)) || file;
    const started = Date.now();
    let result: RunResult;
    try {
      const nb = readNotebook(file);
      result = await runNotebook(nb, rel, { timeoutSec });
    } catch (err) {
      failed++;
      if (err instanceof PlacedError) console.error(`✖ ${err.message}`);
      else console.error(`✖ ${rel}: ${(err as Error).stack ?? err}`);
      continue;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const ran = result.cells.filter((c) => c.status !== 'not-run').length;
    writeFileAtomic(outputPathFor(file, notebooksDir, args.values.out), serializeNotebook(result.notebook));
    if (result.failure) {
      failed++;
      console.error(formatFailure(result.failure));
      console.error(`  ${rel}: failed after ${ran} cells, ${seconds} s`);
    } else {
      console.log(`✔ ${rel}: ${ran} cells, ${seconds} s`);
    }
  }
  console.log(`${files.length - failed} of ${files.length} notebooks ran without unexpected errors`);
  return failed ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (err) => { console.error(err); process.exitCode = 1; });
