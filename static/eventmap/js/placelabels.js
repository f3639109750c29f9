/* Place names on the map that never lie: no name covers another name, a marker or a cluster icon; a name is
 * beside its own point, or a little farther with a leader line to it; when there is no room, the lower
 * priority gives way. Uses `L` (addLabels); `placeLabels` is pure (box arithmetic, tested in node).
 *
 * A label row is [lat, lon, name (raw text: it goes in as a text node), priority, kind]; kinds
 * and priorities come from the scene (capitals first, then the places with most events, then towns). The
 * page may raise a label (the places of the day's events) or keep it whatever happens (the place a story
 * step is about): `declutter({ raised: Set of label indices, kept: Set of label indices })`.
 */

import { make } from "./dom.js";

// Where a label may go around its point, in order: beside it, above, below, diagonally.
const SPOTS = [[1, 0], [-1, 0], [0.7, -0.7], [0.7, 0.7], [-0.7, -0.7], [-0.7, 0.7], [0, -1], [0, 1]];
// How far from the point, in clearances: the first ring touches the marker; the others need a leader line.
const RINGS = [1, 1.9, 3];
const LEADER_SAMPLES = 12;
const POINT_HALF_PX = 4; // a place's own point, which no other name may cover

export function overlapArea(a, b) {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

// The box of a w×h label whose point is (x, y), at spot `spot` and distance `reach` from the point.
export function spotBox(x, y, w, h, spot, reach) {
  const [sx, sy] = spot;
  const left = sx > 0 ? x + sx * reach : sx < 0 ? x + sx * reach - w : x - w / 2;
  const top = sy > 0 ? y + sy * reach : sy < 0 ? y + sy * reach - h : y - h / 2;
  return [left, top, left + w, top + h];
}

function inside(box, view) {
  return !view || (box[0] >= view[0] && box[1] >= view[1] && box[2] <= view[2] && box[3] <= view[3]);
}

// Room kept free between two names, so that names (Arabic ones with their tall letters above all) never touch.
export const NAME_GAP_PX = 4;

// `box` grown by `by` px on every side.
export function grown(box, by) {
  return [box[0] - by, box[1] - by, box[2] + by, box[3] + by];
}

/* Where each label goes. `labels`: [{ x, y, w, h, clearance, rank, keep }] (px; `clearance` is the distance
 * from the point at which the name clears its own marker); `markers`: boxes [x0, y0, x1, y1] of every marker
 * and cluster icon; `view`: the visible box, or null. Returns, in the labels' order, { box, leader } or null
 * (no room: hidden). Kept labels are placed first, then by rank (higher first); a kept label always gets a
 * place (where it covers least, when nothing is free). `options.rings`: the distances tried (in clearances;
 * only the first has no leader line); `options.gap`: the room kept between two names. */
export function placeLabels(labels, markers, view, options = {}) {
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
export function labelsNear(labels, points, tolerance) {
  const near = new Set();
  labels.forEach((label, i) => {
    if (points.some((p) => Math.abs(p[0] - label[0]) <= tolerance && Math.abs(p[1] - label[1]) <= tolerance)) near.add(i);
  });
  return near;
}

// Whether the leader line from (x, y) to `box` passes through one of `boxes` (names placed before).
export function leaderCrosses(x, y, box, boxes) {
  const [ex, ey] = nearestOnBox(box, x, y);
  for (let k = 1; k < LEADER_SAMPLES; k++) {
    const px = x + ((ex - x) * k) / LEADER_SAMPLES;
    const py = y + ((ey - y) * k) / LEADER_SAMPLES;
    if (boxes.some((b) => b[0] < px && px < b[2] && b[1] < py && py < b[3])) return true;
  }
  return false;
}

// The point of the box nearest to (x, y): where a leader line from the point meets the name.
export function nearestOnBox(box, x, y) {
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
export const LABEL_EVENTS = "zoomend moveend em:markers";

export function boxesOf(elements, origin) {
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
export function obstacleBoxes(map) {
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
export function labelElement(doc, name) {
  const parts = make(doc, "span", "em-place-parts");
  parts.appendChild(make(doc, "span", "em-place-leader"));
  const text = parts.appendChild(make(doc, "span", "em-place-name", name));
  text.setAttribute("dir", "auto");
  return parts;
}

export function addLabels(map, labels, target) {
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
