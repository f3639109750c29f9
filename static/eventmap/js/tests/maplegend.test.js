import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fillNote } from "../mapcontrols.js";
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
