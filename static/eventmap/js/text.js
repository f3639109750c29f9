/* Interface texts and dates, with no page access: the catalogue lookup, {placeholders}, long dates.
 *
 * `catalogue` is { lang: { key: text } } (eventmap.i18n's strings, embedded in the page); a key missing in
 * the chosen language falls back to `fallbackLang`, then to the key itself.
 */

export const DAY_MS = 86400000;

export function fillIn(text, values) {
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (values[name] !== undefined ? String(values[name]) : whole));
}

export function lookup(catalogue, lang, fallbackLang, key, values) {
  const table = catalogue[lang] || {};
  let text = table[key] !== undefined ? table[key] : catalogue[fallbackLang]?.[key];
  if (text === undefined) text = key;
  return fillIn(text, values);
}

// The catalogue's name of a data value (a side, a status ...), else the value as the data has it.
export function translatedWith(s, prefix, value) {
  const text = s(prefix + value);
  return text === prefix + value ? value : text;
}

// One text of a { lang: text } table: the language's, else the fallback's, else "".
export function perLanguage(table, lang, fallbackLang) {
  if (!table) return "";
  return table[lang] || table[fallbackLang] || "";
}

// "2024-03-05" -> milliseconds at midnight UTC.
export function utcDay(iso) {
  const parts = iso.split("-").map(Number);
  return Date.UTC(parts[0], parts[1] - 1, parts[2]);
}

export function isoOfDay(origin, day) {
  return new Date(origin + day * DAY_MS).toISOString().slice(0, 10);
}

export function dayOfIso(origin, iso) {
  return Math.round((Date.parse(iso) - origin) / DAY_MS);
}

// "2024-03-05" in words, with the catalogue's "date.long" pattern and month names.
export function longDateWith(s, iso) {
  const parts = iso.split("-");
  return s("date.long", { day: +parts[2], month: s(`month.${+parts[1]}`), year: parts[0] });
}
