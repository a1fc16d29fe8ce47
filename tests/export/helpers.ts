// Shared test helpers: copy export fixtures into a temp workspace, run the exporter, read and parse what it wrote.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { exportNotebooks, type ExportReport } from '../../scripts/export/pipeline';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'export');
export const LESSONS = path.join(FIXTURES, 'lessons');
export const BROKEN = path.join(FIXTURES, 'broken');
export const REPO = path.resolve(__dirname, '..', '..');

export interface Workspace {
  root: string;
  notebooks: string;
  mdx: string;
  site: string;
}

/** A temp folder with `notebooks/` holding copies of the given fixture folders' notebooks. */
export function workspace(...sources: string[]): Workspace {
  const root = mkdtempSync(path.join(os.tmpdir(), 'export-test-'));
  const notebooks = path.join(root, 'notebooks');
  mkdirSync(notebooks);
  for (const dir of sources) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ipynb'))) cpSync(path.join(dir, f), path.join(notebooks, f));
  }
  return { root, notebooks, mdx: path.join(root, 'mdx'), site: path.join(root, 'site') };
}

export function runExport(ws: Workspace, extra: { force?: boolean; threads?: number } = {}): Promise<ExportReport> {
  return exportNotebooks({ notebooksDir: ws.notebooks, mdxDir: ws.mdx, siteDir: ws.site, sourcePrefix: 'notebooks', ...extra });
}

/** Every file under `dir` (relative path -> bytes), for byte-for-byte comparisons. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

export const read = (file: string): string => readFileSync(file, 'utf8');

/** All elements of an HTML document or fragment, parsed the way a browser parses it. */
export function elements(html: string): Element[] {
  const tree: Root = fromHtml(html);
  const out: Element[] = [];
  const walk = (nodes: Root['children'] | Element['children']) => {
    for (const n of nodes) {
      if (n.type === 'element') {
        out.push(n);
        walk(n.children);
        if (n.content) walk(n.content.children);
      }
    }
  };
  walk(tree.children);
  return out;
}

/** Class names of an element as a list. */
export function classes(el: Element): string[] {
  const c = el.properties.className;
  return Array.isArray(c) ? c.map(String) : [];
}
