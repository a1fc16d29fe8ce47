// The interactive Plotly chart component (a client component: it draws in the browser); its figure JSON is embedded in the markup.
'use client';

import { createElement as h, useEffect, useRef } from 'react';

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

/** Hidden on screen, read by screen readers; inline, so it holds in any blog without a stylesheet. */
const VISUALLY_HIDDEN = { position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 } as const;

export interface PlotlyChartProps {
  figure: PlotlyFigure;
  title?: string;
  /** Text summary of the chart for screen readers (visually hidden: the chart itself is what a sighted reader sees). */
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
    summary ? h('figcaption', { className: 'nb-plotly-summary', style: VISUALLY_HIDDEN }, summary) : null,
  );
}
