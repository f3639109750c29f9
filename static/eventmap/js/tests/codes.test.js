import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cellRadius, clashes, clusterSize, clusterStops, isoDay, markerSvg, unpack } from "../codes.js";
import { cellHtml, popupHtml } from "../popups.js";

const P = {
  nPrec: 3, nStatus: 4, nType: 5,
  colours: ["#c00000", "#0050a0"],
  shapes: ["M12 4L20 20H4z", "M4 4H20V20H4z", "", "", ""],
  statusStyles: [
    { filled: true, fill_opacity: 0.9, opacity: 1, stroke_width: 1, dash: null },
    { filled: false, fill_opacity: 0.5, opacity: 0.8, stroke_width: 2, dash: null },
    { filled: true, fill_opacity: 0.7, opacity: 0.9, stroke_width: 1.5, dash: "3,2" },
  ],
};
const code = (side, type, status, prec) => ((side * P.nType + type) * P.nStatus + status) * P.nPrec + prec;

describe("unpack", () => {
  const cases = [
    [0, 0, 0, 0],
    [1, 4, 3, 2],
    [1, 0, 2, 1],
    [0, 3, 0, 2],
    [7, 2, 1, 0],
  ];
  for (const [side, type, status, prec] of cases) {
    it(`side ${side}, type ${type}, status ${status}, precision ${prec}`, () => {
      assert.deepEqual(unpack(P, code(side, type, status, prec)), { side, type, status, prec });
    });
  }
});

describe("isoDay", () => {
  const day0 = Date.parse("2022-02-24T00:00:00Z");
  const cases = [[0, "2022-02-24"], [5, "2022-03-01"], [365, "2023-02-24"], [-1, "?"]];
  for (const [offset, expected] of cases) it(`${offset} -> ${expected}`, () => assert.equal(isoDay(day0, offset), expected));
});

describe("markers and clusters", () => {
  it("fills a confirmed marker with the side's palette colour, outlined dark", () => {
    const svg = markerSvg(P, 1, 0, 0, 18);
    assert.match(svg, /width="18" height="18"/);
    assert.match(svg, /d="M12 4L20 20H4z" fill="#0050a0" fill-opacity="0.9" stroke="#222222" stroke-width="1"/);
    assert.doesNotMatch(svg, /dasharray/);
  });
  it("rings a claimed marker, dashes a disputed one", () => {
    assert.match(markerSvg(P, 0, 1, 1, 20), /fill="#FFFFFF" fill-opacity="0.75" stroke="#c00000"/);
    assert.match(markerSvg(P, 0, 1, 2, 20), /stroke="#c00000" stroke-width="1.5" stroke-dasharray="3,2"/);
  });
  const stops = [
    [{ 0: 1 }, "#c00000 0.00% 100.00%"],
    [{ 0: 1, 1: 3 }, "#0050a0 0.00% 75.00%,#c00000 75.00% 100.00%"],
    [{ 0: 2, 1: 2 }, "#c00000 0.00% 50.00%,#0050a0 50.00% 100.00%"],
  ];
  for (const [counts, expected] of stops) {
    it(`cluster pie of ${JSON.stringify(counts)}`, () => assert.equal(clusterStops(counts, P.colours), expected));
  }
  const sizes = [[1, 30, 4], [10, 38, 11.3], [1000, 54, 25.9], [1e6, 78, 30]];
  for (const [n, size, radius] of sizes) {
    it(`${n} events: cluster ${size} px, cell radius ${radius}`, () => {
      assert.equal(clusterSize(n), size);
      assert.equal(Math.round(cellRadius(n) * 10) / 10, radius);
    });
  }
});

describe("label declutter", () => {
  const placed = [[0, 0, 10, 10]];
  const cases = [
    [[5, 5, 15, 15], true],
    [[10, 0, 20, 10], false],
    [[0, 10, 10, 20], false],
    [[-5, -5, 1, 1], true],
    [[20, 20, 30, 30], false],
  ];
  for (const [box, expected] of cases) it(`${box} -> ${expected}`, () => assert.equal(clashes(box, placed), expected));
});

describe("popups: escaped pieces put together, never unescaped", () => {
  const fields = ["event_id", "actor", "description", "sources", "notes", "language", "description_original"];
  const escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
  const payload = {
    ...P, dir: "ltr", day0: Date.parse("2022-02-24T00:00:00Z"),
    cols: { k: [code(1, 0, 0, 1), code(0, 1, 1, 0)], p: [0, 0], d: [3, -1] },
    places: [[50, 30, "Kyiv &amp; around"]],
    types: ["Shelling", "Airstrike"], sides: ["Russia", "Ukraine"], statuses: ["confirmed", "claimed"],
    precisions: ["", "approx. 5 km"],
    labels: { date: "Date", place: "Place", side: "Side", actor: "Actor", target: "Target", status: "Status",
              verification: "Verification", claimed_by: "Claimed by", disputed_by: "Disputed by", fatalities: "Killed",
              injured: "Injured", report_date: "Reported", sources: "Sources", notes: "Notes", original: "Original" },
    strings: { noSource: "no source", noDetails: "no details", cellEvents: "{n} events", cellHelp: "zoom in" },
    fieldIndex: Object.fromEntries(fields.map((f, i) => [f, i])),
    details: [["ev-1", escaped, escaped, [["https://example.org/x", "example.org"], ["", escaped]], "", "uk", ""]],
    grid: { n: [12], top: [[[0, 9], [1, 3]]] },
  };
  it("keeps escaped text escaped and puts the rows in order", () => {
    const html = popupHtml(payload, 0);
    assert.ok(!html.includes("<script"));
    assert.ok(html.includes(`<td>${escaped}</td>`));
    assert.ok(html.includes('<a href="https://example.org/x" target="_blank" rel="noopener noreferrer">example.org</a>'));
    assert.ok(html.includes(`<span dir="auto">${escaped}</span>`));
    const heads = [...html.matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(heads, ["Date", "Place", "Side", "Actor", "Status"]);
    assert.ok(html.includes("<td>2022-02-27</td>"));
    assert.ok(html.includes('Kyiv &amp; around <span class="em-muted">approx. 5 km</span>'));
    assert.ok(html.endsWith('<div class="em-muted em-id">ev-1</div></div>'));
  });
  it("an event without details says so", () => {
    const html = popupHtml(payload, 1);
    assert.ok(html.includes("<td>?</td>"));
    assert.ok(html.endsWith('<p class="em-muted">no details</p></div>'));
  });
  it("a grid cell counts its events and sides", () => {
    assert.equal(cellHtml(payload, 0), '<div class="em-popup" dir="ltr"><b>12 events</b><ul class="em-plain">'
      + '<li><span class="em-swatch" style="background:#c00000"></span>Russia: 9</li>'
      + '<li><span class="em-swatch" style="background:#0050a0"></span>Ukraine: 3</li></ul><p class="em-muted">zoom in</p></div>');
  });
});
