"""The shipped gazetteer: built deterministically from the reference, complete, and safe to match against."""

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from geopy.distance import great_circle

from geo.build_gazetteer import DEFAULT_REFERENCE_PATH, build_rows, main, render
from geo.errors import ConfigurationError
from geo.gazetteer import DEFAULT_GAZETTEER_PATH, GAZETTEER_COLUMNS, Gazetteer, default_gazetteer
from geo.normalize import normalize

needs_reference = pytest.mark.skipif(not DEFAULT_REFERENCE_PATH.exists(),
                                     reason=f"reference notes not here: {DEFAULT_REFERENCE_PATH}")


def reference_rows() -> list[dict[str, str]]:
    with DEFAULT_REFERENCE_PATH.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@needs_reference
def test_build_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["--output", str(first)]) == 0
    assert main(["--output", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


@needs_reference
def test_shipped_file_is_up_to_date() -> None:
    assert main(["--check"]) == 0, "run: python -m geo.build_gazetteer"


@needs_reference
def test_rebuild_keeps_rows_added_by_hand(tmp_path: Path) -> None:
    output = tmp_path / "gazetteer.csv"
    rows = build_rows(DEFAULT_REFERENCE_PATH)
    added = dict.fromkeys(GAZETTEER_COLUMNS, "") | {"place_id": "kalbajar_pass", "name_en": "Murovdag Pass",
                                                    "country": "Azerbaijan", "lat": "40.3", "lon": "46.3"}
    output.write_text(render([*rows, added]), encoding="utf-8")
    assert main(["--output", str(output)]) == 0
    kept = Gazetteer.load(output).places
    assert kept["kalbajar_pass"].name_en == "Murovdag Pass"
    assert len(kept) == len(rows) + 1


@needs_reference
def test_every_reference_place_is_in_the_gazetteer_with_its_point() -> None:
    gazetteer = default_gazetteer()
    for ref in reference_rows():
        place = gazetteer.places[ref["place_id"]]
        point = gazetteer.point(ref["place_id"])
        assert point is not None, ref["place_id"]
        if ref["lat"]:
            assert (point.lat, point.lon) == (float(ref["lat"]), float(ref["lon"]))
            assert point.precision == "exact"
        for column in ("name_hy_script", "name_ru", "name_ar"):
            for spelling in filter(None, (s.strip() for s in ref[column].split(";"))):
                assert spelling in place.names[column], (ref["place_id"], column, spelling)


def test_qarayusifli_uses_bardas_point_flagged_near() -> None:
    gazetteer = default_gazetteer()
    point = gazetteer.point("qarayusifli")
    barda = gazetteer.places["barda"]
    assert (point.lat, point.lon) == (barda.lat, barda.lon)
    assert point.precision == "near"
    assert "Barda" in point.note


def test_sousse_is_not_a_name_of_shusha() -> None:
    shusha = default_gazetteer().places["shusha"]
    assert "سوسة" not in [spelling for spelling, _ in shusha.aliases()]
    assert default_gazetteer().exact(normalize("سوسة")) == []


def test_martuni_places_are_told_apart() -> None:
    places = default_gazetteer().places
    karabakh, armenia = places["martuni"], places["martuni_am"]
    assert karabakh.first("name_az") == "Xocavənd"
    assert (karabakh.country_code, armenia.country_code) == ("AZ", "AM")
    assert armenia.admin1 == "Gegharkunik"
    assert great_circle((armenia.lat, armenia.lon), (40.14, 45.31)).km < 2
    assert great_circle((karabakh.lat, karabakh.lon), (armenia.lat, armenia.lon)).km > 100


def test_only_martuni_shares_a_name_between_places() -> None:
    """Any other spelling shared by two places would make a name ambiguous by accident."""
    places_by_key: dict[str, set[str]] = defaultdict(set)
    for place in default_gazetteer().places.values():
        for spelling, _ in place.aliases():
            places_by_key[normalize(spelling)].add(place.place_id)
    shared = {key: ids for key, ids in places_by_key.items() if len(ids) > 1}
    assert shared == {normalize(name): {"martuni", "martuni_am"}
                      for name in ("Martuni", "Մարտունի", "Мартуни", "مارتوني")}


def test_every_point_is_a_valid_coordinate() -> None:
    for place_id in default_gazetteer().places:
        point = default_gazetteer().point(place_id)
        assert point is not None, place_id
        assert -90 <= point.lat <= 90, place_id
        assert -180 <= point.lon <= 180, place_id


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x,X,,,,,,,town,Azerbaijan,AZ,,91,46,exact,,,,,", "lat: not a number within -90..90 (got '91')"),
        ("x,X,,,,,,,town,Azerbaijan,AZ,,abc,46,exact,,,,,", "lat: not a number within -90..90 (got 'abc')"),
        ("x,X,,,,,,,town,Azerbaijan,AZ,,40,46,roughly,,,,,", "precision: must be one of exact, near, region"),
        (",X,,,,,,,town,Azerbaijan,AZ,,40,46,exact,,,,,", "place_id: place_id and name_en are required"),
    ],
)
def test_a_bad_row_names_file_line_and_column(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "gazetteer.csv"
    path.write_text(",".join(GAZETTEER_COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        Gazetteer.load(path)
    assert f"{path}:2: {message}" in str(caught.value)


def test_unknown_coords_from_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.csv"
    path.write_text(",".join(GAZETTEER_COLUMNS) + "\nx,X,,,,,,,village,Azerbaijan,AZ,,,,near,nowhere,,,,\n",
                    encoding="utf-8")
    with pytest.raises(ConfigurationError, match="coords_from: no such place \\(got 'nowhere'\\)"):
        Gazetteer.load(path)


def test_shipped_file_is_where_the_code_looks() -> None:
    assert DEFAULT_GAZETTEER_PATH.is_file()
