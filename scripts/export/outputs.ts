// Turns one code cell's nbformat outputs into MDX component elements (Stream, ErrorOutput, HtmlOutput, ImageOutput, PlotlyChart...).
import path from 'node:path';
import type { BlockContent, DefinitionContent } from 'mdast';
import type { Output } from '../runner/notebook';
import type { LessonContext } from './context';
import { EXTENSION, RASTER_MIME, decodeImage } from './images';
import { makeSafe, parseMarkdown } from './markdown';
import { REPO_ROOT } from './options';
import { element } from './mdx-nodes';
import { sanitizeHtml, sanitizeSvg } from './sanitize';
import { chartSummary } from './chart-summary';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** Which MIME type of a bundle is shown, best first (nbconvert's order, with Plotly JSON ahead of its HTML fallback). */
export const MIME_PRIORITY = [
  PLOTLY_MIME, 'text/html', 'image/svg+xml', 'image/png', 'image/jpeg', 'image/gif', 'image/webp',
  'text/markdown', 'text/latex', 'application/json', 'text/plain',
];

/** Plotly trace types that fetch map tiles or geography from the internet: a page that works offline cannot draw them. */
const ONLINE_TRACES = /^(?:scattergeo|choropleth|scattermapbox|choroplethmapbox|densitymapbox|scattermap|choroplethmap|densitymap)$/;

type Block = BlockContent | DefinitionContent;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Removes ANSI colour and cursor codes (tracebacks and some printers use them). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g, '');
}

/**
 * A traceback as a reader needs it: without the kernel's own stack frames (node internals, tslab) and with paths
 * inside the repository made relative, so an exported page does not show the machine it was built on.
 */
export function cleanTrace(text: string, repoRoot: string = REPO_ROOT): string {
  return text
    .split('\n')
    .filter((line) => !/^\s+at .*(?:\(node:|\bnode:(?:vm|internal)|node_modules[\\/]tslab[\\/]|^\s+at async ZmqServer)/.test(line))
    .join('\n')
    .split(`${repoRoot}${path.sep}`).join('./');
}

function textOf(value: unknown, what: string, ctx: LessonContext): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('');
  return ctx.fail(`malformed output: ${what} must be a string or a list of strings, got ${JSON.stringify(value)?.slice(0, 60)}`);
}

function plainTitle(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : isObject(value) && typeof value.text === 'string' ? value.text : undefined;
  const plain = text?.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
  return plain || undefined;
}

/** Checks a Plotly figure and drops what would load from outside (layout images by URL); returns its JSON text. */
function plotlyJson(value: unknown, ctx: LessonContext): { json: string; title?: string; height?: number } {
  if (!isObject(value) || !Array.isArray(value.data) || !value.data.every(isObject)) {
    ctx.fail('malformed Plotly output: expected an object { data: [traces...], layout: {...} }');
  }
  if (value.layout !== undefined && !isObject(value.layout)) ctx.fail('malformed Plotly output: "layout" must be an object');
  const data = value.data as Record<string, unknown>[];
  const layout = { ...((value.layout as Record<string, unknown> | undefined) ?? {}) };
  for (const trace of data) {
    const type = typeof trace.type === 'string' ? trace.type : 'scatter';
    if (ONLINE_TRACES.test(type)) ctx.fail(`Plotly trace type "${type}" needs map data from the internet; the exported site works offline`);
  }
  // Plotly shows a legend for several traces and calls an unnamed one "trace N": worth a warning, not a failure.
  const unnamed = data.length > 1 ? data.findIndex((t) => t.name === undefined && t.showlegend !== false && t.type !== 'heatmap' && t.type !== 'contour') : -1;
  if (unnamed >= 0) ctx.warn(`Plotly chart ${JSON.stringify(plainTitle(layout.title) ?? 'untitled')}: trace ${unnamed + 1} has no name, so its legend entry reads "trace ${unnamed}"`);
  if (Array.isArray(layout.images)) {
    const kept = layout.images.filter((im) => isObject(im) && typeof im.source === 'string' && /^data:image\//.test(im.source));
    if (kept.length !== layout.images.length) ctx.warn('Plotly layout images loaded from a URL were dropped (only data: URLs are kept)');
    layout.images = kept;
  }
  delete layout.mapbox;
  delete layout.map;
  const figure: Record<string, unknown> = { data, layout };
  if (Array.isArray(value.frames)) figure.frames = value.frames;
  const height = typeof layout.height === 'number' && layout.height > 0 ? layout.height : undefined;
  return { json: `${JSON.stringify(figure)}\n`, title: plainTitle(layout.title), height };
}

/** An image output as an asset file plus an ImageOutput element. */
function imageElement(mime: string, raw: string, bundle: Record<string, unknown>, metadata: Record<string, unknown>, name: string, ctx: LessonContext): Block {
  const alt = describe(bundle, ctx) ?? 'Output image';
  const meta = isObject(metadata[mime]) ? (metadata[mime] as Record<string, unknown>) : {};
  const num = (v: unknown) => (typeof v === 'number' && v > 0 ? Math.round(v) : undefined);
  if (mime === 'image/svg+xml') {
    let svg: string;
    try {
      svg = sanitizeSvg(raw);
    } catch (err) {
      return ctx.fail(`SVG output cannot be used: ${(err as Error).message}`);
    }
    const id = ctx.importAsset(ctx.addAsset(`${name}.svg`, Buffer.from(svg)));
    return element('ImageOutput', { src: { identifier: id }, alt, width: num(meta.width), height: num(meta.height) });
  }
  let img;
  try {
    img = decodeImage(mime, raw);
  } catch (err) {
    return ctx.fail(`${mime} output does not decode: ${(err as Error).message}`);
  }
  const id = ctx.importAsset(ctx.addAsset(`${name}.${EXTENSION[img.format]}`, img.bytes));
  const width = num(meta.width) ?? img.width;
  const height = num(meta.height) ?? (num(meta.width) ? Math.round((img.height * width) / img.width) : img.height);
  return element('ImageOutput', { src: { identifier: id }, alt, width, height });
}

/** The text/plain part of a bundle, when it says more than a default repr. */
function describe(bundle: Record<string, unknown>, ctx: LessonContext): string | undefined {
  if (bundle['text/plain'] === undefined) return undefined;
  const text = textOf(bundle['text/plain'], 'text/plain', ctx).trim();
  if (!text || /^<[\w.]+ object( at 0x[0-9a-f]+)?>$/.test(text)) return undefined;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function markdownElement(text: string, ctx: LessonContext): Block {
  const tree = makeSafe(parseMarkdown(text), ctx);
  return element('MarkdownOutput', {}, tree.children as Block[]);
}

/** A display_data / execute_result output, shown with the first MIME type of MIME_PRIORITY that it has. */
function richOutput(out: Output, name: string, ctx: LessonContext): Block | undefined {
  if (!isObject(out.data)) return ctx.fail(`malformed ${out.output_type} output: "data" must be a MIME bundle object`);
  const bundle = out.data;
  const metadata = isObject(out.metadata) ? out.metadata : {};
  const mime = MIME_PRIORITY.find((m) => bundle[m] !== undefined);
  if (!mime) {
    ctx.warn(`output with only ${Object.keys(bundle).join(', ') || 'no MIME types'} is left out (no supported type)`);
    return undefined;
  }
  const value = bundle[mime];
  if (mime === PLOTLY_MIME) {
    const { json, title, height } = plotlyJson(value, ctx);
    const id = ctx.importAsset(ctx.addAsset(`${name}.json`, Buffer.from(json)));
    // The summary is for screen readers (the chart hides it on screen): written from the figure, not the kernel's text/plain.
    return element('PlotlyChart', { figure: { identifier: id }, title, height, summary: chartSummary(value) ?? describe(bundle, ctx) });
  }
  if (mime === 'application/json') {
    return element('Stream', { name: 'result', text: `${JSON.stringify(value, null, 2)}\n` });
  }
  const text = textOf(value, mime, ctx);
  if (mime === 'text/html') {
    const html = sanitizeHtml(text);
    if (html === '') {
      const fallback = describe(bundle, ctx);
      return fallback ? element('Stream', { name: 'result', text: fallback }) : undefined;
    }
    return element('HtmlOutput', { html });
  }
  if (mime === 'image/svg+xml' || mime in RASTER_MIME) return imageElement(mime, text, bundle, metadata, name, ctx);
  if (mime === 'text/markdown') return markdownElement(text, ctx);
  if (mime === 'text/latex') {
    const tex = text.trim().replace(/^\$\$([\s\S]*)\$\$$/, '$1').replace(/^\$([\s\S]*)\$$/, '$1').trim();
    return element('MarkdownOutput', {}, [{ type: 'math', value: tex }]);
  }
  return element('Stream', { name: 'result', text: stripAnsi(text) });
}

/**
 * MDX elements for a code cell's outputs. An `error` output (this project's kernel, Python kernels) becomes an
 * ErrorOutput with its name, message and traceback (colours removed, kernel frames dropped); `expectsError` is the
 * cell's `raises-exception` tag. Stock tslab sends no `error` message, only stderr text, so for such a cell without
 * an error output the last stderr stream is shown as the (expected) error.
 */
export function outputElements(outputs: unknown, cellNumber: number, expectsError: boolean, ctx: LessonContext): Block[] {
  if (outputs === undefined) return [];
  if (!Array.isArray(outputs)) return ctx.fail('malformed cell: "outputs" must be a list');
  const blocks: Block[] = [];
  const hasError = outputs.some((o) => isObject(o) && o.output_type === 'error');
  const lastStderr = expectsError && !hasError
    ? outputs.map((o, i) => (isObject(o) && o.output_type === 'stream' && o.name === 'stderr' ? i : -1)).filter((i) => i >= 0).pop()
    : undefined;
  outputs.forEach((raw: unknown, k) => {
    if (!isObject(raw) || typeof raw.output_type !== 'string') return ctx.fail(`malformed output ${k + 1}: not an object with an "output_type"`);
    const out = raw as Output;
    const name = `${cellNumber}-${k + 1}`;
    switch (out.output_type) {
      case 'stream': {
        if (out.name !== 'stdout' && out.name !== 'stderr') ctx.fail(`malformed stream output ${k + 1}: "name" must be "stdout" or "stderr"`);
        const text = stripAnsi(textOf(out.text, 'stream text', ctx));
        if (text === '') return;
        const prev = blocks[blocks.length - 1];
        if (k === lastStderr) {
          // tslab prints "Error: message" after the source excerpt, or "line:col - message" for a type error.
          const named = /^((?:[A-Za-z_$][\w$]*)?(?:Error|Exception)): (.*)$/m.exec(text);
          const evalue = named ? named[2] : text.trim().split('\n')[0];
          blocks.push(element('ErrorOutput', { ename: named?.[1], evalue, traceback: cleanTrace(text), expected: true }));
        } else if (prev?.type === 'mdxJsxFlowElement' && prev.name === 'Stream' && streamName(prev) === out.name) {
          appendStream(prev, text);
        } else {
          blocks.push(element('Stream', { name: String(out.name), text }));
        }
        return;
      }
      case 'error': {
        const ename = typeof out.ename === 'string' ? out.ename : ctx.fail(`malformed error output ${k + 1}: "ename" must be a string`);
        const evalue = typeof out.evalue === 'string' ? out.evalue : ctx.fail(`malformed error output ${k + 1}: "evalue" must be a string`);
        const tb = out.traceback === undefined ? [] : Array.isArray(out.traceback) && out.traceback.every((l) => typeof l === 'string')
          ? (out.traceback as string[]) : ctx.fail(`malformed error output ${k + 1}: "traceback" must be a list of strings`);
        blocks.push(element('ErrorOutput', { ename, evalue: stripAnsi(evalue), traceback: cleanTrace(stripAnsi(tb.join('\n'))) || undefined, expected: expectsError || undefined }));
        return;
      }
      case 'display_data':
      case 'execute_result': {
        const block = richOutput(out, name, ctx);
        if (block) blocks.push(block);
        return;
      }
      default:
        return ctx.fail(`malformed output ${k + 1}: unknown output_type ${JSON.stringify(out.output_type)}`);
    }
  });
  return blocks;
}

function streamName(el: { attributes: unknown[] }): string | undefined {
  for (const a of el.attributes) if (isObject(a) && a.name === 'name' && typeof a.value === 'string') return a.value;
  return undefined;
}

/** Joins consecutive chunks of one stream, as Jupyter front ends show them. */
function appendStream(el: ReturnType<typeof element>, more: string): void {
  const i = el.attributes.findIndex((a) => a.type === 'mdxJsxAttribute' && a.name === 'text');
  const attr = el.attributes[i];
  if (attr.type !== 'mdxJsxAttribute') return;
  const current = typeof attr.value === 'string' ? attr.value : attr.value ? (JSON.parse(attr.value.value) as string) : '';
  el.attributes[i] = element('X', { text: current + more }).attributes[0];
}
