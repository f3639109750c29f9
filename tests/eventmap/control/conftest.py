"""The bundled control changes and territory layers, loaded once for the control tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from eventframes import PROJECT_ROOT

from eventmap.control.layers import Layers, load_layers
from eventmap.control.loading import ControlLoadResult, load_control_changes
from eventmap.control.state import ControlState, control_on

CONTROL_FILE = PROJECT_ROOT / "control_changes.csv"


@pytest.fixture(scope="session")
def bundled_control() -> ControlLoadResult:
    return load_control_changes(CONTROL_FILE, name="control_changes.csv")


@pytest.fixture(scope="session")
def layers() -> Layers:
    return load_layers()


@pytest.fixture(scope="session")
def state_on(bundled_control: ControlLoadResult, layers: Layers) -> Callable[[str], ControlState]:
    """`state_on("2020-10-04")`: the state of that day from the bundled file (computed once per day)."""
    cache: dict[str, ControlState] = {}

    def state(day: str) -> ControlState:
        if day not in cache:
            cache[day] = control_on(dt.date.fromisoformat(day), changes=bundled_control.changes, layers=layers)
        return cache[day]

    return state
