// The static site's script on every page: opens solutions for print (charts are drawn by charts.js, on pages that have them).
(function () {
  'use strict';

  // Printing shows hidden solutions; they close again afterwards.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    var details = document.querySelectorAll('details:not([open])');
    for (var i = 0; i < details.length; i++) {
      details[i].setAttribute('open', '');
      opened.push(details[i]);
    }
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.removeAttribute('open'); });
    opened = [];
  });
})();
