/* The WebGL point layer's fallback when the browser has no WebGL: the same columnar events as clustered
 * circle markers, and a notice saying so. Uses `L` and Leaflet.markercluster. Texts go in as text nodes.
 */

import { clusterSize, clusterStops } from "./codes.js";
import { hexRgb, pickTarget, summaryElement } from "./glpoints.js";

function noticeControl(text) {
  const control = L.control({ position: "topright" });
  control.onAdd = () => {
    const div = L.DomUtil.create("div", "em-note em-no-webgl");
    div.textContent = text;
    return div;
  };
  return control;
}

export function addFallbackClusters(P, cols, group) {
  const n = cols.lon.length;
  const renderer = L.canvas({ padding: 0.3 });
  const fills = P.colours.map((c) => `rgb(${hexRgb(c).join(",")})`);
  const markers = new Array(n);
  for (let i = 0; i < n; i++) {
    const look = P.statusStyles[cols.status[i]] || { filled: false, opacity: 1, fillOpacity: 0 };
    const colour = fills[cols.side[i]] || "#555555";
    markers[i] = L.circleMarker([cols.lat[i], cols.lon[i]], {
      renderer, radius: 6, color: look.filled ? "#222222" : colour, weight: look.filled ? 1 : 2.5,
      fillColor: look.filled ? colour : "#ffffff", fillOpacity: look.filled ? look.fillOpacity : 0.55,
      opacity: look.opacity, emIndex: i, emSide: cols.side[i],
    });
  }
  const cluster = L.markerClusterGroup({
    chunkedLoading: true, maxClusterRadius: 42, showCoverageOnHover: false,
    iconCreateFunction: (c) => {
      const counts = {};
      const children = c.getAllChildMarkers();
      for (const m of children) counts[m.options.emSide] = (counts[m.options.emSide] || 0) + 1;
      const size = clusterSize(children.length);
      const div = L.DomUtil.create("div");
      div.style.background = `conic-gradient(${clusterStops(counts, P.colours)})`;
      const count = L.DomUtil.create("span", "", div);
      count.textContent = String(children.length);
      return L.divIcon({ className: "marker-cluster em-cluster", iconSize: [size, size], html: div });
    },
  });
  const popup = L.popup({ maxWidth: 320, className: "em-popup-wrap" });
  cluster.on("click", (e) => {
    const i = e.layer.options.emIndex;
    if (i === undefined) return;
    popup.setLatLng(e.layer.getLatLng()).setContent(summaryElement(P, cols, i)).openOn(group._map);
    group.fire("click", { latlng: e.layer.getLatLng(), sourceTarget: pickTarget(P, i), emIndex: i });
  });
  group.addLayer(cluster);
  const notice = noticeControl(P.strings.noWebgl);
  const show = () => {
    notice.addTo(group._map);
    if (!group._emFallbackLoaded) {
      group._emFallbackLoaded = true;
      cluster.addLayers(markers);
    }
  };
  group.on("add", show);
  group.on("remove", () => {
    notice.remove();
    popup.remove();
  });
  if (group._map) show();
  group.emCluster = cluster;
  group.emNoWebgl = true;
}
