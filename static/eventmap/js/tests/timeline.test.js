import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dayStarts, fade, markerLook, visibleRange } from "../timeline.js";

const cfg = {
  firstDay: 0, lastDay: 9, fadeDays: 10, minOpacity: 0.3, markerOutline: 3, maxWindowDays: 365, speeds: [0.5, 1, 2],
  statusStyles: {
    confirmed: { filled: true, fillOpacity: 0.9, stroke: 1, dash: null, opacity: 1 },
    claimed: { filled: false, fillOpacity: 0.5, stroke: 2.5, dash: null, opacity: 0.9 },
    disputed: { filled: true, fillOpacity: 0.7, stroke: 1, dash: "4,2", opacity: 0.8 },
  },
};
// Events on days 0, 0, 2, 5, 5, 5, 9.
const days = [0, 0, 2, 5, 5, 5, 9];
const starts = dayStarts(days, cfg.lastDay);

describe("dayStarts", () => {
  it("gives the first event of each day, and the end after the last day", () => {
    assert.deepEqual(starts, [0, 2, 2, 3, 3, 3, 6, 6, 6, 6, 7]);
  });
  it("handles no events", () => assert.deepEqual(dayStarts([], 2), [0, 0, 0, 0]));
});

describe("visibleRange", () => {
  const cases = [
    ["day", 1, 0, [0, 2]],
    ["day", 1, 1, [2, 2]],
    ["day", 1, 5, [3, 6]],
    ["window", 3, 5, [3, 6]],
    ["window", 4, 5, [2, 6]],
    ["window", 30, 5, [0, 6]],
    ["cumulative", 1, 5, [0, 6]],
    ["cumulative", 1, 9, [0, 7]],
    ["cumulative", 1, 12, [0, 7]],
    ["day", 1, -1, [0, 0]],
  ];
  for (const [mode, windowDays, day, expected] of cases) {
    it(`${mode} (${windowDays} days) on day ${day} -> ${expected}`, () => {
      assert.deepEqual(visibleRange(cfg, { mode, windowDays }, starts, day), expected);
    });
  }
});

describe("a story step's range", () => {
  it("shows every event from the step's first day, whatever the mode", () => {
    assert.deepEqual(visibleRange(cfg, { mode: "day", windowDays: 1, rangeFrom: 1 }, starts, 5),
      visibleRange(cfg, { mode: "window", windowDays: 5, rangeFrom: 1 }, starts, 5));
    assert.deepEqual(visibleRange(cfg, { mode: "day", windowDays: 1, rangeFrom: 5 }, starts, 5), [3, 6]);
    assert.deepEqual(visibleRange(cfg, { mode: "cumulative", windowDays: 1, rangeFrom: 0 }, starts, 9), [0, 7]);
  });
  it("fades nothing inside the step", () => {
    assert.equal(fade(cfg, { mode: "cumulative", windowDays: 1, rangeFrom: 0 }, 5), 1);
  });
});

describe("fade", () => {
  const cases = [
    ["day", 7, 5, 1],
    ["cumulative", 7, 0, 1],
    ["cumulative", 7, 1, 0.9],
    ["cumulative", 7, 5, 0.5],
    ["cumulative", 7, 50, 0.3],
    ["window", 4, 1, 0.75],
    ["window", 4, 3, 0.3],
    ["window", 1, 1, 0.5],
  ];
  for (const [mode, windowDays, age, expected] of cases) {
    it(`${mode} (${windowDays} days), ${age} days old -> ${expected}`, () => {
      assert.equal(fade(cfg, { mode, windowDays }, age), expected);
    });
  }
});

describe("markerLook", () => {
  it("fills a confirmed event with the side's colour, outlined dark", () => {
    assert.deepEqual(markerLook(cfg, "confirmed", "#cc0000", 1), {
      color: "#111111", weight: 3, dashArray: null, fillColor: "#cc0000", fillOpacity: 0.9, opacity: 1,
    });
  });
  it("rings a claimed event in the side's colour", () => {
    const look = markerLook(cfg, "claimed", "#0055aa", 0.5);
    assert.equal(look.color, "#0055aa");
    assert.equal(look.fillColor, "#ffffff");
    assert.equal(look.weight, 4);
    assert.equal(look.fillOpacity, 0.4);
    assert.equal(look.opacity, 0.9 * 0.5);
  });
  it("dashes a disputed one, thickened", () => assert.equal(markerLook(cfg, "disputed", "#000", 1).dashArray, "6.4 3.2"));
  it("an unknown status looks claimed", () => {
    assert.deepEqual(markerLook(cfg, "nonsense", "#123456", 1), markerLook(cfg, "claimed", "#123456", 1));
  });
  it("keeps faded markers visible", () => assert.equal(markerLook(cfg, "confirmed", "#000", 0.3).opacity, 0.45));
});
