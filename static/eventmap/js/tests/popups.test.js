import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cellElement, popupElement } from "../popups.js";
import { sourceItem } from "../sources.js";
import { fakeDocument } from "./fake-dom.js";
import { assertInert, HOSTILE } from "./hostile.js";

const nPrec = 3;
const nStatus = 2;
const nType = 2;
const code = (side, type, status, prec) => ((side * nType + type) * nStatus + status) * nPrec + prec;
const fields = ["sub_event_type", "actor", "target", "description", "description_original", "language", "fatalities",
  "injured", "claimed_by", "disputed_by", "verification", "report_date", "date_note", "location", "notes", "event_id",
  "sources"];

// A map payload (eventmap.mapping.layers) whose every text is `text`.
function payload(text) {
  const values = Object.fromEntries(fields.map((name) => [name, text]));
  Object.assign(values, { language: "uk", fatalities: 0, injured: "", report_date: "2022-03-01",
    sources: [["https://example.org/a?b=<c>", text], ["", text]] });
  return {
    nPrec, nStatus, nType, dir: "ltr", day0: Date.parse("2022-02-24T00:00:00Z"),
    colours: ["#C00000", "#0050A0"], shapes: ["M12 4L20 20H4z", "M4 4H20V20H4z"],
    statusStyles: [{ filled: true, fill_opacity: 0.9, opacity: 1, stroke_width: 1, dash: "" },
                   { filled: false, fill_opacity: 0, opacity: 0.8, stroke_width: 2, dash: "3,2" }],
    cols: { k: [code(1, 0, 0, 1), code(0, 1, 1, 0)], p: [0, 0], d: [3, -1] },
    places: [[50, 30, text]], types: [text, "Airstrike"], sides: [text, "Ukraine"], statuses: [text, "claimed"],
    precisions: ["", text],
    labels: { date: "Date", place: "Place", side: "Side", actor: "Actor", target: "Target", status: "Status",
              verification: "Verification", claimed_by: "Claimed by", disputed_by: "Disputed by", fatalities: "Killed",
              injured: "Injured", report_date: "Reported", sources: "Sources", notes: "Notes", original: "Original" },
    strings: { noSource: "no source", noDetails: "no details", cellEvents: "{n} events", cellHelp: "zoom in" },
    fieldIndex: Object.fromEntries(fields.map((f, i) => [f, i])),
    details: [fields.map((name) => values[name])],
    grid: { n: [12], top: [[[0, 9], [1, 3]]] },
  };
}

describe("the map's popup", () => {
  for (const text of HOSTILE) {
    it(`puts ${JSON.stringify(text)} in as text only`, () => {
      const doc = fakeDocument();
      const root = popupElement(doc, payload(text), 0);
      assertInert(assert, root, ["svg", "path", "b"]);
      assert.equal(root.find((e) => e.localName === "svg").length, 1); // the marker's symbol, made here
      for (const bold of root.find((e) => e.localName === "b")) assert.equal(bold.children.length, 0);
      const cells = root.find((e) => e.localName === "td").map((e) => e.textContent);
      assert.ok(cells.includes(text), cells);
      assert.ok(root.textContent.includes(`(${text})`)); // the place as reported
      assert.ok(!root.serialize().includes("<img"));
      assert.ok(!root.serialize().includes("<script"));
      const links = root.find((e) => e.localName === "a");
      assert.deepEqual(links.map((a) => [a.href, a.textContent]), [["https://example.org/a?b=<c>", "example.org/a?b=<c>"]]);
      assert.equal(links[0].rel, "noopener noreferrer");
    });
  }

  it("lays out the rows in order, the day, and the event's id last", () => {
    const root = popupElement(fakeDocument(), payload("x"), 0);
    const heads = root.find((e) => e.localName === "th").map((e) => e.textContent);
    assert.deepEqual(heads, ["Date", "Place", "Side", "Actor", "Target", "Status", "Verification", "Claimed by",
      "Disputed by", "Killed", "Reported"]);
    assert.equal(root.find((e) => e.localName === "td")[0].textContent, "2022-02-27 x");
    assert.equal(root.children.at(-1).className, "em-muted em-id");
    assert.equal(root.getAttribute("dir"), "ltr");
  });

  it("an event without details says so, with an unknown day", () => {
    const root = popupElement(fakeDocument(), payload("x"), 1);
    assert.equal(root.find((e) => e.localName === "td")[0].textContent, "?");
    assert.equal(root.children.at(-1).textContent, "no details");
  });

  it("a source without a web address is its text, in a span", () => {
    for (const href of ["javascript:alert(1)", "data:text/html,<b>x</b>", "//evil.example", ""]) {
      const item = sourceItem(fakeDocument(), [href, "<b>Name</b>"]);
      assert.equal(item.serialize(), '<li><span dir="auto">&lt;b&gt;Name&lt;/b&gt;</span></li>');
    }
  });

  for (const text of HOSTILE) {
    it(`a grid cell names the side ${JSON.stringify(text)} as text`, () => {
      const root = cellElement(fakeDocument(), payload(text), 0);
      assertInert(assert, root, ["b"]);
      assert.deepEqual(root.find((e) => e.localName === "li").map((e) => e.textContent), [`${text}: 9`, "Ukraine: 3"]);
      assert.equal(root.children[0].textContent, "12 events");
    });
  }
});
