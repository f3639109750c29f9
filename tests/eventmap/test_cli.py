"""`python -m eventmap validate|import|schema`: output, and exit codes 0 / 1 / 2."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from eventmap.cli import SUBCOMMANDS, build_parser, main
from eventmap.loading import load_events
from eventmap.schema import schema_markdown

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventmap", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})


def test_validate_valid_file_exits_0() -> None:
    done = run("validate", "tests/data/project_utf8.csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["tests/data/project_utf8.csv: 6 rows, 6 valid, 0 invalid, 0 warnings"]


def test_validate_broken_file_exits_1_and_lists_every_problem() -> None:
    done = run("validate", "tests/data/project_broken.csv")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == ("tests/data/project_broken.csv:5: date: '10/13/2020' is read day first (dd/mm/yyyy) and 13 "
                        "is not a month; if the file writes month first, write dates as yyyy-mm-dd (2020-10-13)")
    assert lines[-2] == "tests/data/project_broken.csv:15: the row has 3 cells but the header has 26"
    assert lines[-1] == "tests/data/project_broken.csv: 13 rows, 4 valid, 9 invalid, 2 warnings"
    assert len(lines) == 12


def test_validate_unusable_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04" + bytes(100))
    done = run("validate", "book.xlsx", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == ("book.xlsx: a damaged ZIP archive (an Excel or OpenDocument file?): "
                                   "File is not a zip file")
    assert done.stdout.strip() == "book.xlsx: cannot be used (nothing loaded)"


def test_import_acled_writes_a_valid_project_file(tmp_path: Path) -> None:
    out = tmp_path / "acled_events.csv"
    done = run("import", "--format", "acled", "tests/data/acled_current.csv", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"tests/data/acled_current.csv (acled): 12 rows, 12 written to {out}, 0 could not be imported, 0 warnings"]
    assert run("validate", str(out)).returncode == 0
    imported = load_events(out)
    assert imported.detected_format == "project"
    direct = load_events(DATA / "acled_current.csv").events
    pd.testing.assert_frame_equal(imported.events.drop(columns="source_line"), direct.drop(columns="source_line"))


def test_import_to_parquet_writes_the_loaded_frame_typed(tmp_path: Path) -> None:
    out = tmp_path / "acled_events.parquet"
    done = run("import", "tests/data/acled_current.csv", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:4] == b"PAR1"
    direct = load_events(DATA / "acled_current.csv").events
    written = pd.read_parquet(out)
    assert str(written["date"].dtype).startswith("datetime64")
    pd.testing.assert_frame_equal(written, direct.drop(columns="source_line"), check_dtype=False)
    assert not load_events(out).problems  # the project's layout, read back as a data file


def test_schema_prints_the_table() -> None:
    done = run("schema")
    assert done.returncode == 0
    assert done.stdout == schema_markdown() + "\n"


# In-process: the same entry point, faster.


@pytest.mark.parametrize(
    ("path", "code", "summary", "error"),
    [
        (DATA / "acled_hdx.csv", 0, " (acled export): 6 rows, 6 valid, 0 invalid, 0 warnings", ""),
        (DATA / "ucdp_ged.csv", 0, " (ucdp export): 5 rows, 5 valid, 0 invalid, 0 warnings", ""),
        (DATA / "project_cp1256.csv", 0, ": 6 rows, 6 valid, 0 invalid, 0 warnings", ""),
        (Path("/nonexistent/events.csv"), 2, ": cannot be used (nothing loaded)", ": no such file"),
        (DATA, 2, ": cannot be used (nothing loaded)", ": is a folder, not a file"),
    ],
)
def test_validate_exit_codes(path: Path, code: int, summary: str, error: str,
                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(path)]) == code
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == f"{path}{summary}"
    assert err == (f"{path}{error}\n" if error else "")


def test_validate_names_the_export_format(capsys: pytest.CaptureFixture[str]) -> None:
    main(["validate", str(DATA / "ucdp_ged.csv")])
    assert capsys.readouterr().out.endswith("ucdp_ged.csv (ucdp export): 5 rows, 5 valid, 0 invalid, 0 warnings\n")


def test_import_reports_rows_it_could_not_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (DATA / "ucdp_ged.csv").read_text(encoding="utf-8").replace(",Ganja town,", ",Ganja town,", 1)
    lines = text.splitlines()
    lines[2] = lines[2].replace("390002,AZE-2020-1-390002,2020,1,Clear,3,", "390002,AZE-2020-1-390002,2020,1,Clear,9,")
    source = tmp_path / "ged.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["import", str(source), "-o", str(out)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        f"{source}:3: type_of_violence: must be one of 1, 2, 3 (got '9')",
        f"{source} (ucdp): 5 rows, 4 written to {out}, 1 could not be imported, 0 warnings",
    ]
    assert len(load_events(out).events) == 4


@pytest.mark.parametrize(
    ("make_argv", "message"),
    [
        (lambda tmp: ["import", "--format", "ucdp", str(DATA / "acled_current.csv"), "-o", str(tmp / "o.csv")],
         "acled_current.csv: not a UCDP GED export: the header looks like an ACLED export"),
        (lambda tmp: ["import", str(tmp / "in.csv"), "-o", str(tmp / "in.csv")],
         "in.csv: refusing to overwrite the input file; choose another -o"),
        (lambda tmp: ["import", str(DATA / "acled_current.csv"), "-o", str(tmp)],
         "cannot be written"),
    ],
)
def test_import_unusable_exits_2(make_argv: Callable[[Path], list[str]], message: str, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in.csv").write_text("x\n", encoding="utf-8")
    assert main(make_argv(tmp_path)) == 2
    assert message in capsys.readouterr().err
    assert (tmp_path / "in.csv").read_text(encoding="utf-8") == "x\n"
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("argv", [[], ["nonsense"], ["import", "x.csv"], ["import", "--format", "nonsense", "x.csv",
                                                                          "-o", "y.csv"]])
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage: python -m eventmap" in capsys.readouterr().err


def test_subcommands_register_on_the_parser(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    def register_hello(subparsers: argparse._SubParsersAction) -> None:
        parser = subparsers.add_parser("hello")
        parser.add_argument("who")
        parser.set_defaults(handler=lambda args: print(f"hello {args.who}") or 3)

    monkeypatch.setattr("eventmap.cli.SUBCOMMANDS", [*SUBCOMMANDS, register_hello])
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert list(commands)[:3] == ["validate", "import", "schema"]
    assert main(["hello", "Shusha"]) == 3
    assert capsys.readouterr().out == "hello Shusha\n"


def test_a_wrong_setting_exits_2_naming_it(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("EVENTMAP_MAX_ROWS", "lots")
    assert main(["validate", str(DATA / "ucdp_ged.csv")]) == 2
    assert capsys.readouterr().err == "python -m eventmap: EVENTMAP_MAX_ROWS must be a number, got 'lots'\n"


@pytest.mark.parametrize(
    ("argv", "code", "stdout", "stderr"),
    [
        (["validate", str(DATA / "events.xlsx")], 0,
         [f"{DATA / 'events.xlsx'}: 6 rows, 6 valid, 0 invalid, 0 warnings"], ""),
        (["validate", "--sheet", "Nope", str(DATA / "events.xlsx")], 2,
         [f"{DATA / 'events.xlsx'}: cannot be used (nothing loaded)"],
         f"{DATA / 'events.xlsx'}: no sheet 'Nope'; the sheets are 'About', 'Events', 'Empty'\n"),
        (["validate", str(DATA / "events.geojson")], 1,
         ["(geojson file: the numbers after the file name are record numbers (the first record is 1))",
          f"{DATA / 'events.geojson'}:7: feature 7: the geometry is a 'LineString', not a 'Point': only points can "
          "be placed on the map",
          f"{DATA / 'events.geojson'}: 7 rows, 6 valid, 1 invalid, 0 warnings"], ""),
        (["validate", str(DATA / "acled_old.csv")], 1, None, ""),
    ],
)
def test_validate_any_table(argv: list[str], code: int, stdout: list[str] | None, stderr: str,
                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == code
    captured = capsys.readouterr()
    if stdout is not None:
        assert captured.out.splitlines() == stdout
    assert captured.err == stderr


def test_a_sheet_with_problems_names_its_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from data.workbooks import xlsx

    rows = pd.read_csv(DATA / "project_utf8.csv", dtype=str, keep_default_na=False)
    header = list(rows.columns)
    body = [list(r) for r in rows.itertuples(index=False)]
    body[1][header.index("date")] = "31/02/2020"
    (tmp_path / "book.xlsx").write_bytes(xlsx([("Notes", [["see Events"]]), ("Events", [None, header, *body])]))
    assert main(["validate", "--sheet", "Events", str(tmp_path / "book.xlsx")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "(xlsx file, sheet 'Events': the numbers after the file name are the spreadsheet's row numbers)"
    assert out[1].startswith(f"{tmp_path / 'book.xlsx'}:4: date: ")  # header on row 2, the second event on row 4


def test_import_gdelt_writes_a_valid_project_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "gdelt_events.csv"
    assert main(["import", "--format", "gdelt", str(DATA / "gdelt_v2.export.CSV.zip"), "-o", str(out)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"{DATA / 'gdelt_v2.export.CSV.zip'} (gdelt): 6 rows, 5 written to {out}, 1 could not be imported, 0 warnings")
    again = load_events(out)
    assert (again.detected_format, len(again.events), again.problems) == ("project", 5, [])
