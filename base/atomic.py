"""Writes that cannot lose data.

Three ways to write a file, from the simplest to the safest:

- `write_atomic(path, data)`: a temporary file in the same folder, fsync, then rename. Readers see
  the old file or the new one, never a truncated one; a process killed in the middle of the write
  leaves the old file intact (and at most a stray `.tmp` file, which later writes ignore).
- `read_versioned(path)` then `write_atomic(path, data, expected=version)`: optimistic concurrency
  for a file a person edits. The write is refused with `WriteConflictError` when the file changed
  since it was read, so nobody overwrites changes they have not seen.
- `update_atomic(path, transform)`: read, change and write under an exclusive lock (`fcntl.flock`
  on a sidecar `.NAME.lock` file), so that two sessions or processes changing the same file at once
  both keep their changes. Use it for files that many sessions add to (geocoding overrides).

Locks are advisory: they protect writers that go through `write_atomic(..., expected=...)` or
`update_atomic`. The lock file is left in place (removing it would race with other lockers).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from base.errors import WriteConflictError

LOCK_TIMEOUT_S = 30.0
STALE_TEMP_AGE_S = 3600.0
_LOCK_POLL_S = 0.01


@dataclass(frozen=True, slots=True)
class Version:
    """What a file held when it was read: its SHA-256, or `None` when there was no file."""

    sha256: str | None
    size: int = 0

    @property
    def exists(self) -> bool:
        return self.sha256 is not None

    @classmethod
    def of(cls, data: bytes | None) -> Version:
        if data is None:
            return cls(sha256=None)
        return cls(sha256=hashlib.sha256(data).hexdigest(), size=len(data))


MISSING = Version(sha256=None)
"""The version of a file that does not exist: `expected=MISSING` means "create it, only if nobody has"."""


def read_versioned(path: Path | str) -> tuple[bytes | None, Version]:
    """The content of `path` (`None` when it does not exist) and the version to pass back as `expected`."""
    data = _read_or_none(Path(path))
    return data, Version.of(data)


def current_version(path: Path | str) -> Version:
    """The version `path` has now."""
    return Version.of(_read_or_none(Path(path)))


def write_atomic(
    path: Path | str,
    data: bytes | str,
    *,
    expected: Version | None = None,
    encoding: str = "utf-8",
    lock_timeout_s: float = LOCK_TIMEOUT_S,
) -> Path:
    """Replace `path` with `data` in one step; returns the path written.

    With `expected` (from `read_versioned`), the check and the write happen under the file's lock,
    and `WriteConflictError` is raised, leaving the file as it is, when its content is no longer the
    one that was read.
    """
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else bytes(data)
    if expected is None:
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, payload)
        return target
    with locked(target, timeout_s=lock_timeout_s):
        found = current_version(target)
        if found != expected:
            raise WriteConflictError(_conflict_message(target, expected=expected, found=found))
        _replace(target, payload)
    return target


def update_atomic(
    path: Path | str,
    transform: Callable[[bytes | None], bytes],
    *,
    lock_timeout_s: float = LOCK_TIMEOUT_S,
) -> bytes:
    """Apply `transform` to the current content of `path` (`None` when absent) and write the result.

    The read, the transform and the write happen under an exclusive lock, so concurrent updates are
    applied one after the other and none is lost. `transform` must not write `path` itself.
    Returns the content written (nothing is written when `transform` returns the content unchanged).
    """
    target = Path(path)
    with locked(target, timeout_s=lock_timeout_s):
        remove_stale_temps(target)
        before = _read_or_none(target)
        after = transform(before)
        if not isinstance(after, bytes | bytearray):
            raise TypeError(f"update_atomic: transform must return bytes, got {type(after).__name__}")
        after = bytes(after)
        if after != before:
            _replace(target, after)
        return after


def lock_path(path: Path | str) -> Path:
    """The sidecar file locked while `path` is updated: `.NAME.lock` in the same folder."""
    target = Path(path)
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def locked(path: Path | str, *, timeout_s: float = LOCK_TIMEOUT_S) -> Iterator[Path]:
    """Hold the exclusive lock of `path` (between threads and processes alike).

    Raises `WriteConflictError` when another writer holds it for longer than `timeout_s`. The lock
    is released when the block ends or the process dies.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    sidecar = lock_path(target)
    fd = os.open(sidecar, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriteConflictError(
                        f"{target}: another session has been writing this file for more than {timeout_s:g} s; "
                        "nothing was saved. Try again in a moment."
                    ) from None
                time.sleep(_LOCK_POLL_S)
        try:
            yield target
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def temp_prefix(path: Path | str) -> str:
    """How the temporary files of writes to `path` start (they end in `.tmp`)."""
    return f".{Path(path).name}."


def remove_stale_temps(path: Path | str, *, older_than_s: float = STALE_TEMP_AGE_S) -> list[Path]:
    """Remove temporary files that writes to `path` left behind (a killed process) more than `older_than_s` ago."""
    target = Path(path)
    if not target.parent.is_dir():
        return []
    now = time.time()
    removed = []
    for candidate in target.parent.glob(f"{_glob_escape(temp_prefix(target))}*.tmp"):
        with contextlib.suppress(OSError):
            if now - candidate.stat().st_mtime > older_than_s:
                candidate.unlink()
                removed.append(candidate)
    return removed


def _replace(target: Path, payload: bytes) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(payload)
            tmp.flush()
            os.fsync(tmp.fileno())
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _conflict_message(target: Path, *, expected: Version, found: Version) -> str:
    if not expected.exists:
        what = "was created by someone else after you started"
    elif not found.exists:
        what = "was deleted after you opened it"
    else:
        what = "was changed by another session or program after you opened it"
    return (
        f"{target}: the file {what}; your changes were not saved and the file was left as it is. "
        "Reload it, then make your changes again."
    )


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
