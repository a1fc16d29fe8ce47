// npm run check:blog -- <astro|docusaurus|next>: follows README's blog recipe in a temporary folder, builds the blog, serves it and checks every page in Chromium.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../export/check-site';
import { serveStatic } from '../shared/static-server';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type FrameworkName = 'astro' | 'docusaurus' | 'next';

interface Framework {
  /** Folder of the built site inside the scaffold. */
  out: string;
  /** URL path of a lesson's page. */
  page: (slug: string) => string;
  /** Packages whose pinned version README must state (checked against the template's package.json). */
  named: string[];
}

export const FRAMEWORKS: Record<FrameworkName, Framework> = {
  astro: { out: 'dist', page: (s) => `/lessons/${s}/`, named: ['astro', '@astrojs/mdx', '@astrojs/react'] },
  docusaurus: { out: 'build', page: (s) => `/${s}`, named: ['@docusaurus/core'] },
  next: { out: 'out', page: (s) => `/lessons/${s}/`, named: ['next', '@next/mdx'] },
};

const HELP = `Usage: npm run check:blog -- <astro|docusaurus|next> [--mdx DIR] [--keep | --built DIR] [--json FILE] [--chart-timeout S]

Follows README's recipe for the framework ("Using the MDX in a blog") in a temporary folder: copies blog/<framework>/
(pinned versions), runs npm install (registry or npm's cache), runs README's shell block for the framework with
MDX=<the export's folder> (it copies build/mdx in and builds), serves the result on 127.0.0.1 and opens the index and
every lesson in Debian's Chromium at 390 x 844. A page passes when every chart is drawn, its math is typeset with no
KaTeX errors and no raw $$ left, the console has no errors, no request fails and nothing is wider than the screen.

  --mdx DIR          exported MDX folder (default build/mdx; run npm run export first)
  --keep             keep the temporary blog folder (its path is printed)
  --built DIR        check the blog a --keep run left in DIR again, without installing or building
  --json FILE        where the report goes (default build/check-blog-<framework>.json)
  --chart-timeout S  seconds to wait for a page's charts (default 90)

Prints install and build times and each page's HTML size and total bytes. Exit code 0 when every page passes,
1 when a page fails, 2 for bad usage or a missing input.`;

class UsageError extends Error {}

const log = (line: string) => console.log(`[check:blog] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

/** The shell block of README's recipe for `framework`: the first ```sh block after `<!-- blog-recipe <framework> -->`. */
export function recipeBlock(readme: string, framework: string): string {
  const marker = `<!-- blog-recipe ${framework} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new UsageError(`README.md has no "${marker}" section`);
  const m = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  const next = readme.indexOf('<!-- blog-recipe ', at + marker.length);
  if (!m || (next >= 0 && at + m.index > next)) throw new UsageError(`README.md's "${marker}" section has no \`\`\`sh block`);
  return m[1];
}

/** The README section (marker to next marker) must name each key package with the version the template pins. */
function checkPinned(readme: string, framework: FrameworkName, pkg: { dependencies?: Record<string, string> }): void {
  const deps = pkg.dependencies ?? {};
  for (const [name, version] of Object.entries(deps)) {
    if (!/^\d+\.\d+\.\d+$/.test(version)) throw new UsageError(`blog/${framework}/package.json: ${name} must be pinned to an exact version, got "${version}"`);
  }
  const at = readme.indexOf(`<!-- blog-recipe ${framework} -->`);
  const section = readme.slice(at, at + 2000);
  for (const name of FRAMEWORKS[framework].named) {
    if (!deps[name]) throw new UsageError(`blog/${framework}/package.json does not depend on ${name}`);
    if (!section.includes(`${name}@${deps[name]}`)) throw new UsageError(`README's ${framework} recipe must state the tested version ${name}@${deps[name]} (blog/${framework}/package.json pins it)`);
  }
}

interface Expected {
  slug: string;
  charts: number;
  math: number;
}

/** What each exported lesson should show: its number of charts and of math expressions (outside code and components). */
export function expectedPages(mdxDir: string): Expected[] {
  return readdirSync(mdxDir).filter((f) => f.endsWith('.mdx')).sort().map((f) => {
    const text = readFileSync(path.join(mdxDir, f), 'utf8');
    const slug = /^slug: "([^"]+)"$/m.exec(text)?.[1];
    if (!slug) throw new UsageError(`${path.join(mdxDir, f)}: no "slug" in its front matter (re-run npm run export)`);
    const prose = text.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, '').replace(/^<[A-Z][\s\S]*?\/>$/gm, '').replace(/^import .*$/gm, '');
    const display = (prose.match(/^\$\$$/gm) ?? []).length / 2;
    const inline = prose.replace(/^\$\$\n[\s\S]*?\n\$\$$/gm, '').replace(/`[^`\n]*`/g, '').match(/(?<![\\$])\$(?!\$)(?:[^$\n\\]|\\.)+?(?<!\\)\$/g) ?? [];
    return { slug, charts: (text.match(/^<PlotlyChart /gm) ?? []).length, math: display + inline.length };
  });
}

/** Runs a command, streaming its output with a prefix; rejects with its exit code and last lines. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        console.log(`    ${line}`);
        tail.push(line);
        if (tail.length > 30) tail.shift();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Date.now() - started);
      else reject(new Error(`${cmd} ${args.join(' ').slice(0, 80)} failed (${signal ? `killed by ${signal}` : `exit code ${code}`}) in ${cwd}:\n${tail.slice(-12).join('\n')}`));
    });
  });
}

export interface BlogPageReport {
  page: string;
  url: string;
  htmlBytes: number;
  totalBytes: number;
  charts: number;
  drawn: number;
  expectedCharts: number;
  math: number;
  expectedMath: number;
  problems: string[];
}

/** Opens one page at phone size in a fresh context (so its bytes are counted as a first visit) and checks it. */
async function checkPage(browser: Browser, url: string, name: string, want: { charts: number; math: number; links?: string[] }, chartTimeoutMs: number): Promise<BlogPageReport> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  const problems: string[] = [];
  const sizes: Promise<number>[] = [];
  let htmlBytes = 0;
  // Chromium asks every site for /favicon.ico on its own; a blog without one is not a broken page.
  const favicon = (url: string | undefined) => url !== undefined && new URL(url, 'http://x').pathname === '/favicon.ico';
  page.on('console', (m) => {
    if (m.type() === 'error' && !favicon(m.location().url)) problems.push(`console error: ${m.text().slice(0, 300)}${m.location().url ? ` (${m.location().url})` : ''}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message.slice(0, 300)}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url().slice(0, 120)} (${r.failure()?.errorText ?? 'unknown'})`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !favicon(r.url())) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    if (!new URL(r.url()).hostname.startsWith('127.0.0.1')) problems.push(`a request left the blog: ${r.url().slice(0, 120)}`);
    sizes.push(r.body().then((b) => b.length, () => 0));
  });
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    htmlBytes = response ? (await response.body()).length : 0;
    // Charts may be drawn lazily: bring each one into view and wait for it, as a reader scrolling down would.
    const figures = await page.locator('figure.nb-plotly').count();
    const deadline = Date.now() + chartTimeoutMs;
    for (let i = 0; i < figures && Date.now() < deadline; i += 1) {
      await page.locator('figure.nb-plotly').nth(i).scrollIntoViewIfNeeded({ timeout: 10_000 }).catch(() => undefined);
      await page.waitForFunction((n) => document.querySelectorAll('figure.nb-plotly')[n]?.querySelector('.nb-plotly-plot svg.main-svg'), i, { timeout: Math.max(1, deadline - Date.now()) }).catch(() => undefined);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    const seen = await page.evaluate(() => {
      // No named helper functions in here: tsx would wrap them in a __name() call the page does not have.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let rawMath = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement?.closest('pre, code, script, style, .katex')) continue;
        if (/\$\$|\\frac|\\sum_/.test(n.textContent ?? '')) rawMath ||= (n.textContent ?? '').trim().slice(0, 80);
      }
      const katex = document.querySelector('.katex .katex-mathml');
      return {
        charts: document.querySelectorAll('figure.nb-plotly').length,
        drawn: Array.from(document.querySelectorAll('figure.nb-plotly')).filter((f) => f.querySelector('.nb-plotly-plot svg.main-svg')).length,
        math: document.querySelectorAll('.katex').length,
        mathErrors: document.querySelectorAll('.katex-error').length,
        mathCss: katex ? getComputedStyle(katex).position === 'absolute' : true,
        rawMath,
        links: Array.from(document.querySelectorAll('a[href]')).map((a) => (a as HTMLAnchorElement).href),
      };
    });
    if (seen.charts !== want.charts) problems.push(`expected ${want.charts} charts on the page, found ${seen.charts}`);
    if (seen.drawn < seen.charts) problems.push(`${seen.charts - seen.drawn} of ${seen.charts} charts were not drawn within ${chartTimeoutMs / 1000} s`);
    if (seen.math < want.math) problems.push(`expected at least ${want.math} typeset math expressions, found ${seen.math}`);
    if (seen.mathErrors > 0) problems.push(`${seen.mathErrors} math expressions failed to typeset (.katex-error)`);
    if (!seen.mathCss) problems.push("KaTeX's CSS is not applied (the MathML copy shows)");
    if (seen.rawMath) problems.push(`untypeset LaTeX in the text: "${seen.rawMath}"`);
    for (const href of want.links ?? []) if (!seen.links.some((l) => l.replace(/\/$/, '').endsWith(href.replace(/\/$/, '')))) problems.push(`no link to ${href}`);
    // Plotly's responsive charts re-lay themselves out some time after a resize (a debounce): wait up to 5 s.
    const fits = await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth + 1, undefined, { timeout: 5_000 }).then(() => true, () => false);
    if (!fits) {
      const wide = await page.evaluate(() => {
        const els = Array.from(document.querySelectorAll('body *')).filter((e) => {
          if (e.getBoundingClientRect().right <= window.innerWidth + 1) return false;
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return false;
          return true;
        });
        return { width: document.documentElement.scrollWidth, els: els.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}`) };
      });
      problems.push(`page is ${wide.width} px wide on a 390 px phone screen (${wide.els.join(', ')})`);
    }
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    const totalBytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    return { page: name, url, htmlBytes, totalBytes, charts: seen.charts, drawn: seen.drawn, expectedCharts: want.charts, math: seen.math, expectedMath: want.math, problems };
  } catch (err) {
    problems.push(`could not check the page: ${(err as Error).message.split('\n')[0]}`);
    return { page: name, url, htmlBytes, totalBytes: 0, charts: 0, drawn: 0, expectedCharts: want.charts, math: 0, expectedMath: want.math, problems };
  } finally {
    await ctx.close();
  }
}

export interface CheckBlogOptions {
  framework: FrameworkName;
  mdxDir: string;
  keep?: boolean;
  chartTimeoutMs?: number;
  executablePath?: string;
  /** A scaffold an earlier run kept (--keep): skip install and build, check its built site again. */
  built?: string;
}

export interface CheckBlogReport {
  framework: FrameworkName;
  node: string;
  installMs: number;
  buildMs: number;
  pages: BlogPageReport[];
}

export async function checkBlog(o: CheckBlogOptions): Promise<CheckBlogReport> {
  const fw = FRAMEWORKS[o.framework];
  const mdxDir = path.resolve(o.mdxDir);
  if (!existsSync(mdxDir) || !readdirSync(mdxDir).some((f) => f.endsWith('.mdx'))) throw new UsageError(`${mdxDir} has no .mdx files: run "npm run export" first`);
  if (!existsSync(path.join(mdxDir, 'kit', 'components', 'index.js'))) throw new UsageError(`${mdxDir} has no kit/components/index.js: re-run "npm run export" (the export writes the blog kit)`);
  const template = path.join(REPO_ROOT, 'blog', o.framework);
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = recipeBlock(readme, o.framework);
  checkPinned(readme, o.framework, JSON.parse(readFileSync(path.join(template, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> });
  const expected = expectedPages(mdxDir);

  const work = o.built ? path.resolve(o.built) : mkdtempSync(path.join(os.tmpdir(), `check-blog-${o.framework}-`));
  if (o.built) log(`${o.framework}: checking the blog already built in ${work}`);
  else {
    log(`${o.framework}: scaffold in ${work} (from blog/${o.framework}/), Node ${process.version}`);
    cpSync(template, work, { recursive: true });
  }
  const env: NodeJS.ProcessEnv = { ...process.env, MDX: mdxDir, CI: '1', ASTRO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', DOCUSAURUS_IGNORE_SSG_WARNINGS: 'true' };
  delete env.NODE_OPTIONS; // the parent's tsx loader must not leak into the blog's build
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    let installMs = 0;
    let buildMs = 0;
    if (!o.built) {
      log('npm install (pinned versions; npm cache used when it has them)');
      installMs = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], work, env, 30 * 60_000);
      log(`npm install: ${seconds(installMs)}`);
      log(`README's ${o.framework} recipe, verbatim (MDX=${mdxDir}):\n${block.trimEnd().split('\n').map((l) => `      ${l}`).join('\n')}`);
      writeFileSync(path.join(work, '.readme-recipe.sh'), block);
      buildMs = await run('bash', ['-e', '.readme-recipe.sh'], work, env, 40 * 60_000);
      log(`recipe (copy + build): ${seconds(buildMs)}`);
    }
    const out = path.join(work, fw.out);
    if (!existsSync(path.join(out, 'index.html'))) throw new Error(`the build wrote no ${fw.out}/index.html`);
    const http = await serveStatic(out, { cleanUrls: true });
    server = http.server;
    const site = http.base.replace(/\/$/, '');
    log(`serving ${out} at ${http.base}; checking ${expected.length + 1} pages in Chromium at 390 x 844`);
    const launch = () => chromium.launch({ executablePath: o.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    browser = await launch();
    const pages: BlogPageReport[] = [];
    const timeout = o.chartTimeoutMs ?? 90_000;
    const targets = [
      { name: 'index', url: `${site}/`, want: { charts: 0, math: 0, links: expected.map((e) => fw.page(e.slug)) } },
      ...expected.map((e) => ({ name: e.slug, url: `${site}${fw.page(e.slug)}`, want: { charts: e.charts, math: e.math } })),
    ];
    for (const t of targets) {
      // A busy machine can lose Chromium (out of memory); the next page gets a new one rather than a cascade of failures.
      if (!browser.isConnected()) browser = await launch();
      const r = await checkPage(browser, t.url, t.name, t.want, timeout).catch(async (err: unknown) => {
        if (browser?.isConnected()) throw err;
        log(`Chromium went away (${(err as Error).message.split('\n')[0]}); starting it again for ${t.name}`);
        browser = await launch();
        return checkPage(browser, t.url, t.name, t.want, timeout);
      });
      // The index may show summaries with math in them; only a lesson page must have all of its math.
      pages.push(r);
      log(`${r.problems.length ? '✖' : '✔'} ${r.page}: ${r.drawn}/${r.expectedCharts} charts, ${r.math} math (>= ${r.expectedMath}), HTML ${kB(r.htmlBytes)}, total ${kB(r.totalBytes)}${r.problems.map((p) => `\n      ${p}`).join('')}`);
    }
    return { framework: o.framework, node: process.version, installMs, buildMs, pages };
  } finally {
    await browser?.close();
    server?.close();
    if (o.keep || o.built) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(HELP);
    return 0;
  }
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    argv.splice(i, 2);
    return value;
  };
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    if (i >= 0) argv.splice(i, 1);
    return i >= 0;
  };
  const mdxDir = opt('--mdx') ?? path.join(REPO_ROOT, 'build', 'mdx');
  const json = opt('--json');
  const chartTimeout = opt('--chart-timeout');
  const keep = flag('--keep');
  const built = opt('--built');
  if (built !== undefined && !existsSync(built)) throw new UsageError(`--built ${built}: no such folder`);
  const unknown = argv.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option ${unknown}`);
  if (argv.length !== 1) throw new UsageError(`expected one framework (astro, docusaurus or next), got ${argv.length ? argv.join(' ') : 'none'}`);
  const framework = argv[0] as FrameworkName;
  if (!(framework in FRAMEWORKS)) throw new UsageError(`unknown framework "${argv[0]}": expected astro, docusaurus or next`);
  const chartTimeoutMs = chartTimeout === undefined ? undefined : Number(chartTimeout) * 1000;
  if (chartTimeoutMs !== undefined && !(chartTimeoutMs > 0)) throw new UsageError(`--chart-timeout must be a positive number of seconds, got ${chartTimeout}`);
  const started = Date.now();
  const report = await checkBlog({ framework, mdxDir, keep, chartTimeoutMs, built });
  const file = path.resolve(json ?? path.join(REPO_ROOT, 'build', `check-blog-${framework}.json`));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 1)}\n`);
  const failed = report.pages.filter((p) => p.problems.length > 0);
  const lessons = report.pages.filter((p) => p.page !== 'index');
  const max = (k: 'htmlBytes' | 'totalBytes') => Math.max(...lessons.map((p) => p[k]));
  log(`${framework}: install ${seconds(report.installMs)}, build ${seconds(report.buildMs)}, total ${seconds(Date.now() - started)}; ` +
    `largest lesson HTML ${kB(max('htmlBytes'))}, largest page total ${kB(max('totalBytes'))}; report in ${path.relative(process.cwd(), file)}`);
  log(`${report.pages.length - failed.length} pages passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
    const usage = err instanceof UsageError;
    console.error(`check:blog: ${err instanceof Error ? err.message : String(err)}${usage ? '\n(npm run check:blog -- --help)' : ''}`);
    process.exit(usage ? 2 : 1);
  });
}
