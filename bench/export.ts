// Times `npm run export` (full, no change, one lesson changed) and reports each page's size (HTML + CSS, without plotly.js and fonts).
// Usage: npm run bench:export [-- --notebooks DIR] [--lessons N]
// Default input: the executed lessons in build/notebooks (NN-*.ipynb); with none there, N synthetic lessons built from the
// export fixtures, each as heavy as a real one (the runner's multi-MB plotly.js embed in its first chart, long series).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

function timeExport(args: string[]): number {
  const t = performance.now();
  execFileSync('npm', ['run', '-s', 'export', '--', '-q', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  return (performance.now() - t) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const { values } = parseArgs({ options: { notebooks: { type: 'string' }, lessons: { type: 'string', default: '15' } } });
  let notebooks = values.notebooks ? path.resolve(values.notebooks) : path.join(REPO, 'build', 'notebooks');
  const real = existsSync(notebooks) && readdirSync(notebooks).some((f) => /^\d+.*\.ipynb$/.test(f));
  if (!values.notebooks && !real) {
    notebooks = path.join(WORK, 'notebooks');
    syntheticLessons(notebooks, Number(values.lessons));
  }
  const files = readdirSync(notebooks).filter((f) => f.endsWith('.ipynb')).sort();
  const inputMb = files.reduce((s, f) => s + statSync(path.join(notebooks, f)).size, 0) / 1e6;
  const mdx = path.join(WORK, 'mdx');
  const site = path.join(WORK, 'site');
  const args = ['--notebooks', notebooks, '--mdx', mdx, '--site', site];
  console.log(`bench:export: ${files.length} lessons from ${path.relative(REPO, notebooks)} (${inputMb.toFixed(1)} MB of executed notebooks), 2-core budget: full < 5 s, no change < 0.5 s`);
  timeExport([...args, '--force']); // warm-up: fills the minified plotly.js cache and the OS file cache
  const full = [0, 1, 2].map(() => timeExport([...args, '--force']));
  const none = [0, 1, 2, 3, 4].map(() => timeExport(args));
  const victim = path.join(notebooks, files[Math.floor(files.length / 2)]);
  const one = [0, 1, 2].map((k) => {
    const nb = JSON.parse(readFileSync(victim, 'utf8')) as Nb;
    nb.cells.push({ cell_type: 'markdown', id: `bench-edit-${k}`, metadata: {}, source: [`Edit ${k} ${Date.now()}`] });
    writeFileSync(victim, JSON.stringify(nb));
    return timeExport(args);
  });
  console.log(`full export (--force)   median ${median(full).toFixed(2)} s   runs ${full.map((t) => t.toFixed(2)).join(', ')}`);
  console.log(`no change               median ${median(none).toFixed(2)} s   runs ${none.map((t) => t.toFixed(2)).join(', ')}`);
  console.log(`one lesson changed      median ${median(one).toFixed(2)} s   runs ${one.map((t) => t.toFixed(2)).join(', ')}`);
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
