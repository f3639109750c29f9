import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  decodePayload, hexRgb, inGridOrder, pickText, pointAttributes, pointSizePx, SHAPE_CODES, summaryLines,
} from "../glpoints.js";

const b64 = (typed) => Buffer.from(typed.buffer).toString("base64");

const P = {
  key: "0123456789abcdef", day0: "2020-09-27", pointSizePx: 6,
  lon: b64(new Float32Array([46.7, 46.8, 47.0])), lat: b64(new Float32Array([39.8, 39.9, 40.0])),
  side: b64(new Uint8Array([0, 1, 1])), sideBytes: 1,
  type: b64(new Uint8Array([1, 2, 0])), typeBytes: 1,
  status: b64(new Uint8Array([0, 1, 1])), statusBytes: 1,
  day: b64(new Uint16Array([0, 14, 65535])),
  sides: ["Azerbaijan", "<img src=x onerror=alert(1)>"], colours: ["#0072b2", "#D55E00"],
  types: ["Explosions", "Battles", "Violence against civilians"], shapes: ["circle", "diamond", "triangle"],
  statuses: ["confirmed", "claimed"],
  statusStyles: [{ filled: true, opacity: 1, fillOpacity: 0.95 }, { filled: false, opacity: 0.6, fillOpacity: 0 }],
};

describe("hexRgb", () => {
  const cases = [["#0072b2", [0, 114, 178]], ["D55E00", [213, 94, 0]], ["red", [85, 85, 85]], [undefined, [85, 85, 85]]];
  for (const [hex, rgb] of cases) it(`${hex}`, () => assert.deepEqual(hexRgb(hex), rgb));
});

describe("point attributes", () => {
  const cols = decodePayload(P);
  const { rgba, style } = pointAttributes(P, cols);
  it("colours each point by its side from the palette", () => {
    assert.deepEqual(Array.from(rgba.slice(0, 4)), [0, 114, 178, 255]);
    assert.deepEqual(Array.from(rgba.slice(4, 8)), [213, 94, 0, 255]);
  });
  it("gives the type's shape and the status's fill and opacity", () => {
    assert.deepEqual(Array.from(style.slice(0, 4)), [SHAPE_CODES.diamond, 1, 255, 242]);
    assert.deepEqual(Array.from(style.slice(4, 8)), [SHAPE_CODES.triangle, 0, 153, 0]);
    assert.equal(style[8], SHAPE_CODES.circle);
  });
});

describe("summary and pick", () => {
  const cols = decodePayload(P);
  it("reads date, side, type and status of a point as plain strings", () => {
    assert.deepEqual(summaryLines(P, cols, 1), ["2020-10-11", "<img src=x onerror=alert(1)>", "Violence against civilians",
                                                "claimed"]);
    assert.equal(summaryLines(P, cols, 2)[0], "?");
  });
  it("names the point clicked by the payload's key and its index", () => assert.equal(pickText(P, 2), "em-point:0123456789abcdef:2"));
  it("grows points as the map zooms in", () => {
    assert.deepEqual([pointSizePx(P, 6), pointSizePx(P, 10), pointSizePx(P, 14)], [6, 9, 12]);
  });
});

describe("inGridOrder", () => {
  it("moves each point's position, colour and style together", () => {
    const xy = new Float32Array([1, 2, 3, 4, 5, 6]);
    const rgba = new Uint8Array([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    const style = new Uint8Array([10, 0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 0]);
    const out = inGridOrder(new Uint32Array([2, 0, 1]), xy, rgba, style);
    assert.deepEqual(Array.from(out.xy), [5, 6, 1, 2, 3, 4]);
    assert.deepEqual(Array.from(out.rgba.filter((_, j) => j % 4 === 0)), [3, 1, 2]);
    assert.deepEqual(Array.from(out.style.filter((_, j) => j % 4 === 0)), [30, 10, 20]);
  });
});
