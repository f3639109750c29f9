"""Fixtures of the export tests: events frames (see `export_frames`)."""

from __future__ import annotations

import pandas as pd
import pytest
from export_frames import MakeEvents, make_events


@pytest.fixture
def events() -> MakeEvents:
    return lambda *rows: make_events(list(rows))


@pytest.fixture
def war_week() -> pd.DataFrame:
    """Eight days of the war: shelled towns, battles, a disputed and a denied claim, one row without coordinates."""
    return make_events([
        {"date": "2020-10-04", "location": "Jabrayil", "event_type": "Battles", "sub_event_type": "Armed clash",
         "status": "disputed"},
        {"date": "2020-10-04", "location": "Ganja", "side": "Armenia", "status": "claimed"},
        {"date": "2020-10-06", "location": "Barda", "side": "Armenia"},
        {"date": "2020-10-08", "location": "Shusha", "status": "denied"},
        {"date": "2020-10-08", "location": "Stepanakert"},
        {"date": "2020-10-08", "location": "Stepanakert", "side": "Artsakh", "event_type": "Battles",
         "sub_event_type": "Armed clash"},
        {"date": "2020-10-09", "location": "Hadrut", "event_type": "Battles", "sub_event_type": "Armed clash",
         "status": "disputed"},
        {"date": "2020-10-11", "location": "Tartar", "side": "Armenia"},
        {"date": "2020-10-09", "location": "a statement", "latitude": "", "longitude": "", "side": "Turkey",
         "event_type": "Strategic developments", "sub_event_type": "Other", "geo_precision": "region"},
    ])
