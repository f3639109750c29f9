import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cellRadius, clashes, clusterSize, clusterStops, isoDay, markerSvg, unpack } from "../codes.js";

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
