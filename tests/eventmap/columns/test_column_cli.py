"""`python -m eventmap inspect` and `import` of any table: `--map`, `--dayfirst`/`--monthfirst`, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from base.errors import MappingError
from eventmap.cli import main
from eventmap.columns.cli import parse_overrides
from eventmap.loading import load_events

DATA = Path(__file__).resolve().parents[2] / "data"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_inspect_shows_format_guesses_dates_fill_ins_and_first_rows(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["inspect", str(DATA / "table_german_cp1252.csv")], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("table_german_cp1252.csv: a table mapped onto the schema (cp1252, delimiter ';', "
                             "5 rows)")
    assert "  date                 <- 'Datum'                  header 'Datum'" in lines
    assert "  not used: 'Verursacher'" in lines
    assert "Dates: dd.mm.yyyy (day first: 2 rows have a first part over 12)" in lines
    assert "  status set to 'unverified' for 5 rows" in lines
    assert "  side set to 'not stated' for 5 rows" in lines
    assert ("  2 | 2020-10-08 | Schuscha |  |  | not stated | Explosions/Remote violence | "
            "Kathedrale zweimal getroffen | https://example.org/de/1") in lines
    assert lines[-1].endswith("5 rows would load, 0 set aside, 3 warnings (python -m eventmap validate lists every "
                              "problem)")


def test_inspect_with_map_says_the_column_was_given(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["inspect", str(DATA / "table_german_cp1252.csv"), "--map", "side=Verursacher"], capsys)
    assert code == 0
    assert "  side                 <- 'Verursacher'            given (--map)" in out.splitlines()
    assert "not used" not in out


def test_an_actor_side_column_fills_side_in_inspect_and_import(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path, out_path = tmp_path / "sides.csv", tmp_path / "out.csv"
    path.write_text("date,place,actor,actor_side,source\n"
                    "2020-10-08,Shusha,Armenian Armed Forces,Armenia,https://example.org/1\n"
                    "2020-10-09,Barda,Azerbaijani Armed Forces,Azerbaijan,https://example.org/2\n", encoding="utf-8")
    code, out, _ = run(["inspect", str(path)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert "  side                 <- 'actor_side'             header 'actor_side'" in lines
    assert "  actor                <- 'actor'                  header 'actor'" in lines
    assert "not used" not in out
    assert "side set to" not in out
    code, _, _ = run(["import", str(path), "-o", str(out_path)], capsys)
    assert code == 0
    events = load_events(out_path).events
    assert events["side"].tolist() == ["Armenia", "Azerbaijan"]
    assert events["actor"].tolist() == ["Armenian Armed Forces", "Azerbaijani Armed Forces"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a,b\n1,2\n", "t.csv: no date column and no place column (a name, or latitude and longitude) found among "
                       "the columns 'a', 'b'"),
        ("when,what\n2020-10-08,x\n", "t.csv: no place column (a name, or latitude and longitude) found among the "
                                      "columns 'when', 'what'"),
    ],
)
def test_inspect_a_table_without_a_date_or_place_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         content: str, message: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(["inspect", str(path)], capsys)
    assert code == 2
    assert err.startswith(message.replace("t.csv", str(path), 1))
    assert out.strip() == f"{path}: cannot be used (nothing loaded)"


@pytest.mark.parametrize(
    ("args", "code", "dates"),
    [
        ([], 1, ["2021-01-01", "2020-10-09", "2020-12-12"]),
        (["--dayfirst"], 0, ["2020-10-05", "2020-10-06", "2021-01-01", "2020-10-09", "2020-12-12"]),
        (["--monthfirst"], 0, ["2020-05-10", "2020-06-10", "2021-01-01", "2020-10-09", "2020-12-12"]),
    ],
)
def test_import_undecidable_dates_needs_the_order(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  args: list[str], code: int, dates: list[str]) -> None:
    out_path = tmp_path / "out.csv"
    got, out, _ = run(["import", str(DATA / "table_undecidable_dates.csv"), "-o", str(out_path), *args], capsys)
    assert got == code
    assert "(table)" in out.splitlines()[-1]
    written = load_events(out_path)
    assert written.detected_format == "project"
    assert [d.date().isoformat() for d in written.events["date"]] == dates


def test_import_with_map_writes_the_mapped_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "out.csv"
    code, _, _ = run(["import", "--format", "table", str(DATA / "table_german_cp1252.csv"), "-o", str(out_path),
                      "--map", "side=Verursacher"], capsys)
    assert code == 0
    events = load_events(out_path).events
    assert events["side"].tolist()[:3] == ["Aserbaidschan", "Aserbaidschan", "Armenien"]
    assert events["event_type_original"].tolist()[0] == "Beschuss"


@pytest.mark.parametrize(
    ("argv", "shown"),
    [(["--map", "sidee=Ort"], "'sidee'"), (["--map", "side=Täter"], "'Täter'"), (["--map", "side"], "'side'")],
)
def test_bad_map_exits_2_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                   shown: str) -> None:
    code, _, err = run(["import", str(DATA / "table_german_cp1252.csv"), "-o", str(tmp_path / "o.csv"), *argv],
                       capsys)
    assert code == 2
    assert shown in err
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], {}), (["side=Verursacher", "notes="], {"side": "Verursacher", "notes": ""}),
     ([" date = Datum "], {"date": "Datum"})],
)
def test_parse_overrides(items: list[str], expected: dict[str, str]) -> None:
    assert parse_overrides(items) == expected


def test_parse_overrides_refuses_an_item_without_equals() -> None:
    with pytest.raises(MappingError, match="'Datum'"):
        parse_overrides(["Datum"])


def test_dayfirst_and_monthfirst_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["inspect", "x.csv", "--dayfirst", "--monthfirst"])
    assert caught.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err



@pytest.mark.parametrize(
    ("args", "code", "summary"),
    [
        ([], 1, "table_undecidable_dates.csv (table): 5 rows, 3 valid, 2 invalid, 2 warnings"),
        (["--dayfirst"], 0, "table_undecidable_dates.csv (table): 5 rows, 5 valid, 0 invalid, 2 warnings"),
    ],
)
def test_validate_takes_the_mapping_options(capsys: pytest.CaptureFixture[str], args: list[str], code: int,
                                            summary: str) -> None:
    got, out, _ = run(["validate", str(DATA / "table_undecidable_dates.csv"), *args], capsys)
    assert got == code
    assert out.splitlines()[-1].endswith(summary)
