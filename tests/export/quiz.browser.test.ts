// The self-quiz page: built into the fixture site from the question bank, then driven by keyboard in Debian's Chromium (reveal, mark, reload keeps state).
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionBank, type Question, type QuestionBank } from '../../lib/interview/question-bank';
import { emptyProgress, simulate, type Mark, type Progress } from '../../lib/interview/spaced-repetition';
import { CHROMIUM_ARGS } from '../../scripts/export/check-site';
import { compileForSite } from '../../scripts/export/compile';
import { QUIZ_STORAGE_KEY, lessonAnchors, planQuizPage, renderQuestions, scriptJson, type QuizData } from '../../scripts/export/quiz-page';
import { renderBody } from '../../scripts/export/render';
import { SITE_ASSETS } from '../../scripts/export/site-assets';
import { MDX_STRINGIFY } from '../../scripts/export/to-mdx';
import { makeSafe, parseMarkdown } from '../../scripts/export/markdown';
import { LessonContext } from '../../scripts/export/context';
import { toMarkdown } from 'mdast-util-to-markdown';
import { LESSONS, REPO, elements, read, runExport, workspace, type Workspace } from './helpers';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(REPO, 'build', 'screenshots');
const bank = loadQuestionBank();
let ws: Workspace;

/** The JSON the page embeds, read the way the browser reads it (the text of the script element). */
function embedded(html: string): QuizData {
  const script = elements(html).find((e) => e.tagName === 'script' && e.properties.id === 'quiz-data');
  if (!script) throw new Error('no quiz-data script');
  const text = script.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  return JSON.parse(text) as QuizData;
}

/** A small bank whose questions link to cells of the fixture lessons. */
function fixtureBank(): QuestionBank {
  const q = (id: string, question: string, answer: string, links: Question['links']): Question => ({ id, section: 'metrics', difficulty: 'easy', question, answer, tags: ['test'], links });
  const questions = [
    q('metrics-a', 'Where is the table?', 'Under the **Math** heading, $x^2$.', [{ lesson: '01-prose-and-math', cell: 'code-5' }]),
    q('metrics-b', 'And the exercises?', 'At the end of the lesson page.', [{ lesson: '01-prose-and-math', cell: 'code-10' }, { lib: 'lib/metrics/roc.ts#rocAuc' }]),
    q('metrics-c', 'What about a lesson that is not on the site?', 'No link is shown for it.', [{ lesson: '09-transformers' }, { lesson: '01-prose-and-math', cell: 'no-such-cell' }]),
    q('metrics-d', 'Hostile text: `</script><script>window.hacked = 1</script>` <!-- and <b>tags</b>?', 'It stays text: </script> <img src=x onerror=alert(1)>.', []),
  ];
  return { sections: [{ id: 'metrics', title: 'Evaluation metrics', questions }], questions, byId: new Map(questions.map((x) => [x.id, x])) };
}

beforeAll(async () => {
  ws = workspace(LESSONS);
  const report = await runExport(ws);
  expect(report.errors).toEqual([]);
});

describe('the quiz page in the export', () => {
  it('embeds every question of the bank, rendered with KaTeX at build time, and is linked from every page header', () => {
    const html = read(path.join(ws.site, 'quiz.html'));
    const data = embedded(html);
    expect(data.questions.map((q) => q.id)).toEqual(bank.questions.map((q) => q.id));
    expect(data.sections.map((s) => s.id)).toEqual(bank.sections.map((s) => s.id));
    expect(data.storageKey).toBe(QUIZ_STORAGE_KEY);
    const withMath = data.questions.filter((q) => bank.byId.get(q.id)?.answer.includes('$'));
    expect(withMath.length).toBeGreaterThan(100);
    for (const q of withMath) expect(q.answer, q.id).toContain('class="katex"');
    expect(html).not.toMatch(/katex-error/);
    // No lesson of the bank is in the fixture site: no lesson links, only lib names.
    expect(data.questions.flatMap((q) => q.links).every((l) => l.href === undefined)).toBe(true);
    expect(data.questions.find((q) => q.id === 'metrics-auc-meaning')?.links).toContainEqual({ text: 'rocAuc in lib/metrics/roc.ts' });
    expect(html).toContain('<script src="assets/quiz.js" defer=""></script>');
    expect(html).toContain('<meta name="quiz-build" content="');
    expect(existsSync(path.join(ws.site, 'assets', 'quiz.js'))).toBe(true);
    expect(existsSync(path.join(ws.site, 'assets', 'quiz.css'))).toBe(true);
    for (const page of ['index.html', '01-prose-and-math.html', 'quiz.html']) {
      const nav = elements(read(path.join(ws.site, page))).find((e) => e.tagName === 'nav' && e.properties.ariaLabel === 'Site');
      expect(nav && toHtml(nav), page).toContain('href="quiz.html"');
    }
    expect(html).toContain('aria-current="page"');
  });

  it('renders answers exactly as a lesson page renders the same markdown (MDX + rehype-katex + React)', async () => {
    const sample = bank.questions.filter((_, i) => i % 20 === 0);
    const fast = renderQuestions(sample);
    const ctx = new LessonContext('bank', 'quiz');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'quiz-mdx-'));
    const canon = (html: string) => toHtml(fromHtml(html, { fragment: true })).replace(/;"/g, '"').trim();
    for (const [i, q] of sample.entries()) {
      const mdx = toMarkdown(makeSafe(parseMarkdown(q.answer), ctx), MDX_STRINGIFY);
      const file = path.join(dir, 'a.mdx');
      writeFileSync(file, mdx);
      const viaLesson = await renderBody(await compileForSite(mdx, file, { mdxDir: dir, slugs: new Set() }), file);
      // React leaves out the final ";" of style attributes; everything else is the same markup.
      expect(canon(fast[i].answer), q.id).toBe(canon(viaLesson));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('links a question to its lesson cell (a code cell\'s own block); unknown lessons get no link; hostile text stays inert', async () => {
    const report = { errors: [] as string[], warnings: [] as string[] };
    const site = mkdtempSync(path.join(os.tmpdir(), 'quiz-site-'));
    cpSync(ws.site, site, { recursive: true });
    const lesson = { file: path.join(ws.notebooks, '01-prose-and-math.ipynb'), meta: { slug: '01-prose-and-math', title: 'Prose, math and code', description: '', tags: [], order: 1, source: '' } };
    await planQuizPage({ fingerprint: 'f', siteDir: path.join(site, 'none'), siteTitle: 'T', assets: SITE_ASSETS, report, bank: fixtureBank() }).write(site, [lesson], []);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual(['quiz.html: question "metrics-c" links to cell "no-such-cell" of 01-prose-and-math, which has no such cell; linked to the lesson page']);
    const html = read(path.join(site, 'quiz.html'));
    const data = embedded(html);
    expect(data.questions.map((q) => q.links)).toEqual([
      [{ href: '01-prose-and-math.html#cell-code-5', text: 'Lesson 01: Prose, math and code' }],
      [{ href: '01-prose-and-math.html#cell-code-10', text: 'Lesson 01: Prose, math and code' }, { text: 'rocAuc in lib/metrics/roc.ts' }],
      [{ href: '01-prose-and-math.html', text: 'Lesson 01: Prose, math and code' }],
      [],
    ]);
    expect(data.questions[3].question).toContain('&#x3C;/script>');
    expect(html.match(/<\/script>/g)?.length).toBe(4); // site.js, nav.js, quiz.js and the data
    expect(html).not.toContain('<!--');
    rmSync(site, { recursive: true, force: true });
  });

  it('is carried over when nothing changed, and reuses its typeset answers when only the lessons or navigation changed', async () => {
    const report = { errors: [] as string[], warnings: [] as string[] };
    const lesson = { file: path.join(ws.notebooks, '01-prose-and-math.ipynb'), meta: { slug: '01-prose-and-math', title: 'Prose, math and code', description: '', tags: [], order: 1, source: '' } };
    const build = async (live: string, out: string, nav: { href: string; title: string }[], force = false) => {
      cpSync(ws.site, out, { recursive: true, force: true });
      await planQuizPage({ fingerprint: 'f', siteDir: live, siteTitle: 'T', assets: SITE_ASSETS, report, force, bank: fixtureBank() }).write(out, [lesson], nav);
      return read(path.join(out, 'quiz.html'));
    };
    const root = mkdtempSync(path.join(os.tmpdir(), 'quiz-reuse-'));
    const first = await build(path.join(root, 'none'), path.join(root, 'a'), []);
    // Mark the typeset answer in the live page: a rebuild that reuses it keeps the mark.
    writeFileSync(path.join(root, 'a', 'quiz.html'), first.replace('At the end of the lesson page.', 'REUSED'));
    const same = await build(path.join(root, 'a'), path.join(root, 'b'), []);
    expect(same).toContain('REUSED');
    const otherNav = await build(path.join(root, 'a'), path.join(root, 'c'), [{ href: 'cheatsheet.html', title: 'Cheatsheet' }]);
    expect(otherNav).toContain('REUSED');
    expect(otherNav).toContain('href="cheatsheet.html"');
    const forced = await build(path.join(root, 'a'), path.join(root, 'd'), [{ href: 'cheatsheet.html', title: 'Cheatsheet' }], true);
    expect(forced).not.toContain('REUSED');
    expect(forced).toBe(otherNav.replace('REUSED', 'At the end of the lesson page.'));
    expect(report.errors).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  });

  it('maps cells to the headings of the rendered page, by text and order', () => {
    const nb = JSON.stringify({ cells: [
      { id: 'intro', cell_type: 'markdown', source: '# Title\n\nIntro.' },
      { id: 'c1', cell_type: 'code', source: '' },
      { id: 'h', cell_type: 'markdown', source: ['## Results\n', '\n', '### Results'] },
      { id: 'c2', cell_type: 'code', source: '' },
      { id: 'h2', cell_type: 'markdown', source: '## Code `x < y` & more' },
      { id: 'c3', cell_type: 'code', source: '' },
      { id: 'h3', cell_type: 'markdown', source: '### Why divide by $\\sqrt{d_k}$?' },
      { id: 'c4', cell_type: 'code', source: '' },
    ] });
    const math = (tex: string) => `<span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">${tex}</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="mord">√dk</span></span></span>`;
    const page = '<h2 id="results">Results</h2><h3 id="results-1">Results</h3><h2 id="code-x--y--more">Code <code>x &lt; y</code> &amp; more</h2><div id="c3"></div>'
      + `<h3 id="why-divide-by-xdk">Why divide by ${math('\\sqrt{d_k}')}?</h3>`;
    const a = lessonAnchors(nb, page, { slug: '04-x', title: 'X' });
    expect(Object.fromEntries(a.cells)).toEqual({ intro: undefined, c1: undefined, h: 'results-1', c2: 'results-1', h2: 'code-x--y--more', c3: 'c3', h3: 'why-divide-by-xdk', c4: 'why-divide-by-xdk' });
    expect(a.number).toBe('04');
  });

  it('keeps embedded JSON inert: no end tag or comment can close the script element', () => {
    const value = { s: '</script><script>alert(1)</script>', c: '<!-- x -->', u: 'a\u2028b' };
    const html = `<script type="application/json" id="d">${scriptJson(value)}</script>`;
    const el = elements(html).find((e) => e.properties.id === 'd');
    expect(JSON.parse(el?.children.map((c) => (c.type === 'text' ? c.value : '')).join('') ?? '')).toEqual(value);
  });
});

describe.skipIf(!existsSync(chromiumPath))('the quiz page in Chromium', () => {
  let ctx: BrowserContext;
  let page: Page;
  let profile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    profile = mkdtempSync(path.join(os.tmpdir(), 'quiz-profile-'));
    ctx = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
    page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
    // A reload aborts the old page's pending requests (a KaTeX font still loading: net::ERR_ABORTED); that is the
    // reload, not a missing file. Any other failure is a problem.
    page.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? 'unknown'})`);
    });
    await page.setViewportSize({ width: 1100, height: 900 });
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  const shown = () => page.getAttribute('#quiz-card', 'data-question-id');
  const cardState = () => page.getAttribute('#quiz-card', 'data-state');
  const stored = async (): Promise<Progress> => JSON.parse(await page.evaluate((k) => localStorage.getItem(k) ?? 'null', QUIZ_STORAGE_KEY)) as Progress;
  const ids = bank.questions.map((q) => q.id);

  it('reveals with the keyboard, marks, and after a reload keeps the marks and the spaced-repetition order', async () => {
    await page.goto(pathToFileURL(path.join(ws.site, 'quiz.html')).href, { waitUntil: 'load' });
    expect(await shown()).toBe(ids[0]);
    expect(await cardState()).toBe('question');
    expect(await page.isVisible('#quiz-answer')).toBe(false);

    // K before the answer is shown does nothing but say so.
    await page.keyboard.press('k');
    expect(await page.textContent('#quiz-status')).toContain('Show the answer first');
    expect(await stored()).toBeNull();

    // Space reveals; the answer's math is KaTeX HTML from the build.
    await page.keyboard.press(' ');
    expect(await cardState()).toBe('answer');
    expect(await page.isVisible('#quiz-answer')).toBe(true);
    expect(await page.locator('#quiz-answer .katex').count()).toBeGreaterThan(0);
    expect(await page.isEnabled('#quiz-known')).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'quiz-answer.png'), fullPage: true });

    // A = again: the card goes to box 1, due two cards later; the next new card comes.
    await page.keyboard.press('a');
    expect(await shown()).toBe(ids[1]);
    expect(await stored()).toEqual({ version: 1, step: 1, cards: { [ids[0]]: { box: 1, due: 3 } } });
    expect(await page.textContent('#quiz-status')).toContain('Marked again: box 1, back after 2 other questions.');

    // Reload: the marks are still there, and the first card is not shown again yet.
    await page.reload({ waitUntil: 'load' });
    expect(await stored()).toEqual({ version: 1, step: 1, cards: { [ids[0]]: { box: 1, due: 3 } } });
    expect(await shown()).toBe(ids[1]);
    // ... and the reader is where they left off: the same card, the counter not back at 1.
    expect(await page.textContent('#quiz-question-label')).toBe('Question 2');
    // A reload with the answer showing keeps it showing.
    await page.keyboard.press(' ');
    await page.reload({ waitUntil: 'load' });
    expect(await shown()).toBe(ids[1]);
    expect(await cardState()).toBe('answer');
    expect(await page.textContent('#quiz-question-label')).toBe('Question 2');

    // Two "known" marks later the card marked "again" is back, as the rule says.
    await page.keyboard.press('k');
    expect(await shown()).toBe(ids[2]);
    // Enter reveals too.
    await page.keyboard.press('Enter');
    await page.keyboard.press('K');
    expect(await shown()).toBe(ids[0]);
    expect(await page.textContent('#quiz-info')).toContain('box 1, due now');
    const marks: Mark[] = ['again', 'known', 'known'];
    const expected = simulate(emptyProgress(), ids, 4, (_, i) => marks[i] ?? 'known');
    expect(expected.order).toEqual([ids[0], ids[1], ids[2], ids[0]]);
    const after = await stored();
    expect(after.step).toBe(3);
    expect(after.cards[ids[1]]).toEqual({ box: 2, due: 2 + 6 });
  });

  it('arrow keys go back and skip; buttons are real, labelled and show keyboard focus', async () => {
    expect(await shown()).toBe(ids[0]);
    await page.keyboard.press('ArrowLeft');
    expect(await shown()).toBe(ids[2]);
    await page.keyboard.press('ArrowRight');
    expect(await shown()).toBe(ids[0]);
    await page.keyboard.press('ArrowRight');
    expect(await shown()).toBe(ids[3]);
    expect(await page.textContent('#quiz-status')).toContain('Skipped');
    for (const id of ['quiz-reveal', 'quiz-known', 'quiz-again', 'quiz-prev', 'quiz-next', 'quiz-reset']) {
      const info = await page.evaluate((i) => {
        const el = document.getElementById(i) as HTMLButtonElement;
        return { tag: el.tagName, type: el.type, name: (el.textContent ?? '').trim() };
      }, id);
      expect(info, id).toMatchObject({ tag: 'BUTTON', type: 'button' });
      expect(info.name.length, id).toBeGreaterThan(3);
    }
    // Tab to the first enabled card button: focus is visible (an outline), and Enter on it presses it.
    await page.focus('#quiz-difficulty');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { id: el.id, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focused).toEqual({ id: 'quiz-reveal', outline: 'solid', width: '3px' });
    await page.keyboard.press('Enter');
    expect(await cardState()).toBe('answer');
  });

  it('filters by section and difficulty, remembered across reloads', async () => {
    await page.selectOption('#quiz-section', 'metrics');
    expect(await shown()).toMatch(/^metrics-/);
    await page.selectOption('#quiz-difficulty', 'hard');
    const id = await shown();
    expect(bank.byId.get(id ?? '')).toMatchObject({ section: 'metrics', difficulty: 'hard' });
    await page.reload({ waitUntil: 'load' });
    expect(await page.inputValue('#quiz-section')).toBe('metrics');
    expect(await page.inputValue('#quiz-difficulty')).toBe('hard');
    expect(await shown()).toBe(id);
    expect(await page.textContent('#quiz-stats')).toMatch(/This selection: \d+ questions?, \d+ new/);
    expect(problems).toEqual([]);
  });

  it('a lesson link in an answer leads to the demonstrating cell itself', async () => {
    const site = mkdtempSync(path.join(os.tmpdir(), 'quiz-site-'));
    cpSync(ws.site, site, { recursive: true });
    const lesson = { file: path.join(ws.notebooks, '01-prose-and-math.ipynb'), meta: { slug: '01-prose-and-math', title: 'Prose, math and code', description: '', tags: [], order: 1, source: '' } };
    const report = { errors: [] as string[], warnings: [] as string[] };
    await planQuizPage({ fingerprint: 'f', siteDir: path.join(site, 'none'), siteTitle: 'T', assets: SITE_ASSETS, report, bank: fixtureBank() }).write(site, [lesson], []);
    const p = await ctx.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await p.goto(pathToFileURL(path.join(site, 'quiz.html')).href, { waitUntil: 'load' });
    // Same origin (file://) as the other site: start from no marks.
    await p.evaluate(() => localStorage.clear());
    await p.reload({ waitUntil: 'load' });
    expect(await p.getAttribute('#quiz-card', 'data-question-id')).toBe('metrics-a');
    await p.keyboard.press(' ');
    await p.click('#quiz-answer a');
    await p.waitForURL(/01-prose-and-math\.html#cell-code-5$/);
    expect(await p.evaluate(() => document.getElementById('cell-code-5')?.textContent)).toContain('display.png(gradientImage(24, 16));');
    // The hostile question is shown as text and runs nothing.
    await p.goBack({ waitUntil: 'load' });
    expect(await p.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
    expect(errors).toEqual([]);
    await p.close();
    rmSync(site, { recursive: true, force: true });
  });
});
