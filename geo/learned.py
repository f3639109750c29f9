"""Places learned from data: names whose coordinates came with an earlier file.

Every loaded frame whose rows carry coordinates adds, per distinct (name, country, admin1, point),
a `LearnedPlace` with the file it came from and how many rows named it: `learn_places(frame,
source="acled_armenia.csv", store=store)`. A later file naming the same places without
coordinates finds them through `geo.geocoders.learned.LearnedPlacesGeocoder`.

`LearnedPlaceStore` keeps them in `learned-places.json` in the state folder, changed under a
lock and written atomically (`base.atomic.update_atomic`), so two sessions learning at once
both keep what they learned. A damaged file is reported (`ConfigurationError`, with the path) and
never overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from base.atomic import update_atomic
from geo.countries import country_code
from geo.errors import ConfigurationError
from geo.romanize import roman_key

if TYPE_CHECKING:
    import pandas as pd

STORE_FILE = "learned-places.json"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class LearnedPlace:
    """A name seen with a point in a file: where, from which file, in how many rows."""

    name: str
    country: str  # ISO 3166-1 alpha-2, or '' when the data did not say
    admin1: str
    lat: float
    lon: float
    source: str  # the file's name
    count: int

    @property
    def key(self) -> str:
        return roman_key(self.name)

    def identity(self) -> tuple[str, str, str, float, float, str]:
        return (self.key, self.country, roman_key(self.admin1), round(self.lat, 5), round(self.lon, 5), self.source)


_FIELDS = tuple(f.name for f in fields(LearnedPlace))


def _as_dict(place: LearnedPlace) -> dict[str, object]:
    """The place as a JSON object (`dataclasses.asdict` deep-copies every value: ten times slower)."""
    return {name: getattr(place, name) for name in _FIELDS}


class LearnedPlaceStore:
    """The learned places of one state folder (see the module docstring)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._cache: tuple[float, int, dict[str, list[LearnedPlace]]] | None = None

    @classmethod
    def in_state_dir(cls, state_dir: Path | str) -> LearnedPlaceStore:
        return cls(Path(state_dir) / STORE_FILE)

    def _parse(self, data: bytes | None) -> list[LearnedPlace]:
        if not data:
            return []
        try:
            document = json.loads(data)
            return [LearnedPlace(**item) for item in document["places"]]
        except (ValueError, KeyError, TypeError) as error:
            raise ConfigurationError(f"learned places file {str(self.path)!r} is damaged: {error}") from error

    def all(self) -> list[LearnedPlace]:
        """Every learned place."""
        return [place for places in self._by_key().values() for place in places]

    def find(self, key: str) -> list[LearnedPlace]:
        """The learned places whose name has this roman key."""
        return list(self._by_key().get(key, ()))

    def _by_key(self) -> dict[str, list[LearnedPlace]]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return {}
        if self._cache is None or self._cache[:2] != (stat.st_mtime, stat.st_size):
            by_key: dict[str, list[LearnedPlace]] = {}
            for place in self._parse(self.path.read_bytes()):
                by_key.setdefault(place.key, []).append(place)
            self._cache = (stat.st_mtime, stat.st_size, by_key)
        return self._cache[2]

    def add(self, places: Iterable[LearnedPlace]) -> int:
        """Add places (counts of the same name, point and file are summed); the number of new entries."""
        new = list(places)
        added = 0

        def merge(data: bytes | None) -> bytes:
            nonlocal added
            merged = {p.identity(): p for p in self._parse(data)}
            before = len(merged)
            for place in new:
                identity = place.identity()
                old = merged.get(identity)
                merged[identity] = place if old is None else replace(old, count=old.count + place.count)
            added = len(merged) - before
            document = {"format": FORMAT, "places": [_as_dict(p) for p in merged.values()]}
            return json.dumps(document, ensure_ascii=False, indent=0).encode()

        if new:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            update_atomic(self.path, merge)
        return added


def learn_places(frame: pd.DataFrame, *, source: str, store: LearnedPlaceStore, column: str = "location",
                 rows: Iterable[bool] | None = None) -> int:
    """Add to `store` the places of `frame`'s rows whose coordinates came with the data; the number
    of new entries. Rows geocoded by us (`geo_source` other than '' or 'data') are not learned: they
    would only teach the geocoder its own answers. `rows`: a mask of the rows to consider."""
    import pandas as pd

    if column not in frame.columns or "latitude" not in frame.columns or "longitude" not in frame.columns:
        return 0
    lat = pd.to_numeric(frame["latitude"], errors="coerce")
    lon = pd.to_numeric(frame["longitude"], errors="coerce")
    names = frame[column].fillna("").astype(str).str.strip()
    ok = lat.between(-90, 90) & lon.between(-180, 180) & (names != "")
    if "geo_source" in frame.columns:
        ok &= frame["geo_source"].fillna("").astype(str).isin(["", "data"])
    if rows is not None:
        ok &= pd.Series(list(rows), index=frame.index).astype(bool)
    blank = pd.Series("", index=frame.index)
    texts = {c: frame[c].fillna("").astype(str).str.strip() if c in frame.columns else blank
             for c in ("country", "admin1")}
    table = pd.DataFrame({"name": names, "country": texts["country"], "admin1": texts["admin1"],
                          "lat": lat.round(5), "lon": lon.round(5)})[ok]
    counts = table.groupby(["name", "country", "admin1", "lat", "lon"], sort=False).size()
    places: list[LearnedPlace] = []
    for key, n in counts.items():
        name, country, admin1, la, lo = cast(tuple[str, str, str, float, float], key)  # the groupby's five keys
        places.append(LearnedPlace(name=name, country=country_code(country) or "", admin1=admin1, lat=float(la),
                                   lon=float(lo), source=source, count=int(n)))
    return store.add(places)
