import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { pickText, pointAttributes, preparePoints, prepareSubset } from "../glpoints.js";
import { projectPoints } from "../picking.js";
import {
  columnsOf, fetchColumns, fetchLabels, filteredColumns, gatherColumns, keptFlags, selectedIndices, UNKNOWN_DAY,
} from "../pointdata.js";

// Made by tests/eventmap/mapping/test_deltas.py from the same events and filters as the Python checks.
const FIXTURE = JSON.parse(readFileSync(new URL("./fixtures/deltas.json", import.meta.url), "utf8"));
const buffer = () => {
  const bytes = Buffer.from(FIXTURE.blob, "base64");
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
};
const all = columnsOf(buffer(), FIXTURE.layout, FIXTURE.n);
const b64 = (typed) => Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength).toString("base64");

describe("the whole data's columns", () => {
  it("are views of one buffer with the layout's types", () => {
    assert.equal(all.lon.length, FIXTURE.n);
    assert.ok(all.lon instanceof Float32Array && all.lat instanceof Float32Array);
    assert.ok(all.day instanceof Uint16Array && all.side instanceof Uint8Array);
    assert.ok(all.lat.every((lat) => lat > 38.9 && lat < 40.7));
    assert.ok(all.day.some((d) => d === UNKNOWN_DAY));
  });
});

describe("a filter value draws exactly the events the Python filter shows", () => {
  for (const c of FIXTURE.cases) {
    it(c.name, () => {
      const indices = selectedIndices(all, c.filter);
      assert.deepEqual(Array.from(indices), c.drawn);
      assert.equal(indices.length, c.filter.count);
      assert.deepEqual(Array.from(indices, (i) => FIXTURE.ids[i]), c.ids);
    });
  }
});

describe("filter forms", () => {
  const cols = { lon: new Float32Array(10), lat: new Float32Array(10), day: new Uint16Array([0, 1, 2, 3, 4, 5, 6, 7, 8, UNKNOWN_DAY]),
                 side: new Uint8Array([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]), type: new Uint8Array(10), status: new Uint8Array(10) };
  const cases = [
    ["no filter", {}, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ["a side", { sides: [1] }, [1, 3, 5, 7, 9]],
    ["a day range leaves unknown days out", { days: [3, 65535] }, [3, 4, 5, 6, 7, 8]],
    ["side and days", { sides: [0], days: [2, 6] }, [2, 4, 6]],
    ["a mask", { mask: b64(new Uint8Array([0b10000101, 0b10])) }, [0, 2, 7, 9]],
    ["a mask and a side", { mask: b64(new Uint8Array([0b10000101, 0b10])), sides: [1] }, [7, 9]],
    ["an index list", { only: b64(new Uint32Array([4, 8])) }, [4, 8]],
    ["a list of those left out", { drop: b64(new Uint32Array([0, 9])), sides: [0] }, [2, 4, 6, 8]],
    ["nothing", { sides: [] }, []],
  ];
  for (const [name, F, drawn] of cases) it(name, () => assert.deepEqual(Array.from(selectedIndices(cols, F)), drawn));
  it("flags every event once", () => assert.equal(keptFlags(cols, { sides: [0] }).length, 10));
});

describe("gathered columns and picks", () => {
  const F = FIXTURE.cases.find((c) => c.name === "side").filter;
  it("keep the types and hold only the events drawn", () => {
    const indices = selectedIndices(all, F);
    const part = gatherColumns(all, indices);
    assert.ok(part.lat instanceof Float32Array);
    assert.equal(part.lat.length, indices.length);
    assert.equal(part.lat[3], all.lat[indices[3]]);
    assert.equal(part.side[7], all.side[indices[7]]);
  });
  it("a click on the k-th point drawn names its index in the whole data", () => {
    const { indices } = filteredColumns("/fixture.bin", all, F);
    const P = { key: FIXTURE.key, pickIndex: indices };
    assert.equal(pickText(P, 4), `em-point:${FIXTURE.key}:${indices[4]}`);
    assert.equal(pickText({ key: "k" }, 4), "em-point:k:4");
  });
  it("the same filter again reuses the gathered columns", () => {
    const first = filteredColumns("/fixture.bin", all, F);
    assert.equal(filteredColumns("/fixture.bin", all, { ...F }), first);
    assert.notEqual(filteredColumns("/fixture.bin", all, {}), first);
  });
});

describe("fetchColumns", () => {
  it("fetches a URL once and decodes it", async () => {
    let calls = 0;
    const fetchFn = async () => {
      calls++;
      return { ok: true, arrayBuffer: async () => buffer() };
    };
    const a = await fetchColumns("/once.bin", FIXTURE.layout, FIXTURE.n, fetchFn);
    const b = await fetchColumns("/once.bin", FIXTURE.layout, FIXTURE.n, fetchFn);
    assert.equal(calls, 1);
    assert.equal(a, b);
    assert.deepEqual(Array.from(a.side.slice(0, 20)), Array.from(all.side.slice(0, 20)));
  });
  it("unzips a gzipped file with the browser's DecompressionStream", async () => {
    const zipped = await new Response(
      new Blob([buffer()]).stream().pipeThrough(new CompressionStream("gzip")),
    ).arrayBuffer();
    const fetchFn = async () => new Response(zipped);
    const cols = await fetchColumns("/zipped.bin.gz", FIXTURE.layout, FIXTURE.n, fetchFn);
    assert.deepEqual(Array.from(cols.lon), Array.from(all.lon));
    assert.deepEqual(Array.from(cols.status), Array.from(all.status));
  });
  it("tries again after a failed fetch", async () => {
    let calls = 0;
    const fetchFn = async () => {
      calls++;
      return calls === 1 ? { ok: false, status: 404 } : { ok: true, arrayBuffer: async () => buffer() };
    };
    await assert.rejects(fetchColumns("/gone.bin", FIXTURE.layout, FIXTURE.n, fetchFn), /404/);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const cols = await fetchColumns("/gone.bin", FIXTURE.layout, FIXTURE.n, fetchFn);
    assert.equal(cols.lon.length, FIXTURE.n);
    assert.equal(calls, 2);
  });
});

describe("fetchLabels", () => {
  it("fetches a labels file once", async () => {
    let calls = 0;
    const fetchFn = async () => {
      calls++;
      return { ok: true, json: async () => ({ sides: ["<b>A</b>"] }) };
    };
    const a = await fetchLabels("/labels.json", fetchFn);
    assert.equal(await fetchLabels("/labels.json", fetchFn), a);
    assert.deepEqual(a.sides, ["<b>A</b>"]);
    assert.equal(calls, 1);
  });
});

describe("the points of a filter, prepared from the whole data's projection", () => {
  const P = { data: { labels: "/labels-en.json" }, colours: ["#0072b2", "#d55e00", "#009e73", "#cc79a7"],
              shapes: ["circle", "diamond", "triangle", "square", "star", "cross"],
              statusStyles: [0, 1, 2, 3, 4].map((i) => ({ filled: i % 2 === 0, opacity: 1 - i / 10, fillOpacity: 0.5 })) };
  const indices = selectedIndices(all, FIXTURE.cases.find((c) => c.name === "side and days").filter);
  const ready = prepareSubset(P, all, indices);
  const whole = projectPoints(all.lon, all.lat);
  const looks = pointAttributes(P, all);
  it("indexes exactly the points kept", () => {
    assert.equal(ready.grid.order.length, indices.length);
    assert.deepEqual(Array.from(ready.grid.order).sort((a, b) => a - b), Array.from(indices.keys()));
  });
  it("gives each point in the grid's order its own position, colour and style", () => {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[ready.grid.order[k]];
      assert.equal(ready.sorted.xy[2 * k], whole.xy[2 * i]);
      assert.equal(ready.sorted.xy[2 * k + 1], whole.xy[2 * i + 1]);
      assert.deepEqual(Array.from(ready.sorted.rgba.slice(4 * k, 4 * k + 4)), Array.from(looks.rgba.slice(4 * i, 4 * i + 4)));
      assert.deepEqual(Array.from(ready.sorted.style.slice(4 * k, 4 * k + 4)), Array.from(looks.style.slice(4 * i, 4 * i + 4)));
    }
  });
  it("places the points where the filtered columns alone would", () => {
    const alone = preparePoints(P, gatherColumns(all, indices));
    for (let k = 0; k < indices.length; k += 7) {
      const x = ready.xy[2 * k] + ready.origin[0];
      assert.ok(Math.abs(x - (alone.xy[2 * k] + alone.origin[0])) < 1e-4);
    }
  });
});
