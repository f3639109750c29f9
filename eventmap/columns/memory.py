"""Remembered column mappings: a table with the same header maps the same way next time.

`MappingMemory(path)` keeps the mappings a user confirmed in a small JSON file (by default
`column_mappings.json` in the state folder, `Settings.state_dir`), keyed by a hash of the normalised
header (`header_hash`), so `Datum;Ort` and `datum ; ORT` are the same table. Writes go through
`base.atomic.update_atomic`: two sessions remembering at once both keep their mapping.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from base.atomic import update_atomic
from base.errors import MappingError
from base.settings import Settings
from eventmap.columns.guess import ColumnMapping
from eventmap.columns.synonyms import header_key

FILE_NAME = "column_mappings.json"
_VERSION = 1


def header_hash(header: Sequence[str]) -> str:
    """The key of a header: a hash of its cells reduced by `header_key`, in order."""
    joined = "\x1f".join(header_key(cell) for cell in header)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


class MappingMemory:
    """The column mappings remembered for headers, in one JSON file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    @classmethod
    def from_settings(cls, settings: Settings) -> MappingMemory:
        return cls(settings.state_dir / FILE_NAME)

    def _entries(self, data: bytes | None) -> dict[str, dict[str, object]]:
        if not data:
            return {}
        try:
            loaded = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return {}  # a damaged file is replaced on the next remember; nothing else is in it
        entries = loaded.get("mappings") if isinstance(loaded, dict) else None
        return entries if isinstance(entries, dict) else {}

    def recall(self, header: Sequence[str]) -> ColumnMapping | None:
        """The mapping remembered for this header, with the header's own spelling; None when there is none."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        entry = self._entries(data).get(header_hash(header))
        if not isinstance(entry, dict):
            return None
        try:
            stored = ColumnMapping.from_json(entry)
            names = tuple(cell.replace("\ufeff", "").strip() for cell in header)
            return ColumnMapping({}, names).with_overrides(stored.columns)
        except MappingError:
            return None

    def remember(self, header: Sequence[str], mapping: ColumnMapping) -> None:
        """Keep `mapping` for tables with this header (replacing what was kept for it)."""
        key = header_hash(header)
        entry: dict[str, object] = {"header": [cell.strip() for cell in header], "columns": dict(mapping.columns)}

        def add(data: bytes | None) -> bytes:
            entries = self._entries(data)
            entries[key] = entry
            return json.dumps({"version": _VERSION, "mappings": entries}, ensure_ascii=False, indent=1,
                              sort_keys=True).encode("utf-8")

        update_atomic(self.path, add)
