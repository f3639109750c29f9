"""Events frames for the service tests (ids V1, V2, ...); the builder is in `tests/eventframes.py`."""

from __future__ import annotations

import pytest
from eventframes import MakeEvents, events_frame


@pytest.fixture
def make_events() -> MakeEvents:
    """`make_events({...}, {...})`: one event per mapping, other fields from `eventframes.EVENT`."""
    return lambda *records: events_frame(list(records), event_id=lambda i: f"V{i + 1}")
