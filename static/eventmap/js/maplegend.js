/* The map's legend as page elements: the scene's sides, event types and claim statuses, each with its
 * symbol, then the marks (precision circles, clusters). Every name goes in as text.
 *
 *   legendElement(doc, legend) -> <details class="em-legend">
 *     legend: eventmap.mapping.scene_parts.legend_options (raw text)
 */

import { make } from "./dom.js";
import { markerSymbol } from "./symbols.js";

const CONFIRMED = { filled: true, fill_opacity: 0.95, stroke_width: 1.2, dash: "", opacity: 1 };

function row(doc, symbol, text) {
  const element = make(doc, "div", "em-legend-row");
  element.appendChild(symbol);
  const name = make(doc, "span", null, text);
  name.setAttribute("dir", "auto");
  element.appendChild(name);
  return element;
}

function section(doc, title, rows, grid) {
  const box = make(doc, "div", "em-legend-section");
  box.appendChild(make(doc, "div", "em-legend-title", title));
  const holder = grid ? box.appendChild(make(doc, "div", "em-legend-grid")) : box;
  for (const r of rows) holder.appendChild(r);
  return box;
}

function swatch(doc, colour) {
  const element = make(doc, "span", "em-swatch");
  element.style.background = colour;
  return element;
}

function markSample(doc, kind) {
  if (kind === "cluster") {
    const sample = make(doc, "span", "em-cluster-sample");
    sample.appendChild(make(doc, "span", null, "12"));
    return sample;
  }
  return make(doc, "span", `em-precision-sample em-precision-${kind}`);
}

export function legendElement(doc, legend) {
  const details = make(doc, "details", "em-legend");
  details.setAttribute("dir", legend.dir);
  details.open = legend.open;
  details.setAttribute("data-em-default", legend.open ? "open" : "folded");
  details.appendChild(make(doc, "summary", null, legend.title));
  const parts = [
    [legend.sides, (r) => row(doc, swatch(doc, r[1]), r[0]), false],
    [legend.types, (r) => row(doc, markerSymbol(doc, r[1], legend.neutral, CONFIRMED, 18), r[0]), false],
    [legend.statuses, (r) => row(doc, markerSymbol(doc, legend.circle, legend.neutral, r[1], 18), r[0]), true],
    [legend.marks, (r) => row(doc, markSample(doc, r[0]), r[1]), false],
  ];
  for (const [part, build, grid] of parts) {
    if (part?.rows.length) details.appendChild(section(doc, part.title, part.rows.map(build), grid));
  }
  return details;
}
