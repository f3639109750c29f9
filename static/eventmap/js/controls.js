/* The playback page's control bar and title block: texts from the catalogue, written as text.
 *
 * `page` is { doc, $ (id -> element), cfg, state, s(key, values), longDate(iso), isoOf(day), perLang(table) }
 * with state { lang, day, mode, windowDays, speed, playing, storyIndex, rangeFrom }.
 */

import { make, setText } from "./dom.js";
import { MODES } from "./timeline.js";

function label(page, id, key) {
  const element = page.$(id);
  if (element) {
    element.setAttribute("aria-label", page.s(key));
    element.setAttribute("title", page.s(key));
  }
}

export function renderTitle(page, count) {
  const { $, cfg, state, s, longDate, isoOf } = page;
  const iso = isoOf(state.day);
  setText($("pb-title-text"), page.perLang(cfg.titles));
  setText($("pb-date"), longDate(iso)).setAttribute("data-date", iso);
  const total = cfg.lastDay - cfg.firstDay + 1;
  setText($("pb-dayof"), s("playback.day_of", { n: state.day - cfg.firstDay + 1, total }));
  // A story step shows every event from its first day, whatever the mode.
  const modeText = Number.isInteger(state.rangeFrom)
    ? s("playback.mode.step_summary", { date: longDate(isoOf(state.rangeFrom)) })
    : state.mode === "window"
      ? s("playback.mode.window_summary", { days: state.windowDays })
      : s(`playback.mode.${state.mode}`);
  const range = s("playback.range", { start: longDate(isoOf(cfg.firstDay)), end: longDate(isoOf(cfg.lastDay)) });
  setText($("pb-range"), `${range} · ${modeText}`);
  setText($("pb-filters"), page.perLang(cfg.filters));
  let countText = s("playback.events_shown", { count });
  if (cfg.withoutPlace > 0) countText += ` · ${s("playback.not_on_map", { count: cfg.withoutPlace })}`;
  setText($("pb-count"), countText);
}

export function renderBar(page) {
  const { $, cfg, state, s } = page;
  const play = $("pb-play");
  play.setAttribute("aria-pressed", state.playing ? "true" : "false");
  play.classList.toggle("pb-playing", state.playing);
  setText($("pb-play-text"), s(state.playing ? "playback.pause" : "playback.play"));
  label(page, "pb-play", state.playing ? "playback.pause" : "playback.play");
  const slider = $("pb-slider");
  slider.value = String(state.day);
  slider.setAttribute("aria-valuetext", page.longDate(page.isoOf(state.day)));
  $("pb-window-wrap").hidden = state.mode !== "window";
  const story = cfg.story;
  const total = story?.stepList ? story.stepList.length : story?.ids.length;
  if (total) {
    setText($("pb-story-pos"), state.storyIndex < 0
      ? s("story.not_started", { total })
      : s("story.position", { n: state.storyIndex + 1, total }));
    $("pb-story").setAttribute("title", page.perLang(story.titles));
  }
}

function fillSelect(doc, select, values, textOf, current) {
  select.textContent = "";
  for (const value of values) {
    const option = make(doc, "option", null, textOf(value));
    option.value = String(value);
    select.appendChild(option);
  }
  select.value = String(current);
}

// The texts that change only with the language; `setLanguage(code)` is called by the language buttons.
export function renderStaticTexts(page, setLanguage) {
  const { doc, $, cfg, state, s } = page;
  $("pb-bar").setAttribute("aria-label", s("playback.controls"));
  label(page, "pb-back", "playback.step_back");
  label(page, "pb-fwd", "playback.step_forward");
  label(page, "pb-slider", "playback.timeline");
  setText($("pb-speed-label"), s("playback.speed"));
  setText($("pb-mode-label"), s("playback.mode"));
  setText($("pb-window-label"), s("playback.window_days"));
  fillSelect(doc, $("pb-speed"), cfg.speeds, String, state.speed);
  fillSelect(doc, $("pb-mode"), MODES, (value) => s(`playback.mode.${value}`), state.mode);
  $("pb-window").value = String(state.windowDays);
  $("pb-story").hidden = !(cfg.story?.stepList?.length || cfg.story?.ids.length);
  label(page, "pb-story-prev", cfg.story?.stepList ? "story.prev_step" : "story.prev");
  label(page, "pb-story-next", cfg.story?.stepList ? "story.next_step" : "story.next");
  setText($("pb-story-label"), s("story.label"));
  const langs = $("pb-langs");
  langs.textContent = "";
  langs.hidden = !cfg.languageSwitch;
  langs.setAttribute("aria-label", s("playback.language"));
  for (const [code, name] of cfg.languages) {
    const button = make(doc, "button", "pb-button pb-lang", name);
    button.type = "button";
    button.setAttribute("lang", code);
    button.setAttribute("data-lang", code);
    button.setAttribute("aria-pressed", code === state.lang ? "true" : "false");
    button.addEventListener("click", () => setLanguage(code));
    langs.appendChild(button);
  }
  setText($("pb-keys"), s("playback.keys"));
  setText($("pb-help"), s("playback.help"));
  $("pb-help").setAttribute("aria-expanded", $("pb-keys").hidden ? "false" : "true");
  setText($("pb-card-close"), "×");
  label(page, "pb-card-close", "card.close");
  label(page, "pb-card-prev", "card.page_prev");
  label(page, "pb-card-next", "card.page_next");
}
