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

export const TILE_PX = 256;
export const MAX_LATITUDE = 85.0511287798;

export function decodeColumn(b64, kind) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  if (kind === "f32") return new Float32Array(bytes.buffer);
  if (kind === 2) return new Uint16Array(bytes.buffer);
  if (kind === 4) return new Uint32Array(bytes.buffer);
  return bytes;
}

// Leaflet's EPSG:3857 pixel at zoom 0: x, y in [0, 256].
export function mercator(lon, lat) {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const x = (TILE_PX * (lon + 180)) / 360;
  const y = TILE_PX * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
  return [x, y];
}

export function projectPoints(lon, lat) {
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
export function buildGrid(xy, pointsPerCell = 4) {
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
export function nearestPoint(grid, xy, x, y, radius) {
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
export function visibleRanges(grid, x0, y0, x1, y1) {
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
