/* The map's compact event codes and the pictures made of them, with no page access.
 *
 * The map payload (eventmap.mapping.layers) packs each event's side, type, claim status and place
 * precision into one number `k`, and its day into an offset from `day0`. Colours come from the scene's
 * palette (`P.colours`, one per side), shapes and status styles from eventmap.styling: never from the data.
 */

export function unpack(P, code) {
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
export function isoDay(day0, offset) {
  if (offset < 0) return "?";
  return new Date(day0 + offset * 86400000).toISOString().slice(0, 10);
}

// How a marker of claim-status style `st` is painted in the side's `colour` (the map's one rule).
export function markerPaint(st, colour) {
  if (!st.filled) return { fill: "#FFFFFF", fillOpacity: 0.75, stroke: colour };
  return { fill: colour, fillOpacity: st.fill_opacity, stroke: st.dash ? colour : "#222222" };
}

// A marker's <svg> as markup for Leaflet's divIcon, from the palette and the style tables only: numbers,
// colours (#rrggbb, checked in eventmap.styling) and the project's shape paths; never a data text.
export function markerSvg(P, side, type, status, size) {
  const st = P.statusStyles[status];
  const paint = markerPaint(st, P.colours[side]);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 24 24" style="opacity:${
    st.opacity}"><path d="${P.shapes[type]}" fill="${paint.fill}" fill-opacity="${paint.fillOpacity}" stroke="${
    paint.stroke}" stroke-width="${st.stroke_width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ""} stroke-linejoin="round"/></svg>`;
}

// A cluster's pie: conic-gradient stops, the most frequent side first. `counts` is { side: n }.
export function clusterStops(counts, colours) {
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

export function clusterSize(n) {
  return Math.round(30 + 8 * Math.log10(n));
}

export function cellRadius(n) {
  return Math.min(30, 4 + 2.2 * Math.log2(n));
}

// Label boxes [x0, y0, x1, y1]: does `box` overlap any of `placed`?
export function clashes(box, placed) {
  return placed.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]);
}
