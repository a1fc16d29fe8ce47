// Draws the exported MDX's Plotly charts where React does not run in the browser (Astro): plotly.js is loaded once, lazily, when a chart nears the screen.
// Include it on pages with charts: <script src="/nb/nb-charts.js" defer></script>. plotly.js is fetched from
// plotly.min.js next to this script, or from the URL in the script's data-plotly-src attribute.
(function () {
  'use strict';
  if (window.nbCharts) return;
  var me = document.currentScript;
  var src = (me && me.getAttribute('data-plotly-src')) || (me && me.src ? new URL('plotly.min.js', me.src).href : '/nb/plotly.min.js');
  var loading;

  function plotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = src;
        s.async = true;
        s.onload = function () { window.Plotly ? resolve(window.Plotly) : reject(new Error(src + ' did not define window.Plotly')); };
        s.onerror = function () { loading = undefined; reject(new Error('plotly.js did not load from ' + src)); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function draw(fig) {
    if (fig.hasAttribute('data-nb-drawn')) return;
    var data = fig.querySelector('script.nb-plotly-data');
    var el = fig.querySelector('.nb-plotly-plot');
    if (!data || !el) return;
    fig.setAttribute('data-nb-drawn', '');
    var figure = JSON.parse(data.textContent);
    plotly().then(function (P) {
      // The width follows the column (the notebook's fixed width would overflow a phone).
      var layout = Object.assign({}, figure.layout || {}, { width: undefined, autosize: true });
      return P.newPlot(el, figure.data, layout, { responsive: true, displaylogo: false });
    }).catch(function (err) {
      fig.removeAttribute('data-nb-drawn');
      console.error(err);
    });
  }

  var io = 'IntersectionObserver' in window
    ? new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        io.unobserve(e.target);
        draw(e.target);
      });
    }, { rootMargin: '300px 0px' })
    : null;

  function scan(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var figures = scope.querySelectorAll('figure.nb-plotly:not([data-nb-drawn])');
    for (var i = 0; i < figures.length; i++) io ? io.observe(figures[i]) : draw(figures[i]);
  }

  window.nbCharts = { scan: scan, draw: draw };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { scan(document); });
  else scan(document);
  // Client-side navigation (Astro's view transitions, or any router) brings new charts without a page load.
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      r.addedNodes.forEach(function (n) {
        if (n.nodeType !== 1) return;
        if (n.matches('figure.nb-plotly')) io ? io.observe(n) : draw(n);
        else scan(n);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
