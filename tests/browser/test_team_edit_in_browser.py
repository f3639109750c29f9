"""Two people in two browsers edit and review an event on the team store (a real PostgreSQL seeded with the
bundled events.csv); a third browser, signed in as nobody, sees the change published on the map's card and
every step in the event's history."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from storekit import ADMIN, EDITOR, PASSWORD, REVIEWER

from store.postgres import open_store

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EVENT = "NK-E001-stepanakert"
NEW_TEXT = "First day of the war: Stepanakert shelled, as two sources agree (edited in the browser)."


@pytest.fixture
def team_url(store_url: str) -> str:
    """The bundled events, published as the store's first version, and an editor and a reviewer."""
    store = open_store(store_url)
    try:
        store.add_first_admin(name=ADMIN.name, password=PASSWORD)
        store.add_person(ADMIN, name=EDITOR.name, password=PASSWORD, role=EDITOR.role)
        store.add_person(ADMIN, name=REVIEWER.name, password=PASSWORD, role=REVIEWER.role)
        assert store.seed(ADMIN, PROJECT_ROOT / "events.csv", reason="the bundled data").published_version == 1
    finally:
        store.close()
    return store_url


def settled(page) -> None:
    """Wait until the script run the last action started has finished."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def sign_in(page, name: str) -> None:
    from playwright.sync_api import expect

    page.get_by_text("Sign in", exact=True).first.click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {name}").first).to_be_visible(timeout=30_000)
    settled(page)


def test_an_editor_proposes_a_reviewer_publishes_and_a_reader_sees_it(start_app, browser, team_url, screenshot):
    from playwright.sync_api import expect

    base = start_app({"EVENTMAP_DATABASE_URL": team_url})
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB", timezone_id="UTC")
                for _ in range(3)]
    editor, reviewer, reader = (context.new_page() for context in contexts)
    try:
        editor.goto(f"{base}/Edit?event={EVENT}")
        settled(editor)
        sign_in(editor, EDITOR.name)
        editor.get_by_role("textbox", name="description *", exact=True).fill(NEW_TEXT)
        editor.get_by_role("textbox", name="Reason for the change (required)", exact=True).fill("two sources")
        editor.get_by_role("button", name="Propose this change").click()
        expect(editor.get_by_text(f"revision 2 of {EVENT} waits for a reviewer")).to_be_visible(timeout=30_000)
        expect(editor.get_by_role("textbox", name="Reason for the change (required)", exact=True)).to_have_value("")
        screenshot(editor, "team-1-editor-proposed")

        reviewer.goto(f"{base}/Review")
        settled(reviewer)
        sign_in(reviewer, REVIEWER.name)
        expect(reviewer.get_by_text(f"{EVENT} · revision 2 (correction) by {EDITOR.name}")).to_be_visible()
        screenshot(reviewer, "team-2-review-queue")
        reviewer.get_by_role("textbox", name="Note (required to reject)", exact=True).fill("checked both")
        reviewer.get_by_role("button", name="Publish").click()
        expect(reviewer.get_by_text(f"Published: revision 2 of {EVENT}")).to_be_visible(timeout=30_000)

        reader.goto(f"{base}/?event={EVENT}")
        settled(reader)
        expect(reader.get_by_text("the team store, published version 2").first).to_be_visible(timeout=60_000)
        expect(reader.get_by_text(NEW_TEXT).first).to_be_attached()
        link = reader.get_by_role("link", name="History of this event")
        link.scroll_into_view_if_needed()
        screenshot(reader, "team-3-reader-card", full_page=False)
        link.click()
        settled(reader)
        expect(reader.get_by_text(f"Every revision of {EVENT}")).to_be_visible(timeout=30_000)
        opened = urlsplit(reader.url)
        assert (opened.path, parse_qs(opened.query)["event"]) == ("/History", [EVENT])
        expect(reader.get_by_text("In revision 2")).to_be_visible(timeout=30_000)  # the comparison, drawn
        screenshot(reader, "team-4-reader-history")
        with reader.expect_download() as download:
            reader.get_by_role("button", name="Download CSV").click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
        assert {row["published_version"] for row in rows} == {"2"}
        assert len(rows) == 113
        assert [row["description"] for row in rows if row["event_id"] == EVENT] == [NEW_TEXT]
    finally:
        for context in contexts:
            context.close()
