"""Free-text event types onto ACLED's, only where the word says so; and the table helpers."""

from __future__ import annotations

import pytest

from eventmap.columns.table import is_project_header, row_id, unique_keys
from eventmap.columns.types import AIR_STRIKE, CLASH, LANDMINE, PROTEST, SHELLING, acled_type
from eventmap.schema import COLUMN_NAMES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shelling", SHELLING), ("Artillery fire", SHELLING), ("rocket attack", SHELLING), ("Missile", SHELLING),
        ("mortar shells", SHELLING), ("قصف مدفعي", SHELLING), ("صواريخ", SHELLING), ("обстрел", SHELLING),
        ("ракетный удар", SHELLING), ("Beschuss", SHELLING), ("Raketenangriff", SHELLING), ("tirs d'obus", SHELLING),
        ("ataque con cohetes", SHELLING), ("Luftangriff", AIR_STRIKE), ("Drohnenangriff", AIR_STRIKE),
        ("frappe aérienne", AIR_STRIKE), ("ataque aéreo", AIR_STRIKE), ("Gefechte", CLASH), ("affrontements", CLASH),
        ("enfrentamientos", CLASH), ("Kundgebung", PROTEST), ("manifestación", PROTEST),
        ("drone strike", AIR_STRIKE), ("Airstrike", AIR_STRIKE), ("air strike", AIR_STRIKE), ("bombing", AIR_STRIKE),
        ("غارة جوية", AIR_STRIKE), ("авиаудар", AIR_STRIKE), ("удар беспилотника", AIR_STRIKE),
        ("landmine", LANDMINE), ("IED", LANDMINE), ("لغم أرضي", LANDMINE), ("мина", LANDMINE),
        ("clashes", CLASH), ("Fighting", CLASH), ("battle", CLASH), ("اشتباكات", CLASH), ("бои", CLASH),
        ("протест", PROTEST), ("Protest", PROTEST), ("demonstration", PROTEST), ("مظاهرة", PROTEST),
        ("Armed clash", CLASH), ("shelling/artillery/missile attack", SHELLING),  # ACLED's own words
        ("Peaceful protest", PROTEST), ("Battles", ("Battles", "")), ("protests", ("Protests", "")),
        ("Explosions/Remote violence", ("Explosions/Remote violence", "")),
    ],
)
def test_words_that_name_a_type(text: str, expected: tuple[str, str]) -> None:
    assert acled_type(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "attack", "Attack", "cluster munitions", "Beschuss und Gefechte", "eggshell", "минус", "бойкот",
     "shelling and clashes", "drone shelling", "incident", "other", "unknown"],
)
def test_words_that_name_no_type_or_two(text: str) -> None:
    assert acled_type(text) is None


@pytest.mark.parametrize(
    ("header", "keys"),
    [
        (["Date", "date", " DATE "], ["date", "date_2", "date_3"]),
        (["Event Date", "", "x"], ["event_date", "column_2", "x"]),
    ],
)
def test_unique_keys(header: list[str], keys: list[str]) -> None:
    assert unique_keys(header) == keys


@pytest.mark.parametrize(
    ("header", "project"),
    [
        (list(COLUMN_NAMES), True),
        ([c for c in COLUMN_NAMES if c != "location"], True),  # a project file lacking a column: told so
        (["date", "location", "side", "description", "source"], False),
        (["event_id", "location"], False),
    ],
)
def test_is_project_header(header: list[str], project: bool) -> None:
    assert is_project_header(header) is project


def test_row_ids_are_stable_and_differ_by_values_and_occurrence() -> None:
    assert row_id(("2020-10-08", "Shusha"), 0) == row_id(("2020-10-08", "Shusha"), 0)
    ids = {row_id(("2020-10-08", "Shusha"), 0), row_id(("2020-10-08", "Shusha"), 1),
           row_id(("2020-10-09", "Shusha"), 0), row_id(("2020-10-08Shusha",), 0)}
    assert len(ids) == 4


def test_a_row_id_taken_by_another_row_gets_longer() -> None:
    first = row_id(("2020-10-08", "Shusha"), 0)
    longer = row_id(("2020-10-08", "Shusha"), 0, taken={first})
    assert longer.startswith(first)
    assert len(longer) == len(first) + 4
    third = row_id(("2020-10-08", "Shusha"), 0, taken={first, longer})
    full = row_id(("2020-10-08", "Shusha"), 0, taken={first, longer, third})
    assert [len(i) for i in (first, longer, third, full)] == [12, 16, 20, 68]
    assert full.startswith(third)
