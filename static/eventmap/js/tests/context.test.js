import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextStyle, placeIcon, RIVER_COLOUR } from "../context.js";
import { fakeDocument } from "./fake-dom.js";

describe("basemap context", () => {
  it("names a place as text only", () => {
    const name = "<img src=x onerror=alert(1)> Gavarr";
    const icon = placeIcon(fakeDocument(), name);
    assert.equal(icon.textContent, name);
    assert.ok(icon.serialize().includes("&lt;img src=x onerror=alert(1)&gt;"));
    assert.equal(icon.find((e) => e.localName === "img").length, 0);
    assert.equal(icon.children[1].getAttribute("dir"), "auto");
  });

  it("fills lakes with the sea's colour and draws rivers as lines", () => {
    const style = contextStyle({ sea: "#CFE2EE", coast: "#8FAFC4" });
    assert.equal(style({ properties: { kind: "lake" } }).fillColor, "#CFE2EE");
    const river = style({ properties: { kind: "river" } });
    assert.equal(river.color, RIVER_COLOUR);
    assert.equal(river.fill, false);
  });
});
