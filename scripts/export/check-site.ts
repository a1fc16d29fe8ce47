// Opens every page of a built site in Chromium (playwright-core): no console errors or failed requests, charts drawn, math rendered, links resolve; screenshots.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic } from '../shared/static-server';
import { desktopNavProblems, phoneNavProblems, siteNavProblems } from './check-nav';

export interface CheckOptions {
  siteDir: string;
  /** Where screenshots go (default build/screenshots); one desktop full page and one phone (dark) per page. */
  screenshotsDir?: string;
  /** Open the pages from file:// (default), from a local static HTTP server, or both. */
  via?: 'file' | 'http' | 'both';
  /** How long to wait for a page's charts to be drawn (default 15 s). */
  chartTimeoutMs?: number;
  /** Chromium binary (default: $CHROMIUM_PATH or /usr/bin/chromium). */
  executablePath?: string;
  /** The search query whose lessons the navigation check must find (default "dropout"; check-nav.ts). */
  searchQuery?: string;
  /** Which pages (file names) to open (default: every .html page of the site). */
  pages?: (file: string) => boolean;
  log?: (line: string) => void;
}

export interface PageReport {
  page: string;
  via: 'file' | 'http';
  charts: number;
  drawnCharts: number;
  mathElements: number;
  links: number;
  problems: string[];
}

/** Flags for Debian's Chromium in a container (FACTS item 5); the profile is a fresh temp folder per run. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Checks what the page itself can tell: scripts, handlers, charts, math, links, layout width. */
async function inspect(page: Page): Promise<{ charts: number; drawn: number; math: number; mathErrors: number; mathCss: boolean; fonts: boolean; badScripts: string[]; handlers: string[]; jsUrls: number; links: string[]; overflow: boolean; hacked: boolean }> {
  return page.evaluate(async () => {
    const figures = Array.from(document.querySelectorAll('figure.nb-plotly'));
    const scripts = Array.from(document.querySelectorAll('script'));
    const badScripts = scripts
      .filter((s) => !(s.type === 'application/json' && !s.src) && !(s.getAttribute('src') ?? '').startsWith('assets/'))
      .map((s) => s.outerHTML.slice(0, 100));
    const handlers: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of el.getAttributeNames()) if (/^on/i.test(a)) handlers.push(`<${el.tagName.toLowerCase()} ${a}>`);
    }
    const katex = document.querySelector('.katex .katex-mathml');
    await document.fonts.ready;
    return {
      charts: figures.length,
      drawn: figures.filter((f) => f.querySelector('.nb-plotly-plot svg.main-svg')).length,
      math: document.querySelectorAll('.katex').length,
      mathErrors: document.querySelectorAll('.katex-error').length,
      // KaTeX's CSS hides the MathML copy; if the stylesheet did not load, it would show.
      mathCss: katex ? getComputedStyle(katex).position === 'absolute' : true,
      fonts: katex ? document.fonts.check('16px KaTeX_Main') && Array.from(document.fonts as unknown as Iterable<FontFace>).some((f) => f.family.includes('KaTeX') && f.status === 'loaded') : true,
      badScripts,
      handlers,
      jsUrls: Array.from(document.querySelectorAll('[href],[src]')).filter((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? '')).length,
      links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? ''),
      overflow: document.documentElement.scrollWidth > window.innerWidth + 1,
      hacked: (window as unknown as { hacked?: unknown }).hacked !== undefined || document.title === 'pwned',
    };
  });
}

/** Checks one link of `pageUrl`: the target file exists, and its #fragment names an element there. */
async function linkProblem(href: string, pageUrl: string, page: Page, via: 'file' | 'http', root: string): Promise<string | undefined> {
  if (/^(?:https?:|mailto:)/i.test(href)) return undefined;
  const target = new URL(href, pageUrl);
  const samePage = target.href.split('#')[0] === pageUrl.split('#')[0];
  let file: string;
  if (via === 'file') {
    if (target.protocol !== 'file:') return `link ${href} leaves the site`;
    file = fileURLToPath(target);
  } else {
    file = path.join(root, decodeURIComponent(target.pathname));
  }
  if (!path.resolve(file).startsWith(path.resolve(root))) return `link ${href} points outside the site`;
  if (!existsSync(file) || !statSync(file).isFile()) return `link ${href} does not resolve (${path.relative(root, file) || file} is missing)`;
  const id = decodeURIComponent(target.hash.slice(1));
  if (id) {
    const found = samePage
      ? await page.evaluate((i) => document.getElementById(i) !== null, id)
      : readFileSync(file, 'utf8').includes(`id="${id}"`);
    if (!found) return `link ${href}: no element with id "${id}"`;
  }
  return undefined;
}

/**
 * Charts are drawn lazily (site/charts.js): plotly.js must not be fetched before the load event, and no chart may be
 * drawn before the reader gets near it. Then every chart is scrolled into view (solutions opened for it and closed
 * again) and waited for, so that the checks after this see each one drawn.
 */
async function drawChartsLazily(page: Page, timeoutMs: number): Promise<string[]> {
  const problems: string[] = [];
  const count = await page.locator('figure.nb-plotly').count();
  if (count === 0) return problems;
  const early = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const before = performance.getEntriesByType('resource').filter((r) => /plotly[^/]*\.js$/.test(r.name) && nav && r.startTime < nav.loadEventStart).length;
    const farDrawn = Array.from(document.querySelectorAll('figure.nb-plotly'))
      .filter((f) => f.getBoundingClientRect().top > window.innerHeight * 3 && f.querySelector('svg.main-svg')).length;
    return { before, farDrawn };
  });
  if (early.before > 0) problems.push('plotly.js was fetched before the load event (it must not hold up the page)');
  if (early.farDrawn > 0) problems.push(`${early.farDrawn} charts far below the first screen were drawn before the reader scrolled to them`);
  const opened: number[] = [];
  for (let i = 0; i < count; i++) {
    const wasClosed = await page.evaluate((k) => {
      const f = document.querySelectorAll('figure.nb-plotly')[k];
      const d = f.closest('details');
      const closed = d !== null && !d.open;
      if (d && closed) d.open = true;
      f.scrollIntoView({ block: 'center' });
      return closed;
    }, i);
    if (wasClosed) opened.push(i);
    await page.waitForFunction(
      (k) => document.querySelectorAll('figure.nb-plotly')[k].querySelector('.nb-plotly-plot svg.main-svg') !== null,
      i, { timeout: i === 0 ? timeoutMs : Math.min(timeoutMs, 5_000) },
    ).catch(() => undefined);
  }
  await page.evaluate((ks) => {
    for (const k of ks) document.querySelectorAll('figure.nb-plotly')[k].closest('details')?.removeAttribute('open');
    window.scrollTo(0, 0);
  }, opened);
  return problems;
}

async function checkPage(ctx: BrowserContext, url: string, name: string, via: 'file' | 'http', root: string, shots: string, chartTimeoutMs: number): Promise<PageReport> {
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url().slice(0, 120)} (${r.failure()?.errorText ?? 'unknown'})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  // Playwright's 30 s default is too short for a charted page on a busy 2-core machine.
  page.setDefaultNavigationTimeout(120_000);
  await page.goto(url, { waitUntil: 'load' });
  for (const p of await drawChartsLazily(page, chartTimeoutMs)) problems.push(p);
  // A kata page's editor must start (CodeMirror, the kata bundle and the app under the page's CSP).
  if (await page.$('#kata-app')) {
    const ready = await page.waitForSelector('#kata-app[data-ready="true"] .cm-editor', { timeout: 15_000 }).then(() => true, () => false);
    if (!ready) problems.push('the kata editor did not start (#kata-app never became ready)');
  }
  const seen = await inspect(page);
  if (seen.drawn < seen.charts) problems.push(`${seen.charts - seen.drawn} of ${seen.charts} Plotly charts were not drawn`);
  if (seen.mathErrors > 0) problems.push(`${seen.mathErrors} math expressions failed to typeset (.katex-error)`);
  if (!seen.mathCss) problems.push('KaTeX CSS is not applied');
  if (!seen.fonts) problems.push('KaTeX fonts did not load');
  for (const s of seen.badScripts) problems.push(`a script that is not the site's own: ${s}`);
  for (const h of seen.handlers) problems.push(`event-handler attribute: ${h}`);
  if (seen.jsUrls > 0) problems.push(`${seen.jsUrls} javascript: URLs`);
  if (seen.hacked) problems.push('a notebook output ran code in the page');
  problems.push(...await desktopNavProblems(page, `${name}.html`));
  for (const href of [...new Set(seen.links)]) {
    const p = await linkProblem(href, page.url(), page, via, root);
    if (p) problems.push(p);
  }
  // The first page of a split lesson forwards an old link to an anchor that moved to another of its pages (site/parts.js).
  const moved = await page.evaluate(() => {
    const data = document.getElementById('lesson-part-anchors');
    if (!data) return undefined;
    const map = JSON.parse(data.textContent ?? '{}') as { pages: string[]; ids: Record<string, number> };
    const id = Object.keys(map.ids)[0];
    return id === undefined ? undefined : { id, page: map.pages[map.ids[id]] };
  });
  if (moved) {
    const old = await ctx.newPage();
    await old.goto(`${url.split('#')[0]}#${encodeURIComponent(moved.id)}`);
    const forwarded = await old.waitForURL((u) => u.pathname.endsWith(`/${moved.page}`) && decodeURIComponent(u.hash.slice(1)) === moved.id, { timeout: 15_000 })
      .then(() => true, () => false);
    if (!forwarded) problems.push(`an old link to #${moved.id} was not forwarded to ${moved.page}`);
    await old.close();
  }
  mkdirSync(shots, { recursive: true });
  const suffix = via === 'http' ? '.http' : '';
  // Full page, but at most the first 12,000 px: the question-bank lesson is far longer, and a screenshot of all of
  // it takes Chromium longer than the default 30 s on a busy 2-core machine.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? 1280;
  // A taller page is shot through a 12,000 px viewport: fullPage (even clipped) first lays out and paints the whole
  // document, which took Chromium over 100 s for the 50,000 px katas page, against 2 s this way.
  if (height > 12_000) {
    await page.setViewportSize({ width, height: 12_000 });
    await page.screenshot({ path: path.join(shots, `${name}${suffix}.png`), timeout: 120_000 });
  } else {
    await page.screenshot({ path: path.join(shots, `${name}${suffix}.png`), fullPage: true, timeout: 120_000 });
  }
  // A phone in dark mode: nothing may be wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  // Plotly's responsive charts re-lay themselves out some time after the resize event (a debounce, longer on a busy
  // machine): a page counts as too wide only if it is still too wide after 5 s.
  // Polled on a timer, not on animation frames: a busy page (charts re-laid out after the resize) may run none for seconds.
  const fits = await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth + 1, undefined, { timeout: 5_000, polling: 100 })
    .then(() => true, () => false);
  if (!fits) {
    // Name the elements that really widen the page: past the right edge with no scrolling or clipping ancestor.
    const wide = await page.evaluate(() => Array.from(document.querySelectorAll('body *')).filter((e) => {
      if (e.getBoundingClientRect().right <= window.innerWidth + 1) return false;
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return false;
      return true;
    }).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')}`));
    problems.push(`page is wider than a 390 px phone screen (${wide.join(', ')})`);
  }
  problems.push(...await phoneNavProblems(page));
  await page.screenshot({ path: path.join(shots, `${name}${suffix}.phone-dark.png`), timeout: 120_000 });
  await page.close();
  return { page: name, via, charts: seen.charts, drawnCharts: seen.drawn, mathElements: seen.math, links: seen.links.length, problems };
}

/** Opens every page of the site (index first) and reports per page; screenshots land in `screenshotsDir`. */
export async function checkSite(options: CheckOptions): Promise<PageReport[]> {
  const root = path.resolve(options.siteDir);
  if (!existsSync(path.join(root, 'index.html'))) throw new Error(`${root} has no index.html: build the site first (npm run build)`);
  const pages = readdirSync(root).filter((f) => f.endsWith('.html') && (options.pages?.(f) ?? true)).sort((a, b) => (a === 'index.html' ? -1 : b === 'index.html' ? 1 : a < b ? -1 : 1));
  const shots = path.resolve(options.screenshotsDir ?? path.join(process.cwd(), 'build', 'screenshots'));
  const vias: ('file' | 'http')[] = options.via === 'both' ? ['file', 'http'] : [options.via ?? 'file'];
  const profile = mkdtempSync(path.join(os.tmpdir(), 'check-site-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const reports: PageReport[] = [];
  let http: { server: Server; base: string } | undefined;
  try {
    for (const via of vias) {
      if (via === 'http') http = await serveStatic(root);
      for (const p of pages) {
        const url = via === 'file' ? pathToFileURL(path.join(root, p)).href : `${http?.base}${p}`;
        const report = await checkPage(ctx, url, p.replace(/\.html$/, ''), via, root, shots, options.chartTimeoutMs ?? 15_000);
        options.log?.(`${report.problems.length ? '✖' : '✔'} ${via} ${p}: ${report.drawnCharts}/${report.charts} charts, ${report.mathElements} math, ${report.links} links${report.problems.map((x) => `\n    ${x}`).join('')}`);
        reports.push(report);
      }
      // Search, TOC marking, copying, the theme switch and the quiz's resume: typed, clicked and reloaded once per way in.
      const urlOf = (p: string) => (via === 'file' ? pathToFileURL(path.join(root, p)).href : `${http?.base}${p}`);
      const nav = await siteNavProblems(ctx, { root, urlOf, pages, via, query: options.searchQuery });
      options.log?.(`${nav.length ? '✖' : '✔'} ${via} navigation: search, TOC, copy, theme, quiz resume${nav.map((x) => `\n    ${x}`).join('')}`);
      reports.push({ page: 'navigation', via, charts: 0, drawnCharts: 0, mathElements: 0, links: 0, problems: nav });
    }
  } finally {
    await ctx.close();
    http?.server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return reports;
}

const HELP = `Usage: node --import tsx scripts/export/check-site.ts [siteDir] [--screenshots DIR] [--via file|http|both] [--query WORD]

Opens every page of a built site (default build/site) in Debian's Chromium and checks: no console errors or failed
requests, every Plotly chart drawn, KaTeX rendered with its CSS and fonts, only the site's own scripts, no event
handlers or javascript: URLs, every link resolves, nothing wider than a phone; and the navigation: lesson sidebar
marking the page, heading links, copy buttons on code, no raw TeX in the TOC, on a 390 x 844 phone the title in the
first screen with the TOC closed, search for WORD (default dropout) finding every lesson with a heading about it and
linking to sections, the TOC marking the section scrolled to, the copy button copying, the dark toggle remembered
after a reload, and the quiz resuming on the same card. Screenshots go to build/screenshots/.
Exit code 0 when every page passes, 1 otherwise.`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(HELP);
    return 0;
  }
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv.splice(i, 2)[1] : undefined;
  };
  const screenshotsDir = opt('--screenshots');
  const searchQuery = opt('--query');
  const via = (opt('--via') ?? 'file') as CheckOptions['via'];
  if (!['file', 'http', 'both'].includes(String(via))) {
    console.error(`--via must be file, http or both\n\n${HELP}`);
    return 2;
  }
  const siteDir = argv[0] ?? path.join(process.cwd(), 'build', 'site');
  const reports = await checkSite({ siteDir, screenshotsDir, via, searchQuery, log: (l) => console.log(l) });
  const failed = reports.filter((r) => r.problems.length > 0);
  console.log(`check-site: ${reports.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
