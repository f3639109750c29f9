/* Every event as a point on one WebGL canvas inside the Leaflet map: for large data (100,000 to a million
 * events and more), where clustered markers are too slow. Uses the global `L` (only inside functions).
 *
 *   addGlPoints(P, group, onNoWebgl)  draws the columnar payload of eventmap.mapping.points into `group`;
 *                                     calls onNoWebgl(cols) instead when the browser has no WebGL. With
 *                                     `P.data` (eventmap.mapping.deltas) the columns are the whole data's,
 *                                     fetched once per URL (pointdata.js), and `P.filter` says which to draw
 *
 * The canvas is a Leaflet renderer: it follows pans with the map's panes, and zooms (animated, wheel, pinch,
 * fly) with a CSS transform of the image already drawn, as Leaflet's own canvas and tile layers do; the
 * points are redrawn once the move ends, in chunks sized so that the page keeps its frame rate, into an
 * offscreen framebuffer: the canvas keeps the last whole image until the new one is complete. Colour is the side's (palette from the scene), the shape the event type's,
 * filled or hollow the claim status's. A click picks the nearest point through a grid index (picking.js),
 * opens a short summary (text nodes only) and fires "click" on the layer with a `sourceTarget` whose
 * tooltip is "em-point:KEY:INDEX": streamlit-folium returns it to the app, which shows the event's card.
 * INDEX is the point's position in the payload's columns: in the whole data's with `P.data` (`P.pickIndex`
 * maps the points drawn to it).
 */

import { whenOnMap } from "./panes.js";
import { buildGrid, decodeColumn, nearestPoint, projectPoints, visibleRanges } from "./picking.js";
import { fetchColumns, fetchLabels, filteredColumns } from "./pointdata.js";

export const SHAPE_CODES = { circle: 0, diamond: 1, triangle: 2, square: 3, star: 4, cross: 5, pentagon: 6 };
export const UNKNOWN_DAY = 65535;

export function hexRgb(hex) {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
  if (!m) return [85, 85, 85];
  const v = Number.parseInt(m[1], 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function decodePayload(P) {
  return {
    lon: decodeColumn(P.lon, "f32"),
    lat: decodeColumn(P.lat, "f32"),
    side: decodeColumn(P.side, P.sideBytes),
    type: decodeColumn(P.type, P.typeBytes),
    status: decodeColumn(P.status, P.statusBytes),
    day: decodeColumn(P.day, 2),
  };
}

// Per point: colour (RGBA bytes) and style bytes [shape code, filled, opacity, fill opacity] (0-255).
export function pointAttributes(P, cols) {
  const n = cols.lon.length;
  const rgba = new Uint8Array(4 * n);
  const style = new Uint8Array(4 * n);
  const colours = P.colours.map(hexRgb);
  const shapes = P.shapes.map((name) => SHAPE_CODES[name] ?? SHAPE_CODES.pentagon);
  const looks = P.statusStyles.map((s) => [s.filled ? 1 : 0, Math.round(255 * s.opacity), Math.round(255 * s.fillOpacity)]);
  for (let i = 0; i < n; i++) {
    const c = colours[cols.side[i]] || [85, 85, 85];
    const look = looks[cols.status[i]] || [0, 255, 0];
    rgba[4 * i] = c[0];
    rgba[4 * i + 1] = c[1];
    rgba[4 * i + 2] = c[2];
    rgba[4 * i + 3] = 255;
    style[4 * i] = shapes[cols.type[i]] ?? 0;
    style[4 * i + 1] = look[0];
    style[4 * i + 2] = look[1];
    style[4 * i + 3] = look[2];
  }
  return { rgba, style };
}

// Points grow as the map zooms in (small enough to see a million at the region's scale).
export function pointSizePx(P, zoom) {
  const base = P.pointSizePx || 7;
  return zoom >= 13 ? base * 2 : zoom >= 10 ? base * 1.5 : base;
}

// The GPU's copies of the points in the grid's order, so that the cells in view are contiguous ranges.
export function inGridOrder(order, xy, rgba, style) {
  const n = order.length;
  const out = { xy: new Float32Array(2 * n), rgba: new Uint8Array(4 * n), style: new Uint8Array(4 * n) };
  for (let k = 0; k < n; k++) {
    const i = order[k];
    out.xy[2 * k] = xy[2 * i];
    out.xy[2 * k + 1] = xy[2 * i + 1];
    for (let j = 0; j < 4; j++) {
      out.rgba[4 * k + j] = rgba[4 * i + j];
      out.style[4 * k + j] = style[4 * i + j];
    }
  }
  return out;
}

// Where the canvas drawn at `fromZoom`, whose top-left corner is the world pixel `corner` ([x, y] at that
// zoom), goes when the map shows `toZoom` with the pixel origin `origin` (the world pixel of the layer
// point 0, 0): the layer point of its corner and its scale, for L.DomUtil.setTransform. Pure arithmetic.
export function canvasTransform(corner, fromZoom, toZoom, origin) {
  const scale = 2 ** (toZoom - fromZoom);
  return { offset: [corner[0] * scale - origin[0], corner[1] * scale - origin[1]], scale };
}

// The next chunk size from the time the last chunk took to draw: halved when it took longer than `slowMs`
// (a software renderer), grown when it was quick (a GPU draws a million points in a few ms).
export function nextChunk(chunk, drawMs, { min = 5000, max = 1000000, slowMs = 24, fastMs = 12 } = {}) {
  if (drawMs > slowMs) return Math.max(min, Math.floor(chunk / 2));
  if (drawMs < fastMs) return Math.min(max, Math.ceil(chunk * 1.5));
  return chunk;
}

// `index`: the point's position among the points drawn.
export function pickText(P, index) {
  return `em-point:${P.key}:${P.pickIndex ? P.pickIndex[index] : index}`;
}

export function isoDay(day0, offset) {
  if (offset === UNKNOWN_DAY) return "?";
  return new Date(Date.parse(`${day0}T00:00:00Z`) + offset * 86400000).toISOString().slice(0, 10);
}

// The summary lines of point i: date, side, type, status (labels from the payload, never markup).
export function summaryLines(P, cols, i) {
  return [isoDay(P.day0, cols.day[i]), P.sides[cols.side[i]] ?? "", P.types[cols.type[i]] ?? "",
          P.statuses[cols.status[i]] ?? ""];
}

const VERTEX = `
precision highp float;
attribute vec2 a_pos; attribute vec4 a_colour; attribute vec4 a_style;
uniform vec2 u_offset; uniform float u_scale; uniform vec2 u_size; uniform float u_point;
varying vec4 v_colour; varying vec4 v_style;
void main() {
  vec2 px = a_pos * u_scale + u_offset;
  gl_Position = vec4(px.x / u_size.x * 2.0 - 1.0, 1.0 - px.y / u_size.y * 2.0, 0.0, 1.0);
  gl_PointSize = u_point;
  v_colour = a_colour; v_style = a_style;
}`;

const FRAGMENT = `
precision highp float;
varying vec4 v_colour; varying vec4 v_style; uniform float u_point;
float shapeDistance(float s, vec2 p) {
  if (s < 0.5) return length(p) - 0.8;
  if (s < 1.5) return (abs(p.x) + abs(p.y)) - 0.95;
  if (s < 2.5) return max(-p.y - 0.6, abs(p.x) * 0.866 + p.y * 0.5 - 0.45);
  if (s < 3.5) return max(abs(p.x), abs(p.y)) - 0.7;
  if (s > 4.5 && s < 5.5) {
    vec2 q = abs(vec2(p.x + p.y, p.x - p.y) * 0.7071);
    return min(max(q.x - 0.9, q.y - 0.28), max(q.y - 0.9, q.x - 0.28));
  }
  return length(p) - 0.75;
}
void main() {
  vec2 p = vec2(gl_PointCoord.x * 2.0 - 1.0, 1.0 - gl_PointCoord.y * 2.0);
  float d = shapeDistance(v_style.x, p);
  if (d > 0.0) discard;
  float line = 3.0 / u_point;
  float alpha; vec3 rgb;
  if (v_style.y > 0.5) {
    bool edge = d > -line;
    rgb = edge ? vec3(0.13) : v_colour.rgb;
    alpha = edge ? 1.0 : v_style.w / 255.0;
  } else {
    bool ring = d > -1.6 * line;
    rgb = ring ? v_colour.rgb : vec3(1.0);
    alpha = ring ? 1.0 : 0.55;
  }
  alpha *= v_style.z / 255.0;
  gl_FragColor = vec4(rgb * alpha, alpha);
}`;

const PIXEL = new Uint8Array(4);

// The offscreen image copied onto the canvas as it is (one quad, texel for pixel).
const BLIT_VERTEX = `
attribute vec2 a_corner; varying vec2 v_uv;
void main() { v_uv = a_corner * 0.5 + 0.5; gl_Position = vec4(a_corner, 0.0, 1.0); }`;

const BLIT_FRAGMENT = `
precision mediump float;
uniform sampler2D u_image; varying vec2 v_uv;
void main() { gl_FragColor = texture2D(u_image, v_uv); }`;

function compile(gl, type, source) {
  const shader = gl.createShader(type);
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(shader));
  return shader;
}

function program(gl, vertex = VERTEX, fragment = FRAGMENT) {
  const prog = gl.createProgram();
  gl.attachShader(prog, compile(gl, gl.VERTEX_SHADER, vertex));
  gl.attachShader(prog, compile(gl, gl.FRAGMENT_SHADER, fragment));
  gl.linkProgram(prog);
  if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(prog));
  return prog;
}

// A vertex buffer and how to point the program's attribute at it (again before each use: the two programs
// share attribute slots).
function buffer(gl, prog, name, data, size, type, normalized) {
  const b = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, b);
  gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
  const at = gl.getAttribLocation(prog, name);
  const bind = () => {
    gl.bindBuffer(gl.ARRAY_BUFFER, b);
    gl.enableVertexAttribArray(at);
    gl.vertexAttribPointer(at, size, type, normalized, 0, 0);
  };
  bind();
  return { b, bind, at };
}

// A WebGL context on a fresh canvas, or null (no WebGL in this browser).
export function webglContext(canvas) {
  try {
    return canvas.getContext("webgl", { antialias: false, preserveDrawingBuffer: true, premultipliedAlpha: true });
  } catch (_error) {
    return null;
  }
}

// What the GPU draws of columns: positions (projected, relative to `origin`), the grid index over them, and
// the points' positions, colours and styles in the grid's order.
export function preparePoints(P, cols) {
  const { origin, xy } = projectPoints(cols.lon, cols.lat);
  const grid = buildGrid(xy);
  const { rgba, style } = pointAttributes(P, cols);
  return { origin, xy, grid, sorted: inGridOrder(grid.order, xy, rgba, style) };
}

// The whole data's projection (per columns) and attributes (per palette and looks), made once: a filter then
// only gathers the points it keeps (no projection, no colours) and indexes them.
const wholeCache = new WeakMap();

function wholeOf(P, all) {
  let whole = wholeCache.get(all);
  if (!whole) {
    whole = { ...projectPoints(all.lon, all.lat), looks: new Map() };
    wholeCache.set(all, whole);
  }
  const key = P.data?.labels || JSON.stringify([P.colours, P.shapes, P.statusStyles]);
  let looks = whole.looks.get(key);
  if (!looks) {
    looks = pointAttributes(P, all);
    whole.looks.set(key, looks);
  }
  return { origin: whole.origin, xy: whole.xy, ...looks };
}

// `preparePoints` of the events `indices` of the whole data's columns `all`, from the whole data's cache.
export function prepareSubset(P, all, indices) {
  const whole = wholeOf(P, all);
  const n = indices.length;
  const xy = new Float32Array(2 * n);
  for (let k = 0; k < n; k++) {
    xy[2 * k] = whole.xy[2 * indices[k]];
    xy[2 * k + 1] = whole.xy[2 * indices[k] + 1];
  }
  const grid = buildGrid(xy);
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = indices[grid.order[k]];
  return { origin: whole.origin, xy, grid, sorted: inGridOrder(order, whole.xy, whole.rgba, whole.style) };
}

function pointRendererClass() {
  return L.Renderer.extend({
    initialize(P, cols, options) {
      L.Renderer.prototype.initialize.call(this, options);
      this._P = P;
      this._cols = cols;
      this.drawCount = 0;
    },
    _initContainer() {
      const canvas = document.createElement("canvas");
      this._container = canvas;
      canvas.className = "em-points";
      canvas.style.pointerEvents = "none";
      const gl = webglContext(canvas);
      if (!gl) throw new Error("no WebGL");
      this._gl = gl;
      const prog = program(gl);
      this._prog = prog;
      const { origin, xy, grid, sorted } = this.options.prepare ? this.options.prepare() : preparePoints(this._P, this._cols);
      this._origin = origin;
      this._xy = xy;
      this._grid = grid;
      gl.useProgram(prog);
      this._buffers = [
        buffer(gl, prog, "a_pos", sorted.xy, 2, gl.FLOAT, false),
        buffer(gl, prog, "a_colour", sorted.rgba, 4, gl.UNSIGNED_BYTE, true),
        buffer(gl, prog, "a_style", sorted.style, 4, gl.UNSIGNED_BYTE, false),
      ];
      this._u = {};
      for (const name of ["u_offset", "u_scale", "u_size", "u_point"]) this._u[name] = gl.getUniformLocation(prog, name);
      this._blit = program(gl, BLIT_VERTEX, BLIT_FRAGMENT);
      this._quad = buffer(gl, this._blit, "a_corner", new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), 2, gl.FLOAT, false);
      this._offscreen = { width: 0, height: 0, texture: gl.createTexture(), framebuffer: gl.createFramebuffer() };
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    },
    _destroyContainer() {
      const lose = this._gl?.getExtension("WEBGL_lose_context");
      if (lose) lose.loseContext();
      L.DomUtil.remove(this._container);
      delete this._gl;
      delete this._container;
    },
    getEvents() {
      const events = L.Renderer.prototype.getEvents.call(this);
      events.zoomstart = this._stopDrawing; // no chunk of the last redraw during a zoom: the image is scaled
      return events;
    },
    _onAnimZoom(e) {
      this._stopDrawing();
      this._updateTransform(e.center, e.zoom);
    },
    _onZoom() {
      if (this._map._animatingZoom || this._map.touchZoom?._zooming) this._stopDrawing(); // a pinch's steps
      this._updateTransform(this._map.getCenter(), this._map.getZoom());
    },
    _reset() {
      this._update();
    },
    // The image drawn, scaled and moved to where the map will show it (`center`, `zoom`): a CSS transform.
    _updateTransform(center, zoom) {
      if (!this._drawnAt || !this._container) return;
      const origin = this._map._getNewPixelOrigin(center, zoom);
      const t = canvasTransform(this._drawnAt.corner, this._drawnAt.zoom, zoom, [origin.x, origin.y]);
      L.DomUtil.setTransform(this._container, L.point(t.offset[0], t.offset[1]), t.scale);
    },
    _stopDrawing() {
      if (!this.drawing) return;
      this._drawToken = (this._drawToken || 0) + 1; // the chunks still to draw stop here
      this.drawing = false;
    },
    _update() {
      if (this._map._animatingZoom && this._bounds) return;
      L.Renderer.prototype._update.call(this);
      this._draw(window.devicePixelRatio || 1);
    },
    // The offscreen framebuffer, `width` x `height` pixels, bound.
    _bindOffscreen(width, height) {
      const gl = this._gl;
      const off = this._offscreen;
      gl.bindFramebuffer(gl.FRAMEBUFFER, off.framebuffer);
      if (off.width !== width || off.height !== height) { // a new size reallocates the texture: only when needed
        gl.bindTexture(gl.TEXTURE_2D, off.texture);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
        for (const [key, value] of [[gl.TEXTURE_MIN_FILTER, gl.NEAREST], [gl.TEXTURE_MAG_FILTER, gl.NEAREST],
          [gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE], [gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE]]) {
          gl.texParameteri(gl.TEXTURE_2D, key, value);
        }
        gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, off.texture, 0);
        off.width = width;
        off.height = height;
      }
      gl.viewport(0, 0, width, height);
    },
    // The complete offscreen image onto the canvas, placed at `min` (a layer point) with no transform.
    _present(min, size, width, height, drawnAt) {
      const gl = this._gl;
      const canvas = this._container;
      if (canvas.width !== width || canvas.height !== height) { // a new size reallocates the canvas: only when needed
        canvas.width = width;
        canvas.height = height;
        canvas.style.width = `${size.x}px`;
        canvas.style.height = `${size.y}px`;
      }
      L.DomUtil.setPosition(canvas, min);
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      gl.viewport(0, 0, width, height);
      gl.disable(gl.BLEND);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.useProgram(this._blit);
      this._quad.bind();
      gl.bindTexture(gl.TEXTURE_2D, this._offscreen.texture);
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
      gl.disableVertexAttribArray(this._quad.at);
      gl.enable(gl.BLEND);
      this._drawnAt = drawnAt;
    },
    // Draws every point in view offscreen, in chunks of at most `chunkPoints` per animation frame, fewer
    // when a chunk takes long to draw (nextChunk), so that a million points never block the page (the map stays
    // responsive, the canvas shows the last image, scaled if the map zoomed); then puts the image on the
    // canvas in one step. All at once with `sync` and the first time. `drawing` is true until then; a zoom
    // that starts meanwhile stops it (_stopDrawing).
    _draw(ratio, sync) {
      const gl = this._gl;
      const map = this._map;
      const scale = 2 ** map.getZoom();
      const min = this._bounds.min;
      const size = this._bounds.getSize();
      const width = Math.round(size.x * ratio);
      const height = Math.round(size.y * ratio);
      const corner = map.getPixelOrigin().add(min);
      const drawnAt = { corner: [corner.x, corner.y], zoom: map.getZoom() };
      this._bindOffscreen(width, height);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.useProgram(this._prog);
      gl.uniform2f(this._u.u_offset, (this._origin[0] * scale - corner.x) * ratio, (this._origin[1] * scale - corner.y) * ratio);
      gl.uniform1f(this._u.u_scale, scale * ratio);
      gl.uniform2f(this._u.u_size, width, height);
      gl.uniform1f(this._u.u_point, pointSizePx(this._P, map.getZoom()) * ratio);
      // Only the grid cells the canvas shows (with a point's radius around it).
      const margin = pointSizePx(this._P, map.getZoom());
      const world = (x, y) => [(x + corner.x) / scale - this._origin[0], (y + corner.y) / scale - this._origin[1]];
      const [x0, y0] = world(-margin, -margin);
      const [x1, y1] = world(size.x + margin, size.y + margin);
      const ranges = visibleRanges(this._grid, x0, y0, x1, y1);
      this.lastDrawn = ranges.reduce((sum, r) => sum + r[1] - r[0], 0);
      // The first paint goes in one frame (nothing to keep responsive yet), later ones in chunks.
      const most = this._P.chunkPoints || Infinity;
      const chunked = !sync && this.drawCount > 0 && Number.isFinite(most);
      this._chunk = Math.min(this._chunk || most, most);
      this.drawing = true;
      const token = (this._drawToken || 0) + 1;
      this._drawToken = token;
      let at = 0;
      const step = () => {
        if (token !== this._drawToken || !this._gl) return; // a newer draw has started, or the layer is gone
        const start = performance.now();
        this._bindOffscreen(width, height);
        gl.useProgram(this._prog);
        for (const b of this._buffers) b.bind();
        let budget = chunked ? this._chunk : Infinity;
        while (at < ranges.length && budget > 0) {
          const [from, to] = ranges[at];
          const count = Math.min(budget, to - from);
          gl.drawArrays(gl.POINTS, from, count);
          budget -= count;
          if (from + count < to) ranges[at] = [from + count, to];
          else at++;
        }
        if (chunked) {
          // Waits for the chunk to be drawn (GL calls only queue work, and finish() does not wait in every
          // browser; reading a pixel does): its time sizes the next chunk (this draw's and the next one's),
          // and no queue of chunks is left for the frame that shows the image to wait for.
          gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, PIXEL);
          this._chunk = nextChunk(this._chunk, performance.now() - start, { max: most });
        }
        if (at < ranges.length) {
          L.Util.requestAnimFrame(step);
          return;
        }
        this._present(min, size, width, height, drawnAt);
        this.drawing = false;
        if (!this.drawCount) this.firstDrawAt = performance.now(); // ms since the page began to load (bench/)
        this.drawCount++;
        this.fire("drawn");
      };
      step();
    },
    // The point under a container point of the map, or -1.
    pointAt(containerPoint) {
      const map = this._map;
      const scale = 2 ** map.getZoom();
      const world = map.containerPointToLayerPoint(containerPoint).add(map.getPixelOrigin());
      const radius = (pointSizePx(this._P, map.getZoom()) / 2 + 3) / scale;
      return nearestPoint(this._grid, this._xy, world.x / scale - this._origin[0], world.y / scale - this._origin[1], radius);
    },
  });
}

export function summaryElement(P, cols, i) {
  const box = document.createElement("div");
  box.className = "em-point-summary";
  box.dir = P.dir || "auto";
  const lines = summaryLines(P, cols, i);
  const head = document.createElement("b");
  head.textContent = lines[0];
  box.appendChild(head);
  for (const text of [lines.slice(1, 3).join(" · "), lines[3], P.strings.details]) {
    const line = document.createElement("div");
    line.textContent = text;
    box.appendChild(line);
  }
  return box;
}

// What streamlit-folium reads from a clicked layer: the tooltip's content of `sourceTarget`.
export function pickTarget(P, i) {
  const text = pickText(P, i);
  const tooltip = { _content: text, getContent: () => text };
  return { _tooltip: tooltip, getTooltip: () => tooltip };
}

export function addGlPoints(P, group, onNoWebgl) {
  if (!P.data) return drawGlPoints(P, group, onNoWebgl, decodePayload(P));
  const labels = P.data.labels ? fetchLabels(P.data.labels) : Promise.resolve({});
  group.emLoading = Promise.all([fetchColumns(P.data.url, P.data.layout, P.data.n), labels]).then(
    ([all, shared]) => {
      Object.assign(P, shared);
      const entry = filteredColumns(P.data.url, all, P.filter);
      P.pickIndex = entry.indices;
      group.emAll = all;
      const looks = P.data.labels || JSON.stringify([P.colours, P.shapes, P.statusStyles]);
      if (entry.looks !== looks) { // the same filter again (a click's rerun): the same points, ready to upload
        entry.prepared = null;
        entry.looks = looks;
      }
      const prepare = () => {
        entry.prepared = entry.prepared || prepareSubset(P, all, entry.indices);
        return entry.prepared;
      };
      return drawGlPoints(P, group, onNoWebgl, entry.cols, prepare);
    },
    (error) => {
      console.error(error); // the columns could not be fetched: the map shows the note instead of points
      const note = L.control({ position: "topright" });
      note.onAdd = () => {
        const div = L.DomUtil.create("div", "em-note em-no-points");
        div.textContent = P.strings?.noPoints || "!";
        return div;
      };
      whenOnMap(group, (map) => note.addTo(map));
      group.on("remove", () => note.remove());
      return null;
    },
  );
  return null;
}

function drawGlPoints(P, group, onNoWebgl, cols, prepare) {
  group.emCols = cols;
  const probe = document.createElement("canvas");
  if (!webglContext(probe)) {
    onNoWebgl(cols);
    return null;
  }
  const Renderer = pointRendererClass();
  const layer = new Renderer(P, cols, { padding: 0.1, pane: "overlayPane", prepare });
  const popup = L.popup({ maxWidth: 320, className: "em-popup-wrap" });
  const onClick = (e) => {
    const i = layer.pointAt(e.containerPoint);
    if (i < 0) return;
    const at = L.latLng(cols.lat[i], cols.lon[i]);
    popup.setLatLng(at).setContent(summaryElement(P, cols, i)).openOn(layer._map);
    layer.lastPicked = i;
    // The layer of fetched columns joins the group after streamlit-folium has bound its click handler to the
    // layers on the map: the group, which has it, tells the click then (as the clusters without WebGL do).
    (P.data ? group : layer).fire("click", { latlng: at, sourceTarget: pickTarget(P, i), emIndex: i });
  };
  const onHover = (e) => {
    layer._map.getContainer().style.cursor = layer.pointAt(e.containerPoint) >= 0 ? "pointer" : "";
  };
  layer.on("add", () => {
    layer._map.on("click", onClick);
    layer._map.on("mousemove", onHover);
  });
  layer.on("remove", () => {
    popup.remove(); // a summary of the events drawn before must not stay open over the new ones
    layer._map?.off("click", onClick);
    layer._map?.off("mousemove", onHover);
  });
  layer.emCols = cols;
  group.emPoints = layer;
  group.addLayer(layer);
  return layer;
}
