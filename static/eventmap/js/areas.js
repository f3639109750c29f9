/* The scene's area layers (districts ...): drawn under the events, each one switchable in the layer
 * control. An area's name (from the area file) goes into its tooltip as text; the layer's title and
 * attribution are escaped for Leaflet's layer switch and attribution line, which take markup. Uses `L`.
 */

import { escapeHtml, make } from "./dom.js";

// Adds the areas; returns { title: layer } for the layer control and fills `byKey` with { key: layer }.
export function addAreas(map, areas, byKey) {
  const overlays = {};
  for (const a of areas) {
    const layer = L.geoJSON(a.geojson, {
      pane: "em-areas",
      style: () => ({ color: a.stroke, weight: a.weight, dashArray: a.dash || null, fillColor: a.fill,
                      fillOpacity: a.fillOpacity, opacity: 0.9 }),
      onEachFeature: (feature, shape) => {
        const name = make(document, "span", "em-area-name", feature.properties.name || "");
        name.setAttribute("dir", "auto");
        shape.bindTooltip(name, { sticky: true, direction: "top", opacity: 0.9 });
      },
    });
    layer.emKey = a.key;
    if (a.shown) layer.addTo(map);
    if (map.attributionControl && a.attribution) map.attributionControl.addAttribution(escapeHtml(a.attribution));
    overlays[escapeHtml(a.title)] = layer;
    byKey[a.key] = layer;
  }
  return overlays;
}
