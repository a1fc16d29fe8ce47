// Displays a Plotly figure from a notebook as one bundle: Plotly JSON, a self-drawing HTML fallback, and a text summary.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { publishDisplay, type MimeBundle } from '../core/display';
import { describeFigure, type Figure } from './figure';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** How long a chart waits for plotly.js before it says in the output why it is not drawn. */
export const DEFAULT_LOAD_TIMEOUT_MS = 20_000;

/**
 * The project kernelspec's name (scripts/runner/kernel.ts KERNEL_NAME; a test checks they agree). Every Jupyter server
 * serves the files of an installed kernelspec at `<base>kernelspecs/<name>/<file>`, and `npm run kernel:install`
 * puts plotly.js there, so a chart can load it whichever folder the server was started in.
 */
export const KERNELSPEC_NAME = 'ml-interview-notebooks';

let chartCounter = 0;

function plotlyPackageDir(): string {
  return path.dirname(require.resolve('plotly.js-dist/package.json'));
}

/** The plotly.js file a browser loads, as a path below the nearest `node_modules` (Node's resolution, mirrored in the page). */
export function plotlyModulePath(): string {
  const file = path.join(plotlyPackageDir(), 'plotly.js');
  const parts = file.split(path.sep);
  const i = parts.lastIndexOf('node_modules');
  return parts.slice(i).join('/');
}

/**
 * plotly.js as seen from the kernel's working directory, with '/' separators. Jupyter starts kernels in the
 * notebook's folder, so in a page this is the exact URL path from the notebook's folder; a kernel started elsewhere
 * only costs the page one failed request before it walks up the notebook's folders.
 */
function plotlyFromKernelDir(): string {
  return path.relative(process.cwd(), path.join(plotlyPackageDir(), 'plotly.js')).split(path.sep).join('/');
}

function plotlyVersion(): string {
  return (JSON.parse(readFileSync(path.join(plotlyPackageDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The name of the minified plotly.js that `npm run kernel:install` writes beside the kernelspec (versioned, so a stale install is never used). */
export function plotlyKernelspecFile(): string {
  return `plotly-${plotlyVersion()}.min.js`;
}

/**
 * plotly.js, minified once per installed version and cached under node_modules/.cache (11 MB -> ~4.6 MB): the
 * static site and the kernelspec serve it, and `show(fig, { embedPlotly: true })` embeds it in a chart.
 */
export function plotlySource(): string {
  const dir = plotlyPackageDir();
  const version = plotlyVersion();
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

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What every chart says before its script runs; it stays when scripts never run (untrusted notebook, GitHub). */
const NO_SCRIPT_NOTE = 'This chart is drawn in the page by JavaScript (plotly.js). If this text stays, scripts did not run here: '
  + 'trust the notebook (classic Notebook: File &gt; Trust Notebook; JupyterLab: the "Trust Notebook" command) and rerun the cell, '
  + 'or open it in JupyterLab with jupyterlab-plotly or in VS Code, which draw the chart from its Plotly JSON.';

/** What a chart says when plotly.js could not be had; `%TRIED%` becomes the list of URLs tried. */
const HOW_TO_DRAW = 'To draw it: run npm run kernel:install in the repository (it puts plotly.js beside the kernelspec, where every Jupyter '
  + 'server serves it), or start Jupyter in the repository\'s folder or a folder above it, then rerun the cell; in JupyterLab, install jupyterlab-plotly '
  + '(pip install plotly) and reload; anywhere else, rerun the cell with show(fig, { embedPlotly: true }), which puts plotly.js (4.6 MB) '
  + 'into this output.';

/**
 * The page-side loader, shared by every chart of a page through `window.__mlinPlotly` (one load, one promise). In a
 * Jupyter page (classic Notebook's body data attributes, or the `jupyter-config-data` of JupyterLab and Notebook 7)
 * it loads plotly.js from the server: first the copy beside the kernelspec, then through the files route from the
 * kernel's folder as seen from the notebook, then from `node_modules` in the notebook's folder and each folder above
 * it, as Node resolves a package (a server started in or above the repository). Outside a Jupyter page it fails at
 * once. A failed load is forgotten, so rerunning a cell tries again.
 */
const PAGE_LOADER = String.raw`function mlinLoadPlotly(kernelspecFile, fromKernel, modulePath) {
  var w = window;
  if (w.Plotly) return Promise.resolve(w.Plotly);
  if (w.__mlinPlotly) return w.__mlinPlotly;
  function dec(s) { try { return decodeURIComponent(s); } catch (e) { return s; } }
  var base = null, nb = null, body = document.body;
  if (body && body.getAttribute('data-base-url') !== null) {
    base = dec(body.getAttribute('data-base-url'));
    nb = body.getAttribute('data-notebook-path');
    nb = nb === null ? null : dec(nb);
  } else {
    var cfg = document.getElementById('jupyter-config-data');
    if (cfg) { try { base = JSON.parse(cfg.textContent).baseUrl || null; } catch (e) { base = null; } }
  }
  if (base !== null && nb === null) {
    var m = /\/(?:lab(?:\/workspaces\/[^/]+)?\/tree|notebooks|doc\/tree|tree)\/(.+\.ipynb)$/.exec(dec(location.pathname));
    nb = m ? m[1] : '';
  }
  if (base === null) {
    return Promise.reject(new Error('this page is not a Jupyter page, so there is no server to load plotly.js from'));
  }
  if (base.charAt(base.length - 1) !== '/') base += '/';
  var dir = nb ? nb.split('/').slice(0, -1) : [];
  function join(parts) {
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] === '..') { if (!out.length) return null; out.pop(); }
      else if (parts[i] !== '.' && parts[i] !== '') out.push(parts[i]);
    }
    return base + 'files/' + out.map(encodeURIComponent).join('/');
  }
  var urls = [], seen = {};
  function add(u) { if (u && !seen[u]) { seen[u] = true; urls.push(u); } }
  add(base + 'kernelspecs/' + kernelspecFile);
  add(join(dir.concat(fromKernel.split('/'))));
  for (var k = dir.length; k >= 0; k--) add(join(dir.slice(0, k).concat(modulePath.split('/'))));
  var p = new Promise(function (resolve, reject) {
    var i = 0;
    function next() {
      if (w.Plotly) return resolve(w.Plotly);
      if (i >= urls.length) return reject(new Error('plotly.js could not be loaded from the Jupyter server (tried ' + urls.join(', ') + ')'));
      var s = document.createElement('script');
      s.src = urls[i++];
      s.onload = next;
      s.onerror = next;
      document.head.appendChild(s);
    }
    next();
  });
  w.__mlinPlotly = p;
  p.then(null, function () { if (w.__mlinPlotly === p) w.__mlinPlotly = undefined; });
  return p;
}`;

export interface FigureHtmlOptions {
  /** Numbers the charts of a session, so that two outputs of the same figure get different element ids. */
  index: number;
  /** Puts plotly.js itself (about 4.6 MB minified) into the output, for pages with no Jupyter server behind them. */
  embedPlotly?: boolean;
  /** How long the chart waits for plotly.js before it explains, in the output, why it is not drawn. */
  loadTimeoutMs?: number;
}

/**
 * The HTML fallback: a note, a plot div and a script. The script draws with the page's plotly.js, loading it from the
 * Jupyter server when the page has none (a reopened notebook or a second tab: `window.Plotly` belongs to the page,
 * not to the kernel session). It never waits forever: when plotly.js cannot be had within `loadTimeoutMs`, the note
 * says why and how to make the chart draw. The note is there before any script runs, so a page that runs no scripts
 * shows it too. Ids are derived from content and the chart's number, never random.
 */
export function figureHtml(fig: Figure, options: FigureHtmlOptions): string {
  const json = JSON.stringify(fig);
  const id = `mlin-plot-${createHash('sha256').update(json).digest('hex').slice(0, 12)}-${options.index}`;
  const height = fig.layout.height ?? 420;
  const timeout = options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  if (!Number.isFinite(timeout) || timeout <= 0) throw new RangeError(`expected loadTimeoutMs > 0, got loadTimeoutMs = ${timeout}`);
  const embedded = options.embedPlotly
    ? `<script>if (!window.Plotly) { (function (define, module, exports) {\n${plotlySource()}\n}).call(window, undefined, undefined, undefined); }</script>\n`
    : '';
  const draw = `<script>(function () {
  var fig = ${scriptSafe(json)};
  var root = document.getElementById(${JSON.stringify(id)});
  if (!root) return;
  var note = root.querySelector('.mlin-chart-note'), plot = root.querySelector('.mlin-chart-plot'), done = false;
  function say(text) { note.textContent = text; note.style.display = ''; }
  function fail(why) { if (!done) say('This chart was not drawn: ' + why + '. ' + ${JSON.stringify(HOW_TO_DRAW)}); }
  function draw(P) {
    if (done) return;
    done = true;
    note.style.display = 'none';
    plot.style.height = '${height}px';
    function broken(e) { plot.style.height = ''; say('This chart was not drawn: plotly.js failed with ' + e + '.'); }
    try { Promise.resolve(P.newPlot(plot, fig.data, fig.layout, { responsive: true })).then(null, broken); } catch (e) { broken(e); }
  }
  ${PAGE_LOADER}
  say('Loading plotly.js to draw this chart...');
  var timer = setTimeout(function () { fail('plotly.js did not load within ${Math.round(timeout / 1000)} s'); }, ${timeout});
  mlinLoadPlotly(${JSON.stringify(`${KERNELSPEC_NAME}/${plotlyKernelspecFile()}`)}, ${JSON.stringify(plotlyFromKernelDir())}, ${JSON.stringify(plotlyModulePath())}).then(function (P) {
    clearTimeout(timer);
    draw(P);
  }, function (e) {
    clearTimeout(timer);
    fail(e.message);
  });
})();</script>`;
  const note = `<div class="mlin-chart-note" style="padding:0.5em;border:1px dashed #999;font-size:90%">${escapeHtml(describeFigure(fig))}. ${NO_SCRIPT_NOTE}</div>`;
  return `${embedded}<div id="${id}" class="mlin-chart">${note}<div class="mlin-chart-plot" style="width:100%"></div></div>\n${draw}`;
}

/** The MIME bundle for a figure: Plotly JSON, the HTML fallback and a one-line text summary. */
export function figureBundle(fig: Figure, options: FigureHtmlOptions): MimeBundle {
  return {
    [PLOTLY_MIME]: fig,
    'text/html': figureHtml(fig, options),
    'text/plain': describeFigure(fig),
  };
}

export interface ShowOptions {
  /** Embed plotly.js in this output (4.6 MB), for a notebook viewed where no Jupyter server can serve it. */
  embedPlotly?: boolean;
}

/** Shows a figure as the cell's output. JupyterLab/VS Code render the Plotly JSON; plain front ends run the HTML. */
export function show(fig: Figure, options: ShowOptions = {}): void {
  publishDisplay(figureBundle(fig, { embedPlotly: options.embedPlotly ?? false, index: chartCounter++ }));
}
