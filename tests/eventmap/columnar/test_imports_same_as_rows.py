"""ACLED, UCDP GED and GDELT files imported by columns give what the row-by-row import gives: the same
events, problems and rows set aside, on the sample files and on copies with rows made to break (or bend)
each rule of the mapping and of the schema."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import eventmap.loading as loading
from base.errors import LimitExceededError
from eventmap.columnar import read_csv_columns
from eventmap.columnar.imports import map_export
from eventmap.imports.gdelt import COLUMNS_1_0_DAILY, COLUMNS_2_0
from eventmap.loading import Limits, LoadResult, load_events
from tests.eventmap.columnar.test_same_as_rows import assert_same

DATA = Path(__file__).resolve().parents[2] / "data"
# Headerless GDELT files name their columns by the published order.
HEADERLESS = {"gdelt_v2.export.CSV": COLUMNS_2_0, "gdelt_v1_daily.tsv": COLUMNS_1_0_DAILY}

# file -> case -> {row number (0 = first data row): {column (as in the file's header, any case): new cell}}
CASES: dict[str, dict[str, dict[int, dict[str, str]]]] = {
    "acled_current.csv": {
        "codes": {0: {"time_precision": "7"}, 1: {"geo_precision": "2.0", "time_precision": "1.0"},
                  2: {"geo_precision": ""}, 3: {"time_precision": "day"}},
        "schema": {0: {"event_date": "2020-02-30"}, 1: {"latitude": "abc"}, 2: {"actor1": ""},
                   3: {"sub_event_type": "Armed clash"}, 4: {"event_date": "soon"}, 5: {"fatalities": "-1"},
                   6: {"latitude": "", "longitude": ""}, 7: {"latitude": "0", "longitude": "0"}},
        "dates": {0: {"event_date": "05/10/2020"}, 1: {"event_date": "13/10/2020"}, 2: {"event_date": "10/13/2020"},
                  3: {"event_date": "1 October 2020"}, 4: {"event_date": "2020-10-01T10:00"}},
        "refused rows are not seen": {0: {"time_precision": "7", "event_date": "05/10/2020"},
                                      1: {"event_id_cnty": "ARM4887"}, 2: {"event_date": "06/10/2020"},
                                      3: {"geo_precision": "0", "event_date": "10/13/2020"}},
        "duplicates and empty ids": {1: {"event_id_cnty": "ARM4887"}, 2: {"event_id_cnty": ""},
                                     3: {"event_id_cnty": "ARM4887"}},
        "sources and notes": {0: {"source": "a; ;b;", "source_scale": "National"}, 1: {"source": ""},
                              2: {"notes": ""}, 3: {"notes": "Les forces ont réclamé la ville (claimed)"},
                              4: {"notes": "Reportedly shelled"}, 5: {"notes": "disclaimed"},
                              6: {"source": ";", "source_scale": "Local-National"},
                              7: {"notes": "Reported by Xéclaimed"}, 8: {"notes": "Ещё claimed"}},
        "actors": {0: {"actor1": "Police Forces of Armenia (2018-)"}, 1: {"actor1": "Military Forces of Ārmenia"},
                   2: {"actor2": ""}},
        "spaces": {0: {"location": "  Vardenis ", "notes": " Shelling. "}},
    },
    "acled_hdx.csv": {
        "good": {},
        "codes and dates": {0: {"time_precision": "4"}, 1: {"event_date": "31 September 2020"},
                            2: {"event_date": "02/10/2020"}},
    },
    "acled_old.csv": {
        "good": {},
        "old types": {0: {"event_type": "battle - no  change of territory"}, 1: {"event_type": "RIOTS/PROTESTS"},
                      2: {"event_type": "Remote violence", "notes": "A suicide bomber struck"},
                      3: {"event_type": "Remote violence", "notes": "Drones hit the base"},
                      4: {"event_type": "Violence against civilians", "notes": "Sexual violence reported"},
                      5: {"event_type": "Riots/Protests", "inter1": "5"},
                      6: {"event_type": "Riots/Protests", "inter1": "6.0", "notes": "a violent clash"},
                      7: {"event_type": "Riots/Protests", "notes": "looting in the market"},
                      8: {"event_type": "Remote violence", "notes": "Ein Angriff mit Granaten (grenade) über"}},
        "unknown types": {0: {"event_type": ""}, 1: {"event_type": "Skirmish"}, 2: {"geo_precis": "0"}},
    },
    "ucdp_ged.csv": {
        "good": {},
        "codes": {0: {"type_of_violence": "4"}, 1: {"date_prec": "6", "where_prec": "8"},
                  2: {"event_clarity": "3"}, 3: {"type_of_violence": "2.0", "event_clarity": ""}},
        "places and dates": {0: {"latitude": "", "longitude": "", "geom_wkt": "point(46.1 40.2)"},
                             1: {"latitude": "", "longitude": "", "geom_wkt": "LINESTRING (1 2, 3 4)"},
                             2: {"date_start": "2020-10-11", "date_end": "2020-11-30 00:00:00.000", "date_prec": "5"},
                             3: {"date_start": "2020-02-30 00:00:00.000"}, 4: {"where_coordinates": "", "adm_2": ""}},
        "counts and sources": {0: {"best": "", "low": ""}, 1: {"number_of_sources": "-1"},
                               2: {"source_article": ""}, 3: {"best": "many", "deaths_a": "2"}},
    },
    "ucdp_ged_old.csv": {
        "good": {},
        "estimates": {0: {"best_est": ""}, 1: {"geom_wkt": ""}, 2: {"side_a": "Government of Azerbaijan"}},
    },
    "gdelt_v2_header.tsv": {
        "good": {},
        "codes": {0: {"sqldate": "2020108"}, 1: {"actiongeo_type": "0"}, 2: {"sqldate": "20201008.0"},
                  3: {"eventcode": "", "eventrootcode": "3"}, 4: {"sqldate": "20200230"}},
    },
    "gdelt_v2.export.CSV": {
        "good": {},
        "places": {0: {"actiongeo_fullname": "Armenia", "actiongeo_type": "1"},
                   1: {"actiongeo_fullname": "Syunik, Armenia", "actiongeo_type": "5"},
                   2: {"actor1name": "", "actor1countrycode": "", "actor1code": ""},
                   3: {"actiongeo_lat": "", "actiongeo_long": ""}},
    },
    "gdelt_v1_daily.tsv": {"good": {}, "ids": {1: {"globaleventid": "951300002.0", "sourceurl": ""},
                                               2: {"globaleventid": ""}}},
}


def edited(file: str, changes: dict[int, dict[str, str]]) -> bytes:
    """The sample file with the cells of `changes` replaced, written as the file writes itself."""
    text = (DATA / file).read_text(encoding="utf-8")
    delimiter = "\t" if "\t" in text.partition("\n")[0] else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = list(HEADERLESS[file]) if file in HEADERLESS else [c.lower() for c in rows[0]]
    first = 0 if file in HEADERLESS else 2 if rows[1][0].startswith("#") else 1
    for index, cells in changes.items():
        for column, value in cells.items():
            rows[first + index][header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def both_ways(data: bytes, name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[LoadResult, LoadResult]:
    columnar = load_events(data, name=name, limits=Limits())
    with monkeypatch.context() as patch:
        patch.setattr(loading, "read_csv_columns", lambda *_args, **_kwargs: None)
        patch.setattr(loading, "table_columns", lambda *_args, **_kwargs: None)
        rows = load_events(data, name=name, limits=Limits())
    return columnar, rows


@pytest.mark.parametrize(("file", "case"), [(f, c) for f, cases in CASES.items() for c in cases])
def test_imports_give_the_same_answer_by_columns(file: str, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = edited(file, CASES[file][case])
    assert read_csv_columns(data, name=file) is not None  # read by columns, not sent to the rows
    columnar, rows = both_ways(data, file, monkeypatch)
    assert columnar.detected_format == file.split("_")[0]
    assert len(columnar.events) + len(columnar.rejected) == columnar.rows_read
    assert_same(columnar, rows)


@pytest.mark.parametrize("file", sorted(f for f, cases in CASES.items() if "good" in cases))
def test_only_rows_the_importer_refuses_are_mapped_one_by_one(file: str) -> None:
    data = edited(file, {})
    table = read_csv_columns(data, name=file)
    assert table is not None
    header = [c.lower() for c in table.header]
    mapped = map_export(file.split("_")[0], header, table.columns, table.lines, file=file)
    assert mapped.rows_one_by_one == len(mapped.row_problems)
    assert (len(mapped.lines), int(mapped.skip.sum())) == (table.num_rows, len(mapped.row_problems))


def test_a_forced_format_is_imported_by_columns_too(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (DATA / "acled_current.csv").read_bytes()
    calls: list[str] = []

    def spy(fmt: str, *args: object, **kwargs: object) -> object:
        calls.append(fmt)
        return map_export(fmt, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(loading, "map_export", spy)
        columnar = load_events(data, name="a.csv", limits=Limits(), source_format="acled")
    assert calls == ["acled"]
    with monkeypatch.context() as patch:
        patch.setattr(loading, "read_csv_columns", lambda *_args, **_kwargs: None)
        patch.setattr(loading, "table_columns", lambda *_args, **_kwargs: None)
        rows = load_events(data, name="a.csv", limits=Limits(), source_format="acled")
    assert_same(columnar, rows)


@pytest.mark.parametrize("file", ["gdelt_v2.export.CSV", "gdelt_v2_header.tsv", "acled_hdx.csv"])
@pytest.mark.parametrize("fewer", [1, 2])
def test_the_row_limit_says_the_same_by_columns(file: str, fewer: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (DATA / file).read_bytes()
    rows = load_events(data, name=file, limits=Limits()).rows_read
    errors = []
    for columns in (True, False):
        with monkeypatch.context() as patch:
            if not columns:
                patch.setattr(loading, "read_csv_columns", lambda *_args, **_kwargs: None)
            with pytest.raises(LimitExceededError) as caught:
                load_events(data, name=file, limits=Limits(max_rows=rows - fewer))
            errors.append(str(caught.value))
    assert errors[0] == errors[1]
