/* The event card of the playback page: every value of the event goes in as text; a source becomes a
 * link only when its address is http(s) (sources.js, as in the map's popups).
 *
 *   fillCard(doc, body, event, words)
 *     event: { field(name) -> value, iso: "YYYY-MM-DD", located: bool, storyLine: text | null, sideIcon: Element }
 *     words: { s(key, values), translated(prefix, value), longDate(iso), lang }
 */

import { make } from "./dom.js";
import { sourceItem } from "./sources.js";

function addRow(doc, list, term, value, extra) {
  if (value === null || value === undefined || value === "") return;
  const definition = make(doc, "dd");
  if (extra) definition.appendChild(extra);
  definition.appendChild(doc.createTextNode(String(value)));
  list.appendChild(make(doc, "dt", null, term));
  list.appendChild(definition);
}

function descriptions(doc, body, event, words) {
  const { s, translated } = words;
  const original = event.field("description_original");
  const originalLang = event.field("language");
  const description = make(doc, "p", "pb-card-description", event.field("description"));
  description.setAttribute("lang", "en");
  description.setAttribute("dir", "auto");
  let originalBlock = null;
  if (original) {
    originalBlock = make(doc, "div", "pb-card-original");
    const languageName = originalLang ? translated("lang.", originalLang) : "";
    originalBlock.appendChild(make(doc, "h3", null, s("card.original", { language: languageName })));
    const text = make(doc, "blockquote", null, original);
    if (originalLang) text.setAttribute("lang", originalLang);
    text.setAttribute("dir", "auto");
    originalBlock.appendChild(text);
  }
  const what = make(doc, "h3", null, s("card.description"));
  // The source's own words first when they are in the page's language.
  const parts = originalBlock && originalLang === words.lang
    ? [originalBlock, what, description]
    : [what, description, originalBlock];
  for (const part of parts) if (part) body.appendChild(part);
}

export function fillCard(doc, body, event, words) {
  const { s, translated, longDate } = words;
  const f = event.field;
  body.textContent = "";
  if (event.storyLine) body.appendChild(make(doc, "p", "pb-card-story", event.storyLine));
  body.appendChild(make(doc, "h2", "pb-card-place", f("place") || "—"));
  const when = make(doc, "p", "pb-card-date", longDate(event.iso));
  if (f("report_date")) {
    const reported = ` · ${s("card.reported", { date: longDate(f("report_date")) })}`;
    when.appendChild(make(doc, "span", "pb-card-reported", reported));
  }
  body.appendChild(when);
  if (!event.located) body.appendChild(make(doc, "p", "pb-card-warning", s("card.no_location")));
  // In the order a class needs it: who acted and how sure it is, what happened (with the source's own
  // words), where it comes from; then the other details.
  const facts = make(doc, "dl", "pb-card-facts");
  addRow(doc, facts, s("card.side"), translated("side.", f("side")), event.sideIcon);
  const status = make(doc, "span", `pb-status pb-status-${f("status")}`, translated("status.", f("status")));
  addRow(doc, facts, s("card.status"), " ", status);
  addRow(doc, facts, s("card.claimed_by"), f("claimed_by"));
  addRow(doc, facts, s("card.disputed_by"), f("disputed_by") || s("card.nobody"));
  body.appendChild(facts);
  descriptions(doc, body, event, words);
  const sources = f("sources");
  if (sources?.length) {
    body.appendChild(make(doc, "h3", null, s("card.sources")));
    const list = make(doc, "ul", "pb-card-sources");
    for (const source of sources) list.appendChild(sourceItem(doc, source));
    body.appendChild(list);
  }
  const more = make(doc, "dl", "pb-card-facts");
  const type = translated("event_type.", f("event_type"));
  addRow(doc, more, s("card.type"), f("sub_event_type") ? `${type} · ${f("sub_event_type")}` : type);
  addRow(doc, more, s("card.actor"), f("actor"));
  addRow(doc, more, s("card.target"), f("target"));
  addRow(doc, more, s("card.verification"), translated("verification.", f("verification")));
  addRow(doc, more, s("card.fatalities"), f("fatalities"));
  addRow(doc, more, s("card.injured"), f("injured"));
  body.appendChild(more);
  if (f("notes")) {
    body.appendChild(make(doc, "h3", null, s("card.notes")));
    body.appendChild(make(doc, "p", "pb-card-notes", f("notes")));
  }
}
