// The static site's page shells, rendered to HTML at build time with React: a lesson page (TOC, pager, download) and the index.
import katex from 'katex';
import { createElement as h, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { lessonLinks, lessonSidebar, navHead, siteTools, type SidebarLesson } from './nav-parts';

export interface NavLink {
  href: string;
  title: string;
}

export interface TocItem {
  depth: 2 | 3;
  id: string;
  text: string;
  /** The heading's content as HTML (typeset math), when it differs from the text. */
  html?: string;
}

export interface SiteAssets {
  css: string;
  js: string;
  katexCss: string;
  plotlyJs: string;
  /** Draws a page's charts lazily (site/charts.js); it fetches `plotlyJs` itself, after the page has loaded. */
  chartsJs: string;
}

export interface LessonPageProps {
  siteTitle: string;
  assets: SiteAssets;
  /** Site-wide pages linked from the header (e.g. the cheatsheet), when the site has them. */
  siteNav?: NavLink[];
  title: string;
  description: string;
  /** Show the description under the title (not when it is just the body's first paragraph). */
  showLede?: boolean;
  tags: string[];
  /** The lesson's number as the file name gives it (e.g. "01"), if any. */
  number?: string;
  /** Pre-rendered HTML of the lesson body (the compiled MDX rendered with the components). */
  bodyHtml: string;
  toc: TocItem[];
  prev?: NavLink;
  next?: NavLink;
  notebookHref: string;
  source: string;
  hasMath: boolean;
  hasCharts: boolean;
  /** A lesson too heavy for one page is split at its sections (scripts/export/page-parts.ts): this page's part, 1-based, and all parts. */
  parts?: { current: number; list: { href: string; label: string }[] };
  /** Every lesson, for the sidebar (site/nav-parts.ts), and the lessons this one builds on and leads to. */
  lessons?: SidebarLesson[];
  /** This page's href in `lessons`. */
  href?: string;
  buildsOn?: SidebarLesson[];
  leadsTo?: SidebarLesson[];
}

export interface IndexPageProps {
  siteTitle: string;
  intro: string;
  assets: SiteAssets;
  siteNav?: NavLink[];
  lessons: { href: string; title: string; description: string; tags: string[]; number?: string }[];
}

/**
 * Scripts only from the site itself, styles from the site plus inline style attributes (Plotly sets them), images
 * from the site or data: URLs, nothing fetched, no plugins, no forms. A second wall behind the output sanitizer.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
  "connect-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

const INLINE_MATH = /\$([^$\n]+)\$/g;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A plain-text description as HTML, with its `$tex$` typeset by KaTeX (at build time, like the lesson bodies). */
export function descriptionHtml(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE_MATH)) {
    out += escapeHtml(text.slice(last, m.index)) + katex.renderToString(m[1], { throwOnError: false, strict: 'ignore', output: 'html' });
    last = (m.index ?? 0) + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

const hasInlineMath = (text: string) => new RegExp(INLINE_MATH.source).test(text);

export function documentHtml(head: ReactNode[], body: ReactNode, csp: string = CONTENT_SECURITY_POLICY): string {
  const html = renderToStaticMarkup(
    h('html', { lang: 'en' },
      h('head', null,
        h('meta', { charSet: 'utf-8' }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('meta', { httpEquiv: 'Content-Security-Policy', content: csp }),
        h('meta', { name: 'color-scheme', content: 'light dark' }),
        // An empty icon, so browsers do not ask the server (or the file system) for /favicon.ico.
        h('link', { rel: 'icon', href: 'data:,' }),
        ...head),
      h('body', null, body)),
  );
  return `<!DOCTYPE html>\n${html}\n`;
}

/** The header of every page: skip link, site title, and the site-wide pages (`current` is the page being rendered). */
/**
 * The <head> of a standalone site page (quiz, cheatsheet, katas): title, description, a build key the export reads back
 * to skip unchanged pages, KaTeX and site CSS, the page's own CSS, the site script and the page's own scripts.
 */
export function pageHead(p: {
  title: string; siteTitle: string; description: string; buildMeta: string; buildKey: string;
  assets: SiteAssets; css: string; scripts?: string[];
}): ReactNode[] {
  return [
    h('title', { key: 't' }, `${p.title} · ${p.siteTitle}`),
    h('meta', { key: 'd', name: 'description', content: p.description }),
    h('meta', { key: 'b', name: p.buildMeta, content: p.buildKey }),
    h('link', { key: 'k', rel: 'stylesheet', href: p.assets.katexCss }),
    h('link', { key: 'c', rel: 'stylesheet', href: p.assets.css }),
    h('link', { key: 'p', rel: 'stylesheet', href: p.css }),
    h('script', { key: 'j', src: p.assets.js, defer: true }),
    ...navHead(),
    ...(p.scripts ?? []).map((src) => h('script', { key: src, src, defer: true })),
  ];
}

export function siteHeader(siteTitle: string, nav: NavLink[] = [], current?: string): ReactNode {
  return h('header', { className: 'site-header' },
    h('a', { className: 'skip-link', href: '#main' }, 'Skip to content'),
    h('a', { className: 'site-title', href: 'index.html' }, siteTitle),
    siteTools(),
    nav.length ? h('nav', { className: 'site-nav', 'aria-label': 'Site' },
      nav.map((l) => h('a', { key: l.href, href: l.href, 'aria-current': l.href === current ? 'page' : undefined }, l.title))) : null);
}

export function footer(): ReactNode {
  return h('footer', { className: 'site-footer' },
    h('p', null, 'Built from executed notebooks. Math typeset by KaTeX at build time, charts drawn by Plotly; nothing is loaded from the network.'));
}

function tocNav(toc: TocItem[]): ReactNode {
  if (toc.length === 0) return null;
  return h('nav', { className: 'toc', 'aria-label': 'On this page' },
    // Closed in the HTML (a phone shows the title first); site/nav.js opens it on wide screens.
    h('details', null,
      h('summary', null, 'On this page'),
      h('ol', null, toc.map((t) => h('li', { key: t.id, className: `toc-${t.depth}` }, t.html ? h('a', { href: `#${t.id}`, dangerouslySetInnerHTML: { __html: t.html } }) : h('a', { href: `#${t.id}` }, t.text))))));
}

function pager(prev: NavLink | undefined, next: NavLink | undefined): ReactNode {
  return h('nav', { className: 'pager', 'aria-label': 'Lessons' },
    prev ? h('a', { className: 'pager-prev', rel: 'prev', href: prev.href }, h('span', { className: 'pager-label' }, '← Previous'), h('span', { className: 'pager-title' }, prev.title)) : h('span', { className: 'pager-prev' }),
    h('a', { className: 'pager-index', href: 'index.html' }, 'All lessons'),
    next ? h('a', { className: 'pager-next', rel: 'next', href: next.href }, h('span', { className: 'pager-label' }, 'Next →'), h('span', { className: 'pager-title' }, next.title)) : h('span', { className: 'pager-next' }));
}

function partsNav(parts: LessonPageProps['parts']): ReactNode {
  if (!parts || parts.list.length < 2) return null;
  return h('nav', { className: 'lesson-parts', 'aria-label': 'Pages of this lesson' },
    h('p', null, `This lesson is split into ${parts.list.length} pages:`),
    h('ol', null, parts.list.map((l, i) => h('li', { key: l.href },
      i + 1 === parts.current ? h('a', { href: l.href, 'aria-current': 'page' }, l.label) : h('a', { href: l.href }, l.label)))));
}

function tagList(tags: string[]): ReactNode {
  return tags.length ? h('ul', { className: 'tags', 'aria-label': 'Tags' }, tags.map((t) => h('li', { key: t }, t))) : null;
}

/** One lesson page. plotly.js is loaded only when the page has a chart (after load, by charts.js), KaTeX's CSS only when it has math. */
export function lessonPage(p: LessonPageProps): string {
  const head: ReactNode[] = [
    h('title', { key: 't' }, `${p.title}${p.parts ? ` (page ${p.parts.current} of ${p.parts.list.length})` : ''} · ${p.siteTitle}`),
    p.description ? h('meta', { key: 'd', name: 'description', content: p.description }) : null,
    p.hasMath || hasInlineMath(p.description) ? h('link', { key: 'k', rel: 'stylesheet', href: p.assets.katexCss }) : null,
    h('link', { key: 'c', rel: 'stylesheet', href: p.assets.css }),
    p.hasCharts ? h('script', { key: 'p', src: p.assets.chartsJs, 'data-plotly': p.assets.plotlyJs, defer: true }) : null,
    h('script', { key: 'j', src: p.assets.js, defer: true }),
    ...navHead(),
  ];
  const body = h('div', { className: 'site' },
    siteHeader(p.siteTitle, p.siteNav),
    h('div', { className: `page${p.toc.length ? ' has-toc' : ''}${p.lessons?.length ? ' has-sidebar' : ''}` },
      lessonSidebar(p.lessons ?? [], p.href ?? ''),
      tocNav(p.toc),
      h('main', { id: 'main', className: 'content' },
        h('article', { className: 'lesson' },
          h('header', { className: 'lesson-header' },
            p.number ? h('p', { className: 'lesson-number' }, `Lesson ${p.number}`) : null,
            h('h1', null, p.title),
            p.description && p.showLede !== false ? h('p', { className: 'lede', dangerouslySetInnerHTML: { __html: descriptionHtml(p.description) } }) : null,
            h('p', { className: 'lesson-meta' },
              h('a', { className: 'download', href: p.notebookHref, download: true }, 'Download the executed notebook (.ipynb)'),
              h('span', { className: 'source' }, ` · source: ${p.source}`)),
            tagList(p.tags),
            partsNav(p.parts),
            lessonLinks(p.buildsOn ?? [], p.leadsTo ?? [])),
          h('div', { className: 'lesson-body', dangerouslySetInnerHTML: { __html: p.bodyHtml } })),
        pager(p.prev, p.next))),
    footer());
  return documentHtml(head, body);
}

/** The index: every lesson in reading order with its description and tags. */
export function indexPage(p: IndexPageProps): string {
  const head: ReactNode[] = [
    h('title', { key: 't' }, p.siteTitle),
    h('meta', { key: 'd', name: 'description', content: p.intro }),
    p.lessons.some((l) => hasInlineMath(l.description)) ? h('link', { key: 'k', rel: 'stylesheet', href: p.assets.katexCss }) : null,
    h('link', { key: 'c', rel: 'stylesheet', href: p.assets.css }),
    h('script', { key: 'j', src: p.assets.js, defer: true }),
    ...navHead(),
  ];
  const body = h('div', { className: 'site' },
    siteHeader(p.siteTitle, p.siteNav),
    h('div', { className: 'page' },
      h('main', { id: 'main', className: 'content' },
        h('h1', null, p.siteTitle),
        h('p', { className: 'lede' }, p.intro),
        p.lessons.length === 0 ? h('p', null, 'No lessons have been exported yet.') : null,
        h('ol', { className: 'lesson-list' },
          p.lessons.map((l) => h('li', { key: l.href },
            h('a', { href: l.href },
              l.number ? h('span', { className: 'lesson-list-number' }, l.number) : null,
              h('span', { className: 'lesson-list-title' }, l.title)),
            l.description ? h('p', { dangerouslySetInnerHTML: { __html: descriptionHtml(l.description) } }) : null,
            tagList(l.tags)))))),
    footer());
  return documentHtml(head, body);
}
