"""Control on every day of a war, computed once: the states change only on the days a change is dated.

`ControlHistory.build(changes, layers=..., source_name=...)` computes the state at the end of each change day
(plus the pre-war state); `history.on(day)` is then a lookup, so the dashboard, the playback page and the
animated exports ask for any day without computing geometry again. `control_file_beside(path)` finds the
control file that comes with an events file (`control_changes.csv` in the same folder), or None: another
conflict brings its own file, or none (then nothing about control is drawn or said).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .layers import Layers
from .schema import ControlChange
from .state import ControlState, control_on

CONTROL_FILE_NAME = "control_changes.csv"


def control_file_beside(events_path: Path | None) -> Path | None:
    """`control_changes.csv` in the folder of `events_path` when there is one (None for an upload)."""
    if events_path is None:
        return None
    candidate = Path(events_path).parent / CONTROL_FILE_NAME
    return candidate if candidate.is_file() else None


@dataclass(frozen=True, slots=True)
class ControlHistory:
    """The state of control after each change day, in day order; `states[0]` is the situation before the war."""

    changes: tuple[ControlChange, ...]
    days: tuple[dt.date, ...]  # the day of each state (the first: the day before the first change)
    states: tuple[ControlState, ...]
    source_name: str = ""  # the control file's name, as the caveat cites it

    @classmethod
    def build(cls, changes: Iterable[ControlChange], *, layers: Layers, source_name: str = "") -> ControlHistory:
        changes = tuple(changes)
        change_days = sorted({c.date for c in changes})
        if not change_days:
            raise ValueError("a control history needs at least one change")
        days = (change_days[0] - dt.timedelta(days=1), *change_days)
        states = tuple(control_on(day, changes=changes, layers=layers) for day in days)
        return cls(changes=changes, days=days, states=states, source_name=source_name)

    def index_on(self, day: dt.date) -> int:
        """The index of the state in force at the end of `day` (0 before the first change)."""
        return max(0, bisect.bisect_right(self.days, day) - 1)

    def on(self, day: dt.date) -> ControlState:
        """Control at the end of `day` (a lookup: no geometry is computed)."""
        return self.states[self.index_on(day)]

    def change(self, change_id: str) -> ControlChange | None:
        return next((c for c in self.changes if c.change_id == change_id), None)

    @property
    def first_day(self) -> dt.date:
        return self.days[1]

    @property
    def last_day(self) -> dt.date:
        return self.days[-1]
