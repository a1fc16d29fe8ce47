// On the first page of a lesson split into several pages: a link to an anchor that moved to another page (a bookmark, a search result) goes there.
(function () {
  'use strict';

  function follow() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!id || document.getElementById(id)) return;
    var data = document.getElementById('lesson-part-anchors');
    if (!data) return;
    var map;
    try { map = JSON.parse(data.textContent || '{}'); } catch (e) { return; }
    var page = map.ids && map.pages ? map.pages[map.ids[id]] : undefined;
    if (page) location.replace(page + location.hash);
  }

  follow();
  window.addEventListener('hashchange', follow);
})();
