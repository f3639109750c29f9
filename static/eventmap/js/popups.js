/* The map's event popup and grid-cell popup as page elements. The payload (eventmap.mapping.layers) holds
 * raw text: every text goes in as a text node, and a source becomes a link only when its address is http(s).
 *
 *   popupElement(doc, P, i) -> <div class="em-popup">     cellElement(doc, P, j) -> <div class="em-popup">
 */

import { isoDay, unpack } from "./codes.js";
import { make } from "./dom.js";
import { sourceItem } from "./sources.js";
import { markerSymbol } from "./symbols.js";

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

export function popupElement(doc, P, i) {
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
export function cellElement(doc, P, j) {
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
