/* The playback clock: a pure object that turns elapsed time into whole days, with the time source and
 * the frame scheduler injected (`now()` in ms, `schedule(fn)` calling fn(now) on the next frame), so it
 * runs the same in a page (performance.now, requestAnimationFrame) and in a test (a fake clock).
 *
 *   const clock = createClock({ schedule, speed: 1, onDays: (n) => ..., shouldStop: () => ... });
 *   clock.start(); clock.stop(); clock.setSpeed(2); clock.running
 *
 * `onDays(n)` is called with the whole days gained (speed in days per second); after it, when
 * `shouldStop()` is true the clock stops itself and calls `onStop()`.
 */

export function createClock(options) {
  const schedule = options.schedule;
  let speed = options.speed;
  let running = false;
  let lastTick = null;
  let carry = 0;
  let generation = 0;

  function tick(now, mine) {
    if (!running || mine !== generation) return;
    if (lastTick !== null) carry += ((now - lastTick) * speed) / 1000;
    lastTick = now;
    if (carry >= 1) {
      const days = Math.floor(carry);
      carry -= days;
      options.onDays(days);
      if (options.shouldStop?.()) {
        clock.stop();
        return;
      }
    }
    schedule((next) => tick(next, mine));
  }

  const clock = {
    get running() {
      return running;
    },
    get speed() {
      return speed;
    },
    setSpeed(value) {
      speed = value;
    },
    start() {
      if (running) return false;
      running = true;
      lastTick = null;
      carry = 0;
      generation += 1;
      const mine = generation;
      schedule((now) => tick(now, mine));
      return true;
    },
    stop() {
      if (!running) return false;
      running = false;
      options.onStop?.();
      return true;
    },
  };
  return clock;
}
