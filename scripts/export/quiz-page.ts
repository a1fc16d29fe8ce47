// The self-quiz page: the question bank rendered at build time (markdown + KaTeX, same pipeline as lessons) and embedded as JSON for site/quiz.js.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { createElement as h } from 'react';
import { VFile } from 'vfile';
import { DIFFICULTIES, loadQuestionBank, type Question, type QuestionBank } from '../../lib/interview/question-bank';
import { GAPS } from '../../lib/interview/spaced-repetition';
import { documentHtml, footer, pageHead, siteHeader, type NavLink, type SiteAssets } from '../../site/layout';
import { sha256 } from './cache';
import { cellAnchor } from './heading-links';
import { textWithTex } from './heading-text';
import { fillSlots } from './html-slots';
import { rehypeMathSlots } from './math';
import { LessonContext } from './context';
import type { LessonMeta } from './lesson';
import { makeSafe, parseMarkdown } from './markdown';
import { REPO_ROOT } from './options';
import { linkOrCopy } from './swap';
import { lessonPageHtml } from './page-parts';
import type { QuestionsResult } from './kata-pages';

/** The page, its script and stylesheet, relative to the site root. */
export const QUIZ_PAGE = 'quiz.html';
export const QUIZ_JS = 'assets/quiz.js';
export const QUIZ_CSS = 'assets/quiz.css';
export const QUIZ_NAV: NavLink = { href: QUIZ_PAGE, title: 'Self-quiz' };
/** The localStorage key under which site/quiz.js keeps the reader's marks. */
export const QUIZ_STORAGE_KEY = 'ml-interview-notebooks:quiz-progress';

/** A lesson on the site: its executed notebook (read for cell ids and headings) and its metadata. */
export interface QuizLesson {
  file: string;
  meta: LessonMeta;
  /** The executed notebook's cells, when the pipeline has parsed it (else the file is read). */
  lesson?: { notebook: { cells: NotebookCells } };
  /** The pipeline's hash of the executed notebook and key of the rendered page, when known (else the files are hashed). */
  hash?: string;
  pageKey?: string;
}

export interface QuizPageOptions {
  /** The exporter's fingerprint: part of the page key. */
  fingerprint: string;
  /** The live site (an unchanged page is carried over from here). */
  siteDir: string;
  siteTitle: string;
  assets: SiteAssets;
  report: { errors: string[]; warnings: string[] };
  /** Render the page even when the live one is up to date (the export's --force). */
  force?: boolean;
  /** The bank to render (default: the repository's, lib/interview/questions/). */
  bank?: QuestionBank;
}

/** One question as the page's script receives it. */
export interface QuizItem {
  id: string;
  section: string;
  difficulty: string;
  tags: string[];
  /** Question and answer as HTML, typeset at build time. */
  question: string;
  answer: string;
  /** Where the question is demonstrated: lesson pages (with a heading anchor when the cell can be placed) and lib names. */
  links: { href?: string; text: string }[];
}

export interface QuizData {
  storageKey: string;
  gaps: Record<number, number>;
  sections: { id: string; title: string; count: number }[];
  difficulties: string[];
  questions: QuizItem[];
}

const norm = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '');

/**
 * Rendered headings' text as their markdown source reads: KaTeX math counts as its TeX (the annotation), not its glyphs.
 * One HTML parse for all of a page's headings, each in a <div> of its own (React's markup nests, so none leaks out).
 */
function headingTexts(innerHtml: string[]): string[] {
  const divs = fromHtml(innerHtml.map((h) => `<div>${h}</div>`).join(''), { fragment: true }).children;
  if (divs.length !== innerHtml.length) return innerHtml.map((h) => textWithTex(fromHtml(h, { fragment: true }).children));
  return divs.map((d) => (d.type === 'element' ? textWithTex(d.children) : ''));
}

/** A question and its answer as HTML. */
export interface Rendered { question: string; answer: string }

/**
 * Renders every question and answer with the lessons' markdown pipeline: the exporter's parser (CommonMark + GFM +
 * `$` math) and sanitizer (makeSafe), mdast to hast, the lessons' math step (math.ts), HTML. It gives the same HTML as
 * compiling the text as MDX and rendering it with React (a test compares them), several times faster, since the bank
 * is one page of about 240 questions and 850 formulas.
 */
export function renderQuestions(questions: readonly Question[]): Rendered[] {
  const ctx = new LessonContext(path.join('lib', 'interview', 'questions'), 'quiz');
  const mathStep = rehypeMathSlots();
  const render = (text: string, what: string): string => {
    const tree = makeSafe(parseMarkdown(text), ctx);
    if (tree.children.some((n) => n.type === 'heading')) ctx.fail(`the ${what} may not contain a markdown heading`);
    const hast = toHast(tree) as HastRoot;
    const file = new VFile();
    mathStep(hast, file);
    return fillSlots(toHtml(hast), file.data.slots ?? []);
  };
  return questions.map((q, i) => {
    ctx.at(i + 1, q.id);
    return { question: render(q.question, 'question'), answer: render(q.answer, 'answer') };
  });
}

/** What the anchors need of a notebook's cells. */
type NotebookCells = readonly { id?: string; cell_type: string; source: string | string[] }[];

interface Anchors {
  title: string;
  number?: string;
  /** Cell id -> the id of the heading the cell sits under on the lesson page (or of the cell itself, if the page has one). */
  cells: Map<string, string | undefined>;
  cellIds: Set<string>;
}

/**
 * The ATX headings (`## ...`) of a markdown cell, outside code fences: only those lines are parsed, which is fast; all
 * in one parse, a blank line apart (an ATX heading is one line, so each still parses as it would alone).
 */
function headingsOf(markdown: string): Heading[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (!fence || f.startsWith(fence))) {
      fence = fence ? undefined : f;
      continue;
    }
    if (fence || !/^\s{0,3}#{1,6}[ \t]/.test(line)) continue;
    lines.push(line);
  }
  if (lines.length === 0) return [];
  return parseMarkdown(lines.join('\n\n')).children.filter((n): n is Heading => n.type === 'heading');
}

/**
 * Where each cell of a lesson lands on its page: the lesson page's heading that precedes the cell. The headings of the
 * executed notebook's markdown cells are matched, by text and order, with the headings of the rendered page.
 */
export function lessonAnchors(notebook: string | { cells: NotebookCells }, pageHtml: string, meta: Pick<LessonMeta, 'slug' | 'title'>): Anchors {
  const nb = typeof notebook === 'string' ? JSON.parse(notebook) as { cells: NotebookCells } : notebook;
  const found = [...pageHtml.matchAll(/<h([1-6])\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g)];
  const texts = headingTexts(found.map((m) => m[3]));
  const pageHeadings = found.map((m, i) => ({ id: m[2], text: norm(texts[i]) }));
  const used = new Map<string, number>();
  const cells = new Map<string, string | undefined>();
  const cellIds = new Set<string>();
  // Every value that follows ` id="` on the page, from each occurrence (overlapping ones too): `ids.has(x)` says what
  // `pageHtml.includes(` id="${x}"`)` says for a cell id (no `"` in it), without scanning megabytes of page per cell.
  const ids = new Set<string>();
  for (let at = pageHtml.indexOf(' id="'); at >= 0; at = pageHtml.indexOf(' id="', at + 1)) {
    const end = pageHtml.indexOf('"', at + 5);
    if (end < 0) break;
    ids.add(pageHtml.slice(at + 5, end));
  }
  let current: string | undefined;
  for (const cell of nb.cells) {
    if (cell.cell_type === 'markdown') {
      const text = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
      for (const node of headingsOf(text)) {
        if (node.depth === 1) continue;
        const key = norm(toString(node));
        const seen = used.get(key) ?? 0;
        const matches = pageHeadings.filter((p) => p.text === key);
        if (matches[seen]) {
          current = matches[seen].id;
          used.set(key, seen + 1);
        }
      }
    }
    if (typeof cell.id === 'string') {
      cellIds.add(cell.id);
      // A code cell's own block (heading-links.ts), else an element with the cell's id, else the heading above it.
      const own = [cellAnchor(cell.id), cell.id].find((id) => (id.includes('"') ? pageHtml.includes(` id="${id}"`) : ids.has(id)));
      cells.set(cell.id, own ?? current);
    }
  }
  const number = /^(\d+)-/.exec(meta.slug)?.[1];
  return { title: meta.title, number, cells, cellIds };
}

/**
 * Where each cell of the lessons lands, per lesson slug, for one site folder being built: the quiz and the katas page
 * both need it, and each lesson's page is read and matched once (pages are megabytes).
 */
export class PageAnchors {
  private readonly memo = new Map<string, Anchors | undefined>();

  constructor(readonly siteDir: string) {}

  /** The lesson's anchors, or undefined when its page is not in the site folder. */
  of(lesson: QuizLesson): Anchors | undefined {
    const slug = lesson.meta.slug;
    const key = JSON.stringify([slug, lesson.meta.title, lesson.file]);
    if (!this.memo.has(key)) {
      const page = path.join(this.siteDir, `${slug}.html`);
      this.memo.set(key, existsSync(page) ? lessonAnchors(lesson.lesson?.notebook ?? readFileSync(lesson.file, 'utf8'), lessonPageHtml(this.siteDir, slug), lesson.meta) : undefined);
    }
    return this.memo.get(key);
  }
}

/**
 * The question data the page embeds: rendered text, links resolved against the lessons on the site. `rendered` is the
 * text of an earlier page built from the same bank by the same exporter (typesetting is the slow part), if any.
 */
export function quizData(bank: QuestionBank, lessons: readonly QuizLesson[], siteDir: string, warn: (message: string) => void, rendered: readonly Rendered[] = renderQuestions(bank.questions), anchors = new PageAnchors(siteDir)): QuizData {
  const bySlug = new Map(lessons.map((l) => [l.meta.slug, l]));
  const anchorsOf = (slug: string): Anchors | undefined => {
    const lesson = bySlug.get(slug);
    return lesson ? anchors.of(lesson) : undefined;
  };
  const questions = bank.questions.map((q, i): QuizItem => {
    const links: QuizItem['links'] = [];
    for (const link of q.links) {
      if ('lib' in link) {
        const [file, name] = link.lib.split('#');
        links.push({ text: `${name} in ${file}` });
        continue;
      }
      const a = anchorsOf(link.lesson);
      if (!a) continue;
      const label = `${a.number ? `Lesson ${a.number}: ` : ''}${a.title}`;
      if (link.cell !== undefined && !a.cellIds.has(link.cell)) warn(`${QUIZ_PAGE}: question "${q.id}" links to cell "${link.cell}" of ${link.lesson}, which has no such cell; linked to the lesson page`);
      const anchor = link.cell !== undefined ? a.cells.get(link.cell) : undefined;
      links.push({ href: `${link.lesson}.html${anchor ? `#${anchor}` : ''}`, text: label });
    }
    return { id: q.id, section: q.section, difficulty: q.difficulty, tags: q.tags, question: rendered[i].question, answer: rendered[i].answer, links };
  });
  return {
    storageKey: QUIZ_STORAGE_KEY,
    gaps: { ...GAPS },
    sections: bank.sections.map((s) => ({ id: s.id, title: s.title, count: s.questions.length })),
    difficulties: [...DIFFICULTIES],
    questions,
  };
}

/** JSON that is safe inside a <script type="application/json"> element (no "</script>", no "<!--"). */
export function scriptJson(value: unknown): string {
  // Inside JSON strings "<\/" is "</" and "\u003c!--" is "<!--"; the HTML parser then never sees the end of the element.
  return JSON.stringify(value).replace(/<\//g, '<\\/').replace(/<!--/g, '\\u003c!--').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function renderQuizPage(p: { siteTitle: string; assets: SiteAssets; nav: NavLink[]; data: QuizData; key: string }): string {
  const total = p.data.questions.length;
  const title = 'Self-quiz';
  const description = `${total} machine-learning interview questions with answers, in a flash-card drill with spaced repetition that remembers your marks in this browser.`;
  const kbd = (k: string) => h('kbd', null, k);
  const head = pageHead({ title, siteTitle: p.siteTitle, description, buildMeta: 'quiz-build', buildKey: p.key, assets: p.assets, css: QUIZ_CSS, scripts: [QUIZ_JS] });
  const body = h('div', { className: 'site' },
    siteHeader(p.siteTitle, p.nav, QUIZ_PAGE),
    h('div', { className: 'page quiz-page' },
      h('main', { id: 'main', className: 'content quiz' },
        h('h1', null, title),
        h('p', { className: 'lede' },
          `${total} interview questions in ${p.data.sections.length} sections, every one answered. Think of your answer, reveal it, then mark it known or again: questions you mark "again" come back after a couple of cards, known ones later and later. Your marks stay in this browser (localStorage); nothing is sent anywhere.`),
        h('noscript', null, h('p', { className: 'quiz-noscript' }, 'The quiz needs JavaScript. The questions and answers are also in the "Common interview questions" lesson, and in the terminal: npm run quiz.')),
        h('div', { className: 'quiz-controls', role: 'group', 'aria-label': 'Which questions' },
          h('label', { htmlFor: 'quiz-section' }, 'Section ',
            h('select', { id: 'quiz-section', name: 'section' },
              h('option', { value: '' }, `All sections (${total})`),
              p.data.sections.map((s) => h('option', { key: s.id, value: s.id }, `${s.title} (${s.count})`)))),
          h('label', { htmlFor: 'quiz-difficulty' }, 'Difficulty ',
            h('select', { id: 'quiz-difficulty', name: 'difficulty' },
              h('option', { value: '' }, 'Any'),
              p.data.difficulties.map((d) => h('option', { key: d, value: d }, d))))),
        h('section', { className: 'quiz-card', id: 'quiz-card', tabIndex: -1, 'aria-labelledby': 'quiz-question-label', 'data-state': 'loading' },
          h('p', { className: 'quiz-meta' },
            h('span', { id: 'quiz-question-label', className: 'quiz-position' }, 'Question'),
            h('span', { id: 'quiz-info', className: 'quiz-info' })),
          h('div', { id: 'quiz-question', className: 'quiz-question' }, h('p', null, 'Loading the questions…')),
          h('div', { id: 'quiz-answer', className: 'quiz-answer', hidden: true, 'aria-live': 'polite' }),
          h('div', { className: 'quiz-actions' },
            h('button', { type: 'button', id: 'quiz-reveal', className: 'quiz-reveal', 'aria-keyshortcuts': 'Space Enter', disabled: true }, 'Show answer ', kbd('Space')),
            h('button', { type: 'button', id: 'quiz-known', className: 'quiz-known', 'aria-keyshortcuts': 'K', disabled: true }, 'Known ', kbd('K')),
            h('button', { type: 'button', id: 'quiz-again', className: 'quiz-again', 'aria-keyshortcuts': 'A', disabled: true }, 'Again ', kbd('A'))),
          h('div', { className: 'quiz-nav' },
            h('button', { type: 'button', id: 'quiz-prev', 'aria-keyshortcuts': 'ArrowLeft', disabled: true }, '← Previous'),
            h('button', { type: 'button', id: 'quiz-next', 'aria-keyshortcuts': 'ArrowRight', disabled: true }, 'Skip →'))),
        h('p', { id: 'quiz-status', className: 'quiz-status', role: 'status' }),
        h('p', { id: 'quiz-stats', className: 'quiz-stats' }),
        h('details', { className: 'quiz-help' },
          h('summary', null, 'Keys and how the order works'),
          h('ul', null,
            h('li', null, kbd('Space'), ' or ', kbd('Enter'), ': show the answer'),
            h('li', null, kbd('K'), ': I knew it · ', kbd('A'), ': show it again soon'),
            h('li', null, kbd('→'), ': skip this question · ', kbd('←'), ': back to the previous one'),
            h('li', null, kbd('Tab'), ' moves between the buttons and menus; Space and Enter press them.')),
          h('p', null,
            `Leitner boxes, counted in cards answered: "again" puts a question in box 1 and it returns after ${p.data.gaps[1]} other questions; "known" moves it up one box (a new question lands in box 2) and it returns after ${[2, 3, 4, 5].map((b) => p.data.gaps[b]).join(', ')} other questions as the box grows. The next question is the most overdue one; when none is due, the next new one in bank order. The terminal drill (npm run quiz) follows the same rule.`),
          h('button', { type: 'button', id: 'quiz-reset' }, 'Forget my marks')),
        h('script', { type: 'application/json', id: 'quiz-data', dangerouslySetInnerHTML: { __html: scriptJson(p.data) } }))),
    footer());
  return documentHtml(head, body);
}

/** The keys a quiz page was built with: [bank key, page key]. */
function recordedKeys(html: string | undefined): string[] {
  return html ? /<meta name="quiz-build" content="([0-9a-f ]+)"/.exec(html.slice(0, 4000))?.[1].split(' ') ?? [] : [];
}

/** The rendered questions and answers embedded in an earlier quiz page, by id. */
function renderedIn(html: string): Map<string, Rendered> | undefined {
  const m = /<script type="application\/json" id="quiz-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) return undefined;
  try {
    const data = JSON.parse(m[1]) as QuizData;
    return new Map(data.questions.map((q) => [q.id, { question: q.question, answer: q.answer }]));
  } catch {
    return undefined;
  }
}

export interface QuizPage {
  nav: NavLink[];
  /** The questions whose text `write` would typeset (none when an earlier page's text is reused), for `typesetBy`. */
  questionsToTypeset(): Question[] | undefined;
  /**
   * The text of `questionsToTypeset()` typeset elsewhere (another thread): `write` uses it if it is there by then (and
   * reports its error as its own); if it is not, or came to undefined, `write` typesets the questions itself and calls
   * `cancel` (a busy machine can starve the other thread: this one must not wait for it).
   */
  typesetBy(job: Promise<QuestionsResult | undefined>, cancel?: () => void): void;
  /** `anchors`: the lesson pages' anchors in `siteDir`, shared with the katas page. */
  write(siteDir: string, live: readonly QuizLesson[], siteNav: NavLink[], anchors?: PageAnchors): Promise<void>;
}

/**
 * Plans the quiz page. The bank is validated now (a broken bank is an export error and the site gets no quiz page and
 * no link to it); the page is written by `write` into the new site once the lesson pages are there, or carried over
 * from the live site when nothing it depends on changed (bank, lesson pages it links to, navigation, exporter).
 */
export function planQuizPage(o: QuizPageOptions): QuizPage {
  let bank: QuestionBank;
  try {
    bank = o.bank ?? loadQuestionBank();
  } catch (err) {
    o.report.errors.push(`${QUIZ_PAGE}: ${(err as Error).message}`);
    return { nav: [], questionsToTypeset: () => undefined, typesetBy: () => undefined, write: async () => undefined };
  }
  const bankKey = sha256(o.fingerprint, 'quiz', JSON.stringify(bank.questions));
  const oldPage = path.join(o.siteDir, QUIZ_PAGE);
  const oldHtml = !o.force && existsSync(oldPage) ? readFileSync(oldPage, 'utf8') : undefined;
  const [oldBankKey, oldKey] = recordedKeys(oldHtml);
  // Typesetting is the slow part: an earlier page's is reused when the bank is the same.
  const previous = oldHtml && oldBankKey === bankKey ? renderedIn(oldHtml) : undefined;
  const reusable = previous !== undefined && bank.questions.every((q) => previous.has(q.id));
  let done: QuestionsResult | undefined;
  let cancelElsewhere = () => undefined as void;
  const typeset = (): Rendered[] => {
    if (reusable) return bank.questions.map((q) => previous.get(q.id) as Rendered);
    if (done && !done.ok) throw new Error(done.error);
    if (done) return done.rendered;
    cancelElsewhere();
    return renderQuestions(bank.questions);
  };
  return {
    nav: [QUIZ_NAV],
    questionsToTypeset: () => (reusable ? undefined : bank.questions),
    typesetBy(job, cancel) {
      void job.then((r) => { done = r; });
      if (cancel) cancelElsewhere = cancel;
    },
    async write(siteDir, live, siteNav, anchors = new PageAnchors(siteDir)) {
      const linked = new Set(bank.questions.flatMap((q) => q.links.flatMap((l) => ('lesson' in l ? [l.lesson] : []))));
      const pages = live.filter((l) => linked.has(l.meta.slug)).map((l) => {
        const page = path.join(siteDir, `${l.meta.slug}.html`);
        return [l.meta.slug, l.meta.title, l.pageKey ?? (existsSync(page) ? sha256(readFileSync(page)) : ''), l.hash ?? sha256(readFileSync(l.file))];
      });
      const key = sha256(bankKey, JSON.stringify([o.siteTitle, o.assets, siteNav, pages]));
      mkdirSync(path.join(siteDir, 'assets'), { recursive: true });
      writeFileSync(path.join(siteDir, QUIZ_JS), readFileSync(path.join(REPO_ROOT, 'site', 'quiz.js')));
      writeFileSync(path.join(siteDir, QUIZ_CSS), readFileSync(path.join(REPO_ROOT, 'site', 'quiz.css')));
      if (oldKey === key) {
        linkOrCopy(oldPage, path.join(siteDir, QUIZ_PAGE));
        return;
      }
      try {
        const data = quizData(bank, live, siteDir, (m) => o.report.warnings.push(m), typeset(), anchors);
        writeFileSync(path.join(siteDir, QUIZ_PAGE), renderQuizPage({ siteTitle: o.siteTitle, assets: o.assets, nav: siteNav, data, key: `${bankKey} ${key}` }));
      } catch (err) {
        o.report.errors.push(`${QUIZ_PAGE}: ${(err as Error).message}`);
      }
    },
  };
}
