import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  canvasTransform, decodePayload, hexRgb, inGridOrder, nextChunk, pickText, pointAttributes, pointSizePx, SHAPE_CODES, summaryLines,
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

describe("canvas transform during a zoom", () => {
  it("keeps the canvas where it was drawn when nothing moved", () => {
    assert.deepEqual(canvasTransform([1000, 2000], 5, 5, [900, 1900]), { offset: [100, 100], scale: 1 });
  });
  it("doubles the image and its corner's world pixel one zoom level in", () => {
    // the corner at world pixel (1000, 2000) at zoom 5 is (2000, 4000) at zoom 6
    assert.deepEqual(canvasTransform([1000, 2000], 5, 6, [1800, 3700]), { offset: [200, 300], scale: 2 });
  });
  it("halves it one level out, and scales by fractions for wheel and pinch steps", () => {
    assert.deepEqual(canvasTransform([1000, 2000], 5, 4, [400, 900]), { offset: [100, 100], scale: 0.5 });
    const t = canvasTransform([1000, 2000], 5, 5.5, [0, 0]);
    assert.ok(Math.abs(t.scale - Math.SQRT2) < 1e-12);
    assert.ok(Math.abs(t.offset[0] - 1000 * Math.SQRT2) < 1e-9 && Math.abs(t.offset[1] - 2000 * Math.SQRT2) < 1e-9);
  });
  it("maps any point of the image to where the map shows it at the new zoom", () => {
    // a point drawn at canvas pixel (30, 40) is world pixel (1030, 2040) at zoom 5, (4120, 8160) at zoom 7
    const t = canvasTransform([1000, 2000], 5, 7, [4000, 8000]);
    assert.deepEqual([t.offset[0] + 30 * t.scale, t.offset[1] + 40 * t.scale], [4120 - 4000, 8160 - 8000]);
  });
});

describe("chunk size", () => {
  it("halves after a slow chunk, down to the minimum", () => {
    assert.equal(nextChunk(100000, 120), 50000);
    assert.equal(nextChunk(6000, 120), 5000);
  });
  it("grows after quick chunks, up to the maximum, and stays between", () => {
    assert.equal(nextChunk(40000, 5), 60000);
    assert.equal(nextChunk(90000, 3, { max: 100000 }), 100000);
    assert.equal(nextChunk(40000, 20), 40000);
  });
});
