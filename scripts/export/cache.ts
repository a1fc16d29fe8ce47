// The export's memory between runs: input fingerprints and per-page keys, so unchanged pages are reused (node built-ins only: fast to load).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const CACHE_VERSION = 1;

export interface CachedNotebook {
  size: number;
  mtimeMs: number;
  hash: string;
}

export interface CachedLesson {
  /** The executed notebook, relative to the notebooks folder. */
  file: string;
  meta: { slug: string; title: string; description: string; tags: string[]; order: number; source: string; descriptionInBody?: boolean };
  mdxKey: string;
  pageKey: string;
  hasCharts: boolean;
}

export interface ExportCache {
  version: number;
  /** Hash of the exporter's own code, the site files, the lockfile and the options. */
  fingerprint: string;
  notebooks: Record<string, CachedNotebook>;
  lessons: Record<string, CachedLesson>;
  indexKey: string;
  staticKey: string;
  /** What the kata pages' scripts were bundled from (katas-page.ts), so that a rebuilt katas page can link them. */
  kataBundlesKey?: string;
  /** The last run reported errors: the next run does the work again (and reports them again). */
  failed: boolean;
}

export const sha256 = (...parts: (string | Buffer)[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? `${p.length}:${p}` : p);
  return h.digest('hex');
};

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, keep));
    else if (keep(name)) out.push(full);
  }
  return out;
}

/** Executed notebooks under `dir` (recursively, sorted, skipping dot-folders such as .ipynb_checkpoints). */
export function listNotebooks(dir: string): string[] {
  return filesUnder(dir, (n) => n.endsWith('.ipynb'));
}

/**
 * What every output depends on besides the notebooks: the exporter's code and site files, the code it borrows from the
 * runner and lib, the exact dependency versions (package-lock.json), and the options.
 */
export function fingerprint(repoRoot: string, options: string): string {
  const files = [
    ...filesUnder(path.join(repoRoot, 'scripts', 'export'), (n) => n.endsWith('.ts')),
    ...filesUnder(path.join(repoRoot, 'site'), () => true),
    // The question bank and its loader (the quiz page).
    ...filesUnder(path.join(repoRoot, 'lib', 'interview'), () => true),
    // The kata registry (the katas page) and its example values' formatting.
    ...filesUnder(path.join(repoRoot, 'lib', 'katas'), (n) => n.endsWith('.ts')),
    path.join(repoRoot, 'scripts', 'export.ts'),
    path.join(repoRoot, 'scripts', 'runner', 'notebook.ts'),
    path.join(repoRoot, 'scripts', 'shared', 'place.ts'),
    path.join(repoRoot, 'lib', 'plot', 'show.ts'),
    path.join(repoRoot, 'package-lock.json'),
  ];
  const h = createHash('sha256');
  h.update(`v${CACHE_VERSION}\n${options}\n`);
  for (const f of files) {
    h.update(`${path.relative(repoRoot, f)}\n`);
    if (existsSync(f)) h.update(readFileSync(f));
  }
  return h.digest('hex');
}

export function readCache(file: string): ExportCache | undefined {
  try {
    const cache = JSON.parse(readFileSync(file, 'utf8')) as ExportCache;
    return cache.version === CACHE_VERSION ? cache : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The executed notebooks to export: all of them, or, given the folder of source notebooks, only those whose source
 * still exists (an executed copy of a deleted or renamed notebook is never exported).
 */
export function exportedNotebooks(notebooksDir: string, sourcesDir: string | null | undefined): string[] {
  const all = listNotebooks(notebooksDir);
  return sourcesDir ? all.filter((f) => existsSync(path.join(sourcesDir, path.relative(notebooksDir, f)))) : all;
}

export interface FreshnessInput {
  cacheFile: string;
  notebooksDir: string;
  sourcesDir?: string | null;
  mdxDir: string;
  siteDir: string;
  fingerprint: string;
}

/**
 * True when the last export succeeded with this very exporter and options, no notebook was added, removed or touched
 * (size and mtime, as make and git judge it), and every output it wrote is still there.
 */
export function upToDate(input: FreshnessInput): boolean {
  const cache = readCache(input.cacheFile);
  if (!cache || cache.failed || cache.fingerprint !== input.fingerprint) return false;
  const files = exportedNotebooks(input.notebooksDir, input.sourcesDir).map((f) => path.relative(input.notebooksDir, f));
  if (files.length !== Object.keys(cache.notebooks).length) return false;
  for (const rel of files) {
    const seen = cache.notebooks[rel];
    if (!seen) return false;
    const st = statSync(path.join(input.notebooksDir, rel));
    if (st.size !== seen.size || st.mtimeMs !== seen.mtimeMs) return false;
  }
  if (!existsSync(path.join(input.siteDir, 'index.html'))) return false;
  for (const slug of Object.keys(cache.lessons)) {
    if (!existsSync(path.join(input.siteDir, `${slug}.html`)) || !existsSync(path.join(input.mdxDir, `${slug}.mdx`))) return false;
  }
  return true;
}
