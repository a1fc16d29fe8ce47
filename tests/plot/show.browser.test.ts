// The chart HTML fallback in Debian's Chromium: it draws with the page's plotly.js or loads it from a Jupyter server's files route, and otherwise says why within a bounded time.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineChart, barChart } from '../../lib/plot/figure';
import { figureHtml, plotlyKernelspecFile, plotlySource, type FigureHtmlOptions } from '../../lib/plot/show';
import { CHROMIUM_ARGS } from '../../scripts/export/check-site';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PLOTLY_FILE = require.resolve('plotly.js-dist/plotly.js');
const ORIGIN = 'http://jupyter.test';
const fig = lineChart([{ name: 'loss', x: [0, 1, 2, 3], y: [1, 0.5, 0.3, 0.2] }], { title: 'Training loss' });
const fig2 = barChart(['a', 'b'], [3, 4], { title: 'Counts' });

/** A page shaped like classic Notebook's: its body carries the base URL and the notebook's path. */
function notebookPage(charts: string[], notebookPath = 'lessons/deep/01-x.ipynb', base = '/jp/'): string {
  return `<!doctype html><html><head><title>nb</title></head><body data-base-url="${encodeURIComponent(base)}" data-notebook-path="${encodeURIComponent(notebookPath)}">`
    + `${charts.map((c) => `<div class="output_area">${c}</div>`).join('\n')}</body></html>`;
}

const html = (options: Partial<FigureHtmlOptions> = {}, figure = fig) => figureHtml(figure, { index: 0, ...options });

describe.skipIf(!existsSync(chromiumPath))('the chart fallback in Chromium', () => {
  let ctx: BrowserContext;
  let profile: string;
  let requests: string[];
  let filesHandler: (route: Route) => Promise<void> | void;
  /** Whether the fake server has the kernelspec's copy of plotly.js (a `npm run kernel:install` of this version). */
  let kernelspecServed = false;

  beforeAll(async () => {
    profile = mkdtempSync(path.join(os.tmpdir(), 'chart-profile-'));
    ctx = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  /** Opens `body` as a page of ORIGIN; requests under /jp/files/ go to `files`. */
  async function open(body: string, files: (route: Route) => Promise<void> | void, at = '/jp/notebooks/lessons/deep/01-x.ipynb', kernelspec = false): Promise<Page> {
    requests = [];
    kernelspecServed = kernelspec;
    filesHandler = files;
    const page = await ctx.newPage();
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = route.request().url();
      if (url === `${ORIGIN}${at}`) return route.fulfill({ status: 200, contentType: 'text/html', body });
      requests.push(url.slice(ORIGIN.length));
      if (url.startsWith(`${ORIGIN}/jp/files/`)) return filesHandler(route);
      if (url === `${ORIGIN}/jp/kernelspecs/ml-interview-notebooks/${plotlyKernelspecFile()}` && kernelspecServed) {
        return route.fulfill({ status: 200, contentType: 'application/javascript', body: plotlySource() });
      }
      return route.fulfill({ status: 404, body: 'not found' });
    });
    await page.goto(`${ORIGIN}${at}`, { waitUntil: 'commit' });
    return page;
  }

  const serveAt = (where: string) => (route: Route) => (new URL(route.request().url()).pathname === where
    ? route.fulfill({ status: 200, contentType: 'application/javascript', path: PLOTLY_FILE })
    : route.fulfill({ status: 404, body: 'not found' }));
  const drawn = (page: Page) => page.locator('.mlin-chart-plot .plot-container').count();
  const traces = (page: Page) => page.locator('.mlin-chart-plot g.trace').count();
  const note = (page: Page, i = 0) => page.locator('.mlin-chart-note').nth(i);

  it('loads plotly.js once for all charts of a page, from node_modules in the nearest folder that has it, and draws them', async () => {
    const page = await open(notebookPage([html({ index: 0 }), html({ index: 1 }, fig2)]), serveAt('/jp/files/lessons/node_modules/plotly.js-dist/plotly.js'));
    await page.waitForFunction(() => document.querySelectorAll('.mlin-chart-plot .plot-container').length === 2, null, { timeout: 30_000 });
    expect(await traces(page)).toBeGreaterThanOrEqual(2);
    expect(await note(page, 0).isHidden()).toBe(true);
    // The kernel's own folder first (here the test process's, which the page cannot know), then Node's walk upwards;
    // each URL once although two charts asked.
    const plotlyRequests = requests.filter((r) => r.endsWith('/plotly.js'));
    expect(plotlyRequests.slice(-2)).toEqual([
      '/jp/files/lessons/deep/node_modules/plotly.js-dist/plotly.js',
      '/jp/files/lessons/node_modules/plotly.js-dist/plotly.js',
    ]);
    expect(new Set(plotlyRequests).size).toBe(plotlyRequests.length);
    await page.close();
  }, 50_000);

  it('loads plotly.js from beside the installed kernelspec first, whichever folder the server was started in', async () => {
    const page = await open(notebookPage([html()]), () => { throw new Error('no files request expected'); }, undefined, true);
    await page.waitForFunction(() => document.querySelectorAll('.mlin-chart-plot .plot-container').length === 1, null, { timeout: 30_000 });
    expect(requests).toEqual([`/jp/kernelspecs/ml-interview-notebooks/${plotlyKernelspecFile()}`]);
    await page.close();
  }, 50_000);

  it('when no folder serves plotly.js, says so in the output at once, with the URLs tried and how to make it draw', async () => {
    const page = await open(notebookPage([html()]), (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.waitForFunction(() => /This chart was not drawn/.test(document.querySelector('.mlin-chart-note')?.textContent ?? ''), null, { timeout: 5_000 });
    const text = await note(page).textContent();
    expect(text).toMatch(/plotly\.js could not be loaded from the Jupyter server \(tried .*\/jp\/files\/node_modules\/plotly\.js-dist\/plotly\.js\)/);
    expect(text).toMatch(/To draw it: run npm run kernel:install .*start Jupyter in the repository's folder.*show\(fig, \{ embedPlotly: true \}\)/);
    expect(text).toContain(`tried /jp/kernelspecs/ml-interview-notebooks/${plotlyKernelspecFile()}, /jp/files/lessons/deep/`);
    expect(await drawn(page)).toBe(0);
    await page.close();
  }, 30_000);

  it('when the server never answers, gives up after the bounded wait and says why', async () => {
    const started = Date.now();
    const page = await open(notebookPage([html({ loadTimeoutMs: 1500 })]), () => { /* never answered */ });
    await page.waitForFunction(() => /did not load within 2 s/.test(document.querySelector('.mlin-chart-note')?.textContent ?? ''), null, { timeout: 10_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(await note(page).textContent()).toMatch(/^This chart was not drawn: plotly\.js did not load within 2 s\. To draw it:/);
    await page.close();
  }, 30_000);

  it('outside a Jupyter page, says at once that there is no server to load plotly.js from', async () => {
    const page = await open(`<!doctype html><html><body>${html()}</body></html>`, () => { throw new Error('no request expected'); }, '/some/export.html');
    await page.waitForFunction(() => /not a Jupyter page/.test(document.querySelector('.mlin-chart-note')?.textContent ?? ''), null, { timeout: 5_000 });
    expect(requests.filter((r) => r.includes('plotly'))).toEqual([]);
    await page.close();
  }, 30_000);

  it('draws with the page\'s own plotly.js, or with one embedded in the output, without any request', async () => {
    const page = await open(notebookPage([html({ embedPlotly: true }), html({ index: 1 }, fig2)]), () => { throw new Error('no request expected'); });
    await page.waitForFunction(() => document.querySelectorAll('.mlin-chart-plot .plot-container').length === 2, null, { timeout: 30_000 });
    expect(requests.filter((r) => r.includes('plotly'))).toEqual([]);
    await page.close();
  }, 50_000);

  it('when plotly.js fails on the figure, says so instead of leaving an empty box', async () => {
    const bad = { data: [{ type: 'scatter', x: [1], y: [2] }], layout: {} } as unknown as typeof fig;
    const page = await open(`<!doctype html><html><body><script>window.Plotly = { newPlot: function () { throw new Error('broken figure'); } };</script>${html({}, bad)}</body></html>`, () => { throw new Error('no request expected'); }, '/x.html');
    await page.waitForFunction(() => /plotly\.js failed with Error: broken figure/.test(document.querySelector('.mlin-chart-note')?.textContent ?? ''), null, { timeout: 5_000 });
    await page.close();
  }, 30_000);

  it('when scripts do not run (an untrusted notebook, GitHub), the output still says what it is and what to do', async () => {
    const page = await ctx.newPage();
    await page.route(`${ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: notebookPage([html()]), headers: { 'content-security-policy': "script-src 'none'" } }));
    await page.goto(`${ORIGIN}/jp/notebooks/lessons/deep/01-x.ipynb`);
    expect(await note(page).textContent()).toMatch(/^Plotly figure "Training loss": 1 trace \(1 scatter\), 4 points\. This chart is drawn .*If this text stays, scripts did not run here: trust the notebook/);
    expect(await note(page).isVisible()).toBe(true);
    await page.close();
  }, 30_000);
});
