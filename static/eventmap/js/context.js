/* Context on the offline basemap: lakes, rivers and populated places (Natural Earth), shown from
 * `context.minZoom` on, so a zoomed-in map is never an empty field. Place names go in as text. Uses `L`.
 *
 * The places' names take part in the placement of the events' place names (placelabels.js), after them: each
 * time the names stand ("em:names") the context names take the room left. An event's place wins: a context
 * name never lies over an event's name, a marker, a cluster icon or a panel, nor over another context name;
 * a context place at an event's labelled place is not named twice; a place whose namesake elsewhere
 * (`twins`, from eventmap.mapping.context) is on screen is not named, so a second "Agdam" is never read as
 * Aghdam. A place with no name in the map's language (an empty `name`) is not drawn.
 */

import { make } from "./dom.js";
import { boxesOf, grown, LABEL_EVENTS, NAME_GAP_PX, obstacleBoxes, placeLabels } from "./placelabels.js";

export const RIVER_COLOUR = "#7FA9C9";
const DOT_HALF_PX = 3;
const SAME_PLACE_PX = 14; // a context place this close to an event's labelled point is that place
const CONTEXT_RINGS = [1]; // beside its dot only: no leader lines for the basemap's names
const CONTEXT_RANK = -1_000_000; // below every event's place name (their ranks are positive)
const SETTLE_MS = 500;

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

// Whether one of `twins` ([lat, lon]) lies inside `bounds` [south, west, north, east].
export function twinInView(twins, bounds) {
  return (twins || []).some(([lat, lon]) => bounds[0] <= lat && lat <= bounds[2] && bounds[1] <= lon && lon <= bounds[3]);
}

/* Which context places may be named, and where. `places`: [{ x, y, w, h, rank, twinShown }] (container px);
 * `eventPoints`: [x, y] of the events' labelled places; `obstacles`: boxes of the markers, cluster icons,
 * panels and of the events' names that stand; `view`: the map's box. Returns, in the places' order,
 * { box } or null (not drawn: outside, a twin on screen, the same place as an event's, its dot covered, or
 * no room for its name). */
export function placeContext(places, eventPoints, obstacles, view) {
  const dots = places.map((p) => [p.x - DOT_HALF_PX, p.y - DOT_HALF_PX, p.x + DOT_HALF_PX, p.y + DOT_HALF_PX]);
  const meets = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  const candidates = [];
  const index = [];
  places.forEach((p, i) => {
    if (p.x < view[0] || p.x > view[2] || p.y < view[1] || p.y > view[3] || p.twinShown) return;
    if (eventPoints.some(([x, y]) => Math.hypot(x - p.x, y - p.y) <= SAME_PLACE_PX)) return;
    if (obstacles.some((b) => meets(dots[i], b))) return;
    candidates.push({ x: p.x, y: p.y, w: p.w, h: p.h, clearance: DOT_HALF_PX + 2, rank: CONTEXT_RANK + p.rank, keep: false });
    index.push(i);
  });
  // Every other place's dot is an obstacle too; the events' names keep the same room round them as each other.
  const others = obstacles.map((b) => grown(b, NAME_GAP_PX / 2)).concat(dots.filter((_, i) => index.includes(i)));
  const spots = placeLabels(candidates, others, view, { rings: CONTEXT_RINGS });
  const result = places.map(() => null);
  spots.forEach((spot, k) => {
    if (spot) result[index[k]] = { box: spot.box };
  });
  return result;
}

function contextPlaces(map, context) {
  const group = L.layerGroup();
  const items = [];
  for (const feature of context.features) {
    const props = feature.properties;
    if (props.kind !== "place" || !props.name) continue;
    const [lon, lat] = feature.geometry.coordinates;
    const marker = L.marker([lat, lon], {
      pane: "em-basemap", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "em-context-label", iconSize: [0, 0], html: placeIcon(document, props.name) }),
    }).addTo(group);
    items.push({ marker, rank: props.rank || 0, twins: props.twins || [] });
  }
  function declutter() {
    if (!map._loaded || !map.hasLayer(group)) return;
    const size = map.getSize();
    const { markers, panels } = obstacleBoxes(map);
    const container = map.getContainer();
    const origin = container.getBoundingClientRect();
    const names = boxesOf(container.querySelectorAll(".em-place-name"), origin);
    const eventPoints = [...container.querySelectorAll(".em-place")].map((element) => {
      const r = element.getBoundingClientRect();
      return [r.left - origin.left, r.top - origin.top];
    });
    const b = map.getBounds();
    const bounds = [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()];
    const shown = items.map((item) => {
      const el = item.marker.getElement();
      const name = el?.querySelector(".em-context-name");
      const p = map.latLngToContainerPoint(item.marker.getLatLng());
      return { el, name, x: p.x, y: p.y, w: name ? name.offsetWidth : 0, h: name ? name.offsetHeight : 0,
               rank: item.rank, twinShown: twinInView(item.twins, bounds) };
    }).filter((p) => p.el && p.name);
    const spots = placeContext(shown, eventPoints, markers.concat(panels, names), [0, 0, size.x, size.y]);
    shown.forEach((p, k) => {
      const spot = spots[k];
      p.el.setAttribute("data-placed", spot ? "beside" : "hidden");
      p.el.style.visibility = spot ? "" : "hidden";
      p.name.style.visibility = spot ? "visible" : "hidden";
      if (spot) p.name.style.transform = `translate(${spot.box[0] - p.x}px, ${spot.box[1] - p.y}px)`;
    });
  }
  let later = null;
  let settled = null;
  const soon = () => {
    clearTimeout(later);
    clearTimeout(settled);
    later = setTimeout(declutter, 0); // after the events' names, which listen to the same map events
    settled = setTimeout(declutter, SETTLE_MS); // and once the events' layer and cluster icons stand
  };
  map.on(LABEL_EVENTS, soon);
  map.on("em:names", declutter);
  group.on("add", soon);
  group.emDeclutter = declutter;
  return group;
}

export function addContext(map, context, colours) {
  const renderer = L.svg({ pane: "em-basemap" });
  const shapes = L.geoJSON(context, {
    pane: "em-basemap", renderer, style: contextStyle(colours), interactive: false,
    filter: (feature) => feature.properties.kind !== "place",
  });
  const places = contextPlaces(map, context);
  const layer = L.layerGroup([shapes, places]);
  const toggle = () => {
    const wanted = map.getZoom() >= context.minZoom;
    if (wanted === map.hasLayer(layer)) return;
    if (wanted) layer.addTo(map);
    else layer.remove();
  };
  map.on("zoomend", toggle);
  map.whenReady(toggle);
  if (map.attributionControl && context.credit) map.attributionControl.addAttribution(context.credit);
  layer.emPlaces = places;
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
