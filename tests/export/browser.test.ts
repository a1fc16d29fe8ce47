// Browser test: Debian's Chromium (playwright-core) opens every page of the fixture site from file:// and over HTTP.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSite, type PageReport } from '../../scripts/export/check-site';
import { LESSONS, REPO, runExport, workspace, type Workspace } from './helpers';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(REPO, 'build', 'screenshots');
let ws: Workspace;

beforeAll(async () => {
  ws = workspace(LESSONS);
  const report = await runExport(ws);
  expect(report.errors).toEqual([]);
});

describe.skipIf(!existsSync(chromium))('the fixture site in Chromium', () => {
  it('every page: no console errors or failed requests, charts drawn, KaTeX rendered, links resolve (file:// and http)', async () => {
    // The fixture lessons teach no dropout; lesson 02 has a "Charts" heading. One kata page stands for the 50 (each is
    // the same shell; tests/export/kata-page.browser.test.ts drives one in depth).
    const pages = (f: string) => !f.startsWith('kata-') || f === 'kata-softmax.html';
    const reports = await checkSite({ siteDir: ws.site, screenshotsDir: SHOTS, via: 'both', executablePath: chromium, searchQuery: 'charts', pages });
    const byPage = (via: string, page: string) => reports.find((r) => r.via === via && r.page === page) as PageReport;
    expect(reports.map((r) => `${r.via} ${r.page}`)).toEqual([
      'file index', 'file 01-prose-and-math', 'file 02-charts-and-html', 'file 03-real-runner', 'file kata-softmax', 'file katas', 'file quiz', 'file navigation',
      'http index', 'http 01-prose-and-math', 'http 02-charts-and-html', 'http 03-real-runner', 'http kata-softmax', 'http katas', 'http quiz', 'http navigation',
    ]);
    for (const r of reports) expect(r.problems, `${r.via} ${r.page}`).toEqual([]);
    for (const via of ['file', 'http']) {
      expect(byPage(via, '02-charts-and-html')).toMatchObject({ charts: 2, drawnCharts: 2 });
      expect(byPage(via, '03-real-runner')).toMatchObject({ charts: 2, drawnCharts: 2 });
      expect(byPage(via, '01-prose-and-math').mathElements).toBeGreaterThanOrEqual(8);
      expect(byPage(via, 'index').links).toBeGreaterThanOrEqual(4);
    }
    for (const name of ['index', '01-prose-and-math', '02-charts-and-html', '03-real-runner']) {
      expect(existsSync(path.join(SHOTS, `${name}.png`))).toBe(true);
      expect(existsSync(path.join(SHOTS, `${name}.phone-dark.png`))).toBe(true);
    }
  }, 600_000);

  it('reports what is wrong with a damaged site: inline script, handler, broken link, missing file, undrawn chart', async () => {
    const bad = mkdtempSync(path.join(os.tmpdir(), 'damaged-site-'));
    cpSync(ws.site, bad, { recursive: true });
    const edit = (file: string, f: (s: string) => string) => writeFileSync(path.join(bad, file), f(readFileSync(path.join(bad, file), 'utf8')));
    edit('index.html', (s) => s.replace('</main>', '<script>console.log("inline")</script><a href="missing.html">x</a><a href="#nowhere">y</a><button onclick="x()">b</button></main>'));
    edit('01-prose-and-math.html', (s) => s.replace('media/01-prose-and-math/cell5-1.png', 'media/01-prose-and-math/gone.png'));
    edit('02-charts-and-html.html', (s) => s.replace('<script src="assets/charts.js" data-plotly="assets/plotly.min.js" defer=""></script>', ''));
    // Navigation: no page marked in the sidebar, headings without link icons, a search that cannot find the lesson.
    edit('01-prose-and-math.html', (s) => s.replace(' aria-current="page"', '').replaceAll('class="heading-anchor"', 'class="x"'));
    edit('03-real-runner.html', (s) => s.replace('<h1>', '<h1 style="margin-top:900px">'));
    const reports = await checkSite({ siteDir: bad, screenshotsDir: path.join(bad, '.shots'), via: 'file', executablePath: chromium, chartTimeoutMs: 1500, searchQuery: 'table', pages: (f) => !f.startsWith('kata-') });
    const problems = (page: string) => reports.find((r) => r.page === page)?.problems.join('\n') ?? '';
    expect(problems('index')).toMatch(/a script that is not the site's own: <script>console\.log/);
    expect(problems('index')).toMatch(/event-handler attribute: <button onclick>/);
    expect(problems('index')).toMatch(/link missing\.html does not resolve/);
    expect(problems('index')).toMatch(/link #nowhere: no element with id "nowhere"/);
    expect(problems('01-prose-and-math')).toMatch(/request failed: file:\/\/.*gone\.png/);
    expect(problems('02-charts-and-html')).toMatch(/2 of 2 Plotly charts were not drawn/);
    expect(problems('01-prose-and-math')).toMatch(/the sidebar marks no lesson as current, not 01-prose-and-math\.html/);
    expect(problems('01-prose-and-math')).toMatch(/heading #math has no link icon/);
    expect(problems('03-real-runner')).toMatch(/on a phone the title ends \d+ px down, below the first screen \(844 px\)/);
    expect(problems('navigation')).toBe('');
  }, 600_000);
});
