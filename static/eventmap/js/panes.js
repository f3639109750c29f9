/* The map's panes and a helper to act once a layer is on a map. Uses the global `L` map objects. */

// Basemap under the tiles (200); precision circles under other overlays (400); place names above
// those but under the markers (600), so a label never hides a marker or a cluster's count.
export const PANES = { "em-basemap": 150, "em-areas": 300, "em-precision": 350, "em-labels": 550 };

export function ensurePanes(map) {
  for (const name of Object.keys(PANES)) {
    if (!map.getPane(name)) {
      const pane = map.createPane(name);
      pane.style.zIndex = PANES[name];
      if (name !== "em-basemap" && name !== "em-areas") pane.style.pointerEvents = "none";
    }
  }
}

export function whenOnMap(layer, fn) {
  if (layer._map) fn(layer._map);
  layer.on("add", () => {
    fn(layer._map);
  });
}
