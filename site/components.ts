// React components for notebook outputs in the exported MDX: a React blog imports these; the static site renders with them too.
//
// Usage in a blog (Docusaurus, Next.js, Astro with MDX): pass `components` to the MDX content, e.g.
//   import { components, setPlotlyLoader } from './components';
//   setPlotlyLoader(() => import('plotly.js-dist-min'));   // or leave window.Plotly to a <script> tag
//   <Content components={components} />
// The MDX needs remark-math + rehype-katex (and katex's CSS) for its $...$ math, and remark-gfm for tables.
import { createElement as h, useEffect, useRef, type ComponentType, type ReactNode } from 'react';

/** A Plotly figure as the notebook produced it (`application/vnd.plotly.v1+json`). */
export interface PlotlyFigure {
  data: object[];
  layout?: Record<string, unknown>;
  frames?: object[];
}

/** What `setPlotlyLoader` must provide: the part of plotly.js the chart component uses. */
export interface PlotlyLike {
  newPlot(root: HTMLElement, data: object[], layout?: object, config?: object): Promise<unknown>;
  purge(root: HTMLElement): void;
}

type PlotlyModule = PlotlyLike | { default: PlotlyLike };

let loadPlotly: () => Promise<PlotlyModule | undefined> = async () => (globalThis as { Plotly?: PlotlyLike }).Plotly;

/** Tells PlotlyChart how to get plotly.js in the browser, e.g. `() => import('plotly.js-dist-min')`. Default: `window.Plotly`. */
export function setPlotlyLoader(loader: () => Promise<PlotlyModule | undefined>): void {
  loadPlotly = loader;
}

/** Escapes JSON for an inline `<script type="application/json">`: nothing in it can close the element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface StreamProps {
  /** `stdout`, `stderr`, or `result` (the text of a cell's value or of a text-only display). */
  name: string;
  text: string;
}

/** Text a cell printed (stdout/stderr) or returned (result), shown as preformatted text. */
export function Stream({ name, text }: StreamProps) {
  const kind = name === 'stderr' ? 'stderr' : name === 'result' ? 'result' : 'stdout';
  return h('pre', { className: `nb-output nb-stream nb-${kind}`, 'aria-label': kind === 'stderr' ? 'Error stream' : 'Output' }, h('code', null, text));
}

export interface ErrorOutputProps {
  ename?: string;
  evalue?: string;
  traceback?: string;
  /** The cell is tagged `raises-exception`: it fails on purpose. */
  expected?: boolean;
}

/** An error a cell raised: name and message, then the traceback text. */
export function ErrorOutput({ ename, evalue, traceback, expected }: ErrorOutputProps) {
  const heading = [ename, evalue].filter(Boolean).join(': ');
  return h(
    'div',
    { className: `nb-output nb-error${expected ? ' nb-error-expected' : ''}`, role: 'note' },
    expected ? h('p', { className: 'nb-error-label' }, 'This cell fails on purpose:') : null,
    heading && !traceback?.trim().startsWith(heading.trim()) ? h('p', { className: 'nb-error-title' }, heading) : null,
    traceback ? h('pre', null, h('code', null, traceback)) : null,
  );
}

export interface HtmlOutputProps {
  /** HTML that the exporter has already sanitized (no scripts, handlers, javascript: URLs or external loads). */
  html: string;
}

/** Rich HTML output (tables and the like). The exporter sanitizes it when writing the MDX. */
export function HtmlOutput({ html }: HtmlOutputProps) {
  return h('div', { className: 'nb-output nb-html', dangerouslySetInnerHTML: { __html: html } });
}

export interface ImageOutputProps {
  /**
   * The imported image as the blog's bundler gives it: a URL string (Docusaurus PNGs, the static site), an object
   * with `src` (Next.js, Astro), or a React component (Docusaurus turns imported .svg files into components).
   */
  src: string | { src: string } | ComponentType<Record<string, unknown>>;
  alt?: string;
  width?: number;
  height?: number;
}

/** An image output (PNG, JPEG, GIF, WebP or sanitized SVG), stored as a file next to the MDX. */
export function ImageOutput({ src, alt, width, height }: ImageOutputProps) {
  if (typeof src === 'function') return h(src, { className: 'nb-output nb-image', role: 'img', 'aria-label': alt ?? 'Output image', width, height });
  const url = typeof src === 'string' ? src : src.src;
  return h('img', { className: 'nb-output nb-image', src: url, alt: alt ?? 'Output image', width, height, decoding: 'async' });
}

export interface PlotlyChartProps {
  figure: PlotlyFigure;
  title?: string;
  /** One-line text summary of the chart (also what a reader without JavaScript sees). */
  summary?: string;
  /** Height in pixels (the layout's, else 420). */
  height?: number;
}

/**
 * An interactive Plotly chart. The figure is embedded as JSON in the markup, so the static site's script (or any
 * script) can draw it without React; in a React app the effect draws it with the plotly.js from setPlotlyLoader.
 */
export function PlotlyChart({ figure, title, summary, height }: PlotlyChartProps) {
  const plot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = plot.current;
    if (!el) return undefined;
    let cancelled = false;
    let drawn: PlotlyLike | undefined;
    void loadPlotly().then((mod) => {
      const plotly = mod && 'default' in mod ? mod.default : mod;
      if (cancelled || !plotly) return;
      drawn = plotly;
      const layout = { ...(figure.layout ?? {}), width: undefined, autosize: true };
      return plotly.newPlot(el, figure.data, layout, { responsive: true, displaylogo: false });
    });
    return () => {
      cancelled = true;
      drawn?.purge(el);
    };
  }, [figure]);
  return h(
    'figure',
    { className: 'nb-output nb-plotly', 'aria-label': title ?? 'Chart' },
    h('div', { className: 'nb-plotly-plot', ref: plot, style: { height: `${height ?? 420}px` } }),
    h('script', { type: 'application/json', className: 'nb-plotly-data', dangerouslySetInnerHTML: { __html: scriptSafeJson(figure) } }),
    summary ? h('figcaption', { className: 'nb-plotly-summary' }, summary) : null,
  );
}

/** Markdown (or LaTeX) that a cell displayed; its content is ordinary MDX prose. */
export function MarkdownOutput({ children }: { children?: ReactNode }) {
  return h('div', { className: 'nb-output nb-markdown' }, children);
}

/** A hidden cell (an exercise's solution): collapsed until the reader opens it. */
export function Solution({ children, summary }: { children?: ReactNode; summary?: string }) {
  return h('details', { className: 'nb-solution' }, h('summary', null, summary ?? 'Solution'), children);
}

/** Every component the exported MDX uses, by the name it uses. */
export const components = { Stream, ErrorOutput, HtmlOutput, ImageOutput, PlotlyChart, MarkdownOutput, Solution };
