// For kernel tests: a kernel compile cache holding a startup snapshot (scripts/kernel/snapshot.cjs), so a suite can run its kernel from one.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const requireCjs = createRequire(__filename);
// The kernel's CommonJS module, typed here by what the tests use of it.
const snapshot = requireCjs('../../scripts/kernel/snapshot.cjs') as {
  buildSync(files: { fileName: string; languageVersion: number }[], env: Record<string, string | undefined>): string;
};

const made: string[] = [];
// A snapshot is some 45 MB: gone when the test file's process ends (its kernels have been shut down by then).
process.on('exit', () => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

/**
 * A new cache folder with a snapshot of TypeScript alone (no parsed files: what matters to these suites is that the
 * kernel runs from a snapshot, through the launcher). Returns the environment that points a kernel at it.
 */
export function snapshotKernelEnv(): Record<string, string> {
  const cache = mkdtempSync(path.join(tmpdir(), 'mlin-kernel-snapshot-'));
  made.push(cache);
  const env = { MLIN_KERNEL_CACHE_DIR: cache };
  snapshot.buildSync([], { ...process.env, ...env });
  return env;
}
