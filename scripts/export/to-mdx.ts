// Converts a Lesson into one MDX document (front matter, asset imports, prose, code, output components) plus its asset files.
import type { BlockContent, DefinitionContent, Root, RootContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { mathToMarkdown } from 'mdast-util-math';
import { mdxToMarkdown } from 'mdast-util-mdx';
import { toMarkdown, type Options } from 'mdast-util-to-markdown';
import { visit } from 'unist-util-visit';
import { joinSource, type Cell } from '../runner/notebook';
import type { Place } from '../shared/place';
import { LessonContext } from './context';
import { writeFrontmatter } from './frontmatter';
import { equationLabels, numberEquations } from './equations';
import { cellMeta } from './heading-links';
import { slugFor, type Lesson } from './lesson';
import { makeSafe, parseMarkdown } from './markdown';
import { typeset } from './math';
import { element, importsBlock } from './mdx-nodes';
import { outputElements } from './outputs';

export interface MdxDocument {
  slug: string;
  mdx: string;
  /** Files for `assets/`, keyed by path under it (`<slug>/cell3-1.png`). */
  assets: Map<string, Buffer>;
  warnings: string[];
  /** Each exported cell's own MDX (imports included), to find the cell behind an MDX compile error. */
  cells: { place: Place; mdx: string }[];
}

type Block = BlockContent | DefinitionContent;

/** Serialization settings: fenced code, `-` bullets, and `{ } < >` escaped in text so prose never becomes JSX or code. */
export const MDX_STRINGIFY: Options = {
  extensions: [
    gfmToMarkdown(),
    mathToMarkdown(),
    mdxToMarkdown(),
    // mdxToMarkdown escapes `{` and `<`; the closing characters are escaped too, so no text can pair up with them.
    { unsafe: [{ character: '}', inConstruct: 'phrasing' }, { character: '>', inConstruct: 'phrasing' }] },
  ],
  fences: true,
  bullet: '-',
  emphasis: '_',
  strong: '*',
  rule: '-',
  listItemIndent: 'one',
};

const tagsOf = (cell: Cell): string[] => (Array.isArray(cell.metadata?.tags) ? cell.metadata.tags.filter((t): t is string => typeof t === 'string') : []);

function isHidden(cell: Cell, tags: string[]): boolean {
  const jupyter = cell.metadata?.jupyter as { source_hidden?: unknown } | undefined;
  return jupyter?.source_hidden === true || tags.includes('hide-input') || tags.includes('hide-cell');
}

/** Reports TeX that KaTeX cannot typeset (the page still shows it, in red), naming the cell. */
function checkMath(nodes: RootContent[], ctx: LessonContext): void {
  for (const node of nodes) {
    visit(node, (n) => {
      if (n.type !== 'math' && n.type !== 'inlineMath') return;
      const { error } = typeset(n.value, n.type === 'math');
      if (error) ctx.warn(`math does not typeset: ${error.replace(/^KaTeX parse error: /, '')}`);
    });
  }
}

function codeCellBlocks(cell: Cell, index: number, tags: string[], ctx: LessonContext): Block[] {
  const source = joinSource(cell.source).replace(/\s+$/, '');
  const blocks: Block[] = [];
  // The fence meta names the cell: the site anchors the block there (heading-links.ts); blogs ignore unknown meta.
  if (source !== '' && !tags.includes('remove-input')) blocks.push({ type: 'code', lang: 'ts', meta: cell.id ? cellMeta(cell.id) : undefined, value: source });
  if (!tags.includes('remove-output')) blocks.push(...outputElements(cell.outputs, index + 1, tags.includes('raises-exception'), ctx));
  if (blocks.length > 0 && isHidden(cell, tags)) return [element('Solution', {}, blocks)];
  return blocks;
}

/**
 * A relative link to a notebook (`../03-regularization.ipynb`, `katas/katas-01-paradigms.ipynb#kmeans`): the slug of
 * the page exported from it and the link's fragment. Undefined for anything else (web links, anchors, other files).
 */
export function notebookLink(url: string): { slug: string; hash: string } | undefined {
  const m = /^(?:[^/?#:]*\/)*([^/?#:]+)\.ipynb(#[^]*)?$/i.exec(url.trim());
  return m ? { slug: slugFor(`${m[1]}.ipynb`), hash: m[2] ?? '' } : undefined;
}

/**
 * Where an exported page links to the page of another exported notebook: its sibling URL, `../<slug>/`. The lessons
 * are published side by side under their slugs in every blog recipe (Docusaurus `/<slug>`, Astro and Next.js
 * `/lessons/<slug>/`), so this one relative URL resolves in each; the static site maps it to `<slug>.html`
 * (compile.ts). A `.ipynb` link would name a file no blog serves.
 */
export const pageLink = (slug: string, hash = ''): string => `../${slug}/${hash}`;

/** Points links to notebooks at their exported pages (pageLink). Changes `tree`. */
export function linkNotebooksToPages(tree: Root): void {
  visit(tree, (n) => {
    if (n.type !== 'link' && n.type !== 'definition') return;
    const target = notebookLink(n.url);
    if (target) n.url = pageLink(target.slug, target.hash);
  });
}

/**
 * Puts `{/* truncate *\/}` after the lesson's opening paragraph (or first, if it does not open with one): blog indexes,
 * tag pages and feeds show only what comes before it (Docusaurus); in any other MDX it is an empty comment.
 */
function insertTruncateMarker(body: Block[]): void {
  const first = body.findIndex((n) => n.type !== 'heading');
  const at = first >= 0 && body[first].type === 'paragraph' ? first + 1 : 0;
  body.splice(at, 0, { type: 'mdxFlowExpression', value: '/* truncate */' });
}

/**
 * The lesson as MDX. The first `# heading` of the first markdown cell is the title, which moves into the front
 * matter; a cell that cannot be exported throws a PlacedError naming the notebook and the cell.
 */
export function lessonToMdx(lesson: Lesson): MdxDocument {
  const ctx = new LessonContext(lesson.file, lesson.meta.slug);
  const body: Block[] = [];
  const perCell: { place: Place; nodes: Block[] }[] = [];
  let titleSeen = false;
  const labels = equationLabels(lesson.notebook.cells);
  lesson.notebook.cells.forEach((cell, i) => {
    ctx.at(i + 1, cell.id);
    const tags = tagsOf(cell);
    if (tags.includes('remove-cell')) return;
    let nodes: Block[] = [];
    if (cell.cell_type === 'markdown') {
      const attachments = (cell.attachments ?? {}) as Record<string, unknown>;
      const tree = makeSafe(parseMarkdown(joinSource(cell.source)), ctx, attachments);
      numberEquations(tree, labels, ctx);
      linkNotebooksToPages(tree);
      nodes = tree.children as Block[];
      if (!titleSeen && nodes.length > 0) {
        titleSeen = true;
        const first = nodes[0];
        if (first.type === 'heading' && first.depth === 1) nodes = nodes.slice(1);
      }
      checkMath(nodes, ctx);
    } else if (cell.cell_type === 'code') {
      nodes = codeCellBlocks(cell, i, tags, ctx);
      checkMath(nodes, ctx);
    }
    if (nodes.length === 0) return;
    body.push(...nodes);
    perCell.push({ place: ctx.place(), nodes });
  });
  insertTruncateMarker(body);
  const esm = importsBlock(ctx.imports);
  const serialize = (nodes: Block[]): string => {
    const root: Root = { type: 'root', children: esm ? [esm, ...nodes] : nodes };
    return toMarkdown(root, MDX_STRINGIFY);
  };
  return {
    slug: lesson.meta.slug,
    mdx: `${writeFrontmatter(lesson.meta)}\n${serialize(body)}`,
    assets: ctx.assets,
    warnings: ctx.warnings,
    get cells() {
      return perCell.map(({ place, nodes }) => ({ place, mdx: serialize(nodes) }));
    },
  };
}
