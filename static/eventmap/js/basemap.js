/* The offline basemap (land, coasts, borders, country names) and its detailed regions. Uses `L`. */

import { make } from "./dom.js";

const REGION_DETAIL_MIN_ZOOM = 6;

function basemapStyle(colours) {
  return (feature) => {
    const kind = feature.properties.kind;
    if (kind === "land") {
      return { stroke: !!feature.properties.outlined, color: colours.coast, weight: 0.8, fill: true,
               fillColor: colours.land, fillOpacity: 1, interactive: false };
    }
    if (kind === "border") {
      return { color: colours.border, weight: 1.3, dashArray: "5,3", fill: false, interactive: false };
    }
    return { color: colours.coast, weight: 0.9, fill: false, interactive: false };
  };
}

// A country's name: the basemap file's label, as text.
function countryLabel(feature, latlng) {
  return L.marker(latlng, {
    pane: "em-basemap", interactive: false, keyboard: false,
    icon: L.divIcon({ className: "em-country-label", iconSize: [0, 0],
                      html: make(document, "span", null, feature.properties.label) }),
  });
}

export function addBasemaps(map, basemaps, colours) {
  const renderer = L.svg({ pane: "em-basemap" });
  for (const gj of basemaps) {
    const layer = L.geoJSON(gj, {
      pane: "em-basemap", renderer, style: basemapStyle(colours), interactive: false, pointToLayer: countryLabel,
    });
    if (!gj.bbox) {
      layer.addTo(map);
      continue;
    }
    // A detailed region: drawn over the coarse world map (a sea-coloured box hides the coarse
    // coastline under it) only when zoomed in far enough for the detail to matter; zoomed out,
    // the box would also hide the land of countries that the region file clips away.
    const seaBox = L.rectangle([[gj.bbox[1], gj.bbox[0]], [gj.bbox[3], gj.bbox[2]]], {
      pane: "em-basemap", renderer, stroke: false, fillColor: colours.sea, fillOpacity: 1, interactive: false,
    });
    const toggle = () => {
      const wanted = map.getZoom() >= REGION_DETAIL_MIN_ZOOM;
      if (wanted === map.hasLayer(layer)) return;
      if (wanted) {
        // in this order: the box under the detail (an SVG path drawn later is on top)
        seaBox.addTo(map);
        layer.addTo(map);
      } else {
        layer.remove();
        seaBox.remove();
      }
    };
    map.on("zoomend", toggle);
    map.whenReady(toggle);
  }
}
