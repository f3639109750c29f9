"""Fixtures for the geo tests: a fake clock, a fake Nominatim server on 127.0.0.1, temporary settings."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_nominatim import FakeClock, FakeNominatim

import geo.chain
from base.settings import Settings
from geo.placeindex import PlaceIndex


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def nominatim() -> Iterator[FakeNominatim]:
    fake = FakeNominatim()
    fake.thread.start()
    try:
        yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def offline_settings(tmp_path: Path) -> Settings:
    """Settings writing only under tmp_path, online geocoding off."""
    return dataclasses.replace(Settings(), state_dir=tmp_path / "var", overrides_path=tmp_path / "overrides.csv",
                               online_geocoding=False)


@pytest.fixture(scope="session")
def real_place_index() -> PlaceIndex:
    """The real village index (235,000 places), built once into the app's state folder and reused."""
    return PlaceIndex.load_or_build(Settings().state_dir)


@pytest.fixture(autouse=True)
def _one_place_index(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Chains built on a test's temporary state folder read the one real index, not a new one each."""
    monkeypatch.setattr(geo.chain, "shared_place_index", lambda _state_dir: request.getfixturevalue("real_place_index"))
