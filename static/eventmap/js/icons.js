/* A marker's symbol as an inline <svg> (legend rows, the card's side): built with createElementNS. */

import { SVG_NS } from "./dom.js";
import { markerLook } from "./timeline.js";

export function shapeIcon(doc, cfg, shape, colour, status, size) {
  const svg = doc.createElementNS(SVG_NS, "svg");
  svg.setAttribute("width", size);
  svg.setAttribute("height", size);
  svg.setAttribute("viewBox", "-2 -2 28 28");
  svg.setAttribute("aria-hidden", "true");
  const path = doc.createElementNS(SVG_NS, "path");
  const style = markerLook(cfg, status, colour, 1);
  path.setAttribute("d", cfg.shapes[shape] || cfg.shapes.circle);
  path.setAttribute("fill", style.fillColor);
  path.setAttribute("fill-opacity", String(style.fillOpacity));
  path.setAttribute("stroke", style.color);
  path.setAttribute("stroke-width", String((style.weight * 8) / cfg.markerRadius));
  path.setAttribute("stroke-linejoin", "round");
  if (style.dashArray) {
    const dash = style.dashArray.split(" ").map((v) => ((+v * 8) / cfg.markerRadius).toFixed(1));
    path.setAttribute("stroke-dasharray", dash.join(" "));
  }
  svg.style.opacity = String(style.opacity);
  svg.appendChild(path);
  return svg;
}
