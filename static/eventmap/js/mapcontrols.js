/* The map's legend box and its notes (no events, aggregated, too many circles): Leaflet controls filled
 * with page elements (legendElement, text nodes). Uses `L`.
 */

import { make } from "./dom.js";
import { legendElement } from "./maplegend.js";

export function legendControl(map, legend, position) {
  const control = L.control({ position: position || "bottomright" });
  control.onAdd = () => {
    const div = L.DomUtil.create("div", "em-legend-box");
    const details = legendElement(document, legend);
    div.appendChild(details);
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
