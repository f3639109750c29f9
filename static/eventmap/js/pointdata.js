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

import { decodeColumn } from "./picking.js";

export const UNKNOWN_DAY = 65535;
const KEEP_URLS = 2;
const KEEP_FILTERS = 3;
const columnCache = new Map(); // url -> Promise of columns (oldest first)
const filterCache = new Map(); // url -> Map(filter JSON -> { cols, indices })
const labelCache = new Map(); // url -> Promise of labels

export function columnsOf(buffer, layout, n) {
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

export function fetchColumns(url, layout, n, fetchFn = globalThis.fetch) {
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

export function fetchLabels(url, fetchFn = globalThis.fetch) {
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
export function keptFlags(cols, F) {
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

export function selectedIndices(cols, F) {
  const keep = keptFlags(cols, F || {});
  let count = 0;
  for (let i = 0; i < keep.length; i++) count += keep[i];
  const out = new Uint32Array(count);
  let k = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) out[k++] = i;
  return out;
}

export function gatherColumns(cols, indices) {
  const out = {};
  for (const [name, column] of Object.entries(cols)) {
    const part = new column.constructor(indices.length);
    for (let k = 0; k < indices.length; k++) part[k] = column[indices[k]];
    out[name] = part;
  }
  return out;
}

export function filteredColumns(url, cols, F) {
  const key = JSON.stringify(F || {});
  let perUrl = filterCache.get(url);
  if (!perUrl) perUrl = remember(filterCache, url, new Map(), KEEP_URLS);
  const known = perUrl.get(key);
  if (known) return remember(perUrl, key, known, KEEP_FILTERS);
  const indices = selectedIndices(cols, F);
  return remember(perUrl, key, { cols: gatherColumns(cols, indices), indices }, KEEP_FILTERS);
}
