// Measures the export's floor: what the libraries it is built on (micromark, @mdx-js/mdx, KaTeX, lowlight) must do for the current content, each piece done once.
// Usage: npm run bench:export-floor [-- --notebooks build/notebooks --mdx build/mdx --runs 3]
// Needs an export first (npm run build, or npm run notebooks && npm run export): it reads the executed notebooks and
// the MDX written from them. Each step runs over all of the content on one thread; the figures are the median of
// --runs passes, each in a fresh child process (a first pass, as the export pays it, JIT warm-up included).
// Last figures (2026-12-07, 2 cores without AVX2, load 2; 46 notebooks, 849 markdown cells, 2.3 MB of MDX, 3,316
// formulas, 878 code blocks): markdown cells 1.92 s, MDX parse 2.55 s, KaTeX 1.01 s, highlight 0.94 s, compile 7.11 s;
// floor 6.43 s on one thread (3.21 s split perfectly over 2 cores). An earlier run: 1.98, 3.14, 0.92, 0.95, 8.01 s.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const STEPS = ['markdown cells', 'mdx parse', 'katex', 'highlight', 'mdx compile (site page)'] as const;
type StepName = (typeof STEPS)[number];

const files = (dir: string, ext: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ext)).sort().map((f) => path.join(dir, f));

/** One step over all of the content, in this process; prints `{ ms, units }` as JSON. */
async function runStep(step: StepName, notebooksDir: string, mdxDir: string): Promise<void> {
  const { joinSource } = await import('../scripts/runner/notebook');
  const { parseMarkdown } = await import('../scripts/export/markdown');
  const { HIGHLIGHT_ALIASES, HIGHLIGHT_LANGUAGES, REMARK_PLUGINS, compileForSite } = await import('../scripts/export/compile');
  const { unified } = await import('unified');
  const remarkParse = (await import('remark-parse')).default;
  const remarkMdx = (await import('remark-mdx')).default;
  const { visit } = await import('unist-util-visit');
  const katex = (await import('katex')).default;
  const { KATEX_OPTIONS } = await import('../scripts/export/math');
  const { createLowlight } = await import('lowlight');
  const mdxTexts = files(mdxDir, '.mdx').map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));
  const parser = unified().use(remarkParse).use(remarkMdx).use(REMARK_PLUGINS).freeze();
  // The formulas and code blocks of every page, each once (the export memoises formulas too).
  const math = new Map<string, boolean>();
  const code: { lang: string; value: string }[] = [];
  if (step === 'katex' || step === 'highlight') {
    for (const { text } of mdxTexts) {
      visit(parser.parse(text), (n) => {
        if (n.type === 'math' || n.type === 'inlineMath') math.set(`${n.type === 'math' ? 'D' : 'I'}${n.value}`, n.type === 'math');
        if (n.type === 'code' && n.lang && n.lang !== 'math') code.push({ lang: n.lang, value: n.value });
      });
    }
  }
  const markdown: string[] = [];
  if (step === 'markdown cells') {
    for (const f of files(notebooksDir, '.ipynb')) {
      const nb = JSON.parse(readFileSync(f, 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
      for (const c of nb.cells) if (c.cell_type === 'markdown') markdown.push(joinSource(c.source));
    }
  }
  const t = performance.now();
  let units = 0;
  if (step === 'markdown cells') for (const m of markdown) { parseMarkdown(m); units++; }
  if (step === 'mdx parse') for (const { text } of mdxTexts) { parser.parse(text); units++; }
  if (step === 'katex') for (const [key, display] of math) { katex.renderToString(key.slice(1), { ...KATEX_OPTIONS, displayMode: display, throwOnError: false }); units++; }
  if (step === 'highlight') {
    // The export's own languages and fence names (compile.ts); other fences are not highlighted there either.
    const lowlight = createLowlight(HIGHLIGHT_LANGUAGES);
    lowlight.registerAlias(HIGHLIGHT_ALIASES);
    for (const c of code) {
      if (lowlight.registered(c.lang)) { lowlight.highlight(c.lang, c.value); units++; }
    }
  }
  if (step === 'mdx compile (site page)') {
    const slugs = new Set(mdxTexts.map((m) => path.basename(m.file, '.mdx')));
    for (const { file, text } of mdxTexts) { await compileForSite(text, file, { mdxDir, slugs }); units++; }
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - t, units }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      notebooks: { type: 'string', default: 'build/notebooks' },
      mdx: { type: 'string', default: 'build/mdx' },
      runs: { type: 'string', default: '3' },
      step: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage: npm run bench:export-floor [-- --notebooks DIR] [--mdx DIR] [--runs N]\nTimes what micromark, @mdx-js/mdx, KaTeX and lowlight must do for the exported content, each piece once, on one thread.');
    return;
  }
  if (values.step) return runStep(values.step as StepName, values.notebooks, values.mdx);
  for (const dir of [values.notebooks, values.mdx]) {
    if (!existsSync(dir)) throw new Error(`${dir}: no such folder; run "npm run build" first (the bench reads the executed notebooks and their MDX)`);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`expected --runs >= 1, got ${values.runs}`);
  const mdxBytes = files(values.mdx, '.mdx').reduce((s, f) => s + readFileSync(f).length, 0);
  console.log(`export floor: ${files(values.notebooks, '.ipynb').length} executed notebooks, ${files(values.mdx, '.mdx').length} MDX files (${(mdxBytes / 1e6).toFixed(1)} MB); median of ${runs} fresh processes per step`);
  const medians: Record<string, number> = {};
  for (const step of STEPS) {
    const ms: number[] = [];
    let units = 0;
    for (let r = 0; r < runs; r++) {
      const out = execFileSync(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', __filename, '--step', step, '--notebooks', values.notebooks, '--mdx', values.mdx], { encoding: 'utf8' });
      const got = JSON.parse(out) as { ms: number; units: number };
      ms.push(got.ms);
      units = got.units;
    }
    ms.sort((a, b) => a - b);
    medians[step] = ms[Math.floor(ms.length / 2)];
    console.log(`  ${step.padEnd(26)} ${(medians[step] / 1000).toFixed(2).padStart(6)} s  (${units} ${step === 'katex' ? 'distinct formulas' : step === 'highlight' ? 'code blocks' : step === 'markdown cells' ? 'cells' : 'files'}; runs ${ms.map((m) => (m / 1000).toFixed(2)).join(', ')} s)`);
  }
  const floor = medians['markdown cells'] + medians['mdx parse'] + medians.katex + medians.highlight;
  console.log(`  floor, one thread (markdown cells + MDX parse + KaTeX + highlight): ${(floor / 1000).toFixed(2)} s; split perfectly over 2 cores: ${(floor / 2000).toFixed(2)} s`);
  // compileForSite typesets and highlights too: markdown cells + compile is the export's lesson work as it is done now.
  console.log(`  markdown cells + the site pages compiled by @mdx-js/mdx (math and code included): ${((medians['markdown cells'] + medians['mdx compile (site page)']) / 1000).toFixed(2)} s on one thread`);
}

main().catch((err: unknown) => {
  console.error(`bench:export-floor: ${(err as Error).message}`);
  process.exitCode = 1;
});
