// CLI: npm run notebooks:fix-imports — rewrites repo-root imports ('./lib/...') in notebooks to the true relative path ('../lib/...').
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../lib/core/atomic-write';
import { REPO_ROOT } from './runner/kernelspec';
import { collectNotebooks } from './runner/run-all';

/**
 * The kernel runs in the notebook's folder (as every Jupyter kernel), so a cell imports the shared library by its path
 * relative to the notebook: '../lib/...' from notebooks/. Older cells (and lessons written before the change) used
 * './lib/...', relative to the repository root. Only module specifiers of `from`, `import(` and `require(` change; every
 * other byte of the file stays as it was (the JSON text is edited in place, quotes escaped or not).
 */
export function fixLibImports(text: string, notebookDir: string, repoRoot = REPO_ROOT): string {
  const rel = path.relative(notebookDir, path.join(repoRoot, 'lib')).split(path.sep).join('/');
  const target = rel.startsWith('.') ? rel : `./${rel}`;
  if (target === './lib') return text;
  return text.replace(/(\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)('|\\")\.\/lib\//g, (_, head: string, quote: string) => `${head}${quote}${target}/`);
}

function main(): number {
  const check = process.argv.includes('--check');
  const paths = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  let changed = 0;
  for (const file of collectNotebooks(paths.length ? paths : [path.join(REPO_ROOT, 'notebooks')])) {
    const text = readFileSync(file, 'utf8');
    const fixed = fixLibImports(text, path.dirname(path.resolve(file)));
    if (fixed === text) continue;
    changed++;
    console.log(`${check ? 'needs fixing' : 'fixed'}: ${path.relative(REPO_ROOT, path.resolve(file))}`);
    if (!check) writeFileAtomic(file, fixed);
  }
  return check && changed > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
