// The static site's only script: draws the page's Plotly charts from their embedded JSON, follows light/dark, opens solutions for print.
(function () {
  'use strict';

  var darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  var charts = [];

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
      out[k] = Object.assign({ gridcolor: grid, zerolinecolor: grid, linecolor: grid }, out[k] || {});
    });
    return out;
  }

  function drawAll() {
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
      if (!window.Plotly) {
        node.classList.add('nb-plotly-unavailable');
        continue;
      }
      draw(plot, fig);
    }
  }

  function draw(plot, fig) {
    charts.push({ el: plot, fig: fig });
    window.Plotly.newPlot(plot, fig.data, themed(fig.layout || {}), {
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: ['sendDataToCloud'],
    }).then(function () {
      plot.setAttribute('data-drawn', 'true');
    });
  }

  function retheme() {
    charts.forEach(function (c) {
      window.Plotly.relayout(c.el, themed(c.fig.layout || {}));
    });
  }

  // Printing shows hidden solutions; they close again afterwards.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    var details = document.querySelectorAll('details:not([open])');
    for (var i = 0; i < details.length; i++) {
      details[i].setAttribute('open', '');
      opened.push(details[i]);
    }
    charts.forEach(function (c) { window.Plotly.Plots.resize(c.el); });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.removeAttribute('open'); });
    opened = [];
    charts.forEach(function (c) { window.Plotly.Plots.resize(c.el); });
  });

  if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener('change', retheme);
  // The reader's own light/dark choice (site/nav.js).
  window.addEventListener('mlin:themechange', retheme);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', drawAll);
  else drawAll();
})();
