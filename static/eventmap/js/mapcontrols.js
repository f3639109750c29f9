/* The map's legend box and its notes (no events, aggregated, too many circles): Leaflet controls filled
 * with page elements (legendElement, text nodes). Uses `L`.
 */

import { make } from "./dom.js";
import { legendElement } from "./maplegend.js";

// The legends over a map (the events' and the territorial control's) and the share of the map they may cover
// unfolded: above it they open folded, to their one-line title, a chip the reader opens.
const LEGENDS = ".em-legend-box > details, .em-control-box > details";
export const MAX_LEGEND_SHARE = 0.15;

// Whether legends covering `openAreas` (px², unfolded) of a map of `mapArea` px² open folded.
export function foldedByDefault(mapArea, openAreas, maxShare = MAX_LEGEND_SHARE) {
  const covered = openAreas.reduce((sum, area) => sum + area, 0);
  return mapArea > 0 && covered > maxShare * mapArea;
}

const legendKind = (details) => (details.classList.contains("em-control-legend") ? "control" : "events");

/* Fold or unfold the legends the reader has not opened or folded: all unfolded when together they cover at
 * most MAX_LEGEND_SHARE of the map, else all folded. A legend that opens folded by its own options stays so;
 * the reader's choice (a click on a legend's title) is kept for the legends drawn after it on this map. */
export function fitLegends(map) {
  const container = map.getContainer();
  const chosen = map._emLegendChoice || {};
  map._emLegendChoice = chosen;
  const all = [...container.querySelectorAll(LEGENDS)];
  for (const details of all) {
    const kind = legendKind(details);
    if (chosen[kind] !== undefined) details.open = chosen[kind];
    if (details._emWatched) continue;
    details._emWatched = true;
    details.querySelector("summary")?.addEventListener("click", () => {
      setTimeout(() => {
        chosen[kind] = details.open;
      }, 0);
    });
  }
  const auto = all.filter((d) => chosen[legendKind(d)] === undefined && d.getAttribute("data-em-default") !== "folded");
  if (!auto.length) return;
  for (const details of auto) details.open = true;
  const areas = all.filter((d) => d.open).map((d) => {
    const r = d.parentElement.getBoundingClientRect();
    return r.width * r.height;
  });
  const size = map.getSize();
  const fold = foldedByDefault(size.x * size.y, areas);
  for (const details of auto) details.open = !fold;
  map.fire("em:markers"); // the legends' boxes changed: the place names find room again
}

// Fit the legends once everything added with them stands, and again when the map changes size.
export function fitLegendsSoon(map) {
  clearTimeout(map._emFitLegends);
  map._emFitLegends = setTimeout(() => fitLegends(map), 0);
  if (!map._emFitLegendsOnResize) {
    map._emFitLegendsOnResize = true;
    map.on("resize", () => fitLegendsSoon(map));
  }
}

export function legendControl(map, legend, position) {
  const control = L.control({ position: position || "bottomright" });
  control.onAdd = () => {
    const div = L.DomUtil.create("div", "em-legend-box");
    const details = legendElement(document, legend);
    div.appendChild(details);
    details.addEventListener("toggle", () => map.fire("em:markers"));
    fitLegendsSoon(map);
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    // Controls sit above popups: fold the legend while an event's details are open, then restore it.
    let wasOpen = null;
    map.on("popupopen", () => {
      if (wasOpen === null) {
        wasOpen = details.open;
        details.open = false;
      }
    });
    map.on("popupclose", () => {
      if (wasOpen !== null) {
        details.open = wasOpen;
        wasOpen = null;
      }
    });
    return div;
  };
  return control;
}

// A note's lines as text, one under the other; a line [text, true] is in bold.
export function fillNote(doc, div, lines) {
  lines.forEach((line, i) => {
    if (i > 0) div.appendChild(make(doc, "br"));
    const [text, strong] = Array.isArray(line) ? line : [line, false];
    div.appendChild(strong ? make(doc, "b", null, text) : doc.createTextNode(String(text)));
  });
  return div;
}

// A note in the top corner that comes and goes with `group`; nothing for no lines.
export function addNote(group, lines) {
  if (!lines?.length) return;
  const control = L.control({ position: "topright" });
  control.onAdd = () => fillNote(document, L.DomUtil.create("div", "em-note"), lines);
  group.on("add", () => {
    control.addTo(group._map);
  });
  group.on("remove", () => {
    control.remove();
  });
  if (group._map) control.addTo(group._map);
}
