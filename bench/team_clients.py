"""The sessions of `bench/load_team.py`: the clients of `bench/load_class.py`, through nginx, surviving a failover.

- `protocol_session`: `load_class.ProtocolSession` (Streamlit's own WebSocket protocol) with a sticky cookie of
  its own, as a browser has after its first visit. It notes which replica nginx chose (the `X-Eventmap-Replica`
  header of the upgrade) and, when that replica dies under it, does what Streamlit's browser client does:
  reconnects (nginx sends it to another replica) and reruns the page with its URL's query (where the app
  keeps the filters) and its widgets' values. Counted: the
  reconnections, the time from the lost connection to the map on the new replica, and every failure.
- `TrackedBrowser`: a Playwright browser whose contexts note each page's WebSockets and the replicas that
  answered, so `load_class.browser_session` runs unchanged and its reconnections are counted too.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import uuid
from dataclasses import dataclass, field

import load_class
from load_class import ProtocolSession, SessionResult

COOKIE = "eventmap_replica"
REPLICA_HEADER = "X-Eventmap-Replica"


@dataclass
class TeamSession(SessionResult):
    """A session's figures, plus where nginx sent it and how it came back after losing its replica."""

    cookie: str = ""
    replicas: list[str] = field(default_factory=list)  # every replica it was served by, in order
    websockets: int = 0  # WebSocket connections opened (1 when it never lost one)
    recoveries_s: list[float] = field(default_factory=list)  # lost connection -> map again, on another replica
    lost_replica: bool = False
    finished: bool = False
    changes_undone: int = 0  # filter changes in flight when the replica died, undone by the new session

    @property
    def reconnections(self) -> int:
        return max(0, self.websockets - 1)

    @property
    def replica(self) -> str:
        return self.replicas[-1] if self.replicas else ""


def answering_replica(value: str) -> str:
    """nginx lists every upstream it tried ("a, b"): the last one answered."""
    return value.split(",")[-1].strip()


class Lost(Exception):
    """The WebSocket closed under a session (its replica died)."""


async def _open(url: str, result: TeamSession, *, timeout_s: float):
    from websockets.asyncio.client import connect

    deadline = time.monotonic() + timeout_s
    while True:
        try:
            # No keepalive pings from this side, as a browser (the server pings): a client that gives up on a
            # busy server after 20 s would count the bench's impatience as the server's error.
            websocket = await connect(url, subprotocols=["streamlit"], max_size=None, proxy=None, open_timeout=10,
                                      ping_interval=None,
                                      additional_headers={"Cookie": f"{COOKIE}={result.cookie}"})
        except (OSError, TimeoutError, Exception) as error:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no WebSocket in {timeout_s:.0f} s: {error}") from error
            await asyncio.sleep(0.5)
            continue
        result.websockets += 1
        result.replicas.append(answering_replica(websocket.response.headers.get(REPLICA_HEADER, "")))
        return websocket


async def _rerun(session: ProtocolSession, **kwargs) -> list:
    from websockets.exceptions import ConnectionClosed

    try:
        return await session.rerun(**kwargs)
    except ConnectionClosed as error:
        raise Lost(str(error)) from error


async def protocol_session(base_url: str, result: TeamSession, *, changes: int, pause_s: float, timeout_s: float,
                           reconnect: bool) -> None:
    """Open the page, then `changes` date-filter changes; with `reconnect`, come back after a lost replica."""
    url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
    result.cookie = result.cookie or uuid.uuid4().hex
    websocket = None
    session: ProtocolSession | None = None

    async def run(dates: tuple[float, float] | None, *, not_shown: int | None) -> tuple[float, int, bool]:
        """Rerun; the time the map arrived, its event count, and whether the replica had to change."""
        nonlocal websocket, session
        assert session is not None
        try:
            at, shown = session.map_updated_at(await _rerun(session, dates=dates), not_shown=not_shown)
            return at, shown, False
        except Lost:
            if not reconnect:
                raise
        # As Streamlit's client: a new WebSocket (nginx picks a live replica for the same cookie), then a
        # rerun with the URL's query and the widgets' values; the new replica starts a new session.
        lost_at = time.monotonic()
        result.lost_replica = True
        with contextlib.suppress(Exception):
            await websocket.close()
        websocket = await _open(url, result, timeout_s=timeout_s)
        previous, session = session, ProtocolSession(websocket, result, timeout_s=timeout_s)
        session.dates_id, session.dates_range = previous.dates_id, previous.dates_range
        session.query_string = previous.query_string  # the browser's URL keeps the filters
        at, shown = session.map_updated_at(await _rerun(session, dates=dates), not_shown=None)
        result.recoveries_s.append(at - lost_at)
        return at, shown, True

    try:
        websocket = await _open(url, result, timeout_s=timeout_s)
        session = ProtocolSession(websocket, result, timeout_s=timeout_s)
        started = time.monotonic()
        at, shown, _ = await run(None, not_shown=None)
        result.first_map_s, result.served = at - started, True
        every_event = shown
        for _step in range(changes):
            await asyncio.sleep(pause_s * random.uniform(0.5, 1.5))  # think time
            low, high = session.dates_range
            # The end of the range to the first day, or back to the last: always a change of the map.
            dates = (low, low) if shown == every_event else (low, high)
            sent, before = time.monotonic(), shown
            at, shown, moved = await run(dates, not_shown=shown)
            if not moved:
                result.change_latencies_s.append(at - sent)
            elif shown == before:
                # The change's run never finished: the URL still holds the filters before it, and the new
                # session starts from the URL, as in a browser. The page is consistent, the change undone.
                result.changes_undone += 1
    except Exception as error:  # every failure of a session is counted; none stops the others
        result.fail(error)
    finally:
        if websocket is not None:
            with contextlib.suppress(Exception):
                await websocket.close()


class TrackedBrowser:
    """A Playwright browser for `load_class.browser_session` whose contexts report to one `TeamSession` each."""

    def __init__(self, browser, result: TeamSession) -> None:
        self.browser = browser
        self.result = result

    async def new_context(self, **options):
        context = await self.browser.new_context(**options)
        result = self.result

        def on_response(response) -> None:
            replica = response.headers.get(REPLICA_HEADER.lower())
            if replica and answering_replica(replica) not in result.replicas[-1:]:
                result.replicas.append(answering_replica(replica))

        def on_page(page) -> None:
            def on_websocket(_websocket) -> None:
                result.websockets += 1

            page.on("websocket", on_websocket)

        context.on("response", on_response)
        context.on("page", on_page)
        return context


async def browser_session(browser, base_url: str, result: TeamSession, *, changes: int, pause_s: float,
                          timeout_s: float) -> None:
    await load_class.browser_session(TrackedBrowser(browser, result), base_url, result, changes=changes,
                                     pause_s=pause_s, timeout_s=timeout_s)
