import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isTyping, keyAction, listenForKeys } from "../keyboard.js";
import { parsePath, placePath } from "../shapes.js";
import { storyIndices, storyStepIndex } from "../story.js";

describe("shapes", () => {
  it("parses commands and numbers", () => {
    assert.deepEqual(parsePath("M12 4L20 20H4z"), [
      { c: "M", n: [12, 4] }, { c: "L", n: [20, 20] }, { c: "H", n: [4] }, { c: "z", n: [] },
    ]);
    assert.deepEqual(parsePath("m-1.5.5e1 .25"), [{ c: "m", n: [-1.5, 5, 0.25] }]);
  });
  const cases = [
    ["M12 4L20 20H4z", 100, 50, 1, "M100.0,42.0L108.0,58.0H92.0z"],
    ["M12 4L20 20H4z", 100, 50, 2, "M100.0,34.0L116.0,66.0H84.0z"],
    ["M12 12m-8 0a8 8 0 1 0 16 0", 0, 0, 0.5, "M0.0,0.0m-4.0,0.0a4.0,4.0 0 1,0 8.0,0.0"],
    ["M4 4V20h16v-16", 10, 10, 1, "M2.0,2.0V18.0h16.0v-16.0"],
  ];
  for (const [d, x, y, k, expected] of cases) {
    it(`${d} at ${x},${y} x${k}`, () => assert.equal(placePath(parsePath(d), x, y, k), expected));
  }
});

describe("story", () => {
  it("keeps the ids the data has, in the story's order", () => {
    assert.deepEqual(storyIndices(["c", "x", "a"], ["a", "b", "c"]), [2, 0]);
    assert.deepEqual(storyIndices([], ["a"]), []);
  });
  const cases = [
    [-1, 1, 3, 0],
    [-1, -1, 3, 2],
    [0, 1, 3, 1],
    [2, 1, 3, 2],
    [0, -1, 3, 0],
    [-1, 1, 0, -1],
  ];
  for (const [current, delta, length, expected] of cases) {
    it(`from ${current} by ${delta} of ${length} -> ${expected}`, () => {
      assert.equal(storyStepIndex(current, delta, length), expected);
    });
  }
});

describe("keys", () => {
  const body = { tagName: "BODY" };
  const cases = [
    [{ key: " " }, "toggle"],
    [{ key: "ArrowLeft" }, "back"],
    [{ key: "ArrowRight" }, "forward"],
    [{ key: "Home" }, "first"],
    [{ key: "End" }, "last"],
    [{ key: "PageDown" }, "storyNext"],
    [{ key: "n" }, "storyNext"],
    [{ key: "P" }, "storyPrev"],
    [{ key: "Escape" }, "close"],
    [{ key: "ArrowDown" }, "cardNext"],
    [{ key: "ArrowUp" }, "cardPrev"],
    [{ key: "ArrowLeft", ctrlKey: true }, null],
    [{ key: "ArrowLeft", altKey: true }, null],
    [{ key: "x" }, null],
    [{ key: "toString" }, null],
    [{ key: " ", target: { tagName: "INPUT", type: "number" } }, null],
    [{ key: "ArrowLeft", target: { tagName: "input", type: "range" } }, "back"],
    [{ key: "ArrowLeft", target: { tagName: "SELECT" } }, null],
  ];
  for (const [event, expected] of cases) {
    it(`${JSON.stringify(event)} -> ${expected}`, () => assert.equal(keyAction({ target: body, ...event }), expected));
  }
  it("isTyping knows text fields", () => {
    assert.equal(isTyping({ tagName: "TEXTAREA" }), true);
    assert.equal(isTyping(null), false);
  });
  it("a handled key runs its action and goes no further; others pass", () => {
    const listeners = [];
    const ran = [];
    listenForKeys({ addEventListener: (type, fn, capture) => listeners.push([type, fn, capture]) }, {
      forward: () => ran.push("forward"),
    });
    assert.equal(listeners[0][0], "keydown");
    assert.equal(listeners[0][2], true);
    const flags = [];
    const event = (key) => ({
      key, target: body, preventDefault: () => flags.push(`prevent ${key}`), stopPropagation: () => flags.push(`stop ${key}`),
    });
    listeners[0][1](event("ArrowRight"));
    listeners[0][1](event("q"));
    assert.deepEqual(ran, ["forward"]);
    assert.deepEqual(flags, ["prevent ArrowRight", "stop ArrowRight"]);
  });
});
