import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// Read the modules' source: no module puts markup into the page, and markup handed to Leaflet (a divIcon's
// `html` as a string) is made only of numbers, palette colours and shape paths, in these known places.
const here = dirname(fileURLToPath(import.meta.url));
const modules = readdirSync(join(here, "..")).filter((name) => name.endsWith(".js"));
const MARKUP_SINKS = /\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|\bDOMParser\b|createContextualFragment/;
const HTML_STRING_OPTIONS = new Map([
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template, on purpose
  ["markers.js", ["html: `<div style=\"background:conic-gradient(${clusterStops(counts, P.colours)})\"><span>${markers.length}</span></div>`",
                  "html: markerSvg(P, u.side, u.type, u.status, size)"]],
]);

describe("no module puts data into the page as markup", () => {
  it("finds the modules", () => assert.ok(modules.length > 20, modules));
  for (const name of modules) {
    it(name, () => {
      const lines = readFileSync(join(here, "..", name), "utf8").split("\n");
      const code = lines.filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line));
      for (const line of code) assert.ok(!MARKUP_SINKS.test(line), `${name}: ${line.trim()}`);
      const allowed = HTML_STRING_OPTIONS.get(name) || [];
      for (const line of code.filter((l) => /\bhtml:\s*[`"']|\bhtml:\s*\w+\(/.test(l))) {
        const option = line.trim().replace(/,$/, "");
        assert.ok(allowed.includes(option) || /^html: (make|labelElement|placeIcon)\(/.test(option.replace(/^icon: L\.divIcon\(\{.*?(html:)/, "$1")),
          `${name}: ${option}`);
      }
    });
  }
});
