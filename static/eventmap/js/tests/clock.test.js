import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createClock } from "../clock.js";

// A frame scheduler driven by the test: frame(t) runs what was scheduled, with the time t in ms.
function frames() {
  let pending = [];
  return {
    schedule: (fn) => pending.push(fn),
    frame(now) {
      const due = pending;
      pending = [];
      for (const fn of due) fn(now);
    },
    get waiting() {
      return pending.length;
    },
  };
}

function setup(speed, lastDay = 100) {
  const f = frames();
  const log = { day: 0, stops: 0, steps: [] };
  const clock = createClock({
    speed,
    schedule: f.schedule,
    onDays: (n) => {
      log.steps.push(n);
      log.day = Math.min(log.day + n, lastDay);
    },
    shouldStop: () => log.day >= lastDay,
    onStop: () => {
      log.stops += 1;
    },
  });
  return { f, log, clock };
}

describe("the playback clock", () => {
  const cases = [
    // speed (days/s), frame times (ms), days gained
    [1, [0, 500, 1000], 1],
    [1, [0, 999], 0],
    [2, [0, 250, 500, 750, 1000], 2],
    [0.5, [0, 1000, 2000, 3000, 4000], 2],
    [4, [0, 1000], 4],
    [1, [1000, 3500], 2],
  ];
  for (const [speed, times, expected] of cases) {
    it(`at ${speed} days/s, frames at ${times.join(", ")} ms gain ${expected} days`, () => {
      const { f, log, clock } = setup(speed);
      clock.start();
      for (const t of times) f.frame(t);
      assert.equal(log.day, expected);
      assert.ok(clock.running);
    });
  }

  it("keeps the fraction of a day between steps", () => {
    const { f, log, clock } = setup(1);
    clock.start();
    for (const t of [0, 700, 1400, 2100]) f.frame(t);
    assert.deepEqual(log.steps, [1, 1]);
  });

  it("stops itself on the last day and says so once", () => {
    const { f, log, clock } = setup(2, 3);
    clock.start();
    for (const t of [0, 1000, 2000, 3000]) f.frame(t);
    assert.equal(log.day, 3);
    assert.equal(clock.running, false);
    assert.equal(log.stops, 1);
    assert.equal(f.waiting, 0);
  });

  it("does nothing while stopped; a stop then a start runs one loop, not two", () => {
    const { f, log, clock } = setup(1);
    assert.equal(clock.stop(), false);
    clock.start();
    assert.equal(clock.start(), false);
    f.frame(0);
    clock.stop();
    clock.start(); // the old loop's pending frame must not count
    f.frame(1000);
    f.frame(2000);
    assert.deepEqual(log.steps, [1]);
    assert.equal(f.waiting, 1);
  });

  it("starts afresh: time spent stopped is not played", () => {
    const { f, log, clock } = setup(1);
    clock.start();
    f.frame(0);
    clock.stop();
    f.frame(60000);
    clock.start();
    f.frame(61000);
    f.frame(61500);
    assert.equal(log.day, 0);
  });

  it("a new speed applies from the next frame", () => {
    const { f, log, clock } = setup(1);
    clock.start();
    f.frame(0);
    clock.setSpeed(4);
    f.frame(1000);
    assert.equal(log.day, 4);
    assert.equal(clock.speed, 4);
  });
});
