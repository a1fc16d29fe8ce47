// The 15-minute cheatsheet page: every formula cell (metadata.formula) of the executed notebooks whose check cell ran OK, typeset by KaTeX at build time, grouped by section.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createElement as h, type ReactNode } from 'react';
import { visit } from 'unist-util-visit';
import { joinSource, type Cell, type Notebook } from '../runner/notebook';
import { PlacedError, formatPlace, messageWithPlace, type Place } from '../shared/place';
import { descriptionHtml, documentHtml, footer, pageHead, siteHeader, type NavLink, type SiteAssets } from '../../site/layout';
import { sha256 } from './cache';
import { readLesson, type Lesson, type LessonMeta } from './lesson';
import { parseMarkdown } from './markdown';
import { typeset } from './math';
import { REPO_ROOT } from './options';
import { linkOrCopy } from './swap';

/** The (first) page and its stylesheet, relative to the site root. Each further sheet is `cheatsheet-<slug>.html`. */
export const CHEATSHEET_PAGE = 'cheatsheet.html';
export const CHEATSHEET_CSS = 'assets/cheatsheet.css';
export const CHEATSHEET_NAV: NavLink = { href: CHEATSHEET_PAGE, title: 'Cheatsheet' };

/** What a formula cell's `metadata.formula` says (all strings; `lesson` is a lesson slug such as `03-regularization`). */
export interface FormulaMeta {
  id: string;
  name: string;
  meaning: string;
  section: string;
  lesson: string;
  /**
   * The printed sheet the formula goes on, by title (e.g. "Language models"); absent: the first sheet. Each sheet is
   * its own page and PDF, so that each stays a 15-minute read of at most two A4 pages.
   */
  sheet?: string;
}

export interface Formula extends FormulaMeta {
  /** The display math (`$$...$$`) of the formula cell, in order. */
  tex: string[];
  /** That math typeset by KaTeX, and the name and meaning with their inline `$...$` typeset. */
  mathHtml: string;
  nameHtml: string;
  meaningHtml: string;
  /** The formula cell and its check cell. */
  place: Place;
  check: Place;
}

/** A notebook the pipeline knows about: the fields of its entries the cheatsheet reads. */
export interface CheatsheetSource {
  rel: string;
  file: string;
  hash: string;
  meta: LessonMeta;
  lesson?: Lesson;
}

const FORMULA_KEYS = ['id', 'name', 'meaning', 'section', 'lesson'] as const;
const OPTIONAL_FORMULA_KEYS = ['sheet'] as const;
const ID = /^[a-z0-9][a-z0-9-]*$/;
const RESERVED_IDS = new Set(['main', 'cheatsheet', 'sections']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (file: string) => path.relative(process.cwd(), file) || file;
const tagsOf = (cell: Cell) => (Array.isArray(cell.metadata?.tags) ? cell.metadata.tags : []);
const sheetSlug = (title: string) => title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
/** The page of a sheet: the first sheet (no `sheet` field) is cheatsheet.html, the one titled "Language models" cheatsheet-language-models.html. */
export const sheetPage = (sheet: string | undefined) => (sheet === undefined ? CHEATSHEET_PAGE : `cheatsheet-${sheetSlug(sheet)}.html`);
const sectionId = (section: string) => `sec-${section.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'formulas'}`;

/** Display math of a markdown cell in order: `$$...$$` blocks, and `$$...$$` within a line (Jupyter shows both as display math). */
function displayMath(text: string): string[] {
  const out: string[] = [];
  visit(parseMarkdown(text), (node) => {
    if (node.type === 'math') out.push(node.value);
    else if (node.type === 'inlineMath' && text.startsWith('$$', node.position?.start.offset ?? -1)) out.push(node.value);
  });
  return out;
}

/** Why a check cell did not run OK, or undefined when it did (it ran, raised nothing, wrote nothing to stderr). */
export function checkCellProblem(cell: Cell): string | undefined {
  if (cell.cell_type !== 'code') return 'is not a code cell';
  if (joinSource(cell.source).trim() === '') return 'is empty';
  const tags = tagsOf(cell);
  if (tags.includes('skip-execution')) return 'is tagged skip-execution, so it never ran';
  if (tags.includes('raises-exception')) return 'is tagged raises-exception: a check must pass, not fail';
  if (typeof cell.execution_count !== 'number') return 'did not run (no execution count: the run stopped before it or the notebook was not executed)';
  for (const out of cell.outputs ?? []) {
    if (out.output_type === 'error') return `raised ${String(out.ename)}: ${String(out.evalue)}`;
    if (out.output_type === 'stream' && out.name === 'stderr') {
      // tslab prints the source location first; the error's own line ("Error: ...", "1:7 - ...") says what failed.
      const lines = joinSource(out.text as string | string[]).split('\n').map((l) => l.trim()).filter(Boolean);
      const said = lines.find((l) => /^(?:[A-Z]\w*)?(?:Error|Exception)\b/.test(l) || /^\d+:\d+ - /.test(l)) ?? lines[0] ?? '';
      return `failed: ${said.slice(0, 300)}`;
    }
  }
  return undefined;
}

/** KaTeX's HTML for `tex`; throws when it cannot be typeset (the cheatsheet shows only formulas that typeset). */
function typesetOrThrow(tex: string, displayMode: boolean): string {
  const { html, error } = typeset(tex, displayMode);
  if (error) throw new Error(error);
  return html;
}

/**
 * Reads the formula cells of one executed notebook: each markdown cell with `metadata.formula` must carry all five
 * fields, at least one `$$...$$` block that KaTeX typesets, and be followed by a code cell with
 * `metadata.formula_check` = its id that ran OK. Every problem is returned as an error naming the notebook and cell.
 * `executed: false` reads a source notebook (nothing has run yet): everything is checked but whether the checks ran,
 * so a test can catch a malformed formula cell before the notebooks are executed.
 */
export function readFormulas(nb: Notebook, file: string, options: { executed?: boolean } = {}): { formulas: Formula[]; errors: string[] } {
  const formulas: Formula[] = [];
  const errors: string[] = [];
  const checks = new Map<string, number>();
  nb.cells.forEach((cell, i) => {
    const id = cell.metadata?.formula_check;
    if (id === undefined) return;
    const place = { file, cell: i + 1, cellId: cell.id };
    if (typeof id !== 'string') errors.push(`${formatPlace(place)}: metadata.formula_check must be a formula id (a string), got ${JSON.stringify(id)}`);
    else if (checks.has(id)) errors.push(`${formatPlace(place)}: a second check cell for formula "${id}" (the first is cell ${(checks.get(id) ?? 0) + 1})`);
    else checks.set(id, i);
  });
  const seen = new Set<string>();
  const declared = new Set<string>();
  nb.cells.forEach((cell, i) => {
    const given = cell.metadata?.formula;
    if (given === undefined) return;
    if (isObject(given) && typeof given.id === 'string') declared.add(given.id.trim());
    const place: Place = { file, cell: i + 1, cellId: cell.id };
    try {
      if (cell.cell_type !== 'markdown') throw new PlacedError(place, 'metadata.formula belongs on a markdown cell (the formula in LaTeX); its check goes in the code cell after it');
      if (!isObject(given)) throw new PlacedError(place, `metadata.formula must be an object { ${FORMULA_KEYS.join(', ')} }`);
      for (const k of FORMULA_KEYS) {
        if (typeof given[k] !== 'string' || given[k].trim() === '') throw new PlacedError(place, `metadata.formula.${k} must be a non-empty string, got ${JSON.stringify(given[k] ?? null)}`);
      }
      const meta = Object.fromEntries(FORMULA_KEYS.map((k) => [k, String(given[k]).trim()])) as unknown as FormulaMeta;
      for (const k of OPTIONAL_FORMULA_KEYS) {
        if (given[k] === undefined) continue;
        if (typeof given[k] !== 'string' || given[k].trim() === '' || sheetSlug(given[k]) === '') throw new PlacedError(place, `metadata.formula.${k}, when given, must be a sheet title with letters or digits, got ${JSON.stringify(given[k])}`);
        meta[k] = given[k].trim();
      }
      const unknown = Object.keys(given).filter((k) => !(FORMULA_KEYS as readonly string[]).includes(k) && !(OPTIONAL_FORMULA_KEYS as readonly string[]).includes(k));
      if (unknown.length) throw new PlacedError(place, `metadata.formula has an unknown field "${unknown[0]}" (allowed: ${[...FORMULA_KEYS, ...OPTIONAL_FORMULA_KEYS].join(', ')})`);
      if (!ID.test(meta.id) || RESERVED_IDS.has(meta.id)) throw new PlacedError(place, `formula id "${meta.id}" must be lower-case letters, digits and dashes (and not ${[...RESERVED_IDS].join('/')})`);
      if (seen.has(meta.id)) throw new PlacedError(place, `formula id "${meta.id}" is used twice`);
      seen.add(meta.id);
      const tex = displayMath(joinSource(cell.source));
      if (tex.length === 0) throw new PlacedError(place, `formula "${meta.id}" has no display math: state it in a $$...$$ block`);
      let mathHtml: string;
      let meaningHtml: string;
      let nameHtml: string;
      try {
        mathHtml = tex.map((t) => typesetOrThrow(t, true)).join('');
        for (const m of `${meta.name} ${meta.meaning}`.matchAll(/\$([^$\n]+)\$/g)) typesetOrThrow(m[1], false);
        meaningHtml = descriptionHtml(meta.meaning);
        nameHtml = descriptionHtml(meta.name);
      } catch (err) {
        throw new PlacedError(place, `formula "${meta.id}": KaTeX cannot typeset it: ${(err as Error).message}`);
      }
      const at = checks.get(meta.id);
      if (at === undefined) throw new PlacedError(place, `formula "${meta.id}" has no check cell (a code cell after it with metadata.formula_check = "${meta.id}")`);
      const check: Place = { file, cell: at + 1, cellId: nb.cells[at].id };
      if (at < i) throw new PlacedError(check, `the check of formula "${meta.id}" comes before the formula (cell ${i + 1}); put it after`);
      const problem = options.executed === false ? undefined : checkCellProblem(nb.cells[at]);
      if (problem) throw new PlacedError(check, `the check of formula "${meta.id}" did not run OK: it ${problem}`);
      formulas.push({ ...meta, tex, mathHtml, nameHtml, meaningHtml, place, check });
    } catch (err) {
      errors.push(messageWithPlace(err, place));
    }
  });
  for (const [id, at] of checks) {
    if (!declared.has(id)) {
      errors.push(`${formatPlace({ file, cell: at + 1, cellId: nb.cells[at].id })}: metadata.formula_check names formula "${id}", which no formula cell declares`);
    }
  }
  return { formulas, errors };
}

/** Cheap test on the raw bytes: only a notebook with a `"formula"` or `"formula_check"` metadata key is parsed. */
function mayHaveFormulas(bytes: Buffer): boolean {
  return bytes.includes('"formula":') || bytes.includes('"formula_check":');
}

/** The build keys an earlier cheatsheet page recorded in its head (see `render`). */
function recordedKeys(file: string): string[] {
  if (!existsSync(file)) return [];
  const head = readFileSync(file, 'utf8').slice(0, 4000);
  return /<meta name="cheatsheet-build" content="([0-9a-z. -]+)"/.exec(head)?.[1].split(' ') ?? [];
}

export interface CheatsheetOptions {
  /** The exporter's fingerprint (code, site files, lockfile, options): part of every key. */
  fingerprint: string;
  /** The live site (an unchanged page is carried over from here). */
  siteDir: string;
  siteTitle: string;
  assets: SiteAssets;
  /** Folder prefix of the source notebooks, as the lessons' front matter names them. */
  sourcePrefix: string;
  /** Build the pages even when the live ones are up to date (the export's --force). */
  force?: boolean;
  /** Where errors (each naming the notebook and cell) and warnings go: the export's report. */
  report: { errors: string[]; warnings: string[] };
}

export interface Cheatsheet {
  /** Header links for every page: the cheatsheet when the site has one, else nothing. */
  nav: NavLink[];
  /** Writes (or carries over) cheatsheet.html and its CSS into the new site folder; `siteNav` is every page's header. */
  write(siteDir: string, live: { meta: LessonMeta }[], siteNav: NavLink[]): void;
}

interface Group {
  section: string;
  formulas: Formula[];
}

function groupBySection(formulas: Formula[]): Group[] {
  const groups = new Map<string, Formula[]>();
  for (const f of formulas) groups.set(f.section, [...(groups.get(f.section) ?? []), f]);
  return [...groups].map(([section, list]) => ({ section, formulas: list }));
}

/** Where a formula's lesson link goes: its lesson's page, else the lesson with the same number, else nowhere. */
function lessonLink(lesson: string, pages: Map<string, LessonMeta>): { href: string; number?: string; title: string } | undefined {
  const exact = pages.get(lesson);
  const num = /^(\d+)-/.exec(lesson)?.[1];
  const byNumber = num ? [...pages.values()].filter((m) => m.slug.startsWith(`${num}-`)) : [];
  const meta = exact ?? (byNumber.length === 1 ? byNumber[0] : undefined);
  if (!meta) return undefined;
  return { href: `${meta.slug}.html`, number: /^(\d+)-/.exec(meta.slug)?.[1], title: meta.title };
}

/** A lesson title up to its first colon or dash ("Evaluation metrics: confusion matrix, ..." -> "Evaluation metrics"). */
function shortTitle(title: string): string {
  return title.split(/:\s|\s[—–-]\s/)[0].trim() || title;
}

function formulaCard(f: Formula, link: ReturnType<typeof lessonLink>): ReactNode {
  // Name, meaning, math in the document; the screen shows the math second, print runs the name into the meaning.
  return h('article', { key: f.id, className: 'formula', id: f.id },
    h('h3', { className: 'formula-name', dangerouslySetInnerHTML: { __html: f.nameHtml } }),
    h('p', { className: 'formula-meaning' },
      h('span', { dangerouslySetInnerHTML: { __html: f.meaningHtml } }),
      link ? ' ' : null,
      link ? h('a', { className: 'formula-lesson', href: link.href, title: link.title },
        h('span', { className: 'formula-lesson-label' }, 'Lesson '),
        h('span', { className: 'formula-lesson-number' }, link.number ?? link.title),
        h('span', { className: 'formula-lesson-title' }, link.number ? `: ${shortTitle(link.title)}` : ''),
        ' →') : null),
    h('div', { className: 'formula-math', dangerouslySetInnerHTML: { __html: f.mathHtml } }));
}

/** One printed sheet: its title (undefined for the first sheet), its page, and how many formulas it holds. */
export interface SheetInfo {
  title?: string;
  page: string;
  count: number;
}

/** The sheets of a list of formulas, the first sheet first, then the others in the order their first formula appears. */
export function sheetsOf(formulas: Formula[]): (SheetInfo & { formulas: Formula[] })[] {
  const bySheet = new Map<string | undefined, Formula[]>([[undefined, []]]);
  for (const f of formulas) bySheet.set(f.sheet, [...(bySheet.get(f.sheet) ?? []), f]);
  return [...bySheet].filter(([title, list]) => title === undefined || list.length > 0)
    .map(([title, list]) => ({ title, page: sheetPage(title), count: list.length, formulas: list }));
}

/** A page: a header, the other sheets and a table of sections (screen only), and the sheet's formulas by section. */
export function renderCheatsheet(p: {
  siteTitle: string; assets: SiteAssets; nav: NavLink[]; formulas: Formula[]; sources: LessonMeta[]; pages: Map<string, LessonMeta>; keys: string;
  /** This page's sheet and every sheet of the site (for the links between them); default: one untitled sheet. */
  sheet?: SheetInfo; sheets?: SheetInfo[];
}): { html: string; warnings: string[] } {
  const warnings: string[] = [];
  const groups = groupBySection(p.formulas);
  const sheet = p.sheet ?? { page: CHEATSHEET_PAGE, count: p.formulas.length };
  const sheets = p.sheets ?? [sheet];
  const title = sheet.title ? `The 15-minute cheatsheet: ${sheet.title}` : 'The 15-minute cheatsheet';
  const description = `${p.formulas.length} key ${sheet.title ? `${sheet.title.toLowerCase()} ` : 'machine-learning '}formulas, each with a one-line meaning, a link to its lesson, and a numerical check that ran in the notebooks.`;
  const cards = (g: Group) => g.formulas.map((f) => {
    const link = lessonLink(f.lesson, p.pages);
    if (!link) warnings.push(`${formatPlace(f.place)}: formula "${f.id}" names lesson "${f.lesson}", which is not on the site: the cheatsheet shows it without a lesson link`);
    else if (!p.pages.has(f.lesson)) warnings.push(`${formatPlace(f.place)}: formula "${f.id}" names lesson "${f.lesson}"; linked to ${link.href}, the lesson with that number`);
    return formulaCard(f, link);
  });
  const checkedIn = p.sources.map((m, i) => [
    i > 0 ? (i === p.sources.length - 1 ? ' and ' : ', ') : null,
    p.pages.has(m.slug) ? h('a', { key: m.slug, href: `${m.slug}.html` }, m.title) : m.title,
  ]);
  const head = pageHead({ title, siteTitle: p.siteTitle, description, buildMeta: 'cheatsheet-build', buildKey: p.keys, assets: p.assets, css: CHEATSHEET_CSS });
  const body = h('div', { className: 'site' },
    siteHeader(p.siteTitle, p.nav, CHEATSHEET_PAGE),
    h('div', { className: 'page cheatsheet-page' },
      h('main', { id: 'main', className: 'content cheatsheet' },
        // The header opens the (printed) columns rather than sitting above them: with no break opportunity before the
        // columns, Chromium never pushes them whole to page 2 when the formulas need more than the pages it planned.
        h('div', { className: 'cheatsheet-body' },
          h('header', { className: 'cheatsheet-header' },
            h('h1', null, title),
            h('p', { className: 'cheatsheet-lede' },
              `${p.formulas.length} key formulas in ${groups.length} section${groups.length === 1 ? '' : 's'}, each with what it means and a link to its lesson. Every one is checked by running code in `,
              ...checkedIn.flat(), '.'),
            h('p', { className: 'cheatsheet-print-hint' }, 'Print this page (Ctrl/Cmd+P): it is laid out in columns for a few A4 or Letter pages.'),
            sheets.length > 1 ? h('p', { className: 'cheatsheet-sheets cheatsheet-print-hint' }, 'Sheets: ', ...sheets.flatMap((s, i) => [
              i > 0 ? ' · ' : null,
              s.page === sheet.page
                ? h('strong', { key: s.page, 'aria-current': 'page' }, s.title ?? 'Core ML', ` (${s.count})`)
                : h('a', { key: s.page, href: s.page }, s.title ?? 'Core ML', ` (${s.count})`),
            ])) : null,
            groups.length > 1 ? h('nav', { className: 'cheatsheet-sections', 'aria-label': 'Sections' },
              h('ol', null, groups.map((g) => h('li', { key: g.section }, h('a', { href: `#${sectionId(g.section)}` }, g.section), h('span', { className: 'cheatsheet-count' }, ` ${g.formulas.length}`))))) : null),
          p.formulas.length === 0 ? h('p', null, 'No formulas have been exported yet.') : null,
          groups.map((g) => {
            const [first, ...rest] = cards(g);
            // The heading and the first formula stay together on a printed page and in a column.
            return h('section', { key: g.section, className: 'cheatsheet-section', id: sectionId(g.section), 'aria-labelledby': `${sectionId(g.section)}-h` },
              h('div', { className: 'cheatsheet-section-start' },
                h('h2', { id: `${sectionId(g.section)}-h` }, g.section),
                first),
              rest);
          })))),
    footer());
  return { html: documentHtml(head, body), warnings };
}

/**
 * Decides whether the site gets a cheatsheet: the notebooks with formula cells are found (a byte search, then a
 * parse of only those), their formulas are checked and typeset; any problem is an error and the site gets no
 * cheatsheet (and no link to it). An earlier page built from the same notebooks by the same exporter is reused.
 */
export function planCheatsheet(entries: CheatsheetSource[], o: CheatsheetOptions): Cheatsheet {
  const none: Cheatsheet = { nav: [], write: () => undefined };
  const sources = entries.filter((e) => (e.lesson ? JSON.stringify(e.lesson.notebook.cells.map((c) => c.metadata)).includes('"formula') : mayHaveFormulas(readFileSync(e.file))));
  const oldPage = path.join(o.siteDir, CHEATSHEET_PAGE);
  const sourcesKey = sha256(o.fingerprint, 'cheatsheet', JSON.stringify(sources.map((s) => [s.rel, s.hash])));
  const old = o.force ? [] : recordedKeys(oldPage);
  let formulas: Formula[] | undefined;
  const load = (): { formulas: Formula[]; errors: string[] } => {
    const all: Formula[] = [];
    const errors: string[] = [];
    const ids = new Map<string, Formula>();
    for (const s of sources) {
      s.lesson ??= readLesson(readFileSync(s.file), shown(s.file), `${o.sourcePrefix}/${s.rel}`);
      const got = readFormulas(s.lesson.notebook, shown(s.file));
      errors.push(...got.errors);
      for (const f of got.formulas) {
        const other = ids.get(f.id);
        if (other) errors.push(`${formatPlace(f.place)}: formula id "${f.id}" is already used by ${formatPlace(other.place)}`);
        else ids.set(f.id, f);
      }
      all.push(...got.formulas);
    }
    return { formulas: all, errors };
  };
  if (old[0] !== sourcesKey) {
    let got: { formulas: Formula[]; errors: string[] };
    try {
      got = load();
    } catch (err) {
      o.report.errors.push((err as Error).message);
      return none;
    }
    o.report.errors.push(...got.errors);
    if (got.errors.length > 0 || got.formulas.length === 0) return none;
    formulas = got.formulas;
  }
  return {
    nav: [CHEATSHEET_NAV],
    write(siteDir, live, siteNav) {
      const pages = new Map(live.map((e) => [e.meta.slug, e.meta]));
      const pageKey = sha256(sourcesKey, JSON.stringify([o.siteTitle, o.assets, siteNav, live.map((e) => [e.meta.slug, e.meta.title])]));
      mkdirSync(path.join(siteDir, path.dirname(CHEATSHEET_CSS)), { recursive: true });
      writeFileSync(path.join(siteDir, CHEATSHEET_CSS), readFileSync(path.join(REPO_ROOT, 'site', 'cheatsheet.css')));
      if (old[0] === sourcesKey && old[1] === pageKey) {
        // The first page records the key for all sheets, which are built together; carry every sheet over.
        const more = old.slice(2);
        const carried = [CHEATSHEET_PAGE, ...more].every((page) => existsSync(path.join(o.siteDir, page)));
        if (carried) {
          for (const page of [CHEATSHEET_PAGE, ...more]) linkOrCopy(path.join(o.siteDir, page), path.join(siteDir, page));
          return;
        }
      }
      let page = CHEATSHEET_PAGE;
      try {
        if (!formulas) {
          const got = load();
          if (got.errors.length) throw new Error(got.errors.join('\n'));
          formulas = got.formulas;
        }
        const sheets = sheetsOf(formulas);
        const infos = sheets.map(({ title, page: p, count }) => ({ title, page: p, count }));
        for (const s of sheets) {
          page = s.page;
          const used = new Set(s.formulas.map((f) => f.place.file));
          const { html, warnings } = renderCheatsheet({
            siteTitle: o.siteTitle, assets: o.assets, nav: siteNav, formulas: s.formulas, pages,
            // The first sheet's head lists the other sheets' pages after the keys, so that a rebuild can carry them all over.
            keys: [sourcesKey, pageKey, ...(s.page === CHEATSHEET_PAGE ? infos.slice(1).map((i) => i.page) : [])].join(' '),
            sources: sources.filter((src) => used.has(shown(src.file))).map((src) => src.meta),
            sheet: infos.find((i) => i.page === s.page), sheets: infos,
          });
          writeFileSync(path.join(siteDir, s.page), html);
          o.report.warnings.push(...warnings);
        }
      } catch (err) {
        o.report.errors.push(`${page}: ${(err as Error).message}`);
      }
    },
  };
}
