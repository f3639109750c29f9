"""A teacher's own story in the dashboard: upload it, play it, share it by URL, download its A4 handout.

Sharing keeps the file on the server, so it needs an editor (the teacher at the machine, or signed in); an
anonymous viewer's story plays in their own browser and nothing is written."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from services.stories import story_key
from tests.app.conftest import TIMEOUT_S, sign_in

STEP_IDS = ["NK-E018-ganja", "NK-E020-jabrayil"]
RAW = {"title": {"en": "My week", "ar": "أسبوعي"},
       "steps": [{"from": "2020-10-04", "to": "2020-10-05", "view": {"center": [40.0, 46.6], "zoom": 8},
                  "event_ids": STEP_IDS, "title": {"en": "Ganja and Jabrayil", "ar": "كنجة وجبرائيل"},
                  "text": {"en": "Two towns.", "ar": "مدينتان."}}]}
DATA = json.dumps(RAW, ensure_ascii=False).encode("utf-8")


def story_script() -> None:
    from pathlib import Path

    import streamlit as st

    from base.settings import Settings
    from eventmap.loading import load_events
    from eventmap.scene import Lang
    from ui import present, who

    events = load_events(Path("events.csv")).events
    settings = Settings.from_env()
    who.sign_in_panel(settings, lang=Lang.EN)
    present.switch(events, lang="en", naming="en", settings=settings)
    story = present.chosen_story(events)
    st.write("story:", ",".join(story.event_ids) if story else "none")


def story_app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_function(story_script, default_timeout=TIMEOUT_S)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def story_shown(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("story:")).removeprefix("story:").strip()


def test_a_viewers_uploaded_story_plays_for_them_and_nothing_is_written_on_the_server(clean_env: Path):
    at = story_app()
    at.file_uploader(key="present_story_upload").set_value(("week.json", DATA, "application/json")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert story_shown(at) == ",".join(STEP_IDS)
    assert "story" not in at.query_params
    assert not (clean_env / "state" / "stories").exists()
    assert not any("?story=" in code.value for code in at.code)
    assert any("Sign in as an editor to share this story" in c.value for c in at.caption)


def test_an_uploaded_story_is_played_shared_and_printed(clean_env: Path, editor: str):
    at = sign_in(story_app(), editor)
    at.file_uploader(key="present_story_upload").set_value(("week.json", DATA, "application/json")).run()
    assert not at.exception, [e.message for e in at.exception]
    key = story_key(DATA)
    assert story_shown(at) == ",".join(STEP_IDS)  # presentation mode steps through the highlighted events
    assert at.selectbox(key="present_story").value == "own"
    assert at.query_params["story"] == key
    assert (clean_env / "state" / "stories" / f"{key}.json").read_bytes() == DATA
    assert any(f"?story={key}&present=1" in code.value for code in at.code)

    at.button(key="present_handout_make").click().run()
    assert not at.exception, [e.message for e in at.exception]
    download = at.get("download_button")
    assert len(download) == 1
    assert download[0].proto.label == "Download the handout (A4 PDF)"
    _, lang, pdf = at.session_state["_present_handout"]
    assert lang == "en"
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 1
    assert b"/Subject (Ganja and Jabrayil)" in pdf  # the document names its one step


def test_a_colleague_opens_the_shared_story_by_its_url(clean_env: Path):
    folder = clean_env / "state" / "stories"
    folder.mkdir(parents=True)
    (folder / f"{story_key(DATA)}.json").write_bytes(DATA)
    at = story_app({"story": story_key(DATA)})
    assert story_shown(at) == ",".join(STEP_IDS)
    assert at.selectbox(key="present_story").value == "own"


def test_a_bad_upload_or_a_missing_shared_story_is_said_not_a_crash():
    at = story_app({"story": "0123456789abcdef"})
    assert any("0123456789abcdef is not on this server" in e.value for e in at.error)
    assert story_shown(at) != "none"  # the bundled story is still there
    bad = json.loads(DATA)
    bad["steps"][0]["event_ids"] = ["NK-E999-nowhere"]
    at.file_uploader(key="present_story_upload").set_value(
        ("bad.json", json.dumps(bad).encode(), "application/json")).run()
    assert not at.exception
    assert any("bad.json: step 1: event_ids: not in the data: NK-E999-nowhere" in e.value for e in at.error)


def test_writing_a_story_in_the_dashboard_shows_the_titles_and_the_step_table():
    at = story_app()
    at.toggle(key="present_story_write").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    assert sorted(box.label for box in at.text_input if box.key.startswith("present_story_title_")) == [
        "Story title (English)", "Story title (Русский)", "Story title (العربية)"]  # one per interface language
    at.button(key="present_story_use").click().run()  # no title, no steps: said, not a crash
    assert not at.exception
    assert any("my-story.json: title:" in e.value for e in at.error)
    at.text_input(key="present_story_title_en").set_value("Mine")
    at.text_input(key="present_story_title_ar").set_value("قصتي")
    at.button(key="present_story_use").click().run()
    assert any("my-story.json: steps: a non-empty list of steps" in e.value for e in at.error)
