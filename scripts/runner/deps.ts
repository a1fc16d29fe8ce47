// Finds what a notebook's result depends on: the local files its cells import, transitively, and the datasets read.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])([^'"\n]+)\1/gm;
const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.cjs', '.mjs', '.json', '/index.ts', '/index.js'];

/** Module specifiers imported or required by a piece of TypeScript/JavaScript source. */
export function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT_RE)) out.push(m[2]);
  return out;
}

function resolveLocal(specifier: string, fromDir: string): string | null {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null; // a package: covered by the lockfile
  const base = path.resolve(fromDir, specifier);
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}

/** Quoted strings in cell code that name an existing file next to the notebook (`'images/logo.jpg'`, `'../datasets/x.json'`). */
function quotedFiles(source: string, notebookDir: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(['"`])([^'"`\n$]{1,300})\1/g)) {
    const candidate = path.resolve(notebookDir, m[2]);
    try { if (statSync(candidate).isFile()) out.push(candidate); } catch { /* not a file */ }
  }
  return out;
}

/**
 * Every local file the given cell sources depend on (absolute paths, sorted). Cells run with the notebook's folder
 * as working directory, so their relative imports and file paths resolve from there; a file's own imports resolve
 * from its folder. Any dependency that mentions the datasets/ folder pulls in every file under it: which file a
 * loader reads can depend on arguments, and hashing all of them is cheap and never stale.
 */
export function notebookDependencies(cellSources: string[], repoRoot: string, notebookDir: string = repoRoot): string[] {
  const seen = new Set<string>(cellSources.flatMap((src) => quotedFiles(src, notebookDir)));
  const queue: [string, string][] = cellSources.flatMap((src) => importSpecifiers(src).map((s): [string, string] => [s, notebookDir]));
  let readsDatasets = cellSources.some((src) => /\bdatasets\//.test(src));
  while (queue.length) {
    const [spec, fromDir] = queue.pop() as [string, string];
    const file = resolveLocal(spec, fromDir);
    if (!file || seen.has(file)) continue;
    seen.add(file);
    if (!/\.(ts|tsx|js|cjs|mjs)$/.test(file)) continue;
    const source = readFileSync(file, 'utf8');
    if (/\bdatasets\b/.test(source)) readsDatasets = true;
    for (const s of importSpecifiers(source)) queue.push([s, path.dirname(file)]);
  }
  if (readsDatasets) for (const f of listFiles(path.join(repoRoot, 'datasets'))) seen.add(f);
  return [...seen].sort();
}
