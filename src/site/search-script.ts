/**
 * Suggestions as you type, for the header search box: a progressive enhancement served as
 * /assets/search.js (the page works without it; the CSP allows scripts from this site only).
 * It builds the list with textContent and root-relative links, so nothing from the server is
 * ever parsed as HTML. Plain ES2017 without a build step, so it is kept here as text.
 */
export const SUGGEST_SCRIPT = `(function () {
  'use strict';
  var input = document.querySelector('form[role="search"] input[name="q"]');
  if (!input || !window.fetch) return;
  var form = input.form;
  var list = document.createElement('ul');
  list.id = 'search-suggestions';
  list.className = 'search-suggestions';
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-autocomplete', 'list');
  var timer = 0;
  var seq = 0;
  function hide() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); }
  function show(items) {
    list.textContent = '';
    items.forEach(function (s) {
      if (typeof s.url !== 'string' || s.url.charAt(0) !== '/' || s.url.charAt(1) === '/') return;
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      var a = document.createElement('a');
      a.href = s.url;
      a.textContent = String(s.headline);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = !list.children.length;
    input.setAttribute('aria-expanded', list.hidden ? 'false' : 'true');
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value;
    if (q.trim().length < 2) { hide(); return; }
    timer = setTimeout(function () {
      var mine = ++seq;
      fetch('/search/suggest?q=' + encodeURIComponent(q.slice(0, 256)), { headers: { accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (body) { if (mine === seq) show(body.suggestions || []); })
        .catch(hide);
    }, 150);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') hide();
    if (e.key === 'ArrowDown' && !list.hidden) { e.preventDefault(); list.querySelector('a').focus(); }
  });
  list.addEventListener('keydown', function (e) {
    var li = document.activeElement && document.activeElement.parentNode;
    if (e.key === 'Escape') { hide(); input.focus(); }
    if (e.key === 'ArrowDown' && li && li.nextSibling) { e.preventDefault(); li.nextSibling.firstChild.focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); if (li && li.previousSibling) li.previousSibling.firstChild.focus(); else input.focus(); }
  });
  document.addEventListener('click', function (e) { if (!form.contains(e.target)) hide(); });
})();
`;
