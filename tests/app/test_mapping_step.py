"""The mapping step: a table that is neither the schema nor an export shows its first rows beside the guessed
mapping; "Load with this mapping" loads it and says what was filled in; the mapping is remembered for the
same header (skipped next time, and can be reopened); undecidable dates ask for their order; a workbook's
sheet is chosen."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import PROJECT_ROOT, app, headline, markers, sign_in
from tests.data.workbooks import xlsx

FIVE_COLUMNS = (
    b"date,location,side,description,source\n"
    b"2022-09-13,Stepanakert,Artsakh,Shelling reported in the town.,https://example.org/1\n"
    b"2022-09-13,Shusha,Azerbaijan,Drone strike reported.,https://example.org/2\n"
    b"2022-09-14,Goris,Azerbaijan,Artillery fire near the town.,\n"
    b"2022-09-14,Sotk,Azerbaijan,=HYPERLINK(\"http://x\"),https://example.org/4\n"
    b"2022-09-15,Vardenis,Armenia,Clashes reported.,https://example.org/5\n"
)


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    uploader = next(f for f in at.file_uploader if f.key.startswith("data_upload_"))
    uploader.set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def field_boxes(at: AppTest) -> dict[str, str]:
    """{field: chosen column} of the mapping step's selectboxes."""
    return {box.key.rsplit("__", 1)[-1]: box.value for box in at.selectbox if box.key.startswith("map_")}


def load_button(at: AppTest):
    return next(b for b in at.button if b.key.startswith("map_") and b.key.endswith("_load"))


def text_of(elements) -> str:
    return "\n".join(e.value.replace("\\", "") for e in elements)


def test_a_five_column_table_shows_the_guess_beside_its_rows_and_loads():
    at = upload(app(), "five.csv", FIVE_COLUMNS)
    assert at.title[0].value == "Match your columns to the map's fields"
    chosen = field_boxes(at)
    assert {f: chosen[f] for f in ("date", "location", "side", "description", "sources")} == {
        "date": "date", "location": "location", "side": "side", "description": "description", "sources": "source"}
    assert chosen["latitude"] == ""
    preview = at.dataframe[0].value
    assert preview.columns.tolist() == ["date", "location", "side", "description", "source"]
    assert preview["description"].tolist()[3] == "'=HYPERLINK(\"http://x\")", "raw cells, as safe text"
    assert not load_button(at).disabled
    load_button(at).click().run()
    assert not at.exception
    assert headline(at) == (5, 5, 0)
    assert markers(at) == 5
    assert "status set to 'unverified' for 5 rows" in text_of(at.info)
    at.radio(key="f_sources").set_value("without").run()
    assert headline(at)[0] == 1, "Goris gives no source"
    assert "4 of 5 events hidden: 4 by sources" in text_of(at.caption)


def test_a_changed_field_is_used():
    at = upload(app(), "five.csv", FIVE_COLUMNS)
    key = next(b.key for b in at.selectbox if b.key.endswith("__actor"))
    at.selectbox(key=key).set_value("side").run()
    load_button(at).click().run()
    assert set(at.dataframe[-1].value["actor"]) == {"Artsakh", "Azerbaijan", "Armenia"}


def test_the_mapping_is_remembered_for_the_same_header_and_can_be_reopened():
    first = upload(app(), "five.csv", FIVE_COLUMNS)
    load_button(first).click().run()
    later = upload(app(), "other.csv", FIVE_COLUMNS.replace(b"Goris", b"Sisian"))
    assert not [b for b in later.button if b.key.startswith("map_")], "no step: the header is known"
    assert headline(later)[:2] == (5, 5)
    assert "as you mapped this header before" in text_of(later.caption)
    later.button(key="mapping_reopen").click().run()
    assert later.title[0].value == "Match your columns to the map's fields"


def test_a_mapping_without_a_date_cannot_be_loaded():
    at = upload(app(), "five.csv", FIVE_COLUMNS)
    key = next(b.key for b in at.selectbox if b.key.endswith("__date"))
    at.selectbox(key=key).set_value("").run()
    assert "still needs a date column" in text_of(at.warning)
    assert load_button(at).disabled


def test_undecidable_dates_ask_for_their_order():
    data = (PROJECT_ROOT / "tests" / "data" / "table_undecidable_dates.csv").read_bytes()
    at = upload(app(), "dates.csv", data)
    order = next(r for r in at.radio if r.key.endswith("_dayfirst"))
    assert order.value is None
    assert load_button(at).disabled
    order.set_value("day").run()
    load_button(at).click().run()
    assert not at.exception
    dates = sorted(d.isoformat() for d in at.dataframe[-1].value["date"])
    assert dates[0] == "2020-10-05", "05/10/2020 read day first: 5 October"


def test_an_xlsx_workbook_goes_through_the_step_and_its_sheet_is_chosen():
    rows = [line.split(",", 4) for line in FIVE_COLUMNS.decode().splitlines()]
    book = xlsx([("Read me", [["Events of September 2022"], ["from the field team"]]), ("Events", rows)])
    at = upload(app(), "september.xlsx", book)
    sheet = next(s for s in at.selectbox if s.key.startswith("upload_sheet_"))
    assert sheet.options == ["Read me", "Events"]
    assert sheet.value == "Events", "the sheet with known columns first"
    assert field_boxes(at)["location"] == "location"
    load_button(at).click().run()
    assert headline(at) == (5, 5, 0)


def test_the_places_page_works_on_the_mapped_upload_and_one_click_saves_a_candidate(editor):
    at = upload(app(), "five.csv", FIVE_COLUMNS + b"2022-09-15,Martuni,Armenia,Shelling reported.,\n")
    load_button(at).click().run()
    assert headline(at) == (6, 6, 1)
    at.switch_page("pages/1_Places.py").run()
    assert at.dataframe[0].value["as_written"].tolist() == ["Martuni"]
    sign_in(at)  # saving a point needs an editor (an AppTest session is not the person at the machine)
    at.button(key="places_use_Martuni_2").click().run()
    assert not at.exception
    assert "Every place name in five.csv is on the map" in text_of(at.success)
    at.switch_page("app.py").run()
    assert headline(at) == (6, 6, 0)
