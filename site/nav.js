// The site's navigation: light/dark switch (remembered), search over the prebuilt index, lesson sidebar and "On this page" (open on wide screens, current section marked), copy buttons on code.
(function () {
  'use strict';

  var THEME_KEY = 'ml-interview-notebooks:theme';
  var WIDE = '(min-width: 78rem)';
  var root = document.documentElement;
  var script = document.currentScript;
  var searchLib = (script && script.getAttribute('data-search')) || 'assets/minisearch.js';
  var searchIndex = (script && script.getAttribute('data-index')) || 'assets/search-index.js';

  // ---- Theme: runs before the body is parsed, so a page never flashes the other theme.
  function storedTheme() {
    try {
      var t = window.localStorage.getItem(THEME_KEY);
      return t === 'light' || t === 'dark' ? t : null;
    } catch (e) {
      return null;
    }
  }
  function systemTheme() {
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  function effectiveTheme() {
    return root.getAttribute('data-theme') || systemTheme();
  }
  var initial = storedTheme();
  if (initial) root.setAttribute('data-theme', initial);

  function labelToggle(button) {
    var now = effectiveTheme();
    var chosen = root.hasAttribute('data-theme');
    button.setAttribute('aria-label', 'Dark theme' + (chosen ? '' : ' (following the system)'));
    button.setAttribute('aria-pressed', now === 'dark' ? 'true' : 'false');
    button.title = now === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme';
  }

  function setTheme(theme, button) {
    root.setAttribute('data-theme', theme);
    try {
      window.localStorage.setItem(THEME_KEY, theme);
    } catch (e) {
      // Storage blocked: the choice lasts for this page only.
    }
    if (button) labelToggle(button);
    // site.js redraws chart colours on this event.
    window.dispatchEvent(new CustomEvent('mlin:themechange', { detail: { theme: theme } }));
  }

  // ---- Search: MiniSearch and the index are loaded on first use (a <script>, which works from file:// too).
  var loading = null;
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('could not load ' + src)); };
      document.head.appendChild(s);
    });
  }
  function searchEngine() {
    if (!loading) {
      loading = loadScript(searchLib).then(function () { return loadScript(searchIndex); }).then(function () {
        var data = window.mlinSearchIndex;
        if (!data || !window.MiniSearch) throw new Error('the search index is missing');
        return { lessons: data.lessons, engine: window.MiniSearch.loadJS(data.index, data.options) };
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  /** Results grouped by lesson (best lesson first), at most `perLesson` sections each. */
  function search(query, perLesson, maxLessons) {
    return searchEngine().then(function (s) {
      var opts = {
        prefix: function (term) { return term.length > 2; },
        fuzzy: function (term) { return term.length > 4 ? 0.2 : false; },
        boost: { title: 3 },
        combineWith: 'AND',
      };
      var hits = s.engine.search(query, opts);
      if (hits.length === 0) {
        opts.combineWith = 'OR';
        hits = s.engine.search(query, opts);
      }
      var groups = [];
      var byLesson = {};
      hits.forEach(function (r) {
        var g = byLesson[r.lesson];
        if (!g) {
          if (groups.length >= maxLessons) return;
          g = byLesson[r.lesson] = { lesson: s.lessons[r.lesson], sections: [] };
          groups.push(g);
        }
        if (g.sections.length < perLesson) g.sections.push({ href: r.href, title: r.title, score: r.score });
      });
      return groups;
    });
  }
  window.mlinSearch = function (query) { return search(query, 3, 10); };

  function setupSearch() {
    var input = document.getElementById('site-search-input');
    var box = document.getElementById('site-search-results');
    if (!input || !box) return;
    var timer = 0;
    var asked = 0;

    function close() {
      box.hidden = true;
      input.setAttribute('aria-expanded', 'false');
    }
    function message(text) {
      box.textContent = '';
      var p = document.createElement('p');
      p.className = 'site-search-message';
      p.textContent = text;
      box.appendChild(p);
      box.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function render(query, groups) {
      box.textContent = '';
      if (groups.length === 0) {
        message('No section matches \u201c' + query + '\u201d.');
        return;
      }
      var list = document.createElement('ul');
      groups.forEach(function (g) {
        var li = document.createElement('li');
        li.className = 'site-search-lesson';
        var head = document.createElement('a');
        head.href = g.lesson.href;
        head.className = 'site-search-hit site-search-hit-lesson';
        head.setAttribute('role', 'option');
        head.textContent = (g.lesson.number ? g.lesson.number + ' \u00b7 ' : '') + g.lesson.title;
        li.appendChild(head);
        var inner = document.createElement('ul');
        g.sections.forEach(function (s) {
          if (s.href === g.lesson.href) return;
          var si = document.createElement('li');
          var a = document.createElement('a');
          a.href = s.href;
          a.className = 'site-search-hit';
          a.setAttribute('role', 'option');
          a.textContent = s.title;
          si.appendChild(a);
          inner.appendChild(si);
        });
        if (inner.children.length) li.appendChild(inner);
        list.appendChild(li);
      });
      box.appendChild(list);
      box.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function run() {
      var query = input.value.trim();
      var ticket = ++asked;
      if (query.length < 2) {
        close();
        return;
      }
      if (!window.mlinSearchIndex) message('Loading the search index\u2026');
      search(query, 3, 10).then(function (groups) {
        if (ticket === asked) render(query, groups);
      }, function (err) {
        if (ticket === asked) message('Search is unavailable: ' + err.message);
      });
    }
    function hits() {
      return Array.prototype.slice.call(box.querySelectorAll('a.site-search-hit'));
    }

    input.addEventListener('focus', function () {
      searchEngine().catch(function () { return undefined; });
      if (input.value.trim().length >= 2 && box.children.length) {
        box.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }
    });
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 60);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        input.value = '';
        close();
      } else if (e.key === 'ArrowDown') {
        var first = hits()[0];
        if (first) {
          e.preventDefault();
          first.focus();
        }
      } else if (e.key === 'Enter') {
        var go = hits()[1] || hits()[0];
        if (go) window.location.href = go.href;
      }
    });
    box.addEventListener('keydown', function (e) {
      var all = hits();
      var i = all.indexOf(document.activeElement);
      if (e.key === 'ArrowDown' && i < all.length - 1) {
        e.preventDefault();
        all[i + 1].focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        (i > 0 ? all[i - 1] : input).focus();
      } else if (e.key === 'Escape') {
        close();
        input.focus();
      }
    });
    document.addEventListener('click', function (e) {
      if (!e.target.closest || !e.target.closest('.site-search')) close();
    });
    document.addEventListener('keydown', function (e) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      var t = e.target;
      var tag = t && t.tagName ? t.tagName.toLowerCase() : '';
      if (tag === 'input' || tag === 'textarea' || tag === 'select' || (t && t.isContentEditable)) return;
      e.preventDefault();
      input.focus();
    });
  }

  // ---- Sidebar and "On this page": open beside the text on wide screens, closed (one line each) on a phone.
  function setupPanels() {
    var panels = Array.prototype.slice.call(document.querySelectorAll('.sidebar > details, .toc > details'));
    if (!panels.length || !window.matchMedia) return;
    var wide = window.matchMedia(WIDE);
    function apply() {
      panels.forEach(function (d) { d.open = wide.matches; });
    }
    apply();
    if (wide.addEventListener) wide.addEventListener('change', apply);
    // On a phone, following a link in a panel closes it.
    panels.forEach(function (d) {
      d.addEventListener('click', function (e) {
        if (!wide.matches && e.target.closest && e.target.closest('a')) d.open = false;
      });
    });
    var current = document.querySelector('.sidebar li.current');
    var side = document.querySelector('.sidebar');
    if (current && side && wide.matches) side.scrollTop = Math.max(0, current.offsetTop - side.clientHeight / 3);
  }

  function setupTocHighlight() {
    var links = Array.prototype.slice.call(document.querySelectorAll('.toc a[href^="#"]'));
    if (!links.length) return;
    var items = links.map(function (a) {
      return { link: a, target: document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))) };
    }).filter(function (x) { return x.target; });
    var toc = document.querySelector('.toc');
    var active = null;
    var pending = false;
    function update() {
      pending = false;
      var line = Math.min(120, window.innerHeight / 4);
      var found = null;
      for (var i = 0; i < items.length; i++) {
        if (items[i].target.getBoundingClientRect().top <= line) found = items[i];
        else break;
      }
      if (found === active) return;
      if (active) {
        active.link.classList.remove('active');
        active.link.removeAttribute('aria-current');
      }
      active = found;
      if (!active) return;
      active.link.classList.add('active');
      active.link.setAttribute('aria-current', 'location');
      // Keep the marked entry visible inside a scrolling TOC, without scrolling the page.
      if (toc && toc.scrollHeight > toc.clientHeight) {
        var top = active.link.offsetTop;
        if (top < toc.scrollTop || top > toc.scrollTop + toc.clientHeight - 40) toc.scrollTop = top - toc.clientHeight / 3;
      }
    }
    function schedule() {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(update);
    }
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    window.addEventListener('hashchange', schedule);
    update();
  }

  // ---- Copy buttons on code blocks.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) resolve();
      else reject(new Error('copy refused'));
    });
  }

  function setupCopyButtons() {
    var blocks = document.querySelectorAll('pre > code');
    for (var i = 0; i < blocks.length; i++) {
      var code = blocks[i];
      var pre = code.parentElement;
      // Code inside a notebook's own HTML output is not the lesson's code.
      if (pre.closest('.nb-html') || (pre.parentElement && pre.parentElement.classList.contains('code-block'))) continue;
      var wrap = document.createElement('div');
      wrap.className = 'code-block';
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-button';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy this code');
      wrap.appendChild(button);
    }
    document.addEventListener('click', function (e) {
      var button = e.target.closest && e.target.closest('.copy-button');
      if (!button) return;
      var code = button.parentElement.querySelector('pre > code');
      if (!code) return;
      copyText(code.textContent || '').then(function () {
        button.textContent = 'Copied';
        button.setAttribute('data-copied', 'true');
      }, function () {
        button.textContent = 'Press Ctrl+C';
        var range = document.createRange();
        range.selectNodeContents(code);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }).then(function () {
        window.setTimeout(function () {
          button.textContent = 'Copy';
          button.removeAttribute('data-copied');
        }, 2000);
      });
    });
  }

  function ready() {
    var tools = document.querySelector('.site-tools');
    if (tools) tools.hidden = false;
    var toggle = document.getElementById('theme-toggle');
    if (toggle) {
      labelToggle(toggle);
      toggle.addEventListener('click', function () { setTheme(effectiveTheme() === 'dark' ? 'light' : 'dark', toggle); });
      if (window.matchMedia) {
        var q = window.matchMedia('(prefers-color-scheme: dark)');
        if (q.addEventListener) q.addEventListener('change', function () { labelToggle(toggle); });
      }
    }
    setupSearch();
    setupPanels();
    setupTocHighlight();
    setupCopyButtons();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
