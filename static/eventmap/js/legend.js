/* The playback page's legend: sides, event types and claim statuses of the data, each with its symbol;
 * outside "day" mode also today's and older events. Names go in as text. Folded (the default), it shows the
 * sides only; its title is the button that unfolds the rest (`data-open` on the legend keeps the choice).
 *
 *   fillLegend(doc, legend, { data, cfg, mode, icon(shape, colour, status, size), onToggle() }, words)
 */

import { make } from "./dom.js";

function row(doc, icon, text) {
  const element = make(doc, "div", "pb-legend-row");
  element.appendChild(icon);
  element.appendChild(make(doc, "span", null, text));
  return element;
}

export function fillLegend(doc, legend, parts, words) {
  const { data, cfg, mode, icon } = parts;
  const { s, translated } = words;
  const open = legend.getAttribute("data-open") === "true";
  legend.textContent = "";
  legend.setAttribute("data-open", open ? "true" : "false");
  const heading = make(doc, "h2", "pb-legend-title");
  const toggle = make(doc, "button", "pb-legend-toggle", s("legend.title"));
  toggle.type = "button";
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
  toggle.setAttribute("title", s(open ? "legend.fold" : "legend.unfold"));
  toggle.addEventListener("click", () => {
    const now = legend.getAttribute("data-open") !== "true";
    legend.setAttribute("data-open", now ? "true" : "false");
    toggle.setAttribute("aria-expanded", now ? "true" : "false");
    toggle.setAttribute("title", s(now ? "legend.fold" : "legend.unfold"));
    parts.onToggle?.(); // the legend is another size: the place names find room again
  });
  heading.appendChild(toggle);
  legend.appendChild(heading);
  const columns = make(doc, "div", "pb-legend-columns");
  const sides = make(doc, "div", "pb-legend-column");
  sides.appendChild(make(doc, "h3", null, s("legend.sides")));
  for (const side of data.sides) {
    sides.appendChild(row(doc, icon("circle", side[1], "confirmed", 32), translated("side.", side[0]) || "?"));
  }
  const right = make(doc, "div", "pb-legend-column pb-legend-more");
  right.appendChild(make(doc, "h3", null, s("legend.types")));
  for (const type of data.types) {
    right.appendChild(row(doc, icon(type[1], "#8a8a8a", "confirmed", 32), translated("event_type.", type[0])));
  }
  right.appendChild(make(doc, "h3", null, s("legend.statuses")));
  for (const status of data.statuses) {
    right.appendChild(row(doc, icon("circle", "#8a8a8a", status, 32), translated("status.", status)));
  }
  columns.appendChild(sides);
  columns.appendChild(right);
  legend.appendChild(columns);
  if (mode !== "day") {
    const ages = row(doc, icon("circle", "#444444", "confirmed", 36), s("legend.today"));
    ages.className = "pb-legend-row pb-legend-ages pb-legend-more";
    const old = icon("circle", "#444444", "confirmed", 30);
    old.style.opacity = String(cfg.minOpacity + 0.1);
    ages.appendChild(old);
    ages.appendChild(make(doc, "span", null, s("legend.older")));
    legend.appendChild(ages);
  }
}
