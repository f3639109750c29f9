"""A full class at once: many sessions against ONE `streamlit run app.py` on 127.0.0.1.

    python bench/load_class.py [--sessions 30] [--browsers 5] [--changes 4] [--data FILE] [--json OUT.json]

Starts the app on a free port (its state in a temporary folder) and opens the sessions at once, in two
kinds (the issue allows headless browsers or Streamlit's own client):

- `--browsers` sessions are Playwright browser contexts in one Debian chromium (every request to another
  host is aborted and counted): they measure what a student sees, end to end. A dashboard session
  changes the date filter with the keyboard (the end of the range to the first day, then back to the
  last, ...) and waits until the headline counter shows the new number of events and the map's marker
  layer holds that many markers. Every third session opens the presentation view (`?present=1`) instead
  and plays the timeline (the day shown must advance).
- the others speak Streamlit's own protocol over the WebSocket (`/_stcore/stream`, protobuf BackMsg /
  ForwardMsg, as the browser does): the same filter changes, sent as widget states; the "updated map" is
  the map element whose event layer holds as many events as the new headline says. Every third one asks
  for `?present=1` and waits for the presentation document. They measure the server: thirty browsers'
  rendering would need more than the two cores of a test machine.

Reported: sessions served; p50/p95/max of the time from a filter change to the updated map, per kind;
the time to the first map; the server's memory (VmRSS at start, after the first session, peak, end) and
CPU time; how often the data was loaded and geocoded (the server runs with `load_events` and
`geocode_frame` wrapped to log each call, so a load per session would show); errors: failed waits,
script errors, exception boxes or elements, tracebacks in the server log, requests that tried to leave
127.0.0.1. There must be none. `tests/load/test_class_load.py` runs it with 30 sessions.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
LOAD_MARK = "EVENTMAP-BENCH-LOAD"
GEOCODE_MARK = "EVENTMAP-BENCH-GEOCODE"
HEADLINE = re.compile(r"([\d,]+) of ([\d,]+) events shown")
DATES_LABEL = "Dates"

# The server: streamlit with the loader and the geocoder wrapped to log their calls.
SERVER = f"""
import sys
import eventmap.loading as loading
import geo

def counted(function, mark):
    def wrapper(*args, **kwargs):
        print(mark, kwargs.get("name", ""), flush=True, file=sys.stderr)
        return function(*args, **kwargs)
    return wrapper

loading.load_events = counted(loading.load_events, "{LOAD_MARK}")
geo.geocode_frame = counted(geo.geocode_frame, "{GEOCODE_MARK}")
from streamlit.web.cli import main
sys.argv = ["streamlit", "run", *sys.argv[1:]]
main()
"""

# In the map's frame: how many event markers the map holds (in every marker cluster group).
MAP_MARKERS = """
() => {
  if (!window.L || !L.MarkerClusterGroup) return null;
  const maps = new Set();
  for (const key of Object.keys(window)) {
    try { if (window[key] instanceof L.Map) maps.add(window[key]); } catch (e) { /* not a map */ }
  }
  let n = 0, groups = 0;
  const seen = new Set();
  const visit = (layer) => {
    if (seen.has(layer)) return;
    seen.add(layer);
    if (layer instanceof L.MarkerClusterGroup) { groups += 1; n += layer.getLayers().length; return; }
    if (layer.getLayers) layer.getLayers().forEach(visit);
  };
  maps.forEach((map) => map.eachLayer(visit));
  return groups ? n : null;
}
"""
PLAYBACK_READY = "() => !!document.querySelector(\"#pb-root[data-ready='true']\")"


@dataclass
class SessionResult:
    index: int
    kind: str  # "dashboard" or "presentation"
    client: str  # "browser" or "protocol"
    served: bool = False
    first_map_s: float | None = None
    change_latencies_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)

    def fail(self, error: BaseException | str) -> None:
        text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        self.errors.append(f"session {self.index} ({self.client} {self.kind}): {text}"[:300])


@dataclass
class Figures:
    count: int
    p50_s: float | None
    p95_s: float | None
    max_s: float | None

    @classmethod
    def of(cls, values: list[float]) -> Figures:
        if not values:
            return cls(0, None, None, None)
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return cls(len(values), statistics.median(values), p95, ordered[-1])

    def text(self) -> str:
        if not self.count:
            return "none"
        return f"p50 {self.p50_s:.2f} s, p95 {self.p95_s:.2f} s, max {self.max_s:.2f} s (n={self.count})"


@dataclass
class ClassReport:
    sessions: int
    browser_sessions: int
    served: int
    presentation_sessions: int
    change_browser: Figures
    change_protocol: Figures
    first_map_browser: Figures
    first_map_protocol: Figures
    rss_start_mb: float
    rss_after_first_session_mb: float
    rss_peak_mb: float
    rss_end_mb: float
    server_cpu_s: float
    data_loads: int
    geocode_runs: int
    errors: list[str]
    server_log_errors: list[str]
    duration_s: float

    @property
    def error_count(self) -> int:
        return len(self.errors) + len(self.server_log_errors)

    def text(self) -> str:
        return "\n".join([
            f"sessions served: {self.served} of {self.sessions} ({self.browser_sessions} in chromium, the others "
            f"over Streamlit's protocol; {self.presentation_sessions} in presentation mode)",
            f"filter change -> updated map, in chromium: {self.change_browser.text()}",
            f"filter change -> updated map, server (protocol): {self.change_protocol.text()}",
            f"first map, in chromium: {self.first_map_browser.text()}",
            f"first map, server (protocol): {self.first_map_protocol.text()}",
            f"server RSS: {self.rss_start_mb:.0f} MB at start, {self.rss_after_first_session_mb:.0f} MB after the "
            f"first session, {self.rss_peak_mb:.0f} MB peak, {self.rss_end_mb:.0f} MB at the end; "
            f"server CPU {self.server_cpu_s:.1f} s",
            f"data loads: {self.data_loads}, geocoding runs: {self.geocode_runs}",
            f"errors: {self.error_count}",
            *(f"  {e}" for e in [*self.errors, *self.server_log_errors][:20]),
            f"wall time: {self.duration_s:.0f} s",
        ])


# ---- the server ------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int, *, peak: bool = False) -> float:
    """The resident memory of a process (with `peak`, the most it has held), from /proc (0 when it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(rf"^{'VmHWM' if peak else 'VmRSS'}:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used, from /proc (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    process: subprocess.Popen
    base_url: str
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)


def start_server(*, data: Path | None, state_dir: Path, timeout_s: float = 90.0, script: str = "app.py",
                 count_calls: bool = True) -> Server:
    """`streamlit run script` on a free port of 127.0.0.1, once healthy; with `count_calls` the loader and the
    geocoder log each call (see `SERVER`), without it the plain `streamlit` command runs."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTMAP_")}
    env.update({"EVENTMAP_STATE_DIR": str(state_dir), "EVENTMAP_OVERRIDES": str(state_dir / "overrides.csv"),
                "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONPATH": str(PROJECT_ROOT)})
    if data is not None:
        env["EVENTMAP_DATA"] = str(data)
    log = state_dir / "streamlit.log"
    command = [sys.executable, "-c", SERVER] if count_calls else [sys.executable, "-m", "streamlit", "run"]
    process = subprocess.Popen(
        [*command, script, "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=PROJECT_ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    server = Server(process=process, base_url=base_url, log=log)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log_text()[-3000:]}")
        with contextlib.suppress(OSError), urllib.request.urlopen(  # noqa: S310 (a local URL)
            f"{base_url}/_stcore/health", timeout=2
        ) as reply:
            if reply.read().strip() == b"ok":
                return server
        time.sleep(0.25)
    server.stop()
    raise TimeoutError(f"streamlit not healthy after {timeout_s:.0f} s:\n{server.log_text()[-3000:]}")


def server_log_errors(text: str) -> list[str]:
    """Lines of the server log that report an error."""
    return [line.strip()[:200] for line in text.splitlines()
            if line.startswith("Traceback") or re.search(r"\b\w*(Error|Exception)\b:", line)]


# ---- a session in chromium -------------------------------------------------------------------------------------


async def browser_map_count(page) -> int | None:
    for frame in page.frames:
        with contextlib.suppress(Exception):
            count = await frame.evaluate(MAP_MARKERS)
            if count is not None:
                return count
    return None


async def browser_headline(page) -> int | None:
    with contextlib.suppress(Exception):
        text = await page.locator("h4", has_text="events shown").first.text_content(timeout=1000)
        match = HEADLINE.search(text or "")
        if match:
            return int(match.group(1).replace(",", ""))
    return None


async def browser_wait_for_map(page, *, not_shown: int | None, timeout_s: float) -> int:
    """Until the headline shows a count other than `not_shown` and the map holds that many markers."""
    deadline = time.monotonic() + timeout_s
    last: tuple[int | None, int | None] = (None, None)
    while time.monotonic() < deadline:
        shown = await browser_headline(page)
        if shown is not None and shown != not_shown:
            last = (shown, await browser_map_count(page))
            if last[1] == shown:
                return shown
        await asyncio.sleep(0.05)
    raise TimeoutError(f"map not updated in {timeout_s:.0f} s (headline, markers = {last})")


async def browser_session(browser, base_url: str, result: SessionResult, *, changes: int, pause_s: float,
                          timeout_s: float) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="UTC")

    async def only_local(route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in {"data", "blob", "about"} or (parts.hostname or "") in LOCAL_HOSTS:
            await route.continue_()
        else:
            result.blocked_requests.append(route.request.url)
            await route.abort()

    try:
        await context.route("**/*", only_local)
        page = await context.new_page()
        page.on("pageerror", lambda error: result.fail(f"script error: {error}"))
        started = time.monotonic()
        if result.kind == "presentation":
            await page.goto(base_url + "/?present=1", timeout=timeout_s * 1000)
            frame = await playback_frame(page, timeout_s=timeout_s)
            result.first_map_s, result.served = time.monotonic() - started, True
            day = await frame.evaluate("() => window.eventmapPlayback.state().day")
            await frame.locator("#pb-play").click()
            await frame.wait_for_function("(day) => window.eventmapPlayback.state().day !== day", arg=day,
                                          timeout=timeout_s * 1000)
            return
        await page.goto(base_url + "/", timeout=timeout_s * 1000)
        shown = await browser_wait_for_map(page, not_shown=None, timeout_s=timeout_s)
        result.first_map_s, result.served = time.monotonic() - started, True
        end_of_range = page.locator('[data-testid="stSlider"] input[type="range"]').nth(1)
        for step in range(changes):
            await asyncio.sleep(pause_s * random.uniform(0.5, 1.5))  # think time
            await end_of_range.focus()
            pressed = time.monotonic()
            await end_of_range.press("Home" if step % 2 == 0 else "End")
            shown = await browser_wait_for_map(page, not_shown=shown, timeout_s=timeout_s)
            result.change_latencies_s.append(time.monotonic() - pressed)
        if await page.locator('[data-testid="stException"]').count():
            result.fail("the page shows an exception")
    except Exception as error:  # every failure of a session is counted; none stops the class
        result.fail(error)
    finally:
        await context.close()


async def playback_frame(page, *, timeout_s: float):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            with contextlib.suppress(Exception):
                if await frame.evaluate(PLAYBACK_READY):
                    return frame
        await asyncio.sleep(0.1)
    raise TimeoutError(f"no presentation view in {timeout_s:.0f} s")


# ---- a session over Streamlit's protocol -----------------------------------------------------------------------


class ProtocolSession:
    """One session as the browser's Streamlit client would drive it, without drawing anything."""

    def __init__(self, websocket, result: SessionResult, *, timeout_s: float) -> None:
        self.ws = websocket
        self.result = result
        self.timeout_s = timeout_s
        self.dates_id = ""
        self.dates_range: tuple[float, float] = (0.0, 0.0)
        self.query_string = ""  # the page's URL query, as the app last set it (the filters live there)

    async def rerun(self, *, query: str = "", dates: tuple[float, float] | None = None) -> list:
        """Send a rerun (with the date widget's new value) and return the elements of the run."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = BackMsg()
        message.rerun_script.query_string = query or self.query_string  # as the browser: its URL's query
        if dates is not None:
            widget = message.rerun_script.widget_states.widgets.add()
            widget.id = self.dates_id
            widget.double_array_value.data.extend(dates)
        await self.ws.send(message.SerializeToString())
        elements = []
        async with asyncio.timeout(self.timeout_s):
            while True:
                reply = ForwardMsg()
                reply.ParseFromString(await self.ws.recv())
                kind = reply.WhichOneof("type")
                if kind == "ref_hash":
                    raise RuntimeError("the server sent a cached message the client never had")
                if kind == "page_info_changed":
                    self.query_string = reply.page_info_changed.query_string
                if kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                    element = reply.delta.new_element
                    elements.append((time.monotonic(), element))
                    self.notice(element)
                if kind == "script_finished":
                    return elements

    def notice(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.result.fail(f"exception in the page: {element.exception.type}: {element.exception.message}")
        elif kind == "slider" and element.slider.label == DATES_LABEL:
            self.dates_id = element.slider.id
            self.dates_range = (element.slider.min, element.slider.max)

    @staticmethod
    def map_updated_at(elements: list, *, not_shown: int | None) -> tuple[float, int]:
        """When the map with as many events as the headline arrived, and that number."""
        from eventmap.mapping import drawn_event_count, payloads_from_html

        shown = None
        for at, element in elements:
            kind = element.WhichOneof("type")
            if kind == "markdown" and (match := HEADLINE.search(element.markdown.body)):
                shown = int(match.group(1).replace(",", ""))
            elif kind == "component_instance" and shown is not None and shown != not_shown:
                args = json.loads(element.component_instance.json_args)
                counts = [drawn_event_count(p) for p in payloads_from_html(str(args.get("feature_group") or ""))]
                if counts and sum(counts) == shown:
                    return at, shown
        raise RuntimeError(f"the run did not send a map of the headline's events (headline {shown})")


async def protocol_session(base_url: str, result: SessionResult, *, changes: int, pause_s: float,
                           timeout_s: float) -> None:
    from websockets.asyncio.client import connect

    url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
    try:
        async with connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout_s) as websocket:
            session = ProtocolSession(websocket, result, timeout_s=timeout_s)
            started = time.monotonic()
            if result.kind == "presentation":
                elements = await session.rerun(query="present=1")
                if not any(b'id="pb-config"' in element.SerializeToString() for _, element in elements):
                    raise RuntimeError("?present=1 did not send the presentation document")
                result.first_map_s, result.served = time.monotonic() - started, True
                return
            at, shown = session.map_updated_at(await session.rerun(), not_shown=None)
            result.first_map_s, result.served = at - started, True
            low, high = session.dates_range
            for step in range(changes):
                await asyncio.sleep(pause_s * random.uniform(0.5, 1.5))  # think time
                sent = time.monotonic()
                elements = await session.rerun(dates=(low, low) if step % 2 == 0 else (low, high))
                at, shown = session.map_updated_at(elements, not_shown=shown)
                result.change_latencies_s.append(at - sent)
    except Exception as error:  # every failure of a session is counted; none stops the class
        result.fail(error)


# ---- the class -------------------------------------------------------------------------------------------------


async def run_sessions(server: Server, results: list[SessionResult], *, changes: int, stagger_s: float,
                       pause_s: float, timeout_s: float, memory: list[float]) -> None:
    from playwright.async_api import async_playwright

    async def run(browser, result: SessionResult) -> None:
        if result.client == "browser":
            await browser_session(browser, server.base_url, result, changes=changes, pause_s=pause_s,
                                  timeout_s=timeout_s)
        else:
            await protocol_session(server.base_url, result, changes=changes, pause_s=pause_s, timeout_s=timeout_s)

    async def arrive(browser, result: SessionResult) -> None:
        await asyncio.sleep(stagger_s * result.index)
        await run(browser, result)

    async def sample_memory(stop: asyncio.Event) -> None:
        while not stop.is_set():
            memory.append(rss_mb(server.process.pid))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.5)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await run(browser, results[0])  # the first student alone: the data is loaded now
            memory.append(rss_mb(server.process.pid))
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample_memory(stop))
            await asyncio.gather(*(arrive(browser, r) for r in results[1:]))  # then the whole class at once
            stop.set()
            await sampler
        finally:
            await browser.close()


def plan(sessions: int, browsers: int, present_every: int) -> list[SessionResult]:
    """The first `browsers` sessions run in chromium, the others over the protocol; every Nth presents."""
    return [
        SessionResult(index=i, client="browser" if i < browsers else "protocol",
                      kind="presentation" if present_every > 0 and i % present_every == present_every - 1
                      else "dashboard")
        for i in range(sessions)
    ]


def run_class(*, sessions: int = 30, browsers: int = 5, changes: int = 4, present_every: int = 3,
              data: Path | None = None, stagger_s: float = 0.1, pause_s: float = 2.0,
              timeout_s: float = 120.0) -> ClassReport:
    started = time.monotonic()
    results = plan(sessions, browsers, present_every)
    with tempfile.TemporaryDirectory(prefix="eventmap-load-") as state:
        server = start_server(data=data, state_dir=Path(state))
        try:
            rss_start = rss_mb(server.process.pid)
            memory: list[float] = []
            asyncio.run(run_sessions(server, results, changes=changes, stagger_s=stagger_s, pause_s=pause_s,
                                     timeout_s=timeout_s, memory=memory))
            rss_end, server_cpu = rss_mb(server.process.pid), cpu_seconds(server.process.pid)
            log = server.log_text()
        finally:
            server.stop()

    def collect(client: str, attribute: str) -> list[float]:
        values = []
        for r in results:
            if r.client == client:
                value = getattr(r, attribute)
                values += value if isinstance(value, list) else [value] if value is not None else []
        return values

    errors = [e for r in results for e in r.errors]
    errors += [f"session {r.index}: a request left 127.0.0.1: {url}" for r in results for url in r.blocked_requests]
    return ClassReport(
        sessions=sessions, browser_sessions=sum(r.client == "browser" for r in results),
        served=sum(r.served for r in results), presentation_sessions=sum(r.kind == "presentation" for r in results),
        change_browser=Figures.of(collect("browser", "change_latencies_s")),
        change_protocol=Figures.of(collect("protocol", "change_latencies_s")),
        first_map_browser=Figures.of(collect("browser", "first_map_s")),
        first_map_protocol=Figures.of(collect("protocol", "first_map_s")),
        rss_start_mb=rss_start, rss_after_first_session_mb=memory[0] if memory else 0.0,
        rss_peak_mb=max([rss_start, rss_end, *memory]), rss_end_mb=rss_end, server_cpu_s=server_cpu,
        data_loads=log.count(LOAD_MARK), geocode_runs=log.count(GEOCODE_MARK),
        errors=errors, server_log_errors=server_log_errors(log), duration_s=time.monotonic() - started,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--browsers", type=int, default=5, help="sessions in chromium (the others: protocol)")
    parser.add_argument("--changes", type=int, default=4, help="filter changes per dashboard session")
    parser.add_argument("--present-every", type=int, default=3, help="every Nth session presents (0: none)")
    parser.add_argument("--data", type=Path, help="event file (default: the app's)")
    parser.add_argument("--stagger", type=float, default=0.1, help="seconds between two sessions' arrivals")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    report = run_class(sessions=args.sessions, browsers=args.browsers, changes=args.changes,
                       present_every=args.present_every, data=args.data, stagger_s=args.stagger)
    print(report.text())
    if args.json:
        args.json.write_text(json.dumps({**asdict(report), "error_count": report.error_count}, indent=2) + "\n")
    return 0 if report.error_count == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
