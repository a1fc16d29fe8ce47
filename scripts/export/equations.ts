// Numbered display equations: a `$$` block with `\label{name}` is numbered (1), (2), ... in lesson order, and `$\eqref{name}$` in prose links to it.
//
// The rule (as Jupyter Book/MyST and d2l.ai do): only equations a lesson labels are numbered, since a label is how a
// lesson says it will refer to one; numbering every display equation would put numbers on the 87 formulas of the
// cheatsheet lesson that nothing cites. `\label`/`\eqref` are what MathJax (Jupyter) reads; KaTeX (the site, blogs)
// knows neither, so the MDX gets KaTeX's `\tag{n}` and a plain link, and every reader of the MDX shows the same numbers.
import type { Link, Nodes, Parent, RootContent } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx';
import { joinSource, type Cell } from '../runner/notebook';
import type { LessonContext } from './context';

const LABEL = /\\label\{([^{}]+)\}/g;
const REF = /\\(?:eq)?ref\{([^{}]+)\}/g;

/** The id of a numbered equation's anchor on the page. */
export const equationId = (label: string) => `eq-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`;

/** Every `\label{...}` in the lesson's display math, numbered in reading order (a reference may come before its equation). */
export function equationLabels(cells: readonly Cell[]): Map<string, number> {
  const labels = new Map<string, number>();
  for (const cell of cells) {
    if (cell.cell_type !== 'markdown') continue;
    for (const block of joinSource(cell.source).matchAll(/\$\$([\s\S]*?)\$\$/g)) {
      for (const m of block[1].matchAll(LABEL)) if (!labels.has(m[1])) labels.set(m[1], labels.size + 1);
    }
  }
  return labels;
}

/**
 * Rewrites one cell's markdown tree in place: labelled display math gets `\tag{n}` and an anchor element before it;
 * a formula that is only `\eqref{x}` becomes the link "(n)"; a reference inside a larger formula becomes `\text{(n)}`.
 * An unknown label is a warning naming the cell, and the reference shows "(?)".
 */
export function numberEquations(parent: Parent, labels: ReadonlyMap<string, number>, ctx: LessonContext): void {
  const numberOf = (label: string) => {
    const n = labels.get(label);
    if (n === undefined) ctx.warn(`equation reference \\eqref{${label}}: no display equation has \\label{${label}}`);
    return n === undefined ? '?' : String(n);
  };
  const out: RootContent[] = [];
  for (const node of parent.children as RootContent[]) {
    if (node.type === 'math') {
      const label = [...node.value.matchAll(LABEL)][0]?.[1];
      if (label !== undefined) {
        const anchor: MdxJsxFlowElement = { type: 'mdxJsxFlowElement', name: 'span', attributes: [{ type: 'mdxJsxAttribute', name: 'id', value: equationId(label) }, { type: 'mdxJsxAttribute', name: 'className', value: 'equation' }], children: [] };
        out.push(anchor as unknown as RootContent);
        node.value = node.value.replace(LABEL, '').replace(/\s+$/, '') + ` \\tag{${labels.get(label)}}`;
      }
      node.value = node.value.replace(REF, (_, l: string) => `\\text{(${numberOf(l)})}`);
    } else if (node.type === 'inlineMath') {
      const only = /^\s*\\(?:eq)?ref\{([^{}]+)\}\s*$/.exec(node.value);
      if (only) {
        const link: Link = { type: 'link', url: `#${equationId(only[1])}`, children: [{ type: 'text', value: `(${numberOf(only[1])})` }] };
        out.push(link);
        continue;
      }
      node.value = node.value.replace(REF, (_, l: string) => `\\text{(${numberOf(l)})}`);
    } else if ('children' in node) {
      numberEquations(node as Nodes & Parent, labels, ctx);
    }
    out.push(node);
  }
  parent.children = out as Parent['children'];
}
