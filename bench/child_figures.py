"""Figures measured in a fresh process each: the benches run one step per child so that each has its own
peak memory and no cache of another step.

- `peak_mb()`: this process's peak resident memory (`VmHWM`; `ru_maxrss` would count the parent's memory at
  the fork, and stands in only where /proc is missing);
- `cpu_seconds()`: this process's user and system CPU time;
- `run_child(script, *args)`: runs ``python SCRIPT --child ARGS...`` from the project's root and gives back
  the JSON object the child printed last (its figures); a failing child raises with its error output.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_mb() -> float:
    """This process's peak resident memory in MB."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_child(script: str, *args: str) -> dict[str, float]:
    """The figures `python script --child *args` printed (its last line, a JSON object)."""
    command = [sys.executable, script, "--child", *args]
    done = subprocess.run(command, check=False, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
