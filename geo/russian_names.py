"""The project's Russian place names (`geo/data/russian_names.csv`): for the places whose reference row has none.

`python -m geo.build_gazetteer` merges them into `name_ru` after the reference's own Russian names (which stay
first), as it merges `arabic_names.csv` into `name_ar`.

The file (UTF-8, one place a row): `place_id`; `name_ru` (`;`-separated, usual first); `sources` (`;`-separated
`spelling: source` pairs; every spelling cited at least once); `notes`. A source is the address of a page in
Russian (`https://...`), or a Russian Wikipedia article by its title, with the address of a copy read when the
article itself could not be: `Russian Wikipedia 'Хызы' (copy: https://...)`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_RUSSIAN_NAMES_PATH = Path(__file__).resolve().parent / "data" / "russian_names.csv"
RUSSIAN_NAMES_COLUMNS = ("place_id", "name_ru", "sources", "notes")
SOURCE = re.compile(r"^(?:https?://\S+|Russian Wikipedia '[^']+'(?: \(copy: https?://\S+\))?)$")
CYRILLIC = re.compile(r"^[\u0400-\u04FF][\u0400-\u04FF \-]*$")


@dataclass(frozen=True, slots=True)
class RussianNames:
    """A place's Russian names from `russian_names.csv`, each with its sources."""

    place_id: str
    names: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # (spelling, source)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def read_russian_names(path: Path) -> dict[str, RussianNames]:
    """`russian_names.csv` by place_id; a malformed row raises ValueError naming file, line and column."""
    found: dict[str, RussianNames] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != RUSSIAN_NAMES_COLUMNS:
            raise ValueError(f"{path}: columns must be {', '.join(RUSSIAN_NAMES_COLUMNS)} (got {reader.fieldnames})")
        for line, row in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            place_id = (row["place_id"] or "").strip()
            names = tuple(_split(row["name_ru"] or ""))
            if not place_id or not names:
                raise ValueError(f"{where}: place_id: place_id and name_ru are required")
            if place_id in found:
                raise ValueError(f"{where}: place_id: duplicate (got {place_id!r})")
            latin = [n for n in names if not CYRILLIC.match(n)]
            if latin:
                raise ValueError(f"{where}: name_ru: not a name in Cyrillic letters (got {latin[0]!r})")
            sources: list[tuple[str, str]] = []
            for part in _split(row["sources"] or ""):
                spelling, sep, source = part.partition(": ")
                if not sep or spelling.strip() not in names or not SOURCE.match(source.strip()):
                    raise ValueError(f"{where}: sources: not 'spelling: source' for a spelling of name_ru, the source "
                                     f"an address or Russian Wikipedia 'TITLE' (got {part!r})")
                sources.append((spelling.strip(), source.strip()))
            uncited = [n for n in names if n not in {s for s, _ in sources}]
            if uncited:
                raise ValueError(f"{where}: sources: no source for {', '.join(uncited)}")
            found[place_id] = RussianNames(place_id, names, tuple(sources))
    return found


def merge_russian(row: dict[str, str], russian: RussianNames | None) -> dict[str, str]:
    """`row` with `russian`'s spellings after its own Russian names."""
    if russian is None:
        return row
    names: list[str] = []
    for name in (*_split(row.get("name_ru", "")), *russian.names):
        if name not in names:
            names.append(name)
    return dict(row, name_ru="; ".join(names))
