// PlotlyChart for React blogs (Docusaurus, Next.js): plotly.js comes lazily from a script URL, fetched once and only by pages with a chart.
'use client';

import { createElement as h } from 'react';
import { PlotlyChart as Chart, setPlotlyLoader, type PlotlyChartProps, type PlotlyLike } from './plotly-chart';

let src = '/nb/plotly.min.js';
let loading: Promise<PlotlyLike> | undefined;

/** Where plotly.js is served (default `/nb/plotly.min.js`; prefix the site's base path if it has one). */
export function setPlotlySrc(url: string): void {
  src = url;
}

function loadPlotlyScript(): Promise<PlotlyLike> {
  const g = globalThis as { Plotly?: PlotlyLike };
  if (g.Plotly) return Promise.resolve(g.Plotly);
  loading ??= new Promise<PlotlyLike>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.async = true;
    s.onload = () => (g.Plotly ? resolve(g.Plotly) : reject(new Error(`${src} did not define window.Plotly`)));
    s.onerror = () => {
      loading = undefined;
      reject(new Error(`plotly.js did not load from ${src}`));
    };
    document.head.appendChild(s);
  });
  return loading;
}

setPlotlyLoader(loadPlotlyScript);

/** The site's chart component, drawn by its effect after hydration with the plotly.js loaded above. */
export function PlotlyChart(props: PlotlyChartProps) {
  return h(Chart, props);
}
