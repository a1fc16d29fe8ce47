// Test helpers: run the notebook CLI in a child process against fixture notebooks, in a temp output folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'notebooks');

export interface CliResult { status: number | null; stdout: string; stderr: string; outDir: string }

export function runCli(args: string[], env: Record<string, string> = {}): CliResult {
  const outDir = mkdtempSync(path.join(tmpdir(), 'mlin-test-out-'));
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'scripts', 'run-notebooks.ts'), ...args, '--out', outDir], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1', ...env }, timeout: 240_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outDir };
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
