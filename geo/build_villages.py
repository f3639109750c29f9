"""Build `geo/data/geonames_villages.tsv.gz` from GeoNames country dumps (`XX.txt` or `XX.zip`).

    python -m geo.build_villages SOURCE_FILE... [--output PATH] [--check]

A source is one of GeoNames' per-country files (`UA.txt`, or the `UA.zip` that holds it), tab-separated
with the columns of GeoNames' `geoname` table: geonameid, name, asciiname, alternatenames, latitude,
longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code, admin3 code, admin4
code, population, elevation, dem, timezone, modification date. Licence: CC BY 4.0, GeoNames
(geonames.org); see `geo/data/README.md` for the origin of the committed file.

Kept: populated places (feature class `P`) that are places of their own: not sections of a town
(`PPLX`), historical (`PPLH`, `PPLCH`), abandoned (`PPLQ`) or destroyed (`PPLW`) places, nor places
outside their country's box (`COUNTRY_BOXES`: GeoNames errors). Kept of each:
geonameid, name, asciiname, its alternate names in Latin, Cyrillic, Armenian, Arabic or Georgian
script (not GeoNames' all-lowercase machine transliterations, see `indexable_name`), latitude,
longitude, feature code, country code, admin1 code and population (0: unknown).

Deterministic: the same sources give the same bytes (rows sorted by geonameid, gzip without a name or
a time). `--check` writes nothing and exits 1 when the file is not what the sources give.
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from geo.geocoders.geonames import indexable_name

OUTPUT = Path(__file__).resolve().parent / "data" / "geonames_villages.tsv.gz"
COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_code",
           "country_code", "admin1_code", "population")
REFUSED_FEATURE_CODES = frozenset({"PPLX", "PPLH", "PPLCH", "PPLQ", "PPLW"})
# (south, north, west, east) of a country, with a margin: a place of the country outside is a GeoNames
# error (Sasovo, 694774, coded UA, lies in Russia's Ryazan Oblast) and is left out.
COUNTRY_BOXES: dict[str, tuple[float, float, float, float]] = {
    "UA": (44.2, 52.5, 22.0, 40.4), "AM": (38.7, 41.4, 43.3, 46.7), "AZ": (38.3, 42.0, 44.6, 50.7),
}
_DUMP_COLUMNS = 19


def read_dump(path: Path) -> Iterator[list[str]]:
    """The rows of a GeoNames dump: a `.txt` file, or the `XX.txt` files inside a `.zip`."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            for member in sorted(archive.namelist()):
                if Path(member).name.lower() == "readme.txt" or not member.lower().endswith(".txt"):
                    continue
                with archive.open(member) as raw:
                    yield from _rows(io.TextIOWrapper(raw, encoding="utf-8"))
        return
    with path.open(encoding="utf-8") as handle:
        yield from _rows(handle)


def _rows(lines: Iterable[str]) -> Iterator[list[str]]:
    for line in lines:
        cells = line.rstrip("\n").split("\t")
        if len(cells) != _DUMP_COLUMNS:
            raise ValueError(f"not a GeoNames dump row ({len(cells)} columns): {line[:80]!r}")
        yield cells


def village_row(cells: list[str]) -> tuple[str, ...] | None:
    """The kept columns of one dump row, or None when the row is not a populated place kept."""
    (geonameid, name, asciiname, alternates, lat, lon, feature_class, feature_code, country, _cc2,
     admin1, *_rest) = cells
    population = cells[14]
    if feature_class != "P" or feature_code in REFUSED_FEATURE_CODES:
        return None
    latitude, longitude = float(lat), float(lon)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(f"geonameid {geonameid}: coordinates out of range ({lat}, {lon})")
    south, north, west, east = COUNTRY_BOXES.get(country, (-90.0, 90.0, -180.0, 180.0))
    if not (south <= latitude <= north and west <= longitude <= east):
        return None
    seen = {name, asciiname}
    kept: list[str] = []
    for alternate in alternates.split(","):
        alternate = alternate.strip()
        if alternate and alternate not in seen and indexable_name(alternate) and any(c.isalpha() for c in alternate):
            seen.add(alternate)
            kept.append(alternate)
    return (str(int(geonameid)), name, asciiname, ",".join(kept), lat, lon, feature_code, country, admin1,
            str(int(population or 0)))


def build(sources: Iterable[Path]) -> bytes:
    """The gzipped TSV of the populated places of `sources` (deterministic bytes)."""
    rows: dict[int, tuple[str, ...]] = {}
    for source in sources:
        for cells in read_dump(source):
            row = village_row(cells)
            if row is not None:
                rows[int(row[0])] = row
    text = io.StringIO()
    text.write("\t".join(COLUMNS) + "\n")
    for geonameid in sorted(rows):
        text.write("\t".join(rows[geonameid]) + "\n")
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as zipped:
        zipped.write(text.getvalue().encode("utf-8"))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path, help="GeoNames country dumps (XX.txt or XX.zip)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file is out of date")
    args = parser.parse_args(argv)
    data = build(args.sources)
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != data:
            print(f"{args.output} is not what the sources give: run without --check", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
