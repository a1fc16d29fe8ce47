// Times `npm run export` (full into empty folders on one thread and on two, no change, one lesson changed) and reports each page's size (HTML + CSS, without plotly.js and fonts).
// Usage: npm run bench:export [-- --notebooks DIR] [--lessons N]
// Default input: a copy of the executed notebooks in build/notebooks (lessons and katas/; one of the copies is edited for
// the one-change runs); with none there, N synthetic lessons built from the
// export fixtures, each as heavy as a real one (the runner's multi-MB plotly.js embed in its first chart, long series).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { plotlySource } from '../lib/plot/show';

const REPO = path.resolve(__dirname, '..');
const WORK = path.join(REPO, 'build', 'bench-export');

type Json = Record<string, unknown>;
interface Nb { cells: (Json & { outputs?: Json[]; source: string[] | string })[]; metadata: Json }

function syntheticLessons(dir: string, n: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const fixtures = path.join(REPO, 'tests', 'fixtures', 'export', 'lessons');
  const parts = readdirSync(fixtures).sort().map((f) => JSON.parse(readFileSync(path.join(fixtures, f), 'utf8')) as Nb);
  const embed = `<script>if (!window.Plotly) { (function (define, module, exports) {\n${plotlySource()}\n}).call(window); }</script>\n`;
  for (let i = 1; i <= n; i++) {
    const cells: Json[] = parts.flatMap((p, k) => structuredClone(p.cells).map((c) => ({ ...c, id: `l${i}-p${k}-${String(c.id)}` })));
    // Two long series per lesson (a training curve of 2,000 steps, a 40x40 heatmap), like real lessons draw.
    const x = Array.from({ length: 2000 }, (_, t) => t);
    const curve = { data: [{ type: 'scatter', mode: 'lines', name: 'loss', x, y: x.map((t) => Math.round(1e6 * Math.exp(-t / 400) * (1 + 0.05 * Math.sin(t))) / 1e6) }], layout: { title: { text: `Lesson ${i} training` } } };
    const z = Array.from({ length: 40 }, (_, r) => Array.from({ length: 40 }, (_, c) => Math.round(1000 * Math.sin(r / 5) * Math.cos(c / 7)) / 1000));
    const heat = { data: [{ type: 'heatmap', z }], layout: { title: { text: 'Weights' }, height: 400 } };
    const chart = (fig: Json, first: boolean) => ({
      output_type: 'display_data', metadata: {},
      data: { 'application/vnd.plotly.v1+json': fig, 'text/html': `${first ? embed : ''}<div id="p"></div>`, 'text/plain': 'Plotly figure' },
    });
    cells.splice(1, 0,
      { cell_type: 'code', id: `l${i}-curve`, execution_count: 1, metadata: {}, source: ['show(curve);'], outputs: [chart(curve, true)] },
      { cell_type: 'code', id: `l${i}-heat`, execution_count: 2, metadata: {}, source: ['show(heat);'], outputs: [chart(heat, false)] });
    const nb = { ...parts[0], cells, metadata: { ...parts[0].metadata, lesson: { title: `Synthetic lesson ${i}`, description: `Benchmark lesson ${i}: prose, math, code, charts and outputs.`, tags: ['bench'], order: i } } };
    writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}-synthetic-${i}.ipynb`), JSON.stringify(nb));
  }
}

/** CPU seconds (user + system) of this process's finished children, where Linux tells (/proc/self/stat), else NaN. */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    // After "(comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here; in clock ticks (100/s).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

interface Timing { wall: number; cpu: number }
const cpuSamples: number[] = [];

function timeExport(args: string[]): number {
  const t = performance.now();
  const cpu = childCpuSeconds();
  const out = execFileSync('npm', ['run', '-s', 'export', '--', '-q', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  cpuSamples.push(childCpuSeconds() - cpu);
  // An export that ends early (exit code 0, nothing written: --threads 2 once did) must not pass for a fast one.
  if (!/^export: \d+ lessons? (->|up to date)/m.test(out)) throw new Error(`npm run export ${args.join(' ')} printed no summary line:\n${out}`);
  return (performance.now() - t) / 1000;
}

/** Times `runs` exports: wall seconds, and CPU seconds (all threads and child processes: npm, node, its worker, esbuild). */
function timeRuns(runs: number, run: (k: number) => number): Timing[] {
  return Array.from({ length: runs }, (_, k) => {
    const wall = run(k);
    return { wall, cpu: cpuSamples[cpuSamples.length - 1] };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (label: string, ts: Timing[]) =>
  `${label.padEnd(24)}median ${median(ts.map((t) => t.wall)).toFixed(2)} s   runs ${ts.map((t) => t.wall.toFixed(2)).join(', ')}` +
  `   (CPU median ${median(ts.map((t) => t.cpu)).toFixed(2)} s)`;

/** A copy of an executed-notebooks folder (with its subfolders): the benchmark edits a notebook, never the build's own. */
function copyNotebooks(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true, filter: (src) => !path.basename(src).startsWith('.') });
}

function main(): void {
  const { values } = parseArgs({ options: { notebooks: { type: 'string' }, lessons: { type: 'string', default: '15' } } });
  const given = values.notebooks ? path.resolve(values.notebooks) : path.join(REPO, 'build', 'notebooks');
  const real = existsSync(given) && readdirSync(given).some((f) => /^\d+.*\.ipynb$/.test(f));
  const notebooks = path.join(WORK, 'notebooks');
  if (values.notebooks || real) copyNotebooks(given, notebooks);
  else syntheticLessons(notebooks, Number(values.lessons));
  const files = readdirSync(notebooks, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ipynb')).sort();
  const inputMb = files.reduce((s, f) => s + statSync(path.join(notebooks, f)).size, 0) / 1e6;
  const mdx = path.join(WORK, 'mdx');
  const site = path.join(WORK, 'site');
  const args = ['--notebooks', notebooks, '--mdx', mdx, '--site', site];
  const source = real || values.notebooks ? path.relative(REPO, given) : 'synthetic lessons';
  console.log(`bench:export: ${files.length} notebooks from ${source} (${inputMb.toFixed(1)} MB of executed notebooks, copied to ${path.relative(REPO, notebooks)}), 2-core budget: full < 5 s, no change < 0.5 s`);
  console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} on ${os.availableParallelism()} cores (wall times under load mean little; CPU times less so)`);
  // A full export as on a fresh clone: empty output folders, nothing to carry over (--force alone would still find them).
  const fresh = (extra: string[]) => {
    for (const dir of [mdx, site, path.join(WORK, '.export-cache.json')]) rmSync(dir, { recursive: true, force: true });
    return timeExport([...args, '--force', ...extra]);
  };
  fresh([]); // warm-up: fills the minified plotly.js cache and the OS file cache
  const full = timeRuns(3, () => fresh(['--threads', '1']));
  const two = timeRuns(3, () => fresh(['--threads', '2']));
  const none = timeRuns(5, () => timeExport(args));
  const victim = path.join(notebooks, files[Math.floor(files.length / 2)]);
  const one = timeRuns(3, (k) => {
    const nb = JSON.parse(readFileSync(victim, 'utf8')) as Nb;
    nb.cells.push({ cell_type: 'markdown', id: `bench-edit-${k}`, metadata: {}, source: [`Edit ${k} ${Date.now()}`] });
    writeFileSync(victim, JSON.stringify(nb));
    return timeExport(args);
  });
  console.log(line('full, --threads 1', full));
  console.log(line('full, --threads 2', two));
  console.log(line('no change', none));
  console.log(line('one lesson changed', one));
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  const css = (f: string) => statSync(path.join(site, 'assets', f)).size;
  console.log('\npage sizes (HTML + CSS it loads; plotly.js, fonts, images not counted):');
  for (const page of readdirSync(site).filter((f) => f.endsWith('.html')).sort()) {
    const html = readFileSync(path.join(site, page), 'utf8');
    const styles = css('site.css') + (html.includes('katex.min.css') ? css('katex/katex.min.css') : 0);
    console.log(`  ${page.padEnd(34)} ${(html.length / 1024).toFixed(1).padStart(7)} KB HTML + ${(styles / 1024).toFixed(1).padStart(5)} KB CSS${html.includes('plotly.min.js') ? '  (+ plotly.js, loaded once, cached)' : ''}`);
  }
  console.log(`  plotly.js ${(css('plotly.min.js') / 1e6).toFixed(2)} MB, copied once into assets/`);
  // The search index is loaded only when a reader first uses the search box (site/nav.js).
  console.log(`  search: index ${(css('search-index.js') / 1024).toFixed(1)} KB + MiniSearch ${(css('minisearch.js') / 1024).toFixed(1)} KB, loaded on first use of the search box`);
}

main();
