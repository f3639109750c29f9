"""A view of a data file too large to load whole, without Streamlit: a Parquet file with more rows than
`Settings.view_rows` (the count is in the file's footer) or more than the memory free allows is summarised
by DuckDB (row count, date range, events per country, side, event type and day), counted for a chosen view,
and the view's rows are written as a Parquet file in the state folder, which the normal loader then reads
(validation, geocoding, the load cache) like any file.

Only the project's layout (a `date` column of dates, as `eventmap.engine` and the load cache write) is
summarised; another layout is refused with the columns it has. Every value from the user reaches DuckDB as a
constant of an expression (`eventmap.engine`), never as SQL text.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import json
import os
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from base.atomic import write_atomic
from base.errors import DataFileError
from base.memory import available_memory_bytes, memory_shortfall_message
from base.settings import Settings
from eventmap.engine import count_parquet, filter_parquet
from eventmap.engine.parquet_view import ROW_NUMBER
from eventmap.engine.view_choice import ViewChoice
from eventmap.schema import COLUMN_NAMES
from services.loaded import LoadedData

PARQUET_MAGIC = b"PAR1"
VIEW_FORMAT = 2  # raise when what a view file holds changes: older view files are then written afresh
VIEW_FILES_KEPT = 4  # the newest view files kept in state_dir/views
DEFAULT_DAYS = 30  # a new view opens on the file's last days ...
DEFAULT_TARGET = 100_000  # ... as many of the last DEFAULT_DAYS as hold at most this many events (one day at least)
DATE_TYPES = ("DATE", "TIMESTAMP")  # DuckDB type names a usable `date` column starts with
_ROWS = b"eventmap.view_rows"  # the view file's records' numbers in the large file (zlib, base64)
SUMMARY_COLUMNS = {"countries": "country", "sides": "side", "event_types": "event_type"}


@dataclass(frozen=True, slots=True, kw_only=True)
class FileSummary:
    """What an analyst needs to choose a view: the file's size in rows, its dates and its values with counts
    (most events first)."""

    name: str
    rows: int
    first_day: date
    last_day: date
    countries: tuple[tuple[str, int], ...]
    sides: tuple[tuple[str, int], ...]
    event_types: tuple[tuple[str, int], ...]
    days: tuple[tuple[date, int], ...]  # events per day, in day order


def parquet_rows(path: Path) -> int | None:
    """The rows of a Parquet file, from its footer (nothing else is read); None when it is not a readable one."""
    try:
        with path.open("rb") as file:
            if file.read(4) != PARQUET_MAGIC:
                return None
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (OSError, pa.ArrowException, ValueError):
        return None


def needs_view(path: Path, *, settings: Settings, available_memory: int | None = None) -> int | None:
    """The row count of `path` when it is a Parquet file to open as a view (more rows than
    `settings.view_rows`, or more than the memory free allows to load whole); None to load it whole."""
    rows = parquet_rows(path)
    if rows is None:
        return None
    if rows > settings.view_rows:
        return rows
    available = available_memory if available_memory is not None else available_memory_bytes()
    size = path.stat().st_size
    if available is not None and memory_shortfall_message(path.name, size, available) is not None:
        return rows
    return None


def _counts(relation: duckdb.DuckDBPyRelation, column: str) -> tuple[tuple[str, int], ...]:
    if column not in relation.columns:
        return ()
    rows = relation.aggregate(f'"{column}" AS value, count(*) AS n', f'"{column}"').fetchall()
    counted = [(str(value), int(n)) for value, n in rows if value is not None and str(value).strip()]
    return tuple(sorted(counted, key=lambda item: (-item[1], item[0])))


def summarize(path: Path, *, threads: int | None = None) -> FileSummary:
    """The file's row count, date range and counts by country, side, event type and day (DuckDB aggregates).
    Raises `DataFileError` for a file without a `date` column of dates, naming the columns it has."""
    config: dict[str, str | bool | int | float | list[str]] = {"threads": threads} if threads is not None else {}
    connection = duckdb.connect(":memory:", config=config)
    try:
        try:
            relation = connection.read_parquet(str(path))
        except duckdb.Error as error:
            raise DataFileError(f"{path.name}: not a readable Parquet file: {error}") from None
        types = dict(zip(relation.columns, (str(t) for t in relation.types), strict=True))
        _check_date_column(path.name, types)
        total, first, last = relation.aggregate('count(*), min("date"), max("date")').fetchall()[0]
        if first is None:
            raise DataFileError(f"{path.name}: no row has a date: there is nothing to choose a view from")
        days = relation.project('CAST("date" AS DATE) AS day').aggregate("day, count(*) AS n", "day").order("day")
        per_day = tuple((_day(day), int(n)) for day, n in days.fetchall() if day is not None)
        counts = {field: _counts(relation, column) for field, column in SUMMARY_COLUMNS.items()}
    finally:
        connection.close()
    return FileSummary(name=path.name, rows=int(total), first_day=_day(first), last_day=_day(last),
                       days=per_day, **counts)


def _check_date_column(name: str, types: dict[str, str]) -> None:
    columns = ", ".join(types) or "none"
    if "date" not in types:
        raise DataFileError(f"{name}: no 'date' column, so no view of it can be chosen: a large Parquet file "
                            f"must be in the project's layout (python -m eventmap cache writes one); its columns "
                            f"are {columns}")
    if not types["date"].upper().startswith(DATE_TYPES):
        raise DataFileError(f"{name}: the 'date' column holds {types['date']}, not dates, so no view of it can be "
                            f"chosen: a large Parquet file must be in the project's layout; its columns are {columns}")


def _day(value: object) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value  # type: ignore[return-value]


def default_choice(summary: FileSummary, *, days: int = DEFAULT_DAYS, target: int = DEFAULT_TARGET) -> ViewChoice:
    """The view a new visitor is offered: the file's last `days` days, or fewer when they hold more than
    `target` events (the last day at least); every country, side and event type."""
    start = summary.last_day
    held = 0
    for day, count in reversed(summary.days):
        if day <= summary.last_day - timedelta(days=days) or (held + count > target and held > 0):
            break
        held += count
        start = day
    return ViewChoice(date_from=start, date_to=summary.last_day)


def count_view(path: Path, choice: ViewChoice, *, threads: int | None = None) -> int:
    """How many events of the file the view holds (a DuckDB count; nothing is loaded)."""
    return count_parquet(path, choice.filters(), countries=choice.countries, threads=threads)


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def view_key(*, sha256: str, choice: ViewChoice) -> str:
    """The name of a view file: 32 hex digits over the file's hash, the view and `VIEW_FORMAT`."""
    text = json.dumps([VIEW_FORMAT, sha256, choice.key()])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def views_folder(settings: Settings) -> Path:
    return settings.state_dir / "views"


def write_view(path: Path, choice: ViewChoice, *, sha256: str, settings: Settings,
               threads: int | None = None) -> Path:
    """The view's rows (the project's columns the file has) as a Parquet file in the state folder, named by
    `view_key`, written atomically; a view written before is reused. The oldest view files beyond
    `VIEW_FILES_KEPT` go."""
    target = views_folder(settings) / f"{view_key(sha256=sha256, choice=choice)}.parquet"
    if parquet_rows(target) is not None:
        os.utime(target)  # the newest again: pruning keeps it
        return target
    columns = [c for c in COLUMN_NAMES if c in _columns_of(path)]
    view = filter_parquet(path, choice.filters(), columns=columns, countries=choice.countries, row_numbers=True,
                          threads=threads)
    rows = view.events.pop(ROW_NUMBER).to_numpy(dtype="<i8") + 1  # a Parquet record's number, from 1
    table = pa.Table.from_pandas(view.events, preserve_index=False)
    metadata = {**(table.schema.metadata or {}), _ROWS: base64.b64encode(zlib.compress(rows.tobytes()))}
    buffer = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(metadata), buffer, compression="zstd")
    write_atomic(target, buffer.getvalue())
    _prune(target.parent)
    return target


def source_rows(view_file: Path) -> np.ndarray | None:
    """The number (from 1) in the large file of each record of a view file, or None when it does not say."""
    try:
        stored = pq.ParquetFile(view_file).schema_arrow.metadata or {}
        rows = np.frombuffer(zlib.decompress(base64.b64decode(stored[_ROWS])), dtype="<i8")
    except (OSError, KeyError, ValueError, zlib.error, pa.ArrowException):
        return None
    return rows


def renumbered(loaded: LoadedData, rows: np.ndarray, *, name: str) -> LoadedData:
    """A loaded view told in the large file's terms: its problems name the file `name` and the record there
    (not the view file's), and so do the events' `source_line`s. `rows` is `source_rows` of the view file."""

    def record(line: int | None) -> int | None:
        return int(rows[line - 1]) if line is not None and 1 <= line <= len(rows) else line

    problems = tuple(dataclasses.replace(p, file=name, line=record(p.line)) if p.file == loaded.source_name else p
                     for p in loaded.problems)
    events = loaded.events.copy(deep=False)
    lines = events["source_line"].to_numpy()
    inside = (lines >= 1) & (lines <= len(rows))
    events["source_line"] = np.where(inside, rows[np.clip(lines - 1, 0, max(len(rows) - 1, 0))], lines)
    return dataclasses.replace(loaded, problems=problems, events=events)


def _columns_of(path: Path) -> set[str]:
    return set(pq.ParquetFile(path).schema_arrow.names)


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.parquet"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[VIEW_FILES_KEPT:]:
        old.unlink(missing_ok=True)
