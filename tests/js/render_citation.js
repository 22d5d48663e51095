// Render CSL-JSON items with citeproc-js, the reference CSL processor, for comparison with
// the Python pipeline.
//
// usage: node render_citation.js STYLE.csl LOCALE.xml FORMAT < requests.json
//   FORMAT is "text" or "html". requests.json is an array of
//   {"item": {CSL-JSON item data}, "locator": "12" | null, "label": "paragraph" | null}.
// Prints a JSON array with, per request, {"reference": bibliography entry,
// "pinpoint": first citation with the locator, or null}.
"use strict";

const fs = require("fs");
const CSL = require("citeproc");

const [stylePath, localePath, format] = process.argv.slice(2);
const style = fs.readFileSync(stylePath, "utf8");
const locale = fs.readFileSync(localePath, "utf8");
const requests = JSON.parse(fs.readFileSync(0, "utf8"));

function engineFor(item) {
  const sys = {
    retrieveLocale: () => locale,
    retrieveItem: (id) => (id === String(item.id) ? item : undefined),
  };
  const engine = new CSL.Engine(sys, style, "en-US", true);
  engine.setOutputFormat(format === "html" ? "html" : "text");
  return engine;
}

function reference(item) {
  const engine = engineFor(item);
  engine.updateItems([String(item.id)]);
  const [, entries] = engine.makeBibliography();
  return entries.join("").trim();
}

function pinpoint(item, locator, label) {
  const engine = engineFor(item);
  engine.updateItems([String(item.id)]);
  const citation = {
    citationItems: [{ id: String(item.id), locator, label }],
    properties: { noteIndex: 1 },
  };
  const result = engine.processCitationCluster(citation, [], []);
  return result[1][0][1];
}

const results = requests.map(({ item, locator, label }) => ({
  reference: reference(item),
  pinpoint: locator ? pinpoint(item, locator, label || "page") : null,
}));
process.stdout.write(JSON.stringify(results));
