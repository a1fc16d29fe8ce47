// A kata page in Chromium, from file:// and over http: wrong, right and endless solutions, the page staying responsive, code kept over a reload, the list marking the kata solved, weak spots fed to the quiz, progress exported and imported.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getKata } from '../../lib/katas';
import { CHROMIUM_ARGS } from '../../scripts/export/check-site';
import { serveStatic } from '../../scripts/shared/static-server';
import { KATA_PAGE_CSP } from '../../scripts/export/kata-pages';
import { QUIZ_STORAGE_KEY } from '../../scripts/export/quiz-page';
import { buildKataSite } from '../../scripts/export/kata-site';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const softmax = getKata('softmax');

const WRONG = `export function softmax(z: number[]): number[] {
  const e = z.map((v) => Math.exp(v - Math.max(...z)));
  return e; // forgot to divide by the sum
}
`;
const LOOP = `export function softmax(z: number[]): number[] {
  let i = 0;
  while (true) { i++; }
}
`;

describe.skipIf(!existsSync(chromiumPath))('a kata page in Chromium', () => {
  let site: string;
  let ctx: BrowserContext;
  let profile: string;
  let http: { server: Server; base: string };
  const problems: string[] = [];

  beforeAll(async () => {
    site = await buildKataSite([softmax, getKata('kmeans')]);
    http = await serveStatic(site);
    profile = mkdtempSync(path.join(os.tmpdir(), 'kata-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true, acceptDownloads: true });
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
    http?.server.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (site) rmSync(site, { recursive: true, force: true });
  });

  async function open(url: string): Promise<Page> {
    const page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${url}: console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${url}: ${e.message}`));
    page.on('request', (r) => { if (!/^(file:|blob:|data:)/.test(r.url()) && !r.url().startsWith(http.base)) problems.push(`${url}: external request ${r.url()}`); });
    await page.goto(url);
    return page;
  }

  async function typeCode(page: Page, code: string): Promise<void> {
    await page.click('.cm-content');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(code);
    expect(await page.evaluate(() => (window as unknown as { mlinKataPage: { getCode(): string } }).mlinKataPage.getCode())).toBe(code);
  }

  async function checkedReport(page: Page, press: () => Promise<void>): Promise<{ status: string; report: string }> {
    await press();
    await page.waitForFunction(() => {
      const app = document.getElementById('kata-app');
      return app && !app.hasAttribute('aria-busy') && !/^Checking/.test(document.getElementById('kata-status')?.textContent ?? '');
    }, null, { timeout: 30_000 });
    return { status: (await page.textContent('#kata-status')) ?? '', report: (await page.textContent('#kata-report')) ?? '' };
  }

  for (const via of ['file', 'http'] as const) {
    it(`solves softmax from ${via}: wrong, right, endless loop, reload, list`, async () => {
      problems.length = 0;
      const base = via === 'file' ? pathToFileURL(site).href + '/' : http.base;
      const page = await open(`${base}kata-softmax.html`);
      await page.evaluate(() => window.localStorage.clear());
      await page.reload();
      await page.waitForSelector('#kata-app[data-ready="true"]', { timeout: 30_000 });
      expect(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content')).toBe(KATA_PAGE_CSP);
      expect(KATA_PAGE_CSP).not.toMatch(/unsafe-eval|https?:/);
      // The starter is in the editor, the statement and examples beside it.
      expect(await page.evaluate(() => (window as unknown as { mlinKataPage: { getCode(): string } }).mlinKataPage.getCode())).toBe(softmax.starter);
      expect(await page.textContent('.kata-examples')).toContain('softmax([1, 2, 3])');

      // A wrong solution, checked with Ctrl-Enter in the editor: the failing case and the mistake's hint.
      await typeCode(page, WRONG);
      const wrong = await checkedReport(page, () => page.keyboard.press('Control+Enter'));
      expect(wrong.status).toMatch(/^softmax: \d+\/14 cases passed/);
      expect(wrong.report).toContain('1. three logits (example): wrong value at [0]: expected 0.0900306, got 0.135335');
      expect(wrong.report).toContain('hint: your values do not sum to 1: divide every exponential by their sum');
      // The failure fed the quiz's weak spots: the kata's interview questions are due again (box 1).
      const quiz = await page.evaluate((key) => JSON.parse(window.localStorage.getItem(key) ?? 'null'), QUIZ_STORAGE_KEY);
      for (const q of softmax.links.questions) expect(quiz.cards[q]).toMatchObject({ box: 1 });

      // The model answer, checked with the button: every case passes.
      await typeCode(page, softmax.solution);
      const right = await checkedReport(page, () => page.click('#kata-check'));
      expect(right.status).toContain('softmax: all 14 cases passed ✓ solved');
      expect(right.report).toMatch(/^softmax: all 14 cases passed/);

      // An endless loop: times out after the kata's limit while the page keeps answering and the editor keeps typing.
      await typeCode(page, LOOP);
      await page.click('#kata-check');
      await page.waitForFunction(() => document.getElementById('kata-app')?.getAttribute('aria-busy') === 'true');
      const t0 = Date.now();
      const answered = await page.evaluate(() => new Promise<number>((resolve) => { const t = performance.now(); setTimeout(() => resolve(performance.now() - t), 50); }));
      expect(answered).toBeLessThan(1000);
      expect(Date.now() - t0).toBeLessThan(2000);
      await page.click('.cm-content');
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.insertText('\n// typed while the check runs\n');
      expect(await page.textContent('#kata-status')).toBe('Checking…');
      const loop = await checkedReport(page, async () => {});
      expect(loop.report).toContain('timed out after 3 s (an infinite loop? check that every loop ends)');
      expect(loop.report).toMatch(/13 cases not run: not run: case 1 timed out and the worker was stopped/);
      // The worker was stopped and a new one grades the next check.
      await typeCode(page, softmax.solution);
      expect((await checkedReport(page, () => page.click('#kata-check'))).status).toContain('all 14 cases passed');
      await typeCode(page, LOOP);

      // A reload keeps the code (saved as typed, not only on Check).
      await page.reload();
      await page.waitForSelector('#kata-app[data-ready="true"]');
      expect(await page.evaluate(() => (window as unknown as { mlinKataPage: { getCode(): string } }).mlinKataPage.getCode())).toBe(LOOP);

      // Reset to starter asks first, then restores the starter (and keeps it).
      page.once('dialog', (d) => void d.accept());
      await page.click('#kata-reset');
      expect(await page.evaluate(() => (window as unknown as { mlinKataPage: { getCode(): string } }).mlinKataPage.getCode())).toBe(softmax.starter);
      await page.reload();
      await page.waitForSelector('#kata-app[data-ready="true"]');
      expect(await page.evaluate(() => (window as unknown as { mlinKataPage: { getCode(): string } }).mlinKataPage.getCode())).toBe(softmax.starter);

      // The kata list shows softmax solved and kmeans not.
      await page.goto(`${base}katas.html`);
      await page.waitForFunction(() => document.querySelector('[data-kata-state="softmax"]')?.textContent !== '');
      expect(await page.textContent('[data-kata-state="softmax"]')).toContain('✓ solved');
      expect(await page.textContent('[data-kata-state="kmeans"]')).toBe('');
      expect(await page.textContent('#kata-progress-summary')).toBe('Solved in this browser: 1 of 2.');
      expect(await page.getAttribute('#softmax a[href="kata-softmax.html"]', 'href')).toBe('kata-softmax.html');

      // Export the progress, forget it, import it back.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#kata-export')]);
      const file = path.join(profile, `progress-${via}.json`);
      await download.saveAs(file);
      const exported = JSON.parse(readFileSync(file, 'utf8'));
      expect(exported.schema).toBe('ml-interview-notebooks/progress@1');
      expect(exported.katas.katas.softmax).toMatchObject({ status: 'passed', attempts: 4 });
      expect(Object.keys(exported.quiz.cards)).toEqual(expect.arrayContaining(softmax.links.questions));
      await page.evaluate(() => window.localStorage.clear());
      await page.reload();
      expect(await page.textContent('[data-kata-state="softmax"]')).toBe('');
      await page.setInputFiles('#kata-import-file', file);
      await page.waitForFunction(() => /Imported/.test(document.getElementById('kata-progress-status')?.textContent ?? ''));
      expect(await page.textContent('#kata-progress-status')).toBe('Imported progress-' + via + '.json: 1 kata record and the quiz progress.');
      expect(await page.textContent('[data-kata-state="softmax"]')).toContain('✓ solved');
      await page.setInputFiles('#kata-import-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 2}') });
      await page.waitForFunction(() => /Could not import/.test(document.getElementById('kata-progress-status')?.textContent ?? ''));
      expect(await page.textContent('#kata-progress-status')).toContain('Could not import bad.json: expected an exported progress file');
      await page.close();
      expect(problems).toEqual([]);
    }, 180_000);
  }
});
