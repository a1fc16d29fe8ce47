// Export options with their defaults, and the fingerprint of everything besides the notebooks that the output depends on.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprint } from './cache';

// This folder's package.json says "type": "module": the MDX toolchain is ESM-only and must be imported, not required.
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_TITLE = 'ML interview notebooks';
export const DEFAULT_INTRO = 'Runnable TypeScript lessons for machine-learning interviews: intuition, formulas, code, charts, interview questions and exercises.';

export interface ExportOptions {
  notebooksDir: string;
  mdxDir: string;
  siteDir: string;
  /** Where the export remembers what it built (default: `.export-cache.json` beside the site folder). */
  cacheFile?: string;
  /** Folder of the source notebooks as the front matter names it (default `notebooks`). */
  sourcePrefix?: string;
  /** Folder of the source notebooks on disk: executed copies without a source there are not exported (default: no check). */
  sourcesDir?: string | null;
  siteTitle?: string;
  intro?: string;
  /** Rebuild everything, ignoring what the previous export left. */
  force?: boolean;
  /** Threads that build lessons: 1 (default) or 2 (a worker thread beside this one). The output is the same. */
  threads?: number;
  log?: (line: string) => void;
}

export type ResolvedOptions = Required<ExportOptions>;

export function resolveOptions(options: ExportOptions): ResolvedOptions {
  return {
    cacheFile: path.join(path.dirname(options.siteDir), '.export-cache.json'),
    sourcePrefix: 'notebooks',
    sourcesDir: null,
    siteTitle: DEFAULT_TITLE,
    intro: DEFAULT_INTRO,
    force: false,
    threads: 1,
    log: () => undefined,
    ...options,
  };
}

/** The exporter's fingerprint for these options (code, site files, lockfile, title, intro, source prefix). */
export function exportFingerprint(o: ResolvedOptions): string {
  return fingerprint(REPO_ROOT, JSON.stringify([o.siteTitle, o.intro, o.sourcePrefix]));
}
