"""Presentation mode in AppTest: `?present=1` and the switch, `?lang=ar`, the language switch, leaving it,
the filters in the URL reaching the presentation, the story picked in the sidebar, right-to-left layout."""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

from eventmap.playback import ready_made_stories
from tests.app.conftest import TIMEOUT_S, app

ARTICLE = "article-2020-10-09"


def presentation(at: AppTest) -> str:
    """The presentation document handed to the iframe."""
    frames = [el for el in at.main if el.type == "iframe"]
    assert len(frames) == 1, f"expected one presentation, found {len(frames)}"
    return frames[0].proto.srcdoc


def embedded(page: str, element_id: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def styles(at: AppTest) -> str:
    return "\n".join(el.proto.body for el in at.get("html"))


def test_present_in_the_url_shows_the_presentation_instead_of_the_dashboard():
    at = app({"present": "1"})
    page = presentation(at)
    assert 'id="pb-root"' in page
    assert '<html lang="en">' in page
    assert not [el for el in at.main if el.type == "component_instance"]  # no dashboard map
    assert not at.title  # no dashboard title
    assert at.button(key="present_exit").label == "Exit presentation"
    assert '[data-testid="stSidebar"]' in styles(at)  # hidden with the rest of the chrome
    config = embedded(page, "pb-config")
    assert config["languageSwitch"] is False  # the app's own switch sets the language
    assert config["remember"]  # the day survives a rerun
    assert config["story"]["ids"] == list(ready_made_stories()[ARTICLE].event_ids)


def test_lang_ar_in_the_url_gives_an_arabic_right_to_left_presentation():
    at = app({"present": "1", "lang": "ar"})
    page = presentation(at)
    assert '<html lang="ar">' in page
    assert 'dir="rtl"' in page
    assert at.button(key="present_exit").label == "الخروج من وضع العرض"
    assert ".st-key-em-present-bar { left: 12px; }" in styles(at)


def test_the_language_switch_changes_the_presentation_and_the_url():
    at = app({"present": "1", "lang": "ar"})
    switch = next(el for el in at.get("button_group") if el.key == "present_lang")
    assert switch.value == "ar"
    switch.set_value("en").run()
    assert not at.exception
    assert '<html lang="en">' in presentation(at)
    assert at.session_state["lang"] == "en"
    assert "lang" not in at.query_params  # English is the default: not written
    assert at.query_params["present"] == "1"


def test_exit_goes_back_to_the_dashboard():
    at = app({"present": "1", "lang": "ar"})
    at.button(key="present_exit").click().run()
    assert not at.exception
    assert "present" not in at.query_params
    assert not [el for el in at.main if el.type == "iframe"]
    assert at.title[0].value == "خريطة أحداث النزاع"


def test_the_url_filters_reach_the_presentation():
    at = app({"present": "1", "side": "Armenia", "from": "2020-10-01", "to": "2020-10-15"})
    page = presentation(at)
    data, config = embedded(page, "pb-data"), embedded(page, "pb-config")
    assert [side for side, _colour in data["sides"]] == ["Armenia"]
    assert config["origin"] == "2020-10-01"
    assert config["lastDay"] == 14
    assert "Armenia" in config["filters"]["en"]


def test_the_dashboard_in_arabic_is_laid_out_right_to_left():
    at = app({"lang": "ar"})
    assert "direction: rtl" in styles(at)
    assert not [el for el in at.main if el.type == "iframe"]


def test_the_dashboard_in_english_has_no_right_to_left_rules():
    assert "direction: rtl" not in styles(app())


# --- the sidebar control that switches presentation mode on, and the story it picks ------------------------

def switch_script() -> None:
    from pathlib import Path

    from base.settings import Settings
    from eventmap.loading import load_events
    from ui import present

    events = load_events(Path("events.csv")).events
    present.switch(events, lang="en", naming="en", settings=Settings.from_env())
    story = present.chosen_story(events)
    import streamlit as st

    st.write("story:", ",".join(story.event_ids) if story else "none")


def switch_app() -> AppTest:
    at = AppTest.from_function(switch_script, default_timeout=TIMEOUT_S)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def story_shown(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("story:")).removeprefix("story:").strip()


def test_the_switch_turns_presentation_mode_on():
    at = switch_app()
    assert "present" not in at.query_params
    at.button(key="present_switch").click().run()
    assert at.query_params["present"] in ("1", ["1"])


def test_the_article_story_is_the_default_and_a_story_can_be_switched_off_or_picked():
    at = switch_app()
    assert story_shown(at) == ",".join(ready_made_stories()[ARTICLE].event_ids)
    at.selectbox(key="present_story").set_value("").run()
    assert story_shown(at) == "none"
    at.selectbox(key="present_story").set_value("custom").run()
    at.multiselect(key="present_story_events").set_value(["NK-E032-shusha", "NK-E001-stepanakert"]).run()
    assert story_shown(at) == "NK-E001-stepanakert,NK-E032-shusha"  # in time order
