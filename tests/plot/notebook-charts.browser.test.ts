// Classic Notebook (Debian's jupyter-notebook) in Debian's Chromium: a lesson's charts draw after Run All, and again after the page is reloaded while the kernel lives on.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plotlyKernelspecFile } from '../../lib/plot/show';
import { CHROMIUM_ARGS } from '../../scripts/export/check-site';

const REPO = path.resolve(__dirname, '..', '..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const JUPYTER = '/usr/bin/jupyter';
const LESSON = path.join(REPO, 'notebooks', '02-bias-variance.ipynb');
/** The first chart of the lesson (its code cell index among all cells is looked up by this text). */
const CHART_CELL_TEXT = 'show(overlay(';

const notebookInstalled = existsSync(JUPYTER)
  && spawnSync('/usr/bin/python3', ['-c', 'import notebook.notebookapp'], { stdio: 'ignore' }).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A copy of the lesson in a fresh folder under build/ (never the source: Notebook autosaves). Its lib imports keep
 * working whichever folder the kernel starts in: an import that resolves from the lesson's own folder (the kernel
 * runs in the notebook's folder, as Jupyter's kernels do) is rewritten relative to the copy's folder; one that
 * resolves from the repository root (a kernel that starts there) is kept.
 */
function lessonCopy(dir: string): string {
  const nb = JSON.parse(readFileSync(LESSON, 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
  let imports = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'code') continue;
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    cell.source = source.replace(/from '((?:\.\.?\/)+)lib\//g, (whole, up: string) => {
      imports++;
      if (path.resolve(path.dirname(LESSON), up, 'lib') !== path.join(REPO, 'lib')) return whole;
      return `from '${path.relative(dir, path.join(REPO, 'lib')).split(path.sep).join('/')}/`;
    });
  }
  if (imports === 0) throw new Error(`${LESSON}: no import from lib/ found; update this test`);
  const file = path.join(dir, path.basename(LESSON));
  writeFileSync(file, JSON.stringify(nb, null, 1));
  return file;
}

describe.skipIf(!existsSync(chromiumPath) || !notebookInstalled)('charts in classic Notebook, after a reload with the kernel still running', () => {
  let server: ChildProcess | undefined;
  let serverLog = '';
  let ctx: BrowserContext;
  let page: Page;
  let temp: string;
  let work: string;
  let notebookUrl: string;
  let token: string;
  const plotlyResponses: string[] = [];

  beforeAll(async () => {
    temp = mkdtempSync(path.join(os.tmpdir(), 'notebook-charts-'));
    mkdirSync(path.join(REPO, 'build'), { recursive: true });
    work = mkdtempSync(path.join(REPO, 'build', 'notebook-charts-'));
    const file = lessonCopy(work);
    // The project kernelspec through its public installer, into a prefix only this server sees.
    const install = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts', 'kernel-install.ts'), '--prefix', path.join(temp, 'prefix')], { cwd: REPO, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const port = await freePort();
    token = randomBytes(16).toString('hex');
    const env = {
      ...process.env,
      JUPYTER_PATH: path.join(temp, 'prefix', 'share', 'jupyter'),
      JUPYTER_DATA_DIR: path.join(temp, 'data'),
      JUPYTER_CONFIG_DIR: path.join(temp, 'config'),
      JUPYTER_RUNTIME_DIR: path.join(temp, 'runtime'),
      IPYTHONDIR: path.join(temp, 'ipython'),
    };
    const args = ['notebook', '--no-browser', '--ip', '127.0.0.1', '--port', String(port), `--NotebookApp.token=${token}`,
      '--NotebookApp.port_retries=0', '--notebook-dir', REPO];
    if (process.getuid?.() === 0) args.push('--allow-root');
    server = spawn(JUPYTER, args, { env, cwd: temp, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.on('data', (d: Buffer) => { serverLog += d.toString(); });
    server.stderr?.on('data', (d: Buffer) => { serverLog += d.toString(); });
    const base = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${base}api/status?token=${token}`)).ok) break;
      } catch { /* not listening yet */ }
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`jupyter notebook did not start:\n${serverLog}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    notebookUrl = `${base}notebooks/${path.relative(REPO, file).split(path.sep).map(encodeURIComponent).join('/')}`;
    ctx = await chromium.launchPersistentContext(path.join(temp, 'profile'), { executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
    page = await ctx.newPage();
    await page.setViewportSize({ width: 1200, height: 900 });
    // Classic Notebook asks before leaving a page with unsaved changes; the reload is meant.
    page.on('dialog', (d) => void d.accept());
    page.on('response', (r) => {
      if (/\/plotly[^/]*\.js$/.test(r.url())) plotlyResponses.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
  }, 90_000);

  afterAll(async () => {
    await ctx?.close();
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      process.kill(-server.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null && server.signalCode === null) process.kill(-server.pid, 'SIGKILL');
    }
    if (work) rmSync(work, { recursive: true, force: true });
    if (temp) rmSync(temp, { recursive: true, force: true });
  }, 30_000);

  /** Waits for the notebook page to be ready with a connected kernel; returns the kernel's id. */
  async function notebookReady(): Promise<string> {
    await page.waitForFunction(() => {
      const nb = (window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean; id: string } | null; _fully_loaded?: boolean } } }).Jupyter?.notebook;
      return nb?._fully_loaded === true && nb.kernel?.is_connected() === true && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
    }, null, { timeout: 60_000 });
    // No autosave: the reloaded page must come back without outputs (a saved, trusted notebook would rerun its charts'
    // scripts on load and hand the page a plotly.js before the rerun this test is about).
    return page.evaluate(() => {
      const nb = (window as unknown as { Jupyter: { notebook: { kernel: { id: string }; set_autosave_interval(ms: number): void } } }).Jupyter.notebook;
      nb.set_autosave_interval(0);
      return nb.kernel.id;
    });
  }

  /** What the page shows, for a failure message: each code cell's prompt and the start of its output text. */
  const notebookState = () => page.evaluate(() => Array.from(document.querySelectorAll('.code_cell')).map((c) => {
    const prompt = c.querySelector('.input_prompt')?.textContent?.replace(/\s+/g, ' ').trim();
    return `${prompt} ${(c.querySelector('.output_wrapper')?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 200)}`;
  }).join('\n'));

  /** Code cells still queued or running (prompt "In [*]"), or never run. */
  const pendingCells = () => page.evaluate(() => Array.from(document.querySelectorAll('.code_cell .input_prompt'))
    .filter((p) => !/In\s*\[\d+\]/.test(p.textContent ?? '')).length);

  /** Runs the chart cell through the UI (click into it, Ctrl+Enter) and returns its output area. */
  async function rerunChartCell() {
    const cell = page.locator('.code_cell', { hasText: CHART_CELL_TEXT }).first();
    await cell.locator('.CodeMirror').click();
    await page.keyboard.press('Control+Enter');
    return cell.locator('.output_area');
  }

  it('Run All draws every chart; after a reload (same kernel), a rerun chart cell loads plotly.js from the server and draws', async () => {
    await page.goto(`${notebookUrl}?token=${token}`);
    const kernelId = await notebookReady();
    await page.locator('li.dropdown:has(> #cell_menu) > a.dropdown-toggle').click();
    await page.locator('#run_all_cells > a').click();
    // Run All queues every cell at once ("In [*]"); done when none is queued and the kernel is idle.
    await page.waitForFunction(() => document.querySelectorAll('.code_cell .input_prompt').length > 0
      && !Array.from(document.querySelectorAll('.code_cell .input_prompt')).some((p) => /\[\*\]/.test(p.textContent ?? ''))
      && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null, null, { timeout: 120_000, polling: 500 });
    expect(await pendingCells(), await notebookState()).toBe(0);
    expect(await page.locator('.output_error').count()).toBe(0);
    const charts = await page.locator('.mlin-chart').count();
    expect(charts).toBeGreaterThanOrEqual(5);
    await page.waitForFunction((n) => document.querySelectorAll('.mlin-chart .plot-container').length === n, charts, { timeout: 60_000 });

    await page.reload();
    expect(await notebookReady()).toBe(kernelId);
    // The reloaded page starts without plotly.js and without the (unsaved) outputs: the case that drew a blank box.
    expect(await page.evaluate(() => typeof (window as unknown as { Plotly?: unknown }).Plotly)).toBe('undefined');
    expect(await page.locator('.mlin-chart').count()).toBe(0);
    plotlyResponses.length = 0;
    const output = await rerunChartCell();
    await output.locator('.mlin-chart .plot-container').waitFor({ timeout: 40_000 });
    expect(await output.locator('.mlin-chart g.trace').count()).toBeGreaterThanOrEqual(2);
    expect(await output.locator('.mlin-chart-note').isHidden()).toBe(true);
    // From beside the kernelspec that kernel:install wrote, the first place the chart looks.
    expect(plotlyResponses).toEqual([expect.stringMatching(new RegExp(`^(200|304) /kernelspecs/ml-interview-notebooks/${plotlyKernelspecFile().replace(/\./g, '\\.')}$`))]);
  }, 240_000);

  it('when the server cannot give plotly.js, the rerun chart says why and how to make it draw, within seconds', async () => {
    await page.route(/\/plotly[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
    try {
      await page.reload();
      await notebookReady();
      const started = Date.now();
      const output = await rerunChartCell();
      const note = output.locator('.mlin-chart-note');
      await note.filter({ hasText: 'This chart was not drawn' }).waitFor({ timeout: 30_000 });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(await note.textContent()).toMatch(/plotly\.js could not be loaded from the Jupyter server \(tried \/kernelspecs\/ml-interview-notebooks\/plotly-.*\.min\.js, (\/files\/[^ ,]*node_modules\/plotly\.js-dist\/plotly\.js(, |\)))+\. To draw it: run npm run kernel:install/);
      expect(await output.locator('.plot-container').count()).toBe(0);
    } finally {
      await page.unroute(/\/plotly[^/]*\.js$/);
    }
  }, 120_000);
});
