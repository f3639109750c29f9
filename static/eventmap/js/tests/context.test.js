import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextStyle, placeContext, placeIcon, RIVER_COLOUR, twinInView } from "../context.js";
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

describe("the basemap's place names give way to the events' names", () => {
  const view = [0, 0, 400, 300];
  const place = (x, y, extra = {}) => ({ x, y, w: 40, h: 12, rank: 1000, twinShown: false, ...extra });
  const meets = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

  it("names a lone place beside its dot", () => {
    const [spot] = placeContext([place(100, 100)], [], [], view);
    assert.ok(spot);
    assert.ok(spot.box[0] >= 100 || spot.box[2] <= 100);
  });

  const hidden = [
    ["at an event's labelled place (named once, by the event's label)", [place(100, 100)], [[106, 104]], []],
    ["while its namesake elsewhere is on screen (a second Agdam)", [place(100, 100, { twinShown: true })], [], []],
    ["when its dot is under an event's name", [place(100, 100)], [], [[80, 95, 160, 110]]],
    ["when its dot is under a cluster icon", [place(100, 100)], [], [[90, 90, 110, 110]]],
    ["outside the map", [place(500, 100)], [], []],
    ["with no room beside its dot", [place(100, 100)], [], [[40, 60, 98, 140], [102, 60, 160, 140], [40, 60, 160, 98],
      [40, 102, 160, 140]]],
  ];
  for (const [name, places, points, obstacles] of hidden) {
    it(`is not drawn ${name}`, () => assert.deepEqual(placeContext(places, points, obstacles, view), [null]));
  }

  it("never over an event's name, a marker, or another context name; the bigger place wins", () => {
    const eventName = [112, 92, 190, 108]; // right of the first place's dot, where its name would go first
    const places = [place(100, 100, { rank: 5 }), place(100, 112, { rank: 500_000 })];
    const spots = placeContext(places, [], [eventName], view);
    for (const spot of spots.filter(Boolean)) assert.equal(meets(spot.box, eventName), false);
    assert.ok(spots[1], "the bigger place is named");
    if (spots[0]) assert.equal(meets(spots[0].box, spots[1].box), false);
  });
});

describe("twins", () => {
  const cases = [
    ["Aghdam on screen", [[39.991, 46.9274]], [39, 45, 41.5, 48], true],
    ["Aghdam off screen (zoomed in on Tovuz)", [[39.991, 46.9274]], [40.7, 45.3, 41.1, 45.9], false],
    ["no twin", [], [39, 45, 41.5, 48], false],
    ["twins missing", undefined, [39, 45, 41.5, 48], false],
  ];
  for (const [name, twins, bounds, expected] of cases) it(name, () => assert.equal(twinInView(twins, bounds), expected));
});
