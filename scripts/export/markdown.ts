// Parses a markdown cell into an mdast tree (GFM + math) and makes it safe: raw HTML becomes text, unsafe links and images go.
import type { Image, Link, Nodes, Parents, PhrasingContent, Root, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown } from 'mdast-util-math';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';
import type { LessonContext } from './context';
import { EXTENSION, RASTER_MIME, decodeImage } from './images';
import { sanitizeSvg } from './sanitize';

// Built once: making and merging the syntax extensions on every call cost as much as parsing a short cell (a full
// export parses about 1,700 cells, quiz answers and kata statements).
const SYNTAX = [gfm(), math()];
const TREE = [gfmFromMarkdown(), mathFromMarkdown()];

/** Markdown as Jupyter reads it: CommonMark, GitHub tables/strikethrough/task lists, and `$...$` / `$$...$$` math. */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(fenceDisplayMath(text), { extensions: SYNTAX, mdastExtensions: TREE });
}

/**
 * Jupyter (MathJax) accepts display math that starts on the `$$` line and ends on another (`$$y = \sum ...` ...
 * `... w,$$`); micromark only knows `$$` alone on its line as a math block. Such blocks are rewritten into that
 * form, outside code fences, and so is a line holding only `$$...$$` (display math in Jupyter, inline math to micromark).
 */
export function fenceDisplayMath(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) { if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null; out.push(line); continue; }
    if (fenceMark) { fence = fenceMark; out.push(line); continue; }
    const open = /^(\s*)\$\$(.*)$/.exec(line);
    // A line that is only `$$...$$` is display math in Jupyter; micromark would make it inline math in a paragraph.
    const whole = open && /^(.*?)\$\$\s*$/.exec(open[2]);
    if (open && whole && whole[1].trim() !== '' && !whole[1].includes('$$')) { out.push(`${open[1]}$$`, `${open[1]}${whole[1]}`, `${open[1]}$$`); continue; }
    if (!open || open[2].trim() === '' || open[2].includes('$$')) { out.push(line); continue; }
    const end = lines.findIndex((l, k) => k > i && l.includes('$$'));
    if (end < 0) { out.push(line); continue; }
    const close = lines[end].indexOf('$$');
    const rest = lines[end].slice(close + 2);
    // Keep the block's indentation on every line, so math inside a list item stays in it.
    out.push(`${open[1]}$$`, `${open[1]}${open[2]}`, ...lines.slice(i + 1, end), lines[end].slice(0, close), `${open[1]}$$`);
    if (rest.trim() !== '') out.push(rest.trim());
    i = end;
  }
  return out.join('\n');
}

/** Link targets a lesson may use: the web, mail, anchors, and relative paths (other lessons). */
export function safeHref(url: string): boolean {
  const u = url.trim();
  if (/^(?:https?:|mailto:|#)/i.test(u)) return true;
  // No scheme at all (a colon before any / ? #): a relative path.
  return !/^[^/?#]*:/.test(u);
}

const BR = /^<br\s*\/?>$/i;

function imageFromData(ctx: LessonContext, mime: string, data: string, name: string): string {
  if (mime === 'image/svg+xml') return ctx.addAsset(`${name}.svg`, Buffer.from(sanitizeSvg(data)));
  const img = decodeImage(mime, data);
  return ctx.addAsset(`${name}.${EXTENSION[img.format]}`, img.bytes);
}

/** Resolves a markdown image to a local asset, or returns what replaces it when it cannot be shown offline. */
function localImage(node: Image, ctx: LessonContext, attachments: Record<string, unknown>, index: number): Image | Link | Text {
  const url = node.url.trim();
  try {
    if (url.startsWith('attachment:')) {
      const name = decodeURIComponent(url.slice('attachment:'.length));
      const bundle = attachments[name];
      if (typeof bundle !== 'object' || bundle === null) ctx.fail(`markdown image ${JSON.stringify(url)}: the cell has no attachment named ${JSON.stringify(name)}`);
      const entry = Object.entries(bundle as Record<string, unknown>).find(([m]) => m in RASTER_MIME || m === 'image/svg+xml');
      if (!entry) ctx.fail(`markdown image ${JSON.stringify(url)}: the attachment has no PNG, JPEG, GIF, WebP or SVG data`);
      const [mime, value] = entry;
      const data = Array.isArray(value) ? value.join('') : String(value);
      const stem = name.replace(/\.[a-z0-9]+$/i, '').replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 40) || 'image';
      return { ...node, url: imageFromData(ctx, mime, data, `${ctx.cell ?? 0}-att-${index}-${stem}`) };
    }
    const dataUrl = /^data:(image\/[a-z+.-]+)(;base64)?,(.*)$/is.exec(url);
    if (dataUrl) {
      const [, mime, b64, payload] = dataUrl;
      const data = b64 ? payload : mime === 'image/svg+xml' ? decodeURIComponent(payload) : '';
      if (!b64 && mime !== 'image/svg+xml') ctx.fail(`markdown image: a ${mime} data URL must be base64`);
      return { ...node, url: imageFromData(ctx, mime, data, `${ctx.cell ?? 0}-img-${index}`) };
    }
  } catch (err) {
    if ((err as Error).name === 'PlacedError') throw err;
    ctx.fail(`markdown image ${JSON.stringify(url.slice(0, 60))} does not decode: ${(err as Error).message}`);
  }
  const alt = node.alt || url;
  if (/^https?:/i.test(url)) {
    ctx.warn(`external image ${url} is shown as a link: the exported pages load nothing from outside (attach the image to the cell instead)`);
    return { type: 'link', url, title: node.title, children: [{ type: 'text', value: alt }] };
  }
  ctx.warn(`image ${JSON.stringify(url)} is not a cell attachment or data URL and is shown as its text`);
  return { type: 'text', value: alt };
}

/**
 * Makes a parsed markdown tree safe to publish as MDX: raw HTML is shown as text (`<br>` stays a line break), links
 * with schemes other than http(s)/mailto are unwrapped, images become local asset files or links. Changes `tree`.
 */
export function makeSafe(tree: Root, ctx: LessonContext, attachments: Record<string, unknown> = {}): Root {
  let images = 0;
  const visit = (parent: Parents): void => {
    const out: Nodes[] = [];
    for (const child of parent.children as Nodes[]) {
      if (child.type === 'html') {
        if (BR.test(child.value.trim())) out.push({ type: 'break' });
        else out.push({ type: 'text', value: child.value });
        continue;
      }
      if (child.type === 'text' && out[out.length - 1]?.type === 'break') {
        // A source line break right after <br> is not a second break.
        out.push({ ...child, value: child.value.replace(/^[ \t]*\n[ \t]*/, '') });
        continue;
      }
      if (child.type === 'link' && !safeHref(child.url)) {
        ctx.warn(`link to ${JSON.stringify(child.url.slice(0, 60))} removed (only http, https, mailto, anchors and relative links are kept)`);
        visit(child);
        out.push(...(child.children as Nodes[]));
        continue;
      }
      if (child.type === 'definition' && !safeHref(child.url)) child.url = '#';
      if (child.type === 'image') {
        out.push(localImage(child, ctx, attachments, images++));
        continue;
      }
      if (child.type === 'imageReference') {
        ctx.warn('reference-style images are shown as their text; use an inline image with a cell attachment');
        out.push({ type: 'text', value: child.alt ?? '' });
        continue;
      }
      if ('children' in child) visit(child);
      out.push(child);
    }
    (parent as { children: Nodes[] }).children = out;
  };
  visit(tree);
  return tree;
}

/** Plain text of phrasing content (for titles and alt text). */
export function plainText(nodes: PhrasingContent[]): string {
  return nodes.map((n) => toString(n)).join('');
}
