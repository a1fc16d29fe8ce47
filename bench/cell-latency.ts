// Benchmark: cell latency of the project kernel (trivial, `tf` and import cells) against Debian's Python kernel, in one run.
// Run: npm run bench:cells [-- --repeat 10 --lessons 04,09,12 --imports all|none|04,12 --no-before --no-new-checker]
// Needs /usr/bin/python3 with jupyter_client (Debian's python3-jupyter-client) and python3-ipykernel. Each scenario gets a
// fresh kernel started in the notebook's folder, as Jupyter does; a cell's time is request sent -> kernel idle, median
// of --repeat cells. Ratios are against the Python kernel's trivial cell measured in the same run (the machine's load
// moves both). "before" is the same kernel with MLIN_KERNEL_COMPILE_SPEED=off (tslab's own compiler, as before
// scripts/kernel/compile-speed.cjs); "new-checker" is compile-speed.cjs without its item 5 (MLIN_KERNEL_KEEP_CHECKER=off:
// a new type checker for every cell); "after" is the kernel as it ships, with a fresh kernel cache: import cells are
// timed once with it empty (cold: the first run after a lib/ edit or a fresh checkout) and twice more after the
// lessons filled it (warm): without and with the kernel's startup snapshot (scripts/kernel/snapshot.cjs), which the cold
// kernels build in the background. CPU times include the kernel's child processes (the snapshot kernel). --no-before leaves out "before", --no-new-checker leaves out "new-checker".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { collectNotebooks } from '../scripts/runner/run-all';
import { joinSource, readNotebook } from '../scripts/runner/notebook';
import { KERNEL_NAME } from '../scripts/runner/kernel';

const ROOT = path.resolve(__dirname, '..');
const PYTHON = '/usr/bin/python3';
const TRIVIAL = '1 + {i}'; // the probe puts 0, 1, ... for {i}: each cell new to the compiler
const TF_CELL = 'tf.tidy(() => tf.tensor1d([1, 2, {i}]).sum().dataSync()[0])';

interface Scenario { name: string; kernel: string; cwd: string; setup?: string[]; cells?: Record<string, string>; wait_absent?: string }
interface Result { name: string; setup_seconds: number[]; cell_seconds: Record<string, number[]>; cell_cpu_seconds: Record<string, number> }

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (s: number): string => `${(s * 1000).toFixed(1)} ms`;

/** The lesson's first code cell: its imports (and the setup that goes with them). */
function importCell(file: string): string {
  const cell = readNotebook(file).cells.find((c) => c.cell_type === 'code');
  if (!cell) throw new Error(`${file}: no code cell`);
  return joinSource(cell.source);
}

function lessonFile(files: string[], prefix: string): string {
  const f = files.find((x) => path.basename(x).startsWith(`${prefix}-`));
  if (!f) throw new Error(`no lesson notebooks/${prefix}-*.ipynb (lessons: ${files.map((x) => path.basename(x)).join(', ')})`);
  return f;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      repeat: { type: 'string', default: '10' }, lessons: { type: 'string', default: '04,09,12' }, imports: { type: 'string', default: 'all' },
      'no-before': { type: 'boolean', default: false }, 'no-new-checker': { type: 'boolean', default: false },
    },
  });
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new RangeError(`expected --repeat >= 1, got ${values.repeat}`);
  const files = collectNotebooks([path.join(ROOT, 'notebooks')]);
  const latencyLessons = values.lessons.split(',').filter(Boolean).map((p) => lessonFile(files, p));
  const importLessons = values.imports === 'all' ? files : values.imports === 'none' ? [] : values.imports.split(',').map((p) => lessonFile(files, p));

  const work = mkdtempSync(path.join(tmpdir(), 'mlin-bench-cells-'));
  try {
    // The project kernelspec goes into a private data dir; Debian's python3 kernelspec comes from the system dirs.
    const install = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'kernel-install.ts'), '--prefix', work], { cwd: ROOT, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`kernel install failed:\n${install.stderr}`);
    const nbDir = path.join(ROOT, 'notebooks');
    // Two more kernelspecs beside it: the same kernel with tslab's own compiler ("before"), and with a private cache.
    const specDir = path.join(work, 'share', 'jupyter', 'kernels');
    const spec = JSON.parse(readFileSync(path.join(specDir, KERNEL_NAME, 'kernel.json'), 'utf8')) as Record<string, unknown>;
    const variants = {
      before: { MLIN_KERNEL_COMPILE_SPEED: 'off' },
      'new-checker': { MLIN_KERNEL_KEEP_CHECKER: 'off', MLIN_KERNEL_CACHE_DIR: path.join(work, 'kernel-cache-new-checker') },
      after: { MLIN_KERNEL_CACHE_DIR: path.join(work, 'kernel-cache') },
      // The same cache, without the startup snapshot (scripts/kernel/snapshot.cjs): what the snapshot itself saves.
      'no-snapshot': { MLIN_KERNEL_CACHE_DIR: path.join(work, 'kernel-cache'), MLIN_KERNEL_SNAPSHOT: 'off' },
    };
    for (const [name, env] of Object.entries(variants)) {
      mkdirSync(path.join(specDir, `${KERNEL_NAME}-${name}`), { recursive: true });
      writeFileSync(path.join(specDir, `${KERNEL_NAME}-${name}`, 'kernel.json'), JSON.stringify({ ...spec, env }));
    }
    const kernels = [...(values['no-before'] ? [] : ['before']), ...(values['no-new-checker'] ? [] : ['new-checker']), 'after'];
    const latency = (v: string): Scenario[] => [
      { name: `${v}/fresh`, kernel: `${KERNEL_NAME}-${v}`, cwd: nbDir, cells: { trivial: TRIVIAL } },
      ...latencyLessons.map((f) => ({ name: `${v}/${path.basename(f, '.ipynb')}`, kernel: `${KERNEL_NAME}-${v}`, cwd: path.dirname(f), setup: [importCell(f)], cells: { trivial: TRIVIAL, tf: TF_CELL } })),
    ];
    const imports = (v: string, label: string): Scenario[] => importLessons.map((f) => ({ name: `${label}/${path.basename(f, '.ipynb')}`, kernel: `${KERNEL_NAME}-${v}`, cwd: path.dirname(f), setup: [importCell(f)] }));
    const scenarios: Scenario[] = [
      { name: 'python', kernel: 'python3', cwd: nbDir, cells: { trivial: TRIVIAL } },
      ...(kernels.includes('before') ? [...latency('before'), ...imports('before', 'before-import')] : []),
      ...(kernels.includes('new-checker') ? latency('new-checker') : []),
      ...imports('after', 'cold-import'), // empty cache, no snapshot: the first kernels build one in the background
      // A snapshot build started by those kernels finishes before anything is timed again.
      { name: 'wait-for-snapshot', kernel: '', cwd: nbDir, wait_absent: path.join(work, 'kernel-cache', 'snapshot', 'build.lock') },
      ...latency('after'),
      ...imports('no-snapshot', 'warm-import-no-snapshot'),
      ...imports('after', 'warm-import'),
    ];
    const probe = spawnSync(PYTHON, [path.join(ROOT, 'bench', 'cell-latency.py')], {
      cwd: ROOT, encoding: 'utf8', input: JSON.stringify({ repeat, scenarios }), maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, JUPYTER_PATH: path.join(work, 'share', 'jupyter') },
    });
    if (probe.status !== 0) throw new Error(`probe failed (${PYTHON} bench/cell-latency.py):\n${probe.stderr.slice(-4000)}`);
    const results = probe.stdout.trim().split('\n').map((l) => JSON.parse(l) as Result);
    const byName = new Map(results.map((r) => [r.name, r]));
    const py = median(byName.get('python')!.cell_seconds.trivial);
    const rel = (s: number): string => `${(s / py).toFixed(1)}x`;
    const cell = (name: string, label: string): string => {
      const xs = byName.get(name)?.cell_seconds[label];
      return xs ? `${ms(median(xs))} (${rel(median(xs))})` : 'n/a';
    };
    // The kernel process's own CPU time per cell (mean over the cells), against the Python kernel's.
    const pyCpu = byName.get('python')!.cell_cpu_seconds.trivial;
    const cpu = (name: string, label: string): string => {
      const c = byName.get(name)?.cell_cpu_seconds[label];
      return c === undefined ? 'n/a' : `${ms(c)} (${(c / pyCpu).toFixed(1)}x)`;
    };

    console.log(`median of ${repeat} cells; load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
    console.log(`| cell | ${kernels.join(' | ')} |`);
    console.log(`| --- |${kernels.map(() => ' ---: |').join('')}`);
    console.log(`| Python kernel (ipykernel), trivial | ${kernels.map(() => `${ms(py)} (1.0x)`).join(' | ')} |`);
    console.log(`| this kernel, fresh, trivial | ${kernels.map((v) => cell(`${v}/fresh`, 'trivial')).join(' | ')} |`);
    for (const f of latencyLessons) {
      const n = path.basename(f, '.ipynb');
      for (const label of ['trivial', 'tf']) console.log(`| ${n}: ${label} cell after imports | ${kernels.map((v) => cell(`${v}/${n}`, label)).join(' | ')} |`);
    }
    console.log(`\nCPU time of the kernel process per cell (mean of ${repeat}; clock ticks of ${ms(0.01)}, so about +-${ms(0.01 / repeat)}):\n`);
    console.log(`| cell | ${kernels.join(' | ')} |`);
    console.log(`| --- |${kernels.map(() => ' ---: |').join('')}`);
    console.log(`| Python kernel (ipykernel), trivial | ${kernels.map(() => `${ms(pyCpu)} (1.0x)`).join(' | ')} |`);
    console.log(`| this kernel, fresh, trivial | ${kernels.map((v) => cpu(`${v}/fresh`, 'trivial')).join(' | ')} |`);
    for (const f of latencyLessons) {
      const n = path.basename(f, '.ipynb');
      for (const label of ['trivial', 'tf']) console.log(`| ${n}: ${label} cell after imports | ${kernels.map((v) => cpu(`${v}/${n}`, label)).join(' | ')} |`);
    }
    if (importLessons.length) {
      const cols = [...(kernels.includes('before') ? ['before-import'] : []), 'cold-import', 'warm-import-no-snapshot', 'warm-import'];
      const heads: Record<string, string> = { 'before-import': 'before', 'cold-import': 'after, empty cache', 'warm-import-no-snapshot': 'after, warm cache, no snapshot', 'warm-import': 'after, warm cache and snapshot' };
      console.log(`\n| lesson: import cell (first code cell, fresh kernel) | ${cols.map((c) => heads[c]).join(' | ')} |`);
      console.log(`| --- |${cols.map(() => ' ---: |').join('')}`);
      for (const f of importLessons) {
        const n = path.basename(f, '.ipynb');
        console.log(`| ${n} | ${cols.map((c) => { const r = byName.get(`${c}/${n}`); return r ? `${r.setup_seconds[0].toFixed(2)} s` : 'n/a'; }).join(' | ')} |`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
