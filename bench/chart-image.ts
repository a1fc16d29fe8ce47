// Measures what a static image (SVG, PNG) of each chart would cost if rendered offline with Debian's Chromium: browser start, plotly.js load, per-chart time and size.
// Usage: npm run bench:chart-image [-- --notebook build/notebooks/02-bias-variance.ipynb]
// Reads the Plotly JSON of every chart output of an executed notebook (run it first with npm run notebooks).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { PLOTLY_MIME, plotlySource } from '../lib/plot/show';
import { CHROMIUM_ARGS } from '../scripts/export/check-site';

const REPO = path.resolve(__dirname, '..');

interface Nb { cells: { outputs?: { data?: Record<string, unknown> }[] }[] }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { notebook: { type: 'string', default: path.join(REPO, 'build', 'notebooks', '02-bias-variance.ipynb') } } });
  const nb = JSON.parse(readFileSync(values.notebook as string, 'utf8')) as Nb;
  const figures = nb.cells.flatMap((c) => c.outputs ?? []).map((o) => o.data?.[PLOTLY_MIME]).filter((f): f is object => f !== undefined);
  if (figures.length === 0) throw new Error(`${values.notebook}: no Plotly outputs (run the notebook first)`);
  const source = plotlySource();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'chart-image-'));
  const t0 = performance.now();
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const page = await ctx.newPage();
  const launchMs = performance.now() - t0;
  const t1 = performance.now();
  // From a file, as a renderer would: pushing 4.6 MB through the DevTools protocol (addScriptTag) costs far more.
  writeFileSync(path.join(profile, 'plotly.min.js'), source);
  writeFileSync(path.join(profile, 'page.html'), '<!doctype html><html><body><script src="plotly.min.js"></script></body></html>');
  await page.goto(pathToFileURL(path.join(profile, 'page.html')).href);
  await page.waitForFunction(() => 'Plotly' in window);
  const plotlyMs = performance.now() - t1;
  const svgMs: number[] = [], pngMs: number[] = [], svgBytes: number[] = [], pngBytes: number[] = [];
  for (const fig of figures) {
    for (const format of ['svg', 'png'] as const) {
      const t = performance.now();
      const url = await page.evaluate(async ({ f, fmt }) => {
        const P = (window as unknown as { Plotly: { toImage(fig: object, o: object): Promise<string> } }).Plotly;
        return P.toImage(f, { format: fmt, width: 700, height: 420 });
      }, { f: fig, fmt: format });
      const ms = performance.now() - t;
      const bytes = format === 'svg' ? Buffer.byteLength(decodeURIComponent(url.slice(url.indexOf(',') + 1))) : Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').length;
      (format === 'svg' ? svgMs : pngMs).push(ms);
      (format === 'svg' ? svgBytes : pngBytes).push(bytes);
    }
  }
  const t2 = performance.now();
  await ctx.close();
  const closeMs = performance.now() - t2;
  rmSync(profile, { recursive: true, force: true });
  const kb = (xs: number[]) => `${(xs.reduce((a, b) => a + b, 0) / 1024).toFixed(0)} KB total, median ${(median(xs) / 1024).toFixed(1)} KB`;
  console.log(`notebook: ${path.relative(REPO, values.notebook as string)} (${figures.length} charts), ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`);
  console.log(`Chromium start (persistent context + page): ${launchMs.toFixed(0)} ms`);
  console.log(`plotly.js into the page (4.6 MB minified):  ${plotlyMs.toFixed(0)} ms`);
  console.log(`per chart, SVG: median ${median(svgMs).toFixed(0)} ms (${kb(svgBytes)})`);
  console.log(`per chart, PNG: median ${median(pngMs).toFixed(0)} ms (${kb(pngBytes)})`);
  console.log(`Chromium close: ${closeMs.toFixed(0)} ms`);
  const once = launchMs + plotlyMs + closeMs;
  console.log(`one chart rendered alone (start + load + SVG + close): ${(once + median(svgMs)).toFixed(0)} ms; `
    + `all ${figures.length} in one browser: ${(once + svgMs.reduce((a, b) => a + b, 0)).toFixed(0)} ms`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
