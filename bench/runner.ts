// Benchmark: this runner cold (empty cache) and warm (nothing changed) vs Debian's nbconvert --execute, one after another.
// Run: npm run bench:runner [-- notebooks...]   (default: every notebook under notebooks/; needs /usr/bin/jupyter)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectNotebooks } from '../scripts/runner/run-all';

const ROOT = path.resolve(__dirname, '..');
const JUPYTER = '/usr/bin/jupyter';

function timed(cmd: string, args: string[], env: Record<string, string> = {}): { seconds: number; status: number | null; stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, status: r.status, stderr: r.stderr };
}

function main(): void {
  const files = collectNotebooks(process.argv.slice(2).length ? process.argv.slice(2) : [path.join(ROOT, 'notebooks')]);
  if (!files.length) throw new Error('no notebooks to benchmark');
  const work = mkdtempSync(path.join(tmpdir(), 'mlin-bench-runner-'));
  const out = path.join(work, 'out');
  const cache = path.join(work, 'cache');
  // Each timed run starts with the kernel's compile cache (scripts/kernel/compile-speed.cjs) of its own, empty for the
  // cold run and for nbconvert alike; the warm run reuses the cold run's.
  const kernelCache = (name: string) => ({ MLIN_KERNEL_CACHE_DIR: path.join(work, `kernel-cache-${name}`) });
  const runner = (extra: string[]) => timed(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'run-notebooks.ts'), ...files,
    '--out', out, '--cache', cache, '--report', path.join(work, 'report.json'), ...extra], kernelCache('runner'));

  console.log(`${files.length} notebooks: ${files.map((f) => path.basename(f)).join(', ')}`);
  const cold = runner([]);
  if (cold.status !== 0) throw new Error(`cold run failed:\n${cold.stderr}`);
  const warm = runner([]);
  if (warm.status !== 0) throw new Error(`warm run failed:\n${warm.stderr}`);

  let nbconvert: number | null = null;
  if (existsSync(JUPYTER)) {
    const dataDir = path.join(work, 'jupyter');
    const install = timed(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'kernel-install.ts')], { JUPYTER_DATA_DIR: dataDir });
    if (install.status !== 0) throw new Error(`kernel install failed:\n${install.stderr}`);
    nbconvert = 0;
    for (const f of files) {
      const r = timed(JUPYTER, ['nbconvert', '--to', 'notebook', '--execute', f, '--output-dir', path.join(work, 'nbconvert'), '--ExecutePreprocessor.timeout=600'], { JUPYTER_DATA_DIR: dataDir, ...kernelCache('nbconvert') });
      if (r.status !== 0) throw new Error(`nbconvert failed on ${f}:\n${r.stderr.slice(-2000)}`);
      nbconvert += r.seconds;
    }
  }
  rmSync(work, { recursive: true, force: true });
  console.log('\n| run | seconds | vs nbconvert |');
  console.log('| --- | ---: | ---: |');
  const rel = (s: number) => (nbconvert ? `${(s / nbconvert).toFixed(2)}x` : 'n/a');
  console.log(`| this runner, cold (empty caches, --jobs default) | ${cold.seconds.toFixed(1)} | ${rel(cold.seconds)} |`);
  console.log(`| this runner, warm (nothing changed) | ${warm.seconds.toFixed(2)} | ${rel(warm.seconds)} |`);
  console.log(`| jupyter nbconvert --execute, one after another (empty kernel cache) | ${nbconvert === null ? 'not installed' : nbconvert.toFixed(1)} | 1.00x |`);
}

main();
