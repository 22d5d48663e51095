/* Client-side search over window.EDITION_SEARCH (assets/search-index.js): records
   [kind, url, label, text, source-only words?]. Every word of the query must occur (case and accents
   ignored). Results are built with DOM methods only. */
(function () {
  "use strict";
  var LIMIT = 100;
  var index = null;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function prepare() {
    if (index) return index;
    index = (window.EDITION_SEARCH || []).map(function (r) {
      // r[4]: words only in the transcribed reading (the source's forms), searchable too
      return { kind: r[0], url: r[1], label: r[2], text: r[3],
               folded: fold(r[2] + " " + r[3] + " " + (r[4] || "")) };
    });
    return index;
  }

  function snippet(text, word) {
    // Folding keeps positions when it only strips accents from composed letters; when it
    // changes the length (e.g. Hangul), the snippet starts at the beginning instead.
    var folded = fold(text);
    var at = folded.length === text.length ? folded.indexOf(word) : -1;
    if (at < 0) {
      return { before: text.slice(0, 160) + (text.length > 160 ? "…" : ""), hit: "", after: "" };
    }
    // Cut the context at word boundaries.
    var start = Math.max(0, at - 80);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    if (start > at) start = at;
    var end = Math.min(text.length, at + word.length + 80);
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > at + word.length) end = space;
    }
    return { before: (start > 0 ? "…" : "") + text.slice(start, at),
             hit: text.slice(at, at + word.length),
             after: text.slice(at + word.length, end) + (end < text.length ? "…" : "") };
  }

  function search(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var found = prepare().filter(function (record) {
      return words.every(function (w) { return record.folded.indexOf(w) >= 0; });
    });
    // register entries whose name matches come first, then everything in edition order
    var named = function (record) {
      var label = fold(record.label);
      return record.kind === "e" && words.every(function (w) { return label.indexOf(w) >= 0; });
    };
    return found.filter(named).concat(found.filter(function (r) { return !named(r); }));
  }

  function render(query) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    list.replaceChildren();
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) { status.textContent = ""; return; }
    var found = search(query);
    status.textContent = found.length === 1 ? "1 result" :
      found.length + " results" + (found.length > LIMIT ? " (first " + LIMIT + " shown)" : "");
    found.slice(0, LIMIT).forEach(function (record) {
      var item = document.createElement("li");
      item.className = "result result-" + (record.kind === "p" ? "paragraph" : "entry");
      var link = document.createElement("a");
      link.href = record.url;
      link.textContent = record.label;
      item.appendChild(link);
      var text = document.createElement("p");
      var parts = snippet(record.text, words[0]);
      text.append(parts.before);
      if (parts.hit) {
        var mark = document.createElement("mark");
        mark.textContent = parts.hit;
        text.append(mark);
      }
      text.append(parts.after);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  function start() {
    var form = document.querySelector(".search-form");
    var input = document.getElementById("q");
    if (!form || !input) return;
    var initial = new URLSearchParams(window.location.search).get("q") || "";
    input.value = initial;
    if (initial) render(initial);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      render(input.value);
      if (window.history && window.history.replaceState && window.location.protocol !== "file:") {
        window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      }
    });
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { render(input.value); }, 200);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
