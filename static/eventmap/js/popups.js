/* The map's event popup and grid-cell popup as markup, with no page access. Every data text in the
 * payload is HTML-escaped and every link checked to be http(s) by eventmap.mapping (layers, popups):
 * this module only puts those escaped pieces together.
 */

import { isoDay, markerSvg, unpack } from "./codes.js";

function row(label, value) {
  return value === "" || value === undefined || value === null ? "" : `<tr><th>${label}</th><td>${value}</td></tr>`;
}

function sourcesHtml(P, sources) {
  if (!sources.length) return `<p class="em-no-source"><b>${P.labels.sources}:</b> ${P.strings.noSource}</p>`;
  const items = sources.map((s) => `<li>${s[0]
    ? `<a href="${s[0]}" target="_blank" rel="noopener noreferrer">${s[1]}</a>`
    : `<span dir="auto">${s[1]}</span>`}</li>`);
  return `<div class="em-sources"><b>${P.labels.sources}:</b><ul>${items.join("")}</ul></div>`;
}

export function popupHtml(P, i) {
  const c = P.cols;
  const u = unpack(P, c.k[i]);
  const place = P.places[c.p[i]];
  const T = P.labels;
  const d = i < P.details.length ? P.details[i] : null;
  const f = (name) => (d ? d[P.fieldIndex[name]] : "");
  const swatch = `<span class="em-swatch" style="background:${P.colours[u.side]}"></span>`;
  const type = P.types[u.type] + (f("sub_event_type") ? ` — ${f("sub_event_type")}` : "");
  let html = `<div class="em-popup" dir="${P.dir}"><div class="em-popup-head">${markerSvg(P, u.side, u.type, u.status, 18)}<span>${type}</span></div><table>`;
  html += row(T.date, isoDay(P.day0, c.d[i]) + (f("date_note") ? ` ${f("date_note")}` : ""));
  html += row(T.place, place[2] + (f("location") ? ` <span class="em-muted">(${f("location")})</span>` : "")
    + (u.prec > 0 ? ` <span class="em-muted">${P.precisions[u.prec]}</span>` : ""));
  html += row(T.side, swatch + P.sides[u.side]);
  html += row(T.actor, f("actor"));
  html += row(T.target, f("target"));
  html += row(T.status, P.statuses[u.status]);
  for (const name of ["verification", "claimed_by", "disputed_by", "fatalities", "injured", "report_date"]) {
    html += row(T[name], f(name));
  }
  html += "</table>";
  if (!d) return `${html}<p class="em-muted">${P.strings.noDetails}</p></div>`;
  if (f("description")) html += `<p class="em-desc" dir="auto">${f("description")}</p>`;
  if (f("description_original")) {
    const lang = f("language");
    html += `<p class="em-original" dir="auto"${lang ? ` lang="${lang}"` : ""}><b>${T.original}:</b> ${f("description_original")}</p>`;
  }
  html += sourcesHtml(P, d[P.fieldIndex.sources]);
  if (f("notes")) html += `<p class="em-notes" dir="auto"><b>${T.notes}:</b> ${f("notes")}</p>`;
  html += `<div class="em-muted em-id">${f("event_id")}</div>`;
  return `${html}</div>`;
}

// A grid cell (many events in one place at a low zoom): how many, and the sides with the most.
export function cellHtml(P, j) {
  const g = P.grid;
  const parts = g.top[j].map((t) => `<li><span class="em-swatch" style="background:${P.colours[t[0]]}"></span>${P.sides[t[0]]}: ${t[1]}</li>`);
  return `<div class="em-popup" dir="${P.dir}"><b>${P.strings.cellEvents.replace("{n}", g.n[j])}</b><ul class="em-plain">${
    parts.join("")}</ul><p class="em-muted">${P.strings.cellHelp}</p></div>`;
}
