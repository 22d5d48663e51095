/* The edition's page behaviour: popovers, the reading switch, the Cite dialog.
   Without this script every page still works: mentions are plain links, notes and
   apparatus entries are reached by their markers, citations are in the Cite box.
   Content is always inserted as text or as cloned nodes of the page itself, never as
   markup strings. */
(function () {
  "use strict";

  /* ------------------------------------------------------------ popovers */
  // An element with data-tip="X" shows element X beside it on hover and on keyboard
  // focus (WCAG 1.4.13: the popover can be hovered, stays until dismissed, and Escape
  // closes it). Screen readers announce X through aria-describedby.
  var popover = null;
  var owner = null;
  var hideTimer = null;

  function ensurePopover() {
    if (popover) return popover;
    popover = document.createElement("div");
    popover.className = "popover";
    popover.id = "popover";
    popover.setAttribute("role", "tooltip");
    popover.hidden = true;
    popover.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    popover.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(popover);
    return popover;
  }

  function show(trigger) {
    var source = document.getElementById(trigger.getAttribute("data-tip"));
    if (!source) return;
    clearTimeout(hideTimer);
    var box = ensurePopover();
    box.replaceChildren();
    Array.prototype.forEach.call(source.childNodes, function (node) {
      var copy = node.cloneNode(true);
      if (copy.querySelectorAll) {
        copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
        if (copy.removeAttribute) copy.removeAttribute("id");
      }
      box.appendChild(copy);
    });
    box.querySelectorAll(".backlink").forEach(function (el) { el.remove(); });
    // a tooltip holds no controls: links in a note become plain text in its popover
    box.querySelectorAll("a, button, [tabindex]").forEach(function (el) {
      var span = document.createElement("span");
      span.className = el.className;
      while (el.firstChild) span.appendChild(el.firstChild);
      el.replaceWith(span);
    });
    box.hidden = false;
    owner = trigger;
    var rect = trigger.getBoundingClientRect();
    var width = Math.min(360, document.documentElement.clientWidth - 16);
    box.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(rect.left + window.scrollX,
      window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    box.style.top = (rect.bottom + window.scrollY + 6) + "px";
  }

  function hide() {
    if (popover) popover.hidden = true;
    owner = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  function tipOf(target) {
    return target && target.closest ? target.closest("[data-tip]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var trigger = tipOf(event.target);
    if (trigger && trigger !== owner) show(trigger);
    else if (trigger) clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", function (event) {
    if (tipOf(event.target)) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var trigger = tipOf(event.target);
    if (trigger) show(trigger);
    else if (!(popover && popover.contains(event.target))) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (tipOf(event.target)) scheduleHide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && owner) hide();
  });

  /* ------------------------------------------------------------ reading switch */
  // One control switches the whole text between the edited reading and the text as
  // transcribed (sic, orig, abbr instead of corr, reg, expan).
  function setupReadingSwitch() {
    var button = document.querySelector(".reading-switch");
    var body = document.getElementById("text-body");
    if (!button || !body) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var diplomatic = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", diplomatic ? "true" : "false");
      // a toggle button keeps its label; its pressed state says which reading is shown
      body.classList.toggle("diplomatic", diplomatic);
    });
  }

  /* ------------------------------------------------------------ citations */
  // Allow only the inline formatting citation styles use; everything else becomes text.
  var ALLOWED = { I: "i", B: "b", EM: "em", STRONG: "strong", SPAN: "span", SUP: "sup",
                  SUB: "sub" };

  function appendSafe(target, html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    (function copy(from, to) {
      Array.prototype.forEach.call(from.childNodes, function (node) {
        if (node.nodeType === 3) {
          to.appendChild(document.createTextNode(node.nodeValue));
        } else if (node.nodeType === 1) {
          var name = ALLOWED[node.tagName];
          var el = name ? document.createElement(name) : document.createDocumentFragment();
          copy(node, el);
          to.appendChild(el);
        }
      });
    })(parsed, target);
  }

  var pendingCites = {};

  function loadCites(article, done) {
    var textId = article.getAttribute("data-text");
    var all = window.EDITION_CITES || {};
    if (all[textId]) { done(all[textId]); return; }
    if (pendingCites[textId]) { pendingCites[textId].push(done); return; }
    pendingCites[textId] = [done];
    var script = document.createElement("script");
    script.src = article.getAttribute("data-cite-script");
    script.onload = function () {
      var data = (window.EDITION_CITES || {})[textId] || {};
      pendingCites[textId].forEach(function (callback) { callback(data); });
      pendingCites[textId] = null;
    };
    document.head.appendChild(script);
  }

  function download(link, content) {
    var blob = new Blob([content], { type: link.getAttribute("data-type") + ";charset=utf-8" });
    if (link.href.indexOf("blob:") === 0) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(blob);
  }

  // The citations of a text's paragraphs are packed (edition/html/packing.py): one
  // template per field with placeholders for the paragraph's reference (\u0001) and
  // locator (\u0002), and per paragraph only what the template does not reproduce.
  function unpack(packed, ref) {
    var row = (packed.p || []).find(function (r) { return r[0] === ref; });
    if (!row) return null;
    var entry = {};
    Object.keys(packed.t).forEach(function (field) {
      entry[field] = packed.t[field].split("\u0001").join(row[0]).split("\u0002").join(row[1]);
    });
    Object.keys(row[2]).forEach(function (field) { entry[field] = row[2][field]; });
    return entry;
  }

  function openCiteDialog(article, button) {
    var dialog = document.getElementById("cite-dialog");
    var ref = button.getAttribute("data-ref");
    loadCites(article, function (data) {
      var entry = unpack(data, ref);
      if (!entry) return;
      dialog.querySelector(".cite-dialog-ref").textContent =
        ref.slice(article.getAttribute("data-text").length + 1);
      dialog.querySelectorAll("[data-style]").forEach(function (slot) {
        slot.replaceChildren();
        appendSafe(slot, entry[slot.getAttribute("data-style")] || "");
      });
      dialog.querySelectorAll("a[data-format]").forEach(function (link) {
        download(link, entry[link.getAttribute("data-format")] || "");
        link.setAttribute("download", ref + "." + link.getAttribute("data-ext"));
      });
      dialog.returnFocusTo = button;
      dialog.showModal();
    });
  }

  function setupCitations() {
    var article = document.querySelector("article[data-cite-script]");
    if (article) {
      article.querySelectorAll(".cite-para").forEach(function (button) {
        button.hidden = false;
      });
      article.addEventListener("click", function (event) {
        var button = event.target.closest(".cite-para");
        if (button) openCiteDialog(article, button);
      });
      var dialog = document.getElementById("cite-dialog");
      dialog.addEventListener("close", function () {
        if (dialog.returnFocusTo) dialog.returnFocusTo.focus();
      });
    }
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        });
      });
    });
  }

  function start() {
    setupReadingSwitch();
    setupCitations();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
