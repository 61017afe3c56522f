/**
 * New entries of a live story without reloading, served as /assets/live.js: a progressive
 * enhancement (the page reads in full without it; the CSP allows scripts from this site only).
 * It listens to the story's server-sent events and, when EventSource is missing or the server
 * refuses the stream (503 over LIVE_MAX_READERS), polls the JSON twin every 15 s. The markup it
 * inserts is the page's own, made by our renderer on the server (site/live-coverage.tsx), which
 * escapes every text; it is parsed into an inert <template> and moved in, never evaluated.
 * Plain ES2017 without a build step, so it is kept here as text.
 */
export const LIVE_SCRIPT = `(function () {
  'use strict';
  var feed = document.getElementById('live');
  if (!feed || !feed.getAttribute('data-live-events')) return;
  var timeline = document.getElementById('live-timeline');
  var keyPoints = document.getElementById('live-key-points');
  var pinned = document.getElementById('live-pinned');
  var status = document.getElementById('live-status');
  var since = feed.getAttribute('data-live-since') || '';
  var source = null;
  var timer = 0;
  var ended = false;
  var POLL_MS = 15000;
  // The page's words (live-coverage.tsx liveWords): one form per plural category, '{n}' the number.
  var words = {};
  try { words = JSON.parse(feed.getAttribute('data-live-words') || '{}'); } catch (e) { words = {}; }
  var lang = document.documentElement.lang || 'en';

  function fragment(html) {
    var t = document.createElement('template');
    t.innerHTML = html;
    return t.content;
  }
  function say(text) { if (status && text) status.textContent = text; }
  function newUpdates(n) {
    var forms = words.updates || {};
    var form = 'other';
    var shown = String(n);
    try { form = new Intl.PluralRules(lang).select(n); shown = new Intl.NumberFormat(lang).format(n); } catch (e) {}
    var text = forms[form] || forms.other || '';
    return text.replace('{n}', shown);
  }
  function createdOf(el) { return el.getAttribute('data-created') || ''; }
  function place(u) {
    var el = fragment(u.html).firstElementChild;
    if (!el) return false;
    var old = document.getElementById('entry-' + u.id);
    if (old) { old.replaceWith(el); return false; }
    var empty = timeline.querySelector('.live-empty');
    if (empty) empty.remove();
    // Newest first: before the first entry that is older than this one.
    var next = null;
    var items = timeline.children;
    for (var i = 0; i < items.length; i++) {
      var c = createdOf(items[i]);
      if (!c || c < u.createdAt) { next = items[i]; break; }
    }
    el.classList.add('is-new');
    timeline.insertBefore(el, next);
    return true;
  }
  function apply(p) {
    var added = 0;
    (p.upserts || []).forEach(function (u) { if (place(u)) added++; });
    (p.removed || []).forEach(function (id) {
      var el = document.getElementById('entry-' + id);
      if (el) el.remove();
    });
    if (keyPoints && typeof p.keyPoints === 'string') {
      keyPoints.textContent = '';
      keyPoints.appendChild(fragment(p.keyPoints));
      keyPoints.hidden = !p.keyPoints;
    }
    if (pinned && typeof p.pinned === 'string') {
      pinned.textContent = '';
      pinned.appendChild(fragment(p.pinned));
    }
    if (p.since && p.since > since) since = p.since;
    if (added) say(newUpdates(added));
    if (p.state && p.state !== 'live') end();
  }
  function end() {
    if (ended) return;
    ended = true;
    if (source) source.close();
    clearTimeout(timer);
    var badge = document.getElementById('live-badge');
    if (badge) badge.remove();
    say(words.ended || '');
  }
  function poll() {
    if (ended) return;
    fetch(feed.getAttribute('data-live-poll') + '?since=' + encodeURIComponent(since), {
      headers: { accept: 'application/json' }
    }).then(function (r) {
      // Not there (a static mirror has no live updates): stop asking, say nothing.
      if (r.status === 404) { ended = true; return null; }
      return r.ok ? r.json() : null;
    }).then(function (p) {
      if (p) apply(p);
      if (!ended) timer = setTimeout(poll, POLL_MS);
    }, function () {
      if (!ended) timer = setTimeout(poll, POLL_MS * 2);
    });
  }
  function startPolling() {
    if (!window.fetch) return;
    clearTimeout(timer);
    timer = setTimeout(poll, 0);
  }
  if (!window.EventSource) return startPolling();
  source = new EventSource(feed.getAttribute('data-live-events') + '?since=' + encodeURIComponent(since));
  source.addEventListener('update', function (e) { apply(JSON.parse(e.data)); });
  source.addEventListener('end', end);
  source.addEventListener('error', function () {
    // CLOSED: the server refused the stream (503 when full, or it is not there): poll instead.
    // Otherwise the browser reconnects by itself, sending the last event's id.
    if (source.readyState === 2 && !ended) { source = null; startPolling(); }
  });
})();
`;
