// The execution cache: a notebook is re-run only when its cells, imported code, data, lockfile or runner changed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../lib/core/atomic-write';
import { notebookDependencies } from './deps';
import { joinSource, type Notebook } from './notebook';

/** Bump when the runner's output format changes in a way its source hash would not show. */
export const RUNNER_FORMAT = 2;

export interface CacheEntry {
  /** Hash of everything the result depends on. */
  inputHash: string;
  /** sha256 of the executed copy written for that input. */
  outputSha256: string;
  cells: number;
  seconds: number;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function runnerSourceFiles(repoRoot: string): string[] {
  const dir = path.join(repoRoot, 'scripts', 'runner');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
  const kernelDir = path.join(repoRoot, 'scripts', 'kernel');
  const kernelFiles = readdirSync(kernelDir).filter((f) => f.endsWith('.cjs')).map((f) => path.join(kernelDir, f));
  return [...files, ...kernelFiles].sort();
}

/**
 * What a result depends on, as one hash: the cells' types, sources and metadata (all of it: the executed copy
 * carries it, so a changed formula sheet or lesson title must not be served stale from the cache), the notebook's metadata,
 * the kernel name, every local file imported (transitively) or dataset read, the lockfile, the runner's own
 * code, Node's version and the backend override. Outputs and execution counts are excluded.
 */
export function inputHash(nb: Notebook, repoRoot: string, extra: Record<string, string | number> = {}, notebookDir: string = repoRoot): { hash: string; files: string[] } {
  const h = createHash('sha256');
  const add = (label: string, data: string | Buffer) => { h.update(`${label}\0${data.length}\0`); h.update(data); };
  add('format', String(RUNNER_FORMAT));
  add('kernel', nb.metadata.kernelspec?.name ?? '');
  add('notebook-metadata', JSON.stringify(nb.metadata ?? null));
  for (const cell of nb.cells) {
    add('cell', `${cell.cell_type}\0${cell.id ?? ''}\0${JSON.stringify(cell.metadata ?? null)}`);
    add('source', joinSource(cell.source));
  }
  const codeSources = nb.cells.filter((c) => c.cell_type === 'code').map((c) => joinSource(c.source));
  const files = notebookDependencies(codeSources, repoRoot, notebookDir);
  const lockfile = path.join(repoRoot, 'package-lock.json');
  for (const f of [...files, ...runnerSourceFiles(repoRoot), ...(existsSync(lockfile) ? [lockfile] : [])]) {
    add(`file:${path.relative(repoRoot, f)}`, readFileSync(f));
  }
  add('node', process.version);
  add('backend', process.env.ML_BACKEND ?? '');
  for (const [k, v] of Object.entries(extra).sort()) add(`extra:${k}`, String(v));
  return { hash: h.digest('hex'), files };
}

export class RunCache {
  constructor(private readonly dir: string) {}

  private entryPath(notebookKey: string): string {
    return path.join(this.dir, `${sha256(notebookKey).slice(0, 24)}.json`);
  }

  /** The entry if the executed copy at `outputFile` is still the one recorded for `hash`. */
  lookup(notebookKey: string, hash: string, outputFile: string): CacheEntry | null {
    const file = this.entryPath(notebookKey);
    if (!existsSync(file) || !existsSync(outputFile)) return null;
    try {
      const entry = JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
      if (entry.inputHash !== hash) return null;
      if (sha256(readFileSync(outputFile)) !== entry.outputSha256) return null;
      return entry;
    } catch {
      return null; // a damaged entry is a miss, never an error
    }
  }

  /** Records a successful run (never a failure). */
  store(notebookKey: string, entry: CacheEntry): void {
    writeFileAtomic(this.entryPath(notebookKey), JSON.stringify(entry, null, 2) + '\n');
  }

  static outputSha256(text: string): string {
    return sha256(text);
  }
}
