"""Guessing the column mapping from header names and values; overriding it."""

from __future__ import annotations

import pytest

from base.errors import EventMapError, MappingError
from eventmap.columns import ColumnMapping, guess_mapping


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["date", "location", "side", "description", "source"],
         {"date": "date", "location": "location", "side": "side", "description": "description",
          "sources": "source"}),
        (["when", "lat", "lng", "title"],
         {"date": "when", "latitude": "lat", "longitude": "lng", "description": "title"}),
        (["event_date", "y", "x", "notes", "source_url"],
         {"date": "event_date", "latitude": "y", "longitude": "x", "description": "notes", "sources": "source_url"}),
        (["datetime", "Latitude", "long", "title", "notes"],
         {"date": "datetime", "latitude": "Latitude", "longitude": "long", "description": "title",
          "notes": "notes"}),
        (["تاريخ", "المكان", "خط العرض", "خط الطول", "الوصف", "المصدر"],
         {"date": "تاريخ", "location": "المكان", "latitude": "خط العرض", "longitude": "خط الطول",
          "description": "الوصف", "sources": "المصدر"}),
        (["التاريخ", "الموقع"], {"date": "التاريخ", "location": "الموقع"}),
        (["дата", "место", "описание", "источник"],
         {"date": "дата", "location": "место", "description": "описание", "sources": "источник"}),
        (["Datum", "Ort", "Breitengrad", "Längengrad", "Beschreibung", "Quelle", "Art"],
         {"date": "Datum", "location": "Ort", "latitude": "Breitengrad", "longitude": "Längengrad",
          "description": "Beschreibung", "sources": "Quelle", "event_type": "Art"}),
        (["fecha", "lugar", "descripción", "fuente"],
         {"date": "fecha", "location": "lugar", "description": "descripción", "sources": "fuente"}),
        (["Date de l'événement", "Lieu", "Pays", "Titre"],
         {"date": "Date de l'événement", "location": "Lieu", "country": "Pays", "description": "Titre"}),
        ([" Event Date ", "PLACE", "Type"], {"date": "Event Date", "location": "PLACE", "event_type": "Type"}),
        (["When", "Where", "What happened", "Source"],
         {"date": "When", "location": "Where", "description": "What happened", "sources": "Source"}),
        (["date", "place", "What happened?"], {"date": "date", "location": "place", "description": "What happened?"}),
        (["date", "place", "what_happened"], {"date": "date", "location": "place", "description": "what_happened"}),
        (["date", "place", "Event description"],
         {"date": "date", "location": "place", "description": "Event description"}),
        (["التاريخ", "المكان", "ماذا حدث؟"], {"date": "التاريخ", "location": "المكان", "description": "ماذا حدث؟"}),
        (["التاريخ", "المكان", "ما الذي حدث"],
         {"date": "التاريخ", "location": "المكان", "description": "ما الذي حدث"}),
        (["дата", "место", "Что произошло"], {"date": "дата", "location": "место", "description": "Что произошло"}),
        (["дата", "место", "Что случилось?"],
         {"date": "дата", "location": "место", "description": "Что случилось?"}),
        (["Datum", "Ort", "Was ist passiert?"],
         {"date": "Datum", "location": "Ort", "description": "Was ist passiert?"}),
        (["Datum", "Ort", "Was geschah"], {"date": "Datum", "location": "Ort", "description": "Was geschah"}),
        (["Date", "Lieu", "Que s'est-il passé ?"],
         {"date": "Date", "location": "Lieu", "description": "Que s'est-il passé ?"}),
        (["Date", "Lieu", "Ce qui s'est passé"],
         {"date": "Date", "location": "Lieu", "description": "Ce qui s'est passé"}),
        (["Fecha", "Lugar", "¿Qué pasó?"], {"date": "Fecha", "location": "Lugar", "description": "¿Qué pasó?"}),
        (["Fecha", "Lugar", "Qué ocurrió"], {"date": "Fecha", "location": "Lugar", "description": "Qué ocurrió"}),
        # a column named for the description wins over one of notes, whatever their order
        (["notes", "What happened"], {"description": "What happened", "notes": "notes"}),
    ],
)
def test_guess_from_header_names(header: list[str], expected: dict[str, str]) -> None:
    guess = guess_mapping(header, [])
    assert dict(guess.mapping.columns) == expected
    for field, column in expected.items():
        assert guess.guesses[field].column == column
        assert guess.guesses[field].reason == f"header {column!r}"


@pytest.mark.parametrize(
    ("header", "rows", "column", "reason"),
    [
        (["time", "when_reported", "place"], [["10:00", "2020-10-08", "Shusha"], ["11:30", "2020-10-09", "Barda"]],
         "when_reported", "values: 2 of 2 are dates (the values of 'time' are not dates)"),
        (["time", "place"], [["10:00", "Shusha"]], "time", "header 'time'"),  # nothing better: the name decides
        (["Datum", "Ort"], [["08.10.2020", "Ort"]], "Datum", "header 'Datum'"),
    ],
)
def test_a_named_date_column_without_dates_gives_way_to_one_with_dates(
        header: list[str], rows: list[list[str]], column: str, reason: str) -> None:
    guess = guess_mapping(header, rows).guesses["date"]
    assert (guess.column, guess.reason) == (column, reason)


def test_every_field_has_a_guess_with_a_reason() -> None:
    guess = guess_mapping(["date", "place", "whatever"], [["2020-10-08", "Shusha", "x"]])
    assert guess.guesses["fatalities"].column is None
    assert guess.guesses["fatalities"].reason == "no column found"
    assert guess.unmapped_columns == ("whatever",)


@pytest.mark.parametrize(
    ("rows", "field", "column", "reason"),
    [
        ([["13/10/2020", "a"], ["14/10/2020", "b"]], "date", "c1", "values: 2 of 2 are dates"),
        ([["8 October 2020", "a"], ["x", "b"]], "date", None, "no column found"),  # 1 of 2: not a column of dates
        ([["a", "https://example.org/1"], ["b", "http://example.org/2"]], "sources", "c2",
         "values: 2 of 2 are URLs"),
    ],
)
def test_guess_from_values(rows: list[list[str]], field: str, column: str | None, reason: str) -> None:
    guess = guess_mapping(["c1", "c2"], rows)
    assert guess.guesses[field].column == column
    assert guess.guesses[field].reason == reason


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["39.76", "146.75"], ["40.1", "145.2"]], {"latitude": "c1", "longitude": "c2"}),
        ([["146.75", "39.76"], ["145.2", "40.1"]], {"latitude": "c2", "longitude": "c1"}),
        ([["39.76", "46.75"], ["40.1", "45.2"]], {}),  # both could be latitudes: no guess
        ([["39", "46"], ["40", "45"]], {}),  # whole numbers: counts, not coordinates
    ],
)
def test_coordinates_from_values_only_when_sure(rows: list[list[str]], expected: dict[str, str]) -> None:
    columns = guess_mapping(["c1", "c2"], rows).mapping.columns
    assert {f: c for f, c in columns.items() if f in ("latitude", "longitude")} == expected


@pytest.mark.parametrize(
    "column",
    ["actor_side", "Actor side", "side_of_actor", "Side of the actor", "party", "Party", "belligerent", "faction",
     "conflict_party", "warring party", "side",
     "الطرف", "طرف", "طرف النزاع", "الطرف المتحارب", "الفصيل",
     "сторона", "Сторона конфликта", "воюющая сторона", "сторона актора",
     "camp", "partie", "Partie au conflit", "belligérant", "Camp de l'acteur",
     "Seite", "Konfliktpartei", "Kriegspartei", "Seite des Akteurs",
     "bando", "Bando del actor", "parte en conflicto", "facción", "beligerante"],
)
def test_a_side_column_fills_side_beside_the_actor(column: str) -> None:
    guess = guess_mapping(["date", "place", "actor", column, "source"], [])
    assert dict(guess.mapping.columns) == {"date": "date", "location": "place", "actor": "actor", "side": column,
                                           "sources": "source"}
    assert guess.guesses["side"].reason == f"header {column!r}"
    assert guess.unmapped_columns == ()


@pytest.mark.parametrize(
    ("header", "side"),
    [
        (["date", "place", "third_party_source"], None),  # a name that holds "party" is not a side
        (["date", "place", "party_size", "political_party_id"], None),
        (["date", "place", "third_party_source", "party"], "party"),
        (["date", "place", "side", "actor_side"], "side"),  # the plain name first; the other is left unused
        (["date", "place", "actor_side", "actor"], "actor_side"),
        (["date", "place", "side_a", "side_b"], "side_a"),  # UCDP: side_b stays the target
    ],
)
def test_side_is_taken_only_from_a_whole_side_name(header: list[str], side: str | None) -> None:
    guess = guess_mapping(header, [])
    assert guess.mapping.column_of("side") == side
    if "actor" in header:
        assert guess.mapping.column_of("actor") == "actor"
    if "side_b" in header:
        assert guess.mapping.column_of("target") == "side_b"


def test_a_column_fills_one_field_by_its_header() -> None:
    columns = guess_mapping(["description", "notes"], []).mapping.columns
    assert columns["description"] == "description"
    assert columns["notes"] == "notes"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"side": "Verursacher"}, {"date": "Datum", "location": "Ort", "side": "Verursacher"}),
        ({"side": "verursacher"}, {"date": "Datum", "location": "Ort", "side": "Verursacher"}),
        ({"location": ""}, {"date": "Datum"}),
        ({"date": "Ort", "location": "Datum"}, {"date": "Ort", "location": "Datum"}),
    ],
)
def test_overrides(overrides: dict[str, str], expected: dict[str, str]) -> None:
    mapping = ColumnMapping({"date": "Datum", "location": "Ort"}, ("Datum", "Ort", "Verursacher"))
    assert dict(mapping.with_overrides(overrides).columns) == expected
    assert dict(mapping.columns) == {"date": "Datum", "location": "Ort"}  # unchanged


@pytest.mark.parametrize(
    ("overrides", "shown"),
    [({"sidee": "Ort"}, "'sidee'"), ({"side": "Täter"}, "'Täter'")],
)
def test_bad_overrides_name_the_bad_value(overrides: dict[str, str], shown: str) -> None:
    mapping = ColumnMapping({"date": "Datum"}, ("Datum", "Ort"))
    with pytest.raises(MappingError, match=shown) as caught:
        mapping.with_overrides(overrides)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, EventMapError)


@pytest.mark.parametrize(
    ("columns", "needs"),
    [
        ({"date": "d", "location": "p"}, []),
        ({"date": "d", "latitude": "y", "longitude": "x"}, []),
        ({"date": "d", "latitude": "y"}, ["a place column (a name, or latitude and longitude)"]),
        ({"location": "p"}, ["a date column"]),
    ],
)
def test_needs_a_date_and_a_place(columns: dict[str, str], needs: list[str]) -> None:
    assert ColumnMapping(columns, ("d", "p", "y", "x")).needs() == needs


@pytest.mark.parametrize("column", ["Who", "By whom", "Кто", "Wer", "Qui", "Quién"])
def test_a_who_column_is_the_actor(column):
    guess = guess_mapping(["Date", "Village", column, "Reported by"], [])
    assert guess.mapping.column_of("actor") == column
