"""Limits fit where a file comes from: an upload keeps the upload limit, a local file (`--data`,
`EVENTMAP_DATA`, the command line) is limited by the memory free, estimated before loading."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from base.errors import LimitExceededError
from base.memory import LOAD_MEMORY_FACTOR, available_memory_bytes, memory_shortfall_message
from base.settings import Settings
from eventmap.cli import build_parser, main, run_cache
from eventmap.loading import Limits, load_events
from tests.app.conftest import event_rows

ROWS = event_rows({"location": "Shusha"}, {"location": "Barda"})
SMALL_UPLOADS = Settings(max_upload_bytes=100)


def test_an_upload_over_the_upload_limit_is_refused_naming_the_limit() -> None:
    with pytest.raises(LimitExceededError, match=r"the limit is 0\.0 MB \(max_upload_bytes\)"):
        load_events(ROWS, name="up.csv", limits=Limits.from_settings(SMALL_UPLOADS))


def test_a_local_file_over_the_upload_limit_loads_when_memory_allows(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(ROWS)
    result = load_events(path, limits=Limits.for_local_file(SMALL_UPLOADS, available_memory=10**9))
    assert len(result.events) == 2


@pytest.mark.parametrize(
    ("available", "refused"),
    [(len(ROWS) * LOAD_MEMORY_FACTOR - 1, True), (len(ROWS) * LOAD_MEMORY_FACTOR, False)],
)
def test_a_local_file_is_limited_by_the_memory_free(tmp_path: Path, available: int, refused: bool) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(ROWS)
    limits = Limits.for_local_file(Settings(), available_memory=available)
    if refused:
        with pytest.raises(LimitExceededError, match=r"events\.csv: the file is .* loading it needs about .* of "
                                                      r"memory and .* are free"):
            load_events(path, limits=limits)
    else:
        assert len(load_events(path, limits=limits).events) == 2


def test_the_message_names_the_sizes() -> None:
    message = memory_shortfall_message("acled.csv", 300 * 1024 * 1024, 1024 * 1024 * 1024)
    assert message == ("acled.csv: the file is 300.0 MB (314,572,800 bytes); loading it needs about 1,500 MB of "
                       "memory and 1,024 MB are free: free some memory, or load a part of the file (a local file "
                       "is limited by memory, not by the upload limit)")
    assert memory_shortfall_message("acled.csv", 100, 500) is None


@pytest.mark.parametrize(
    ("meminfo", "expected"),
    [("MemTotal:       24684112 kB\nMemFree:        19666236 kB\nMemAvailable:   22145028 kB\n", 22145028 * 1024),
     ("MemTotal: 1 kB\nMemAvailable: 2048 kB\n", 2048 * 1024)],
)
def test_available_memory_is_read_from_meminfo(tmp_path: Path, meminfo: str, expected: int) -> None:
    path = tmp_path / "meminfo"
    path.write_text(meminfo, encoding="ascii")
    assert available_memory_bytes(path) == expected


def test_the_command_line_reads_a_local_file_over_the_upload_limit(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(ROWS)
    monkeypatch.setenv("EVENTMAP_MAX_UPLOAD_MB", "0.0001")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.endswith(": 2 rows, 2 valid, 0 invalid, 0 warnings\n")


def test_the_cache_command_loads_then_reads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(ROWS)
    monkeypatch.setenv("EVENTMAP_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("EVENTMAP_OVERRIDES", str(tmp_path / "overrides.csv"))
    outputs = []
    for _ in range(2):
        out = io.StringIO()
        assert run_cache(build_parser().parse_args(["cache", str(path)]), out=out) == 0
        outputs.append(out.getvalue())
    assert "2 events, 0 rows set aside; loaded, validated, geocoded and cached in" in outputs[0]
    assert "2 events, 0 rows set aside; read from the cache in" in outputs[1]
    assert len(list((tmp_path / "state" / "loads").glob("*.parquet"))) == 1
