// Plotly figures built from typed data: the trace and layout subset the lessons use, plus small builders.

export type Numeric = ArrayLike<number>;

interface TraceBase {
  name?: string;
  showlegend?: boolean;
  hovertemplate?: string;
  opacity?: number;
}

export interface ScatterTrace extends TraceBase {
  type: 'scatter';
  x: number[] | string[];
  y: number[];
  mode?: 'lines' | 'markers' | 'lines+markers' | 'text' | 'markers+text';
  text?: string[];
  line?: { color?: string; width?: number; dash?: 'solid' | 'dash' | 'dot' | 'dashdot' };
  marker?: { color?: string | number[]; size?: number | number[]; colorscale?: string; symbol?: string; showscale?: boolean };
  fill?: 'none' | 'tozeroy' | 'tonexty';
  xaxis?: string;
  yaxis?: string;
}

export interface BarTrace extends TraceBase { type: 'bar'; x: (string | number)[]; y: number[]; marker?: { color?: string | string[] } }
export interface HistogramTrace extends TraceBase { type: 'histogram'; x: number[]; nbinsx?: number; histnorm?: '' | 'probability' | 'probability density' }
export interface HeatmapTrace extends TraceBase {
  type: 'heatmap';
  z: number[][];
  x?: (string | number)[];
  y?: (string | number)[];
  colorscale?: string;
  zmin?: number; zmax?: number;
  showscale?: boolean;
  text?: string[][];
  texttemplate?: string;
}
export interface ContourTrace extends TraceBase { type: 'contour'; z: number[][]; x?: number[]; y?: number[]; colorscale?: string; ncontours?: number; showscale?: boolean; contours?: { coloring?: 'fill' | 'lines' | 'heatmap'; showlabels?: boolean } }

export type Trace = ScatterTrace | BarTrace | HistogramTrace | HeatmapTrace | ContourTrace;

export interface Axis { title?: { text: string }; type?: 'linear' | 'log' | 'category'; range?: [number, number]; scaleanchor?: string; zeroline?: boolean; domain?: [number, number]; anchor?: string; automargin?: boolean }

export interface Layout {
  title?: { text: string };
  xaxis?: Axis; yaxis?: Axis; xaxis2?: Axis; yaxis2?: Axis;
  width?: number; height?: number;
  showlegend?: boolean;
  barmode?: 'group' | 'stack' | 'overlay';
  margin?: { l?: number; r?: number; t?: number; b?: number };
  legend?: { orientation?: 'h' | 'v'; x?: number; y?: number };
  annotations?: { x: number; y: number; text: string; showarrow?: boolean; xref?: string; yref?: string }[];
  grid?: { rows: number; columns: number; pattern?: 'independent' | 'coupled' };
}

/** A Plotly figure: what `application/vnd.plotly.v1+json` carries. */
export interface Figure { data: Trace[]; layout: Layout }

/**
 * Rounds to 6 significant digits: charts need no more, and it keeps outputs small and stable across
 * backends whose last bits differ.
 */
export function roundForPlot(values: Numeric): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
  }
  return out;
}

function checkSameLength(x: Numeric, y: Numeric, what: string): void {
  if (x.length !== y.length) throw new RangeError(`${what}: expected x and y of the same length, got ${x.length} and ${y.length}`);
}

export interface SeriesSpec { name?: string; x: Numeric; y: Numeric; mode?: ScatterTrace['mode']; dash?: 'solid' | 'dash' | 'dot' }

/**
 * Titles and names are Plotly text: write real symbols (σ², λ, ‖w‖) or Plotly's <sup>/<sub> tags, not `sigma^2`.
 * `name` names the single trace of a one-trace chart, so that overlaying it on another figure gives a legend entry
 * that says what it is instead of Plotly's "trace 0".
 */
export interface ChartOptions { title?: string; xTitle?: string; yTitle?: string; logY?: boolean; logX?: boolean; width?: number; height?: number; name?: string }

function layoutFrom(o: ChartOptions): Layout {
  const layout: Layout = { margin: { t: o.title ? 50 : 20, r: 20 } };
  if (o.title) layout.title = { text: o.title };
  // automargin: tick labels and axis titles get the room they need (category labels such as "true Chinstrap" were clipped).
  layout.xaxis = { automargin: true, ...(o.xTitle ? { title: { text: o.xTitle } } : {}), ...(o.logX ? { type: 'log' as const } : {}) };
  layout.yaxis = { automargin: true, ...(o.yTitle ? { title: { text: o.yTitle } } : {}), ...(o.logY ? { type: 'log' as const } : {}) };
  if (o.width) layout.width = o.width;
  if (o.height) layout.height = o.height;
  return layout;
}

/** Line chart: one trace per series. */
export function lineChart(series: SeriesSpec[], options: ChartOptions = {}): Figure {
  const data: Trace[] = series.map((s, i) => {
    checkSameLength(s.x, s.y, `series ${s.name ?? i}`);
    return { type: 'scatter', mode: s.mode ?? 'lines', name: s.name, x: roundForPlot(s.x), y: roundForPlot(s.y), ...(s.dash ? { line: { dash: s.dash } } : {}) };
  });
  return { data, layout: layoutFrom(options) };
}

export interface GroupedPoints { x: Numeric; y: Numeric; labels?: ArrayLike<number | string>; labelNames?: string[] }

/** Scatter plot, one trace per label so the legend names the groups. */
export function scatterChart(points: GroupedPoints, options: ChartOptions = {}): Figure {
  checkSameLength(points.x, points.y, 'scatterChart');
  const { x, y, labels } = points;
  if (!labels) {
    return { data: [{ type: 'scatter', mode: 'markers', ...(options.name ? { name: options.name } : {}), x: roundForPlot(x), y: roundForPlot(y), marker: { size: 6 } }], layout: layoutFrom(options) };
  }
  if (labels.length !== x.length) throw new RangeError(`scatterChart: expected ${x.length} labels, got ${labels.length}`);
  const groups = new Map<string, { x: number[]; y: number[] }>();
  for (let i = 0; i < x.length; i++) {
    const raw = labels[i];
    const key = typeof raw === 'number' && points.labelNames ? points.labelNames[raw] ?? String(raw) : String(raw);
    let g = groups.get(key);
    if (!g) { g = { x: [], y: [] }; groups.set(key, g); }
    g.x.push(x[i]); g.y.push(y[i]);
  }
  const data: Trace[] = [...groups.entries()].map(([name, g]) => ({ type: 'scatter', mode: 'markers', name, x: roundForPlot(g.x), y: roundForPlot(g.y), marker: { size: 6 } }));
  return { data, layout: layoutFrom(options) };
}

/** Bar chart of named values. */
export function barChart(categories: (string | number)[], values: Numeric, options: ChartOptions = {}): Figure {
  if (categories.length !== values.length) throw new RangeError(`barChart: expected ${categories.length} values, got ${values.length}`);
  return { data: [{ type: 'bar', ...(options.name ? { name: options.name } : {}), x: categories, y: roundForPlot(values) }], layout: layoutFrom(options) };
}

/** Heatmap of a row-major matrix (rows x cols). */
export function heatmapChart(z: ArrayLike<number>[], options: ChartOptions & { x?: (string | number)[]; y?: (string | number)[]; colorscale?: string; annotate?: boolean } = {}): Figure {
  const rows = z.map((row) => roundForPlot(row));
  const trace: HeatmapTrace = { type: 'heatmap', ...(options.name ? { name: options.name } : {}), z: rows, colorscale: options.colorscale ?? 'Viridis' };
  if (options.x) trace.x = options.x;
  if (options.y) trace.y = options.y;
  if (options.annotate) { trace.text = rows.map((r) => r.map((v) => String(v))); trace.texttemplate = '%{text}'; }
  return { data: [trace], layout: layoutFrom(options) };
}

/** Adds traces of another figure (e.g. a decision boundary under a scatter) and returns a new figure. */
export function overlay(base: Figure, ...others: Figure[]): Figure {
  return { data: [...base.data, ...others.flatMap((f) => f.data)], layout: base.layout };
}

/** One-line description used as the text/plain fallback. */
export function describeFigure(fig: Figure): string {
  const kinds = new Map<string, number>();
  let points = 0;
  for (const t of fig.data) {
    kinds.set(t.type, (kinds.get(t.type) ?? 0) + 1);
    if ('y' in t && Array.isArray(t.y)) points += t.y.length;
    else if ('x' in t && Array.isArray(t.x)) points += t.x.length;
    else if ('z' in t) points += t.z.reduce((s, r) => s + r.length, 0);
  }
  // Plotly's <sup>/<sub>/<br> tags are markup for the chart, not text for a one-line summary.
  const plain = fig.layout.title?.text?.replace(/<br\s*\/?>/gi, ' ').replace(/<\/?(?:sub|sup|b|i|em|strong|s|u|span|a)\b[^>]*>/gi, '');
  const title = plain ? `"${plain}"` : 'untitled';
  const traces = [...kinds.entries()].map(([k, n]) => `${n} ${k}`).join(', ');
  return `Plotly figure ${title}: ${fig.data.length} trace${fig.data.length === 1 ? '' : 's'} (${traces}), ${points} points`;
}
