/**
 * The page's own script: draws every chart container with vega-embed (SVG renderer, no
 * action menu) when it comes near the viewport, and everything before printing. Each
 * container records its progress in `data-state` (`pending`, `rendering`, `rendered`, `error`).
 * Plain ES2017 in a string: it runs in the browser, not in Node.
 */
export const BOOTSTRAP_SOURCE = `(function () {
  'use strict';
  var mounts = Array.prototype.slice.call(document.querySelectorAll('.chart-mount'));
  function fail(mount, error) {
    mount.setAttribute('data-state', 'error');
    mount.textContent = 'This chart could not be drawn: ' + (error && error.message ? error.message : String(error));
    console.error('stagecraft chart ' + mount.id + ':', error);
  }
  function embed(mount) {
    if (mount.getAttribute('data-state') !== 'pending') return Promise.resolve();
    mount.setAttribute('data-state', 'rendering');
    try {
      var block = document.getElementById(mount.getAttribute('data-spec'));
      var spec = JSON.parse(block.textContent);
      return vegaEmbed(mount, spec, { actions: false, renderer: 'svg' }).then(
        function () { mount.setAttribute('data-state', 'rendered'); },
        function (error) { fail(mount, error); });
    } catch (error) {
      fail(mount, error);
      return Promise.resolve();
    }
  }
  function renderAll() { return Promise.all(mounts.map(embed)); }
  if (typeof IntersectionObserver === 'function') {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        embed(entry.target);
      });
    }, { rootMargin: '800px 0px' });
    mounts.forEach(function (mount) { observer.observe(mount); });
  } else {
    renderAll();
  }
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (details) { details.open = true; });
    renderAll();
  });
  window.stagecraftReport = { renderAll: renderAll };
})();
`;
