/* Client-side search over the index in assets/search/ (edition/html/search.py writes it).
   Every word of the query (of three letters or more; shorter ones must be whole words) must
   begin a word of the record (case and accents ignored).
   The index is loaded piece by piece with <script src> (which works from file://): the
   word file of each query word, then the record chunks those words point to, in order,
   until a page of results is found. Results are built with DOM methods only. */
(function () {
  "use strict";
  var PAGE = 50;
  var PARALLEL = 4;
  var CHUNKS_PER_FOLDER = 1000;
  var script = document.currentScript;
  var base = script ? script.src.replace(/search\.js(\?.*)?$/, "search/") : "assets/search/";
  var pending = {};
  var loaded = {};
  var current = null;

  // each index file calls this with its name and data
  window.EDITION_SEARCH_SHARD = function (name, data) {
    loaded[name] = data;
    if (pending[name]) pending[name].resolve(data);
  };

  function load(name, path) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    if (pending[name]) return pending[name].promise;
    var handle = {};
    handle.promise = new Promise(function (resolve, reject) {
      handle.resolve = resolve;
      var tag = document.createElement("script");
      tag.src = base + path;
      tag.async = true;
      tag.onerror = function () { delete pending[name]; reject(new Error(path)); };
      tag.onload = function () { if (!(name in loaded)) { loaded[name] = null; resolve(null); } };
      document.head.appendChild(tag);
      (window.EDITION_SEARCH_FILES = window.EDITION_SEARCH_FILES || []).push(path);
    });
    pending[name] = handle;
    return handle.promise;
  }

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(s) {
    return fold(s).match(/[\p{L}\p{N}]+/gu) || [];
  }

  function key(word) {
    return Array.from(word).slice(0, 3).map(function (c) {
      return c.codePointAt(0).toString(16);
    }).join("-");
  }

  function decode(encoded) {
    var chunks = [], end = 0;
    encoded.split(",").forEach(function (part) {
      if (!part) return;
      var pieces = part.split("+");
      var start = end + parseInt(pieces[0], 36);
      end = start + (pieces.length > 1 ? parseInt(pieces[1], 36) : 1);
      for (var n = start; n < end; n++) chunks.push(n);
    });
    return chunks;
  }

  // the chunks holding a record with a word beginning with `word`
  function chunksFor(word) {
    var name = key(word);
    return load("keys", "keys.js").then(function (keys) {
      // a key no word of the edition has has no file: nothing to load
      return (keys || []).indexOf(name) >= 0 ? load("w" + name, "words/" + name + ".js") : null;
    }).then(function (shard) {
      var found = {};
      Object.keys(shard || {}).forEach(function (w) {
        if (w === word || (word.length >= 3 && w.indexOf(word) === 0)) {
          decode(shard[w]).forEach(function (n) { found[n] = true; });
        }
      });
      return found;
    });
  }

  function candidates(query) {
    return Promise.all(query.map(chunksFor)).then(function (sets) {
      return Object.keys(sets[0]).map(Number).filter(function (n) {
        return sets.every(function (set) { return set[n]; });
      }).sort(function (a, b) { return a - b; });
    });
  }

  function chunk(n) {
    return load("r" + n, "records/" + Math.floor(n / CHUNKS_PER_FOLDER) + "/" + n + ".js");
  }

  function matches(record, query) {
    var own = words(record.slice(2).join(" "));
    return query.every(function (q) {
      return own.some(function (w) { return w === q || (q.length >= 3 && w.indexOf(q) === 0); });
    });
  }

  function named(record, query) {
    var label = words(record[2]);
    return record[0] === "e" && query.every(function (q) {
      return label.some(function (w) { return w.indexOf(q) === 0; });
    });
  }

  // a search: its candidate chunks, read PARALLEL at a time until a page is found
  function Search(text) {
    this.text = text;
    this.query = words(text);
    this.results = [];
    this.todo = null;
  }

  Search.prototype.more = function () {
    var self = this, wanted = self.results.length + PAGE;
    var ready = self.todo ? Promise.resolve(self.todo) : candidates(self.query);
    return ready.then(function (todo) {
      self.todo = todo;
      function step() {
        if (self.results.length >= wanted || !self.todo.length) return self;
        var batch = self.todo.splice(0, PARALLEL);
        return Promise.all(batch.map(chunk)).then(function (loadedChunks) {
          loadedChunks.forEach(function (records) {
            (records || []).forEach(function (record) {
              if (matches(record, self.query)) self.results.push(record);
            });
          });
          return step();
        });
      }
      return step();
    });
  };

  Search.prototype.ordered = function () {
    var query = this.query;
    var first = this.results.filter(function (r) { return named(r, query); });
    return first.concat(this.results.filter(function (r) { return !named(r, query); }));
  };

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

  function item(record, word) {
    var li = document.createElement("li");
    li.className = "result result-" + (record[0] === "p" ? "paragraph" : "entry");
    var link = document.createElement("a");
    link.href = record[1];
    link.textContent = record[2];
    li.appendChild(link);
    var text = document.createElement("p");
    var parts = snippet(record[3], word);
    text.append(parts.before);
    if (parts.hit) {
      var mark = document.createElement("mark");
      mark.textContent = parts.hit;
      text.append(mark);
    }
    text.append(parts.after);
    li.appendChild(text);
    return li;
  }

  function show(search) {
    if (search !== current) return;  // a newer query has started
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var button = document.getElementById("search-more");
    list.replaceChildren.apply(list, search.ordered().map(function (r) {
      return item(r, search.query[0]);
    }));
    var n = search.results.length;
    var done = !search.todo.length;
    status.textContent = (n === 1 ? "1 result" : n + " results") + (done ? "" : " so far");
    button.hidden = done;
    list.dataset.files = (window.EDITION_SEARCH_FILES || []).join(" ");
  }

  function run(text) {
    var status = document.getElementById("search-status");
    var search = new Search(text);
    current = search;
    if (!search.query.length) {
      document.getElementById("search-results").replaceChildren();
      document.getElementById("search-more").hidden = true;
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    search.more().then(show, function () {
      status.textContent = "The search index could not be read.";
    });
  }

  function start() {
    var form = document.querySelector(".search-form");
    var input = document.getElementById("q");
    var button = document.getElementById("search-more");
    if (!form || !input || !button) return;
    var initial = new URLSearchParams(window.location.search).get("q") || "";
    input.value = initial;
    if (initial) run(initial);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(input.value);
      if (window.history && window.history.replaceState && window.location.protocol !== "file:") {
        window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      }
    });
    button.addEventListener("click", function () {
      if (current) current.more().then(show);
    });
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 200);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
