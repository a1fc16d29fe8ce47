// Test helpers: run the notebook CLI in a child process against fixture notebooks, in a temp output folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'notebooks');

export interface CliResult { status: number | null; stdout: string; stderr: string; outDir: string }

/** Runs the CLI; outputs, report and cache go to fresh temp folders unless `dirs` names them. */
export function runCli(args: string[], env: Record<string, string> = {}, dirs: { outDir?: string; cacheDir?: string } = {}): CliResult {
  const outDir = dirs.outDir ?? mkdtempSync(path.join(tmpdir(), 'mlin-test-out-'));
  const cacheDir = dirs.cacheDir ?? path.join(outDir, '.cache');
  const cli = ['--import', 'tsx', path.join(ROOT, 'scripts', 'run-notebooks.ts')];
  const r = spawnSync(process.execPath, [...cli, ...args, '--out', outDir, '--report', path.join(outDir, 'report.json'), '--cache', cacheDir], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1', ...env }, timeout: 240_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outDir };
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
