/* Which events a day shows and how faded they are, and how a marker of a claim status looks.
 * No page access. `cfg` is the page's #pb-config (firstDay, lastDay, fadeDays, minOpacity, markerOutline,
 * statusStyles); `view` is { mode: "day" | "window" | "cumulative", windowDays, rangeFrom }: a day number in
 * `rangeFrom` (a story step's first day) shows every event from that day on, whatever the mode.
 */

export const MODES = ["day", "window", "cumulative"];

// The first event index of each day number 0 .. lastDay + 1 (the events are sorted by day).
export function dayStarts(days, lastDay) {
  const starts = [];
  let i = 0;
  for (let day = 0; day <= lastDay + 1; day++) {
    while (i < days.length && days[i] < day) i++;
    starts.push(i);
  }
  return starts;
}

// [from, to): the indices of the events `day` shows.
export function visibleRange(cfg, view, starts, day) {
  let from = view.mode === "day" ? day : view.mode === "window" ? day - view.windowDays + 1 : cfg.firstDay;
  if (Number.isInteger(view.rangeFrom)) from = view.rangeFrom;
  from = Math.max(from, cfg.firstDay, 0);
  const to = Math.min(day, cfg.lastDay);
  if (to < 0 || from > to) return [0, 0];
  return [starts[from], starts[to + 1]];
}

// The opacity of an event `age` days old, in steps of 0.05 (so styles are reused).
export function fade(cfg, view, age) {
  if (view.mode === "day" || age <= 0 || Number.isInteger(view.rangeFrom)) return 1;
  const span = view.mode === "window" ? Math.max(view.windowDays, 2) : cfg.fadeDays;
  const value = Math.max(cfg.minOpacity, 1 - age / span);
  return Math.round(value * 20) / 20;
}

// How a marker of a claim status looks (eventmap.styling.STATUS_STYLES), thickened for a projector:
// filled shapes get a dark outline (dashed when disputed), hollow ones a thick ring in the side's colour.
export function markerLook(cfg, status, colour, fadeValue) {
  const style = cfg.statusStyles[status] || cfg.statusStyles.claimed;
  const dash = style.dash
    ? style.dash
        .split(/[ ,]+/)
        .map((v) => (+v * 1.6).toFixed(1))
        .join(" ")
    : null;
  return {
    color: style.filled ? "#111111" : colour,
    weight: style.filled ? cfg.markerOutline : Math.max(style.stroke * 1.6, cfg.markerOutline + 1),
    dashArray: dash,
    fillColor: style.filled ? colour : "#ffffff",
    fillOpacity: (style.filled ? style.fillOpacity : 0.8) * fadeValue,
    opacity: style.opacity * Math.max(fadeValue, 0.45),
  };
}
