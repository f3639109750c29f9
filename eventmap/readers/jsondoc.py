"""JSON event files: an array of records, a wrapper object holding one (`{"data": [...]}`, `{"events": [...]}`),
or JSON Lines (one record per line).

Each record is one row; nested objects become `parent.child` columns and lists are joined with `; `
(see `cells.flatten`). `RawRow.line` is the record's 1-based number in its array (`Table.line_unit` is
"record"); for JSON Lines it is the physical line, which is the record number when there are no blank lines.
A value that is not an object (a number, a string, a list) is kept as a row with a problem, never dropped.

A wrapper may also hold tables that records refer to by id, as TimeMap exports do (`"sources": ["S1"]`
next to a top-level `"sources": [{"id": "S1", "url": ...}]`, or `"sources": {"S1": {"paths": [...]}}` as
datasheet-server serves them): such ids are replaced by the objects they name, so their fields become
columns (`sources.url`); an id that names nothing stays as it is, with a warning.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from base.errors import DataFileError
from base.problems import Problem, Severity
from base.reading import Table, decode
from eventmap.readers.cells import TableKind, check_rows, flatten, records_table

# Keys of a wrapper object that hold the records, in order of preference.
RECORD_KEYS = ("events", "data", "records", "rows", "items", "results", "features")
_SHOWN = 60  # characters of a bad value shown in a problem


def looks_like_json(text: str) -> bool:
    """True when `text` starts (after white space) like a JSON array or object."""
    return text.lstrip()[:1] in ("[", "{")


def parse_json(data: bytes, *, name: str) -> tuple[object, str, list[Problem], bool]:
    """`(document, encoding, problems, lines)`: the parsed JSON (a list of `(line, value)` for JSON Lines,
    with `lines` True). Raises `DataFileError` for text that is neither JSON nor JSON Lines."""
    text, encoding, problems = decode(data, name=name)
    try:
        return json.loads(text), encoding, problems, False
    except json.JSONDecodeError as whole:
        if whole.msg != "Extra data":
            raise DataFileError(f"{name}: not a JSON file: {whole.msg} at line {whole.lineno}, "
                                f"column {whole.colno}") from None
    values: list[tuple[int, object]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{name}:{number}: not a JSON Lines file: {exc.msg} at column {exc.colno}") from None
    return values, encoding, problems, True


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _kind_of(value: object) -> str:
    return {list: "a list", str: "a string", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")


def records_of(document: object, *, name: str) -> tuple[list[object], dict[str, dict[str, Mapping]]]:
    """The records of a parsed JSON document, and the lookup tables a wrapper holds (list name -> id -> object).

    Raises `DataFileError` when the document holds no list of records."""
    if isinstance(document, list):
        return document, {}
    if not isinstance(document, Mapping):
        raise DataFileError(f"{name}: a JSON file of events must be an array of records or an object holding one; "
                            f"this is {_kind_of(document)}")
    key = next((k for k in RECORD_KEYS if isinstance(document.get(k), list)), None)
    if key is None:
        lists = [k for k, v in document.items() if isinstance(v, list)]
        if len(lists) != 1:
            raise DataFileError(f"{name}: no list of records found: expected an array, or an object with one of "
                                f"{', '.join(RECORD_KEYS)} (found keys: {', '.join(map(repr, list(document)[:10]))})")
        key = lists[0]
    lookups = {k: _lookup(v) for k, v in document.items() if k != key}
    return document[key], {k: v for k, v in lookups.items() if v}


def _lookup(value: object) -> dict[str, Mapping]:
    """id -> object of a list of objects with an `id`, or of an object of objects keyed by id."""
    if isinstance(value, list):
        return {str(item["id"]): item for item in value if isinstance(item, Mapping) and "id" in item}
    if isinstance(value, Mapping) and value and all(isinstance(item, Mapping) for item in value.values()):
        return {str(k): {"id": k, **item} for k, item in value.items()}
    return {}


def _resolve(record: Mapping[str, object], lookups: dict[str, dict[str, Mapping]], *, name: str,
             number: int, problems: list[Problem]) -> dict[str, object]:
    """`record` with lists of ids replaced by the objects of the wrapper's list of the same name."""
    resolved = dict(record)
    for key, table in lookups.items():
        ids = record.get(key)
        if isinstance(ids, str | int):
            ids = [ids]
        if not isinstance(ids, list) or not all(isinstance(i, str | int) for i in ids):
            continue
        found = [table.get(str(i)) for i in ids]
        missing = [str(i) for i, item in zip(ids, found, strict=True) if item is None]
        if missing:
            problems.append(Problem(name, number, key, f"record {number}: {len(missing)} id(s) not among the file's "
                                    f"{key!r}; kept as they are", "; ".join(missing), Severity.WARNING))
        resolved[key] = [item if item is not None else {"id": str(i)} for i, item in zip(ids, found, strict=True)]
    return resolved


def read_json(data: bytes, *, name: str, max_rows: int | None = None) -> Table:
    """The records of a JSON or JSON Lines file as a table (see the module's docstring)."""
    document, encoding, problems, lines = parse_json(data, name=name)
    return json_table(document, name=name, encoding=encoding, problems=problems, lines=lines, max_rows=max_rows)


def json_table(document: object, *, name: str, encoding: str, problems: list[Problem], lines: bool,
               max_rows: int | None = None) -> Table:
    """The records of a parsed JSON document (`parse_json`) as a table."""
    if lines:
        numbered = document if isinstance(document, list) else []
        lookups: dict[str, dict[str, Mapping]] = {}
    else:
        records, lookups = records_of(document, name=name)
        numbered = list(enumerate(records, start=1))
    check_rows(len(numbered), name=name, max_rows=max_rows)
    if not numbered:
        raise DataFileError(f"{name}: the file holds no records")
    rows: list[tuple[int, dict[str, str] | None, str]] = []
    for number, value in numbered:
        if isinstance(value, Mapping):
            rows.append((number, flatten(_resolve(value, lookups, name=name, number=number, problems=problems)), ""))
        else:
            rows.append((number, None, f"record {number} is {_kind_of(value)}, not an object: {_shown(value)}"))
    return records_table(rows, kind=TableKind.JSON, encoding=encoding, problems=problems)
