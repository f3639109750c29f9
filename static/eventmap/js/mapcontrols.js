/* The map's legend box and its note (no events, too many circles): Leaflet controls. Uses `L`.
 * Their HTML is rendered and escaped in Python (eventmap.mapping.legend, scene_parts, layers).
 */

export function legendControl(map, legendHtml, position) {
  const legend = L.control({ position: position || "bottomright" });
  legend.onAdd = () => {
    const div = L.DomUtil.create("div", "em-legend-box");
    div.innerHTML = legendHtml; // rendered and escaped by eventmap.mapping.legend / scene_parts
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    // Controls sit above popups: fold the legend while an event's details are open, then restore it.
    const details = div.querySelector("details");
    let wasOpen = null;
    map.on("popupopen", () => {
      if (details && wasOpen === null) {
        wasOpen = details.open;
        details.open = false;
      }
    });
    map.on("popupclose", () => {
      if (details && wasOpen !== null) {
        details.open = wasOpen;
        wasOpen = null;
      }
    });
    return div;
  };
  return legend;
}

// A note in the top corner that comes and goes with `group`.
export function addNote(group, html) {
  if (!html) return;
  const control = L.control({ position: "topright" });
  control.onAdd = () => {
    const div = L.DomUtil.create("div", "em-note");
    div.innerHTML = html; // escaped by eventmap.mapping.layers
    return div;
  };
  group.on("add", () => {
    control.addTo(group._map);
  });
  group.on("remove", () => {
    control.remove();
  });
  if (group._map) control.addTo(group._map);
}
