/* The view a page remembers across a rebuild (a rerun in the app): day, mode, window and speed, in the
 * tab's session storage under the page's key. The storage is injected; what comes back is checked.
 */

import { MODES } from "./timeline.js";

// A saved view checked against the options: only the valid parts come back.
export function checkedMemory(cfg, saved) {
  const out = {};
  if (!saved || typeof saved !== "object") return out;
  if (Number.isInteger(saved.day) && saved.day >= cfg.firstDay && saved.day <= cfg.lastDay) out.day = saved.day;
  if (MODES.indexOf(saved.mode) >= 0) out.mode = saved.mode;
  if (saved.windowDays >= 1 && saved.windowDays <= cfg.maxWindowDays) out.windowDays = Math.round(saved.windowDays);
  if (cfg.speeds.indexOf(saved.speed) >= 0) out.speed = saved.speed;
  return out;
}

// { save(state), load() -> the valid parts of the saved view }; does nothing without a key.
export function viewMemory(storage, key, cfg) {
  return {
    save(state) {
      if (!key) return;
      const { day, mode, windowDays, speed } = state;
      try {
        storage().setItem(key, JSON.stringify({ day, mode, windowDays, speed }));
      } catch {
        /* storage refused: nothing to keep */
      }
    },
    load() {
      if (!key) return {};
      let saved = null;
      try {
        saved = JSON.parse(storage().getItem(key) || "null");
      } catch {
        saved = null;
      }
      return checkedMemory(cfg, saved);
    },
  };
}
