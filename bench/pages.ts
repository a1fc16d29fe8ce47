// Measures every page of the built site in Chromium: HTML size, total bytes, first contentful paint, load event, and when charts on the first screen are drawn.
// Usage: npm run bench:pages [-- --site build/site --via http|file --runs 1 --no-before --pages REGEX]
// Build the site first (npm run export). "before" opens the same charted pages the way the site worked until issue 13:
// the full plotly.js (4.9 MB) in a deferred <script> and every chart drawn at DOMContentLoaded, before the load event.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { plotlySource } from '../lib/plot/show';
import { CHROMIUM_ARGS } from '../scripts/export/check-site';
import { serveStatic } from '../scripts/shared/static-server';
import { PAGE_HTML_LIMIT } from '../scripts/export/page-parts';

const REPO = path.resolve(__dirname, '..');

/**
 * Pages allowed over the HTML budget, and why. Each is one page on purpose: the quiz and the katas page are
 * single-page tools over the whole question bank and kata set (they work offline from file://, so their data is in
 * the page), and the cheatsheet is one document made to be printed on 2 A4 pages.
 */
export const OVER_BUDGET_REASONS: Record<string, string> = {
  'quiz.html': 'the self-quiz holds the whole question bank with typeset answers, so it drills offline and from file:// with no fetch',
  'katas.html': 'every kata with its typeset statement and examples on one page, the index the lessons link into',
  'cheatsheet.html': 'one printable document (2 A4 pages); splitting it would split the print',
};

/** What the site's pages looked like before lazy charts: this script drew every chart at DOMContentLoaded. */
const EAGER_DRAW = `(function () {
  function drawAll() {
    var figures = document.querySelectorAll('figure.nb-plotly');
    for (var i = 0; i < figures.length; i++) {
      var data = figures[i].querySelector('script.nb-plotly-data'), plot = figures[i].querySelector('.nb-plotly-plot');
      if (!data || !plot || !window.Plotly) continue;
      var fig = JSON.parse(data.textContent);
      var layout = Object.assign({}, fig.layout, { paper_bgcolor: 'rgba(0,0,0,0)', plot_bgcolor: 'rgba(0,0,0,0)', autosize: true });
      delete layout.width;
      window.Plotly.newPlot(plot, fig.data, layout, { responsive: true, displaylogo: false });
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', drawAll); else drawAll();
})();`;

interface Measure {
  page: string;
  mode: 'now' | 'before';
  htmlBytes: number;
  totalBytes: number;
  requests: number;
  fcpMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  charts: number;
  /** Charts drawn when the load event fired. */
  drawnAtLoad: number;
  /** When the charts on the first screen were all drawn (0 when it has none). */
  firstScreenChartsMs: number;
}

/** A copy of the site whose charted lesson pages work as before issue 13 (full plotly.js, eager drawing). */
function beforeSite(site: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-pages-before-'));
  cpSync(site, dir, { recursive: true });
  writeFileSync(path.join(dir, 'assets', 'plotly-full.min.js'), plotlySource());
  writeFileSync(path.join(dir, 'assets', 'eager-charts.js'), EAGER_DRAW);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.html'))) {
    const file = path.join(dir, f);
    const html = readFileSync(file, 'utf8');
    const eager = html.replace(/<script src="assets\/charts\.js"[^>]*><\/script>/, '<script src="assets/plotly-full.min.js" defer=""></script><script src="assets/eager-charts.js" defer=""></script>');
    if (eager !== html) writeFileSync(file, eager);
  }
  return dir;
}

async function measure(browser: Browser, url: string, root: string, page: string, mode: Measure['mode']): Promise<Measure> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await ctx.newPage();
  await tab.addInitScript(() => {
    // Counts the charts drawn when the load event fires (before any lazy drawing that follows it).
    window.addEventListener('load', () => {
      (window as unknown as { __drawnAtLoad: number }).__drawnAtLoad = Array.from(document.querySelectorAll('figure.nb-plotly')).filter((f) => f.querySelector('svg.main-svg')).length;
    });
  });
  await tab.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await tab.waitForFunction(() => {
    const first = Array.from(document.querySelectorAll('figure.nb-plotly')).filter((f) => f.getBoundingClientRect().top < window.innerHeight);
    if (first.every((f) => f.querySelector('svg.main-svg'))) {
      // 0: no chart on the first screen.
      (window as unknown as { __firstScreen: number }).__firstScreen = first.length ? performance.now() : 0;
      return true;
    }
    return false;
  }, undefined, { timeout: 120_000, polling: 50 }).catch(() => undefined);
  await tab.waitForLoadState('networkidle').catch(() => undefined);
  const t = await tab.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const w = window as unknown as { __drawnAtLoad?: number; __firstScreen?: number };
    return {
      fcp: fcp ? fcp.startTime : -1,
      dcl: nav.domContentLoadedEventEnd,
      load: nav.loadEventStart,
      resources: performance.getEntriesByType('resource').map((r) => r.name),
      charts: document.querySelectorAll('figure.nb-plotly').length,
      drawnAtLoad: w.__drawnAtLoad ?? 0,
      firstScreen: w.__firstScreen ?? -1,
    };
  });
  await ctx.close();
  // Bytes from the files themselves: the same for file:// and http (resource timing reports no sizes for file://).
  const sizeOf = (u: string) => {
    const parsed = new URL(u);
    const file = parsed.protocol === 'file:' ? fileURLToPath(parsed) : path.join(root, decodeURIComponent(parsed.pathname));
    return existsSync(file) && statSync(file).isFile() ? statSync(file).size : 0;
  };
  const htmlBytes = statSync(path.join(root, page)).size;
  const unique = [...new Set(t.resources.filter((r) => !r.startsWith('data:')))];
  return {
    page, mode, htmlBytes, totalBytes: htmlBytes + unique.reduce((s, r) => s + sizeOf(r), 0), requests: unique.length + 1,
    fcpMs: t.fcp, domContentLoadedMs: t.dcl, loadMs: t.load, charts: t.charts, drawnAtLoad: t.drawnAtLoad, firstScreenChartsMs: t.firstScreen,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      site: { type: 'string', default: path.join(REPO, 'build', 'site') },
      via: { type: 'string', default: 'http' },
      runs: { type: 'string', default: '1' },
      'no-before': { type: 'boolean', default: false },
      out: { type: 'string', default: path.join(REPO, 'build', 'bench', 'pages.json') },
      pages: { type: 'string' },
    },
  });
  const site = path.resolve(values.site as string);
  if (!existsSync(path.join(site, 'index.html'))) throw new Error(`${site} has no index.html: build the site first (npm run export)`);
  const via = values.via === 'file' ? 'file' : 'http';
  const runs = Math.max(1, Number(values.runs));
  const only = values.pages ? new RegExp(values.pages as string) : undefined;
  const pages = readdirSync(site).filter((f) => f.endsWith('.html') && (!only || only.test(f))).sort();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const results: Measure[] = [];
  const before = values['no-before'] ? undefined : beforeSite(site);
  const servers: { close(): void }[] = [];
  try {
    const base = async (root: string) => {
      if (via === 'file') return (p: string) => pathToFileURL(path.join(root, p)).href;
      const s = await serveStatic(root);
      servers.push(s.server);
      return (p: string) => `${s.base}${p}`;
    };
    const nowUrl = await base(site);
    const beforeUrl = before ? await base(before) : undefined;
    for (const p of pages) {
      const charted = readFileSync(path.join(site, p), 'utf8').includes('assets/charts.js');
      const modes: [Measure['mode'], string, (p: string) => string][] = [['now', site, nowUrl]];
      if (charted && before && beforeUrl) modes.push(['before', before, beforeUrl]);
      for (const [mode, root, url] of modes) {
        const ms: Measure[] = [];
        for (let r = 0; r < runs; r++) ms.push(await measure(browser, url(p), root, p, mode));
        const m = { ...ms[0], fcpMs: median(ms.map((x) => x.fcpMs)), domContentLoadedMs: median(ms.map((x) => x.domContentLoadedMs)), loadMs: median(ms.map((x) => x.loadMs)), firstScreenChartsMs: median(ms.map((x) => x.firstScreenChartsMs)) };
        results.push(m);
        const flag = m.mode === 'now' && m.htmlBytes > PAGE_HTML_LIMIT ? (OVER_BUDGET_REASONS[p] ? '  over budget: ' + OVER_BUDGET_REASONS[p] : '  OVER BUDGET, no reason given') : '';
        console.log(`${p.padEnd(40)} ${mode.padEnd(6)} html ${(m.htmlBytes / 1024).toFixed(0).padStart(5)} KB  total ${(m.totalBytes / 1024).toFixed(0).padStart(5)} KB  `
          + `FCP ${m.fcpMs.toFixed(0).padStart(5)} ms  load ${m.loadMs.toFixed(0).padStart(5)} ms  charts ${m.drawnAtLoad}/${m.charts} drawn at load`
          + `${m.firstScreenChartsMs > 0 ? `, first screen's drawn at ${m.firstScreenChartsMs.toFixed(0)} ms` : ''}${flag}`);
      }
    }
  } finally {
    for (const s of servers) s.close();
    await browser.close();
    if (before) rmSync(before, { recursive: true, force: true });
  }
  const now = results.filter((r) => r.mode === 'now');
  const pairs = now.filter((r) => results.some((b) => b.mode === 'before' && b.page === r.page));
  console.log(`\n${now.length} pages via ${via}, ${runs} run(s) each (medians), one fresh browser context per page (cold cache).`);
  console.log(`largest HTML: ${now.reduce((a, b) => (b.htmlBytes > a.htmlBytes ? b : a)).page} ${(Math.max(...now.map((r) => r.htmlBytes)) / 1024).toFixed(0)} KB; `
    + `pages over ${PAGE_HTML_LIMIT / 1000} kB: ${now.filter((r) => r.htmlBytes > PAGE_HTML_LIMIT).map((r) => r.page).join(', ') || 'none'}`);
  if (pairs.length) {
    const before = (p: string) => results.find((b) => b.mode === 'before' && b.page === p) as Measure;
    console.log(`charted pages (${pairs.length}): load event median ${median(pairs.map((r) => r.loadMs)).toFixed(0)} ms now vs ${median(pairs.map((r) => before(r.page).loadMs)).toFixed(0)} ms before; `
      + `max ${Math.max(...pairs.map((r) => r.loadMs)).toFixed(0)} vs ${Math.max(...pairs.map((r) => before(r.page).loadMs)).toFixed(0)} ms; `
      + `charts drawn at load: ${pairs.reduce((s, r) => s + r.drawnAtLoad, 0)} now, ${pairs.reduce((s, r) => s + before(r.page).drawnAtLoad, 0)} before`);
    console.log(`bytes of a charted page, median: ${(median(pairs.map((r) => r.totalBytes)) / 1024).toFixed(0)} KB now vs ${(median(pairs.map((r) => before(r.page).totalBytes)) / 1024).toFixed(0)} KB before`);
  }
  const waited = now.filter((r) => r.charts > 0 && r.drawnAtLoad === r.charts);
  if (waited.length) console.log(`pages whose load event waited for all their charts: ${waited.map((r) => r.page).join(', ')}`);
  mkdirSync(path.dirname(values.out as string), { recursive: true });
  writeFileSync(values.out as string, `${JSON.stringify({ via, runs, results }, null, 1)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), values.out as string)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
