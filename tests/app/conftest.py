"""AppTest helpers: a clean environment per test, the map payload's marker count, small event files."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access import Principal, Role
from access.people_file import PeopleFile
from eventmap.mapping import drawn_event_count, payloads_from_html
from eventmap.schema import COLUMN_NAMES

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP = str(PROJECT_ROOT / "app.py")
TIMEOUT_S = 60
EDITOR, PASSWORD = "Ana Editor", "correct horse battery"
HEADLINE = re.compile(r"([\d,]+) of ([\d,]+) events shown; ([\d,]+) without a location")


@pytest.fixture(autouse=True)
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own state folder and overrides file, and the bundled data unless it says otherwise."""
    for name in ("EVENTMAP_DATA", "EVENTMAP_ONLINE_GEOCODING", "EVENTMAP_MAX_UPLOAD_MB", "EVENTMAP_MAX_ROWS",
                 "EVENTMAP_ONLINE_BUDGET_S"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("EVENTMAP_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("EVENTMAP_OVERRIDES", str(tmp_path / "overrides.csv"))
    return tmp_path


@pytest.fixture
def editor(clean_env: Path) -> str:
    """An editor in the test's people file (the state folder's people.json); returns the name."""
    admin = Principal(name="setup", role=Role.ADMIN, via="command line")
    PeopleFile(clean_env / "state" / "people.json").add_person(admin, name=EDITOR, password=PASSWORD,
                                                               role=Role.EDITOR)
    return EDITOR


def sign_in(at: AppTest, name: str = EDITOR, password: str = PASSWORD) -> AppTest:
    """Sign in through the sidebar's form, as a person does."""
    at.text_input(key="who_name").input(name)
    at.text_input(key="who_password").input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def signed_in_line(at: AppTest) -> str:
    return " ".join(m.value for m in at.sidebar.markdown if m.value.startswith("Signed in as"))


def app(query: dict[str, str | list[str]] | None = None, *, script: str = APP) -> AppTest:
    """The app after its first run, opened with `query` as its URL parameters."""
    at = AppTest.from_file(script, default_timeout=TIMEOUT_S)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def headline(at: AppTest) -> tuple[int, int, int]:
    """(shown, total, without location) from the headline counter."""
    for element in at.markdown:
        found = HEADLINE.search(element.value)
        if found:
            return tuple(int(g.replace(",", "")) for g in found.groups())  # type: ignore[return-value]
    raise AssertionError(f"no headline in {[m.value for m in at.markdown]}")


def map_args(at: AppTest) -> dict:
    """The arguments the map component received (script, feature_group, js_links, ...)."""
    maps = [el for el in at.main if el.type == "component_instance"]
    assert len(maps) == 1, f"expected one map, found {len(maps)}"
    return json.loads(maps[0].proto.json_args)


def markers(at: AppTest) -> int:
    """Events drawn on the map: counted in the events layer's payload handed to the component."""
    payloads = payloads_from_html(map_args(at)["feature_group"])
    return sum(drawn_event_count(p) for p in payloads)


def table_ids(at: AppTest) -> list[str]:
    return at.dataframe[-1].value["event_id"].tolist()


def event_rows(*rows: dict[str, str]) -> bytes:
    """A CSV in the project's schema: each row's missing columns filled with a valid default."""
    defaults = {
        "date": "2020-10-04", "date_precision": "day", "location": "Jabrayil", "geo_precision": "exact",
        "country": "Azerbaijan", "side": "Azerbaijan", "actor": "Azerbaijani Armed Forces",
        "event_type": "Battles", "sub_event_type": "Armed clash", "description": "A test event.",
        "claimed_by": "Azerbaijani MoD", "status": "claimed", "verification": "single-source",
        "sources": "https://example.org/report",
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    for number, row in enumerate(rows, start=1):
        writer.writerow({"event_id": f"T-{number:03d}", **defaults, **row})
    return buffer.getvalue().encode("utf-8")
