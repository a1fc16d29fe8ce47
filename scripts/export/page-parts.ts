// Splits a lesson page heavier than the page budget into several pages at its <h2> sections, and keeps every link to its anchors working.
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** No page of the site should be heavier than this many bytes of HTML (issue 13). */
export const PAGE_HTML_LIMIT = 600_000;
/** A split lesson's parts aim at this many bytes of body each, leaving room for the page around it. */
export const PART_BODY_TARGET = 450_000;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * The offsets of the <h2> elements at the top level of a body's HTML (not inside a notebook output or a solution).
 * Undefined when the markup does not nest as expected: such a body is left whole rather than cut in a wrong place.
 */
export function topLevelH2Offsets(html: string): number[] | undefined {
  const offsets: number[] = [];
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, tag, selfClosing] = m;
    if (closing) {
      depth--;
      if (depth < 0) return undefined;
      continue;
    }
    if (selfClosing || VOID.has(tag.toLowerCase())) continue;
    if (depth === 0 && tag.toLowerCase() === 'h2') offsets.push(m.index ?? 0);
    depth++;
  }
  return depth === 0 ? offsets : undefined;
}

/**
 * Cuts `sizes` (consecutive chunks) into at most `n` consecutive groups with the smallest possible largest group
 * (binary search on that size, greedy packing), and returns the index of the first chunk of each group.
 */
export function balancedGroups(sizes: number[], n: number): number[] {
  const fits = (cap: number) => {
    const starts = [0];
    let sum = 0;
    sizes.forEach((s, i) => {
      if (sum + s > cap && sum > 0) {
        starts.push(i);
        sum = 0;
      }
      sum += s;
    });
    return starts;
  };
  let lo = Math.max(...sizes, 1);
  let hi = sizes.reduce((a, b) => a + b, 0);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid).length <= n) hi = mid;
    else lo = mid + 1;
  }
  return fits(lo);
}

export interface BodyPart {
  /** The page file of this part: `<slug>.html` for the first, `<slug>-part-<k>.html` after. */
  file: string;
  body: string;
  /** The text of the part's first and last <h2> (its label in the list of parts). */
  label: string;
  ids: Set<string>;
}

export const partFile = (slug: string, k: number): string => (k === 1 ? `${slug}.html` : `${slug}-part-${k}.html`);

const idsOf = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
const textOf = (html: string) => html.replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, '').replace(/<span class="katex-mathml">[\s\S]*?<\/math><\/span>/g, '')
  .replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/\s+/g, ' ').trim();

/**
 * The body in parts of about `target` bytes each, cut only before top-level <h2> headings; a single part when the
 * body is not longer than `target` or has nowhere to cut. Same-page links (`#id`) to an anchor that lands in another
 * part point to that part's page.
 */
export function splitBody(body: string, slug: string, target = PART_BODY_TARGET): BodyPart[] {
  const bytes = Buffer.byteLength(body);
  const cuts = bytes > target ? topLevelH2Offsets(body) : undefined;
  if (!cuts || cuts.length < 2) return [{ file: partFile(slug, 1), body, label: '', ids: idsOf(body) }];
  // Chunk 0 is what comes before the first <h2> (with it: the first part always opens with the lesson's start).
  const bounds = [0, ...cuts.filter((c) => c > 0), body.length];
  const chunks = bounds.slice(0, -1).map((b, i) => body.slice(b, bounds[i + 1]));
  const starts = balancedGroups(chunks.map((c) => Buffer.byteLength(c)), Math.ceil(bytes / target));
  const parts = starts.map((s, k) => {
    const html = chunks.slice(s, starts[k + 1] ?? chunks.length).join('');
    const headings = [...html.matchAll(/<h2\b[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => textOf(m[1]));
    const label = headings.length > 1 ? `${headings[0]} … ${headings[headings.length - 1]}` : headings[0] ?? '';
    return { file: partFile(slug, k + 1), body: html, label, ids: idsOf(html) };
  });
  const home = new Map<string, string>();
  for (const p of parts) for (const id of p.ids) home.set(id, p.file);
  for (const p of parts) {
    p.body = p.body.replace(/(\shref=")#([^"]+)"/g, (all, pre: string, id: string) => {
      const file = home.get(decodeURIComponent(id));
      return file && file !== p.file ? `${pre}${file}#${id}"` : all;
    });
  }
  return parts;
}

/**
 * What the first page of a split lesson carries so that an old link to one of its anchors (a bookmark, a search
 * result) still lands: the page of every anchor that moved, and the script that follows it (site/parts.js).
 */
export function movedAnchorsHtml(parts: BodyPart[], scriptSrc: string): string {
  const pages = parts.map((p) => p.file);
  const ids: Record<string, number> = {};
  parts.slice(1).forEach((p, k) => { for (const id of [...p.ids].sort()) if (!parts[0].ids.has(id)) ids[id] = k + 1; });
  const json = JSON.stringify({ pages, ids }).replace(/</g, '\\u003c');
  return `<script type="application/json" id="lesson-part-anchors">${json}</script><script src="${scriptSrc}" defer=""></script>`;
}

/** The pages of split lessons in a site folder: slug -> (anchor id -> page file). Lessons on one page are left out. */
export function splitLessons(siteDir: string, slugs: string[]): Map<string, Map<string, string>> {
  const files = readdirSync(siteDir);
  const out = new Map<string, Map<string, string>>();
  for (const slug of slugs) {
    const parts = files.filter((f) => f.startsWith(`${slug}-part-`) && /^-part-\d+\.html$/.test(f.slice(slug.length)));
    if (parts.length === 0) continue;
    const home = new Map<string, string>();
    for (const f of [`${slug}.html`, ...parts]) for (const id of idsOf(readFileSync(path.join(siteDir, f), 'utf8'))) if (!home.has(id)) home.set(id, f);
    out.set(slug, home);
  }
  return out;
}

/** A lesson's page HTML, all its parts together (what the quiz and katas pages read to find a cell's anchor). */
export function lessonPageHtml(siteDir: string, slug: string): string {
  const parts = readdirSync(siteDir).filter((f) => f.startsWith(`${slug}-part-`) && /^-part-\d+\.html$/.test(f.slice(slug.length)))
    .sort((a, b) => Number(/(\d+)\.html$/.exec(a)?.[1]) - Number(/(\d+)\.html$/.exec(b)?.[1]));
  return [`${slug}.html`, ...parts].map((f) => readFileSync(path.join(siteDir, f), 'utf8')).join('\n');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Points every `<slug>.html#id` link in the site's pages (quiz, katas, cheatsheet, other lessons) at the part that
 * holds the anchor now. Files are replaced, never written in place: unchanged pages are hard links to the previous
 * site's files. Returns the pages rewritten.
 */
export function fixPartLinks(siteDir: string, slugs: string[]): string[] {
  const split = splitLessons(siteDir, slugs);
  if (split.size === 0) return [];
  // An href attribute, or an "href" in JSON data a page's script reads (the quiz's links).
  const keys = [...split.keys()];
  const pattern = new RegExp(`(\\shref="|"href":")(${keys.map(escapeRe).join('|')})(?:-part-\\d+)?\\.html#([^"]+)"`, 'g');
  const changed: string[] = [];
  for (const f of readdirSync(siteDir).filter((n) => n.endsWith('.html')).sort()) {
    const file = path.join(siteDir, f);
    const html = readFileSync(file, 'utf8');
    if (!keys.some((k) => html.includes(`${k}.html#`) || html.includes(`${k}-part-`))) continue;
    const fixed = html.replace(pattern, (all, pre: string, slug: string, id: string) => {
      const target = split.get(slug)?.get(decodeURIComponent(id));
      return target ? `${pre}${target === f ? '' : target}#${id}"` : all;
    });
    if (fixed === html) continue;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, fixed);
    renameSync(tmp, file);
    changed.push(f);
  }
  return changed;
}
