// A chart's text summary for screen readers: what kind of chart, its title, what the axes measure and which series it shows.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Plotly text (which may hold <sub>, <sup>, <br>, <b>) as plain text. */
export function plainText(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : isObject(value) && typeof value.text === 'string' ? value.text : undefined;
  const plain = text
    ?.replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return plain || undefined;
}

function kindOf(trace: Record<string, unknown>): string {
  const type = typeof trace.type === 'string' ? trace.type : 'scatter';
  if (type === 'scatter' || type === 'scattergl') {
    const mode = typeof trace.mode === 'string' ? trace.mode : 'lines';
    return mode.includes('lines') ? 'line chart' : 'scatter plot';
  }
  const names: Record<string, string> = {
    bar: 'bar chart', histogram: 'histogram', heatmap: 'heatmap', contour: 'contour plot', box: 'box plot',
    violin: 'violin plot', pie: 'pie chart', image: 'image', histogram2d: '2-D histogram',
  };
  return names[type] ?? `${type} chart`;
}

function axisPart(layout: Record<string, unknown>, key: string, side: string): string | undefined {
  const axis = isObject(layout[key]) ? layout[key] : undefined;
  const title = axis ? plainText(axis.title) : undefined;
  if (!title) return undefined;
  return `${side}: ${title}${axis?.type === 'log' ? ' (log scale)' : ''}`;
}

function list(items: string[], max: number): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/**
 * One or two sentences a screen reader can read in place of the chart, e.g. "Line chart: Training loss. Horizontal
 * axis: epoch; vertical axis: loss (log scale). Series: train, validation." Undefined for something that is not a
 * figure.
 */
export function chartSummary(figure: unknown): string | undefined {
  if (!isObject(figure) || !Array.isArray(figure.data)) return undefined;
  const traces = figure.data.filter(isObject);
  const layout = isObject(figure.layout) ? figure.layout : {};
  const kinds = [...new Set(traces.map(kindOf))];
  const kind = kinds.length === 0 ? 'Empty chart' : kinds.join(' and ');
  const title = plainText(layout.title);
  const sentences = [`${kind.charAt(0).toUpperCase()}${kind.slice(1)}${title ? `: ${title}` : ''}.`];
  const axes = [axisPart(layout, 'xaxis', 'horizontal axis'), axisPart(layout, 'yaxis', 'vertical axis')].filter((a): a is string => a !== undefined);
  if (axes.length) sentences.push(`${axes.join('; ').replace(/^h|^v/, (c) => c.toUpperCase())}.`);
  const names = traces.filter((t) => t.showlegend !== false).map((t) => plainText(t.name)).filter((n): n is string => n !== undefined);
  if (names.length > 1 || (names.length === 1 && traces.length > 1)) sentences.push(`Series: ${list([...new Set(names)], 8)}.`);
  const heat = traces.find((t) => t.type === 'heatmap' && Array.isArray(t.z));
  if (heat && traces.length === 1) {
    const z = heat.z as unknown[];
    const cols = Array.isArray(z[0]) ? (z[0] as unknown[]).length : 0;
    sentences.push(`${z.length} rows, ${cols} columns.`);
  }
  return sentences.join(' ');
}
