import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fillNote, foldedByDefault, MAX_LEGEND_SHARE } from "../mapcontrols.js";
import { legendElement } from "../maplegend.js";
import { labelElement } from "../placelabels.js";
import { fakeDocument } from "./fake-dom.js";
import { assertInert, HOSTILE } from "./hostile.js";

const claimed = { filled: false, fill_opacity: 0, stroke_width: 3.2, dash: "", opacity: 1 };

function legend(text) {
  return {
    title: "Legend", open: true, dir: "rtl", neutral: "#555555", circle: "M12 4a8 8 0 1 0 0.01 0z",
    sides: { title: "Sides", rows: [[text, "#0072B2"], ["Azerbaijan", "#D55E00"]] },
    types: { title: "Types", rows: [[text, "M12 3L21 20H3z"]] },
    statuses: { title: "Claims", rows: [[text, claimed]] },
    marks: { title: "Marks", rows: [["near", text], ["cluster", "a cluster"]] },
  };
}

describe("the map's legend", () => {
  for (const text of HOSTILE) {
    it(`names sides, types, statuses and marks ${JSON.stringify(text)} as text`, () => {
      const root = legendElement(fakeDocument(), legend(text));
      assertInert(assert, root, ["svg", "path"]);
      const names = root.find((e) => e.className === "em-legend-row").map((e) => e.children.at(-1).textContent);
      assert.deepEqual(names, [text, "Azerbaijan", text, text, text, "a cluster"]);
      const titles = root.find((e) => e.className === "em-legend-title").map((e) => e.textContent);
      assert.deepEqual(titles, ["Sides", "Types", "Claims", "Marks"]);
      assert.equal(root.getAttribute("dir"), "rtl");
      assert.equal(root.children[0].textContent, "Legend");
    });
  }

  it("leaves out an empty section and draws each symbol from its style", () => {
    const shown = { ...legend("x"), types: { title: "Types", rows: [] } };
    const root = legendElement(fakeDocument(), shown);
    const titles = root.find((e) => e.className === "em-legend-title").map((e) => e.textContent);
    assert.deepEqual(titles, ["Sides", "Claims", "Marks"]);
    const status = root.find((e) => e.localName === "path")[0];
    assert.equal(status.getAttribute("fill"), "#FFFFFF");
    assert.equal(status.getAttribute("stroke"), "#555555");
    assert.equal(status.getAttribute("stroke-width"), "3.2");
  });
});

describe("notes and place labels", () => {
  for (const text of HOSTILE) {
    it(`a note and a place name ${JSON.stringify(text)} are text`, () => {
      const doc = fakeDocument();
      const note = fillNote(doc, doc.createElement("div"), [[text, true], text]);
      assertInert(assert, note, ["b"]);
      assert.deepEqual(note.childNodes.map((n) => n.localName || "#text"), ["b", "br", "#text"]);
      assert.equal(note.childNodes[0].textContent, text);
      assert.equal(note.childNodes[2].textContent, text);
      const parts = labelElement(doc, text);
      assertInert(assert, parts, ["span"]);
      assert.deepEqual(parts.children.map((n) => n.className), ["em-place-leader", "em-place-name"]);
      const label = parts.children[1];
      assert.equal(label.children.length, 0);
      assert.equal(label.textContent, text);
      assert.equal(label.getAttribute("dir"), "auto");
    });
  }
});

describe("legends folded on a small map", () => {
  const cases = [
    // [name, map area, unfolded legend areas, folded?]
    ["the dashboard at 1280×720: 35% of an 820×600 map", 820 * 600, [260 * 404, 266 * 259], true],
    ["the dashboard at 1920×1080: 20% of a 1460×600 map", 1460 * 600, [260 * 404, 266 * 259], true],
    ["a large map: 9% (legends open)", 1900 * 1000, [260 * 404, 266 * 259], false],
    ["exactly 15% stays open", 1000 * 1000, [150_000], false],
    ["one legend over 15%", 1000 * 1000, [150_001], true],
    ["no legend", 1000 * 1000, [], false],
    ["a map not laid out yet", 0, [100], false],
  ];
  for (const [name, map, areas, folded] of cases) {
    it(name, () => assert.equal(foldedByDefault(map, areas), folded));
  }

  it("the share is MAX_LEGEND_SHARE unless given", () => {
    assert.equal(MAX_LEGEND_SHARE, 0.15);
    assert.equal(foldedByDefault(100, [30], 0.5), false);
    assert.equal(foldedByDefault(100, [30], 0.2), true);
  });

  it("the legend says whether it opens folded by its own options", () => {
    assert.equal(legendElement(fakeDocument(), legend("x")).getAttribute("data-em-default"), "open");
    const folded = legendElement(fakeDocument(), { ...legend("x"), open: false });
    assert.equal(folded.getAttribute("data-em-default"), "folded");
  });
});
