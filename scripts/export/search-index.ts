// The site's full-text search index: each lesson page cut into sections at its h2/h3 headings, indexed by MiniSearch at export time and written as a script (file:// cannot fetch JSON).
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import { NAV_ASSETS } from '../../site/nav-parts';
import { sha256 } from './cache';
import { linkOrCopy } from './swap';

/** One searchable section: a lesson's opening (before its first h2) or the text under one h2/h3 heading. */
export interface SearchDoc {
  id: number;
  /** `<slug>.html#<heading id>` (no fragment for the opening). */
  href: string;
  /** The section's heading, math as its TeX. */
  title: string;
  /** Index of the lesson in the index file's `lessons`. */
  lesson: number;
  text: string;
}

/** What site/nav.js needs to load the index: MiniSearch options must be the same when loading as when indexing. */
export const SEARCH_OPTIONS = {
  fields: ['title', 'text'],
  storeFields: ['href', 'title', 'lesson'],
} satisfies Options<SearchDoc>;

/** The global the index script sets. */
export const SEARCH_GLOBAL = 'mlinSearchIndex';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (text: string) => text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
  if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  return ENTITIES[e] ?? all;
});

/** The index just past the element whose opening tag ends at `from`, counting nested `<tag` elements. */
function endOf(html: string, tag: string, from: number): number {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let depth = 1;
  let i = from;
  while (depth > 0) {
    const c = html.indexOf(close, i);
    if (c < 0) return html.length;
    for (let o = html.indexOf(open, i); o >= 0 && o < c; o = html.indexOf(open, o + 1)) {
      const next = html.charCodeAt(o + open.length);
      if (next === 32 || next === 62) depth++; // "<span " or "<span>", not "<spanx"
    }
    depth--;
    i = c + close.length;
  }
  return i;
}

const SKIPPED = /^<(script|style|pre|svg)\b|^<(figure) class="nb-output nb-plotly|^<(a) class="heading-anchor"/;
const TEX = '<annotation encoding="application/x-tex">';

/**
 * Readable text of a piece of page HTML, in one pass: KaTeX math as its TeX (from the MathML annotation; the glyph
 * layer is skipped), no chart data, no code blocks or printed outputs (measured: half the text, mostly identifiers and
 * numbers, which doubled the index and the time to build it), no heading-link marks.
 */
export function searchText(html: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    const tag = html.slice(lt, Math.min(gt + 1, lt + 60));
    i = gt + 1;
    if (tag.startsWith('<span class="katex">')) {
      const end = endOf(html, 'span', i);
      const a = html.indexOf(TEX, i);
      if (a >= 0 && a < end) out += ` ${html.slice(a + TEX.length, html.indexOf('</annotation>', a))} `;
      i = end;
      continue;
    }
    const skip = SKIPPED.exec(tag);
    if (skip) i = endOf(html, skip[1] ?? skip[2] ?? skip[3], i);
    out += ' ';
  }
  return decode(out).replace(/\s+/g, ' ').trim();
}

/** A lesson page's sections, cut at its h2/h3 headings (those with ids). */
export function pageSections(html: string, slug: string): { href: string; title?: string; text: string }[] {
  const start = html.indexOf('<div class="lesson-body">');
  const end = html.lastIndexOf('</article>');
  const body = start < 0 ? '' : html.slice(start, end > start ? end : undefined);
  const heading = /<h([23])\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g;
  const out: { href: string; title?: string; text: string }[] = [];
  let last = 0;
  let current: { href: string; title?: string } = { href: `${slug}.html` };
  for (const m of body.matchAll(heading)) {
    out.push({ ...current, text: searchText(body.slice(last, m.index)) });
    current = { href: `${slug}.html#${m[2]}`, title: searchText(m[3]) };
    last = (m.index ?? 0) + m[0].length;
  }
  out.push({ ...current, text: searchText(body.slice(last)) });
  return out.filter((s, i) => i > 0 || s.text !== '');
}

export interface SearchLesson {
  slug: string;
  title: string;
  number?: string;
  /** The page key of the lesson (changes whenever its page does), for the index's cache key. */
  pageKey: string;
}

/** The index script's text: `window.mlinSearchIndex = { lessons, options, index }`, after a comment with its key. */
export function buildSearchIndex(lessons: readonly SearchLesson[], pageHtml: (slug: string) => string | { file: string; html: string }[], key: string): string {
  const docs: SearchDoc[] = [];
  lessons.forEach((l, i) => {
    // A lesson split into pages (page-parts.ts) gives each page; its sections link to the page that holds them.
    const got = pageHtml(l.slug);
    const pages = typeof got === 'string' ? [{ file: `${l.slug}.html`, html: got }] : got;
    for (const p of pages) {
      for (const s of pageSections(p.html, l.slug)) {
        docs.push({ id: docs.length, href: p.file + s.href.slice(`${l.slug}.html`.length), title: s.title ?? l.title, lesson: i, text: s.text });
      }
    }
  });
  const search = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
  search.addAll(docs);
  const data = {
    lessons: lessons.map((l) => ({ title: l.title, number: l.number ?? null, href: `${l.slug}.html` })),
    options: SEARCH_OPTIONS,
    index: search.toJSON(),
  };
  // JSON is a JavaScript expression; "</" cannot end anything in a .js file, so no escaping is needed.
  return `/* search-index ${key} */\nwindow.${SEARCH_GLOBAL} = ${JSON.stringify(data)};\n`;
}

/** MiniSearch's browser build (UMD: sets `window.MiniSearch`), minified with esbuild. */
export async function miniSearchSource(): Promise<string> {
  const file = createRequire(import.meta.url).resolve('minisearch');
  const source = readFileSync(path.join(path.dirname(file), '..', 'umd', 'index.js'), 'utf8');
  const { transform } = await import('esbuild');
  return (await transform(source, { minify: true, legalComments: 'inline' })).code;
}

/** The start of a file, without reading the rest. */
function firstBytes(file: string, n: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.toString('utf8', 0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the index (and MiniSearch) into the new site, or links them from the live site when no lesson page changed.
 * Returns the index's size in bytes.
 */
export async function writeSearchIndex(o: { newSite: string; liveSite: string; fingerprint: string; lessons: readonly SearchLesson[]; force?: boolean }): Promise<number> {
  const key = sha256(o.fingerprint, 'search', JSON.stringify(o.lessons.map((l) => [l.slug, l.title, l.number, l.pageKey])));
  const indexTo = path.join(o.newSite, NAV_ASSETS.searchIndex);
  const libTo = path.join(o.newSite, NAV_ASSETS.searchJs);
  mkdirSync(path.dirname(indexTo), { recursive: true });
  const oldIndex = path.join(o.liveSite, NAV_ASSETS.searchIndex);
  const oldLib = path.join(o.liveSite, NAV_ASSETS.searchJs);
  // --force builds it again, as every page.
  const head = !o.force && existsSync(oldIndex) ? firstBytes(oldIndex, 100) : '';
  if (head.startsWith(`/* search-index ${key} */`) && existsSync(oldLib)) {
    linkOrCopy(oldIndex, indexTo);
    linkOrCopy(oldLib, libTo);
  } else {
    const pagesOf = (slug: string) => {
      const files = [`${slug}.html`];
      for (let k = 2; existsSync(path.join(o.newSite, `${slug}-part-${k}.html`)); k++) files.push(`${slug}-part-${k}.html`);
      return files.map((file) => ({ file, html: readFileSync(path.join(o.newSite, file), 'utf8') }));
    };
    writeFileSync(indexTo, buildSearchIndex(o.lessons, pagesOf, key));
    writeFileSync(libTo, await miniSearchSource());
  }
  return readFileSync(indexTo).length;
}
