/* The playback page's event layer on the Leaflet map: one marker per event in the project's shapes,
 * shown, faded and hidden as the day moves, and a ring round the selected event. Uses the global `L`.
 *
 *   const events = eventLayer(map, cfg, data, onClick);
 *   events.draw(view) -> how many events are shown   (view: { day, mode, windowDays, rangeFrom })
 *   events.restyle()  (after a change of mode)        events.focus(i, fly)   events.unfocus()
 *   events.ring(indices)  a ring round each of several events (a story step's), flying nowhere
 */

import { parsePath, placePath } from "./shapes.js";
import { dayStarts, fade, markerLook, visibleRange } from "./timeline.js";

// Leaflet's circle marker drawn as one of the project's shapes (on the SVG renderer).
function shapeMarkerClass(shapes) {
  const parsed = {};
  for (const name of Object.keys(shapes)) parsed[name] = parsePath(shapes[name]);
  return L.CircleMarker.extend({
    options: { shape: "circle" },
    _updatePath() {
      const commands = parsed[this.options.shape];
      if (this._renderer instanceof L.SVG && commands) {
        const p = this._point;
        this._renderer._setPath(this, this._empty() ? "M0 0" : placePath(commands, p.x, p.y, this._radius / 8));
      } else {
        L.CircleMarker.prototype._updatePath.call(this);
      }
    },
  });
}

export function eventLayer(map, cfg, data, onClick) {
  const Shape = shapeMarkerClass(cfg.shapes);
  const n = data.d.length;
  const renderer = L.svg({ padding: 0.5 });
  const layer = L.layerGroup().addTo(map);
  const markers = new Array(n);
  const shown = new Array(n);
  const starts = dayStarts(data.d, cfg.lastDay);
  let styleKey = new Array(n);
  let rings = [];

  function markerFor(i) {
    if (!markers[i]) {
      const marker = new Shape([data.lat[i], data.lon[i]], {
        renderer, radius: cfg.markerRadius, shape: data.types[data.t[i]][1], className: "pb-marker",
        bubblingMouseEvents: false,
      });
      marker.on("click", () => onClick(i));
      markers[i] = marker;
    }
    return markers[i];
  }

  function draw(view) {
    const range = visibleRange(cfg, view, starts, view.day);
    const today = [];
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (i >= range[0] && i < range[1] && data.lat[i] !== null) {
        const age = view.day - data.d[i];
        const opacity = fade(cfg, view, age);
        const key = opacity + (age === 0 ? "t" : "o");
        const marker = markerFor(i);
        if (!shown[i]) {
          layer.addLayer(marker);
          shown[i] = true;
        }
        if (styleKey[i] !== key) {
          marker.setStyle(markerLook(cfg, data.statuses[data.c[i]], data.sides[data.s[i]][1], opacity));
          marker.setRadius(age === 0 && view.mode !== "day" ? cfg.markerRadius * 1.25 : cfg.markerRadius);
          styleKey[i] = key;
        }
        if (age === 0) today.push(marker);
        count++;
      } else if (shown[i]) {
        layer.removeLayer(markers[i]);
        shown[i] = false;
      }
    }
    for (const marker of today) marker.bringToFront();
    for (const ring of rings) ring.bringToFront();
    return count;
  }

  function unfocus() {
    for (const ring of rings) map.removeLayer(ring);
    rings = [];
  }

  function addRing(i) {
    rings.push(L.circleMarker([data.lat[i], data.lon[i]], {
      renderer, radius: cfg.markerRadius * 2.1, color: "#111111", weight: 5, fill: false, className: "pb-focus",
      interactive: false,
    }).addTo(map));
  }

  // Rings round the events `indices` that have a place.
  function ring(indices) {
    unfocus();
    for (const i of indices) if (data.lat[i] !== null) addRing(i);
  }

  // A ring round event i (when it has a place), flying there with `fly`.
  function focus(i, fly) {
    unfocus();
    if (data.lat[i] === null) return;
    addRing(i);
    if (fly) {
      map.flyTo(L.latLng(data.lat[i], data.lon[i]), Math.max(map.getZoom(), cfg.storyZoom), { duration: cfg.flyDuration });
    }
  }

  return {
    draw,
    focus,
    ring,
    unfocus,
    restyle: () => {
      styleKey = new Array(n);
    },
  };
}
