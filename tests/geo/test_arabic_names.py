"""The project's Arabic names (`geo/data/arabic_names.csv`): every place has one, each is cited or marked as
the project's transliteration, and the merge into the gazetteer keeps the reference's own names first."""

import csv
import re
from pathlib import Path

import pytest
from geopy.distance import great_circle

from geo.build_gazetteer import (
    ARABIC_NAMES_COLUMNS,
    DEFAULT_ARABIC_NAMES_PATH,
    TRANSLITERATED_NOTE,
    ArabicNames,
    merge_arabic,
    read_arabic_names,
)
from geo.gazetteer import DEFAULT_GAZETTEER_PATH, default_gazetteer
from geo.geocoders.gazetteer import GazetteerGeocoder
from geo.normalize import has_arabic, normalize
from geo.result import GeoContext

GEONAMES = re.compile(r"^GeoNames alternatenames \(geonameid (?P<id>\d+)\)$")
URL = re.compile(r"^https?://[^\s;]+$")
# GeoNames entries cited, with the point GeoNames gives (read from its cities500 list), to check the id is
# the place and not a namesake.
GEONAMES_POINTS = {
    "146969": (39.7950, 47.1117), "146901": (39.0837, 46.6599), "147305": (39.3444, 46.5818),
    "616108": (40.1827, 45.7316), "148450": (39.9391, 46.8316), "147774": (39.9136, 46.7921),
    "147504": (39.0302, 46.7233), "585400": (40.5082, 46.8203), "148354": (39.7756, 47.6186),
    "616802": (40.8807, 45.3890), "147368": (38.9096, 46.0227), "585909": (40.9085, 49.0748),
}


def rows() -> list[dict[str, str]]:
    with DEFAULT_ARABIC_NAMES_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_place_has_an_arabic_name() -> None:
    missing = [p.place_id for p in default_gazetteer().places.values() if not p.names.get("name_ar")]
    assert missing == []


def test_every_arabic_name_is_cited_or_marked_transliterated() -> None:
    data = read_arabic_names(DEFAULT_ARABIC_NAMES_PATH)
    assert data
    for names in data.values():
        assert all(has_arabic(n) for n in names.names), names.place_id
        cited = {spelling for spelling, _ in names.sources}
        if names.transliterated:
            assert names.sources == (), names.place_id
        else:
            assert set(names.names) <= cited, names.place_id
        for _, source in names.sources:
            assert URL.match(source) or GEONAMES.match(source), (names.place_id, source)


def test_the_file_has_its_columns_and_no_machine_path() -> None:
    text = DEFAULT_ARABIC_NAMES_PATH.read_text(encoding="utf-8")
    assert tuple(rows()[0]) == ARABIC_NAMES_COLUMNS
    for machine_path in ("/work/", "/tmp/", "/home/"):
        assert machine_path not in text


@pytest.mark.parametrize("geonameid", sorted(GEONAMES_POINTS))
def test_a_cited_geonames_entry_is_within_a_few_km_of_its_place(geonameid: str) -> None:
    gazetteer = default_gazetteer()
    cited_by = [r["place_id"] for r in rows() if f"(geonameid {geonameid})" in r["sources"]]
    assert cited_by, geonameid
    for place_id in cited_by:
        place = gazetteer.places[place_id]
        assert great_circle((place.lat, place.lon), GEONAMES_POINTS[geonameid]).km < 5, place_id


def test_every_cited_geonames_entry_is_checked_above() -> None:
    cited = {m for r in rows() for m in re.findall(r"geonameid (\d+)", r["sources"])}
    assert cited == set(GEONAMES_POINTS)


def test_transliterations_are_listed_in_unsourced() -> None:
    data = read_arabic_names(DEFAULT_ARABIC_NAMES_PATH)
    with DEFAULT_GAZETTEER_PATH.open(encoding="utf-8") as handle:
        built = {r["place_id"]: r for r in csv.DictReader(handle)}
    for place_id, names in data.items():
        unsourced = [c.strip() for c in built[place_id]["unsourced"].split(";")]
        assert ("name_ar" in unsourced) is names.transliterated, place_id
        assert (TRANSLITERATED_NOTE in built[place_id]["notes"]) is names.transliterated, place_id
    assert sorted(p for p, n in data.items() if n.transliterated) == [
        "artsvanik", "davit_bek", "mets_masrik", "qarayusifli", "yeraskh"]


def test_the_merge_keeps_the_reference_names_first_and_orders_its_own_by_citations() -> None:
    row = {"place_id": "x", "name_ar": "أ; ب", "unsourced": "", "notes": ""}
    added = ArabicNames("x", ("ب", "ج", "د"), (("ج", "a.example"), ("د", "b.example"), ("د", "c.example"),
                                              ("ب", "d.example")), transliterated=False)
    assert merge_arabic(row, added)["name_ar"] == "أ; ب; د; ج"
    assert merge_arabic(row, None) is row


def test_a_transliteration_is_marked_and_never_mixed_with_sourced_names() -> None:
    row = {"place_id": "x", "name_ar": "", "unsourced": "name_ru", "notes": "a note"}
    merged = merge_arabic(row, ArabicNames("x", ("س",), (), transliterated=True))
    assert merged["unsourced"] == "name_ru; name_ar"
    assert merged["notes"] == f"a note; {TRANSLITERATED_NOTE}"
    with pytest.raises(ValueError, match="transliterated"):
        merge_arabic(dict(row, name_ar="ع"), ArabicNames("x", ("س",), (), transliterated=True))


def test_sousse_stays_refused_even_from_the_project_file() -> None:
    row = {"place_id": "shusha", "name_ar": "شوشا", "unsourced": "", "notes": ""}
    merged = merge_arabic(row, ArabicNames("shusha", ("سوسة",), (("سوسة", "x.example"),), transliterated=False))
    assert merged["name_ar"] == "شوشا"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x,س,,no,\n", "no source for س"),
        ("x,س,س: a.example,yes,\n", "a transliterated name has no source"),
        ("x,س,ص: a.example,no,\n", "not 'spelling: source'"),
        ("x,س,,maybe,\n", "must be yes or no"),
        ("x,س,,yes,\nx,ص,,yes,\n", "duplicate"),
    ],
)
def test_a_bad_row_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "arabic_names.csv"
    path.write_text(",".join(ARABIC_NAMES_COLUMNS) + "\n" + text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_arabic_names(path)


@pytest.mark.parametrize("row", rows(), ids=lambda r: r["place_id"])
def test_each_new_arabic_name_resolves_to_its_place_alone(row: dict[str, str]) -> None:
    geocoder = GazetteerGeocoder()
    gazetteer = default_gazetteer()
    place = gazetteer.places[row["place_id"]]
    for spelling in (s.strip() for s in row["name_ar"].split(";")):
        result = geocoder.geocode(spelling, context=GeoContext(country=place.country_code))
        assert (result.status, result.place_id) == ("resolved", place.place_id), spelling
        owners = {a.place_id for a in gazetteer.exact(normalize(spelling))}
        expected = {"martuni", "martuni_am"} if spelling == "مارتوني" else {place.place_id}
        assert owners == expected, spelling
