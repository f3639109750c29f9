/* Timeline playback and story stepping for the event map (presentation mode and standalone HTML).
 *
 * Reads two JSON blocks written by eventmap/playback/document.py: #pb-config (options, the interface
 * strings of every language) and #pb-data (the events, see eventmap/playback/payload.py). Everything runs
 * here, in the browser: a frame filters the embedded events by day and updates one Leaflet layer, with no
 * round trip to a server. Data never becomes markup: every text goes in with textContent, links only
 * when they are http(s).
 *
 * Keys: Space plays or pauses; ArrowLeft is one day earlier and ArrowRight one day later in every
 * language. The timeline runs left to right in Arabic too (media controls and timelines are not
 * mirrored in right-to-left layouts), so the arrow keys always point the way the slider moves.
 * Home / End: first / last day. PageDown / PageUp (what presentation clickers send) or N / P: next /
 * previous event of the story. Escape closes the card.
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var SVG_NS = "http://www.w3.org/2000/svg";

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  // --- shapes: the project's marker paths (eventmap.styling.SHAPES, a 24x24 box centred on 12,12) ---------
  function parsePath(d) {
    var commands = [];
    (d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) || []).forEach(function (token) {
      if (/^[a-zA-Z]$/.test(token)) commands.push({ c: token, n: [] });
      else if (commands.length) commands[commands.length - 1].n.push(+token);
    });
    return commands;
  }

  // The path moved to (x, y) and scaled by k (absolute M/L/H/V/A commands move; relative ones only scale).
  function placePath(commands, x, y, k) {
    var out = "";
    commands.forEach(function (command) {
      var c = command.c, n = command.n, parts = [], i;
      var X = function (v) { return (x + (v - 12) * k).toFixed(1); };
      var Y = function (v) { return (y + (v - 12) * k).toFixed(1); };
      var S = function (v) { return (v * k).toFixed(1); };
      switch (c) {
        case "M": case "L": case "T": for (i = 0; i + 1 < n.length; i += 2) parts.push(X(n[i]) + "," + Y(n[i + 1])); break;
        case "m": case "l": case "t": for (i = 0; i + 1 < n.length; i += 2) parts.push(S(n[i]) + "," + S(n[i + 1])); break;
        case "H": parts = n.map(X); break;
        case "V": parts = n.map(Y); break;
        case "h": case "v": parts = n.map(S); break;
        case "A": case "a":
          for (i = 0; i + 6 < n.length; i += 7) {
            parts.push(S(n[i]) + "," + S(n[i + 1]) + " " + n[i + 2] + " " + n[i + 3] + "," + n[i + 4] + " "
              + (c === "A" ? X(n[i + 5]) + "," + Y(n[i + 6]) : S(n[i + 5]) + "," + S(n[i + 6])));
          }
          break;
        default: parts = [];
      }
      out += c + parts.join(" ");
    });
    return out;
  }

  function init() {
    var cfg = readJson("pb-config");
    var data = readJson("pb-data");
    var map = cfg && window[cfg.mapVar];
    if (!cfg || !data || !map) {
      var root = document.getElementById("pb-root");
      if (root) root.setAttribute("data-error", "map or data missing");
      return;
    }
    var parsedShapes = {};
    Object.keys(cfg.shapes).forEach(function (name) { parsedShapes[name] = parsePath(cfg.shapes[name]); });
    var Shape = L.CircleMarker.extend({
      options: { shape: "circle" },
      _updatePath: function () {
        var commands = parsedShapes[this.options.shape];
        if (this._renderer instanceof L.SVG && commands) {
          var p = this._point;
          this._renderer._setPath(this, this._empty() ? "M0 0" : placePath(commands, p.x, p.y, this._radius / 8));
        } else {
          L.CircleMarker.prototype._updatePath.call(this);
        }
      }
    });

    // How a marker of a claim status looks (eventmap.styling.STATUS_STYLES), thickened for a projector:
    // filled shapes get a dark outline (dashed when disputed), hollow ones a thick ring in the side's colour.
    function statusStyle(status) {
      return cfg.statusStyles[status] || cfg.statusStyles.claimed;
    }

    function look(status, colour, fadeValue) {
      var style = statusStyle(status);
      var dash = style.dash ? style.dash.split(/[ ,]+/).map(function (v) { return (+v * 1.6).toFixed(1); }).join(" ") : null;
      return {
        color: style.filled ? "#111111" : colour,
        weight: style.filled ? cfg.markerOutline : Math.max(style.stroke * 1.6, cfg.markerOutline + 1),
        dashArray: dash,
        fillColor: style.filled ? colour : "#ffffff",
        fillOpacity: (style.filled ? style.fillOpacity : 0.8) * fadeValue,
        opacity: style.opacity * Math.max(fadeValue, 0.45)
      };
    }

    function shapeIcon(shape, colour, status, size) {
      var svg = document.createElementNS(SVG_NS, "svg");
      svg.setAttribute("width", size);
      svg.setAttribute("height", size);
      svg.setAttribute("viewBox", "-2 -2 28 28");
      svg.setAttribute("aria-hidden", "true");
      var path = document.createElementNS(SVG_NS, "path");
      var style = look(status, colour, 1);
      path.setAttribute("d", cfg.shapes[shape] || cfg.shapes.circle);
      path.setAttribute("fill", style.fillColor);
      path.setAttribute("fill-opacity", String(style.fillOpacity));
      path.setAttribute("stroke", style.color);
      path.setAttribute("stroke-width", String(style.weight * 8 / cfg.markerRadius));
      path.setAttribute("stroke-linejoin", "round");
      if (style.dashArray) path.setAttribute("stroke-dasharray", style.dashArray.split(" ").map(function (v) {
        return (+v * 8 / cfg.markerRadius).toFixed(1);
      }).join(" "));
      svg.style.opacity = String(style.opacity);
      svg.appendChild(path);
      return svg;
    }

    var $ = function (id) { return document.getElementById(id); };
    var root = $("pb-root");
    var fields = {};
    data.fields.forEach(function (name, i) { fields[name] = i; });
    var n = data.d.length;
    var origin = Date.UTC.apply(null, cfg.origin.split("-").map(function (v, i) { return i === 1 ? +v - 1 : +v; }));
    var state = {
      lang: cfg.lang,
      day: cfg.initialDay,
      mode: cfg.mode,
      windowDays: cfg.windowDays,
      speed: cfg.speed,
      playing: false,
      storyIndex: -1,
      selected: -1,
      lastTick: 0,
      carry: 0
    };
    var renderer = L.svg({ padding: 0.5 });
    var layer = L.layerGroup().addTo(map);
    var markers = new Array(n);
    var shown = new Array(n);
    var styleKey = new Array(n);
    var focusRing = null;
    var dayStarts = [];  // first event index of each day number (events are sorted by day)
    (function () {
      var i = 0;
      for (var day = 0; day <= cfg.lastDay + 1; day++) {
        while (i < n && data.d[i] < day) i++;
        dayStarts.push(i);
      }
    })();

    function s(key, values) {
      var table = cfg.strings[state.lang] || {};
      var text = table[key] !== undefined ? table[key] : (cfg.strings[cfg.fallbackLang] || {})[key];
      if (text === undefined) text = key;
      if (values) {
        text = text.replace(/\{(\w+)\}/g, function (whole, name) {
          return values[name] !== undefined ? String(values[name]) : whole;
        });
      }
      return text;
    }

    function isoOf(day) {
      return new Date(origin + day * DAY_MS).toISOString().slice(0, 10);
    }

    function longDate(iso) {
      var parts = iso.split("-");
      return s("date.long", { day: +parts[2], month: s("month." + +parts[1]), year: parts[0] });
    }

    function detail(i, name) {
      return data.detail[i][fields[name]];
    }

    function perLang(table) {
      if (!table) return "";
      return table[state.lang] || table[cfg.fallbackLang] || "";
    }

    function setText(element, text) {
      element.textContent = text;
      return element;
    }

    function make(tag, className, text) {
      var element = document.createElement(tag);
      if (className) element.className = className;
      if (text !== undefined && text !== null) element.textContent = String(text);
      return element;
    }

    // --- which events a day shows ---------------------------------------------------------------------
    function visibleRange(day) {
      var from = state.mode === "day" ? day : state.mode === "window" ? day - state.windowDays + 1 : cfg.firstDay;
      from = Math.max(from, cfg.firstDay, 0);
      var to = Math.min(day, cfg.lastDay);
      if (to < 0 || from > to) return [0, 0];
      return [dayStarts[Math.max(from, 0)], dayStarts[to + 1]];
    }

    function fade(age) {
      if (state.mode === "day" || age <= 0) return 1;
      var span = state.mode === "window" ? Math.max(state.windowDays, 2) : cfg.fadeDays;
      var value = Math.max(cfg.minOpacity, 1 - age / span);
      return Math.round(value * 20) / 20;
    }

    function markerFor(i) {
      if (!markers[i]) {
        var marker = new Shape([data.lat[i], data.lon[i]], {
          renderer: renderer,
          radius: cfg.markerRadius,
          shape: data.types[data.t[i]][1],
          className: "pb-marker",
          bubblingMouseEvents: false
        });
        marker.on("click", function () { selectEvent(i, false); });
        markers[i] = marker;
      }
      return markers[i];
    }

    function render() {
      var range = visibleRange(state.day);
      var count = 0;
      var today = [];
      for (var i = 0; i < n; i++) {
        var want = i >= range[0] && i < range[1] && data.lat[i] !== null;
        if (want) {
          var age = state.day - data.d[i];
          var opacity = fade(age);
          var key = opacity + (age === 0 ? "t" : "o");
          var marker = markerFor(i);
          if (!shown[i]) { layer.addLayer(marker); shown[i] = true; }
          if (styleKey[i] !== key) {
            marker.setStyle(look(data.statuses[data.c[i]], data.sides[data.s[i]][1], opacity));
            marker.setRadius(age === 0 && state.mode !== "day" ? cfg.markerRadius * 1.25 : cfg.markerRadius);
            styleKey[i] = key;
          }
          if (age === 0) today.push(marker);
          count++;
        } else if (shown[i]) {
          layer.removeLayer(markers[i]);
          shown[i] = false;
        }
      }
      today.forEach(function (marker) { marker.bringToFront(); });
      if (focusRing) focusRing.bringToFront();
      root.setAttribute("data-visible", String(count));
      root.setAttribute("data-day", isoOf(state.day));
      renderTitle(count);
      renderBar();
    }

    // --- title block ----------------------------------------------------------------------------------
    function renderTitle(count) {
      var iso = isoOf(state.day);
      setText($("pb-title-text"), perLang(cfg.titles));
      var dateElement = $("pb-date");
      setText(dateElement, longDate(iso));
      dateElement.setAttribute("data-date", iso);
      setText($("pb-dayof"), s("playback.day_of", { n: state.day - cfg.firstDay + 1, total: cfg.lastDay - cfg.firstDay + 1 }));
      var modeText = state.mode === "window" ? s("playback.mode.window_summary", { days: state.windowDays })
        : s("playback.mode." + state.mode);
      setText($("pb-range"), s("playback.range", { start: longDate(isoOf(cfg.firstDay)), end: longDate(isoOf(cfg.lastDay)) })
        + " · " + modeText);
      setText($("pb-filters"), perLang(cfg.filters));
      var countText = s("playback.events_shown", { count: count });
      if (cfg.withoutPlace > 0) countText += " · " + s("playback.not_on_map", { count: cfg.withoutPlace });
      setText($("pb-count"), countText);
      root.style.setProperty("--pb-title-height", $("pb-title").offsetHeight + "px");
    }

    // --- legend ---------------------------------------------------------------------------------------
    function renderLegend() {
      var legend = $("pb-legend");
      legend.textContent = "";
      legend.appendChild(make("h2", "pb-legend-title", s("legend.title")));
      var columns = make("div", "pb-legend-columns");
      var sides = make("div", "pb-legend-column");
      sides.appendChild(make("h3", null, s("legend.sides")));
      data.sides.forEach(function (side) {
        var row = make("div", "pb-legend-row");
        row.appendChild(shapeIcon("circle", side[1], "confirmed", 32));
        row.appendChild(make("span", null, translated("side.", side[0]) || "?"));
        sides.appendChild(row);
      });
      var right = make("div", "pb-legend-column");
      right.appendChild(make("h3", null, s("legend.types")));
      data.types.forEach(function (type) {
        var row = make("div", "pb-legend-row");
        row.appendChild(shapeIcon(type[1], "#8a8a8a", "confirmed", 32));
        row.appendChild(make("span", null, translated("event_type.", type[0])));
        right.appendChild(row);
      });
      right.appendChild(make("h3", null, s("legend.statuses")));
      data.statuses.forEach(function (status) {
        var row = make("div", "pb-legend-row");
        row.appendChild(shapeIcon("circle", "#8a8a8a", status, 32));
        row.appendChild(make("span", null, translated("status.", status)));
        right.appendChild(row);
      });
      columns.appendChild(sides);
      columns.appendChild(right);
      legend.appendChild(columns);
      if (state.mode !== "day") {
        var ages = make("div", "pb-legend-row pb-legend-ages");
        ages.appendChild(shapeIcon("circle", "#444444", "confirmed", 36));
        ages.appendChild(make("span", null, s("legend.today")));
        var old = shapeIcon("circle", "#444444", "confirmed", 30);
        old.style.opacity = String(cfg.minOpacity + 0.1);
        ages.appendChild(old);
        ages.appendChild(make("span", null, s("legend.older")));
        legend.appendChild(ages);
      }
    }

    // --- control bar ----------------------------------------------------------------------------------
    function label(id, key) {
      var element = $(id);
      if (element) {
        element.setAttribute("aria-label", s(key));
        element.setAttribute("title", s(key));
      }
    }

    function renderBar() {
      var play = $("pb-play");
      play.setAttribute("aria-pressed", state.playing ? "true" : "false");
      play.classList.toggle("pb-playing", state.playing);
      setText($("pb-play-text"), s(state.playing ? "playback.pause" : "playback.play"));
      label("pb-play", state.playing ? "playback.pause" : "playback.play");
      var slider = $("pb-slider");
      slider.value = String(state.day);
      slider.setAttribute("aria-valuetext", longDate(isoOf(state.day)));
      $("pb-window-wrap").hidden = state.mode !== "window";
      var story = cfg.story;
      if (story && story.ids.length) {
        setText($("pb-story-pos"), state.storyIndex < 0 ? s("story.not_started", { total: story.ids.length })
          : s("story.position", { n: state.storyIndex + 1, total: story.ids.length }));
        $("pb-story").setAttribute("title", perLang(story.titles));
      }
    }

    function renderStaticTexts() {
      root.setAttribute("lang", state.lang);
      root.setAttribute("dir", cfg.rtl.indexOf(state.lang) >= 0 ? "rtl" : "ltr");
      document.documentElement.setAttribute("lang", state.lang);
      $("pb-bar").setAttribute("aria-label", s("playback.controls"));
      label("pb-back", "playback.step_back");
      label("pb-fwd", "playback.step_forward");
      label("pb-slider", "playback.timeline");
      setText($("pb-speed-label"), s("playback.speed"));
      setText($("pb-mode-label"), s("playback.mode"));
      setText($("pb-window-label"), s("playback.window_days"));
      var speed = $("pb-speed");
      speed.textContent = "";
      cfg.speeds.forEach(function (value) {
        var option = make("option", null, String(value));
        option.value = String(value);
        speed.appendChild(option);
      });
      speed.value = String(state.speed);
      var mode = $("pb-mode");
      mode.textContent = "";
      ["day", "window", "cumulative"].forEach(function (value) {
        var option = make("option", null, s("playback.mode." + value));
        option.value = value;
        mode.appendChild(option);
      });
      mode.value = state.mode;
      $("pb-window").value = String(state.windowDays);
      var storyBox = $("pb-story");
      storyBox.hidden = !(cfg.story && cfg.story.ids.length);
      label("pb-story-prev", "story.prev");
      label("pb-story-next", "story.next");
      setText($("pb-story-label"), s("story.label"));
      var langs = $("pb-langs");
      langs.textContent = "";
      langs.hidden = !cfg.languageSwitch;
      langs.setAttribute("aria-label", s("playback.language"));
      cfg.languages.forEach(function (entry) {
        var button = make("button", "pb-button pb-lang", entry[1]);
        button.type = "button";
        button.setAttribute("lang", entry[0]);
        button.setAttribute("data-lang", entry[0]);
        button.setAttribute("aria-pressed", entry[0] === state.lang ? "true" : "false");
        button.addEventListener("click", function () { setLanguage(entry[0]); });
        langs.appendChild(button);
      });
      setText($("pb-keys"), s("playback.keys"));
      setText($("pb-help"), s("playback.help"));
      $("pb-help").setAttribute("aria-expanded", $("pb-keys").hidden ? "false" : "true");
      setText($("pb-card-close"), "×");
      label("pb-card-close", "card.close");
      renderLegend();
      placeZoomControl();
    }

    function placeZoomControl() {
      if (map.zoomControl) map.zoomControl.setPosition(root.getAttribute("dir") === "rtl" ? "bottomleft" : "bottomright");
    }

    function setLanguage(lang) {
      if (!cfg.strings[lang]) return;
      state.lang = lang;
      renderStaticTexts();
      render();
      if (state.selected >= 0) showCard(state.selected);
    }

    // --- time -----------------------------------------------------------------------------------------
    function goTo(day) {
      var clamped = Math.min(Math.max(day, cfg.firstDay), cfg.lastDay);
      if (clamped !== state.day) {
        state.day = clamped;
        render();
        remember();
      } else {
        renderBar();
      }
    }

    // With cfg.remember, the day, mode and speed outlive a rebuild of the page (a rerun in the app).
    function remember() {
      if (!cfg.remember) return;
      try {
        window.sessionStorage.setItem(cfg.remember, JSON.stringify({
          day: state.day, mode: state.mode, windowDays: state.windowDays, speed: state.speed
        }));
      } catch (error) { /* storage refused: nothing to keep */ }
    }

    function recall() {
      if (!cfg.remember) return;
      var saved = null;
      try { saved = JSON.parse(window.sessionStorage.getItem(cfg.remember) || "null"); } catch (error) { saved = null; }
      if (!saved || typeof saved !== "object") return;
      if (saved.day >= cfg.firstDay && saved.day <= cfg.lastDay && saved.day === Math.round(saved.day)) state.day = saved.day;
      if (["day", "window", "cumulative"].indexOf(saved.mode) >= 0) state.mode = saved.mode;
      if (saved.windowDays >= 1 && saved.windowDays <= cfg.maxWindowDays) state.windowDays = Math.round(saved.windowDays);
      if (cfg.speeds.indexOf(saved.speed) >= 0) state.speed = saved.speed;
    }

    function step(delta) {
      pause();
      goTo(state.day + delta);
    }

    function tick(now) {
      if (!state.playing) return;
      if (state.lastTick) state.carry += (now - state.lastTick) * state.speed / 1000;
      state.lastTick = now;
      if (state.carry >= 1) {
        var days = Math.floor(state.carry);
        state.carry -= days;
        goTo(state.day + days);
        if (state.day >= cfg.lastDay) { pause(); return; }
      }
      window.requestAnimationFrame(tick);
    }

    function play() {
      if (state.playing) return;
      if (state.day >= cfg.lastDay) goTo(cfg.firstDay);
      state.playing = true;
      state.lastTick = 0;
      state.carry = 0;
      renderBar();
      window.requestAnimationFrame(tick);
    }

    function pause() {
      if (!state.playing) return;
      state.playing = false;
      renderBar();
    }

    function toggle() {
      if (state.playing) pause(); else play();
    }

    // --- the event card and the story -----------------------------------------------------------------
    function addRow(list, key, value, extra) {
      if (value === null || value === undefined || value === "") return;
      var term = make("dt", null, s(key));
      var definition = make("dd");
      if (extra) definition.appendChild(extra);
      definition.appendChild(document.createTextNode(String(value)));
      list.appendChild(term);
      list.appendChild(definition);
    }

    function translated(prefix, value) {
      var text = s(prefix + value);
      return text === prefix + value ? value : text;
    }

    function sourceItem(source) {
      var item = make("li");
      var href = source[1];
      if (href && /^https?:\/\//i.test(href)) {
        var link = make("a");
        link.href = href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        var shown;
        try { shown = decodeURI(href); } catch (error) { shown = href; }
        link.textContent = shown.replace(/^https?:\/\/(www\.)?/i, "");
        link.title = shown;
        link.setAttribute("dir", "ltr");
        item.appendChild(link);
      } else {
        item.textContent = source[0];
      }
      return item;
    }

    function showCard(i) {
      var card = $("pb-card");
      var body = $("pb-card-body");
      body.textContent = "";
      var place = detail(i, "place");
      var storyAt = cfg.story ? storyIndices.indexOf(i) : -1;
      if (storyAt >= 0 && state.storyIndex === storyAt) {
        body.appendChild(make("p", "pb-card-story", perLang(cfg.story.titles) + " · "
          + s("story.position", { n: storyAt + 1, total: storyIndices.length })));
      }
      body.appendChild(make("h2", "pb-card-place", place || "—"));
      var when = make("p", "pb-card-date", longDate(isoOf(data.d[i])));
      if (detail(i, "report_date")) {
        when.appendChild(make("span", "pb-card-reported", " · " + s("card.reported", { date: longDate(detail(i, "report_date")) })));
      }
      body.appendChild(when);
      if (data.lat[i] === null) body.appendChild(make("p", "pb-card-warning", s("card.no_location")));
      // In the order a class needs it: who acted and how sure it is, what happened (with the source's own
      // words), where it comes from; then the other details.
      var facts = make("dl", "pb-card-facts");
      addRow(facts, "card.side", translated("side.", detail(i, "side")), shapeIcon("circle", data.sides[data.s[i]][1], "confirmed", 26));
      var status = make("span", "pb-status pb-status-" + detail(i, "status"), translated("status.", detail(i, "status")));
      addRow(facts, "card.status", " ", status);
      addRow(facts, "card.claimed_by", detail(i, "claimed_by"));
      addRow(facts, "card.disputed_by", detail(i, "disputed_by") || s("card.nobody"));
      body.appendChild(facts);
      var original = detail(i, "description_original");
      var originalLang = detail(i, "language");
      var description = make("p", "pb-card-description", detail(i, "description"));
      description.setAttribute("lang", "en");
      description.setAttribute("dir", "auto");
      var originalBlock = null;
      if (original) {
        originalBlock = make("div", "pb-card-original");
        var languageName = originalLang ? translated("lang.", originalLang) : "";
        originalBlock.appendChild(make("h3", null, s("card.original", { language: languageName })));
        var text = make("blockquote", null, original);
        if (originalLang) text.setAttribute("lang", originalLang);
        text.setAttribute("dir", "auto");
        originalBlock.appendChild(text);
      }
      var what = make("h3", null, s("card.description"));
      if (originalBlock && originalLang === state.lang) {
        body.appendChild(originalBlock);
        body.appendChild(what);
        body.appendChild(description);
      } else {
        body.appendChild(what);
        body.appendChild(description);
        if (originalBlock) body.appendChild(originalBlock);
      }
      var sources = detail(i, "sources");
      if (sources && sources.length) {
        body.appendChild(make("h3", null, s("card.sources")));
        var list = make("ul", "pb-card-sources");
        sources.forEach(function (source) { list.appendChild(sourceItem(source)); });
        body.appendChild(list);
      }
      var more = make("dl", "pb-card-facts");
      var type = translated("event_type.", detail(i, "event_type"));
      addRow(more, "card.type", detail(i, "sub_event_type") ? type + " · " + detail(i, "sub_event_type") : type);
      addRow(more, "card.actor", detail(i, "actor"));
      addRow(more, "card.target", detail(i, "target"));
      addRow(more, "card.verification", translated("verification.", detail(i, "verification")));
      addRow(more, "card.fatalities", detail(i, "fatalities"));
      addRow(more, "card.injured", detail(i, "injured"));
      body.appendChild(more);
      if (detail(i, "notes")) {
        body.appendChild(make("h3", null, s("card.notes")));
        body.appendChild(make("p", "pb-card-notes", detail(i, "notes")));
      }
      card.setAttribute("data-event-id", detail(i, "id"));
      card.hidden = false;
    }

    function closeCard() {
      $("pb-card").hidden = true;
      state.selected = -1;
      if (focusRing) { map.removeLayer(focusRing); focusRing = null; }
    }

    function selectEvent(i, fly) {
      state.selected = i;
      if (focusRing) { map.removeLayer(focusRing); focusRing = null; }
      if (data.lat[i] !== null) {
        focusRing = L.circleMarker([data.lat[i], data.lon[i]], {
          renderer: renderer, radius: cfg.markerRadius * 2.1, color: "#111111", weight: 5, fill: false,
          className: "pb-focus", interactive: false
        }).addTo(map);
        if (fly) {
          var target = L.latLng(data.lat[i], data.lon[i]);
          map.flyTo(target, Math.max(map.getZoom(), cfg.storyZoom), { duration: cfg.flyDuration });
        }
      }
      showCard(i);
    }

    var storyIndices = [];
    if (cfg.story) {
      var byId = {};
      data.detail.forEach(function (row, i) { byId[row[fields.id]] = i; });
      storyIndices = cfg.story.ids.filter(function (id) { return byId[id] !== undefined; })
        .map(function (id) { return byId[id]; });
      cfg.story.ids = cfg.story.ids.filter(function (id) { return byId[id] !== undefined; });
    }

    function storyStep(delta) {
      if (!storyIndices.length) return;
      pause();
      var next = state.storyIndex < 0 ? (delta > 0 ? 0 : storyIndices.length - 1) : state.storyIndex + delta;
      next = Math.min(Math.max(next, 0), storyIndices.length - 1);
      state.storyIndex = next;
      var i = storyIndices[next];
      goTo(data.d[i]);
      selectEvent(i, true);
      renderBar();
    }

    // --- wiring ---------------------------------------------------------------------------------------
    $("pb-play").addEventListener("click", toggle);
    $("pb-back").addEventListener("click", function () { step(-1); });
    $("pb-fwd").addEventListener("click", function () { step(1); });
    $("pb-slider").min = String(cfg.firstDay);
    $("pb-slider").max = String(cfg.lastDay);
    $("pb-slider").addEventListener("input", function (event) { pause(); goTo(+event.target.value); });
    $("pb-speed").addEventListener("change", function (event) {
      state.speed = +event.target.value;
      remember();
      event.target.blur();  // the keys go back to playback
    });
    $("pb-mode").addEventListener("change", function (event) {
      state.mode = event.target.value;
      styleKey = new Array(n);
      renderLegend();
      render();
      remember();
      event.target.blur();
    });
    $("pb-window").addEventListener("change", function (event) {
      var value = Math.round(+event.target.value);
      if (value >= 1 && value <= cfg.maxWindowDays) state.windowDays = value;
      event.target.value = String(state.windowDays);
      styleKey = new Array(n);
      render();
      remember();
    });
    $("pb-story-prev").addEventListener("click", function () { storyStep(-1); });
    $("pb-story-next").addEventListener("click", function () { storyStep(1); });
    $("pb-card-close").addEventListener("click", closeCard);
    $("pb-help").addEventListener("click", function () {
      $("pb-keys").hidden = !$("pb-keys").hidden;
      $("pb-help").setAttribute("aria-expanded", $("pb-keys").hidden ? "false" : "true");
    });

    function typing(target) {
      if (!target || !target.tagName) return false;
      var tag = target.tagName.toLowerCase();
      return tag === "select" || tag === "textarea" || (tag === "input" && target.type !== "range");
    }

    window.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      var handled = true;
      switch (event.key) {
        case " ": case "Spacebar": toggle(); break;
        case "ArrowLeft": step(-1); break;
        case "ArrowRight": step(1); break;
        case "Home": pause(); goTo(cfg.firstDay); break;
        case "End": pause(); goTo(cfg.lastDay); break;
        case "PageDown": case "n": case "N": storyStep(1); break;
        case "PageUp": case "p": case "P": storyStep(-1); break;
        case "Escape": closeCard(); break;
        default: handled = false;
      }
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    }, true);

    if (map.keyboard) map.keyboard.disable();
    recall();
    renderStaticTexts();
    map.invalidateSize();
    if (cfg.bounds) {
      map.stop();  // end the base map's own animated fit, which would otherwise land after this one
      var rtl = root.getAttribute("dir") === "rtl";
      var side = cfg.panelWidth + 40;
      map.fitBounds(cfg.bounds, {
        paddingTopLeft: [rtl ? 40 : side, 40],
        paddingBottomRight: [rtl ? side : 40, 40],
        maxZoom: cfg.maxFitZoom,
        animate: false
      });
    }
    render();
    window.eventmapPlayback = {
      state: function () {
        return { day: isoOf(state.day), playing: state.playing, mode: state.mode, speed: state.speed,
                 lang: state.lang, storyIndex: state.storyIndex, visible: +root.getAttribute("data-visible") };
      },
      goTo: function (iso) { goTo(Math.round((Date.parse(iso) - origin) / DAY_MS)); },
      setLanguage: setLanguage
    };
    root.setAttribute("data-ready", "true");
    if (cfg.autofocus) window.focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
