// React components for notebook outputs in the exported MDX: a React blog imports these; the static site renders with them too.
//
// Usage in a blog (Docusaurus, Next.js, Astro with MDX): copy this file and plotly-chart.ts next to each other, and pass
// `components` to the MDX content (Docusaurus: src/theme/MDXComponents; Next.js: mdx-components.tsx; Astro:
// <Content components={components} />). PlotlyChart is a client component ('use client'); it draws with window.Plotly,
// or with what `setPlotlyLoader(() => import('plotly.js-dist-min'))` provides (call it from client code).
// The MDX needs remark-frontmatter, remark-gfm, remark-math + rehype-katex (and KaTeX's CSS).
import { createElement as h, type ComponentType, type ReactNode } from 'react';
import { PlotlyChart } from './plotly-chart';

export { PlotlyChart, setPlotlyLoader, scriptSafeJson, type PlotlyChartProps, type PlotlyFigure, type PlotlyLike } from './plotly-chart';

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
