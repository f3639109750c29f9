/* Context on the offline basemap: lakes, rivers and populated places (Natural Earth), shown from
 * `context.minZoom` on, so a zoomed-in map is never an empty field. Place names go in as text. Uses `L`.
 */

import { make } from "./dom.js";

export const RIVER_COLOUR = "#7FA9C9";

export function contextStyle(colours) {
  return (feature) => {
    if (feature.properties.kind === "lake") {
      return { color: colours.coast, weight: 0.8, fillColor: colours.sea, fillOpacity: 1, interactive: false };
    }
    return { color: RIVER_COLOUR, weight: 1.4, opacity: 0.9, fill: false, interactive: false };
  };
}

// A populated place: a small dot and its name, as text.
export function placeIcon(doc, name) {
  const box = make(doc, "div", "em-context-place");
  box.appendChild(make(doc, "span", "em-context-dot"));
  const text = make(doc, "span", "em-context-name", name);
  text.setAttribute("dir", "auto");
  box.appendChild(text);
  return box;
}

export function addContext(map, context, colours) {
  const renderer = L.svg({ pane: "em-basemap" });
  const layer = L.geoJSON(context, {
    pane: "em-basemap", renderer, style: contextStyle(colours), interactive: false,
    pointToLayer: (feature, latlng) => L.marker(latlng, {
      pane: "em-basemap", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "em-context-label", iconSize: [0, 0], html: placeIcon(document, feature.properties.name) }),
    }),
  });
  const toggle = () => {
    const wanted = map.getZoom() >= context.minZoom;
    if (wanted === map.hasLayer(layer)) return;
    if (wanted) layer.addTo(map);
    else layer.remove();
  };
  map.on("zoomend", toggle);
  map.whenReady(toggle);
  if (map.attributionControl && context.credit) map.attributionControl.addAttribution(context.credit);
  return layer;
}

// A note when the online tiles cannot load (no network): the offline basemap stays under them.
export function noticeWhenTilesFail(map, tiles, text, position) {
  let shown = false;
  tiles.on("tileerror", () => {
    if (shown || !text) return;
    shown = true;
    const notice = L.control({ position: position || "topleft" });
    notice.onAdd = () => make(document, "div", "em-note em-tiles-failed", text);
    notice.addTo(map);
    tiles.on("tileload", () => {
      notice.remove();
    });
  });
}
