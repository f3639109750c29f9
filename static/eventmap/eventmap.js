/* eventmap.js: draws a conflict-event map with Leaflet and Leaflet.markercluster.
 *
 * Written for this project (MIT, like the project). The Python side (eventmap.mapping) builds the
 * data; every text in it is already HTML-escaped there, and every link is already checked to be
 * http(s), so this file only puts escaped pieces together: nothing from the data is interpreted.
 *
 *   EventMap.setupBase(map, options)    panes, offline basemap, optional tiles, labels, legend, area layers
 *   EventMap.addEvents(group, payload)  the events of one filter state into a L.featureGroup; with
 *                                       `payload.scene` also the scene's fit, labels, legend, empty note
 *
 * Area names (districts) are the only texts not escaped in Python: they go into the page as textContent.
 */
(function () {
  "use strict";
  var EM = (window.EventMap = window.EventMap || {});

  // Basemap under the tiles (200); precision circles under other overlays (400); place names above
  // those but under the markers (600), so a label never hides a marker or a cluster's count.
  var PANES = { "em-basemap": 150, "em-areas": 300, "em-precision": 350, "em-labels": 550 };

  function ensurePanes(map) {
    Object.keys(PANES).forEach(function (name) {
      if (!map.getPane(name)) {
        var pane = map.createPane(name);
        pane.style.zIndex = PANES[name];
        if (name !== "em-basemap" && name !== "em-areas") pane.style.pointerEvents = "none";
      }
    });
  }

  function whenOnMap(layer, fn) {
    if (layer._map) fn(layer._map);
    layer.on("add", function () { fn(layer._map); });
  }

  // ---------------------------------------------------------------- base map

  function basemapStyle(colours) {
    return function (feature) {
      var kind = feature.properties.kind;
      if (kind === "land") {
        var outlined = !!feature.properties.outlined;
        return { stroke: outlined, color: colours.coast, weight: 0.8, fill: true, fillColor: colours.land,
                 fillOpacity: 1, interactive: false };
      }
      if (kind === "border") {
        return { color: colours.border, weight: 1.3, dashArray: "5,3", fill: false, interactive: false };
      }
      return { color: colours.coast, weight: 0.9, fill: false, interactive: false };
    };
  }

  function countryLabel(feature, latlng) {
    return L.marker(latlng, {
      pane: "em-basemap", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "em-country-label", iconSize: [0, 0],
                        html: "<span>" + feature.properties.label + "</span>" })
    });
  }

  function addLabels(map, labels, target) {
    var items = labels.map(function (l) {
      var marker = L.marker([l[0], l[1]], {
        pane: "em-labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "em-place", iconSize: [0, 0],
                          html: '<span class="em-place-name" dir="auto">' + l[2] + "</span>" })
      }).addTo(target || map);
      return { marker: marker, priority: l[3], box: null };
    });
    items.sort(function (a, b) { return b.priority - a.priority; });
    function declutter() {
      var placed = [];
      items.forEach(function (item) {
        var el = item.marker.getElement();
        if (!el) return;
        var name = el.querySelector(".em-place-name");
        name.style.visibility = "visible";
        var p = map.latLngToLayerPoint(item.marker.getLatLng());
        var w = name.offsetWidth, h = name.offsetHeight;
        var box = [p.x + 23, p.y - h / 2, p.x + 25 + w, p.y + h / 2];  // clear of a cluster icon (radius ≤ 23 px)
        var clash = placed.some(function (b) {
          return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3];
        });
        if (clash) name.style.visibility = "hidden"; else placed.push(box);
      });
    }
    map.on("zoomend", declutter);
    setTimeout(declutter, 0);
    return declutter;
  }

  // The scene's area layers (districts ...): drawn under the events, each one switchable in the layer control.
  function addAreas(map, areas) {
    var overlays = {};
    areas.forEach(function (a) {
      var layer = L.geoJSON(a.geojson, {
        pane: "em-areas",
        style: function () {
          return { color: a.stroke, weight: a.weight, dashArray: a.dash || null, fillColor: a.fill,
                   fillOpacity: a.fillOpacity, opacity: 0.9 };
        },
        onEachFeature: function (feature, shape) {
          var name = document.createElement("span");
          name.className = "em-area-name";
          name.setAttribute("dir", "auto");
          name.textContent = feature.properties.name || "";
          shape.bindTooltip(name, { sticky: true, direction: "top", opacity: 0.9 });
        }
      });
      layer.emKey = a.key;
      if (a.shown) layer.addTo(map);
      if (map.attributionControl && a.attributionHtml) map.attributionControl.addAttribution(a.attributionHtml);
      overlays[a.titleHtml] = layer;
      EM.areas[a.key] = layer;
    });
    return overlays;
  }

  EM.areas = {};  // the area layers by key (for tests and debugging)

  var REGION_DETAIL_MIN_ZOOM = 6;

  EM.setupBase = function (map, o) {
    ensurePanes(map);
    var container = map.getContainer();
    container.classList.add("em-map");
    container.style.setProperty("--em-text-size", o.textSizePx + "px");
    container.style.setProperty("--em-label-size", o.labelSizePx + "px");
    container.style.background = o.colours.sea;
    var renderer = L.svg({ pane: "em-basemap" });
    (o.basemaps || []).forEach(function (gj) {
      var layer = L.geoJSON(gj, {
        pane: "em-basemap", renderer: renderer, style: basemapStyle(o.colours), interactive: false,
        pointToLayer: countryLabel
      });
      if (!gj.bbox) { layer.addTo(map); return; }
      // A detailed region: drawn over the coarse world map (a sea-coloured box hides the coarse
      // coastline under it) only when zoomed in far enough for the detail to matter; zoomed out,
      // the box would also hide the land of countries that the region file clips away.
      var seaBox = L.rectangle([[gj.bbox[1], gj.bbox[0]], [gj.bbox[3], gj.bbox[2]]], {
        pane: "em-basemap", renderer: renderer, stroke: false, fillColor: o.colours.sea, fillOpacity: 1,
        interactive: false
      });
      var toggle = function () {
        var wanted = map.getZoom() >= REGION_DETAIL_MIN_ZOOM;
        if (wanted === map.hasLayer(layer)) return;
        if (wanted) {  // in this order: the box under the detail (an SVG path drawn later is on top)
          seaBox.addTo(map);
          layer.addTo(map);
        } else {
          layer.remove();
          seaBox.remove();
        }
      };
      map.on("zoomend", toggle);
      map.whenReady(toggle);
    });
    var overlays = o.areas && o.areas.length ? addAreas(map, o.areas) : null;
    var choices = null;
    if (o.tiles) {
      var tiles = L.tileLayer(o.tiles.url, { attribution: o.tiles.attribution, maxZoom: o.tiles.maxZoom });
      tiles.addTo(map);
      choices = {};
      choices[o.strings.tiles] = tiles;
      choices[o.strings.offline] = L.layerGroup();
    }
    if (choices || overlays) {
      L.control.layers(choices, overlays, { collapsed: false, position: o.layersPosition || "topright" }).addTo(map);
    }
    if (o.labels && o.labels.length) addLabels(map, o.labels);
    if (o.legendHtml) legendControl(map, o.legendHtml, o.legendPosition).addTo(map);
  };

  function legendControl(map, legendHtml, position) {
      var legend = L.control({ position: position || "bottomright" });
      legend.onAdd = function () {
        var div = L.DomUtil.create("div", "em-legend-box");
        div.innerHTML = legendHtml;  // rendered and escaped by eventmap.mapping.legend / scene_parts
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        // Controls sit above popups: fold the legend while an event's details are open, then restore it.
        var details = div.querySelector("details");
        var wasOpen = null;
        map.on("popupopen", function () {
          if (details && wasOpen === null) { wasOpen = details.open; details.open = false; }
        });
        map.on("popupclose", function () {
          if (details && wasOpen !== null) { details.open = wasOpen; wasOpen = null; }
        });
        return div;
      };
      return legend;
  }

  // ---------------------------------------------------------------- events

  function markerSvg(P, side, type, status, size) {
    var st = P.statusStyles[status];
    var colour = P.colours[side];
    var fill, fillOpacity, stroke;
    if (st.filled) {
      fill = colour; fillOpacity = st.fill_opacity; stroke = st.dash ? colour : "#222222";
    } else {
      fill = "#FFFFFF"; fillOpacity = 0.75; stroke = colour;
    }
    return '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size +
      '" viewBox="0 0 24 24" style="opacity:' + st.opacity + '"><path d="' + P.shapes[type] + '" fill="' + fill +
      '" fill-opacity="' + fillOpacity + '" stroke="' + stroke + '" stroke-width="' + st.stroke_width + '"' +
      (st.dash ? ' stroke-dasharray="' + st.dash + '"' : "") + ' stroke-linejoin="round"/></svg>';
  }

  function unpack(P, code) {
    var prec = code % P.nPrec; code = (code - prec) / P.nPrec;
    var status = code % P.nStatus; code = (code - status) / P.nStatus;
    var type = code % P.nType;
    var side = (code - type) / P.nType;
    return { side: side, type: type, status: status, prec: prec };
  }

  function isoDay(P, offset) {
    if (offset < 0) return "?";
    return new Date(P.day0 + offset * 86400000).toISOString().slice(0, 10);
  }

  function row(label, value) {
    return value === "" || value === undefined || value === null ? "" :
      "<tr><th>" + label + "</th><td>" + value + "</td></tr>";
  }

  function popupHtml(P, i) {
    var c = P.cols, u = unpack(P, c.k[i]), place = P.places[c.p[i]], L_ = P.labels;
    var d = i < P.details.length ? P.details[i] : null;
    var F = P.fieldIndex;
    function f(name) { return d ? d[F[name]] : ""; }
    var swatch = '<span class="em-swatch" style="background:' + P.colours[u.side] + '"></span>';
    var type = P.types[u.type] + (f("sub_event_type") ? " — " + f("sub_event_type") : "");
    var html = '<div class="em-popup" dir="' + P.dir + '"><div class="em-popup-head">' +
      markerSvg(P, u.side, u.type, u.status, 18) + "<span>" + type + "</span></div><table>";
    html += row(L_.date, isoDay(P, c.d[i]) + (f("date_note") ? " " + f("date_note") : ""));
    html += row(L_.place, place[2] + (f("location") ? ' <span class="em-muted">(' + f("location") + ")</span>" : "") +
                (u.prec > 0 ? ' <span class="em-muted">' + P.precisions[u.prec] + "</span>" : ""));
    html += row(L_.side, swatch + P.sides[u.side]);
    html += row(L_.actor, f("actor"));
    html += row(L_.target, f("target"));
    html += row(L_.status, P.statuses[u.status]);
    html += row(L_.verification, f("verification"));
    html += row(L_.claimed_by, f("claimed_by"));
    html += row(L_.disputed_by, f("disputed_by"));
    html += row(L_.fatalities, f("fatalities"));
    html += row(L_.injured, f("injured"));
    html += row(L_.report_date, f("report_date"));
    html += "</table>";
    if (d) {
      if (f("description")) html += '<p class="em-desc" dir="auto">' + f("description") + "</p>";
      if (f("description_original")) {
        var lang = f("language");
        html += '<p class="em-original" dir="auto"' + (lang ? ' lang="' + lang + '"' : "") + "><b>" +
          L_.original + ":</b> " + f("description_original") + "</p>";
      }
      var sources = d[F.sources];
      if (sources.length) {
        html += '<div class="em-sources"><b>' + L_.sources + ":</b><ul>" + sources.map(function (s) {
          return "<li>" + (s[0] ? '<a href="' + s[0] + '" target="_blank" rel="noopener noreferrer">' + s[1] + "</a>"
                                 : '<span dir="auto">' + s[1] + "</span>") + "</li>";
        }).join("") + "</ul></div>";
      } else {
        html += '<p class="em-no-source"><b>' + L_.sources + ":</b> " + P.strings.noSource + "</p>";
      }
      if (f("notes")) html += '<p class="em-notes" dir="auto"><b>' + L_.notes + ":</b> " + f("notes") + "</p>";
      html += '<div class="em-muted em-id">' + f("event_id") + "</div>";
    } else {
      html += '<p class="em-muted">' + P.strings.noDetails + "</p>";
    }
    return html + "</div>";
  }

  function clusterIcon(P) {
    return function (cluster) {
      var markers = cluster.getAllChildMarkers();
      var counts = {}, n = markers.length;
      markers.forEach(function (m) { var s = m.options.icon.emSide; counts[s] = (counts[s] || 0) + 1; });
      var sides = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; });
      var stops = [], at = 0;
      sides.forEach(function (s) {
        var next = at + (100 * counts[s]) / n;
        stops.push(P.colours[s] + " " + at.toFixed(2) + "% " + next.toFixed(2) + "%");
        at = next;
      });
      var size = Math.round(30 + 8 * Math.log10(n));
      return L.divIcon({
        className: "marker-cluster em-cluster", iconSize: [size, size],
        html: '<div style="background:conic-gradient(' + stops.join(",") + ')"><span>' + n + "</span></div>"
      });
    };
  }

  function addNote(group, html) {
    if (!html) return;
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "em-note");
      div.innerHTML = html;  // escaped by eventmap.mapping.layers
      return div;
    };
    group.on("add", function () { control.addTo(group._map); });
    group.on("remove", function () { control.remove(); });
    if (group._map) control.addTo(group._map);
  }

  function addPrecisionCircles(P, group) {
    var c = P.cols, seen = {}, circles = [];
    for (var i = 0; i < c.k.length && circles.length <= P.maxCircles; i++) {
      var u = unpack(P, c.k[i]);
      var radius = P.radii[u.prec];
      if (!radius) continue;
      var key = c.p[i] + "|" + u.prec + "|" + u.side;
      if (seen[key]) continue;
      seen[key] = true;
      circles.push([P.places[c.p[i]], radius, P.colours[u.side]]);
    }
    if (circles.length > P.maxCircles) return false;
    whenOnMap(group, function (map) {
      ensurePanes(map);
      var renderer = L.canvas({ pane: "em-precision" });
      if (group._emCircles) return;
      group._emCircles = true;
      circles.forEach(function (ci) {
        L.circle([ci[0][0], ci[0][1]], {
          radius: ci[1], renderer: renderer, pane: "em-precision", interactive: false, color: ci[2], weight: 1,
          opacity: 0.55, fillColor: ci[2], fillOpacity: 0.13, className: "em-precision"
        }).addTo(group);
      });
    });
    return true;
  }

  function addPoints(P, group) {
    var c = P.cols, n = c.k.length, icons = {}, markers = new Array(n);
    var size = P.markerSizePx;
    for (var i = 0; i < n; i++) {
      var code = c.k[i];
      var icon = icons[code];
      if (!icon) {
        var u = unpack(P, code);
        icon = icons[code] = L.divIcon({
          className: "em-marker", iconSize: [size, size], iconAnchor: [size / 2, size / 2],
          html: markerSvg(P, u.side, u.type, u.status, size)
        });
        icon.emSide = u.side;
      }
      var place = P.places[c.p[i]];
      markers[i] = L.marker([place[0], place[1]], { icon: icon, emIndex: i });
    }
    var cluster = L.markerClusterGroup({
      chunkedLoading: true, maxClusterRadius: 42, spiderfyOnMaxZoom: true, showCoverageOnHover: false,
      iconCreateFunction: clusterIcon(P), spiderLegPolylineOptions: { weight: 1.5, color: "#333", opacity: 0.6 }
    });
    // One popup for the whole layer, filled when a marker is clicked (no popup object per marker).
    var popup = L.popup({ maxWidth: 380, minWidth: 240, maxHeight: 360, className: "em-popup-wrap",
                          offset: [0, -size / 2 + 7], autoPanPaddingTopLeft: [50, 20], autoPanPadding: [20, 20] });
    cluster.on("click", function (e) {
      var marker = e.layer;
      if (marker.options.emIndex === undefined) return;
      popup.setLatLng(marker.getLatLng()).setContent(popupHtml(P, marker.options.emIndex));
      popup.openOn(group._map);
    });
    group.addLayer(cluster);
    // Add the markers only once the cluster group is on the map: markercluster's off-map path checks
    // every new marker against all pending ones (quadratic: 11 s at 100,000 events instead of 0.3 s).
    whenOnMap(group, function () {
      if (group._emLoaded) return;
      group._emLoaded = true;
      cluster.addLayers(markers);
    });
    group.emCluster = cluster;
  }

  function addCells(P, group) {
    var g = P.grid, n = g.n.length;
    whenOnMap(group, function (map) {
      if (group._emCells) return;
      group._emCells = true;
      var renderer = L.canvas({ padding: 0.3 });
      for (var i = 0; i < n; i++) {
        var colour = P.colours[g.side[i]];
        var marker = L.circleMarker([g.lat[i], g.lon[i]], {
          renderer: renderer, radius: Math.min(30, 4 + 2.2 * Math.log2(g.n[i])), color: "#222", weight: 1,
          fillColor: colour, fillOpacity: 0.7, emIndex: i
        });
        marker.bindPopup(function (layer) {
          var j = layer.options.emIndex;
          var parts = g.top[j].map(function (t) {
            return '<li><span class="em-swatch" style="background:' + P.colours[t[0]] + '"></span>' +
              P.sides[t[0]] + ": " + t[1] + "</li>";
          }).join("");
          return '<div class="em-popup" dir="' + P.dir + '"><b>' + P.strings.cellEvents.replace("{n}", g.n[j]) +
            "</b><ul class=\"em-plain\">" + parts + '</ul><p class="em-muted">' + P.strings.cellHelp + "</p></div>";
        });
        marker.addTo(group);
      }
    });
  }

  // The scene's parts that change with the filters come with the events layer and leave with it.
  function addSceneParts(group, S) {
    var legend = null, labels = null, removeDeclutter = null;
    whenOnMap(group, function (map) {
      ensurePanes(map);
      if (S.fit) {
        var first = map._emFitKey === undefined;
        if (map._emFitKey !== S.fitKey && (!first || S.fitFirst)) {
          map.fitBounds(S.fit, { paddingTopLeft: S.fitPaddingTopLeft, paddingBottomRight: S.fitPaddingBottomRight,
                                 maxZoom: 11, animate: false });
        }
        map._emFitKey = S.fitKey;
      } else {
        map._emFitKey = S.fitKey;
      }
      if (legend) legend.remove();
      legend = S.legendHtml ? legendControl(map, S.legendHtml, S.legendPosition).addTo(map) : null;
      if (!labels && S.labels && S.labels.length) {
        labels = L.layerGroup().addTo(group);
        removeDeclutter = addLabels(map, S.labels, labels);
      }
    });
    group.on("remove", function () {
      if (legend) { legend.remove(); legend = null; }
      if (removeDeclutter && group._map) group._map.off("zoomend", removeDeclutter);
    });
    if (S.empty) addNote(group, S.empty);
  }

  EM.layers = [];  // the event layers on the map (for tests and debugging)

  EM.addEvents = function (group, P) {
    EM.layers.push(group);
    group.on("remove", function () { EM.layers = EM.layers.filter(function (g) { return g !== group; }); });
    group.on("add", function () { if (EM.layers.indexOf(group) < 0) EM.layers.push(group); });
    group.emPayload = P;
    P.fieldIndex = {};
    P.fields.forEach(function (name, j) { P.fieldIndex[name] = j; });
    P.day0 = Date.parse(P.day0 + "T00:00:00Z");
    if (P.mode === "grid") {
      addCells(P, group);
    } else {
      addPoints(P, group);
      if (!addPrecisionCircles(P, group) && P.strings.tooManyCircles) {
        P.note = (P.note ? P.note + "<br>" : "") + P.strings.tooManyCircles;
      }
    }
    addNote(group, P.note);
    if (P.scene) addSceneParts(group, P.scene);
    return group;
  };
})();
