/* The apparatus of a text page: a reading view per witness and a filter of entries.
   The page carries, beside each lemma, what every other witness reads there (hidden
   spans with data-wit); choosing a witness shows its readings in place of the lemmas.
   The entries carry the witnesses they name (data-wit) and the kinds of their readings
   (data-type); the filter hides the others. Without this script the form stays hidden
   and the page shows the edited text and every entry. Nothing is written as markup. */
(function () {
  "use strict";

  var tools = document.querySelector(".apparatus-tools");
  if (!tools) return;
  var view = document.getElementById("witness-view");
  var byWitness = document.getElementById("app-witness");
  var byKind = document.getElementById("app-kind");
  var count = tools.querySelector(".app-count");
  var entries = document.querySelectorAll("ol.apparatus > li");

  function names(element, attribute, value) {
    return (" " + (element.getAttribute(attribute) || "") + " ").indexOf(" " + value + " ") >= 0;
  }

  // The text as witness `siglum` has it: at each variant, its reading, else the lemma.
  function read() {
    var witness = view ? view.value : "";
    document.querySelectorAll(".text-body .app").forEach(function (app) {
      var chosen = null;
      app.querySelectorAll(":scope > .rdg-text").forEach(function (reading) {
        if (witness && !chosen && names(reading, "data-wit", witness)) chosen = reading;
      });
      app.querySelectorAll(":scope > .rdg-text").forEach(function (reading) {
        reading.hidden = reading !== chosen;
      });
      var lemma = app.querySelector(":scope > .lem-text");
      if (lemma) lemma.hidden = chosen !== null;
      app.classList.toggle("witness-reading", chosen !== null);
    });
    document.body.classList.toggle("witness-view", Boolean(witness));
  }

  function filter() {
    var witness = byWitness ? byWitness.value : "";
    var kind = byKind.value;
    var shown = 0;
    entries.forEach(function (entry) {
      var keep = (!witness || names(entry, "data-wit", witness))
        && (!kind || names(entry, "data-type", kind));
      entry.hidden = !keep;
      if (keep) shown += 1;
    });
    var noun = entries.length === 1 ? " entry" : " entries";
    count.textContent = shown === entries.length
      ? entries.length + noun
      : shown + " of " + entries.length + noun + " shown";
  }

  tools.addEventListener("submit", function (event) { event.preventDefault(); });
  if (view) view.addEventListener("change", read);
  if (byWitness) byWitness.addEventListener("change", filter);
  byKind.addEventListener("change", filter);
  tools.hidden = false;
  filter();
})();
