/* Territorial control on the scene's day: areas per side (a claim not confirmed hatched, with a dashed or
 * dotted outline and a lighter fill), reference lines, a legend with the caveat, and a card per area listing
 * the changes behind it. Every text from the data goes into the page as text. Uses `L` for the map parts.
 *
 *   controlCard(doc, patch, words)     the card of one area (an Element)
 *   controlLegend(doc, control)        the legend box with the caveat (an Element; folded to its one-line title
 *                                      when `control.folded`, the caveat one click away)
 *   addControl(map, control, parent)   draws `control` into a new layer group added to `parent`
 */

import { escapeHtml, make, SVG_NS, webLink } from "./dom.js";
import { isWebLink, linkText } from "./links.js";
import { fitLegendsSoon } from "./mapcontrols.js";

export const CONTROL_PANE = "em-control";
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
export function controlCard(doc, patch, words) {
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
export function controlLegend(doc, control) {
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

export function hatchId(colour) {
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

export function addControl(map, C, parent) {
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
export function stateOn(states, iso) {
  let found = 0;
  states.forEach((state, i) => {
    if (state.day <= iso) found = i;
  });
  return found;
}

export function controlTimeline(map, config) {
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
