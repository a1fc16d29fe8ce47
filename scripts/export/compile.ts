// Compiles an exported .mdx with @mdx-js/mdx for the static site: KaTeX math, highlighted code, heading ids and TOC, local assets.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from '@mdx-js/mdx';
import type { Program, Statement } from 'estree';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import bash from 'highlight.js/lib/languages/bash';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import type { Root as MdastRoot } from 'mdast';
import rehypeHighlight from 'rehype-highlight';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { rehypeCellAnchors, rehypeHeadingLinks } from './heading-links';
import { textWithTex } from './heading-text';
import { rehypeCodeSlots, slotNumber } from './html-slots';
import { rehypeMathSlots } from './math';

export interface TocEntry {
  depth: 2 | 3;
  id: string;
  text: string;
  /** The heading's HTML, when it holds math or markup (heading-links.ts). */
  html?: string;
}

export interface CompiledLesson {
  /** The function body @mdx-js/mdx produced (outputFormat 'function-body'), to be run with `run`. */
  code: string;
  toc: TocEntry[];
  /** The HTML of each placeholder in the rendered body: typeset math, highlighted code (html-slots.ts). */
  slots: string[];
  hasMath: boolean;
  hasCharts: boolean;
  /** Compiler messages (e.g. a code block in a language the highlighter does not know). */
  messages: string[];
}

export interface SiteCompileOptions {
  /** Folder of the .mdx file: its `./assets/...` imports are read from here. */
  mdxDir: string;
  /** Slugs of all lessons: a link to `NN-topic.ipynb` of one of them becomes a link to its page. */
  slugs: Set<string>;
  /** The site folder lesson assets are served from, relative to a page (default `media`). */
  mediaDir?: string;
}

/** Plugins a blog needs for the exported MDX too: GFM tables, `$` math, and the YAML front matter. */
export const REMARK_PLUGINS = [remarkFrontmatter, remarkGfm, remarkMath];

/** The languages code blocks are highlighted in (highlight.js grammars, by name) and the fence names for them. */
export const HIGHLIGHT_LANGUAGES = { typescript, javascript, json, bash, python };
export const HIGHLIGHT_ALIASES: Record<string, string[]> = { typescript: ['ts', 'tsx'], javascript: ['js', 'jsx'], bash: ['sh', 'shell'] };

const RESERVED_IDS = new Set(['main', 'toc', 'top', 'content', 'lessons']);

/** GitHub-style heading slugs, unique on the page. */
export function headingSlugger(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s+/g, '-') || 'section';
    let id = base;
    let n = seen.get(base) ?? (RESERVED_IDS.has(base) ? 1 : 0);
    if (n > 0) id = `${base}-${n}`;
    while (seen.has(id) || RESERVED_IDS.has(id)) id = `${base}-${++n}`;
    seen.set(base, n + 1);
    seen.set(id, 1);
    return id;
  };
}

/** Replaces `import x from './assets/...'` with the value a bundler would give: parsed JSON, or the file's URL. */
function remarkSiteAssets(options: { mdxDir: string; mediaDir: string }) {
  return (tree: MdastRoot) => {
    for (const node of tree.children) {
      if (node.type !== 'mdxjsEsm') continue;
      const program = node.data?.estree as Program | undefined;
      if (!program) continue;
      program.body = program.body.map((stmt): Statement | typeof stmt => {
        if (stmt.type !== 'ImportDeclaration' || stmt.specifiers.length !== 1 || stmt.specifiers[0].type !== 'ImportDefaultSpecifier') return stmt;
        const spec = String(stmt.source.value);
        if (!spec.startsWith('./assets/')) return stmt;
        const rel = spec.slice('./assets/'.length);
        const init = spec.endsWith('.json')
          ? {
            type: 'CallExpression' as const, optional: false,
            callee: { type: 'MemberExpression' as const, computed: false, optional: false, object: { type: 'Identifier' as const, name: 'JSON' }, property: { type: 'Identifier' as const, name: 'parse' } },
            arguments: [{ type: 'Literal' as const, value: readFileSync(path.join(options.mdxDir, 'assets', rel), 'utf8') }],
          }
          : { type: 'Literal' as const, value: `${options.mediaDir}/${rel}` };
        return { type: 'VariableDeclaration', kind: 'const', declarations: [{ type: 'VariableDeclarator', id: { type: 'Identifier', name: stmt.specifiers[0].local.name }, init }] };
      });
    }
  };
}

/** Heading ids and the table of contents (h2/h3 outside components), local links and image paths, page features. */
function rehypeSitePage(options: { slugs: Set<string>; mediaDir: string }) {
  return (tree: HastRoot, file: VFile) => {
    const slug = headingSlugger();
    const toc: TocEntry[] = [];
    const math = file.data.math ?? {};
    const texOf = (el: Element) => {
      const slot = slotNumber(el);
      return slot === undefined ? undefined : math[slot];
    };
    const walk = (nodes: ElementContent[] | HastRoot['children'], inComponent: boolean) => {
      for (const node of nodes) {
        const type = node.type as string;
        if (type === 'mdxJsxFlowElement' || type === 'mdxJsxTextElement') {
          const el = node as unknown as { name: string | null; children: ElementContent[] };
          walk(el.children, true);
          continue;
        }
        if (node.type !== 'element') continue;
        const el: Element = node;
        if (/^h[1-6]$/.test(el.tagName)) {
          const text = textWithTex(el.children, texOf).replace(/\s+/g, ' ').trim();
          el.properties.id = slug(text);
          const depth = Number(el.tagName[1]);
          if (!inComponent && (depth === 2 || depth === 3)) toc.push({ depth, id: String(el.properties.id), text });
        }
        if (el.tagName === 'a' && typeof el.properties.href === 'string') {
          const href = el.properties.href;
          // A lesson's Practise links (scripts/katas/lesson-links.ts) open the kata notebook in Jupyter, the katas page here.
          const kata = /^(?:\.\/)?katas\/katas-\d+-[a-z0-9-]+\.ipynb(#[a-z0-9-]+)?$/.exec(href);
          if (kata) {
            el.properties.href = `katas.html${kata[1] ?? ''}`;
            walk(el.children, inComponent);
            continue;
          }
          // The MDX links to another exported notebook's page as `../<slug>/` (to-mdx.ts): here, that page's file.
          const page = /^\.\.\/([a-z0-9-]+)\/(#[^]*)?$/.exec(href);
          if (page && /^katas-\d+-[a-z0-9-]+$/.test(page[1]) && (page[2] === undefined || /^#[a-z0-9-]+$/.test(page[2]))) {
            el.properties.href = `katas.html${page[2] ?? ''}`;
            walk(el.children, inComponent);
            continue;
          }
          if (page && options.slugs.has(page[1])) {
            el.properties.href = `${page[1]}.html${page[2] ?? ''}`;
            walk(el.children, inComponent);
            continue;
          }
          const lesson = /^(?:\.\/)?(?:[^/?#]*\/)*([^/?#]+)\.ipynb(#.*)?$/i.exec(href);
          const target = lesson ? lesson[1].toLowerCase().replace(/[^a-z0-9]+/g, '-') : undefined;
          if (target && options.slugs.has(target)) el.properties.href = `${target}.html${lesson?.[2] ?? ''}`;
          else if (/^https?:/i.test(href)) el.properties.rel = ['noopener', 'noreferrer'];
        }
        if (el.tagName === 'img' && typeof el.properties.src === 'string' && el.properties.src.startsWith('./assets/')) {
          el.properties.src = `${options.mediaDir}/${el.properties.src.slice('./assets/'.length)}`;
        }
        walk(el.children, inComponent);
      }
    };
    walk(tree.children, false);
    file.data.toc = toc;
  };
}

function remarkFeatures() {
  return (tree: MdastRoot, file: VFile) => {
    let charts = false;
    visit(tree, (n) => {
      if ((n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') && n.name === 'PlotlyChart') charts = true;
    });
    file.data.hasCharts = charts;
  };
}

declare module 'vfile' {
  interface DataMap {
    toc: TocEntry[];
    hasCharts: boolean;
  }
}

/** Compiles one exported .mdx for the static site. Throws the compiler's error (with its line) when it does not compile. */
export async function compileForSite(mdx: string, file: string, options: SiteCompileOptions): Promise<CompiledLesson> {
  const mediaDir = options.mediaDir ?? 'media';
  const vfile = new VFile({ value: mdx, path: file });
  const out = await compile(vfile, {
    outputFormat: 'function-body',
    development: false,
    remarkPlugins: [...REMARK_PLUGINS, remarkFeatures, [remarkSiteAssets, { mdxDir: options.mdxDir, mediaDir }]],
    rehypePlugins: [
      rehypeMathSlots,
      [rehypeHighlight, { languages: HIGHLIGHT_LANGUAGES, aliases: HIGHLIGHT_ALIASES, plainText: ['text', 'txt', 'plain', 'output'] }],
      rehypeCellAnchors,
      rehypeCodeSlots,
      [rehypeSitePage, { slugs: options.slugs, mediaDir }],
      rehypeHeadingLinks,
    ],
  });
  return {
    code: String(out.value),
    toc: out.data.toc ?? [],
    slots: out.data.slots ?? [],
    hasMath: Object.keys(out.data.math ?? {}).length > 0,
    hasCharts: out.data.hasCharts ?? false,
    messages: out.messages.map((m) => m.reason),
  };
}
