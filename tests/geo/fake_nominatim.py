"""Test doubles for the geo tests: a fake clock and a fake Nominatim server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class FakeClock:
    """A monotonic clock that only moves when the code under test sleeps."""

    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | list | dict = b"[]"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


def place_json(name: str, lat: float, lon: float, *, addresstype: str = "town") -> dict:
    """One Nominatim `/search?format=json` result."""
    return {"place_id": 1234, "osm_type": "relation", "osm_id": 5678, "lat": f"{lat}", "lon": f"{lon}",
            "display_name": name, "class": "place", "type": addresstype, "addresstype": addresstype,
            "importance": 0.5, "boundingbox": [f"{lat - 0.01}", f"{lat + 0.01}", f"{lon - 0.01}", f"{lon + 0.01}"]}


class FakeNominatim:
    """Answers like Nominatim's `/search`: scripted replies in order, then `default`; logs every request."""

    def __init__(self) -> None:
        self.script: list[Reply] = []
        self.default = Reply()
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                with fake._lock:
                    fake.requests.append({"path": parts.path, "params": parse_qs(parts.query),
                                          "headers": dict(self.headers)})
                    reply = fake.script.pop(0) if fake.script else fake.default
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                body = reply.body
                if isinstance(body, list | dict):
                    body = json.dumps(body)
                if isinstance(body, str):
                    body = body.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def domain(self) -> str:
        host, port = self.server.server_address[:2]
        return f"{host}:{port}"

    def searches(self) -> list[dict]:
        return [r for r in self.requests if r["path"] == "/search"]
