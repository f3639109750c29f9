"""Fewer guesses: after `limit` failed sign-ins for one name within `window_s`, that name is refused without
checking the password until the oldest failure leaves the window. The same holds for a name nobody has, so
the refusal tells nothing about which names exist. Kept in memory, per process (each replica keeps its own).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from access.errors import LoginError

LIMIT = 5
WINDOW_S = 300.0


class TooManyAttemptsError(LoginError):
    """Too many failed sign-ins for this name lately; `wait_s` says how long until the next try is checked."""

    def __init__(self, message: str, *, wait_s: float) -> None:
        super().__init__(message)
        self.wait_s = wait_s


class SignInThrottle:
    def __init__(self, *, limit: int = LIMIT, window_s: float = WINDOW_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window_s, self._clock = limit, window_s, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, name: str) -> None:
        """`TooManyAttemptsError` when `name` has `limit` failures within the window; else nothing."""
        with self._lock:
            recent = self._recent(_key(name))
            if recent is not None and len(recent) >= self.limit:
                wait_s = recent[0] + self.window_s - self._clock()
                raise TooManyAttemptsError(
                    f"too many failed sign-ins for this name: try again in {max(1, round(wait_s))} s", wait_s=wait_s)

    def failed(self, name: str) -> None:
        key = _key(name)
        with self._lock:
            recent = self._recent(key)
            if recent is None:
                recent = self._failures[key] = deque()
            recent.append(self._clock())

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(_key(name), None)

    def _recent(self, key: str) -> deque[float] | None:
        """The failures of `key` still inside the window (None, and forgotten, when there are none)."""
        recent = self._failures.get(key)
        if recent is None:
            return None
        while recent and recent[0] <= self._clock() - self.window_s:
            recent.popleft()
        if not recent:
            del self._failures[key]
            return None
        return recent


def _key(name: str) -> str:
    return name.strip().casefold()
