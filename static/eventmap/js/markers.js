/* The map's event layers: clustered markers with one shared popup, precision circles, grid cells.
 * Uses `L` and Leaflet.markercluster.
 */

import { cellRadius, clusterSize, clusterStops, markerSvg, unpack } from "./codes.js";
import { ensurePanes, whenOnMap } from "./panes.js";
import { cellElement, popupElement } from "./popups.js";

function clusterIcon(P) {
  return (cluster) => {
    const markers = cluster.getAllChildMarkers();
    const counts = {};
    for (const m of markers) counts[m.options.icon.emSide] = (counts[m.options.icon.emSide] || 0) + 1;
    const size = clusterSize(markers.length);
    return L.divIcon({
      className: "marker-cluster em-cluster", iconSize: [size, size],
      // Only a count and palette colours (#rrggbb): no data text in this markup.
      html: `<div style="background:conic-gradient(${clusterStops(counts, P.colours)})"><span>${markers.length}</span></div>`,
    });
  };
}

// Circles of each place's precision (one per place, precision and side); false when there are too many.
export function addPrecisionCircles(P, group) {
  const c = P.cols;
  const seen = {};
  const circles = [];
  for (let i = 0; i < c.k.length && circles.length <= P.maxCircles; i++) {
    const u = unpack(P, c.k[i]);
    const radius = P.radii[u.prec];
    const key = `${c.p[i]}|${u.prec}|${u.side}`;
    if (!radius || seen[key]) continue;
    seen[key] = true;
    circles.push([P.places[c.p[i]], radius, P.colours[u.side]]);
  }
  if (circles.length > P.maxCircles) return false;
  whenOnMap(group, (map) => {
    ensurePanes(map);
    const renderer = L.canvas({ pane: "em-precision" });
    if (group._emCircles) return;
    group._emCircles = true;
    for (const ci of circles) {
      L.circle([ci[0][0], ci[0][1]], {
        radius: ci[1], renderer, pane: "em-precision", interactive: false, color: ci[2], weight: 1,
        opacity: 0.55, fillColor: ci[2], fillOpacity: 0.13, className: "em-precision",
      }).addTo(group);
    }
  });
  return true;
}

export function addPoints(P, group) {
  const c = P.cols;
  const n = c.k.length;
  const icons = {};
  const markers = new Array(n);
  const size = P.markerSizePx;
  for (let i = 0; i < n; i++) {
    const code = c.k[i];
    if (!icons[code]) {
      const u = unpack(P, code);
      icons[code] = L.divIcon({
        className: "em-marker", iconSize: [size, size], iconAnchor: [size / 2, size / 2],
        html: markerSvg(P, u.side, u.type, u.status, size),
      });
      icons[code].emSide = u.side;
    }
    const place = P.places[c.p[i]];
    markers[i] = L.marker([place[0], place[1]], { icon: icons[code], emIndex: i });
  }
  const cluster = L.markerClusterGroup({
    chunkedLoading: true, maxClusterRadius: 42, spiderfyOnMaxZoom: true, showCoverageOnHover: false,
    iconCreateFunction: clusterIcon(P), spiderLegPolylineOptions: { weight: 1.5, color: "#333", opacity: 0.6 },
  });
  // One popup for the whole layer, filled when a marker is clicked (no popup object per marker).
  const popup = L.popup({ maxWidth: 380, minWidth: 240, maxHeight: 360, className: "em-popup-wrap",
                          offset: [0, -size / 2 + 7], autoPanPaddingTopLeft: [50, 20], autoPanPadding: [20, 20] });
  cluster.on("click", (e) => {
    const marker = e.layer;
    if (marker.options.emIndex === undefined) return;
    popup.setLatLng(marker.getLatLng()).setContent(popupElement(document, P, marker.options.emIndex));
    popup.openOn(group._map);
  });
  group.addLayer(cluster);
  // Add the markers only once the cluster group is on the map: markercluster's off-map path checks
  // every new marker against all pending ones (quadratic: 11 s at 100,000 events instead of 0.3 s).
  whenOnMap(group, () => {
    if (group._emLoaded) return;
    group._emLoaded = true;
    cluster.addLayers(markers);
  });
  group.emCluster = cluster;
}

export function addCells(P, group) {
  const g = P.grid;
  whenOnMap(group, () => {
    if (group._emCells) return;
    group._emCells = true;
    const renderer = L.canvas({ padding: 0.3 });
    for (let i = 0; i < g.n.length; i++) {
      const marker = L.circleMarker([g.lat[i], g.lon[i]], {
        renderer, radius: cellRadius(g.n[i]), color: "#222", weight: 1, fillColor: P.colours[g.side[i]],
        fillOpacity: 0.7, emIndex: i,
      });
      marker.bindPopup((layer) => cellElement(document, P, layer.options.emIndex));
      marker.addTo(group);
    }
  });
}
