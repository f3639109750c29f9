"""The project's Russian names (`geo/data/russian_names.csv`): each cited (a page in Russian or a Russian
Wikipedia title), merged after the reference's own, and each resolving to its place alone."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo.build_gazetteer import build_rows
from geo.gazetteer import default_gazetteer
from geo.geocoders.gazetteer import GazetteerGeocoder
from geo.normalize import normalize
from geo.result import GeoContext
from geo.russian_names import (
    DEFAULT_RUSSIAN_NAMES_PATH,
    RUSSIAN_NAMES_COLUMNS,
    SOURCE,
    RussianNames,
    merge_russian,
    read_russian_names,
)

# The places of the reference without a Russian name that the file names (3 have no Russian source found yet:
# Mets Masrik, Artsvanik, Qarayusifli).
NAMED = {"talish": "Талыш", "mincivan": "Миндживан", "naftalan": "Нафталан", "ordubad": "Ордубад",
         "khizi": "Хызы", "davit_bek": "Давид-Бек", "sotk": "Сотк"}


def rows() -> list[dict[str, str]]:
    with DEFAULT_RUSSIAN_NAMES_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_russian_name_is_cited() -> None:
    data = read_russian_names(DEFAULT_RUSSIAN_NAMES_PATH)
    assert {place_id: names.names[0] for place_id, names in data.items()} == NAMED
    for names in data.values():
        assert {spelling for spelling, _ in names.sources} == set(names.names)
        assert all(SOURCE.match(source) for _, source in names.sources)


def test_the_gazetteer_carries_them() -> None:
    gazetteer = default_gazetteer()
    for place_id, name in NAMED.items():
        assert gazetteer.places[place_id].first("name_ru") == name


def test_the_file_has_its_columns_and_no_machine_path() -> None:
    text = DEFAULT_RUSSIAN_NAMES_PATH.read_text(encoding="utf-8")
    assert tuple(rows()[0]) == RUSSIAN_NAMES_COLUMNS
    for machine_path in ("/work/", "/tmp/", "/home/"):
        assert machine_path not in text


@pytest.mark.parametrize(("own", "added", "merged"), [
    ("", ("Хызы",), "Хызы"),
    ("Мингечаур", ("Мингячевир", "Мингечаур"), "Мингечаур; Мингячевир"),  # the reference's own stay first
])
def test_the_merge_keeps_the_reference_names_first(own: str, added: tuple[str, ...], merged: str) -> None:
    row = {"place_id": "x", "name_ru": own}
    names = RussianNames("x", added, tuple((n, "https://a.example") for n in added))
    assert merge_russian(row, names)["name_ru"] == merged
    assert merge_russian(row, None) is row


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x,Хызы,,\n", "no source for Хызы"),
        ("x,Хызы,Хызы: a.example,\n", "not 'spelling: source'"),  # neither an address nor a Wikipedia title
        ("x,Хызы,Хыз: https://a.example,\n", "not 'spelling: source'"),
        ("x,Khizi,Khizi: https://a.example,\n", "not a name in Cyrillic"),
        ("x,Хызы,Хызы: https://a.example,\nx,Хызы,Хызы: https://a.example,\n", "duplicate"),
        (",Хызы,Хызы: https://a.example,\n", "place_id and name_ru are required"),
    ],
)
def test_a_bad_row_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "russian_names.csv"
    path.write_text(",".join(RUSSIAN_NAMES_COLUMNS) + "\n" + text, encoding="utf-8")
    with pytest.raises(ValueError, match=f"russian_names.csv:[23]: .*{message}"):
        read_russian_names(path)


def test_a_name_for_an_unknown_place_is_refused(tmp_path: Path) -> None:
    reference = tmp_path / "places.csv"
    header = ("place_id,name_en,place_type,country_de_jure,control_sep2020,lat,lon,coord_source,coord_check,"
              "name_hy_usage,name_hy_script,name_az,name_ru,name_ar,other_variants,variant_sources,unsourced,notes")
    reference.write_text(header + "\nkhizi,Khizi,town,Azerbaijan,,40.9,49.07,x,,,,,,,,,,\n", encoding="utf-8")
    names = tmp_path / "russian_names.csv"
    names.write_text(",".join(RUSSIAN_NAMES_COLUMNS) + "\nnowhere,Нигде,Нигде: https://a.example,\n",
                     encoding="utf-8")
    with pytest.raises(ValueError, match="no such place"):
        build_rows(reference, arabic_names_path=None, russian_names_path=names)


@pytest.mark.parametrize(("place_id", "name"), sorted(NAMED.items()))
def test_each_russian_name_resolves_to_its_place_alone(place_id: str, name: str) -> None:
    place = default_gazetteer().places[place_id]
    result = GazetteerGeocoder().geocode(name, context=GeoContext(country=place.country_code))
    assert (result.status, result.place_id) == ("resolved", place_id)
    assert {a.place_id for a in default_gazetteer().exact(normalize(name))} == {place_id}
