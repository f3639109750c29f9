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

import { addAreas } from "./areas.js";
import { addBasemaps } from "./basemap.js";
import { addContext, noticeWhenTilesFail } from "./context.js";
import { addControl } from "./control.js";
import { addFallbackClusters } from "./glfallback.js";
import { addGlPoints } from "./glpoints.js";
import { addNote, legendControl } from "./mapcontrols.js";
import { addCells, addPoints, addPrecisionCircles } from "./markers.js";
import { ensurePanes, whenOnMap } from "./panes.js";
import { addLabels, LABEL_EVENTS } from "./placelabels.js";

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
