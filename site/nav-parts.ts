// The site's navigation parts, rendered at build time: search box and theme toggle, lesson sidebar, "Builds on" links (site/nav.js makes them work).
import { Fragment, createElement as h, type ReactNode } from 'react';
import { descriptionHtml } from './layout';

/** Where the navigation's own files live, relative to a page at the site root. */
export const NAV_ASSETS = {
  css: 'assets/nav.css',
  js: 'assets/nav.js',
  searchJs: 'assets/minisearch.js',
  searchIndex: 'assets/search-index.js',
} as const;

/** A lesson in the sidebar. */
export interface SidebarLesson {
  href: string;
  title: string;
  number?: string;
}

/**
 * nav.js runs before the page is drawn (it sets the reader's theme, so a dark page never flashes light), hence no
 * `defer`; everything else it does waits for the DOM.
 */
export function navHead(): ReactNode[] {
  return [
    h('link', { key: 'nav-css', rel: 'stylesheet', href: NAV_ASSETS.css }),
    h('script', { key: 'nav-js', src: NAV_ASSETS.js, 'data-search': NAV_ASSETS.searchJs, 'data-index': NAV_ASSETS.searchIndex }),
  ];
}

/**
 * The search box and the light/dark switch in the header. Hidden until nav.js runs: without scripts neither can work.
 * No <form>: the policy forbids form submission, and nothing is sent anywhere.
 */
export function siteTools(): ReactNode {
  return h('div', { className: 'site-tools', hidden: true },
    h('div', { className: 'site-search', role: 'search' },
      h('input', {
        type: 'search', id: 'site-search-input', className: 'site-search-input', placeholder: 'Search lessons (/)',
        'aria-label': 'Search the lessons', autoComplete: 'off', spellCheck: false,
        'aria-controls': 'site-search-results', 'aria-expanded': 'false', 'aria-keyshortcuts': '/',
      }),
      h('div', { id: 'site-search-results', className: 'site-search-results', role: 'listbox', 'aria-label': 'Search results', hidden: true })),
    h('button', { type: 'button', id: 'theme-toggle', className: 'theme-toggle', 'aria-label': 'Colour theme: follows the system', title: 'Switch between light and dark' },
      h('span', { className: 'theme-toggle-icon', 'aria-hidden': true }, '◐')));
}

/** The list of lessons beside the text, the current one marked; a closed <details> that nav.js opens on wide screens. */
export function lessonSidebar(lessons: readonly SidebarLesson[], current: string): ReactNode {
  if (lessons.length === 0) return null;
  return h('nav', { className: 'sidebar', 'aria-label': 'Lessons' },
    h('details', { className: 'sidebar-details' },
      h('summary', null, 'Lessons'),
      h('ol', null, lessons.map((l) => h('li', { key: l.href, className: l.href === current ? 'current' : undefined },
        h('a', { href: l.href, 'aria-current': l.href === current ? 'page' : undefined },
          l.number ? h('span', { className: 'sidebar-number' }, l.number) : null,
          h('span', { className: 'sidebar-title', dangerouslySetInnerHTML: { __html: descriptionHtml(l.title) } })))))));
}

/** "Builds on: Lesson 03 · Regularization" and "Leads to: ...", from the lesson map (scripts/export/lesson-map.ts). */
export function lessonLinks(buildsOn: readonly SidebarLesson[], leadsTo: readonly SidebarLesson[]): ReactNode {
  const line = (label: string, cls: string, list: readonly SidebarLesson[]) => (list.length === 0 ? null : h('p', { className: `lesson-links ${cls}` },
    h('span', { className: 'lesson-links-label' }, `${label}: `),
    list.flatMap((l, i) => [
      ...(i > 0 ? [' · '] : []),
      h('a', { key: l.href, href: l.href }, l.number ? `Lesson ${l.number}: ` : '', h('span', { dangerouslySetInnerHTML: { __html: descriptionHtml(l.title) } })),
    ])));
  return h(Fragment, null, line('Builds on', 'builds-on', buildsOn), line('Leads to', 'leads-to', leadsTo));
}
