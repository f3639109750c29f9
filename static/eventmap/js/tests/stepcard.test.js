import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fillStepCard, stepView } from "../stepcard.js";
import { fakeDocument } from "./fake-dom.js";

describe("a step's view", () => {
  it("a box as Leaflet bounds", () => {
    assert.deepEqual(stepView({ view: { bbox: [38, 44, 41, 51] } }, [[40, 46]]), { bbox: [[38, 44], [41, 51]] });
  });
  it("a centre and a zoom", () => {
    assert.deepEqual(stepView({ view: { center: [39.8, 46.7], zoom: 8 } }, []), { center: [39.8, 46.7], zoom: 8 });
  });
  it("no view: the highlighted events' places", () => {
    assert.deepEqual(stepView({ view: null }, [[40, 46], [39, 47]]), { points: [[40, 46], [39, 47]] });
  });
  it("no view and no place: the map stays", () => {
    assert.equal(stepView({ view: null }, []), null);
  });
});

describe("a step's card", () => {
  it("puts every text in as text", () => {
    const doc = fakeDocument();
    const body = doc.createElement("div");
    const hostile = "<img src=x onerror=alert(1)>";
    fillStepCard(doc, body, { storyTitle: "Story", position: "Step 2 of 3", title: hostile, dates: "4 – 7 October",
                              text: `${hostile} text` });
    const texts = body.children.map((element) => element.textContent);
    assert.deepEqual(texts, ["Story · Step 2 of 3", hostile, "4 – 7 October", `${hostile} text`]);
    assert.equal(body.children.length, 4);
  });
});
