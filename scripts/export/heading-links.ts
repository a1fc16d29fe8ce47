// Rehype steps for the site's navigation: link icons on headings, typeset math in the table of contents, and an anchor on each code cell.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fillSlots } from './html-slots';

/** The id a code cell's block gets on its page: the quiz links to it (quiz-page.ts). */
export const cellAnchor = (cellId: string) => `cell-${cellId}`;

/** The fence meta the MDX gives a code cell's source (to-mdx.ts): ```` ```ts cell=<id> ````. */
export const cellMeta = (cellId: string) => `cell=${cellId}`;

const CELL_META = /(?:^|\s)cell=([A-Za-z0-9_-]+)(?:\s|$)/;

/** A heading's content without links (a link inside the table of contents' own link is not allowed). */
function unlinked(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((n) => (n.type === 'element' && n.tagName === 'a' ? unlinked(n.children) : n.type === 'element' ? [{ ...n, children: unlinked(n.children) }] : [n]));
}

/**
 * Runs after the page step has given headings their ids and made the table of contents (compile.ts): a TOC entry whose
 * heading holds math or markup gets the heading's HTML (so `$\sqrt{d_k}$` shows typeset, not as TeX), and every
 * heading with an id gets a link to itself, shown on hover and focus.
 */
export function rehypeHeadingLinks() {
  return (tree: HastRoot, file: VFile) => {
    const toc = new Map((file.data.toc ?? []).map((t) => [t.id, t]));
    const slots = file.data.slots ?? [];
    visit(tree, 'element', (el: Element) => {
      if (!/^h[2-6]$/.test(el.tagName) || typeof el.properties.id !== 'string') return;
      const id = el.properties.id;
      const entry = toc.get(id);
      if (entry && el.children.some((c) => c.type === 'element')) entry.html = fillSlots(toHtml(unlinked(el.children)), slots);
      el.children.push({
        type: 'element', tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: 'Link to this section' },
        children: [{ type: 'text', value: '#' }],
      });
      return SKIP;
    });
  };
}

/** Before code blocks become placeholders: the block of a code cell (its fence meta names the cell) gets the cell's anchor. */
export function rehypeCellAnchors() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (el: Element) => {
      if (el.tagName !== 'pre') return;
      const code = el.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      const meta = (code?.data as { meta?: unknown } | undefined)?.meta;
      const m = typeof meta === 'string' ? CELL_META.exec(meta) : null;
      if (m && el.properties.id === undefined) el.properties.id = cellAnchor(m[1]);
      return SKIP;
    });
  };
}
