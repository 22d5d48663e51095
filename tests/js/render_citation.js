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

// One engine for all requests: building it (parsing the style) is the slow part. Before
// each request the engine's registry is reset to that one item, so no request sees another
// (no disambiguation across items, every citation is a first citation).
let current = null;
const engine = new CSL.Engine(
  {
    retrieveLocale: () => locale,
    retrieveItem: (id) => (current && id === String(current.id) ? current : undefined),
  },
  style, "en-US", true);
engine.setOutputFormat(format === "html" ? "html" : "text");

function reference(item) {
  const [, entries] = engine.makeBibliography();
  return entries.join("").trim();
}

function pinpoint(item, locator, label) {
  const citation = {
    citationItems: [{ id: String(item.id), locator, label }],
    properties: { noteIndex: 1 },
  };
  const result = engine.processCitationCluster(citation, [], []);
  return result[1][0][1];
}

const results = requests.map(({ item: data, locator, label }, index) => {
  // a fresh id per request: the engine caches items by id
  const item = Object.assign({}, data, { id: `request-${index}` });
  current = item;
  engine.updateItems([String(item.id)]);
  return {
    reference: reference(item),
    pinpoint: locator ? pinpoint(item, locator, label || "page") : null,
  };
});
process.stdout.write(JSON.stringify(results));
