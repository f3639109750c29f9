/* Timeline playback and story stepping for the event map (presentation mode and standalone HTML): the
 * page's entry module, which wires the other modules to Leaflet and the page.
 *
 * Reads two JSON blocks written by eventmap/playback/document.py: #pb-config (options, the interface
 * strings of every language) and #pb-data (the events, see eventmap/playback/payload.py). A frame filters
 * the embedded events by day and updates one Leaflet layer, with no round trip to a server. Data never
 * becomes markup: every text goes in as text, links only when they are http(s).
 */

import { paginateCard } from "./cardpages.js";
import { fillCard } from "./cards.js";
import { createClock } from "./clock.js";
import { controlTimeline } from "./control.js";
import { renderBar, renderStaticTexts, renderTitle } from "./controls.js";
import { shapeIcon } from "./icons.js";
import { listenForKeys } from "./keyboard.js";
import { fillLegend } from "./legend.js";
import { eventLayer } from "./layers.js";
import { viewMemory } from "./memory.js";
import { labelsNear } from "./placelabels.js";
import { fillStepCard, stepView } from "./stepcard.js";
import { storyIndices, storyStepIndex } from "./story.js";
import { dayOfIso, isoOfDay, longDateWith, lookup, perLanguage, translatedWith, utcDay } from "./text.js";

function readJson(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : null;
}

function init() {
  const cfg = readJson("pb-config");
  const data = readJson("pb-data");
  const map = cfg && window[cfg.mapVar];
  const root = document.getElementById("pb-root");
  if (!cfg || !data || !map) {
    if (root) root.setAttribute("data-error", "map or data missing");
    return;
  }
  const $ = (id) => document.getElementById(id);
  const fields = {};
  data.fields.forEach((name, i) => {
    fields[name] = i;
  });
  const origin = utcDay(cfg.origin);
  const state = {
    lang: cfg.lang, day: cfg.initialDay, mode: cfg.mode, windowDays: cfg.windowDays, speed: cfg.speed,
    playing: false, storyIndex: -1, selected: -1, rangeFrom: null, stepShown: -1,
  };
  const s = (key, values) => lookup(cfg.strings, state.lang, cfg.fallbackLang, key, values);
  const translated = (prefix, value) => translatedWith(s, prefix, value);
  const longDate = (iso) => longDateWith(s, iso);
  const isoOf = (day) => isoOfDay(origin, day);
  const perLang = (table) => perLanguage(table, state.lang, cfg.fallbackLang);
  const page = { doc: document, $, cfg, state, s, longDate, isoOf, perLang };
  const words = { s, translated, longDate, get lang() { return state.lang; } };
  const icon = (shape, colour, status, size) => shapeIcon(document, cfg, shape, colour, status, size);
  const detail = (i, name) => data.detail[i][fields[name]];

  const events = eventLayer(map, cfg, data, (i) => selectEvent(i, false));
  const control = cfg.control ? controlTimeline(map, cfg.control) : null;
  const memory = viewMemory(() => window.sessionStorage, cfg.remember, cfg);
  const rowIds = data.detail.map((row) => row[fields.id]);
  const story = cfg.story ? storyIndices(cfg.story.ids, rowIds) : [];
  if (cfg.story) cfg.story.ids = story.map((i) => detail(i, "id"));
  // A teacher's story in steps goes step by step (its days, its view, its events ringed, its card); a story
  // of events (the article's) goes event by event.
  const steps = cfg.story?.stepList || null;
  const stepEvents = steps ? steps.map((step) => storyIndices(step.ids, rowIds)) : [];

  const clock = createClock({
    speed: state.speed,
    schedule: (fn) => window.requestAnimationFrame(fn),
    onDays: (days) => goTo(state.day + days),
    shouldStop: () => state.day >= cfg.lastDay,
    onStop: () => {
      state.playing = false;
      renderBar(page);
    },
  });

  function render() {
    const count = events.draw(state);
    // The day's control (and its legend box) first: the place names then find room clear of that box.
    if (control) root.setAttribute("data-control-day", control.show(isoOf(state.day), state.lang) || "");
    placeNames();
    root.setAttribute("data-visible", String(count));
    root.setAttribute("data-day", isoOf(state.day));
    renderTitle(page, count);
    root.style.setProperty("--pb-title-height", `${$("pb-title").offsetHeight}px`);
    renderBar(page);
    fitBar();
  }

  // The names of today's places first; the place of the story's event (its card open) always named.
  const NEAR_DEGREES = 0.02;
  let namedDay = null;
  let namedFocus = null;
  function placeNames() {
    const declutter = map.emDeclutter;
    const focus = state.selected >= 0 && state.storyIndex >= 0 ? `e${state.selected}`
      : state.stepShown >= 0 ? `s${state.stepShown}` : "";
    if (!declutter || (namedDay === state.day && namedFocus === focus)) return;
    namedDay = state.day;
    namedFocus = focus;
    const today = [];
    data.d.forEach((d, i) => {
      if (d === state.day && data.lat[i] !== null) today.push([data.lat[i], data.lon[i]]);
    });
    const focused = state.selected >= 0 && state.storyIndex >= 0 ? [state.selected]
      : state.stepShown >= 0 ? stepEvents[state.stepShown] : [];
    const points = focused.filter((i) => data.lat[i] !== null).map((i) => [data.lat[i], data.lon[i]]);
    const kept = points.length ? labelsNear(declutter.labels, points, NEAR_DEGREES) : new Set();
    declutter({ raised: labelsNear(declutter.labels, today, NEAR_DEGREES), kept });
  }

  function renderLegend() {
    const onToggle = () => map.fire("em:markers");
    fillLegend(document, $("pb-legend"), { data, cfg, mode: state.mode, icon, onToggle }, words);
  }

  function renderTexts() {
    root.setAttribute("lang", state.lang);
    root.setAttribute("dir", cfg.rtl.indexOf(state.lang) >= 0 ? "rtl" : "ltr");
    document.documentElement.setAttribute("lang", state.lang);
    renderStaticTexts(page, setLanguage);
    renderLegend();
    if (map.zoomControl) map.zoomControl.setPosition(root.getAttribute("dir") === "rtl" ? "bottomleft" : "bottomright");
  }

  function setLanguage(lang) {
    if (!cfg.strings[lang]) return;
    state.lang = lang;
    renderTexts();
    render();
    if (state.selected >= 0) showCard(state.selected);
    else if (state.stepShown >= 0) showStepCard(state.stepShown);
  }

  // --- time ---------------------------------------------------------------------------------------------
  // `rangeFrom` (a story step's first day): every event from that day on is shown; any other move ends it.
  function goTo(day, rangeFrom = null) {
    const clamped = Math.min(Math.max(day, cfg.firstDay), cfg.lastDay);
    const from = rangeFrom === null ? null : Math.min(Math.max(rangeFrom, cfg.firstDay), clamped);
    if (clamped !== state.day || from !== state.rangeFrom) {
      state.day = clamped;
      state.rangeFrom = from;
      render();
      remember();
    } else {
      renderBar(page);
    }
  }

  // With cfg.remember, the day, mode and speed outlive a rebuild of the page (a rerun in the app).
  const remember = () => memory.save(state);

  function recall() {
    Object.assign(state, memory.load());
    clock.setSpeed(state.speed);
  }

  function play() {
    if (clock.running) return;
    if (state.day >= cfg.lastDay) goTo(cfg.firstDay);
    state.playing = true;
    clock.start();
    renderBar(page);
  }

  const pause = () => clock.stop();
  const toggle = () => (clock.running ? pause() : play());
  const step = (delta) => {
    pause();
    goTo(state.day + delta);
  };

  // --- the event card and the story -----------------------------------------------------------------------
  function showCard(i) {
    state.stepShown = -1;
    const storyAt = steps ? -1 : story.indexOf(i);
    const stepWords = cfg.story?.steps?.[detail(i, "id")];  // a story in steps: the step's title and text
    const storyLine = storyAt >= 0 && state.storyIndex === storyAt
      ? [perLang(cfg.story.titles), s("story.position", { n: storyAt + 1, total: story.length }),
        stepWords ? perLang(stepWords) : ""].filter(Boolean).join(" · ")
      : null;
    const event = {
      field: (name) => detail(i, name), iso: isoOf(data.d[i]), located: data.lat[i] !== null, storyLine,
      sideIcon: icon("circle", data.sides[data.s[i]][1], "confirmed", 26),
    };
    fillCard(document, $("pb-card-body"), event, words);
    const card = $("pb-card");
    card.setAttribute("data-event-id", detail(i, "id"));
    card.removeAttribute("data-step");
    card.hidden = false;
    cardPages = paginateCard($("pb-card-body"), pager, words);
  }

  // The card of step k of a story in steps, in the page's language.
  function showStepCard(k) {
    const step = steps[k];
    fillStepCard(document, $("pb-card-body"), {
      storyTitle: perLang(cfg.story.titles), position: s("story.step", { n: k + 1, total: steps.length }),
      title: perLang(step.titles), dates: perLang(step.dates), text: perLang(step.texts),
    });
    const card = $("pb-card");
    card.removeAttribute("data-event-id");
    card.setAttribute("data-step", String(k + 1));
    card.hidden = false;
    cardPages = paginateCard($("pb-card-body"), pager, words);
  }

  const pager = { root: $("pb-card-pager"), prev: $("pb-card-prev"), next: $("pb-card-next"), position: $("pb-card-page") };
  let cardPages = null;
  const turnCard = (delta) => {
    if (!$("pb-card").hidden && cardPages) cardPages.turn(delta);
  };

  // The bar wraps to a second row when the window is narrow: the map ends where the bar begins.
  function fitBar() {
    const height = $("pb-bar").offsetHeight;
    if (`${height}px` === document.documentElement.style.getPropertyValue("--pb-bar-height")) return;
    document.documentElement.style.setProperty("--pb-bar-height", `${height}px`);
    map.invalidateSize();
  }

  function closeCard() {
    $("pb-card").hidden = true;
    state.selected = -1;
    state.stepShown = -1;
    events.unfocus();
  }

  // The map's room between the title panel (on the page's start side) and the card (on its end side).
  function freeRoom() {
    const rtl = root.getAttribute("dir") === "rtl";
    const start = $("pb-title").offsetWidth + 40;
    const end = $("pb-card").hidden ? 40 : $("pb-card").offsetWidth + 40;
    return { paddingTopLeft: [rtl ? end : start, 40], paddingBottomRight: [rtl ? start : end, 40] };
  }

  // Step k of a story in steps: its days (the last one shown, every event from the first), its view, its
  // events ringed, its card. The root's data-step-shown says the step once the map has arrived.
  function showStep(k) {
    const step = steps[k];
    state.selected = -1;
    state.stepShown = k;
    root.removeAttribute("data-step-shown");
    goTo(dayOfIso(origin, step.to), dayOfIso(origin, step.from));
    events.ring(stepEvents[k]);
    showStepCard(k);
    placeNames();
    const points = stepEvents[k].filter((i) => data.lat[i] !== null).map((i) => [data.lat[i], data.lon[i]]);
    const view = stepView(step, points);
    const arrived = () => {
      if (state.stepShown === k) root.setAttribute("data-step-shown", String(k + 1));
    };
    map.stop();
    if (!view) {
      arrived();
      return;
    }
    map.once("moveend", arrived);
    const options = { ...freeRoom(), duration: cfg.flyDuration };
    if (view.bbox) map.flyToBounds(view.bbox, options);
    else if (view.center) map.flyTo(view.center, view.zoom, { duration: cfg.flyDuration });
    else if (view.points.length === 1) map.flyTo(view.points[0], Math.max(map.getZoom(), cfg.storyZoom), options);
    else map.flyToBounds(view.points, { ...options, maxZoom: cfg.storyZoom });
  }

  function selectEvent(i, fly) {
    state.selected = i;
    events.focus(i, fly);
    showCard(i);
    placeNames();
  }

  function storyStep(delta) {
    if (steps) {
      pause();
      state.storyIndex = storyStepIndex(state.storyIndex, delta, steps.length);
      showStep(state.storyIndex);
      renderBar(page);
      return;
    }
    if (!story.length) return;
    pause();
    state.storyIndex = storyStepIndex(state.storyIndex, delta, story.length);
    const i = story[state.storyIndex];
    goTo(data.d[i]);
    selectEvent(i, true);
    renderBar(page);
  }

  // --- wiring -------------------------------------------------------------------------------------------
  const on = (id, type, fn) => $(id).addEventListener(type, fn);
  on("pb-play", "click", toggle);
  on("pb-back", "click", () => step(-1));
  on("pb-fwd", "click", () => step(1));
  $("pb-slider").min = String(cfg.firstDay);
  $("pb-slider").max = String(cfg.lastDay);
  on("pb-slider", "input", (event) => {
    pause();
    goTo(+event.target.value);
  });
  on("pb-speed", "change", (event) => {
    state.speed = +event.target.value;
    clock.setSpeed(state.speed);
    remember();
    event.target.blur(); // the keys go back to playback
  });
  on("pb-mode", "change", (event) => {
    state.mode = event.target.value;
    events.restyle();
    renderLegend();
    render();
    remember();
    event.target.blur();
  });
  on("pb-window", "change", (event) => {
    const value = Math.round(+event.target.value);
    if (value >= 1 && value <= cfg.maxWindowDays) state.windowDays = value;
    event.target.value = String(state.windowDays);
    events.restyle();
    render();
    remember();
  });
  on("pb-story-prev", "click", () => storyStep(-1));
  on("pb-story-next", "click", () => storyStep(1));
  on("pb-card-close", "click", closeCard);
  on("pb-card-prev", "click", () => turnCard(-1));
  on("pb-card-next", "click", () => turnCard(1));
  window.addEventListener("resize", () => {
    fitBar();
    if (state.selected >= 0) showCard(state.selected);
    else if (state.stepShown >= 0) showStepCard(state.stepShown);
  });
  on("pb-help", "click", () => {
    $("pb-keys").hidden = !$("pb-keys").hidden;
    $("pb-help").setAttribute("aria-expanded", $("pb-keys").hidden ? "false" : "true");
  });
  listenForKeys(window, {
    toggle,
    back: () => step(-1),
    forward: () => step(1),
    first: () => {
      pause();
      goTo(cfg.firstDay);
    },
    last: () => {
      pause();
      goTo(cfg.lastDay);
    },
    storyNext: () => storyStep(1),
    storyPrev: () => storyStep(-1),
    close: closeCard,
    cardNext: () => turnCard(1),
    cardPrev: () => turnCard(-1),
  });

  if (map.keyboard) map.keyboard.disable();
  recall();
  renderTexts();
  renderBar(page);
  fitBar();
  map.invalidateSize();
  if (cfg.bounds) {
    map.stop(); // end the base map's own animated fit, which would otherwise land after this one
    const rtl = root.getAttribute("dir") === "rtl";
    const side = $("pb-title").offsetWidth + 40;
    map.fitBounds(cfg.bounds, {
      paddingTopLeft: [rtl ? 40 : side, 40], paddingBottomRight: [rtl ? side : 40, 40], maxZoom: cfg.maxFitZoom,
      animate: false,
    });
  }
  render();
  window.eventmapPlayback = {
    state: () => ({
      day: isoOf(state.day), playing: state.playing, mode: state.mode, speed: state.speed, lang: state.lang,
      storyIndex: state.storyIndex, visible: +root.getAttribute("data-visible"),
      rangeFrom: state.rangeFrom === null ? null : isoOf(state.rangeFrom),
    }),
    view: () => {
      const b = map.getBounds();
      const c = map.getCenter();
      return { center: [c.lat, c.lng], zoom: map.getZoom(), bounds: [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()] };
    },
    goTo: (iso) => goTo(dayOfIso(origin, iso)),
    setLanguage,
  };
  root.setAttribute("data-ready", "true");
  if (cfg.autofocus) window.focus();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
