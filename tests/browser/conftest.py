"""Fixtures for browser tests: a real `streamlit run` server and Debian chromium driven by Playwright.

- `start_app(env=None, script="app.py") -> base URL`: starts (once per distinct env and script, for the
  whole session) `streamlit run SCRIPT --server.port <free port> --server.headless true` with the test's
  environment variables on top of a clean one (its own state dir and overrides file in a temp folder),
  waits for `/_stcore/health`, and stops every server at the end of the session.
- `app_url`: the dashboard on the bundled data.
- `browser`: chromium (session-scoped); `page`: a fresh context and page per test, where every request
  to a host other than 127.0.0.1/localhost is aborted and recorded in `page.blocked_requests`.
- `screenshot(page, name)` (a fixture): saves `artifacts/screenshots/NAME.png` and returns its path.

Run with `python -m pytest tests/browser -m browser`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
STARTUP_TIMEOUT_S = 60.0

StartApp = Callable[..., str]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_health(base_url: str, process: subprocess.Popen, *, timeout_s: float = STARTUP_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode} before it was healthy")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as reply:
            if reply.read().strip() == b"ok":
                return
        time.sleep(0.25)
    raise TimeoutError(f"streamlit at {base_url} not healthy after {timeout_s:.0f} s")


@pytest.fixture(scope="session")
def village_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The GeoNames village index, built once for the session (about 20 s) and copied into each app's state
    folder: an app would otherwise build it on the first unknown place name, past a test's time-outs."""
    from geo.placeindex import INDEX_FILE, PlaceIndex

    folder = tmp_path_factory.mktemp("village-index")
    PlaceIndex.load_or_build(folder)
    return folder / INDEX_FILE


@pytest.fixture(scope="session")
def start_app(tmp_path_factory: pytest.TempPathFactory, village_index: Path) -> Iterator[StartApp]:
    servers: dict[tuple, tuple[subprocess.Popen, str]] = {}
    logs: list[Path] = []

    def start(env: Mapping[str, str] | None = None, script: str = "app.py") -> str:
        key = (script, tuple(sorted((env or {}).items())))
        if key in servers:
            return servers[key][1]
        state = tmp_path_factory.mktemp("app-state")
        shutil.copyfile(village_index, state / village_index.name)
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTMAP_")}
        full_env.update({"EVENTMAP_STATE_DIR": str(state), "EVENTMAP_OVERRIDES": str(state / "overrides.csv"),
                         "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"})
        full_env.update(env or {})
        log = state / "streamlit.log"
        logs.append(log)
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
            cwd=PROJECT_ROOT, env=full_env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        )
        servers[key] = (process, base_url)
        try:
            wait_for_health(base_url, process)
        except (RuntimeError, TimeoutError) as error:
            raise RuntimeError(f"{error}\n--- {log} ---\n{log.read_text(errors='replace')[-4000:]}") from error
        return base_url

    yield start
    for process, _ in servers.values():
        process.terminate()
    for process, _ in servers.values():
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_url(start_app: StartApp) -> str:
    return start_app()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-GB", timezone_id="UTC")
    blocked: list[str] = []

    def only_local(route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"} or (parts.hostname or "") in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.blocked_requests = blocked
    page.set_default_timeout(30_000)
    yield page
    context.close()


OpenFilePage = Callable[..., object]


@pytest.fixture
def file_page(browser) -> Iterator[OpenFilePage]:
    """`file_page(viewport={...}, timeout_ms=...)`: a page that may load file://, data:, blob: and about: URLs only (the
    standalone documents, offline). It records aborted requests (`page.blocked`), script errors
    (`page.errors`) and dialogs (`page.dialogs`, dismissed)."""
    contexts = []

    def open_page(*, viewport: Mapping[str, int], timeout_ms: int = 30_000):
        context = browser.new_context(viewport=dict(viewport), locale="en-GB", timezone_id="UTC")
        contexts.append(context)
        page = context.new_page()
        page.blocked, page.errors, page.dialogs = [], [], []

        def only_files(route) -> None:
            if route.request.url.startswith(("file://", "data:", "blob:", "about:")):
                route.continue_()
            else:
                page.blocked.append(route.request.url)
                route.abort()

        page.route("**/*", only_files)
        page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.set_default_timeout(timeout_ms)
        return page

    yield open_page
    for context in contexts:
        context.close()


def save_screenshot(page, name: str, *, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """`screenshot(page, "name")` saves artifacts/screenshots/name.png."""
    return save_screenshot
