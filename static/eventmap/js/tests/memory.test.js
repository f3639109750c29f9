import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkedMemory, viewMemory } from "../memory.js";

const cfg = { firstDay: 0, lastDay: 9, maxWindowDays: 365, speeds: [0.5, 1, 2] };

describe("checkedMemory", () => {
  const cases = [
    [{ day: 4, mode: "window", windowDays: 7, speed: 2 }, { day: 4, mode: "window", windowDays: 7, speed: 2 }],
    [{ day: 40, mode: "bogus", windowDays: 0, speed: 3 }, {}],
    [{ day: 2.5, windowDays: 6.6 }, { windowDays: 7 }],
    [{ day: "3", speed: "1" }, {}],
    [{ day: -1, windowDays: 366 }, {}],
    [null, {}],
    ["text", {}],
  ];
  for (const [saved, expected] of cases) {
    it(`${JSON.stringify(saved)} -> ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(checkedMemory(cfg, saved), expected);
    });
  }
});

function fakeStorage() {
  const items = new Map();
  return {
    items,
    setItem: (key, value) => items.set(key, value),
    getItem: (key) => (items.has(key) ? items.get(key) : null),
  };
}

describe("viewMemory", () => {
  const state = { day: 3, mode: "day", windowDays: 5, speed: 0.5, lang: "ar", playing: true };

  it("keeps the view (not the language or playing) under the page's key and gives it back", () => {
    const storage = fakeStorage();
    const memory = viewMemory(() => storage, "eventmap.playback:k", cfg);
    memory.save(state);
    assert.deepEqual(JSON.parse(storage.items.get("eventmap.playback:k")), { day: 3, mode: "day", windowDays: 5, speed: 0.5 });
    assert.deepEqual(memory.load(), { day: 3, mode: "day", windowDays: 5, speed: 0.5 });
  });

  it("does nothing without a key", () => {
    const storage = fakeStorage();
    const memory = viewMemory(() => storage, null, cfg);
    memory.save(state);
    assert.equal(storage.items.size, 0);
    assert.deepEqual(memory.load(), {});
  });

  it("survives a storage that refuses, and a saved text that is not JSON", () => {
    const refusing = viewMemory(() => {
      throw new Error("SecurityError");
    }, "k", cfg);
    refusing.save(state);
    assert.deepEqual(refusing.load(), {});
    const storage = fakeStorage();
    storage.items.set("k", "{not json");
    assert.deepEqual(viewMemory(() => storage, "k", cfg).load(), {});
  });
});
