/* A map marker's symbol as an <svg> element (popup heads, legend rows), built with createElementNS. */

import { markerPaint } from "./codes.js";
import { SVG_NS } from "./dom.js";

// `path`: an SVG path on a 24-px grid; `style`: a claim-status style (eventmap.styling.StatusStyle).
export function markerSymbol(doc, path, colour, style, size) {
  const svg = doc.createElementNS(SVG_NS, "svg");
  svg.setAttribute("width", size);
  svg.setAttribute("height", size);
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.style.opacity = String(style.opacity);
  const paint = markerPaint(style, colour);
  const shape = doc.createElementNS(SVG_NS, "path");
  shape.setAttribute("d", path);
  shape.setAttribute("fill", paint.fill);
  shape.setAttribute("fill-opacity", String(paint.fillOpacity));
  shape.setAttribute("stroke", paint.stroke);
  shape.setAttribute("stroke-width", String(style.stroke_width));
  if (style.dash) shape.setAttribute("stroke-dasharray", style.dash);
  shape.setAttribute("stroke-linejoin", "round");
  svg.appendChild(shape);
  return svg;
}
