"""How much memory this machine has free, and whether a file of a given size fits: a local file (named with
`--data`, `EVENTMAP_DATA` or on the command line) is limited by memory, not by the upload limit.

`LOAD_MEMORY_FACTOR` is the peak memory of a load per byte of the file, measured by
`bench/bench_columnar.py` (about 4.5 for a CSV file of a million ACLED-like events: 300 MB of text, under
1.4 GB more at the peak); it is rounded up, so the estimate errs on the side of refusing before the machine
runs out of memory rather than after.
"""

from __future__ import annotations

import os
from pathlib import Path

LOAD_MEMORY_FACTOR = 5
MEMINFO = Path("/proc/meminfo")
MB = 1024 * 1024


def available_memory_bytes(meminfo: Path = MEMINFO) -> int | None:
    """The memory available to a new load (Linux `MemAvailable`; else free physical pages), or None when the
    system does not say."""
    try:
        for line in meminfo.read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def memory_needed(file_bytes: int) -> int:
    """The memory a load of a file of `file_bytes` bytes may need at its peak (an estimate)."""
    return file_bytes * LOAD_MEMORY_FACTOR


def memory_shortfall_message(name: str, file_bytes: int, available: int) -> str | None:
    """Why a file of `file_bytes` cannot be loaded with `available` bytes free, or None when it fits."""
    needed = memory_needed(file_bytes)
    if needed <= available:
        return None
    return (f"{name}: the file is {file_bytes / MB:.1f} MB ({file_bytes:,} bytes); loading it needs about "
            f"{needed / MB:,.0f} MB of memory and {available / MB:,.0f} MB are free: free some memory, or load "
            "a part of the file (a local file is limited by memory, not by the upload limit)")
