"""Fixtures shared by every test folder."""

from __future__ import annotations

import pandas as pd
import pytest
from eventframes import PROJECT_ROOT

pytest_plugins = ("pg",)  # a real PostgreSQL for the team store's tests (and any folder's): `postgres_url`, ...


@pytest.fixture(scope="session")
def bundled_events() -> pd.DataFrame:
    """The bundled `events.csv`, loaded once."""
    from eventmap.loading import load_events

    return load_events(PROJECT_ROOT / "events.csv").events
