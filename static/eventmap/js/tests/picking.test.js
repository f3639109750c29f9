import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildGrid, decodeColumn, mercator, nearestPoint, projectPoints, visibleRanges } from "../picking.js";

const b64 = (typed) => Buffer.from(typed.buffer).toString("base64");

describe("decodeColumn", () => {
  const cases = [
    ["f32", new Float32Array([46.75, -39.8125, 0])],
    [1, new Uint8Array([0, 3, 255])],
    [2, new Uint16Array([0, 65535, 1234])],
  ];
  for (const [kind, values] of cases) {
    it(`reads ${kind} columns back`, () => assert.deepEqual(Array.from(decodeColumn(b64(values), kind)), Array.from(values)));
  }
});

describe("mercator", () => {
  // Leaflet's EPSG:3857 at zoom 0, from the tangent form of the projection
  const cases = [
    [0, 0, 128, 128],
    [-180, 0, 0, 128],
    [180, 0, 256, 128],
    [46.75, 39.82, 161.2444, 97.0831], // y = 256 (1/2 - ln tan(pi/4 + lat/2) / 2 pi)
    [0, 89.9, 128, 0],
  ];
  for (const [lon, lat, x, y] of cases) {
    it(`${lon}, ${lat}`, () => {
      const [px, py] = mercator(lon, lat);
      assert.ok(Math.abs(px - x) < 1e-3 && Math.abs(py - y) < 1e-3, `${px}, ${py}`);
    });
  }
});

describe("projectPoints", () => {
  it("keeps positions relative to the middle of the points, precise at street zoom", () => {
    const lon = new Float32Array([46.75, 46.75001, 47.5]);
    const lat = new Float32Array([39.8, 39.8, 40.1]);
    const { origin, xy } = projectPoints(lon, lat);
    const scale = 2 ** 18;
    const [x0] = mercator(lon[0], lat[0]);
    const [x1] = mercator(lon[1], lat[1]);
    assert.ok(Math.abs((xy[0] + origin[0]) * scale - x0 * scale) < 0.5);
    assert.ok(Math.abs((xy[2] - xy[0]) * scale - (x1 - x0) * scale) < 0.5);
  });
});

function randomPoints(n, seed) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const xy = new Float32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) xy[i] = next() * 10 - 5;
  return xy;
}

function bruteNearest(xy, x, y, radius) {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < xy.length / 2; i++) {
    const d = (xy[2 * i] - x) ** 2 + (xy[2 * i + 1] - y) ** 2;
    if (d < bestD || (d === bestD && i > best)) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

describe("nearestPoint", () => {
  const xy = randomPoints(20000, 7);
  const grid = buildGrid(xy);
  const queries = [
    [0, 0, 0.05], [4.99, -4.99, 0.2], [-5, 5, 0.01], [1.234, 2.345, 0.03], [7, 7, 0.5], [0.5, -0.5, 3],
  ];
  for (const [x, y, r] of queries) {
    it(`finds the same point as a full scan at (${x}, ${y}) within ${r}`, () => {
      assert.equal(nearestPoint(grid, xy, x, y, r), bruteNearest(xy, x, y, r));
    });
  }
  it("returns every point when clicked exactly on it", () => {
    for (const i of [0, 1, 777, 19999]) assert.equal(nearestPoint(grid, xy, xy[2 * i], xy[2 * i + 1], 1e-6), i);
  });
  it("prefers the later of two points at the same place (drawn on top)", () => {
    const same = new Float32Array([1, 1, 2, 2, 1, 1]);
    assert.equal(nearestPoint(buildGrid(same), same, 1, 1, 0.1), 2);
  });
  it("finds nothing far from every point, and nothing in an empty layer", () => {
    assert.equal(nearestPoint(grid, xy, 50, 50, 1), -1);
    const none = new Float32Array(0);
    assert.equal(nearestPoint(buildGrid(none), none, 0, 0, 1), -1);
  });
  it("indexes every point exactly once", () => {
    assert.deepEqual(Array.from(grid.order).sort((a, b) => a - b), Array.from({ length: 20000 }, (_, i) => i));
  });
});

describe("visibleRanges", () => {
  const xy = randomPoints(5000, 11);
  const grid = buildGrid(xy);
  const inside = (x0, y0, x1, y1) => {
    const found = [];
    for (let i = 0; i < 5000; i++) {
      const x = xy[2 * i];
      const y = xy[2 * i + 1];
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1) found.push(i);
    }
    return found;
  };
  const boxes = [[-5, -5, 5, 5], [0, 0, 1, 1], [-4.9, 2, -3, 4.5], [4.9, 4.9, 6, 6], [-2, -0.01, 2, 0.01]];
  for (const box of boxes) {
    it(`covers every point inside [${box}] and few outside`, () => {
      const ranges = visibleRanges(grid, ...box);
      const drawn = new Set();
      for (const [from, to] of ranges) for (let k = from; k < to; k++) drawn.add(grid.order[k]);
      for (const i of inside(...box)) assert.ok(drawn.has(i), `point ${i}`);
      const expected = inside(...box).length;
      assert.ok(drawn.size <= expected + 4 * 2 * Math.sqrt(5000) + 50, `${drawn.size} drawn for ${expected}`);
    });
  }
  it("gives nothing for a box beside the points", () => assert.deepEqual(visibleRanges(grid, 20, 20, 30, 30), []));
  it("gives one range for the whole grid", () => assert.deepEqual(visibleRanges(grid, -9, -9, 9, 9), [[0, 5000]]));
});
