/* Place names on the map, decluttered: the higher a place's priority, the sooner it gets its room. Uses `L`.
 * A label is [lat, lon, name (raw text: it goes in as a text node), priority].
 */

import { clashes } from "./codes.js";
import { make } from "./dom.js";

// A place's name as an element (one per label: Leaflet puts an element given as `html` into the icon).
export function labelElement(doc, name) {
  const element = make(doc, "span", "em-place-name", name);
  element.setAttribute("dir", "auto");
  return element;
}

export function addLabels(map, labels, target) {
  const items = labels.map((l) => {
    const marker = L.marker([l[0], l[1]], {
      pane: "em-labels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "em-place", iconSize: [0, 0], html: labelElement(document, l[2]) }),
    }).addTo(target || map);
    return { marker, priority: l[3] };
  });
  items.sort((a, b) => b.priority - a.priority);
  function declutter() {
    const placed = [];
    for (const item of items) {
      const el = item.marker.getElement();
      if (!el) continue;
      const name = el.querySelector(".em-place-name");
      name.style.visibility = "visible";
      const p = map.latLngToLayerPoint(item.marker.getLatLng());
      const w = name.offsetWidth;
      const h = name.offsetHeight;
      const box = [p.x + 23, p.y - h / 2, p.x + 25 + w, p.y + h / 2]; // clear of a cluster icon (radius ≤ 23 px)
      if (clashes(box, placed)) name.style.visibility = "hidden";
      else placed.push(box);
    }
  }
  map.on("zoomend", declutter);
  setTimeout(declutter, 0);
  return declutter;
}
