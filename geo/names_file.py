"""The shape the project's added place names share (`arabic_names.csv`, `russian_names.csv`): one place a row,
its spellings in one `;`-separated column, and `spelling: source` pairs saying where each was read.

`read_name_rows` checks what both files require (their columns, a place_id and at least one name, no place
twice, every source pair naming one of the row's spellings) and yields each row's names and sources; the
file's own reader adds its own rules. A malformed row raises ValueError naming the file, line and column.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


def split_names(cell: str) -> list[str]:
    """The parts of a `;`-separated cell, stripped, empty ones left out."""
    return [part.strip() for part in cell.split(";") if part.strip()]


@dataclass(frozen=True, slots=True)
class NameRow:
    """One row of a names file: where it is (``file:line``), its place, spellings, sources and raw cells."""

    where: str
    place_id: str
    names: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # (spelling, source)
    cells: dict[str, str]

    def uncited(self) -> list[str]:
        """The spellings no source names."""
        cited = {spelling for spelling, _ in self.sources}
        return [name for name in self.names if name not in cited]


def read_name_rows(path: Path, *, columns: tuple[str, ...], names_column: str,
                   check_names: Callable[[str, tuple[str, ...]], None] | None = None,
                   source_ok: Callable[[str], bool] = bool, source_rule: str = "") -> Iterator[NameRow]:
    """The rows of the names file at `path` (see the module docstring). `check_names(where, names)` raises for
    spellings the file does not allow; a source is accepted when `source_ok(source)`, `source_rule` saying in
    the error what a source must be (", the source an address ...")."""
    seen: set[str] = set()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path}: columns must be {', '.join(columns)} (got {reader.fieldnames})")
        for line, row in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            cells = {key: (value or "") for key, value in row.items() if key is not None}
            place_id = cells["place_id"].strip()
            names = tuple(split_names(cells[names_column]))
            if not place_id or not names:
                raise ValueError(f"{where}: place_id: place_id and {names_column} are required")
            if place_id in seen:
                raise ValueError(f"{where}: place_id: duplicate (got {place_id!r})")
            seen.add(place_id)
            if check_names is not None:
                check_names(where, names)
            sources: list[tuple[str, str]] = []
            for part in split_names(cells["sources"]):
                spelling, sep, source = part.partition(": ")
                if not sep or spelling.strip() not in names or not source_ok(source.strip()):
                    raise ValueError(f"{where}: sources: not 'spelling: source' for a spelling of {names_column}"
                                     f"{source_rule} (got {part!r})")
                sources.append((spelling.strip(), source.strip()))
            yield NameRow(where, place_id, names, tuple(sources), cells)
