// Runs many notebooks: a pool of kernels, the cache, sharding, atomic outputs, and a report in a stable order.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { PlacedError } from '../shared/place';
import { writeFileAtomic } from '../../lib/core/atomic-write';
import { inputHash, RunCache } from './cache';
import { KernelClient, kernelNodeFlags } from './kernel';
import { resolveKernelSpec } from './kernelspec';
import { readNotebook, serializeNotebook } from './notebook';
import type { Progress } from './progress';
import { buildReport, cellCounts, failureKind, type NotebookReport, type RunReport } from './report';
import { formatFailure, runNotebook } from './run-notebook';

export interface RunAllOptions {
  repoRoot: string;
  /** Folder whose layout is mirrored under outDir (notebooks outside it go to outDir's top level). */
  notebooksDir: string;
  outDir: string;
  cacheDir: string;
  jobs: number;
  timeoutSec: number;
  force: boolean;
  shard: { index: number; count: number } | null;
  progress: Progress;
  /** Where failure details are printed as they happen. */
  log: (text: string) => void;
  /** Set to stop starting new notebooks (Ctrl-C). */
  signal?: { aborted: boolean };
}

/** Every .ipynb under the given paths, sorted, hidden folders and checkpoints skipped; missing paths kept (reported later). */
export function collectNotebooks(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try { st = statSync(p); } catch { files.push(p); continue; }
    if (!st.isDirectory()) { files.push(p); continue; }
    for (const entry of readdirSync(p).sort()) {
      if (entry.startsWith('.')) continue; // .ipynb_checkpoints and friends
      const full = path.join(p, entry);
      if (statSync(full).isDirectory()) files.push(...collectNotebooks([full]));
      else if (entry.endsWith('.ipynb')) files.push(full);
    }
  }
  return files;
}

/** The deterministic 1/n of the (sorted) notebooks that shard i (1-based) runs: every n-th, starting at i. */
export function selectShard<T>(items: T[], shard: { index: number; count: number } | null): T[] {
  if (!shard) return items;
  return items.filter((_, k) => k % shard.count === shard.index - 1);
}

export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new RangeError(`--shard expects i/n with 1 <= i <= n (e.g. 1/3), got ${JSON.stringify(text)}`);
  return { index, count };
}

/** Removes temp files an earlier run left behind when it was killed mid-write. */
export function removeStaleTempFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) removeStaleTempFiles(full);
    else if (entry.name.startsWith('.') && entry.name.endsWith('.tmp')) rmSync(full, { force: true });
  }
}

export function outputPathFor(file: string, notebooksDir: string, outDir: string): string {
  const rel = path.relative(notebooksDir, path.resolve(file));
  return path.join(outDir, rel.startsWith('..') || path.isAbsolute(rel) ? path.basename(file) : rel);
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Live kernels of this process, so Ctrl-C and exit can stop every one of them. */
export const liveKernels = new Set<KernelClient>();

async function runOne(file: string, options: RunAllOptions, cache: RunCache, nodeFlags: string[]): Promise<NotebookReport> {
  const rel = toPosix(path.relative(options.repoRoot, path.resolve(file)) || file);
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  const outFile = outputPathFor(file, options.notebooksDir, options.outDir);
  const relOut = toPosix(path.relative(options.repoRoot, outFile));
  const invalid = (err: PlacedError | Error): NotebookReport => {
    options.log(`✖ ${err.message}`);
    return {
      path: rel, status: 'failed', cells: { total: 0, ok: 0, error: 0, expectedError: 0, skipped: 0, notRun: 0 }, seconds: seconds(), output: null,
      failure: { kind: 'invalid-notebook', cell: err instanceof PlacedError ? err.place.cell ?? null : null, cellId: null, line: null, reason: err instanceof PlacedError ? err.reason : err.message, message: err.message },
    };
  };
  let nb;
  try {
    nb = readNotebook(file);
  } catch (err) {
    return invalid(err as Error);
  }
  options.progress.started(rel);
  const codeIdx = new Set(nb.cells.flatMap((c, i) => (c.cell_type === 'code' ? [i] : [])));
  const notebookDir = path.dirname(path.resolve(file));
  // A notebook naming a kernel that is not installed is reported by runNotebook (once); its hash just omits the spec.
  let kernelArgv = '';
  try { kernelArgv = JSON.stringify(resolveKernelSpec(nb.metadata.kernelspec?.name, process.env).argv); } catch { /* reported below */ }
  const { hash } = inputHash(nb, options.repoRoot, { timeout: options.timeoutSec, kernel: kernelArgv }, notebookDir);
  if (!options.force) {
    const hit = cache.lookup(rel, hash, outFile);
    if (hit) {
      return { path: rel, status: 'cached', cells: { total: hit.cells, ok: hit.cells, error: 0, expectedError: 0, skipped: 0, notRun: 0 }, seconds: seconds(), output: relOut, failure: null };
    }
  }
  let kernelRef: KernelClient | undefined;
  const result = await runNotebook(nb, rel, {
    timeoutSec: options.timeoutSec,
    nodeFlags,
    cwd: notebookDir,
    onKernel: (k) => { kernelRef = k; liveKernels.add(k); },
    onCell: (done, total) => options.progress.cell(rel, done, total),
  }).finally(() => { if (kernelRef) liveKernels.delete(kernelRef); });
  // Stopped by Ctrl-C: the kernel was ended on purpose, so the last executed copy and the cache stay as they were.
  if (options.signal?.aborted) return { path: rel, status: 'failed', cells: cellCounts(result.cells, codeIdx), seconds: seconds(), output: null, failure: null };
  const text = serializeNotebook(result.notebook);
  if (!result.failure?.invalidNotebook) writeFileAtomic(outFile, text);
  const cells = cellCounts(result.cells, codeIdx);
  if (result.failure) {
    options.log(formatFailure(result.failure));
    const f = result.failure;
    return {
      path: rel, status: 'failed', cells, seconds: seconds(), output: f.invalidNotebook ? null : relOut,
      failure: { kind: failureKind(result.cells, f), cell: f.place.cell ?? null, cellId: f.place.cellId ?? null, line: f.place.line ?? null, reason: f.reason, message: f.kernelOutput.slice(0, 20_000) },
    };
  }
  // Only a fully successful run is cached; a failure always runs again.
  cache.store(rel, { inputHash: hash, outputSha256: RunCache.outputSha256(text), cells: cells.ok + cells.expectedError, seconds: seconds() });
  return { path: rel, status: 'passed', cells, seconds: seconds(), output: relOut, failure: null };
}

/** Runs `files` with a pool of `jobs` kernels; the report lists notebooks in the order given. */
export async function runAll(files: string[], options: RunAllOptions): Promise<RunReport> {
  removeStaleTempFiles(options.outDir);
  const cache = new RunCache(options.cacheDir);
  const results: NotebookReport[] = new Array(files.length);
  let next = 0;
  const kernelsAtOnce = Math.max(1, Math.min(options.jobs, files.length));
  // Sized for the kernels that share the machine, so their V8 helper threads do not crowd out each other's main thread.
  const nodeFlags = kernelNodeFlags(kernelsAtOnce);
  const worker = async () => {
    while (next < files.length && !options.signal?.aborted) {
      const k = next++;
      try {
        results[k] = await runOne(files[k], options, cache, nodeFlags);
      } catch (err) {
        // A runner bug must still end up in the report as a failure, never as a pass.
        const rel = toPosix(path.relative(options.repoRoot, path.resolve(files[k])));
        options.log(`✖ ${rel}: runner error: ${(err as Error).stack ?? String(err)}`);
        results[k] = { path: rel, status: 'failed', cells: { total: 0, ok: 0, error: 0, expectedError: 0, skipped: 0, notRun: 0 }, seconds: 0, output: null, failure: { kind: 'error', cell: null, cellId: null, line: null, reason: `runner error: ${(err as Error).message}`, message: String((err as Error).stack ?? err) } };
      }
      options.progress.finished(results[k]);
    }
  };
  await Promise.all(Array.from({ length: kernelsAtOnce }, worker));
  return buildReport(results.filter(Boolean), options.shard);
}

/**
 * Removes executed copies under `outDir` whose source notebook under `notebooksDir` is gone (deleted or renamed), so
 * neither the build folder nor the export keeps them. Returns the removed files. Only meaningful after a run over the
 * whole of `notebooksDir` (outDir mirrors it then).
 */
export function pruneOrphans(outDir: string, notebooksDir: string): string[] {
  if (!existsSync(outDir)) return [];
  const removed: string[] = [];
  for (const out of collectNotebooks([outDir])) {
    const rel = path.relative(outDir, out);
    if (!existsSync(path.join(notebooksDir, rel))) {
      rmSync(out, { force: true });
      removed.push(out);
    }
  }
  return removed;
}

export function writeReport(file: string, report: RunReport): void {
  writeFileAtomic(file, JSON.stringify(report, null, 2) + '\n');
}

export function readReport(file: string): RunReport {
  return JSON.parse(readFileSync(file, 'utf8')) as RunReport;
}
