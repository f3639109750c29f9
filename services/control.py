"""The territorial control that comes with the data shown: its `control_changes.csv`, the team store's, or nothing.

`control_for(source_path)` loads the control file beside an events file (`eventmap.control.history`), validates
it like the events and computes the state of every change day once (`ControlHistory`). `team_control(store)`
does the same with the changes kept in the team store (`python -m store import-control`), through the same
loader. An upload, or a file with no control file beside it, has none: no layer, no caveat, no error. A
control file that cannot be used is reported (`ControlData.failure`), never drawn half-read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from base.errors import DataFileError, LimitExceededError
from base.problems import Problem
from eventmap.control.history import ControlHistory, control_file_beside
from eventmap.control.layers import TerritoryLayerError, load_layers
from eventmap.control.loading import ControlLoadResult, load_control_changes
from store.api import EventStore, StoreError

TEAM_SOURCE = "team store: changes of control"


@dataclass(frozen=True, kw_only=True)
class ControlData:
    """The control history of the data shown (None when it has none), with the control file's problems."""

    history: ControlHistory | None
    source_name: str = ""
    problems: tuple[Problem, ...] = ()
    failure: str = ""  # why the control file could not be used ("" when it was, or when there is none)


def control_for(events_path: Path | None) -> ControlData:
    """The control beside `events_path` (see the module docstring)."""
    path = control_file_beside(events_path)
    if path is None:
        return ControlData(history=None)
    try:
        result = load_control_changes(path, name=path.name)
    except (DataFileError, LimitExceededError) as exc:
        return ControlData(history=None, source_name=path.name, failure=str(exc))
    return _control_of(result, source_name=path.name)


def team_control(store: EventStore) -> ControlData:
    """The changes of control kept in the team store (none stored: no layer, as a file without them)."""
    try:
        result = store.control_changes()
    except (StoreError, DataFileError, LimitExceededError) as exc:
        return ControlData(history=None, source_name=TEAM_SOURCE, failure=str(exc))
    return _control_of(result, source_name=TEAM_SOURCE)


def _control_of(result: ControlLoadResult, *, source_name: str) -> ControlData:
    if not result.changes:
        return ControlData(history=None, source_name=source_name, problems=tuple(result.problems))
    try:
        layers = load_layers()
    except TerritoryLayerError as exc:
        return ControlData(history=None, source_name=source_name, failure=str(exc))
    history = ControlHistory.build(result.changes, layers=layers, source_name=source_name)
    return ControlData(history=history, source_name=source_name, problems=tuple(result.problems))
