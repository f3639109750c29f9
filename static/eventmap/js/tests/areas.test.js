import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addAreas } from "../areas.js";
import { fakeDocument } from "./fake-dom.js";

// Just enough of Leaflet to see what addAreas asks of it: each feature's tooltip, the layers added.
function fakeLeaflet() {
  const tooltips = [];
  const added = [];
  return {
    tooltips,
    added,
    L: {
      geoJSON(geojson, options) {
        for (const feature of geojson.features) {
          options.onEachFeature(feature, { bindTooltip: (content, o) => tooltips.push([content, o]) });
        }
        const layer = { style: options.style(), addTo: (map) => added.push([layer, map]) };
        return layer;
      },
    },
  };
}

describe("area layers", () => {
  const names = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "Stepanakert / Xankəndi", ""];
  it("name every district as text, style and key each layer, add only the shown ones", () => {
    const fake = fakeLeaflet();
    globalThis.L = fake.L;
    globalThis.document = fakeDocument();
    const attributions = [];
    const map = { attributionControl: { addAttribution: (html) => attributions.push(html) } };
    const features = names.map((name) => ({ properties: { name } }));
    const areas = [
      { key: "districts", geojson: { features }, shown: true, stroke: "#555", weight: 1, dash: "2,2", fill: "#eee",
        fillOpacity: 0.1, title: "Districts", attribution: "© <source>" },
      { key: "oblasts", geojson: { features: [] }, shown: false, stroke: "#000", weight: 2, dash: "", fill: "#fff",
        fillOpacity: 0, title: "Regions", attribution: "" },
    ];
    const byKey = {};
    const overlays = addAreas(map, areas, byKey);
    assert.deepEqual(Object.keys(overlays), ["Districts", "Regions"]);
    assert.equal(byKey.districts, overlays.Districts);
    assert.equal(byKey.districts.emKey, "districts");
    assert.deepEqual(byKey.districts.style, { color: "#555", weight: 1, dashArray: "2,2", fillColor: "#eee",
                                              fillOpacity: 0.1, opacity: 0.9 });
    assert.equal(byKey.oblasts.style.dashArray, null);
    assert.deepEqual(fake.added.map(([layer]) => layer.emKey), ["districts"]);
    assert.deepEqual(attributions, ["© &lt;source&gt;"]);
    assert.equal(fake.tooltips.length, names.length);
    fake.tooltips.forEach(([content, options], i) => {
      assert.equal(content.localName, "span");
      assert.equal(content.children.length, 0);
      assert.equal(content.textContent, names[i]);
      assert.equal(content.getAttribute("dir"), "auto");
      assert.equal(options.sticky, true);
    });
    assert.equal(fake.tooltips[0][0].serialize(),
      '<span class="em-area-name" dir="auto">&lt;img src=x onerror=alert(1)&gt;</span>');
    delete globalThis.L;
    delete globalThis.document;
  });
});
