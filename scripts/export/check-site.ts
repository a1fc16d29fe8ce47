// Opens every page of a built site in Chromium (playwright-core): no console errors or failed requests, charts drawn, math rendered, links resolve; screenshots.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

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

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.ipynb': 'application/x-ipynb+json',
};

/** A static file server on 127.0.0.1 for `root` (GET/HEAD only, no directory listings). */
export async function serve(root: string): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(path.resolve(root) + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no port');
  return { server, base: `http://127.0.0.1:${addr.port}/` };
}

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
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(
    () => Array.from(document.querySelectorAll('figure.nb-plotly')).every((f) => f.querySelector('.nb-plotly-plot svg.main-svg')),
    undefined, { timeout: chartTimeoutMs },
  ).catch(() => undefined);
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
  for (const href of [...new Set(seen.links)]) {
    const p = await linkProblem(href, page.url(), page, via, root);
    if (p) problems.push(p);
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
  const fits = await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth + 1, undefined, { timeout: 5_000 })
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
      if (via === 'http') http = await serve(root);
      for (const p of pages) {
        const url = via === 'file' ? pathToFileURL(path.join(root, p)).href : `${http?.base}${p}`;
        const report = await checkPage(ctx, url, p.replace(/\.html$/, ''), via, root, shots, options.chartTimeoutMs ?? 15_000);
        options.log?.(`${report.problems.length ? '✖' : '✔'} ${via} ${p}: ${report.drawnCharts}/${report.charts} charts, ${report.mathElements} math, ${report.links} links${report.problems.map((x) => `\n    ${x}`).join('')}`);
        reports.push(report);
      }
    }
  } finally {
    await ctx.close();
    http?.server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return reports;
}

const HELP = `Usage: node --import tsx scripts/export/check-site.ts [siteDir] [--screenshots DIR] [--via file|http|both]

Opens every page of a built site (default build/site) in Debian's Chromium and checks: no console errors or failed
requests, every Plotly chart drawn, KaTeX rendered with its CSS and fonts, only the site's own scripts, no event
handlers or javascript: URLs, every link resolves, nothing wider than a phone. Screenshots go to build/screenshots/.
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
  const via = (opt('--via') ?? 'file') as CheckOptions['via'];
  if (!['file', 'http', 'both'].includes(String(via))) {
    console.error(`--via must be file, http or both\n\n${HELP}`);
    return 2;
  }
  const siteDir = argv[0] ?? path.join(process.cwd(), 'build', 'site');
  const reports = await checkSite({ siteDir, screenshotsDir, via, log: (l) => console.log(l) });
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
