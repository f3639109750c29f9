"""Writes that cannot lose data, tested with real processes (issue 7.5)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from base.atomic import (
    MISSING,
    Version,
    current_version,
    lock_path,
    locked,
    read_versioned,
    remove_stale_temps,
    temp_prefix,
    update_atomic,
    write_atomic,
)
from base.errors import EventMapError, WriteConflictError

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Runs in a child process: `python -c WORKER MODE PATH ...`.
WORKER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from base import atomic

    mode, path = sys.argv[1], Path(sys.argv[2])

    if mode == "append-rows":
        # Add rows "<tag>-<i>" one update at a time.
        tag, rounds = sys.argv[3], int(sys.argv[4])
        for i in range(rounds):
            atomic.update_atomic(path, lambda old, i=i: (old or b"") + f"{tag}-{i}\\n".encode())

    elif mode == "hang-before-rename":
        # Write a large file, and stop (to be killed) after the data is written but before the rename.
        size = int(sys.argv[3])
        real_fsync = os.fsync
        def slow_fsync(fd):
            real_fsync(fd)
            if os.fstat(fd).st_size == size:
                print("written", flush=True)
                time.sleep(60)
        os.fsync = slow_fsync
        atomic.write_atomic(path, b"n" * size)

    elif mode == "rewrite-forever":
        # Replace the file again and again with full-size contents of alternating letters.
        size = int(sys.argv[3])
        print("started", flush=True)
        i = 0
        while True:
            atomic.write_atomic(path, (b"ab"[i % 2 : i % 2 + 1]) * size)
            i += 1

    elif mode == "hold-lock":
        with atomic.locked(path):
            print("locked", flush=True)
            time.sleep(60)

    elif mode == "write-expected":
        # Read, wait for the go file, then write with the version read.
        go, tag = Path(sys.argv[3]), sys.argv[4]
        _, version = atomic.read_versioned(path)
        print("read", flush=True)
        while not go.exists():
            time.sleep(0.005)
        try:
            atomic.write_atomic(path, tag.encode(), expected=version)
            print("saved", flush=True)
        except atomic.WriteConflictError as error:
            print("conflict", error, flush=True)
    """
)


def start_worker(*args: str | Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, *map(str, args)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_line(process: subprocess.Popen[str], expected: str, *, timeout_s: float = 20.0) -> str:
    """The first stdout line of `process`, which must start with `expected`."""
    assert process.stdout is not None
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout_s)
    assert result, f"worker printed nothing in {timeout_s} s"
    line = result[0].strip()
    if not line.startswith(expected):
        process.kill()
        _, err = process.communicate(timeout=10)
        pytest.fail(f"worker said {line!r}, expected {expected!r}; stderr:\n{err}")
    return line


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL


def temps_of(path: Path) -> list[Path]:
    return [p for p in path.parent.iterdir() if p.name.startswith(temp_prefix(path)) and p.name.endswith(".tmp")]


# ---- write_atomic -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected_bytes"),
    [
        (b"plain bytes\n", b"plain bytes\n"),
        ("Шуша / Şuşa / شوشا\n", "Шуша / Şuşa / شوشا\n".encode()),
        (b"", b""),
    ],
)
def test_write_atomic_writes_exactly_the_data(tmp_path: Path, data: bytes | str, expected_bytes: bytes) -> None:
    target = tmp_path / "sub" / "file.csv"
    assert write_atomic(target, data) == target
    assert target.read_bytes() == expected_bytes
    assert temps_of(target) == []


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "file.csv"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file.csv"
    target.write_bytes(b"old content")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new content")
    assert target.read_bytes() == b"old content"
    assert temps_of(target) == []


# ---- optimistic concurrency ---------------------------------------------------------------------------------------


def test_read_versioned_returns_content_and_version(tmp_path: Path) -> None:
    target = tmp_path / "overrides.csv"
    assert read_versioned(target) == (None, MISSING)
    target.write_bytes(b"name,lat,lon\n")
    data, version = read_versioned(target)
    assert data == b"name,lat,lon\n"
    assert version == Version.of(b"name,lat,lon\n") == current_version(target)
    assert version.exists
    assert version.size == len(data)


def test_write_with_the_version_read_succeeds(tmp_path: Path) -> None:
    target = tmp_path / "overrides.csv"
    target.write_bytes(b"v1")
    _, version = read_versioned(target)
    write_atomic(target, b"v2", expected=version)
    assert target.read_bytes() == b"v2"


@pytest.mark.parametrize(
    ("before", "changed_to", "message"),
    [
        (b"v1", b"someone else's v2", "was changed by another session or program"),
        (None, b"created meanwhile", "was created by someone else"),
        (b"v1", None, "was deleted after you opened it"),
    ],
)
def test_write_conflict_is_detected_and_nothing_is_lost(
    tmp_path: Path, before: bytes | None, changed_to: bytes | None, message: str
) -> None:
    target = tmp_path / "overrides.csv"
    if before is not None:
        target.write_bytes(before)
    _, version = read_versioned(target)
    if changed_to is None:
        target.unlink()
    else:
        write_atomic(target, changed_to)

    with pytest.raises(WriteConflictError) as caught:
        write_atomic(target, b"my edit", expected=version)

    text = str(caught.value)
    assert str(target) in text
    assert message in text
    assert "Reload it" in text
    assert isinstance(caught.value, EventMapError)
    assert isinstance(caught.value, RuntimeError)
    # The other writer's content is kept as it was.
    assert read_versioned(target)[0] == changed_to


def test_expected_missing_means_create_only(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    write_atomic(target, b"first", expected=MISSING)
    with pytest.raises(WriteConflictError):
        write_atomic(target, b"second", expected=MISSING)
    assert target.read_bytes() == b"first"


def test_of_processes_writing_with_the_same_version_exactly_one_wins(tmp_path: Path) -> None:
    target = tmp_path / "overrides.csv"
    target.write_bytes(b"start")
    go = tmp_path / "go"
    workers = [start_worker("write-expected", target, go, f"writer-{i}") for i in range(4)]
    for worker in workers:
        wait_for_line(worker, "read")
    go.touch()
    outcomes = [worker.communicate(timeout=30)[0].strip() for worker in workers]

    assert sorted(o.split()[0] for o in outcomes) == ["conflict", "conflict", "conflict", "saved"]
    winner = next(i for i, o in enumerate(outcomes) if o == "saved")
    assert target.read_bytes() == f"writer-{winner}".encode()
    assert all(str(target) in o for o in outcomes if o.startswith("conflict"))


# ---- update_atomic: concurrent writers keep every change ----------------------------------------------------------


def test_update_atomic_applies_the_transform_to_the_current_content(tmp_path: Path) -> None:
    target = tmp_path / "overrides.csv"
    seen: list[bytes | None] = []

    def add_row(old: bytes | None) -> bytes:
        seen.append(old)
        return (old or b"name\n") + b"Shusha\n"

    assert update_atomic(target, add_row) == b"name\nShusha\n"
    assert update_atomic(target, add_row) == b"name\nShusha\nShusha\n"
    assert seen == [None, b"name\nShusha\n"]
    assert target.read_bytes() == b"name\nShusha\nShusha\n"
    assert lock_path(target).name == ".overrides.csv.lock"


def test_update_atomic_rejects_a_transform_that_returns_text(tmp_path: Path) -> None:
    target = tmp_path / "overrides.csv"
    target.write_bytes(b"old")
    with pytest.raises(TypeError, match="must return bytes, got str"):
        update_atomic(target, lambda old: "text")  # type: ignore[arg-type, return-value]
    assert target.read_bytes() == b"old"


def test_update_atomic_does_not_write_when_nothing_changes(tmp_path: Path) -> None:
    target = tmp_path / "overrides.csv"
    target.write_bytes(b"same")
    before = target.stat().st_ino
    update_atomic(target, lambda old: old or b"")
    assert target.stat().st_ino == before


def test_a_failing_transform_leaves_the_file_and_releases_the_lock(tmp_path: Path) -> None:
    target = tmp_path / "overrides.csv"
    target.write_bytes(b"old")

    def broken(old: bytes | None) -> bytes:
        raise ValueError("bad row")

    with pytest.raises(ValueError, match="bad row"):
        update_atomic(target, broken)
    assert target.read_bytes() == b"old"
    assert update_atomic(target, lambda old: (old or b"") + b"+", lock_timeout_s=1) == b"old+"


def test_two_processes_adding_rows_at_once_keep_every_row(tmp_path: Path) -> None:
    target = tmp_path / "overrides.csv"
    rounds = 150
    workers = [start_worker("append-rows", target, tag, str(rounds)) for tag in ("alpha", "beta")]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err

    rows = target.read_text().splitlines()
    assert len(rows) == 2 * rounds
    assert sorted(rows) == sorted(f"{tag}-{i}" for tag in ("alpha", "beta") for i in range(rounds))
    # Each writer's rows stay in its own order.
    for tag in ("alpha", "beta"):
        assert [r for r in rows if r.startswith(tag)] == [f"{tag}-{i}" for i in range(rounds)]
    assert temps_of(target) == []


def test_threads_adding_rows_at_once_keep_every_row(tmp_path: Path) -> None:
    """Streamlit sessions are threads of one process: the lock holds between them too."""
    target = tmp_path / "overrides.csv"

    def add_rows(tag: str) -> None:
        for i in range(50):
            update_atomic(target, lambda old, i=i: (old or b"") + f"{tag}-{i}\n".encode())

    threads = [threading.Thread(target=add_rows, args=(f"t{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(target.read_text().splitlines()) == 200


# ---- killed writers -----------------------------------------------------------------------------------------------


def test_a_writer_killed_before_the_rename_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    old = b"event_id,date\n" + b"E1,2020-10-08\n" * 1000
    target.write_bytes(old)
    size = 16 * 1024 * 1024

    worker = start_worker("hang-before-rename", target, str(size))
    wait_for_line(worker, "written")
    leftover = temps_of(target)
    assert len(leftover) == 1
    assert leftover[0].stat().st_size == size  # the new data was on disk, not yet in place
    kill(worker)

    assert target.read_bytes() == old


def test_a_writer_killed_at_random_moments_never_leaves_a_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    size = 8 * 1024 * 1024
    target.write_bytes(b"a" * size)
    for delay in (0.05, 0.13, 0.29):
        worker = start_worker("rewrite-forever", target, str(size))
        wait_for_line(worker, "started")
        time.sleep(delay)
        kill(worker)
        data = target.read_bytes()
        assert len(data) == size
        assert data in (b"a" * size, b"b" * size)


def test_stale_temps_do_not_break_later_writes_and_are_cleaned_up(tmp_path: Path) -> None:
    target = tmp_path / "overrides.csv"
    target.write_bytes(b"old")
    stale = tmp_path / f"{temp_prefix(target)}abc123.tmp"
    stale.write_bytes(b"half a fi")
    an_hour_ago = time.time() - 7200
    os.utime(stale, (an_hour_ago, an_hour_ago))
    fresh = tmp_path / f"{temp_prefix(target)}xyz789.tmp"  # perhaps a write in progress: kept
    fresh.write_bytes(b"in progress")
    other = tmp_path / ".other.csv.old.tmp"
    other.write_bytes(b"not ours")
    os.utime(other, (an_hour_ago, an_hour_ago))

    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    update_atomic(target, lambda old: (old or b"") + b"er")
    assert target.read_bytes() == b"newer"
    assert not stale.exists()
    assert fresh.exists()
    assert other.exists()
    assert remove_stale_temps(target) == []


def test_a_lock_held_by_a_killed_process_is_released(tmp_path: Path) -> None:
    target = tmp_path / "overrides.csv"
    worker = start_worker("hold-lock", target)
    wait_for_line(worker, "locked")
    with pytest.raises(WriteConflictError, match="another session has been writing this file"):
        update_atomic(target, lambda old: b"blocked", lock_timeout_s=0.2)
    kill(worker)
    assert update_atomic(target, lambda old: b"after", lock_timeout_s=5) == b"after"


def test_a_lock_held_too_long_gives_a_clear_conflict(tmp_path: Path) -> None:
    target = tmp_path / "overrides.csv"
    target.write_bytes(b"old")
    _, version = read_versioned(target)
    with locked(target), pytest.raises(WriteConflictError) as caught:
        write_atomic(target, b"new", expected=version, lock_timeout_s=0.1)
    assert str(target) in str(caught.value)
    assert "Try again" in str(caught.value)
    assert target.read_bytes() == b"old"
