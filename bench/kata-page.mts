// Kata pages: JavaScript weight beyond the shared site script (editor + transpiler + grader + kata bundle), the three candidate transpilers' size and speed, and Check-to-report time per kata in Chromium.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { KATAS } from '../lib/katas';
import type { GradeReport } from '../lib/katas/grader/grade';
import { CHROMIUM_ARGS } from '../scripts/export/check-site';
import { KATA_APP_JS, kataBundleHref, kataPageHref } from '../scripts/export/kata-pages';
import { buildKataSite } from '../scripts/export/kata-site';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** What the app bundle is made of, by package (from esbuild's metafile of the same entry). */
async function appBreakdown(): Promise<Map<string, number>> {
  const r = await build({
    entryPoints: [path.join(REPO, 'site', 'kata-app.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2020', minify: true,
    write: false, metafile: true, logLevel: 'silent', legalComments: 'none', define: { KATA_WORKER_RUNTIME: '""' },
  });
  const out = Object.values(r.metafile.outputs)[0];
  const groups = new Map<string, number>();
  for (const [file, info] of Object.entries(out.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const group = m ? (m[1].startsWith('@codemirror') || m[1].startsWith('@lezer') || ['codemirror', 'style-mod', 'w3c-keyname', 'crelt', '@marijn/find-cluster-break'].includes(m[1]) ? 'CodeMirror 6 (+ lang-javascript)' : m[1] === 'sucrase' || ['lines-and-columns', 'ts-interface-checker'].includes(m[1]) ? 'sucrase' : m[1]) : file.startsWith('lib/') ? 'lib/ (grader, progress)' : 'site/ (page glue)';
    groups.set(group, (groups.get(group) ?? 0) + info.bytesInOutput);
  }
  return groups;
}

async function transpilers(): Promise<void> {
  const sources = KATAS.map((k) => k.solution);
  console.log('\nTranspilers (type stripping only), on the 50 model solutions, in Node (same V8 family as the browser):');
  const time = (name: string, size: string, fn: (s: string) => string) => {
    const t0 = performance.now();
    fn(sources[0]);
    const first = performance.now() - t0;
    const per: number[] = [];
    for (let rep = 0; rep < 3; rep++) for (const s of sources) { const t = performance.now(); fn(s); per.push(performance.now() - t); }
    console.log(`  ${name.padEnd(30)} ${size.padEnd(44)} first call ${first.toFixed(1)} ms, then median ${median(per).toFixed(2)} ms per kata`);
  };
  const sucraseBundle = await build({ stdin: { contents: "export { transform } from 'sucrase';", resolveDir: REPO }, bundle: true, minify: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent' });
  const sucraseText = sucraseBundle.outputFiles[0].text;
  const { transform } = await import('sucrase');
  time('sucrase', `${kb(sucraseText.length)} min, ${kb(gz(sucraseText))} gz`, (s) => transform(s, { transforms: ['typescript', 'imports'] }).code);
  const wasmDir = path.dirname(require.resolve('esbuild-wasm/package.json'));
  const wasm = statSync(path.join(wasmDir, 'esbuild.wasm')).size + statSync(path.join(wasmDir, 'lib', 'browser.min.js')).size;
  const wasmGz = gz(readFileSync(path.join(wasmDir, 'esbuild.wasm'))) + gz(readFileSync(path.join(wasmDir, 'lib', 'browser.min.js')));
  const esbuildWasm = require('esbuild-wasm') as typeof import('esbuild');
  time('esbuild-wasm', `${kb(wasm)} (wasm + JS), ${kb(wasmGz)} gz`, (s) => esbuildWasm.transformSync(s, { loader: 'ts', format: 'cjs' }).code);
  const tsFile = require.resolve('typescript');
  const ts = (await import('typescript')).default;
  time('typescript transpileModule', `${kb(statSync(tsFile).size)} (lib/typescript.js), ${kb(gz(readFileSync(tsFile)))} gz`, (s) => ts.transpileModule(s, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText);
}

async function main(): Promise<void> {
  console.log(`bench:kata-page (${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}: timings on a shared machine are noisy)`);
  const t0 = performance.now();
  const site = await buildKataSite(KATAS);
  console.log(`Built ${KATAS.length} kata pages and their bundles in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const app = readFileSync(path.join(site, KATA_APP_JS));
  const bundles = KATAS.map((k) => ({ id: k.id, bytes: readFileSync(path.join(site, kataBundleHref(k.id))) }));
  const largest = bundles.reduce((a, b) => (b.bytes.length > a.bytes.length ? b : a));
  console.log('\nJavaScript per kata page beyond the shared site script (assets/site.js):');
  console.log(`  ${KATA_APP_JS} (shared by every kata page): ${kb(app.length)} min, ${kb(gz(app))} gz`);
  for (const [group, bytes] of [...(await appBreakdown())].sort((a, b) => b[1] - a[1])) console.log(`    ${group.padEnd(34)} ${kb(bytes)}`);
  console.log(`    the worker's script (inlined string)  ${kb(app.length - [...(await appBreakdown()).values()].reduce((a, b) => a + b, 0))} (about)`);
  console.log(`  assets/katas/<id>.js: median ${kb(median(bundles.map((b) => b.bytes.length)))}, largest ${largest.id} ${kb(largest.bytes.length)}`);
  const heaviest = app.length + largest.bytes.length;
  console.log(`  heaviest page: ${kb(heaviest)} min, ${kb(gz(app) + gz(largest.bytes))} gz; target < 1024 kB: ${heaviest < 1024 * 1024 ? 'met' : 'NOT met'}`);

  await transpilers();

  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) { console.log(`\n${chromiumPath} not found: Check-to-report times skipped`); return; }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bench-kata-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
  const page = await ctx.newPage();
  const rows: Array<{ id: string; ms: number; cases: number; load: number }> = [];
  for (const k of KATAS) {
    const tl = performance.now();
    await page.goto(pathToFileURL(path.join(site, kataPageHref(k.id))).href);
    await page.waitForSelector('#kata-app[data-ready="true"]');
    const load = performance.now() - tl;
    // The model answer, checked 3 times through the page's own Check path (transpile, worker, grade, report shown).
    const times = await page.evaluate(async (source) => {
      const api = (window as unknown as { mlinKataPage: { setCode(s: string): void; check(): Promise<{ report: GradeReport; ms: number }> } }).mlinKataPage;
      api.setCode(source);
      const out: Array<{ ms: number; passed: boolean; total: number }> = [];
      for (let i = 0; i < 3; i++) { const r = await api.check(); out.push({ ms: r.ms, passed: r.report.passed, total: r.report.total }); }
      return out;
    }, k.solution);
    if (!times.every((t) => t.passed)) throw new Error(`${k.id}: the model answer did not pass in the browser`);
    rows.push({ id: k.id, ms: median(times.map((t) => t.ms)), cases: times[0].total, load });
  }
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(site, { recursive: true, force: true });
  rows.sort((a, b) => b.ms - a.ms);
  // The terminal's grader on the same katas in the same minutes (a worker thread per grading), for scale on a loaded machine.
  const { gradeSource } = await import('../lib/katas/node/grade-node');
  const nodeMs = new Map<string, number>();
  for (const r of rows.slice(0, 5)) {
    const k = KATAS.find((x) => x.id === r.id)!;
    const ts: number[] = [];
    for (let i = 0; i < 3; i++) { const t = performance.now(); await gradeSource(k, k.solution); ts.push(performance.now() - t); }
    nodeMs.set(r.id, median(ts));
  }
  console.log('\nCheck to report shown, model answer, file://, median of 3 (slowest first), beside the Node grader (npm run kata -- check) on the same kata:');
  for (const r of rows.slice(0, 5)) console.log(`  ${r.id.padEnd(22)} ${r.ms.toFixed(0).padStart(5)} ms  (${r.cases} cases; page ready in ${r.load.toFixed(0)} ms; Node grader ${nodeMs.get(r.id)?.toFixed(0)} ms)`);
  console.log(`  median over ${rows.length} katas: ${median(rows.map((r) => r.ms)).toFixed(0)} ms; page ready median ${median(rows.map((r) => r.load)).toFixed(0)} ms`);
  console.log(`  slowest: ${rows[0].id} ${rows[0].ms.toFixed(0)} ms; target < 1000 ms: ${rows[0].ms < 1000 ? 'met' : 'NOT met'}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
