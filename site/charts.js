// Draws a page's Plotly charts lazily: plotly.js is fetched only after the page has loaded, and each chart is drawn when it scrolls near the screen.
(function () {
  'use strict';

  // The page's <script src="assets/charts.js" data-plotly="..."> says where plotly.js is (relative to the page).
  var me = document.currentScript;
  var plotlySrc = (me && me.getAttribute('data-plotly')) || 'assets/plotly.min.js';
  var darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  // On a touch screen Plotly's toolbar appears on the first tap and covers the chart's title; there it stays hidden.
  var touch = window.matchMedia ? window.matchMedia('(hover: none)').matches : false;
  var pending = [];
  var drawn = [];
  var plotlyPromise = null;

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  /** The figure's layout with the page's colours: transparent paper, text and grid colours from the CSS variables. */
  function themed(layout) {
    var out = {};
    var key;
    for (key in layout) if (Object.prototype.hasOwnProperty.call(layout, key)) out[key] = layout[key];
    var fg = cssVar('--fg') || '#1b1f24';
    var grid = cssVar('--chart-grid') || '#d0d7de';
    out.paper_bgcolor = 'rgba(0,0,0,0)';
    out.plot_bgcolor = 'rgba(0,0,0,0)';
    out.font = Object.assign({}, layout.font || {}, { color: fg });
    // Fixed widths overflow a phone: charts take their container's width.
    delete out.width;
    out.autosize = true;
    var axes = Object.keys(out).filter(function (k) { return /^[xy]axis\d*$/.test(k); });
    if (axes.indexOf('xaxis') < 0) axes.push('xaxis');
    if (axes.indexOf('yaxis') < 0) axes.push('yaxis');
    axes.forEach(function (k) {
      // automargin: long tick labels (a confusion matrix's class names) get room instead of being cut off.
      out[k] = Object.assign({ gridcolor: grid, zerolinecolor: grid, linecolor: grid, automargin: true }, out[k] || {});
    });
    return out;
  }

  /**
   * Plotly never wraps a title: a long one runs off both sides of a narrow chart. Lines of at most what fits in
   * `width` px (about 8.5 px a character at Plotly's 17 px title font), broken between words; tags such as <sub> stay whole.
   */
  function wrapTitle(text, width) {
    var max = Math.max(24, Math.floor(width / 8.5));
    var visible = function (s) { return s.replace(/<[^>]*>/g, '').length; };
    if (/<br\s*\/?>/i.test(text) || visible(text) <= max) return { text: text, lines: 1 };
    var lines = [];
    var line = '';
    text.split(' ').forEach(function (word) {
      if (line && visible(line + ' ' + word) > max) { lines.push(line); line = word; } else line = line ? line + ' ' + word : word;
    });
    if (line) lines.push(line);
    return { text: lines.join('<br>'), lines: lines.length };
  }

  /** The layout a chart is drawn with: themed, its title wrapped to the chart's width (with room above for the lines). */
  function layoutFor(c) {
    var layout = themed(c.fig.layout || {});
    var title = layout.title && typeof layout.title === 'object' ? layout.title.text : layout.title;
    if (typeof title === 'string' && title) {
      var wrapped = wrapTitle(title, c.plot.clientWidth || 600);
      if (wrapped.lines > 1) {
        layout.title = Object.assign({}, typeof layout.title === 'object' ? layout.title : {}, { text: wrapped.text });
        layout.margin = Object.assign({}, layout.margin || {}, { t: ((layout.margin && layout.margin.t) || 50) + 22 * (wrapped.lines - 1) });
      }
    }
    return layout;
  }

  /** plotly.js, fetched once. Never before the load event: a chart must not hold up the page becoming usable. */
  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (plotlyPromise) return plotlyPromise;
    plotlyPromise = new Promise(function (resolve, reject) {
      function fetchIt() {
        var s = document.createElement('script');
        s.src = plotlySrc;
        s.async = true;
        s.onload = function () { return window.Plotly ? resolve(window.Plotly) : reject(new Error('plotly.js loaded but defined no Plotly')); };
        s.onerror = function () { reject(new Error('plotly.js could not be loaded from ' + plotlySrc)); };
        document.head.appendChild(s);
      }
      if (document.readyState === 'complete') fetchIt();
      else window.addEventListener('load', fetchIt, { once: true });
    });
    return plotlyPromise;
  }

  function unavailable(c, why) {
    c.node.classList.add('nb-plotly-unavailable');
    c.node.setAttribute('data-chart-error', String(why && why.message ? why.message : why));
  }

  function draw(c) {
    if (c.started) return;
    c.started = true;
    loadPlotly().then(function (Plotly) {
      drawn.push(c);
      return Plotly.newPlot(c.plot, c.fig.data, layoutFor(c), {
        responsive: true,
        displaylogo: false,
        displayModeBar: touch ? false : 'hover',
        modeBarButtonsToRemove: ['sendDataToCloud'],
      }).then(function () {
        c.plot.setAttribute('data-drawn', 'true');
      });
    }).then(null, function (e) { unavailable(c, e); });
  }

  function retheme() {
    if (!window.Plotly) return;
    drawn.forEach(function (c) { window.Plotly.relayout(c.plot, layoutFor(c)); });
  }

  function collect() {
    var figures = document.querySelectorAll('figure.nb-plotly');
    for (var i = 0; i < figures.length; i++) {
      var node = figures[i];
      // Only the exporter's own chart elements: never anything inside a notebook's HTML output.
      if (node.closest('.nb-html')) continue;
      var data = node.querySelector('script.nb-plotly-data');
      var plot = node.querySelector('.nb-plotly-plot');
      if (!data || !plot) continue;
      var fig;
      try {
        fig = JSON.parse(data.textContent || '');
      } catch (e) {
        plot.textContent = 'This chart\u2019s data could not be read.';
        continue;
      }
      pending.push({ node: node, plot: plot, fig: fig, started: false });
    }
  }

  function start() {
    collect();
    if (pending.length === 0) return;
    if (!('IntersectionObserver' in window)) {
      pending.forEach(draw);
      return;
    }
    var byNode = new Map();
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        io.unobserve(e.target);
        draw(byNode.get(e.target));
      });
    }, { rootMargin: '400px 0px' });
    pending.forEach(function (c) {
      byNode.set(c.node, c);
      io.observe(c.node);
    });
    // Fetched once the page has loaded even if no chart is on screen yet, so scrolling to one (or printing) is quick.
    loadPlotly().then(null, function () { /* each chart reports its own failure when it is drawn */ });
  }

  // Printing draws every chart not drawn yet (plotly.js is there by then unless it failed to load).
  window.addEventListener('beforeprint', function () {
    if (!window.Plotly) return;
    pending.forEach(draw);
    drawn.forEach(function (c) { window.Plotly.Plots.resize(c.plot); });
  });
  window.addEventListener('afterprint', function () {
    if (window.Plotly) drawn.forEach(function (c) { window.Plotly.Plots.resize(c.plot); });
  });

  if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener('change', retheme);
  // A theme switch on the page itself (a class or data attribute on <html>) recolours the charts too.
  if (window.MutationObserver) {
    new MutationObserver(retheme).observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
