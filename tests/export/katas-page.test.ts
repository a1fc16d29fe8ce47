// The katas page: every kata listed with its statement, signature, examples, hints and links, none of its solution or mutants; linked from every page; Practise links go to it.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionBank } from '../../lib/interview/question-bank';
import { KATAS } from '../../lib/katas';
import { formatValue } from '../../lib/katas/grader/compare';
import type { Kata } from '../../lib/katas/types';
import { KATA_APP_JS, KATA_LIST_JS, KATA_PAGE_CSP, kataBundleHref, kataPageHref } from '../../scripts/export/kata-pages';
import { KATAS_PAGE } from '../../scripts/export/katas-page';
import { kataHref } from '../../scripts/katas/lesson-links';
import { elements, LESSONS, read, runExport, workspace, type Workspace } from './helpers';

const byId = (els: Element[], id: string) => els.find((e) => e.properties.id === id);
const classes = (e: Element) => (Array.isArray(e.properties.className) ? e.properties.className.map(String) : []);

/** Lines of the model answer that say something (not the signature line, not braces), as code reads them. */
function solutionLines(k: Kata): string[] {
  const shown = [k.statement, k.signature, ...k.hints].join('\n');
  return k.solution.split('\n').map((l) => l.trim())
    .filter((l) => l.length >= 20 && !l.startsWith('export function') && !shown.includes(l));
}

/** The code a mutant puts in (the replacement side of its edits), where it is more than a token. */
function mutantCode(k: Kata): string[] {
  const shown = [k.statement, k.signature, ...k.hints].join('\n');
  return k.mutants.flatMap((m) => m.edits.map(([, replace]) => replace.trim())).filter((r) => r.length >= 20 && !shown.includes(r));
}

describe('katas.html', () => {
  let ws: Workspace;
  let html: string;
  let text: string;
  let els: Element[];
  beforeAll(async () => {
    ws = workspace(LESSONS);
    // A lesson with a Practise link as scripts/katas/lesson-links.ts writes it.
    const file = path.join(ws.notebooks, '01-prose-and-math.ipynb');
    const nb = JSON.parse(readFileSync(file, 'utf8')) as { cells: unknown[] };
    nb.cells.push({ cell_type: 'markdown', id: 'practise-katas', metadata: {}, source: `## Practise\n\n- [Softmax](${kataHref(KATAS.find((k) => k.id === 'softmax') as Kata)})` });
    writeFileSync(file, JSON.stringify(nb, null, 1));
    const report = await runExport(ws);
    expect(report.errors).toEqual([]);
    html = read(path.join(ws.site, KATAS_PAGE));
    els = elements(html);
    text = toString(fromHtml(html));
  }, 600_000);

  it('lists every kata: title, id, difficulty, section, statement with typeset math, signature, examples, hints, bank questions', () => {
    const bank = new Map(loadQuestionBank().questions.map((q) => [q.id, q]));
    const articles = els.filter((e) => e.tagName === 'article' && classes(e).includes('kata'));
    expect(articles.map((a) => a.properties.id)).toEqual(KATAS.map((k) => k.id));
    for (const k of KATAS) {
      const a = byId(els, k.id) as Element;
      const inner = toString(a);
      expect(inner, k.id).toContain(k.title);
      expect(inner).toContain(k.difficulty);
      expect(inner).toContain(k.signature);
      for (const e of k.examples) {
        expect(inner, `${k.id} example ${e.name}`).toContain(`${k.functionName}(`);
        expect(inner).toContain(formatValue(k.reference(...structuredClone(e.args)), 200));
      }
      const hints = toString(a.children.find((c): c is Element => c.type === 'element' && classes(c).includes('kata-hints')) as Element);
      expect(hints.length).toBeGreaterThan(0);
      for (const q of k.links.questions) {
        expect(inner, `${k.id} question ${q}`).toContain(q);
        expect(bank.has(q), q).toBe(true);
      }
      // $...$ in the statement is typeset at build time: KaTeX markup, no raw dollar-delimited TeX left.
      if (k.statement.includes('$')) expect(html.slice(html.indexOf(`id="${k.id}"`)).slice(0, 200_000)).toContain('class="katex"');
    }
    expect(html).not.toContain('katex-error');
  });

  it('gives no solution away: no model-answer code, no mutant code, no hidden case names', () => {
    let checked = 0;
    for (const k of KATAS) {
      for (const line of solutionLines(k)) {
        expect(text.includes(line), `${k.id}: solution line "${line}" is on the page`).toBe(false);
        checked++;
      }
      for (const code of mutantCode(k)) expect(text.includes(code), `${k.id}: mutant code "${code}" is on the page`).toBe(false);
      const shownNames = new Set(k.examples.map((e) => e.name));
      const hidden = k.hiddenCases().map((c) => c.name).filter((n) => !shownNames.has(n) && n.length >= 12 && !k.statement.includes(n));
      const own = toString(byId(els, k.id) as Element);
      for (const n of hidden) expect(own.includes(`(${n})`), `${k.id}: hidden case "${n}"`).toBe(false);
    }
    // The check has teeth: every kata has lines to look for.
    expect(checked).toBeGreaterThan(KATAS.length);
  });

  it('is linked from every page header, and lesson Practise links point at the kata on it', () => {
    for (const page of ['index.html', '01-prose-and-math.html', 'quiz.html', KATAS_PAGE]) {
      const nav = elements(read(path.join(ws.site, page))).find((e) => e.tagName === 'nav' && classes(e).includes('site-nav')) as Element;
      expect(nav, page).toBeDefined();
      expect(JSON.stringify(nav), page).toContain(`"href":"${KATAS_PAGE}"`);
    }
    const lesson = elements(read(path.join(ws.site, '01-prose-and-math.html')));
    const hrefs = lesson.filter((e) => e.tagName === 'a').map((e) => String(e.properties.href));
    expect(hrefs).toContain('katas.html#softmax');
    expect(hrefs.some((h) => h.includes('.ipynb#softmax'))).toBe(false);
    expect(byId(els, 'softmax')).toBeDefined();
    // In the MDX the link goes to the kata notebook's exported page (a blog serves no .ipynb), which the site maps above.
    const mdx = read(path.join(ws.mdx, '01-prose-and-math.mdx'));
    expect(mdx).toContain(`[Softmax](../${path.basename(kataHref(KATAS.find((k) => k.id === 'softmax') as Kata).split('#')[0], '.ipynb')}/#softmax)`);
    expect(mdx).not.toMatch(/\]\([^)]*\.ipynb/);
  });

  it('writes a page per kata to solve it in the browser, linked from its card, with no solution or mutant code in page or bundle', () => {
    for (const k of KATAS) {
      const page = read(path.join(ws.site, kataPageHref(k.id)));
      const bundle = read(path.join(ws.site, kataBundleHref(k.id)));
      expect(page, k.id).toContain(`content="${KATA_PAGE_CSP.replace(/'/g, '&#x27;')}"`);
      expect(page).toContain(`src="${kataBundleHref(k.id)}"`);
      expect(page).toContain(`src="${KATA_APP_JS}"`);
      const card = byId(els, k.id) as Element;
      expect(JSON.stringify(card)).toContain(`"href":"${kataPageHref(k.id)}"`);
      expect(bundle).toContain(JSON.stringify(k.id));
      for (const line of [...solutionLines(k), ...mutantCode(k)]) {
        expect(page.includes(line) || bundle.includes(line), `${k.id}: "${line}" is in its page or bundle`).toBe(false);
      }
    }
    expect(html).toContain(`src="${KATA_LIST_JS}"`);
  });

  it('is carried over untouched when nothing changed, and rebuilt byte-identical when forced', async () => {
    const kataPage = read(path.join(ws.site, kataPageHref('softmax')));
    const app = read(path.join(ws.site, KATA_APP_JS));
    const again = await runExport(ws);
    expect(again.upToDate).toBe(true);
    await runExport(ws, { force: true });
    expect(read(path.join(ws.site, KATAS_PAGE))).toBe(html);
    expect(read(path.join(ws.site, kataPageHref('softmax')))).toBe(kataPage);
    expect(read(path.join(ws.site, KATA_APP_JS))).toBe(app);
  }, 600_000);

  it('when a lesson edit rebuilds the page, links the unchanged kata scripts from the previous export', async () => {
    const scripts = [KATA_APP_JS, KATA_LIST_JS, kataBundleHref('softmax')];
    const inode = (f: string) => statSync(path.join(ws.site, f)).ino;
    const before = new Map(scripts.map((f) => [f, { ino: inode(f), text: read(path.join(ws.site, f)) }]));
    // A new cell moves no heading but is a cell the page could link to: the katas page is rebuilt.
    const file = path.join(ws.notebooks, '01-prose-and-math.ipynb');
    const nb = JSON.parse(readFileSync(file, 'utf8')) as { cells: unknown[] };
    nb.cells.push({ cell_type: 'markdown', id: 'an-added-cell', metadata: {}, source: 'One more line.' });
    writeFileSync(file, JSON.stringify(nb, null, 1));
    const report = await runExport(ws);
    expect(report.errors).toEqual([]);
    expect(read(path.join(ws.site, KATAS_PAGE))).not.toBe(html);
    for (const [f, was] of before) {
      expect(inode(f), f).toBe(was.ino);
      expect(read(path.join(ws.site, f)), f).toBe(was.text);
    }
    // Bundled again, the scripts are the same bytes: linking them changed nothing.
    await runExport(ws, { force: true });
    for (const [f, was] of before) {
      expect(inode(f), f).not.toBe(was.ino);
      expect(read(path.join(ws.site, f)), f).toBe(was.text);
    }
  }, 600_000);
});
