"""The curated `events.csv` (2020 Nagorno-Karabakh war): schema, values, coverage, the article's events.

The file is built by `scripts/build_events.py` from the reference research and `data/events_curation.csv`;
the rebuild test checks that the committed file is exactly what the script writes.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventmap.schema import COLUMN_BY_NAME, COLUMN_NAMES, EVENT_TYPES, REQUIRED_COLUMNS, split_sources

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events.csv"
BUILD_SCRIPT = ROOT / "scripts" / "build_events.py"
REFERENCE_DIR = ROOT.parent / "shared" / "reference"
ARTICLE_FILE = ROOT.parent / "shared" / "article" / "000_acdbde452fa6fc04.txt"

ARTICLE_CITATION = (
    'Al-Resalah (alresalah.ps), 2020-10-09, "بوتين يدعو الجانبين لمحادثات.. أذربيجان ترفض وقف القتال قبل انسحاب '
    'أرمينيا" (via Al Jazeera + agencies)'
)
WAR_START, WAR_END = date(2020, 9, 27), date(2020, 11, 10)
REFERENCE_IDS = tuple(f"E{n:03d}" for n in range(1, 73))
EVENT_ID = re.compile(r"^NK-(?P<ref>E\d{3}|A\d{2}|R\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
ARABIC = re.compile(r"[\u0600-\u06FF]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

RAW = EVENTS.read_bytes()
TEXT = RAW.decode("utf-8")
HEADER, *RECORDS = list(csv.reader(io.StringIO(TEXT, newline="")))
ROWS = [dict(zip(HEADER, record, strict=False)) for record in RECORDS]
BY_ID = {row["event_id"]: row for row in ROWS}
ROW_IDS = [row["event_id"] for row in ROWS]
SIDES = frozenset(tomllib.loads((ROOT / "sides.toml").read_text(encoding="utf-8"))["sides"])

# The events of the Al-Resalah article (issue 2): row, place, an English keyword of the description,
# an Arabic keyword of the article's sentence.
ARTICLE_EVENTS = [
    ("NK-E032-shusha", "Shusha", "Cathedral", "شوشة"),
    ("NK-E031-stepanakert", "Stepanakert", "Shelling of Stepanakert", "ستيباناكيرت"),
    ("NK-E038-jabrayil", "Jabrayil", "repelled", "جبرائيل"),
    ("NK-E033-goranboy", "Goranboy", "Goranboy", "غوران بوي"),
    ("NK-E036-tartar", "Tartar", "Tartar", "ترتر"),
    ("NK-E034-aghdam", "Aghdam", "Aghdam", "آغدام"),
    ("NK-E036-aghjabadi", "Aghjabadi", "Aghjabadi", "أغجه بدي"),
    ("NK-E035-barda", "Barda", "Barda", "بردي"),
    ("NK-E030-nagorno-karabakh", "Nagorno-Karabakh", "convoy", "قافلة"),
    ("NK-E029-nagorno-karabakh", "Nagorno-Karabakh", "D-20", "دي-20"),
    ("NK-E041-moscow", "Moscow", "invites", "موسكو"),
    ("NK-E043-moscow", "Moscow", "talks", "مشاورات موسكو"),
    ("NK-E039-geneva", "Geneva", "Geneva", "جنيف"),
    ("NK-E042-turkey", "Turkey", "Erdogan", "أردوغان"),
    ("NK-E040-istanbul", "Istanbul", "Akar", "أكار"),
    ("NK-A01-nagorno-karabakh", "Nagorno-Karabakh", "renewed fighting", "بتجدد المعارك"),
    ("NK-A02-azerbaijan", "Azerbaijan", "rules out stopping the fighting", "رفضها لوقف القتال"),
]
ROCKET_TOWNS = ["NK-E033-goranboy", "NK-E036-tartar", "NK-E034-aghdam", "NK-E036-aghjabadi", "NK-E035-barda"]

# Facts the issue and the reference pin down: row, column, test on the cell.
FACTS = [
    ("NK-E032-shusha", "status", lambda v: v == "denied"),
    ("NK-E032-shusha", "disputed_by", lambda v: "Azerbaijani MoD" in v),
    ("NK-E032-shusha", "injured", lambda v: v == "3"),
    ("NK-E032-shusha", "description", lambda v: "journalist" in v and "Shusha (Shushi)" in v),
    ("NK-E038-jabrayil", "notes", lambda v: "20 soldiers were killed" in v and "dead and wounded" in v),
    ("NK-E038-jabrayil", "fatalities", lambda v: v == ""),
    ("NK-E042-turkey", "verification", lambda v: v == "unverified"),
    ("NK-E042-turkey", "status", lambda v: v == "claimed"),
    ("NK-E042-turkey", "geo_precision", lambda v: v == "region"),
    ("NK-E042-turkey", "sources", lambda v: split_sources(v) == [ARTICLE_CITATION]),
    ("NK-E042-turkey", "notes", lambda v: "no Erdogan statement dated 8 or 9 Oct" in v),
    ("NK-E041-moscow", "notes", lambda v: "late on 8 Oct" in v),
    ("NK-E043-moscow", "date", lambda v: v == "2020-10-09"),
    ("NK-E029-nagorno-karabakh", "report_date", lambda v: v == "2020-10-08"),
    ("NK-E029-nagorno-karabakh", "latitude", lambda v: v == "39.8500"),
    ("NK-E029-nagorno-karabakh", "geo_precision", lambda v: v == "region"),
    ("NK-E061-qarayusifli", "latitude", lambda v: v == ""),
    ("NK-E061-qarayusifli", "notes", lambda v: "falls back to Barda" in v),
    ("NK-E044-hadrut", "status", lambda v: v == "disputed"),
    ("NK-E068-shusha", "sub_event_type", lambda v: v == "Government regains territory"),
    ("NK-E072-yerevan", "side", lambda v: v == "Protesters"),
    ("NK-E001-martuni", "location", lambda v: v == "Martuni"),
    ("NK-E015-azerbaijan", "fatalities", lambda v: v == ""),
]


def test_file_is_utf8_without_bom_with_lf_line_ends():
    assert not RAW.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in RAW
    assert RAW.endswith(b"\n")


def test_header_is_the_schema_in_order():
    assert tuple(HEADER) == COLUMN_NAMES


@pytest.mark.parametrize("record", RECORDS, ids=ROW_IDS)
def test_every_row_has_every_column(record):
    assert len(record) == len(COLUMN_NAMES)


def test_event_ids_are_unique():
    assert len(set(ROW_IDS)) == len(ROW_IDS)


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_event_id_keeps_the_reference_id(row):
    assert EVENT_ID.match(row["event_id"]), row["event_id"]


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_required_columns_are_filled(row):
    assert [name for name in REQUIRED_COLUMNS if not row[name].strip()] == []


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_dates_are_iso_and_within_the_war(row):
    day = date.fromisoformat(row["date"])
    assert row["date"] == day.isoformat()
    assert WAR_START <= day <= WAR_END
    if row["report_date"]:
        reported = date.fromisoformat(row["report_date"])
        assert row["report_date"] == reported.isoformat()
        assert day <= reported <= WAR_END


@pytest.mark.parametrize("name", [c for c in COLUMN_NAMES if COLUMN_BY_NAME[c].choices])
def test_choice_columns_hold_allowed_values(name):
    allowed = set(COLUMN_BY_NAME[name].choices) | (set() if COLUMN_BY_NAME[name].required else {""})
    assert {row[name] for row in ROWS} - allowed == set()


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_sub_event_type_belongs_to_event_type(row):
    assert row["sub_event_type"] in EVENT_TYPES[row["event_type"]]


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_side_is_listed_in_sides_toml(row):
    assert row["side"] in SIDES


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_every_row_has_a_source(row):
    assert len(split_sources(row["sources"])) >= 1


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_coordinates_are_in_range_with_four_decimals(row):
    lat, lon = row["latitude"], row["longitude"]
    assert bool(lat) == bool(lon)
    if lat:
        assert re.fullmatch(r"-?\d{1,3}\.\d{4}", lat)
        assert re.fullmatch(r"-?\d{1,3}\.\d{4}", lon)
        assert -90 <= float(lat) <= 90
        assert -180 <= float(lon) <= 180


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_figures_are_whole_numbers_or_empty(row):
    assert all(row[name] == "" or row[name].isdigit() for name in ("fatalities", "injured"))


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_no_cell_starts_like_a_spreadsheet_formula(row):
    assert [name for name, value in row.items() if value.startswith(FORMULA_STARTS)] == []


@pytest.mark.parametrize("ref_id", REFERENCE_IDS)
def test_every_reference_event_is_present(ref_id):
    assert any(EVENT_ID.match(event_id)["ref"] == ref_id for event_id in ROW_IDS)


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_article_rows_carry_the_article_and_its_arabic_sentence(row):
    from_article = ARTICLE_CITATION in split_sources(row["sources"])
    assert from_article == bool(row["description_original"])
    assert (row["language"] == "ar") == from_article
    if from_article:
        assert ARABIC.search(row["description_original"])


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_an_arabic_description_is_the_articles_own_and_says_so(row):
    """Arabic descriptions come from the article, marked as quoted from a source; none is invented."""
    from_article = ARTICLE_CITATION in split_sources(row["sources"])
    expected = (row["description_original"], "source") if from_article else ("", "")
    assert (row["description_ar"], row["description_ar_source"]) == expected


def test_every_day_of_the_war_has_an_event():
    days = {row["date"] for row in ROWS}
    war = [WAR_START + timedelta(days=n) for n in range((WAR_END - WAR_START).days + 1)]
    assert [day.isoformat() for day in war if day.isoformat() not in days] == []


@pytest.mark.parametrize("row", [r for r in ROWS if r["event_id"].startswith("NK-R")], ids=lambda r: r["event_id"])
def test_researched_rows_cite_web_pages_not_the_article(row):
    sources = split_sources(row["sources"])
    assert sources
    assert all(source.startswith("https://") for source in sources)
    assert (row["description_original"], row["language"]) == ("", "")
    if row["verification"] == "multi-source":
        assert len(sources) >= 2


@pytest.mark.parametrize(("event_id", "location", "keyword", "arabic"), ARTICLE_EVENTS)
def test_the_articles_events_are_present(event_id, location, keyword, arabic):
    row = BY_ID[event_id]
    assert row["location"] == location
    assert keyword in row["description"]
    assert ARTICLE_CITATION in split_sources(row["sources"])
    assert row["language"] == "ar"
    assert arabic in row["description_original"]


@pytest.mark.parametrize("event_id", ROCKET_TOWNS)
def test_rockets_on_the_five_towns_are_azerbaijans_claim(event_id):
    row = BY_ID[event_id]
    assert (row["side"], row["status"], row["date"]) == ("Armenia", "claimed", "2020-10-08")
    assert "Azerbaijani" in row["claimed_by"]


@pytest.mark.parametrize(("event_id", "column", "check"), FACTS, ids=[f"{e}-{c}" for e, c, _ in FACTS])
def test_pinned_facts(event_id, column, check):
    assert check(BY_ID[event_id][column]), BY_ID[event_id][column]


@pytest.mark.parametrize("row", [r for r in ROWS if "NK-" in r["notes"]], ids=lambda r: r["event_id"])
def test_ids_named_in_notes_exist(row):
    named = re.findall(r"NK-(?:E\d{3}|A\d{2}|R\d{2})-[a-z0-9-]*[a-z0-9]", row["notes"])
    assert [event_id for event_id in named if event_id not in BY_ID] == []


@pytest.mark.skipif(not ARTICLE_FILE.exists(), reason="the source article is not next to this checkout")
@pytest.mark.parametrize("row", [r for r in ROWS if r["description_original"]], ids=lambda r: r["event_id"])
def test_arabic_sentences_are_quoted_verbatim(row):
    article = " ".join(ARTICLE_FILE.read_text(encoding="utf-8").split())
    for column in ("description_original", "description_ar"):
        for sentence in re.split(r"(?<=[.\"])\s+(?=\S)", row[column]):
            assert sentence in article


@pytest.mark.skipif(not REFERENCE_DIR.exists(), reason="the reference research is not next to this checkout")
def test_build_script_regenerates_identical_bytes(tmp_path):
    output = tmp_path / "events.csv"
    done = subprocess.run([sys.executable, str(BUILD_SCRIPT), "--output", str(output)],
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert output.read_bytes() == RAW


def test_events_csv_loads_without_any_problem():
    loading = pytest.importorskip("eventmap.loading")
    result = loading.load_events(EVENTS)
    assert [str(p) for p in result.problems] == []
    assert result.rejected == []
    assert list(result.events["event_id"]) == ROW_IDS
