/* The facsimile viewer beside a text: the page image of the page being read, with the
   zones of its lines; zoom and pan load IIIF Level 0 tiles where the shown image is too
   coarse. Everything it needs is in the page's markup (sizes, tile grid, zones), so it
   works from file:// where a script may not read JSON files. Without it, every page
   image is shown in the column beside the text and every link still works. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function View(figure) {
    this.figure = figure;
    this.svg = figure.querySelector("svg.facs-view");
    this.width = +figure.dataset.width;
    this.height = +figure.dataset.height;
    this.service = figure.dataset.service || null;
    this.scales = (figure.dataset.scales || "").split(",").filter(Boolean).map(Number);
    this.tile = +(figure.dataset.tile || 512);
    this.display = +(figure.dataset.display || this.width);
    this.tiles = figure.querySelector(".facs-tiles");
    this.loaded = {};
    this.fit();
  }

  View.prototype.fit = function () {
    this.box = [0, 0, this.width, this.height];
    this.apply();
  };

  View.prototype.apply = function () {
    if (!this.svg) { return; }
    this.svg.setAttribute("viewBox", this.box.join(" "));
    this.loadTiles();
  };

  View.prototype.zoom = function (factor, cx, cy) {
    var b = this.box, w = b[2] / factor, h = b[3] / factor;
    if (w > this.width) { this.fit(); return; }
    if (w < 64) { return; }
    cx = cx === undefined ? b[0] + b[2] / 2 : cx;
    cy = cy === undefined ? b[1] + b[3] / 2 : cy;
    this.box = [cx - (cx - b[0]) / factor, cy - (cy - b[1]) / factor, w, h];
    this.apply();
  };

  View.prototype.pan = function (dx, dy) {
    this.box[0] -= dx;
    this.box[1] -= dy;
    this.apply();
  };

  /* Screen pixels per image pixel decide the tile level: the coarsest scale factor whose
     tiles still have a pixel for every screen pixel. */
  View.prototype.loadTiles = function () {
    if (!this.service || !this.svg.clientWidth) { return; }
    var perPixel = this.svg.clientWidth * (window.devicePixelRatio || 1) / this.box[2];
    if (perPixel <= this.display / this.width) { return; }
    var factor = 1;
    this.scales.forEach(function (s) { if (s <= 1 / perPixel) { factor = Math.max(factor, s); } });
    var span = this.tile * factor, b = this.box;
    var x0 = Math.max(0, Math.floor(b[0] / span) * span);
    var y0 = Math.max(0, Math.floor(b[1] / span) * span);
    for (var y = y0; y < Math.min(this.height, b[1] + b[3]); y += span) {
      for (var x = x0; x < Math.min(this.width, b[0] + b[2]); x += span) {
        this.addTile(factor, x, y, Math.min(span, this.width - x), Math.min(span, this.height - y));
      }
    }
  };

  View.prototype.addTile = function (factor, x, y, w, h) {
    var size = Math.ceil(w / factor) + "," + Math.ceil(h / factor);
    var href = this.service + "/" + [x, y, w, h].join(",") + "/" + size + "/0/default.jpg";
    if (this.loaded[href]) { return; }
    var image = document.createElementNS(SVG, "image");
    image.setAttribute("href", href);
    image.setAttribute("x", x);
    image.setAttribute("y", y);
    image.setAttribute("width", w);
    image.setAttribute("height", h);
    image.setAttribute("class", "facs-tile");
    image.dataset.factor = factor;
    /* finer tiles are drawn over coarser ones */
    var after = Array.prototype.find.call(this.tiles.children, function (t) {
      return +t.dataset.factor < factor;
    });
    this.tiles.insertBefore(image, after || null);
    this.loaded[href] = true;
  };

  View.prototype.point = function (event) {
    var r = this.svg.getBoundingClientRect();
    return [this.box[0] + (event.clientX - r.left) / r.width * this.box[2],
            this.box[1] + (event.clientY - r.top) / r.height * this.box[3]];
  };

  View.prototype.bind = function () {
    var view = this, svg = this.svg, drag = null;
    var tools = this.figure.querySelector(".facs-tools");
    if (tools) {
      tools.hidden = false;
      tools.addEventListener("click", function (event) {
        var which = event.target.dataset && event.target.dataset.zoom;
        if (which === "in") { view.zoom(2); } else if (which === "out") { view.zoom(0.5); }
        else if (which === "fit") { view.fit(); }
      });
    }
    if (!svg) { return; }
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var p = view.point(event);
      view.zoom(event.deltaY < 0 ? 1.25 : 0.8, p[0], p[1]);
    }, { passive: false });
    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest("a")) { return; }
      drag = { x: event.clientX, y: event.clientY };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var scale = view.box[2] / svg.getBoundingClientRect().width;
      view.pan((event.clientX - drag.x) * scale, (event.clientY - drag.y) * scale);
      drag = { x: event.clientX, y: event.clientY };
    });
    svg.addEventListener("pointerup", function () { drag = null; });
  };

  function Viewer(aside) {
    this.aside = aside;
    this.views = {};
    var self = this;
    Array.prototype.forEach.call(aside.querySelectorAll(".facs-page"), function (figure) {
      var view = new View(figure);
      view.bind();
      self.views[figure.dataset.surface] = view;
    });
    this.breaks = Array.prototype.slice.call(document.querySelectorAll(".pb-facs[data-facs]"));
    aside.classList.add("facsimile-live");
    var first = aside.querySelector(".facs-page");
    this.show(first && first.dataset.surface);
  }

  Viewer.prototype.show = function (surface) {
    if (!surface || surface === this.current || !this.views[surface]) { return; }
    this.current = surface;
    Object.keys(this.views).forEach(function (key) {
      this.views[key].figure.classList.toggle("current", key === surface);
    }, this);
    this.views[surface].loadTiles();
  };

  /* The page being read: the last page break above the upper third of the window. */
  Viewer.prototype.follow = function () {
    var line = window.innerHeight / 3, found = null;
    for (var i = 0; i < this.breaks.length; i += 1) {
      if (this.breaks[i].getBoundingClientRect().top > line) { break; }
      found = this.breaks[i];
    }
    this.show(found ? found.dataset.facs : (this.breaks[0] && this.breaks[0].dataset.facs));
  };

  Viewer.prototype.highlight = function (zone) {
    Array.prototype.forEach.call(this.aside.querySelectorAll("rect.zone.active"), function (r) {
      r.classList.remove("active");
    });
    var rect = zone && document.getElementById("zone-" + zone);
    if (!rect) { return; }
    rect.classList.add("active");
    this.show(rect.closest(".facs-page").dataset.surface);
  };

  Viewer.prototype.bind = function () {
    var self = this, pending = false;
    window.addEventListener("scroll", function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; self.follow(); });
    }, { passive: true });
    document.addEventListener("click", function (event) {
      var label = event.target.closest(".pb-facs a.pb-label");
      if (!label) { return; }
      event.preventDefault();
      self.show(label.parentNode.dataset.facs);
    });
    document.addEventListener("focusin", function (event) {
      var line = event.target.closest && event.target.closest(".lb-zone");
      if (line) { self.highlight(line.dataset.zone); }
    });
    window.addEventListener("hashchange", function () { self.fromHash(); });
    this.fromHash();
    this.follow();
  };

  Viewer.prototype.fromHash = function () {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("line-") === 0) { this.highlight(id.slice(5)); }
    else if (id.indexOf("facs-") === 0) { this.show(id.slice(5)); }
  };

  function start() {
    var aside = document.querySelector("aside.facsimile");
    if (!aside) { return; }
    var viewer = new Viewer(aside);
    viewer.bind();
    window.editionFacsimile = viewer;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
