// Displays a Plotly figure from a notebook as one bundle: Plotly JSON, a self-drawing HTML fallback, and a text summary.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { publishDisplay, type MimeBundle } from '../core/display';
import { describeFigure, type Figure } from './figure';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

let plotlyLoadedInSession = false;
let chartCounter = 0;

function plotlyPackageDir(): string {
  return path.dirname(require.resolve('plotly.js-dist/package.json'));
}

/**
 * plotly.js, minified once per installed version and cached under node_modules/.cache (11 MB -> ~4.6 MB),
 * since the fallback embeds it in the first chart of every kernel session.
 */
export function plotlySource(): string {
  const dir = plotlyPackageDir();
  const version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const cacheDir = path.resolve(dir, '..', '.cache', 'ml-interview-notebooks');
  const cached = path.join(cacheDir, `plotly-${version}.min.js`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const source = readFileSync(path.join(dir, 'plotly.js'), 'utf8');
  let minified = source;
  try {
    // esbuild ships with the project (tsx uses it); a missing binary only costs size, never correctness.
    const esbuild = require('esbuild') as typeof import('esbuild');
    minified = esbuild.transformSync(source, { minify: true, legalComments: 'inline' }).code;
  } catch {
    minified = source;
  }
  mkdirSync(cacheDir, { recursive: true });
  const temp = `${cached}.${process.pid}.tmp`;
  writeFileSync(temp, minified);
  renameSync(temp, cached);
  return minified;
}

/** Escapes a string for use inside an inline <script> (no "</script>" or "<!--" can end it early). */
function scriptSafe(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The HTML fallback: a div plus a script that draws the figure with window.Plotly. With `includePlotly` the
 * plotly.js source is embedded (once per session); `define`/`module` are hidden so that classic Notebook's
 * require.js does not capture it and it lands on window.Plotly. Ids are derived from content, never random.
 */
export function figureHtml(fig: Figure, options: { includePlotly: boolean; index: number }): string {
  const json = JSON.stringify(fig);
  const id = `mlin-plot-${createHash('sha256').update(json).digest('hex').slice(0, 12)}-${options.index}`;
  const height = fig.layout.height ?? 420;
  const loader = options.includePlotly
    ? `<script>if (!window.Plotly) { (function (define, module, exports) {\n${plotlySource()}\n}).call(window, undefined, undefined, undefined); }</script>\n`
    : '';
  const draw = `<script>(function () {
  var fig = ${scriptSafe(json)};
  function draw() { window.Plotly.newPlot(document.getElementById(${JSON.stringify(id)}), fig.data, fig.layout, { responsive: true }); }
  if (window.Plotly) { draw(); } else { var t = setInterval(function () { if (window.Plotly) { clearInterval(t); draw(); } }, 50); }
})();</script>`;
  return `${loader}<div id="${id}" style="width:100%;height:${height}px"></div>\n${draw}`;
}

/** The MIME bundle for a figure; the HTML part embeds plotly.js only when `includePlotly` is set. */
export function figureBundle(fig: Figure, options: { includePlotly: boolean; index: number }): MimeBundle {
  return {
    [PLOTLY_MIME]: fig,
    'text/html': figureHtml(fig, options),
    'text/plain': describeFigure(fig),
  };
}

/** Shows a figure as the cell's output. JupyterLab/VS Code render the Plotly JSON; plain front ends run the HTML. */
export function show(fig: Figure): void {
  const includePlotly = !plotlyLoadedInSession;
  publishDisplay(figureBundle(fig, { includePlotly, index: chartCounter++ }));
  plotlyLoadedInSession = true;
}
