// Browser checks of the site's navigation (site/nav.js, site/quiz.js): search, sidebar, phone TOC, heading links, copy buttons, dark toggle, quiz resume.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Words that stand for "the lessons that teach it": a lesson teaches the query when one of its h2/h3 headings has it. */
export function lessonsTeaching(root: string, pages: readonly string[], query: string): string[] {
  const word = new RegExp(`\\b${query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i');
  return pages.filter((p) => {
    const html = readFileSync(path.join(root, p), 'utf8');
    if (!html.includes('<article class="lesson">')) return false;
    const body = html.slice(html.indexOf('<div class="lesson-body">'));
    return [...body.matchAll(/<h[23]\b[^>]*>([\s\S]*?)<\/h[23]>/g)].some((m) => word.test(m[1].replace(/<[^>]+>/g, ' ')));
  });
}

/** What one page shows at desktop width: the sidebar marks this page, headings link to themselves, code has copy buttons, the TOC has no raw TeX. */
export async function desktopNavProblems(page: Page, file: string): Promise<string[]> {
  return page.evaluate((self) => {
    const problems: string[] = [];
    const lesson = document.querySelector('article.lesson') !== null;
    const tools = document.querySelector('.site-tools');
    if (!tools || (tools as HTMLElement).hidden) problems.push('no search box and theme toggle in the header');
    if (lesson) {
      const current = Array.from(document.querySelectorAll('.sidebar a[aria-current="page"]'));
      // A lesson split into pages (page-parts.ts) is one entry in the sidebar: its first page, marked on every part.
      const lessonPage = self.replace(/-part-\d+\.html$/, '.html');
      if (!document.querySelector('.sidebar')) problems.push('no lesson sidebar');
      else if (current.length !== 1 || current[0].getAttribute('href') !== lessonPage) problems.push(`the sidebar marks ${current.map((a) => a.getAttribute('href')).join(', ') || 'no lesson'} as current, not ${lessonPage}`);
      else if (!(document.querySelector('.sidebar details') as HTMLDetailsElement).open) problems.push('the sidebar is closed at desktop width');
      for (const hd of Array.from(document.querySelectorAll('.lesson-body h2[id], .lesson-body h3[id]'))) {
        if (!hd.querySelector(`a.heading-anchor[href="#${CSS.escape(hd.id)}"]`)) problems.push(`heading #${hd.id} has no link icon`);
      }
      for (const a of Array.from(document.querySelectorAll('.toc a'))) {
        const copy = a.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.katex-mathml').forEach((m) => m.remove());
        if (/\\[a-zA-Z]+|\$|\^\{|_\{/.test(copy.textContent ?? '')) problems.push(`the TOC shows raw TeX: "${copy.textContent}"`);
      }
    }
    const code = Array.from(document.querySelectorAll('pre > code')).filter((c) => !c.closest('.nb-html'));
    const bare = code.filter((c) => !c.parentElement?.parentElement?.querySelector(':scope > .copy-button'));
    if (bare.length) problems.push(`${bare.length} of ${code.length} code blocks have no copy button`);
    return problems;
  }, file);
}

/** At 390 x 844: the lesson's title is in the first screen, and the TOC and the sidebar are closed. */
export async function phoneNavProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (!document.querySelector('article.lesson')) return problems;
    const h1 = document.querySelector('h1');
    const bottom = h1 ? h1.getBoundingClientRect().bottom + window.scrollY : Infinity;
    if (bottom > window.innerHeight) problems.push(`on a phone the title ends ${Math.round(bottom)} px down, below the first screen (${window.innerHeight} px)`);
    for (const sel of ['.toc details', '.sidebar details']) {
      const d = document.querySelector(sel) as HTMLDetailsElement | null;
      if (d?.open) problems.push(`on a phone ${sel} is open`);
    }
    return problems;
  });
}

async function withPage<T>(ctx: BrowserContext, url: string, f: (page: Page, problems: string[]) => Promise<T>): Promise<string[]> {
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${url}: ${e.message}`));
  // A busy 2-core machine can take more than Playwright's 30 s to load a charted page.
  page.setDefaultTimeout(120_000);
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    await f(page, problems);
  } catch (err) {
    problems.push(`${url}: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    await page.evaluate(() => window.localStorage.clear()).catch(() => undefined);
    await page.close();
  }
  return problems;
}

export interface SiteNavOptions {
  root: string;
  /** Page file name -> URL (file:// or http). */
  urlOf: (file: string) => string;
  pages: string[];
  via: 'file' | 'http';
  /** The search query whose lessons must be found (default "dropout"). */
  query?: string;
}

/** Checks that need typing, clicking and reloading, once per site and way of opening it. */
export async function siteNavProblems(ctx: BrowserContext, o: SiteNavOptions): Promise<string[]> {
  const problems: string[] = [];
  const lessons = o.pages.filter((p) => readFileSync(path.join(o.root, p), 'utf8').includes('<article class="lesson">'));
  const query = o.query ?? 'dropout';
  const first = lessons[0] ?? 'index.html';

  // Search: the query finds every lesson with a heading about it, from this page's own index script.
  const teaching = lessonsTeaching(o.root, lessons, query);
  if (teaching.length === 0) problems.push(`search: no lesson has a heading with "${query}", so the check proves nothing; pick another query`);
  problems.push(...await withPage(ctx, o.urlOf(first), async (page) => {
    await page.fill('#site-search-input', query);
    await page.waitForSelector('#site-search-results a.site-search-hit', { timeout: 20_000 });
    const found = await page.$$eval('#site-search-results a.site-search-hit-lesson', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    // Results are grouped by lesson, headed by the lesson's first page; a split lesson's later page counts as its lesson.
    const missing = teaching.filter((t) => !found.includes(t.replace(/-part-\d+\.html$/, '.html')));
    if (missing.length) problems.push(`search for "${query}" (${o.via}) misses ${missing.join(', ')}; found ${found.join(', ')}`);
    // A result goes to its section.
    const section = await page.$eval('#site-search-results a.site-search-hit:not(.site-search-hit-lesson)', (a) => a.getAttribute('href') ?? '').catch(() => '');
    if (!/\.html#.+/.test(section)) problems.push(`search results link no section (first: "${section}")`);
    else {
      await page.click(`#site-search-results a[href="${section}"]`);
      await page.waitForURL((u) => u.href.endsWith(section.slice(section.indexOf('#'))), { timeout: 60_000 });
      const visible = await page.evaluate((id) => {
        const el = document.getElementById(decodeURIComponent(id));
        return el ? el.getBoundingClientRect().top < window.innerHeight : false;
      }, section.slice(section.indexOf('#') + 1));
      if (!visible) problems.push(`following the search result ${section} does not show its section`);
    }
  }));

  // The TOC marks the section being read.
  const longest = lessons.map((p) => [p, (readFileSync(path.join(o.root, p), 'utf8').match(/class="toc-[23]"/g) ?? []).length] as const).sort((a, b) => b[1] - a[1])[0];
  if (longest && longest[1] >= 3) {
    problems.push(...await withPage(ctx, o.urlOf(longest[0]), async (page) => {
      const target = await page.$$eval('.toc a', (as) => as[Math.floor(as.length / 2)].getAttribute('href') ?? '');
      await page.evaluate((id) => document.getElementById(decodeURIComponent(id.slice(1)))?.scrollIntoView(), target);
      const active = await page.waitForFunction((t) => document.querySelector('.toc a.active')?.getAttribute('href') === t, target, { timeout: 5_000 }).then(() => true, () => false);
      if (!active) problems.push(`${longest[0]}: after scrolling to ${target} the TOC marks ${await page.$eval('.toc a.active', (a) => a.getAttribute('href')).catch(() => 'nothing')}`);
    }));
  }

  // Copy buttons copy the block's code.
  const withCode = lessons.find((p) => /<pre[^>]*><code class="hljs/.test(readFileSync(path.join(o.root, p), 'utf8')));
  if (withCode) {
    problems.push(...await withPage(ctx, o.urlOf(withCode), async (page) => {
      if (o.via === 'http') await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(o.urlOf(withCode)).origin });
      const button = page.locator('.code-block .copy-button').first();
      const code = await page.locator('.code-block').first().locator('pre > code').textContent();
      await button.click();
      const copied = await page.waitForFunction(() => document.querySelector('.copy-button[data-copied]') !== null, undefined, { timeout: 5_000 }).then(() => true, () => false);
      if (!copied) problems.push(`${withCode}: the copy button did not report a copy (${await button.textContent()})`);
      if (o.via === 'http') {
        const text = await page.evaluate(() => navigator.clipboard.readText());
        if (text !== code) problems.push(`${withCode}: the clipboard holds ${JSON.stringify(text.slice(0, 60))}, not the code block`);
      }
    }));
  }

  // The theme toggle overrides the system and is remembered after a reload.
  problems.push(...await withPage(ctx, o.urlOf(first), async (page) => {
    await page.emulateMedia({ colorScheme: 'light' });
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await page.click('#theme-toggle');
    const dark = await bg();
    if (light === dark || (await page.getAttribute('html', 'data-theme')) !== 'dark') problems.push(`the theme toggle did not switch to dark (background ${light} -> ${dark})`);
    await page.reload({ waitUntil: 'load' });
    if ((await page.getAttribute('html', 'data-theme')) !== 'dark' || (await bg()) !== dark) problems.push('the dark theme was not remembered after a reload');
    await page.goto(o.urlOf('index.html'), { waitUntil: 'load' });
    if ((await bg()) !== dark) problems.push('the dark theme was not kept on another page');
    await page.click('#theme-toggle');
    if ((await bg()) !== light) problems.push('the theme toggle did not switch back to light');
  }));

  // The quiz resumes on the card the reader was on, answer showing, counter kept.
  if (existsSync(path.join(o.root, 'quiz.html'))) {
    problems.push(...await withPage(ctx, o.urlOf('quiz.html'), async (page) => {
      await page.waitForSelector('#quiz-card[data-state="question"]');
      await page.click('#quiz-reveal');
      await page.click('#quiz-known');
      await page.click('#quiz-reveal');
      const before = { id: await page.getAttribute('#quiz-card', 'data-question-id'), label: await page.textContent('#quiz-question-label') };
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('#quiz-card[data-question-id]');
      const after = { id: await page.getAttribute('#quiz-card', 'data-question-id'), label: await page.textContent('#quiz-question-label'), state: await page.getAttribute('#quiz-card', 'data-state') };
      if (before.label !== 'Question 2' || after.id !== before.id || after.label !== before.label || after.state !== 'answer') {
        problems.push(`the quiz did not resume after a reload: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
      }
    }));
  }
  return problems;
}
