/* Generated from static/eventmap/js/eventmap.js and the modules it imports by eventmap.mapping.assets.js_bundle: edit those, then run `python -m eventmap.mapping.assets`. */
(function () {
"use strict";
const modules = {};
// dom.js
modules["dom"] = (function () {
/* Building page elements from data: text goes in only as text nodes (textContent), never as markup.
 * Every function takes the document (`doc`) it builds in, so tests can pass a small fake one.
 */

const SVG_NS = "http://www.w3.org/2000/svg";

function make(doc, tag, className, text) {
  const element = doc.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined && text !== null) element.textContent = String(text);
  return element;
}

function setText(element, text) {
  element.textContent = text;
  return element;
}

// An <a> to an http(s) address, or null for anything else (javascript:, data:, relative ...).
function webLink(doc, href, shown) {
  const link = make(doc, "a", null, shown.text);
  link.href = href;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.title = shown.title;
  link.setAttribute("dir", "ltr");
  return link;
}

// A text as HTML that shows it literally: only for the Leaflet calls that take markup and no element (the
// layer switch's names, the attribution line). Everything else builds elements with `make`.
function escapeHtml(text) {
  return String(text ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
return { SVG_NS, make, setText, webLink, escapeHtml };
})();
// areas.js
modules["areas"] = (function () {
const { escapeHtml, make } = modules["dom"];
/* The scene's area layers (districts ...): drawn under the events, each one switchable in the layer
 * control. An area's name (from the area file) goes into its tooltip as text; the layer's title and
 * attribution are escaped for Leaflet's layer switch and attribution line, which take markup. Uses `L`.
 */


// Adds the areas; returns { title: layer } for the layer control and fills `byKey` with { key: layer }.
function addAreas(map, areas, byKey) {
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
return { addAreas };
})();
// basemap.js
modules["basemap"] = (function () {
const { make } = modules["dom"];
/* The offline basemap (land, coasts, borders, country names) and its detailed regions. Uses `L`. */


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

function addBasemaps(map, basemaps, colours) {
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
return { addBasemaps };
})();
// placelabels.js
modules["placelabels"] = (function () {
const { make } = modules["dom"];
/* Place names on the map that never lie: no name covers another name, a marker or a cluster icon; a name is
 * beside its own point, or a little farther with a leader line to it; when there is no room, the lower
 * priority gives way. Uses `L` (addLabels); `placeLabels` is pure (box arithmetic, tested in node).
 *
 * A label row is [lat, lon, name (raw text: it goes in as a text node), priority, kind]; kinds
 * and priorities come from the scene (capitals first, then the places with most events, then towns). The
 * page may raise a label (the places of the day's events) or keep it whatever happens (the place a story
 * step is about): `declutter({ raised: Set of label indices, kept: Set of label indices })`.
 */


// Where a label may go around its point, in order: beside it, above, below, diagonally.
const SPOTS = [[1, 0], [-1, 0], [0.7, -0.7], [0.7, 0.7], [-0.7, -0.7], [-0.7, 0.7], [0, -1], [0, 1]];
// How far from the point, in clearances: the first ring touches the marker; the others need a leader line.
const RINGS = [1, 1.9, 3];
const LEADER_SAMPLES = 12;
const POINT_HALF_PX = 4; // a place's own point, which no other name may cover

function overlapArea(a, b) {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

// The box of a w×h label whose point is (x, y), at spot `spot` and distance `reach` from the point.
function spotBox(x, y, w, h, spot, reach) {
  const [sx, sy] = spot;
  const left = sx > 0 ? x + sx * reach : sx < 0 ? x + sx * reach - w : x - w / 2;
  const top = sy > 0 ? y + sy * reach : sy < 0 ? y + sy * reach - h : y - h / 2;
  return [left, top, left + w, top + h];
}

function inside(box, view) {
  return !view || (box[0] >= view[0] && box[1] >= view[1] && box[2] <= view[2] && box[3] <= view[3]);
}

// Room kept free between two names, so that names (Arabic ones with their tall letters above all) never touch.
const NAME_GAP_PX = 4;

// `box` grown by `by` px on every side.
function grown(box, by) {
  return [box[0] - by, box[1] - by, box[2] + by, box[3] + by];
}

/* Where each label goes. `labels`: [{ x, y, w, h, clearance, rank, keep }] (px; `clearance` is the distance
 * from the point at which the name clears its own marker); `markers`: boxes [x0, y0, x1, y1] of every marker
 * and cluster icon; `view`: the visible box, or null. Returns, in the labels' order, { box, leader } or null
 * (no room: hidden). Kept labels are placed first, then by rank (higher first); a kept label always gets a
 * place (where it covers least, when nothing is free). `options.rings`: the distances tried (in clearances;
 * only the first has no leader line); `options.gap`: the room kept between two names. */
function placeLabels(labels, markers, view, options = {}) {
  const rings = options.rings || RINGS;
  const gap = options.gap ?? NAME_GAP_PX;
  const order = labels.map((_, i) => i);
  order.sort((a, b) => (labels[b].keep ? 1 : 0) - (labels[a].keep ? 1 : 0) || labels[b].rank - labels[a].rank || a - b);
  const points = labels.map((l) => [l.x - POINT_HALF_PX, l.y - POINT_HALF_PX, l.x + POINT_HALF_PX, l.y + POINT_HALF_PX]);
  const placed = [];
  const leaders = []; // [x, y, box] of the names placed with a leader line: no later name may lie across one
  const result = labels.map(() => null);
  for (const i of order) {
    const label = labels[i];
    if (view && !label.keep && !inside(points[i], view)) continue;
    const others = markers.concat(points.filter((_, j) => j !== i));
    // Markers and icons not on the label's own point: its leader line had better not pass under one (it would
    // seem to point at that icon), a preference only (`pref`): a conflict (`cost`) hides the name.
    const foreign = markers.filter((b) => !(b[0] <= label.x && label.x <= b[2] && b[1] <= label.y && label.y <= b[3]));
    let best = null;
    for (const ring of rings) {
      for (const spot of SPOTS) {
        const box = spotBox(label.x, label.y, label.w, label.h, spot, label.clearance * ring);
        if (!inside(box, view)) continue;
        let cost = 0;
        for (const other of others) cost += overlapArea(box, other);
        for (const other of placed) cost += 10 * overlapArea(grown(box, gap), other);
        if (ring > 1 && leaderCrosses(label.x, label.y, box, placed)) cost += 1;
        if (leaders.some(([lx, ly, lbox]) => leaderCrosses(lx, ly, lbox, [grown(box, 1)]))) cost += 1;
        const pref = ring > 1 && leaderCrosses(label.x, label.y, box, foreign) ? 1 : 0;
        if (!best || cost < best.cost || (cost === best.cost && pref < best.pref)) {
          best = { cost, pref, box, leader: ring > 1 };
        }
        if (cost === 0 && pref === 0) break;
      }
      if (best && best.cost === 0 && best.pref === 0) break;
    }
    if (!best) {
      if (!label.keep) continue;
      best = { cost: 1, box: spotBox(label.x, label.y, label.w, label.h, SPOTS[0], label.clearance), leader: false };
    }
    if (best.cost > 0 && !label.keep) continue;
    placed.push(best.box);
    if (best.leader) leaders.push([label.x, label.y, best.box]);
    result[i] = { box: best.box, leader: best.leader };
  }
  return result;
}

// The indices of the label rows ([lat, lon, ...]) within `tolerance` degrees of one of `points` ([lat, lon]).
function labelsNear(labels, points, tolerance) {
  const near = new Set();
  labels.forEach((label, i) => {
    if (points.some((p) => Math.abs(p[0] - label[0]) <= tolerance && Math.abs(p[1] - label[1]) <= tolerance)) near.add(i);
  });
  return near;
}

// Whether the leader line from (x, y) to `box` passes through one of `boxes` (names placed before).
function leaderCrosses(x, y, box, boxes) {
  const [ex, ey] = nearestOnBox(box, x, y);
  for (let k = 1; k < LEADER_SAMPLES; k++) {
    const px = x + ((ex - x) * k) / LEADER_SAMPLES;
    const py = y + ((ey - y) * k) / LEADER_SAMPLES;
    if (boxes.some((b) => b[0] < px && px < b[2] && b[1] < py && py < b[3])) return true;
  }
  return false;
}

// The point of the box nearest to (x, y): where a leader line from the point meets the name.
function nearestOnBox(box, x, y) {
  return [Math.min(Math.max(x, box[0]), box[2]), Math.min(Math.max(y, box[1]), box[3])];
}

// --- on a Leaflet map ----------------------------------------------------------------------------------------

const MARKERS = ".em-marker, .em-cluster, path.pb-marker, path.pb-focus";
// What lies over the map (the playback page's title, legend, card; the map's own controls): a name under it
// could not be read.
const PANELS = ".pb-panel, .pb-bar, .leaflet-control";
const MIN_CLEARANCE_PX = 8;
const SETTLE_MS = 400;
// The map events after which names are placed again ("em:markers": the page drew other markers).
const LABEL_EVENTS = "zoomend moveend em:markers";

function boxesOf(elements, origin) {
  const boxes = [];
  for (const element of elements) {
    const r = element.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && getComputedStyle(element).visibility !== "hidden") {
      boxes.push([r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top]);
    }
  }
  return boxes;
}

// The boxes of the markers on the map and of the panels over it, in the map's container pixels.
function obstacleBoxes(map) {
  const container = map.getContainer();
  const origin = container.getBoundingClientRect();
  return {
    markers: boxesOf(container.querySelectorAll(MARKERS), origin),
    panels: boxesOf(container.ownerDocument.querySelectorAll(PANELS), origin),
  };
}

const contains = (b, x, y) => b[0] <= x && x <= b[2] && b[1] <= y && y <= b[3];

// How far a name must stand from its point to clear the markers drawn on that point.
function clearanceAt(x, y, boxes) {
  let reach = MIN_CLEARANCE_PX;
  for (const b of boxes) {
    if (contains(b, x, y)) {
      reach = Math.max(reach, x - b[0], b[2] - x, y - b[1], b[3] - y);
    }
  }
  return reach + 3;
}

function drawLeader(line, x, y, box) {
  if (!box) {
    line.style.display = "none";
    return;
  }
  const [ex, ey] = nearestOnBox(box, x, y);
  const length = Math.hypot(ex - x, ey - y);
  line.style.display = "block";
  line.style.width = `${length}px`;
  line.style.transform = `rotate(${Math.atan2(ey - y, ex - x)}rad)`;
}

// A place's name as elements (Leaflet puts an element given as `html` into the icon): the leader line to its
// point and the name, a text node.
function labelElement(doc, name) {
  const parts = make(doc, "span", "em-place-parts");
  parts.appendChild(make(doc, "span", "em-place-leader"));
  const text = parts.appendChild(make(doc, "span", "em-place-name", name));
  text.setAttribute("dir", "auto");
  return parts;
}

function addLabels(map, labels, target) {
  const items = labels.map((l) => {
    const marker = L.marker([l[0], l[1]], {
      pane: "em-labels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "em-place", iconSize: [0, 0], html: labelElement(document, l[2]) }),
    }).addTo(target || map);
    return { marker, priority: l[3] };
  });
  let wanted = { raised: new Set(), kept: new Set() };
  function declutter(options) {
    if (options && !(options.type || options.target)) {
      wanted = { raised: options.raised || new Set(), kept: options.kept || new Set() }; // from the page, not an event
    }
    if (options?.type === "zoomend") declutter.settle();
    if (!map._loaded) return;
    const size = map.getSize();
    const { markers, panels } = obstacleBoxes(map);
    const shown = [];
    for (const [i, item] of items.entries()) {
      const el = item.marker.getElement();
      if (!el) continue;
      const name = el.querySelector(".em-place-name");
      const p = map.latLngToContainerPoint(item.marker.getLatLng());
      if (!wanted.kept.has(i) && panels.some((b) => contains(b, p.x, p.y))) {
        // Its place is under a panel: a name beside a panel would point at nothing.
        el.setAttribute("data-placed", "hidden");
        name.style.visibility = "hidden";
        drawLeader(el.querySelector(".em-place-leader"), 0, 0, null);
        continue;
      }
      shown.push({
        el, name, line: el.querySelector(".em-place-leader"),
        x: p.x, y: p.y, w: name.offsetWidth, h: name.offsetHeight, clearance: clearanceAt(p.x, p.y, markers),
        rank: item.priority + (wanted.raised.has(i) ? 10_000 : 0), keep: wanted.kept.has(i),
      });
    }
    const places = placeLabels(shown, markers.concat(panels), [0, 0, size.x, size.y]);
    shown.forEach((label, k) => {
      const spot = places[k];
      label.el.setAttribute("data-placed", spot ? (spot.leader ? "leader" : "beside") : "hidden");
      label.name.style.visibility = spot ? "visible" : "hidden";
      if (spot) label.name.style.transform = `translate(${spot.box[0] - label.x}px, ${spot.box[1] - label.y}px)`;
      const box = spot?.leader ? spot.box.map((v, j) => v - (j % 2 ? label.y : label.x)) : null;
      drawLeader(label.line, 0, 0, box);
    });
    map.fire("em:names"); // the names stand: the basemap's context names take the room left (context.js)
  }
  map.on(LABEL_EVENTS, declutter);
  // Markers that slide into place (cluster icons after a zoom): place the names again once all is still.
  let later = null;
  declutter.settle = () => {
    declutter();
    clearTimeout(later);
    later = setTimeout(declutter, SETTLE_MS);
  };
  map.getContainer().addEventListener("transitionend", declutter.settle);
  setTimeout(declutter, 0);
  declutter.labels = labels;
  return declutter;
}
return { overlapArea, spotBox, NAME_GAP_PX, grown, placeLabels, labelsNear, leaderCrosses, nearestOnBox, LABEL_EVENTS, boxesOf, obstacleBoxes, labelElement, addLabels };
})();
// context.js
modules["context"] = (function () {
const { make } = modules["dom"];
const { boxesOf, grown, LABEL_EVENTS, NAME_GAP_PX, obstacleBoxes, placeLabels } = modules["placelabels"];
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


const RIVER_COLOUR = "#7FA9C9";
const DOT_HALF_PX = 3;
const SAME_PLACE_PX = 14; // a context place this close to an event's labelled point is that place
const CONTEXT_RINGS = [1]; // beside its dot only: no leader lines for the basemap's names
const CONTEXT_RANK = -1_000_000; // below every event's place name (their ranks are positive)
const SETTLE_MS = 500;

function contextStyle(colours) {
  return (feature) => {
    if (feature.properties.kind === "lake") {
      return { color: colours.coast, weight: 0.8, fillColor: colours.sea, fillOpacity: 1, interactive: false };
    }
    return { color: RIVER_COLOUR, weight: 1.4, opacity: 0.9, fill: false, interactive: false };
  };
}

// A populated place: a small dot and its name, as text.
function placeIcon(doc, name) {
  const box = make(doc, "div", "em-context-place");
  box.appendChild(make(doc, "span", "em-context-dot"));
  const text = make(doc, "span", "em-context-name", name);
  text.setAttribute("dir", "auto");
  box.appendChild(text);
  return box;
}

// Whether one of `twins` ([lat, lon]) lies inside `bounds` [south, west, north, east].
function twinInView(twins, bounds) {
  return (twins || []).some(([lat, lon]) => bounds[0] <= lat && lat <= bounds[2] && bounds[1] <= lon && lon <= bounds[3]);
}

/* Which context places may be named, and where. `places`: [{ x, y, w, h, rank, twinShown }] (container px);
 * `eventPoints`: [x, y] of the events' labelled places; `obstacles`: boxes of the markers, cluster icons,
 * panels and of the events' names that stand; `view`: the map's box. Returns, in the places' order,
 * { box } or null (not drawn: outside, a twin on screen, the same place as an event's, its dot covered, or
 * no room for its name). */
function placeContext(places, eventPoints, obstacles, view) {
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

function addContext(map, context, colours) {
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
function noticeWhenTilesFail(map, tiles, text, position) {
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
return { RIVER_COLOUR, contextStyle, placeIcon, twinInView, placeContext, addContext, noticeWhenTilesFail };
})();
// links.js
modules["links"] = (function () {
/* Link safety, with no page access: only http(s) addresses become links; anything else stays text. */

const WEB = /^https?:\/\//i;

function isWebLink(href) {
  return typeof href === "string" && WEB.test(href);
}

// What a link shows: the address decoded (readable non-Latin paths), without the scheme and "www.".
function linkText(href) {
  let shown;
  try {
    shown = decodeURI(href);
  } catch {
    shown = href;
  }
  return { text: shown.replace(/^https?:\/\/(www\.)?/i, ""), title: shown };
}
return { isWebLink, linkText };
})();
// codes.js
modules["codes"] = (function () {
/* The map's compact event codes and the pictures made of them, with no page access.
 *
 * The map payload (eventmap.mapping.layers) packs each event's side, type, claim status and place
 * precision into one number `k`, and its day into an offset from `day0`. Colours come from the scene's
 * palette (`P.colours`, one per side), shapes and status styles from eventmap.styling: never from the data.
 */

function unpack(P, code) {
  let rest = code;
  const prec = rest % P.nPrec;
  rest = (rest - prec) / P.nPrec;
  const status = rest % P.nStatus;
  rest = (rest - status) / P.nStatus;
  const type = rest % P.nType;
  const side = (rest - type) / P.nType;
  return { side, type, status, prec };
}

// "YYYY-MM-DD" of a day offset from `day0` (ms at midnight UTC); "?" for an unknown day (-1).
function isoDay(day0, offset) {
  if (offset < 0) return "?";
  return new Date(day0 + offset * 86400000).toISOString().slice(0, 10);
}

// How a marker of claim-status style `st` is painted in the side's `colour` (the map's one rule).
function markerPaint(st, colour) {
  if (!st.filled) return { fill: "#FFFFFF", fillOpacity: 0.75, stroke: colour };
  return { fill: colour, fillOpacity: st.fill_opacity, stroke: st.dash ? colour : "#222222" };
}

// A marker's <svg> as markup for Leaflet's divIcon, from the palette and the style tables only: numbers,
// colours (#rrggbb, checked in eventmap.styling) and the project's shape paths; never a data text.
function markerSvg(P, side, type, status, size) {
  const st = P.statusStyles[status];
  const paint = markerPaint(st, P.colours[side]);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 24 24" style="opacity:${
    st.opacity}"><path d="${P.shapes[type]}" fill="${paint.fill}" fill-opacity="${paint.fillOpacity}" stroke="${
    paint.stroke}" stroke-width="${st.stroke_width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ""} stroke-linejoin="round"/></svg>`;
}

// A cluster's pie: conic-gradient stops, the most frequent side first. `counts` is { side: n }.
function clusterStops(counts, colours) {
  const n = Object.values(counts).reduce((a, b) => a + b, 0);
  const sides = Object.keys(counts).sort((a, b) => counts[b] - counts[a]);
  const stops = [];
  let at = 0;
  for (const side of sides) {
    const next = at + (100 * counts[side]) / n;
    stops.push(`${colours[side]} ${at.toFixed(2)}% ${next.toFixed(2)}%`);
    at = next;
  }
  return stops.join(",");
}

function clusterSize(n) {
  return Math.round(30 + 8 * Math.log10(n));
}

function cellRadius(n) {
  return Math.min(30, 4 + 2.2 * Math.log2(n));
}

// Label boxes [x0, y0, x1, y1]: does `box` overlap any of `placed`?
function clashes(box, placed) {
  return placed.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]);
}
return { unpack, isoDay, markerPaint, markerSvg, clusterStops, clusterSize, cellRadius, clashes };
})();
// symbols.js
modules["symbols"] = (function () {
const { markerPaint } = modules["codes"];
const { SVG_NS } = modules["dom"];
/* A map marker's symbol as an <svg> element (popup heads, legend rows), built with createElementNS. */


// `path`: an SVG path on a 24-px grid; `style`: a claim-status style (eventmap.styling.StatusStyle).
function markerSymbol(doc, path, colour, style, size) {
  const svg = doc.createElementNS(SVG_NS, "svg");
  svg.setAttribute("width", size);
  svg.setAttribute("height", size);
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.style.opacity = String(style.opacity);
  const paint = markerPaint(style, colour);
  const shape = doc.createElementNS(SVG_NS, "path");
  shape.setAttribute("d", path);
  shape.setAttribute("fill", paint.fill);
  shape.setAttribute("fill-opacity", String(paint.fillOpacity));
  shape.setAttribute("stroke", paint.stroke);
  shape.setAttribute("stroke-width", String(style.stroke_width));
  if (style.dash) shape.setAttribute("stroke-dasharray", style.dash);
  shape.setAttribute("stroke-linejoin", "round");
  svg.appendChild(shape);
  return svg;
}
return { markerSymbol };
})();
// maplegend.js
modules["maplegend"] = (function () {
const { make } = modules["dom"];
const { markerSymbol } = modules["symbols"];
/* The map's legend as page elements: the scene's sides, event types and claim statuses, each with its
 * symbol, then the marks (precision circles, clusters). Every name goes in as text.
 *
 *   legendElement(doc, legend) -> <details class="em-legend">
 *     legend: eventmap.mapping.scene_parts.legend_options (raw text)
 */


const CONFIRMED = { filled: true, fill_opacity: 0.95, stroke_width: 1.2, dash: "", opacity: 1 };

function row(doc, symbol, text) {
  const element = make(doc, "div", "em-legend-row");
  element.appendChild(symbol);
  const name = make(doc, "span", null, text);
  name.setAttribute("dir", "auto");
  element.appendChild(name);
  return element;
}

function section(doc, title, rows, grid) {
  const box = make(doc, "div", "em-legend-section");
  box.appendChild(make(doc, "div", "em-legend-title", title));
  const holder = grid ? box.appendChild(make(doc, "div", "em-legend-grid")) : box;
  for (const r of rows) holder.appendChild(r);
  return box;
}

function swatch(doc, colour) {
  const element = make(doc, "span", "em-swatch");
  element.style.background = colour;
  return element;
}

function markSample(doc, kind) {
  if (kind === "cluster") {
    const sample = make(doc, "span", "em-cluster-sample");
    sample.appendChild(make(doc, "span", null, "12"));
    return sample;
  }
  return make(doc, "span", `em-precision-sample em-precision-${kind}`);
}

function legendElement(doc, legend) {
  const details = make(doc, "details", "em-legend");
  details.setAttribute("dir", legend.dir);
  details.open = legend.open;
  details.setAttribute("data-em-default", legend.open ? "open" : "folded");
  details.appendChild(make(doc, "summary", null, legend.title));
  const parts = [
    [legend.sides, (r) => row(doc, swatch(doc, r[1]), r[0]), false],
    [legend.types, (r) => row(doc, markerSymbol(doc, r[1], legend.neutral, CONFIRMED, 18), r[0]), false],
    [legend.statuses, (r) => row(doc, markerSymbol(doc, legend.circle, legend.neutral, r[1], 18), r[0]), true],
    [legend.marks, (r) => row(doc, markSample(doc, r[0]), r[1]), false],
  ];
  for (const [part, build, grid] of parts) {
    if (part?.rows.length) details.appendChild(section(doc, part.title, part.rows.map(build), grid));
  }
  return details;
}
return { legendElement };
})();
// mapcontrols.js
modules["mapcontrols"] = (function () {
const { make } = modules["dom"];
const { legendElement } = modules["maplegend"];
/* The map's legend box and its notes (no events, aggregated, too many circles): Leaflet controls filled
 * with page elements (legendElement, text nodes). Uses `L`.
 */


// The legends over a map (the events' and the territorial control's) and the share of the map they may cover
// unfolded: above it they open folded, to their one-line title, a chip the reader opens.
const LEGENDS = ".em-legend-box > details, .em-control-box > details";
const MAX_LEGEND_SHARE = 0.15;

// Whether legends covering `openAreas` (px², unfolded) of a map of `mapArea` px² open folded.
function foldedByDefault(mapArea, openAreas, maxShare = MAX_LEGEND_SHARE) {
  const covered = openAreas.reduce((sum, area) => sum + area, 0);
  return mapArea > 0 && covered > maxShare * mapArea;
}

const legendKind = (details) => (details.classList.contains("em-control-legend") ? "control" : "events");

/* Fold or unfold the legends the reader has not opened or folded: all unfolded when together they cover at
 * most MAX_LEGEND_SHARE of the map, else all folded. A legend that opens folded by its own options stays so;
 * the reader's choice (a click on a legend's title) is kept for the legends drawn after it on this map. */
function fitLegends(map) {
  const container = map.getContainer();
  const chosen = map._emLegendChoice || {};
  map._emLegendChoice = chosen;
  const all = [...container.querySelectorAll(LEGENDS)];
  for (const details of all) {
    const kind = legendKind(details);
    if (chosen[kind] !== undefined) details.open = chosen[kind];
    if (details._emWatched) continue;
    details._emWatched = true;
    details.querySelector("summary")?.addEventListener("click", () => {
      setTimeout(() => {
        chosen[kind] = details.open;
      }, 0);
    });
  }
  const auto = all.filter((d) => chosen[legendKind(d)] === undefined && d.getAttribute("data-em-default") !== "folded");
  if (!auto.length) return;
  for (const details of auto) details.open = true;
  const areas = all.filter((d) => d.open).map((d) => {
    const r = d.parentElement.getBoundingClientRect();
    return r.width * r.height;
  });
  const size = map.getSize();
  const fold = foldedByDefault(size.x * size.y, areas);
  for (const details of auto) details.open = !fold;
  map.fire("em:markers"); // the legends' boxes changed: the place names find room again
}

// Fit the legends once everything added with them stands, and again when the map changes size.
function fitLegendsSoon(map) {
  clearTimeout(map._emFitLegends);
  map._emFitLegends = setTimeout(() => fitLegends(map), 0);
  if (!map._emFitLegendsOnResize) {
    map._emFitLegendsOnResize = true;
    map.on("resize", () => fitLegendsSoon(map));
  }
}

function legendControl(map, legend, position) {
  const control = L.control({ position: position || "bottomright" });
  control.onAdd = () => {
    const div = L.DomUtil.create("div", "em-legend-box");
    const details = legendElement(document, legend);
    div.appendChild(details);
    details.addEventListener("toggle", () => map.fire("em:markers"));
    fitLegendsSoon(map);
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
function fillNote(doc, div, lines) {
  lines.forEach((line, i) => {
    if (i > 0) div.appendChild(make(doc, "br"));
    const [text, strong] = Array.isArray(line) ? line : [line, false];
    div.appendChild(strong ? make(doc, "b", null, text) : doc.createTextNode(String(text)));
  });
  return div;
}

// A note in the top corner that comes and goes with `group`; nothing for no lines.
function addNote(group, lines) {
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
return { MAX_LEGEND_SHARE, foldedByDefault, fitLegends, fitLegendsSoon, legendControl, fillNote, addNote };
})();
// control.js
modules["control"] = (function () {
const { escapeHtml, make, SVG_NS, webLink } = modules["dom"];
const { isWebLink, linkText } = modules["links"];
const { fitLegendsSoon } = modules["mapcontrols"];
/* Territorial control on the scene's day: areas per side (a claim not confirmed hatched, with a dashed or
 * dotted outline and a lighter fill), reference lines, a legend with the caveat, and a card per area listing
 * the changes behind it. Every text from the data goes into the page as text. Uses `L` for the map parts.
 *
 *   controlCard(doc, patch, words)     the card of one area (an Element)
 *   controlLegend(doc, control)        the legend box with the caveat (an Element; folded to its one-line title
 *                                      when `control.folded`, the caveat one click away)
 *   addControl(map, control, parent)   draws `control` into a new layer group added to `parent`
 */


const CONTROL_PANE = "em-control";
const HATCH_SPACING = 9;

function addRow(doc, list, term, value) {
  if (value === null || value === undefined || value === "") return;
  list.appendChild(make(doc, "dt", null, term));
  const definition = make(doc, "dd", null, value);
  definition.setAttribute("dir", "auto");
  list.appendChild(definition);
}

function sourceList(doc, sources) {
  const list = make(doc, "ul", "em-control-sources");
  for (const source of sources) {
    const item = make(doc, "li");
    if (isWebLink(source)) item.appendChild(webLink(doc, source, linkText(source)));
    else item.textContent = String(source);
    list.appendChild(item);
  }
  return list;
}

// patch: { sideText, statusText, areaKm2, cards: [{ changeId, dateText, place, claimedBy, statusText,
//          disputedBy, sources: [url] }] }; words: the card's field names (control.card.*).
function controlCard(doc, patch, words) {
  const card = make(doc, "div", "em-control-card");
  card.setAttribute("dir", "auto");
  const heading = make(doc, "h4", null, `${patch.sideText} · ${patch.statusText}`);
  heading.setAttribute("dir", "auto");
  card.appendChild(heading);
  card.appendChild(make(doc, "p", "em-control-area", words.area.replace("{km2}",
    Math.round(patch.areaKm2).toLocaleString("en"))));
  if (!patch.cards.length) card.appendChild(make(doc, "p", null, words.none));
  for (const change of patch.cards) {
    const block = make(doc, "section", "em-control-change");
    const list = make(doc, "dl");
    addRow(doc, list, words.change, change.changeId);
    addRow(doc, list, words.date, change.dateText);
    addRow(doc, list, words.place, change.place);
    addRow(doc, list, words.claimed_by, change.claimedBy);
    addRow(doc, list, words.status, change.statusText);
    addRow(doc, list, words.disputed_by, change.disputedBy);
    block.appendChild(list);
    if (change.sources.length) {
      block.appendChild(make(doc, "h5", null, words.sources));
      block.appendChild(sourceList(doc, change.sources));
    }
    card.appendChild(block);
  }
  return card;
}

function swatch(doc, row) {
  const svg = doc.createElementNS(SVG_NS, "svg");
  svg.setAttribute("width", "22");
  svg.setAttribute("height", "14");
  svg.setAttribute("class", "em-control-swatch");
  const shape = doc.createElementNS(SVG_NS, row.line ? "line" : "rect");
  if (row.line) {
    for (const [k, v] of [["x1", 1], ["y1", 7], ["x2", 21], ["y2", 7]]) shape.setAttribute(k, String(v));
    shape.setAttribute("stroke-width", "2.5");
  } else {
    for (const [k, v] of [["x", 1], ["y", 1], ["width", 20], ["height", 12]]) shape.setAttribute(k, String(v));
    shape.setAttribute("fill", row.colour);
    shape.setAttribute("fill-opacity", String(row.hatched ? 0.15 : row.fillOpacity));
    shape.setAttribute("stroke-width", "1.6");
  }
  shape.setAttribute("stroke", row.colour);
  if (row.dash) shape.setAttribute("stroke-dasharray", row.dash);
  svg.appendChild(shape);
  if (row.hatched) {
    for (const x of [4, 10, 16]) {
      const hatch = doc.createElementNS(SVG_NS, "line");
      for (const [k, v] of [["x1", x], ["y1", 13], ["x2", x + 6], ["y2", 1]]) hatch.setAttribute(k, String(v));
      hatch.setAttribute("stroke", row.colour);
      hatch.setAttribute("stroke-width", "1.4");
      svg.appendChild(hatch);
    }
  }
  return svg;
}

// control: { title, caveat, legend: [{ text, colour, fillOpacity, dash, hatched, line }], folded }
function controlLegend(doc, control) {
  const box = make(doc, "details", "em-control-legend");
  box.open = !control.folded;
  if (box.open) box.setAttribute("open", "");
  box.setAttribute("data-em-default", box.open ? "open" : "folded");
  box.setAttribute("dir", "auto");
  const summary = make(doc, "summary", null, control.title);
  summary.setAttribute("title", control.title); // the whole title when a narrow window cuts it short
  box.appendChild(summary);
  for (const row of control.legend) {
    const line = make(doc, "div", "em-legend-row");
    line.appendChild(swatch(doc, row));
    const text = make(doc, "span", null, row.text);
    text.setAttribute("dir", "auto");
    line.appendChild(text);
    box.appendChild(line);
  }
  box.appendChild(make(doc, "p", "em-control-caveat", control.caveat));
  return box;
}

function hatchId(colour) {
  return `em-hatch-${String(colour).replace(/[^0-9a-zA-Z]/g, "")}`;
}

// A diagonal hatch in `colour` in the SVG `svg` (once per colour).
function ensureHatch(doc, svg, colour) {
  const id = hatchId(colour);
  if (doc.getElementById(id)) return id;
  let defs = svg.querySelector("defs");
  if (!defs) {
    defs = doc.createElementNS(SVG_NS, "defs");
    svg.insertBefore(defs, svg.firstChild);
  }
  const pattern = doc.createElementNS(SVG_NS, "pattern");
  pattern.setAttribute("id", id);
  pattern.setAttribute("patternUnits", "userSpaceOnUse");
  pattern.setAttribute("width", String(HATCH_SPACING));
  pattern.setAttribute("height", String(HATCH_SPACING));
  pattern.setAttribute("patternTransform", "rotate(45)");
  const line = doc.createElementNS(SVG_NS, "line");
  for (const [k, v] of [["x1", 0], ["y1", 0], ["x2", 0], ["y2", HATCH_SPACING]]) line.setAttribute(k, String(v));
  line.setAttribute("stroke", colour);
  line.setAttribute("stroke-width", "3");
  pattern.appendChild(line);
  defs.appendChild(pattern);
  return id;
}

function ensurePane(map) {
  if (!map.getPane(CONTROL_PANE)) map.createPane(CONTROL_PANE).style.zIndex = 290;
}

function addControl(map, C, parent) {
  ensurePane(map);
  const doc = document;
  const group = L.layerGroup();
  const renderer = L.svg({ pane: CONTROL_PANE });
  for (const patch of C.patches) {
    const shape = L.geoJSON({ type: "Feature", geometry: patch.geometry, properties: {} }, {
      pane: CONTROL_PANE,
      renderer,
      style: () => ({ color: patch.colour, weight: patch.weight, dashArray: patch.dash || null, opacity: 0.95,
                      fillColor: patch.colour, fillOpacity: patch.hatched ? 0.7 : patch.fillOpacity }),
    });
    shape.emControl = { side: patch.side, status: patch.status, changes: patch.cards.map((c) => c.changeId) };
    shape.bindPopup(() => controlCard(doc, patch, C.words), { maxWidth: 360, maxHeight: 380 });
    // Each area's path says which changes made it and how established it is (the hatch for a claim).
    shape.on("add", () => {
      shape.eachLayer((layer) => {
        if (!layer._path) return;
        layer._path.setAttribute("data-changes", patch.cards.map((c) => c.changeId).join(" "));
        layer._path.setAttribute("data-status", patch.status);
        if (patch.hatched && renderer._container) {
          const id = ensureHatch(doc, renderer._container, patch.colour);
          layer._path.setAttribute("fill", `url(#${id})`);
          layer._path.classList.add("em-control-hatched");
        }
      });
    });
    group.addLayer(shape);
  }
  for (const reference of C.references) {
    group.addLayer(L.geoJSON({ type: "Feature", geometry: reference.geometry, properties: {} }, {
      pane: CONTROL_PANE, renderer, interactive: false,
      style: () => ({ color: reference.colour, weight: reference.weight, dashArray: reference.dash, opacity: 0.9,
                      fill: false }),
    }));
  }
  const legend = L.control({ position: C.legendPosition || "bottomleft" });
  let folding = null;
  legend.onRemove = () => {
    if (folding) map.off(folding);
    folding = null;
  };
  legend.onAdd = () => {
    const div = L.DomUtil.create("div", "em-control-box");
    div.appendChild(controlLegend(doc, C));
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    // Controls sit above popups: fold the legend while an area's card is open, then restore it.
    const details = div.querySelector("details");
    // Folded or unfolded, the box is another size: the place names find room again ("em:markers").
    details.addEventListener("toggle", () => map.fire("em:markers"));
    fitLegendsSoon(map);
    let wasOpen = null;
    folding = {
      popupopen: () => {
        if (wasOpen === null) {
          wasOpen = details.open;
          details.open = false;
        }
      },
      popupclose: () => {
        if (wasOpen !== null) {
          details.open = wasOpen;
          wasOpen = null;
        }
      },
    };
    map.on(folding);
    return div;
  };
  group.on("add", () => legend.addTo(map));
  group.on("remove", () => legend.remove());
  group.emDay = C.day;
  group.emLegendOpen = () => {
    const details = legend.getContainer()?.querySelector("details");
    return details ? details.open : null;
  };
  group.addTo(parent);
  if (map.attributionControl && C.attribution) map.attributionControl.addAttribution(escapeHtml(C.attribution));
  return group;
}

// The playback page's control: `config` = { geometries: [GeoJSON], states: [{ day: iso, byLang: { lang: C } }] }
// (patches and reference lines name their geometry by index `g`). `show(iso, lang)` draws the state in force on
// that day (the latest one starting on or before it; the first one before them all) and returns its day.
// The legend keeps the reader's fold from one state to the next (folded at first when the states say so).
function stateOn(states, iso) {
  let found = 0;
  states.forEach((state, i) => {
    if (state.day <= iso) found = i;
  });
  return found;
}

function controlTimeline(map, config) {
  let shown = null;
  let key = null;
  const resolved = (C) => ({
    ...C,
    patches: C.patches.map((p) => ({ ...p, geometry: config.geometries[p.g] })),
    references: C.references.map((r) => ({ ...r, geometry: config.geometries[r.g] })),
  });
  return {
    show(iso, lang) {
      if (!config.states.length) return null;
      const i = stateOn(config.states, iso);
      const state = config.states[i];
      const C = state.byLang[lang] || Object.values(state.byLang)[0];
      if (!C || key === `${i}|${lang}`) return state.day;
      let open = null;
      if (shown) {
        open = shown.emLegendOpen();
        map.removeLayer(shown);
      }
      const drawn = resolved(C);
      if (open !== null) drawn.folded = !open;
      shown = addControl(map, drawn, map);
      key = `${i}|${lang}`;
      return state.day;
    },
    get layer() {
      return shown;
    },
  };
}
return { CONTROL_PANE, controlCard, controlLegend, hatchId, addControl, stateOn, controlTimeline };
})();
// panes.js
modules["panes"] = (function () {
/* The map's panes and a helper to act once a layer is on a map. Uses the global `L` map objects. */

// Basemap under the tiles (200); precision circles under other overlays (400); place names above
// those but under the markers (600), so a label never hides a marker or a cluster's count.
const PANES = { "em-basemap": 150, "em-areas": 300, "em-precision": 350, "em-labels": 550 };

function ensurePanes(map) {
  for (const name of Object.keys(PANES)) {
    if (!map.getPane(name)) {
      const pane = map.createPane(name);
      pane.style.zIndex = PANES[name];
      if (name !== "em-basemap" && name !== "em-areas") pane.style.pointerEvents = "none";
    }
  }
}

function whenOnMap(layer, fn) {
  if (layer._map) fn(layer._map);
  layer.on("add", () => {
    fn(layer._map);
  });
}
return { PANES, ensurePanes, whenOnMap };
})();
// picking.js
modules["picking"] = (function () {
/* The WebGL point layer's pure parts, with no page access: typed columns out of base64, Web Mercator
 * projection, and a grid index that finds the point under a click among a million in microseconds.
 *
 *   decodeColumn(b64, "f32" | 1 | 2 | 4)  -> Float32Array | Uint8Array | Uint16Array | Uint32Array (little-endian)
 *   projectPoints(lon, lat)                -> { origin: [x, y], xy: Float32Array }  (zoom-0 pixels)
 *   buildGrid(xy)                          -> a grid index of the points
 *   nearestPoint(grid, xy, x, y, radius)   -> the index of the nearest point within radius, or -1
 *
 * Positions are kept relative to `origin` (the middle of the points) so that Float32 stays precise
 * at street zoom; `origin` itself is a double.
 */

const TILE_PX = 256;
const MAX_LATITUDE = 85.0511287798;

function decodeColumn(b64, kind) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  if (kind === "f32") return new Float32Array(bytes.buffer);
  if (kind === 2) return new Uint16Array(bytes.buffer);
  if (kind === 4) return new Uint32Array(bytes.buffer);
  return bytes;
}

// Leaflet's EPSG:3857 pixel at zoom 0: x, y in [0, 256].
function mercator(lon, lat) {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const x = (TILE_PX * (lon + 180)) / 360;
  const y = TILE_PX * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
  return [x, y];
}

function projectPoints(lon, lat) {
  const n = lon.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const p = mercator(lon[i], lat[i]);
    xs[i] = p[0];
    ys[i] = p[1];
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  }
  const origin = n ? [(minX + maxX) / 2, (minY + maxY) / 2] : [0, 0];
  const xy = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = xs[i] - origin[0];
    xy[2 * i + 1] = ys[i] - origin[1];
  }
  return { origin, xy };
}

// Points sorted into square cells (a counting sort): `order` lists the points cell by cell and
// cell c holds order[starts[c]] .. order[starts[c + 1] - 1]. About four points per cell.
function buildGrid(xy, pointsPerCell = 4) {
  const n = xy.length / 2;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (!n) return { minX: 0, minY: 0, size: 1, cols: 1, rows: 1, starts: new Uint32Array(2), order: new Uint32Array(0) };
  const span = Math.max(maxX - minX, maxY - minY, 1e-9);
  const perAxis = Math.max(1, Math.min(2048, Math.ceil(Math.sqrt(n / pointsPerCell))));
  const size = span / perAxis;
  const cols = Math.floor((maxX - minX) / size) + 1;
  const rows = Math.floor((maxY - minY) / size) + 1;
  const cellOf = new Uint32Array(n);
  const starts = new Uint32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const c = Math.floor((xy[2 * i + 1] - minY) / size) * cols + Math.floor((xy[2 * i] - minX) / size);
    cellOf[i] = c;
    starts[c + 1]++;
  }
  for (let c = 0; c < cols * rows; c++) starts[c + 1] += starts[c];
  const fill = starts.slice(0, cols * rows);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[fill[cellOf[i]]++] = i;
  return { minX, minY, size, cols, rows, starts, order };
}

// The point nearest (x, y) within `radius` (same units as xy); on a tie the later one, drawn on top.
function nearestPoint(grid, xy, x, y, radius) {
  const { minX, minY, size, cols, rows, starts, order } = grid;
  const c0 = Math.max(0, Math.floor((x - radius - minX) / size));
  const c1 = Math.min(cols - 1, Math.floor((x + radius - minX) / size));
  const r0 = Math.max(0, Math.floor((y - radius - minY) / size));
  const r1 = Math.min(rows - 1, Math.floor((y + radius - minY) / size));
  let best = -1;
  let bestD = radius * radius;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * cols + c;
      for (let k = starts[cell]; k < starts[cell + 1]; k++) {
        const i = order[k];
        const dx = xy[2 * i] - x;
        const dy = xy[2 * i + 1] - y;
        const d = dx * dx + dy * dy;
        if (d < bestD || (d === bestD && i > best)) {
          best = i;
          bestD = d;
        }
      }
    }
  }
  return best;
}

// The points inside a box, as ranges [from, to) of positions in `grid.order` (cell rows cut to the box's
// columns; neighbouring ranges merged). Points in these cells may lie a little outside the box, never inside
// it and left out. An empty grid or a box beside it gives [].
function visibleRanges(grid, x0, y0, x1, y1) {
  const { minX, minY, size, cols, rows, starts } = grid;
  const c0 = Math.max(0, Math.floor((x0 - minX) / size));
  const c1 = Math.min(cols - 1, Math.floor((x1 - minX) / size));
  const r0 = Math.max(0, Math.floor((y0 - minY) / size));
  const r1 = Math.min(rows - 1, Math.floor((y1 - minY) / size));
  const ranges = [];
  if (c0 > c1 || r0 > r1) return ranges;
  for (let r = r0; r <= r1; r++) {
    const from = starts[r * cols + c0];
    const to = starts[r * cols + c1 + 1];
    if (to <= from) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === from) last[1] = to;
    else ranges.push([from, to]);
  }
  return ranges;
}
return { TILE_PX, MAX_LATITUDE, decodeColumn, mercator, projectPoints, buildGrid, nearestPoint, visibleRanges };
})();
// pointdata.js
modules["pointdata"] = (function () {
const { decodeColumn } = modules["picking"];
/* The WebGL point layer's data by reference (eventmap.mapping.deltas): the whole data's typed columns come
 * once per data version from a URL and stay decoded here; a filter change brings only which events to draw.
 *
 *   columnsOf(buffer, layout, n)      -> { lon, lat, day, side, type, status } views of one ArrayBuffer
 *   fetchColumns(url, layout, n)      -> a Promise of those columns, one fetch per URL (kept for the next layers)
 *   fetchLabels(url)                  -> a Promise of the layer's labels (JSON: palette, codes' names, strings)
 *   selectedIndices(cols, F)          -> Uint32Array: the events the filter value F draws, in the data's order
 *   gatherColumns(cols, indices)      -> the same columns holding only those events
 *   filteredColumns(url, cols, F)     -> { cols, indices }, kept for the last few filter values of each URL (a
 *                                        layer made again for the same filter, e.g. after a click, reuses them)
 *
 * A filter value: `n` (the data's events), optional predicates `sides`, `types`, `statuses` (codes kept) and
 * `days` ([first, last] day codes; 65535, an unknown day, is never in a range), and at most one of `mask`
 * (base64 bits, bit i % 8 of byte i >> 3 is event i), `only` (base64 Uint32 indices kept) or `drop` (base64
 * Uint32 indices left out). An event is drawn when every predicate and the list keep it.
 */


const UNKNOWN_DAY = 65535;
const KEEP_URLS = 2;
const KEEP_FILTERS = 3;
const columnCache = new Map(); // url -> Promise of columns (oldest first)
const filterCache = new Map(); // url -> Map(filter JSON -> { cols, indices })
const labelCache = new Map(); // url -> Promise of labels

function columnsOf(buffer, layout, n) {
  const view = (name, Type) => new Type(buffer, layout[name][0], n);
  const int = (name) => view(name, layout[name][1] === 2 ? Uint16Array : Uint8Array);
  return { lon: view("lon", Float32Array), lat: view("lat", Float32Array), day: view("day", Uint16Array),
           side: int("side"), type: int("type"), status: int("status") };
}

function remember(map, key, value, most) {
  map.delete(key);
  map.set(key, value);
  while (map.size > most) map.delete(map.keys().next().value);
  return value;
}

// The server keeps the columns gzipped (sent from disk as they are); the browser unzips them itself.
function gunzipped(response) {
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
}

function fetchColumns(url, layout, n, fetchFn = globalThis.fetch) {
  const known = columnCache.get(url);
  if (known) return remember(columnCache, url, known, KEEP_URLS);
  const loading = fetchFn(url)
    .then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return url.endsWith(".gz") ? gunzipped(response) : response.arrayBuffer();
    })
    .then((buffer) => columnsOf(buffer, layout, n));
  loading.catch(() => columnCache.delete(url)); // a failed fetch is tried again by the next layer
  filterCache.delete(url);
  return remember(columnCache, url, loading, KEEP_URLS);
}

function fetchLabels(url, fetchFn = globalThis.fetch) {
  const known = labelCache.get(url);
  if (known) return remember(labelCache, url, known, 3 * KEEP_URLS);
  const loading = fetchFn(url).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  });
  loading.catch(() => labelCache.delete(url));
  return remember(labelCache, url, loading, 3 * KEEP_URLS);
}

function codeSet(codes) {
  const set = new Uint8Array(65536);
  for (const c of codes) set[c] = 1;
  return set;
}

// Which events the filter value keeps: 1 or 0 per event.
function keptFlags(cols, F) {
  const n = cols.lon.length;
  const keep = new Uint8Array(n);
  if (F.mask) {
    const bits = decodeColumn(F.mask, 1);
    for (let i = 0; i < n; i++) keep[i] = (bits[i >> 3] >> (i & 7)) & 1;
  } else if (F.only) {
    for (const i of decodeColumn(F.only, 4)) if (i < n) keep[i] = 1;
  } else {
    keep.fill(1);
    if (F.drop) for (const i of decodeColumn(F.drop, 4)) if (i < n) keep[i] = 0;
  }
  for (const [name, key] of [["sides", "side"], ["types", "type"], ["statuses", "status"]]) {
    if (!F[name]) continue;
    const set = codeSet(F[name]);
    const codes = cols[key];
    for (let i = 0; i < n; i++) keep[i] &= set[codes[i]];
  }
  if (F.days) {
    const [first, last] = F.days;
    const day = cols.day;
    for (let i = 0; i < n; i++) {
      const d = day[i];
      if (d === UNKNOWN_DAY || d < first || d > last) keep[i] = 0;
    }
  }
  return keep;
}

function selectedIndices(cols, F) {
  const keep = keptFlags(cols, F || {});
  let count = 0;
  for (let i = 0; i < keep.length; i++) count += keep[i];
  const out = new Uint32Array(count);
  let k = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) out[k++] = i;
  return out;
}

function gatherColumns(cols, indices) {
  const out = {};
  for (const [name, column] of Object.entries(cols)) {
    const part = new column.constructor(indices.length);
    for (let k = 0; k < indices.length; k++) part[k] = column[indices[k]];
    out[name] = part;
  }
  return out;
}

function filteredColumns(url, cols, F) {
  const key = JSON.stringify(F || {});
  let perUrl = filterCache.get(url);
  if (!perUrl) perUrl = remember(filterCache, url, new Map(), KEEP_URLS);
  const known = perUrl.get(key);
  if (known) return remember(perUrl, key, known, KEEP_FILTERS);
  const indices = selectedIndices(cols, F);
  return remember(perUrl, key, { cols: gatherColumns(cols, indices), indices }, KEEP_FILTERS);
}
return { UNKNOWN_DAY, columnsOf, fetchColumns, fetchLabels, keptFlags, selectedIndices, gatherColumns, filteredColumns };
})();
// glpoints.js
modules["glpoints"] = (function () {
const { whenOnMap } = modules["panes"];
const { buildGrid, decodeColumn, nearestPoint, projectPoints, visibleRanges } = modules["picking"];
const { fetchColumns, fetchLabels, filteredColumns } = modules["pointdata"];
/* Every event as a point on one WebGL canvas inside the Leaflet map: for large data (100,000 to a million
 * events and more), where clustered markers are too slow. Uses the global `L` (only inside functions).
 *
 *   addGlPoints(P, group, onNoWebgl)  draws the columnar payload of eventmap.mapping.points into `group`;
 *                                     calls onNoWebgl(cols) instead when the browser has no WebGL. With
 *                                     `P.data` (eventmap.mapping.deltas) the columns are the whole data's,
 *                                     fetched once per URL (pointdata.js), and `P.filter` says which to draw
 *
 * The canvas is a Leaflet renderer: it follows pans with the map's panes, and zooms (animated, wheel, pinch,
 * fly) with a CSS transform of the image already drawn, as Leaflet's own canvas and tile layers do; the
 * points are redrawn once the move ends, in chunks sized so that the page keeps its frame rate, into an
 * offscreen framebuffer: the canvas keeps the last whole image until the new one is complete. Colour is the side's (palette from the scene), the shape the event type's,
 * filled or hollow the claim status's. A click picks the nearest point through a grid index (picking.js),
 * opens a short summary (text nodes only) and fires "click" on the layer with a `sourceTarget` whose
 * tooltip is "em-point:KEY:INDEX": streamlit-folium returns it to the app, which shows the event's card.
 * INDEX is the point's position in the payload's columns: in the whole data's with `P.data` (`P.pickIndex`
 * maps the points drawn to it).
 */


const SHAPE_CODES = { circle: 0, diamond: 1, triangle: 2, square: 3, star: 4, cross: 5, pentagon: 6 };
const UNKNOWN_DAY = 65535;

function hexRgb(hex) {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
  if (!m) return [85, 85, 85];
  const v = Number.parseInt(m[1], 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function decodePayload(P) {
  return {
    lon: decodeColumn(P.lon, "f32"),
    lat: decodeColumn(P.lat, "f32"),
    side: decodeColumn(P.side, P.sideBytes),
    type: decodeColumn(P.type, P.typeBytes),
    status: decodeColumn(P.status, P.statusBytes),
    day: decodeColumn(P.day, 2),
  };
}

// Per point: colour (RGBA bytes) and style bytes [shape code, filled, opacity, fill opacity] (0-255).
function pointAttributes(P, cols) {
  const n = cols.lon.length;
  const rgba = new Uint8Array(4 * n);
  const style = new Uint8Array(4 * n);
  const colours = P.colours.map(hexRgb);
  const shapes = P.shapes.map((name) => SHAPE_CODES[name] ?? SHAPE_CODES.pentagon);
  const looks = P.statusStyles.map((s) => [s.filled ? 1 : 0, Math.round(255 * s.opacity), Math.round(255 * s.fillOpacity)]);
  for (let i = 0; i < n; i++) {
    const c = colours[cols.side[i]] || [85, 85, 85];
    const look = looks[cols.status[i]] || [0, 255, 0];
    rgba[4 * i] = c[0];
    rgba[4 * i + 1] = c[1];
    rgba[4 * i + 2] = c[2];
    rgba[4 * i + 3] = 255;
    style[4 * i] = shapes[cols.type[i]] ?? 0;
    style[4 * i + 1] = look[0];
    style[4 * i + 2] = look[1];
    style[4 * i + 3] = look[2];
  }
  return { rgba, style };
}

// Points grow as the map zooms in (small enough to see a million at the region's scale).
function pointSizePx(P, zoom) {
  const base = P.pointSizePx || 7;
  return zoom >= 13 ? base * 2 : zoom >= 10 ? base * 1.5 : base;
}

// The GPU's copies of the points in the grid's order, so that the cells in view are contiguous ranges.
function inGridOrder(order, xy, rgba, style) {
  const n = order.length;
  const out = { xy: new Float32Array(2 * n), rgba: new Uint8Array(4 * n), style: new Uint8Array(4 * n) };
  for (let k = 0; k < n; k++) {
    const i = order[k];
    out.xy[2 * k] = xy[2 * i];
    out.xy[2 * k + 1] = xy[2 * i + 1];
    for (let j = 0; j < 4; j++) {
      out.rgba[4 * k + j] = rgba[4 * i + j];
      out.style[4 * k + j] = style[4 * i + j];
    }
  }
  return out;
}

// Where the canvas drawn at `fromZoom`, whose top-left corner is the world pixel `corner` ([x, y] at that
// zoom), goes when the map shows `toZoom` with the pixel origin `origin` (the world pixel of the layer
// point 0, 0): the layer point of its corner and its scale, for L.DomUtil.setTransform. Pure arithmetic.
function canvasTransform(corner, fromZoom, toZoom, origin) {
  const scale = 2 ** (toZoom - fromZoom);
  return { offset: [corner[0] * scale - origin[0], corner[1] * scale - origin[1]], scale };
}

// The next chunk size from the time the last chunk took to draw: halved when it took longer than `slowMs`
// (a software renderer), grown when it was quick (a GPU draws a million points in a few ms).
function nextChunk(chunk, drawMs, { min = 5000, max = 1000000, slowMs = 24, fastMs = 12 } = {}) {
  if (drawMs > slowMs) return Math.max(min, Math.floor(chunk / 2));
  if (drawMs < fastMs) return Math.min(max, Math.ceil(chunk * 1.5));
  return chunk;
}

// `index`: the point's position among the points drawn.
function pickText(P, index) {
  return `em-point:${P.key}:${P.pickIndex ? P.pickIndex[index] : index}`;
}

function isoDay(day0, offset) {
  if (offset === UNKNOWN_DAY) return "?";
  return new Date(Date.parse(`${day0}T00:00:00Z`) + offset * 86400000).toISOString().slice(0, 10);
}

// The summary lines of point i: date, side, type, status (labels from the payload, never markup).
function summaryLines(P, cols, i) {
  return [isoDay(P.day0, cols.day[i]), P.sides[cols.side[i]] ?? "", P.types[cols.type[i]] ?? "",
          P.statuses[cols.status[i]] ?? ""];
}

const VERTEX = `
precision highp float;
attribute vec2 a_pos; attribute vec4 a_colour; attribute vec4 a_style;
uniform vec2 u_offset; uniform float u_scale; uniform vec2 u_size; uniform float u_point;
varying vec4 v_colour; varying vec4 v_style;
void main() {
  vec2 px = a_pos * u_scale + u_offset;
  gl_Position = vec4(px.x / u_size.x * 2.0 - 1.0, 1.0 - px.y / u_size.y * 2.0, 0.0, 1.0);
  gl_PointSize = u_point;
  v_colour = a_colour; v_style = a_style;
}`;

const FRAGMENT = `
precision highp float;
varying vec4 v_colour; varying vec4 v_style; uniform float u_point;
float shapeDistance(float s, vec2 p) {
  if (s < 0.5) return length(p) - 0.8;
  if (s < 1.5) return (abs(p.x) + abs(p.y)) - 0.95;
  if (s < 2.5) return max(-p.y - 0.6, abs(p.x) * 0.866 + p.y * 0.5 - 0.45);
  if (s < 3.5) return max(abs(p.x), abs(p.y)) - 0.7;
  if (s > 4.5 && s < 5.5) {
    vec2 q = abs(vec2(p.x + p.y, p.x - p.y) * 0.7071);
    return min(max(q.x - 0.9, q.y - 0.28), max(q.y - 0.9, q.x - 0.28));
  }
  return length(p) - 0.75;
}
void main() {
  vec2 p = vec2(gl_PointCoord.x * 2.0 - 1.0, 1.0 - gl_PointCoord.y * 2.0);
  float d = shapeDistance(v_style.x, p);
  if (d > 0.0) discard;
  float line = 3.0 / u_point;
  float alpha; vec3 rgb;
  if (v_style.y > 0.5) {
    bool edge = d > -line;
    rgb = edge ? vec3(0.13) : v_colour.rgb;
    alpha = edge ? 1.0 : v_style.w / 255.0;
  } else {
    bool ring = d > -1.6 * line;
    rgb = ring ? v_colour.rgb : vec3(1.0);
    alpha = ring ? 1.0 : 0.55;
  }
  alpha *= v_style.z / 255.0;
  gl_FragColor = vec4(rgb * alpha, alpha);
}`;

const PIXEL = new Uint8Array(4);

// The offscreen image copied onto the canvas as it is (one quad, texel for pixel).
const BLIT_VERTEX = `
attribute vec2 a_corner; varying vec2 v_uv;
void main() { v_uv = a_corner * 0.5 + 0.5; gl_Position = vec4(a_corner, 0.0, 1.0); }`;

const BLIT_FRAGMENT = `
precision mediump float;
uniform sampler2D u_image; varying vec2 v_uv;
void main() { gl_FragColor = texture2D(u_image, v_uv); }`;

function compile(gl, type, source) {
  const shader = gl.createShader(type);
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(shader));
  return shader;
}

function program(gl, vertex = VERTEX, fragment = FRAGMENT) {
  const prog = gl.createProgram();
  gl.attachShader(prog, compile(gl, gl.VERTEX_SHADER, vertex));
  gl.attachShader(prog, compile(gl, gl.FRAGMENT_SHADER, fragment));
  gl.linkProgram(prog);
  if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(prog));
  return prog;
}

// A vertex buffer and how to point the program's attribute at it (again before each use: the two programs
// share attribute slots).
function buffer(gl, prog, name, data, size, type, normalized) {
  const b = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, b);
  gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
  const at = gl.getAttribLocation(prog, name);
  const bind = () => {
    gl.bindBuffer(gl.ARRAY_BUFFER, b);
    gl.enableVertexAttribArray(at);
    gl.vertexAttribPointer(at, size, type, normalized, 0, 0);
  };
  bind();
  return { b, bind, at };
}

// A WebGL context on a fresh canvas, or null (no WebGL in this browser).
function webglContext(canvas) {
  try {
    return canvas.getContext("webgl", { antialias: false, preserveDrawingBuffer: true, premultipliedAlpha: true });
  } catch (_error) {
    return null;
  }
}

// What the GPU draws of columns: positions (projected, relative to `origin`), the grid index over them, and
// the points' positions, colours and styles in the grid's order.
function preparePoints(P, cols) {
  const { origin, xy } = projectPoints(cols.lon, cols.lat);
  const grid = buildGrid(xy);
  const { rgba, style } = pointAttributes(P, cols);
  return { origin, xy, grid, sorted: inGridOrder(grid.order, xy, rgba, style) };
}

// The whole data's projection (per columns) and attributes (per palette and looks), made once: a filter then
// only gathers the points it keeps (no projection, no colours) and indexes them.
const wholeCache = new WeakMap();

function wholeOf(P, all) {
  let whole = wholeCache.get(all);
  if (!whole) {
    whole = { ...projectPoints(all.lon, all.lat), looks: new Map() };
    wholeCache.set(all, whole);
  }
  const key = P.data?.labels || JSON.stringify([P.colours, P.shapes, P.statusStyles]);
  let looks = whole.looks.get(key);
  if (!looks) {
    looks = pointAttributes(P, all);
    whole.looks.set(key, looks);
  }
  return { origin: whole.origin, xy: whole.xy, ...looks };
}

// `preparePoints` of the events `indices` of the whole data's columns `all`, from the whole data's cache.
function prepareSubset(P, all, indices) {
  const whole = wholeOf(P, all);
  const n = indices.length;
  const xy = new Float32Array(2 * n);
  for (let k = 0; k < n; k++) {
    xy[2 * k] = whole.xy[2 * indices[k]];
    xy[2 * k + 1] = whole.xy[2 * indices[k] + 1];
  }
  const grid = buildGrid(xy);
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = indices[grid.order[k]];
  return { origin: whole.origin, xy, grid, sorted: inGridOrder(order, whole.xy, whole.rgba, whole.style) };
}

function pointRendererClass() {
  return L.Renderer.extend({
    initialize(P, cols, options) {
      L.Renderer.prototype.initialize.call(this, options);
      this._P = P;
      this._cols = cols;
      this.drawCount = 0;
    },
    _initContainer() {
      const canvas = document.createElement("canvas");
      this._container = canvas;
      canvas.className = "em-points";
      canvas.style.pointerEvents = "none";
      const gl = webglContext(canvas);
      if (!gl) throw new Error("no WebGL");
      this._gl = gl;
      const prog = program(gl);
      this._prog = prog;
      const { origin, xy, grid, sorted } = this.options.prepare ? this.options.prepare() : preparePoints(this._P, this._cols);
      this._origin = origin;
      this._xy = xy;
      this._grid = grid;
      gl.useProgram(prog);
      this._buffers = [
        buffer(gl, prog, "a_pos", sorted.xy, 2, gl.FLOAT, false),
        buffer(gl, prog, "a_colour", sorted.rgba, 4, gl.UNSIGNED_BYTE, true),
        buffer(gl, prog, "a_style", sorted.style, 4, gl.UNSIGNED_BYTE, false),
      ];
      this._u = {};
      for (const name of ["u_offset", "u_scale", "u_size", "u_point"]) this._u[name] = gl.getUniformLocation(prog, name);
      this._blit = program(gl, BLIT_VERTEX, BLIT_FRAGMENT);
      this._quad = buffer(gl, this._blit, "a_corner", new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), 2, gl.FLOAT, false);
      this._offscreen = { width: 0, height: 0, texture: gl.createTexture(), framebuffer: gl.createFramebuffer() };
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    },
    _destroyContainer() {
      const lose = this._gl?.getExtension("WEBGL_lose_context");
      if (lose) lose.loseContext();
      L.DomUtil.remove(this._container);
      delete this._gl;
      delete this._container;
    },
    getEvents() {
      const events = L.Renderer.prototype.getEvents.call(this);
      events.zoomstart = this._stopDrawing; // no chunk of the last redraw during a zoom: the image is scaled
      return events;
    },
    _onAnimZoom(e) {
      this._stopDrawing();
      this._updateTransform(e.center, e.zoom);
    },
    _onZoom() {
      if (this._map._animatingZoom || this._map.touchZoom?._zooming) this._stopDrawing(); // a pinch's steps
      this._updateTransform(this._map.getCenter(), this._map.getZoom());
    },
    _reset() {
      this._update();
    },
    // The image drawn, scaled and moved to where the map will show it (`center`, `zoom`): a CSS transform.
    _updateTransform(center, zoom) {
      if (!this._drawnAt || !this._container) return;
      const origin = this._map._getNewPixelOrigin(center, zoom);
      const t = canvasTransform(this._drawnAt.corner, this._drawnAt.zoom, zoom, [origin.x, origin.y]);
      L.DomUtil.setTransform(this._container, L.point(t.offset[0], t.offset[1]), t.scale);
    },
    _stopDrawing() {
      if (!this.drawing) return;
      this._drawToken = (this._drawToken || 0) + 1; // the chunks still to draw stop here
      this.drawing = false;
    },
    _update() {
      if (this._map._animatingZoom && this._bounds) return;
      L.Renderer.prototype._update.call(this);
      this._draw(window.devicePixelRatio || 1);
    },
    // The offscreen framebuffer, `width` x `height` pixels, bound.
    _bindOffscreen(width, height) {
      const gl = this._gl;
      const off = this._offscreen;
      gl.bindFramebuffer(gl.FRAMEBUFFER, off.framebuffer);
      if (off.width !== width || off.height !== height) { // a new size reallocates the texture: only when needed
        gl.bindTexture(gl.TEXTURE_2D, off.texture);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
        for (const [key, value] of [[gl.TEXTURE_MIN_FILTER, gl.NEAREST], [gl.TEXTURE_MAG_FILTER, gl.NEAREST],
          [gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE], [gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE]]) {
          gl.texParameteri(gl.TEXTURE_2D, key, value);
        }
        gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, off.texture, 0);
        off.width = width;
        off.height = height;
      }
      gl.viewport(0, 0, width, height);
    },
    // The complete offscreen image onto the canvas, placed at `min` (a layer point) with no transform.
    _present(min, size, width, height, drawnAt) {
      const gl = this._gl;
      const canvas = this._container;
      if (canvas.width !== width || canvas.height !== height) { // a new size reallocates the canvas: only when needed
        canvas.width = width;
        canvas.height = height;
        canvas.style.width = `${size.x}px`;
        canvas.style.height = `${size.y}px`;
      }
      L.DomUtil.setPosition(canvas, min);
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      gl.viewport(0, 0, width, height);
      gl.disable(gl.BLEND);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.useProgram(this._blit);
      this._quad.bind();
      gl.bindTexture(gl.TEXTURE_2D, this._offscreen.texture);
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
      gl.disableVertexAttribArray(this._quad.at);
      gl.enable(gl.BLEND);
      this._drawnAt = drawnAt;
    },
    // Draws every point in view offscreen, in chunks of at most `chunkPoints` per animation frame, fewer
    // when a chunk takes long to draw (nextChunk), so that a million points never block the page (the map stays
    // responsive, the canvas shows the last image, scaled if the map zoomed); then puts the image on the
    // canvas in one step. All at once with `sync` and the first time. `drawing` is true until then; a zoom
    // that starts meanwhile stops it (_stopDrawing).
    _draw(ratio, sync) {
      const gl = this._gl;
      const map = this._map;
      const scale = 2 ** map.getZoom();
      const min = this._bounds.min;
      const size = this._bounds.getSize();
      const width = Math.round(size.x * ratio);
      const height = Math.round(size.y * ratio);
      const corner = map.getPixelOrigin().add(min);
      const drawnAt = { corner: [corner.x, corner.y], zoom: map.getZoom() };
      this._bindOffscreen(width, height);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.useProgram(this._prog);
      gl.uniform2f(this._u.u_offset, (this._origin[0] * scale - corner.x) * ratio, (this._origin[1] * scale - corner.y) * ratio);
      gl.uniform1f(this._u.u_scale, scale * ratio);
      gl.uniform2f(this._u.u_size, width, height);
      gl.uniform1f(this._u.u_point, pointSizePx(this._P, map.getZoom()) * ratio);
      // Only the grid cells the canvas shows (with a point's radius around it).
      const margin = pointSizePx(this._P, map.getZoom());
      const world = (x, y) => [(x + corner.x) / scale - this._origin[0], (y + corner.y) / scale - this._origin[1]];
      const [x0, y0] = world(-margin, -margin);
      const [x1, y1] = world(size.x + margin, size.y + margin);
      const ranges = visibleRanges(this._grid, x0, y0, x1, y1);
      this.lastDrawn = ranges.reduce((sum, r) => sum + r[1] - r[0], 0);
      // The first paint goes in one frame (nothing to keep responsive yet), later ones in chunks.
      const most = this._P.chunkPoints || Infinity;
      const chunked = !sync && this.drawCount > 0 && Number.isFinite(most);
      this._chunk = Math.min(this._chunk || most, most);
      this.drawing = true;
      const token = (this._drawToken || 0) + 1;
      this._drawToken = token;
      let at = 0;
      const step = () => {
        if (token !== this._drawToken || !this._gl) return; // a newer draw has started, or the layer is gone
        const start = performance.now();
        this._bindOffscreen(width, height);
        gl.useProgram(this._prog);
        for (const b of this._buffers) b.bind();
        let budget = chunked ? this._chunk : Infinity;
        while (at < ranges.length && budget > 0) {
          const [from, to] = ranges[at];
          const count = Math.min(budget, to - from);
          gl.drawArrays(gl.POINTS, from, count);
          budget -= count;
          if (from + count < to) ranges[at] = [from + count, to];
          else at++;
        }
        if (chunked) {
          // Waits for the chunk to be drawn (GL calls only queue work, and finish() does not wait in every
          // browser; reading a pixel does): its time sizes the next chunk (this draw's and the next one's),
          // and no queue of chunks is left for the frame that shows the image to wait for.
          gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, PIXEL);
          this._chunk = nextChunk(this._chunk, performance.now() - start, { max: most });
        }
        if (at < ranges.length) {
          L.Util.requestAnimFrame(step);
          return;
        }
        this._present(min, size, width, height, drawnAt);
        this.drawing = false;
        if (!this.drawCount) this.firstDrawAt = performance.now(); // ms since the page began to load (bench/)
        this.drawCount++;
        this.fire("drawn");
      };
      step();
    },
    // The point under a container point of the map, or -1.
    pointAt(containerPoint) {
      const map = this._map;
      const scale = 2 ** map.getZoom();
      const world = map.containerPointToLayerPoint(containerPoint).add(map.getPixelOrigin());
      const radius = (pointSizePx(this._P, map.getZoom()) / 2 + 3) / scale;
      return nearestPoint(this._grid, this._xy, world.x / scale - this._origin[0], world.y / scale - this._origin[1], radius);
    },
  });
}

function summaryElement(P, cols, i) {
  const box = document.createElement("div");
  box.className = "em-point-summary";
  box.dir = P.dir || "auto";
  const lines = summaryLines(P, cols, i);
  const head = document.createElement("b");
  head.textContent = lines[0];
  box.appendChild(head);
  for (const text of [lines.slice(1, 3).join(" · "), lines[3], P.strings.details]) {
    const line = document.createElement("div");
    line.textContent = text;
    box.appendChild(line);
  }
  return box;
}

// What streamlit-folium reads from a clicked layer: the tooltip's content of `sourceTarget`.
function pickTarget(P, i) {
  const text = pickText(P, i);
  const tooltip = { _content: text, getContent: () => text };
  return { _tooltip: tooltip, getTooltip: () => tooltip };
}

function addGlPoints(P, group, onNoWebgl) {
  if (!P.data) return drawGlPoints(P, group, onNoWebgl, decodePayload(P));
  const labels = P.data.labels ? fetchLabels(P.data.labels) : Promise.resolve({});
  group.emLoading = Promise.all([fetchColumns(P.data.url, P.data.layout, P.data.n), labels]).then(
    ([all, shared]) => {
      Object.assign(P, shared);
      const entry = filteredColumns(P.data.url, all, P.filter);
      P.pickIndex = entry.indices;
      group.emAll = all;
      const looks = P.data.labels || JSON.stringify([P.colours, P.shapes, P.statusStyles]);
      if (entry.looks !== looks) { // the same filter again (a click's rerun): the same points, ready to upload
        entry.prepared = null;
        entry.looks = looks;
      }
      const prepare = () => {
        entry.prepared = entry.prepared || prepareSubset(P, all, entry.indices);
        return entry.prepared;
      };
      return drawGlPoints(P, group, onNoWebgl, entry.cols, prepare);
    },
    (error) => {
      console.error(error); // the columns could not be fetched: the map shows the note instead of points
      const note = L.control({ position: "topright" });
      note.onAdd = () => {
        const div = L.DomUtil.create("div", "em-note em-no-points");
        div.textContent = P.strings?.noPoints || "!";
        return div;
      };
      whenOnMap(group, (map) => note.addTo(map));
      group.on("remove", () => note.remove());
      return null;
    },
  );
  return null;
}

function drawGlPoints(P, group, onNoWebgl, cols, prepare) {
  group.emCols = cols;
  const probe = document.createElement("canvas");
  if (!webglContext(probe)) {
    onNoWebgl(cols);
    return null;
  }
  const Renderer = pointRendererClass();
  const layer = new Renderer(P, cols, { padding: 0.1, pane: "overlayPane", prepare });
  const popup = L.popup({ maxWidth: 320, className: "em-popup-wrap" });
  const onClick = (e) => {
    const i = layer.pointAt(e.containerPoint);
    if (i < 0) return;
    const at = L.latLng(cols.lat[i], cols.lon[i]);
    popup.setLatLng(at).setContent(summaryElement(P, cols, i)).openOn(layer._map);
    layer.lastPicked = i;
    // The layer of fetched columns joins the group after streamlit-folium has bound its click handler to the
    // layers on the map: the group, which has it, tells the click then (as the clusters without WebGL do).
    (P.data ? group : layer).fire("click", { latlng: at, sourceTarget: pickTarget(P, i), emIndex: i });
  };
  const onHover = (e) => {
    layer._map.getContainer().style.cursor = layer.pointAt(e.containerPoint) >= 0 ? "pointer" : "";
  };
  layer.on("add", () => {
    layer._map.on("click", onClick);
    layer._map.on("mousemove", onHover);
  });
  layer.on("remove", () => {
    popup.remove(); // a summary of the events drawn before must not stay open over the new ones
    layer._map?.off("click", onClick);
    layer._map?.off("mousemove", onHover);
  });
  layer.emCols = cols;
  group.emPoints = layer;
  group.addLayer(layer);
  return layer;
}
return { SHAPE_CODES, UNKNOWN_DAY, hexRgb, decodePayload, pointAttributes, pointSizePx, inGridOrder, canvasTransform, nextChunk, pickText, isoDay, summaryLines, webglContext, preparePoints, prepareSubset, summaryElement, pickTarget, addGlPoints };
})();
// glfallback.js
modules["glfallback"] = (function () {
const { clusterSize, clusterStops } = modules["codes"];
const { hexRgb, pickTarget, summaryElement } = modules["glpoints"];
/* The WebGL point layer's fallback when the browser has no WebGL: the same columnar events as clustered
 * circle markers, and a notice saying so. Uses `L` and Leaflet.markercluster. Texts go in as text nodes.
 */


function noticeControl(text) {
  const control = L.control({ position: "topright" });
  control.onAdd = () => {
    const div = L.DomUtil.create("div", "em-note em-no-webgl");
    div.textContent = text;
    return div;
  };
  return control;
}

function addFallbackClusters(P, cols, group) {
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
return { addFallbackClusters };
})();
// sources.js
modules["sources"] = (function () {
const { make, webLink } = modules["dom"];
const { isWebLink, linkText } = modules["links"];
/* One source of an event, for the map's popup and the playback's card alike: a link only when its address
 * is http(s) (shown decoded, without the scheme; the whole address as its title), else its text as text.
 *
 *   sourceItem(doc, [address or "", text]) -> <li>      (eventmap.scene.cards.Source: url, text)
 */


function sourceItem(doc, source) {
  const item = make(doc, "li");
  const [href, text] = source;
  if (isWebLink(href)) {
    item.appendChild(webLink(doc, href, linkText(href)));
  } else {
    const shown = make(doc, "span", null, text === null || text === undefined ? "" : String(text));
    shown.setAttribute("dir", "auto");
    item.appendChild(shown);
  }
  return item;
}
return { sourceItem };
})();
// popups.js
modules["popups"] = (function () {
const { isoDay, unpack } = modules["codes"];
const { make } = modules["dom"];
const { sourceItem } = modules["sources"];
const { markerSymbol } = modules["symbols"];
/* The map's event popup and grid-cell popup as page elements. The payload (eventmap.mapping.layers) holds
 * raw text: every text goes in as a text node, and a source becomes a link only when its address is http(s).
 *
 *   popupElement(doc, P, i) -> <div class="em-popup">     cellElement(doc, P, j) -> <div class="em-popup">
 */


const empty = (value) => value === "" || value === undefined || value === null;

// A row of the popup's table: its label and its parts (texts, or elements such as a colour swatch).
function addRow(doc, table, label, parts) {
  const values = parts.filter((part) => !empty(part));
  if (!values.length || values.every((part) => typeof part !== "object" && empty(String(part).trim()))) return;
  const tr = make(doc, "tr");
  tr.appendChild(make(doc, "th", null, label));
  const td = make(doc, "td");
  for (const part of values) td.appendChild(typeof part === "object" ? part : doc.createTextNode(String(part)));
  tr.appendChild(td);
  table.appendChild(tr);
}

function muted(doc, text) {
  return make(doc, "span", "em-muted", text);
}

function labelled(doc, className, label, text, lang) {
  const p = make(doc, "p", className);
  p.setAttribute("dir", "auto");
  if (lang) p.setAttribute("lang", lang);
  p.appendChild(make(doc, "b", null, `${label}:`));
  p.appendChild(doc.createTextNode(` ${text}`));
  return p;
}

function sourcesElement(doc, P, sources) {
  if (!sources.length) {
    const p = make(doc, "p", "em-no-source");
    p.appendChild(make(doc, "b", null, `${P.labels.sources}:`));
    p.appendChild(doc.createTextNode(` ${P.strings.noSource}`));
    return p;
  }
  const box = make(doc, "div", "em-sources");
  box.appendChild(make(doc, "b", null, `${P.labels.sources}:`));
  const list = make(doc, "ul");
  for (const source of sources) list.appendChild(sourceItem(doc, source));
  box.appendChild(list);
  return box;
}

function swatch(doc, colour) {
  const element = make(doc, "span", "em-swatch");
  element.style.background = colour;
  return element;
}

function popupElement(doc, P, i) {
  const c = P.cols;
  const u = unpack(P, c.k[i]);
  const place = P.places[c.p[i]];
  const T = P.labels;
  const d = i < P.details.length ? P.details[i] : null;
  const f = (name) => (d ? d[P.fieldIndex[name]] : "");
  const root = make(doc, "div", "em-popup");
  root.setAttribute("dir", P.dir);
  const head = make(doc, "div", "em-popup-head");
  head.appendChild(markerSymbol(doc, P.shapes[u.type], P.colours[u.side], P.statusStyles[u.status], 18));
  head.appendChild(make(doc, "span", null, P.types[u.type] + (f("sub_event_type") ? ` — ${f("sub_event_type")}` : "")));
  root.appendChild(head);
  const table = make(doc, "table");
  addRow(doc, table, T.date, [isoDay(P.day0, c.d[i]), f("date_note") ? ` ${f("date_note")}` : ""]);
  addRow(doc, table, T.place, [place[2], f("location") ? " " : "", f("location") ? muted(doc, `(${f("location")})`) : "",
    u.prec > 0 ? " " : "", u.prec > 0 ? muted(doc, P.precisions[u.prec]) : ""]);
  addRow(doc, table, T.side, [swatch(doc, P.colours[u.side]), P.sides[u.side]]);
  addRow(doc, table, T.actor, [f("actor")]);
  addRow(doc, table, T.target, [f("target")]);
  addRow(doc, table, T.status, [P.statuses[u.status]]);
  for (const name of ["verification", "claimed_by", "disputed_by", "fatalities", "injured", "report_date"]) {
    addRow(doc, table, T[name], [f(name)]);
  }
  root.appendChild(table);
  if (!d) {
    root.appendChild(make(doc, "p", "em-muted", P.strings.noDetails));
    return root;
  }
  if (f("description")) {
    const p = make(doc, "p", "em-desc", f("description"));
    p.setAttribute("dir", "auto");
    root.appendChild(p);
  }
  if (f("description_original")) {
    root.appendChild(labelled(doc, "em-original", T.original, f("description_original"), f("language")));
  }
  root.appendChild(sourcesElement(doc, P, d[P.fieldIndex.sources]));
  if (f("notes")) root.appendChild(labelled(doc, "em-notes", T.notes, f("notes")));
  root.appendChild(make(doc, "div", "em-muted em-id", f("event_id")));
  return root;
}

// A grid cell (many events in one place at a low zoom): how many, and the sides with the most.
function cellElement(doc, P, j) {
  const g = P.grid;
  const root = make(doc, "div", "em-popup");
  root.setAttribute("dir", P.dir);
  root.appendChild(make(doc, "b", null, P.strings.cellEvents.replace("{n}", String(g.n[j]))));
  const list = make(doc, "ul", "em-plain");
  for (const top of g.top[j]) {
    const item = make(doc, "li");
    item.appendChild(swatch(doc, P.colours[top[0]]));
    item.appendChild(doc.createTextNode(`${P.sides[top[0]]}: ${top[1]}`));
    list.appendChild(item);
  }
  root.appendChild(list);
  root.appendChild(make(doc, "p", "em-muted", P.strings.cellHelp));
  return root;
}
return { popupElement, cellElement };
})();
// markers.js
modules["markers"] = (function () {
const { cellRadius, clusterSize, clusterStops, markerSvg, unpack } = modules["codes"];
const { ensurePanes, whenOnMap } = modules["panes"];
const { cellElement, popupElement } = modules["popups"];
/* The map's event layers: clustered markers with one shared popup, precision circles, grid cells.
 * Uses `L` and Leaflet.markercluster.
 */


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
function addPrecisionCircles(P, group) {
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

function addPoints(P, group) {
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

function addCells(P, group) {
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
return { addPrecisionCircles, addPoints, addCells };
})();
// eventmap.js
modules["eventmap"] = (function () {
const { addAreas } = modules["areas"];
const { addBasemaps } = modules["basemap"];
const { addContext, noticeWhenTilesFail } = modules["context"];
const { addControl } = modules["control"];
const { addFallbackClusters } = modules["glfallback"];
const { addGlPoints } = modules["glpoints"];
const { addNote, legendControl } = modules["mapcontrols"];
const { addCells, addPoints, addPrecisionCircles } = modules["markers"];
const { ensurePanes, whenOnMap } = modules["panes"];
const { addLabels, LABEL_EVENTS } = modules["placelabels"];
/* The conflict-event map's entry module: draws with Leaflet and Leaflet.markercluster.
 *
 *   EventMap.setupBase(map, options)    panes, offline basemap, optional tiles, labels, legend, area layers
 *   EventMap.addEvents(group, payload)  the events of one filter state into a L.featureGroup; with
 *                                       `payload.scene` also the scene's fit, labels, legend, empty note;
 *                                       a "gl" payload (eventmap.mapping.points): every event as a WebGL
 *                                       point (glpoints.js), clusters with a notice when there is no WebGL
 *
 * The Python side (eventmap.mapping) builds the data with raw texts and every link checked to be http(s):
 * texts go into the page only as text nodes (popups.js, maplegend.js, placelabels.js, mapcontrols.js).
 */


const EM = window.EventMap || {};
window.EventMap = EM;
EM.areas = {}; // the area layers by key (for tests and debugging)
EM.layers = []; // the event layers on the map (for tests and debugging)

EM.setupBase = (map, o) => {
  ensurePanes(map);
  const container = map.getContainer();
  container.classList.add("em-map");
  container.style.setProperty("--em-text-size", `${o.textSizePx}px`);
  container.style.setProperty("--em-label-size", `${o.labelSizePx}px`);
  container.style.background = o.colours.sea;
  addBasemaps(map, o.basemaps || [], o.colours);
  if (o.context) addContext(map, o.context, o.colours);
  const overlays = o.areas?.length ? addAreas(map, o.areas, EM.areas) : null;
  let choices = null;
  if (o.tiles) {
    const tiles = L.tileLayer(o.tiles.url, { attribution: o.tiles.attribution, maxZoom: o.tiles.maxZoom });
    tiles.addTo(map);
    // the notice in the top corner the layer switch leaves free
    noticeWhenTilesFail(map, tiles, o.strings.tilesFailed, o.layersPosition === "topleft" ? "topright" : "topleft");
    choices = { [o.strings.tiles]: tiles, [o.strings.offline]: L.layerGroup() };
  }
  if (choices || overlays) {
    L.control.layers(choices, overlays, { collapsed: false, position: o.layersPosition || "topright" }).addTo(map);
  }
  if (o.labels?.length) map.emDeclutter = addLabels(map, o.labels);
  if (o.control) EM.control = addControl(map, o.control, map);
  if (o.legend) legendControl(map, o.legend, o.legendPosition).addTo(map);
};

// The scene's parts that change with the filters come with the events layer and leave with it.
function addSceneParts(group, S) {
  let legend = null;
  let labels = null;
  let declutter = null;
  let control = null;
  whenOnMap(group, (map) => {
    ensurePanes(map);
    if (!control && S.control) {
      control = addControl(map, S.control, group);
      EM.control = control;
    }
    if (S.fit) {
      const first = map._emFitKey === undefined;
      if (map._emFitKey !== S.fitKey && (!first || S.fitFirst)) {
        map.fitBounds(S.fit, { paddingTopLeft: S.fitPaddingTopLeft, paddingBottomRight: S.fitPaddingBottomRight,
                               maxZoom: 11, animate: false });
      }
    }
    map._emFitKey = S.fitKey;
    if (legend) legend.remove();
    legend = S.legend ? legendControl(map, S.legend, S.legendPosition).addTo(map) : null;
    if (!labels && S.labels?.length) {
      labels = L.layerGroup().addTo(group);
      declutter = addLabels(map, S.labels, labels);
      // Cluster icons stand where they go only when markercluster's animation ends: place the names again.
      if (group.emCluster) group.emCluster.on("animationend spiderfied unspiderfied", () => declutter.settle());
    }
  });
  group.on("remove", () => {
    if (legend) {
      legend.remove();
      legend = null;
    }
    if (declutter && group._map) group._map.off(LABEL_EVENTS, declutter);
  });
  if (S.empty) addNote(group, [[S.empty.message, true], S.empty.loosen].filter(Boolean));
}

EM.addEvents = (group, P) => {
  EM.layers.push(group);
  group.on("remove", () => {
    EM.layers = EM.layers.filter((g) => g !== group);
  });
  group.on("add", () => {
    if (EM.layers.indexOf(group) < 0) EM.layers.push(group);
  });
  group.emPayload = P;
  if (P.mode === "gl") {
    addGlPoints(P, group, (cols) => addFallbackClusters(P, cols, group));
    if (P.scene) addSceneParts(group, P.scene);
    return group;
  }
  P.fieldIndex = {};
  P.fields.forEach((name, j) => {
    P.fieldIndex[name] = j;
  });
  P.day0 = Date.parse(`${P.day0}T00:00:00Z`);
  if (P.mode === "grid") {
    addCells(P, group);
  } else {
    addPoints(P, group);
    if (!addPrecisionCircles(P, group) && P.strings.tooManyCircles) P.notes.push(P.strings.tooManyCircles);
  }
  addNote(group, P.notes);
  if (P.scene) addSceneParts(group, P.scene);
  return group;
};
return {  };
})();
})();
