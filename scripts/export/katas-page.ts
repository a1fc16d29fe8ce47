// The katas page: every kata's statement (typeset at build time), signature, visible examples, hints and links; never its solution, hidden cases or mutants.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { createElement as h, type ReactNode } from 'react';
import { VFile } from 'vfile';
import { loadQuestionBank, type Question, type QuestionBank } from '../../lib/interview/question-bank';
import type { Kata } from '../../lib/katas/types';
import { documentHtml, footer, pageHead, siteHeader, type NavLink, type SiteAssets } from '../../site/layout';
import { sha256 } from './cache';
import { LessonContext } from './context';
import { fillSlots } from './html-slots';
import { rehypeMathSlots } from './math';
import { makeSafe, parseMarkdown } from './markdown';
import { REPO_ROOT } from './options';
import { carryOverKataPages, kataBundleInputs, kataBundles, kataBundlesIn, kataBundlesInWorker, kataFile, KATA_LIST_JS, kataPageHref, writeKataPages, type QuestionsResult, type SideJobs } from './kata-pages';
import { PageAnchors, QUIZ_STORAGE_KEY, type QuizLesson } from './quiz-page';
import { linkOrCopy } from './swap';

export const KATAS_PAGE = 'katas.html';
export const KATAS_CSS = 'assets/katas.css';
export const KATAS_NAV: NavLink = { href: KATAS_PAGE, title: 'Katas' };

/** What the page shows of one kata: nothing that would give the answer away (no solution, hidden cases, mutants). */
export interface KataView {
  id: string;
  title: string;
  section: string;
  sectionTitle: string;
  difficulty: string;
  statementHtml: string;
  signature: string;
  examples: { name: string; call: string; result: string }[];
  hintsHtml: string[];
  lessons: { href: string; text: string }[];
  questions: { id: string; html: string }[];
}

// Typesetting is the slow part of the page (about 1 s for 50 statements): text already rendered in this process is reused.
const renderedText = new Map<string, string>();

/** Markdown (with `$` math) to HTML through the lessons' pipeline: parser, sanitizer, KaTeX at build time. */
function markdownRenderer(where: string) {
  const ctx = new LessonContext(where, 'katas');
  const mathStep = rehypeMathSlots();
  return (text: string, at: string): string => {
    const known = renderedText.get(text);
    if (known !== undefined) return known;
    ctx.at(0, at);
    const hast = toHast(makeSafe(parseMarkdown(text), ctx)) as HastRoot;
    const file = new VFile();
    mathStep(hast, file);
    const html = fillSlots(toHtml(hast), file.data.slots ?? []);
    renderedText.set(text, html);
    return html;
  };
}

/**
 * The page's data. Lesson links point at the lesson page and the heading its cell sits under (as the quiz does); a
 * lesson that is not on the site is named without a link. Examples show the call and the reference's value.
 */
export async function katasData(katas: readonly Kata[], bank: QuestionBank, lessons: readonly QuizLesson[], siteDir: string, warn: (m: string) => void, anchors = new PageAnchors(siteDir)): Promise<KataView[]> {
  const { formatValue } = await import('../../lib/katas/grader/compare');
  const render = markdownRenderer(path.join('lib', 'katas'));
  const bySlug = new Map(lessons.map((l) => [l.meta.slug, l]));
  const anchorsOf = (slug: string) => {
    const l = bySlug.get(slug);
    return l ? anchors.of(l) : undefined;
  };
  const questions = new Map(bank.questions.map((q) => [q.id, q]));
  const sectionTitle = new Map(bank.sections.map((s) => [s.id, s.title]));
  return katas.map((k) => ({
    id: k.id,
    title: k.title,
    section: k.section,
    sectionTitle: sectionTitle.get(k.section) ?? k.section,
    difficulty: k.difficulty,
    statementHtml: render(k.statement, `${k.id} statement`),
    signature: k.signature,
    examples: k.examples.map((e) => ({
      name: e.name,
      call: `${k.functionName}(${(e.args as unknown[]).map((a) => formatValue(a, 200)).join(', ')})`,
      result: formatValue(k.reference(...structuredClone(e.args)), 200),
    })),
    hintsHtml: k.hints.map((t, i) => render(t, `${k.id} hint ${i + 1}`)),
    lessons: k.links.lessons.flatMap((l) => {
      const a = anchorsOf(l.lesson);
      // A lesson missing from the site (a partial build) is named without a link, as the quiz does.
      if (!a) return [{ href: '', text: l.lesson }];
      if (l.cell !== undefined && !a.cellIds.has(l.cell)) warn(`${KATAS_PAGE}: kata "${k.id}" links to cell "${l.cell}" of ${l.lesson}, which has no such cell; linked to the lesson page`);
      const anchor = l.cell !== undefined ? a.cells.get(l.cell) : undefined;
      return [{ href: `${l.lesson}.html${anchor ? `#${anchor}` : ''}`, text: `${a.number ? `Lesson ${a.number}: ` : ''}${a.title}` }];
    }),
    questions: k.links.questions.map((id) => {
      const q = questions.get(id);
      if (!q) throw new RangeError(`kata "${k.id}" links to bank question "${id}", which does not exist`);
      return { id, html: render(q.question, `${k.id} question ${id}`) };
    }),
  }));
}

const sectionAnchor = (section: string) => `sec-${section}`;

function kataArticle(k: KataView): ReactNode {
  return h('article', { key: k.id, className: 'kata', id: k.id, 'aria-labelledby': `${k.id}-title` },
    h('h3', { id: `${k.id}-title` }, k.title),
    h('p', { className: 'kata-meta' },
      h('code', { className: 'kata-id' }, k.id), ' · ',
      h('span', { className: `kata-difficulty kata-${k.difficulty}` }, k.difficulty), ' · ',
      h('a', { href: `#${sectionAnchor(k.section)}` }, k.sectionTitle)),
    h('div', { className: 'kata-statement', dangerouslySetInnerHTML: { __html: k.statementHtml } }),
    h('h4', null, 'Signature'),
    h('pre', { className: 'kata-signature' }, h('code', null, k.signature)),
    h('h4', null, 'Examples'),
    h('ul', { className: 'kata-examples' }, k.examples.map((e) => h('li', { key: e.name },
      h('code', null, e.call), ' → ', h('code', null, e.result), h('span', { className: 'kata-example-name' }, ` (${e.name})`)))),
    h('details', { className: 'kata-hints' },
      h('summary', null, k.hintsHtml.length === 1 ? 'Hint' : `Hints (${k.hintsHtml.length})`),
      h('ol', null, k.hintsHtml.map((html, i) => h('li', { key: i, dangerouslySetInnerHTML: { __html: html } })))),
    h('dl', { className: 'kata-links' },
      h('dt', null, 'Taught in'),
      h('dd', null, h('ul', null, k.lessons.map((l, i) => h('li', { key: i }, l.href ? h('a', { href: l.href }, l.text) : l.text)))),
      h('dt', null, 'Interview questions'),
      h('dd', null, h('ul', null, k.questions.map((q) => h('li', { key: q.id, className: 'kata-question' },
        h('div', { dangerouslySetInnerHTML: { __html: q.html } }), h('code', { className: 'kata-question-id' }, q.id)))))),
    kataFile(k.id) ? h('p', { className: 'kata-solve-link' }, h('a', { href: kataPageHref(k.id) }, 'Solve it in the browser →'), ' ', h('span', { className: 'kata-state', 'data-kata-state': k.id })) : null,
    h('p', { className: 'kata-try' }, 'Or in a terminal: ', h('code', null, `npm run kata -- start ${k.id}`), ', then ', h('code', null, `npm run kata -- check ${k.id}`)));
}

export function renderKatasPage(p: { siteTitle: string; assets: SiteAssets; nav: NavLink[]; katas: KataView[]; key: string }): string {
  const title = 'Katas';
  const sections: { id: string; title: string; katas: KataView[] }[] = [];
  for (const k of p.katas) {
    const last = sections[sections.length - 1];
    if (last?.id === k.section) last.katas.push(k);
    else sections.push({ id: k.section, title: k.sectionTitle, katas: [k] });
  }
  const description = `${p.katas.length} coding katas for machine-learning interviews: implement each function from its statement, graded against hidden cases.`;
  const head = pageHead({ title, siteTitle: p.siteTitle, description, buildMeta: 'katas-build', buildKey: p.key, assets: p.assets, css: KATAS_CSS, scripts: [KATA_LIST_JS] });
  const body = h('div', { className: 'site' },
    siteHeader(p.siteTitle, p.nav, KATAS_PAGE),
    h('div', { className: 'page katas-page' },
      h('main', { id: 'main', className: 'content katas' },
        h('h1', null, title),
        h('p', { className: 'lede' },
          `${p.katas.length} katas in ${sections.length} sections. Each asks for one function, written from scratch the way an interview asks for it. The statement says every rule the grader checks; the grader runs the examples below and hidden cases (edge cases, seeded random inputs, large magnitudes) against the reference in lib/, and shows a hint when your answer matches a known mistake. Clone the repository and run `,
          h('code', null, 'npm run kata -- start <id>'), ' (a starter file) and ', h('code', null, 'npm run kata -- check <id>'),
          ', or open the kata notebooks in notebooks/katas/. Solutions are not on this page.'),
        h('div', { id: 'kata-progress', className: 'kata-progress', 'data-storage-key': QUIZ_STORAGE_KEY },
          h('p', null, 'Or solve each kata here, offline: its page has an editor and the same grader, run in your browser. ',
            h('span', { id: 'kata-progress-summary' })),
          h('p', null,
            h('button', { type: 'button', id: 'kata-export' }, 'Export progress'), ' ',
            h('button', { type: 'button', id: 'kata-import' }, 'Import progress'),
            h('input', { type: 'file', id: 'kata-import-file', accept: 'application/json,.json', hidden: true }),
            ' ', h('span', { id: 'kata-progress-status', role: 'status', 'aria-live': 'polite' }))),
        h('nav', { className: 'katas-toc', 'aria-label': 'Sections' },
          h('ul', null, sections.map((s) => h('li', { key: s.id }, h('a', { href: `#${sectionAnchor(s.id)}` }, s.title), ` (${s.katas.length})`)))),
        sections.map((s) => h('section', { key: s.id, className: 'katas-section', 'aria-labelledby': sectionAnchor(s.id) },
          h('h2', { id: sectionAnchor(s.id) }, s.title),
          s.katas.map(kataArticle))))),
    footer());
  return documentHtml(head, body);
}

function recordedKey(html: string | undefined): string | undefined {
  return html ? /<meta name="katas-build" content="([0-9a-f]+)"/.exec(html.slice(0, 4000))?.[1] : undefined;
}

export interface KatasPageOptions {
  fingerprint: string;
  siteDir: string;
  siteTitle: string;
  assets: SiteAssets;
  report: { errors: string[]; warnings: string[] };
  force?: boolean;
  /** The katas to list (default: the registry, lib/katas, imported only when the page is rebuilt). */
  katas?: readonly Kata[];
  bank?: QuestionBank;
  /**
   * The page will be rebuilt (no usable previous export): start bundling the kata pages' scripts now, in a worker
   * thread (and esbuild's own process), on the other core while the lessons are built.
   */
  prefetch?: boolean;
  /** With `prefetch`: the quiz's questions, which the bundle worker typesets after the bundles (see `typesetQuestions`). */
  questions?: Question[];
  /** The bundles key (KatasPage.bundlesKey) the previous export recorded, when its exporter was this one. */
  oldBundlesKey?: string;
}

export interface KatasPage {
  nav: NavLink[];
  /**
   * What the kata pages' scripts are made of (exporter, lib/, the katas given): a rebuilt katas page links the previous
   * export's scripts when it is the same, instead of bundling them again. For the export cache.
   */
  bundlesKey: string;
  /** The quiz's text typeset by the bundle worker, when it was given `questions` (undefined inside: it could not). */
  typesetQuestions?: Promise<QuestionsResult | undefined>;
  /** Stops that job if it is still running. */
  cancelQuestions(): void;
  /** `anchors`: the lesson pages' anchors in `siteDir`, shared with the quiz page. */
  write(siteDir: string, live: readonly QuizLesson[], siteNav: NavLink[], anchors?: PageAnchors): Promise<void>;
}

/**
 * Plans the katas page. The page depends on lib/katas and the bank (both in the exporter's fingerprint), the lesson
 * pages it links to and the navigation; when none changed it is carried over from the live site, and the registry is
 * not even imported (importing it loads tfjs, the slow part).
 */
export function planKatasPage(o: KatasPageOptions): KatasPage {
  const oldPage = path.join(o.siteDir, KATAS_PAGE);
  const oldKey = !o.force && existsSync(oldPage) ? recordedKey(readFileSync(oldPage, 'utf8')) : undefined;
  const katasOf = async () => o.katas ?? (await import('../../lib/katas')).KATAS;
  const given = o.katas ? JSON.stringify(o.katas.map((k) => [k.id, k.statement, k.examples, k.hints, k.links])) : '';
  // The kata pages' bundles carry lib/'s references, which the exporter's fingerprint does not cover.
  const inputs = kataBundleInputs();
  const bundlesKey = sha256(o.fingerprint, 'kata-bundles', o.katas ? JSON.stringify(o.katas.map((k) => k.id)) : '', inputs);
  let questions: ((r: Promise<QuestionsResult | undefined> | undefined) => void) | undefined;
  let cancelQuestions = () => undefined as void;
  const typesetQuestions = o.prefetch && o.questions ? new Promise<QuestionsResult | undefined>((resolve) => { questions = resolve; }) : undefined;
  const early = o.prefetch ? katasOf().then((katas) => {
    const ids = katas.map((k) => k.id).filter((id) => kataFile(id) !== null);
    let side: SideJobs;
    try {
      side = kataBundlesInWorker(ids, o.questions);
    } catch {
      questions?.(undefined);
      return kataBundles(ids);
    }
    questions?.(side.questions);
    cancelQuestions = side.cancelQuestions;
    // A worker that cannot start here (no tsx in reach) leaves the work to this thread; a real error shows up again.
    return side.bundles.catch(() => kataBundles(ids));
  }) : undefined;
  early?.catch(() => questions?.(undefined));
  // Awaited in write(); until then a failure must not count as an unhandled rejection (write reports it).
  early?.catch(() => undefined);
  return {
    nav: [KATAS_NAV],
    typesetQuestions,
    cancelQuestions: () => cancelQuestions(),
    bundlesKey,
    async write(siteDir, live, siteNav, anchors = new PageAnchors(siteDir)) {
      // The page needs of each lesson only its title and where each cell lands (the anchors), so a lesson edit that
      // moves no heading leaves the page as it was.
      const pages = live.map((l) => {
        const a = anchors.of(l);
        return [l.meta.slug, l.meta.title, a ? [...a.cells] : null];
      });
      const key = sha256(o.fingerprint, 'katas', given, JSON.stringify([o.siteTitle, o.assets, siteNav, pages]), inputs);
      mkdirSync(path.join(siteDir, 'assets'), { recursive: true });
      writeFileSync(path.join(siteDir, KATAS_CSS), readFileSync(path.join(REPO_ROOT, 'site', 'katas.css')));
      if (oldKey === key) {
        linkOrCopy(oldPage, path.join(siteDir, KATAS_PAGE));
        carryOverKataPages(o.siteDir, siteDir);
        return;
      }
      try {
        const katas = await katasOf();
        const data = await katasData(katas, o.bank ?? loadQuestionBank(), live, siteDir, (m) => o.report.warnings.push(m), anchors);
        writeFileSync(path.join(siteDir, KATAS_PAGE), renderKatasPage({ siteTitle: o.siteTitle, assets: o.assets, nav: siteNav, katas: data, key }));
        await writeKataPages({ siteDir, siteTitle: o.siteTitle, assets: o.assets, nav: siteNav, views: data, katas, storageKey: QUIZ_STORAGE_KEY, key, katasPage: KATAS_PAGE, katasCss: KATAS_CSS,
          // Unchanged scripts (a lesson edit moved an anchor, say) are linked from the live site, not bundled again.
          ...(!o.force && o.oldBundlesKey === bundlesKey && kataBundlesIn(o.siteDir) ? { reuseBundlesFrom: o.siteDir } : { bundles: early }) });
      } catch (err) {
        o.report.errors.push(`${KATAS_PAGE}: ${(err as Error).message}`);
      }
    },
  };
}
