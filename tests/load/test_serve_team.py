"""`scripts/serve-team.sh` (issue 17.4): N replicas behind nginx, sticky sessions, WebSocket, failover, clean stop.

The `load` test starts two replicas on a free port in a temporary state folder (about 30 s on two cores,
more when the store runs its own PostgreSQL), checks that both serve through nginx, that one cookie always
reaches one replica, that Streamlit's WebSocket upgrade passes the proxy, that a new session is still served
after one replica is killed with SIGKILL, and that `stop` leaves no process behind. The argument errors
need no server and run with the fast tests.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = PROJECT_ROOT / "scripts" / "serve-team.sh"
COOKIE = "eventmap_replica"
REPLICA_HEADER = "X-Eventmap-Replica"


def run_script(*args: str, env: dict[str, str] | None = None, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, timeout=timeout,
                          env=env if env is not None else os.environ.copy(), cwd=PROJECT_ROOT, check=False)


# ---- argument errors (no server) -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "a command is needed: start, stop or status"),
        (("begin",), "unknown command 'begin'"),
        (("start", "--replicas", "0"), "--replicas must be a whole number from 1 to 16, got '0'"),
        (("start", "--replicas", "17"), "--replicas must be a whole number from 1 to 16, got '17'"),
        (("start", "--replicas", "two"), "--replicas must be a whole number from 1 to 16, got 'two'"),
        (("start", "--replicas=-1"), "--replicas must be a whole number from 1 to 16, got '-1'"),
        (("start", "--port", "70000"), "--port must be a port number from 1 to 65535, got '70000'"),
        (("start", "--port", "0"), "--port must be a port number from 1 to 65535, got '0'"),
        (("start", "--port", "80; rm -rf /"), "--port must be a port number from 1 to 65535, got '80; rm -rf /'"),
        (("start", "--port"), "--port needs a value"),
        (("start", "--listen", "localhost"), "--listen must be an IPv4 address such as 127.0.0.1 or 0.0.0.0"),
        (("start", "--listen", "300.0.0.1"), "--listen must be an IPv4 address such as 127.0.0.1 or 0.0.0.0"),
        (("start", "--verbose"), "unknown option '--verbose'"),
        (("stop", "--replicas", "2"), "--replicas is an option of 'start', not of 'stop'"),
        (("status", "--port=8080"), "--port is an option of 'start', not of 'status'"),
    ],
)
def test_a_wrong_argument_is_refused_with_its_reason_and_nothing_starts(args: tuple[str, ...], message: str,
                                                                          tmp_path: Path) -> None:
    env = {**os.environ, "EVENTMAP_STATE_DIR": str(tmp_path)}
    result = run_script(*args, env=env)
    assert result.returncode == 2
    assert message in result.stderr
    assert "--help" in result.stderr
    assert list(tmp_path.iterdir()) == [], "a refused command writes nothing"


def test_help_names_every_command_and_option() -> None:
    result = run_script("--help")
    assert result.returncode == 0
    for word in ("start", "stop", "status", "--replicas", "--port", "--listen", "EVENTMAP_STATE_DIR"):
        assert word in result.stdout


def test_status_and_stop_of_nothing_say_so(tmp_path: Path) -> None:
    env = {**os.environ, "EVENTMAP_STATE_DIR": str(tmp_path)}
    status = run_script("status", env=env)
    assert (status.returncode, "not running" in status.stdout) == (3, True)
    stop = run_script("stop", env=env)
    assert (stop.returncode, "not running" in stop.stdout) == (0, True)


def test_a_port_taken_by_another_program_is_refused_before_anything_starts(tmp_path: Path) -> None:
    needs_nginx_and_venv()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "EVENTMAP_STATE_DIR": str(tmp_path), "EVENTMAP_DATABASE_URL": ""}
        result = run_script("start", "--replicas", "1", "--port", str(port), env=env, timeout=120)
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is taken by another program: choose another with --port" in result.stderr
    assert not list(tmp_path.glob("team/replicas/*.pid")), "no replica was started"


# ---- the team behind nginx -----------------------------------------------------------------------------------


def needs_nginx_and_venv() -> None:
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        pytest.skip("Debian nginx is not installed (apt-get install nginx)")
    if not (PROJECT_ROOT / ".venv" / "bin" / "python").exists():
        pytest.skip("the project's .venv is missing (the README's first command makes it)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Team:
    url: str
    port: int
    state: Path
    env: dict[str, str]

    @property
    def team_dir(self) -> Path:
        return self.state / "team"

    def pid(self, name: str) -> int:
        return int((self.team_dir / name).read_text().strip())

    def replica_addresses(self) -> set[str]:
        return {f"127.0.0.1:{p.read_text().strip()}" for p in (self.team_dir / "replicas").glob("*.port")}


def get(url: str, *, cookie: str | None = None) -> tuple[int, dict[str, list[str]], bytes]:
    """Status, headers (lower-case names, every value) and body of a GET."""
    request = urllib.request.Request(url, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=20) as reply:
        headers: dict[str, list[str]] = {}
        for name, value in reply.headers.items():
            headers.setdefault(name.lower(), []).append(value)
        return reply.status, headers, reply.read()


def replica_of(headers: dict[str, list[str]]) -> str:
    """The replica that answered: nginx lists every one it tried, the last one answered."""
    return headers[REPLICA_HEADER.lower()][0].split(", ")[-1]


def sticky_cookies(headers: dict[str, list[str]]) -> list[str]:
    return [value for value in headers.get("set-cookie", []) if value.startswith(f"{COOKIE}=")]


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.fixture
def team() -> Iterator[Team]:
    needs_nginx_and_venv()
    with tempfile.TemporaryDirectory(prefix="eventmap-team-") as folder:
        state = Path(folder)
        state.chmod(0o755)  # PostgreSQL runs as the user postgres when the script runs as root
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTMAP_")}
        env["EVENTMAP_STATE_DIR"] = str(state)
        started = run_script("start", "--replicas", "2", "--port", str(port), env=env, timeout=240)
        try:
            assert started.returncode == 0, started.stdout + started.stderr
            assert f"ready: http://127.0.0.1:{port}/" in started.stdout
            yield Team(url=f"http://127.0.0.1:{port}", port=port, state=state, env=env)
        finally:
            run_script("stop", env=env, timeout=120)


async def open_stream(url: str, *, cookie: str) -> tuple[str, str]:
    """Streamlit's WebSocket through nginx: the replica that answered the upgrade and the first message's kind."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    ws_url = url.replace("http://", "ws://", 1) + "/_stcore/stream"
    async with connect(ws_url, subprotocols=["streamlit"], additional_headers={"Cookie": f"{COOKIE}={cookie}"},
                       max_size=None, open_timeout=20) as websocket:
        replica = websocket.response.headers.get(REPLICA_HEADER, "")
        message = BackMsg()
        message.rerun_script.query_string = ""
        await websocket.send(message.SerializeToString())
        reply = ForwardMsg()
        async with asyncio.timeout(60):
            reply.ParseFromString(await websocket.recv())
        return replica, reply.WhichOneof("type") or ""


def stream_in_thread(url: str, *, cookie: str) -> tuple[str, str]:
    """`open_stream` on an event loop of its own thread: the browser tests' Playwright (sync API) may still
    hold the main thread's loop when this runs in the same pytest process."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(open_stream(url, cookie=cookie))).result()


@pytest.mark.load
def test_two_replicas_serve_through_nginx_with_sticky_sessions_and_survive_a_killed_replica(team: Team) -> None:
    status, headers, body = get(team.url + "/")
    assert status == 200
    assert b"<title>" in body.lower() or b"streamlit" in body.lower()
    assert len(sticky_cookies(headers)) == 1, "the first visit gets the sticky cookie"
    assert "HttpOnly" in sticky_cookies(headers)[0]
    replicas = team.replica_addresses()
    assert len(replicas) == 2

    # One cookie, one replica; different cookies reach both replicas.
    reached: dict[str, str] = {}
    for n in range(40):
        cookie = f"browser-{n}"
        seen = {replica_of(get(team.url + "/_stcore/health", cookie=cookie)[1]) for _ in range(3)}
        assert len(seen) == 1, f"cookie {cookie} reached {seen}"
        reached[cookie] = seen.pop()
        if set(reached.values()) == replicas:
            break
    assert set(reached.values()) == replicas, "both replicas serve through nginx"
    assert sticky_cookies(get(team.url + "/", cookie="browser-0")[1]) == [], "a browser with the cookie keeps it"

    # The WebSocket upgrade passes nginx and reaches the cookie's replica.
    cookie = next(iter(reached))
    replica, first = stream_in_thread(team.url, cookie=cookie)
    assert replica == reached[cookie]
    assert first == "new_session"

    # SIGKILL the replica of that cookie: the same browser and a new one are served by the other.
    by_address = {f"127.0.0.1:{(team.team_dir / 'replicas' / f'{i}.port').read_text().strip()}": i for i in (1, 2)}
    victim = by_address[reached[cookie]]
    os.kill(team.pid(f"replicas/{victim}.pid"), signal.SIGKILL)
    time.sleep(0.5)
    survivor = (replicas - {reached[cookie]}).pop()
    status, headers, _ = get(team.url + "/", cookie=cookie)
    assert (status, replica_of(headers)) == (200, survivor)
    status, headers, _ = get(team.url + "/")
    assert (status, replica_of(headers)) == (200, survivor)
    replica, first = stream_in_thread(team.url, cookie=cookie)
    assert (replica.split(", ")[-1], first) == (survivor, "new_session")

    report = run_script("status", env=team.env)
    assert report.returncode == 3
    assert f"replica {victim}    DEAD" in report.stdout

    # stop: nginx (master and workers), the replicas and PostgreSQL are gone, and their pid files.
    nginx = team.pid("nginx/nginx.pid")
    processes = [nginx, *children(nginx), *(int(p.read_text()) for p in (team.team_dir / "replicas").glob("*.pid"))]
    postgres_pid = team.team_dir / "postgres" / "data" / "postmaster.pid"
    if postgres_pid.exists():
        processes.append(int(postgres_pid.read_text().split()[0]))
    stopped = run_script("stop", env=team.env, timeout=120)
    assert stopped.returncode == 0, stopped.stderr
    deadline = time.monotonic() + 5
    while any(running(pid) for pid in processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in processes if running(pid)] == []
    assert list(team.team_dir.glob("**/*.pid")) == []
    with pytest.raises(urllib.error.URLError):
        get(team.url + "/_stcore/health")
    assert run_script("stop", env=team.env).returncode == 0, "stop again: nothing to do, no error"
