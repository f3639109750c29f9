"""The project's Russian place names (`geo/data/russian_names.csv`): for the places whose reference row has none.

`python -m geo.build_gazetteer` merges them into `name_ru` after the reference's own Russian names (which stay
first), as it merges `arabic_names.csv` into `name_ar`.

The file (UTF-8, one place a row): `place_id`; `name_ru` (`;`-separated, usual first); `sources` (`;`-separated
`spelling: source` pairs; every spelling cited at least once); `notes`. A source is the address of a page in
Russian (`https://...`), or a Russian Wikipedia article by its title, with the address of a copy read when the
article itself could not be: `Russian Wikipedia 'Хызы' (copy: https://...)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from geo.names_file import read_name_rows, split_names

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


def _check_cyrillic(where: str, names: tuple[str, ...]) -> None:
    latin = [n for n in names if not CYRILLIC.match(n)]
    if latin:
        raise ValueError(f"{where}: name_ru: not a name in Cyrillic letters (got {latin[0]!r})")


def read_russian_names(path: Path) -> dict[str, RussianNames]:
    """`russian_names.csv` by place_id; a malformed row raises ValueError naming file, line and column."""
    found: dict[str, RussianNames] = {}
    for row in read_name_rows(path, columns=RUSSIAN_NAMES_COLUMNS, names_column="name_ru",
                              check_names=_check_cyrillic, source_ok=lambda source: bool(SOURCE.match(source)),
                              source_rule=", the source an address or Russian Wikipedia 'TITLE'"):
        uncited = row.uncited()
        if uncited:
            raise ValueError(f"{row.where}: sources: no source for {', '.join(uncited)}")
        found[row.place_id] = RussianNames(row.place_id, row.names, row.sources)
    return found


def merge_russian(row: dict[str, str], russian: RussianNames | None) -> dict[str, str]:
    """`row` with `russian`'s spellings after its own Russian names."""
    if russian is None:
        return row
    names: list[str] = []
    for name in (*split_names(row.get("name_ru", "")), *russian.names):
        if name not in names:
            names.append(name)
    return dict(row, name_ru="; ".join(names))
