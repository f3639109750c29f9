"""The team setup under load: `scripts/serve-team.sh` (replicas behind nginx) against one replica, side by side.

    python bench/load_team.py [--replicas 3] [--sessions 100] [--browsers 3] [--class-size 30]
                              [--class-browsers 5] [--fault-sessions 30] [--writers 4] [--no-single]
                              [--json OUT.json]

Starts the team (`serve-team.sh start --replicas N` in a temporary state folder, nginx on a free loopback
port), warms every replica (one session each, straight to the replica: each process loads the data once),
then, through nginx:

1. filters: `--sessions` concurrent sessions (`--browsers` of them in chromium, the others over Streamlit's
   protocol, `bench/load_class.py`'s clients) each change the date filter `--changes` times with a think
   time: errors, p50/p95 filter change -> updated map;
2. a class opening the page at once: `--class-size` new sessions with no delay between them: first map
   p50/p95 (`--class-browsers` in chromium, the others over the protocol);
3. kill -9 one replica mid-load (3+ replicas only): `--fault-sessions` protocol sessions and 2 browsers
   change filters; the replica serving most of them is killed; each of its sessions reconnects (nginx sends
   it to another replica) and gets its map again: sessions that lost their replica, reconnections, time to
   the map again, errors. `serve-team.sh start` then restarts the killed replica.
4. with the team's own PostgreSQL (3+ replicas): `bench/load_team_store.py`, edits while every database
   connection is ended every 2 s and a writer process is killed: acknowledged edits lost, half-written
   revisions; two editors saving the same event at the same moment.

Then the same 1 and 2 with `--replicas 1` behind the same nginx setup (first, so the two runs meet the same
machine). Memory: each replica's VmRSS after warming, peak and at the end. Every session, phase and server
has a time limit; everything listens on 127.0.0.1 only, and every browser request to another host is aborted
and counted as an error. The machine's load average is printed with the table.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import load_class  # noqa: E402 (after the path above)
import load_team_store  # noqa: E402
import team_clients  # noqa: E402
from load_class import Figures, cpu_seconds, rss_mb, server_log_errors  # noqa: E402
from team_clients import TeamSession  # noqa: E402

SCRIPT = PROJECT_ROOT / "scripts" / "serve-team.sh"
PHASE_LIMIT_S = 600.0


# ---- the team ------------------------------------------------------------------------------------------------


@dataclass
class TeamServer:
    replicas: int
    port: int
    state: Path
    env: dict[str, str]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def script(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=self.env,
                              timeout=timeout, check=False)
        if done.returncode != 0 and args[0] != "status":
            raise RuntimeError(f"serve-team.sh {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def pids(self) -> dict[str, int]:
        """The live replicas: their address (as nginx names it) -> pid."""
        folder = self.state / "team" / "replicas"
        found = {}
        for i in range(1, self.replicas + 1):
            with contextlib.suppress(OSError, ValueError):
                pid = int((folder / f"{i}.pid").read_text())
                if Path(f"/proc/{pid}").exists():
                    found[f"127.0.0.1:{(folder / f'{i}.port').read_text().strip()}"] = pid
        return found

    def database_url(self) -> str:
        """The URL of the team's own PostgreSQL ("" in file mode)."""
        folder = self.state / "team" / "postgres"
        if not (folder / "eventmap.password").exists():
            return ""
        password, port = (folder / "eventmap.password").read_text().strip(), (folder / "port").read_text().strip()
        return f"postgresql://eventmap:{password}@127.0.0.1:{port}/eventmap"

    def log_errors(self) -> list[str]:
        return [f"{log.name}: {line}" for log in sorted((self.state / "team" / "replicas").glob("*.log"))
                for line in server_log_errors(log.read_text(errors="replace"))]


def start_team(replicas: int, state: Path) -> TeamServer:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTMAP_")}
    env["EVENTMAP_STATE_DIR"] = str(state)
    team = TeamServer(replicas=replicas, port=port, state=state, env=env)
    team.script("start", "--replicas", str(replicas), "--port", str(port))
    return team


class MemorySampler:
    """Each replica's VmRSS every half second, while `async with` runs."""

    def __init__(self, team: TeamServer, peaks: dict[str, float]) -> None:
        self.team, self.peaks = team, peaks
        self.stop = asyncio.Event()

    async def run(self) -> None:
        while not self.stop.is_set():
            for address, pid in self.team.pids().items():
                self.peaks[address] = max(self.peaks.get(address, 0.0), rss_mb(pid))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop.wait(), 0.5)

    async def __aenter__(self) -> MemorySampler:
        self.task = asyncio.create_task(self.run())
        return self

    async def __aexit__(self, *_exc) -> None:
        self.stop.set()
        await self.task


# ---- phases --------------------------------------------------------------------------------------------------


def plan(count: int, browsers: int, *, offset: int = 0) -> list[TeamSession]:
    return [TeamSession(index=offset + i, kind="dashboard", client="browser" if i < browsers else "protocol")
            for i in range(count)]


async def run_phase(team: TeamServer, sessions: list[TeamSession], *, changes: int, pause_s: float,
                    stagger_s: float, timeout_s: float, reconnect: bool = False, peaks: dict[str, float],
                    during=None) -> None:
    """Every session at once (`stagger_s` apart); `during(sessions)` runs beside them (the fault)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = None
        if any(s.client == "browser" for s in sessions):
            browser = await playwright.chromium.launch(executable_path=load_class.CHROMIUM,
                                                       args=load_class.CHROMIUM_ARGS)

        async def one(session: TeamSession) -> None:
            await asyncio.sleep(stagger_s * (session.index % 1000))
            if session.client == "browser":
                await team_clients.browser_session(browser, team.url, session, changes=changes, pause_s=pause_s,
                                                   timeout_s=timeout_s)
            else:
                await team_clients.protocol_session(team.url, session, changes=changes, pause_s=pause_s,
                                                    timeout_s=timeout_s, reconnect=reconnect)
            session.finished = True

        try:
            async with MemorySampler(team, peaks):
                tasks = [one(s) for s in sessions] + ([during(sessions)] if during else [])
                try:
                    await asyncio.wait_for(asyncio.gather(*tasks), PHASE_LIMIT_S)
                except TimeoutError:
                    for s in sessions:
                        if not s.finished:
                            s.fail(f"not finished when the phase's time limit ({PHASE_LIMIT_S:.0f} s) ran out")
        finally:
            if browser is not None:
                await browser.close()


async def warm(team: TeamServer, *, timeout_s: float) -> list[float]:
    """One session straight to each replica: each loads the data once. The seconds to its first map."""
    sessions = [TeamSession(index=i, kind="dashboard", client="protocol") for i in range(team.replicas)]
    await asyncio.gather(*(team_clients.protocol_session(f"http://{address}", s, changes=0, pause_s=0,
                                                         timeout_s=timeout_s, reconnect=False)
                           for address, s in zip(team.pids(), sessions, strict=True)))
    errors = [e for s in sessions for e in s.errors]
    if errors:
        raise RuntimeError(f"warming the replicas failed: {errors}")
    return [s.first_map_s or 0.0 for s in sessions]


@dataclass
class FaultReport:
    victim: str = ""
    sessions_on_victim: int = 0
    browsers_on_victim: int = 0
    reconnected: int = 0  # sessions of the victim that reconnected and got their map again
    reconnections: int = 0
    changes_undone: int = 0
    recovery: Figures | None = None
    errors: list[str] = field(default_factory=list)
    restarted: bool = False


def kill_busiest(team: TeamServer, report: FaultReport, *, after_s: float):
    async def during(sessions: list[TeamSession]) -> None:
        await asyncio.sleep(after_s)
        load = {address: 0 for address in team.pids()}
        for s in sessions:
            if s.replica in load and s.served and not s.errors and not s.finished:
                load[s.replica] += 1
        # The busiest replica among those serving a browser, so that a real Streamlit client reconnects too.
        with_browser = {s.replica for s in sessions if s.client == "browser" and s.replica in load and not s.finished}
        report.victim = max(with_browser or load, key=lambda a: load[a])
        for s in sessions:
            s.lost_replica = s.replica == report.victim and not s.finished
        os.kill(team.pids()[report.victim], signal.SIGKILL)

    return during


# ---- the report ----------------------------------------------------------------------------------------------


@dataclass
class SetupReport:
    replicas: int
    warm_first_map_s: list[float]
    filters_sessions: int
    filters_browsers: int
    filters_served: int
    filters_errors: list[str]
    change_protocol: Figures
    change_browser: Figures
    class_size: int
    class_browsers: int
    class_errors: list[str]
    class_first_map_protocol: Figures
    class_first_map_browser: Figures
    rss_after_warm_mb: dict[str, float]
    rss_peak_mb: dict[str, float]
    rss_end_mb: dict[str, float]
    server_log_errors: list[str]
    filters_reruns: int = 0  # page runs the filters phase asked for (first maps and changes)
    filters_wall_s: float = 0.0
    filters_server_cpu_s: float = 0.0  # CPU time of every replica during the filters phase
    filters_bench_cpu_s: float = 0.0  # CPU time of this process (the protocol clients) meanwhile
    fault: FaultReport | None = None
    store: load_team_store.StoreFaultReport | None = None

    @property
    def cpu_per_rerun_s(self) -> float:
        return self.filters_server_cpu_s / self.filters_reruns if self.filters_reruns else 0.0


def collect(sessions: list[TeamSession], client: str, attribute: str) -> Figures:
    values: list[float] = []
    for s in sessions:
        if s.client == client:
            value = getattr(s, attribute)
            values += value if isinstance(value, list) else [value] if value is not None else []
    return Figures.of(values)


def measure(replicas: int, args: argparse.Namespace) -> SetupReport:
    with tempfile.TemporaryDirectory(prefix="eventmap-team-bench-") as folder:
        state = Path(folder)
        state.chmod(0o755)  # the user postgres reaches its data directory when the script runs as root
        team = start_team(replicas, state)
        try:
            return asyncio.run(measure_team(team, args))
        finally:
            team.script("stop")


async def measure_team(team: TeamServer, args: argparse.Namespace) -> SetupReport:
    timeout_s = args.timeout
    warm_s = await warm(team, timeout_s=timeout_s)
    after_warm = {a: rss_mb(p) for a, p in team.pids().items()}
    peaks: dict[str, float] = dict(after_warm)

    filters = plan(args.sessions, args.browsers)
    servers_cpu, own_cpu, wall = sum(map(cpu_seconds, team.pids().values())), time.process_time(), time.monotonic()
    await run_phase(team, filters, changes=args.changes, pause_s=args.pause, stagger_s=args.stagger,
                    timeout_s=timeout_s, peaks=peaks)
    servers_cpu = sum(map(cpu_seconds, team.pids().values())) - servers_cpu
    own_cpu, wall = time.process_time() - own_cpu, time.monotonic() - wall
    reruns = sum(s.served + len(s.change_latencies_s) for s in filters)
    klass = plan(args.class_size, args.class_browsers, offset=10_000)
    await run_phase(team, klass, changes=0, pause_s=0, stagger_s=0, timeout_s=timeout_s, peaks=peaks)

    fault = None
    if team.replicas >= 3 and args.fault_sessions:
        fault = FaultReport()
        sessions = plan(args.fault_sessions + 2, 2, offset=20_000)
        await run_phase(team, sessions, changes=args.fault_changes, pause_s=args.pause, stagger_s=args.stagger,
                        timeout_s=timeout_s, reconnect=True, peaks=peaks,
                        during=kill_busiest(team, fault, after_s=args.kill_after))
        lost = [s for s in sessions if s.lost_replica]
        fault.sessions_on_victim = len(lost)
        fault.browsers_on_victim = sum(s.client == "browser" for s in lost)
        fault.reconnected = sum(s.reconnections > 0 and not s.errors for s in lost)
        fault.reconnections = sum(s.reconnections for s in sessions)
        fault.changes_undone = sum(s.changes_undone for s in sessions)
        fault.recovery = Figures.of([r for s in sessions for r in s.recoveries_s])
        fault.errors = [e for s in sessions for e in s.errors]
        team.script("start", "--replicas", str(team.replicas), "--port", str(team.port))
        fault.restarted = len(team.pids()) == team.replicas

    store = None
    if team.replicas >= 3 and team.database_url() and args.writers:
        store = await asyncio.to_thread(load_team_store.measure, team.database_url(), writers=args.writers,
                                        seconds=args.write_seconds, rounds=args.rounds)
    end = {a: rss_mb(p) for a, p in team.pids().items()}
    return SetupReport(
        replicas=team.replicas, warm_first_map_s=warm_s,
        filters_sessions=len(filters), filters_browsers=args.browsers,
        filters_served=sum(s.served for s in filters), filters_errors=errors_of(filters),
        change_protocol=collect(filters, "protocol", "change_latencies_s"),
        change_browser=collect(filters, "browser", "change_latencies_s"),
        class_size=len(klass), class_browsers=args.class_browsers, class_errors=errors_of(klass),
        class_first_map_protocol=collect(klass, "protocol", "first_map_s"),
        class_first_map_browser=collect(klass, "browser", "first_map_s"),
        rss_after_warm_mb=after_warm, rss_peak_mb=peaks, rss_end_mb=end, server_log_errors=team.log_errors(),
        filters_reruns=reruns, filters_wall_s=wall, filters_server_cpu_s=servers_cpu, filters_bench_cpu_s=own_cpu,
        fault=fault, store=store,
    )


def errors_of(sessions: list[TeamSession]) -> list[str]:
    return [*(e for s in sessions for e in s.errors),
            *(f"session {s.index}: a request left 127.0.0.1: {u}" for s in sessions for u in s.blocked_requests)]


def figures(f: Figures | None) -> str:
    return "—" if f is None or not f.count else f"{f.p50_s:.2f} / {f.p95_s:.2f} s (n={f.count})"


def memory(report: SetupReport) -> str:
    warm = sorted(report.rss_after_warm_mb.values())
    peak = sorted(report.rss_peak_mb.values())
    return f"{'/'.join(f'{v:.0f}' for v in warm)} MB warm, peak {'/'.join(f'{v:.0f}' for v in peak)} MB"


def table(reports: list[SetupReport], *, machine: str) -> str:
    head = "| | " + " | ".join(f"{r.replicas} replica{'s' if r.replicas > 1 else ''}" for r in reports) + " | target |"
    rows = [head, "|---" * (len(reports) + 2) + "|"]

    def row(label: str, cells: list[str], target: str = "") -> None:
        rows.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    first = reports[0]
    row(f"{first.filters_sessions} sessions changing filters ({first.filters_browsers} in chromium): served",
        [f"{r.filters_served} of {r.filters_sessions}" for r in reports])
    row("  errors", [str(len(r.filters_errors) + len(r.server_log_errors)) for r in reports], "0")
    row("  filter → map p50 / p95, protocol", [figures(r.change_protocol) for r in reports], "p95 < 1.5 s")
    row("  filter → map p50 / p95, chromium", [figures(r.change_browser) for r in reports], "p95 < 1.5 s")
    row(f"class of {first.class_size} at once: first map p50 / p95, protocol",
        [figures(r.class_first_map_protocol) for r in reports], "p95 < 5 s")
    row(f"  first map p50 / p95, chromium ({first.class_browsers} of them)",
        [figures(r.class_first_map_browser) for r in reports], "p95 < 5 s")
    row("  errors", [str(len(r.class_errors)) for r in reports], "0")
    row("  replicas' CPU per page run (runs asked for in the phase)",
        [f"{r.cpu_per_rerun_s:.2f} s ({r.filters_reruns} runs in {r.filters_wall_s:.0f} s; bench clients "
         f"{r.filters_bench_cpu_s:.0f} s CPU)" for r in reports])
    row("first map on a cold replica (data loaded once per process)",
        [" / ".join(f"{v:.1f}" for v in r.warm_first_map_s) + " s" for r in reports])
    row("memory per replica (VmRSS)", [memory(r) for r in reports])
    for r in reports:
        if r.fault is None:
            continue
        f = r.fault
        cells = ["—" if other.fault is None else "" for other in reports]
        cells[reports.index(r)] = (f"{f.sessions_on_victim} sessions on it ({f.browsers_on_victim} chromium), "
                                   f"{f.reconnected} reconnected, {f.reconnections} reconnections, map again "
                                   f"{figures(f.recovery)} ({f.changes_undone} changes in flight undone), "
                                   f"{len(f.errors)} errors; restarted: "
                                   f"{'yes' if f.restarted else 'NO'}")
        row("kill -9 the busiest replica mid-load", cells, "its sessions reconnect, 0 errors")
    for r in reports:
        if r.store is None:
            continue
        w, c = r.store.writers, r.store.conflicts
        cells = ["—"] * len(reports)
        cells[reports.index(r)] = (f"{len(w.lost)} lost, {len(w.half_written)} half written ({w.writers} writers, "
                                   f"{w.seconds:.0f} s: {w.acknowledged_proposals} proposals and "
                                   f"{w.acknowledged_publications} publications acknowledged; every connection "
                                   f"ended {w.terminations} times, a writer killed: "
                                   f"{'yes' if w.writer_killed else 'no'}; {w.refused_while_down} refused while "
                                   f"down, {w.committed_not_acknowledged} committed but not acknowledged)")
        row("edits while connections die: acknowledged lost, half-written revisions", cells, "0, 0")
        cells = ["—"] * len(reports)
        cells[reports.index(r)] = (f"one winner in {c.one_winner} of {c.rounds} rounds, the other told "
                                   f"(ConflictError) with its values intact in {c.told_with_values_intact}")
        row("two editors save the same event at the same moment", cells, "one wins, the other is told")
    rows.append("")
    rows.append(f"Machine: {machine}")
    return "\n".join(rows)


def machine() -> str:
    load = Path("/proc/loadavg").read_text().split()[:3]
    return f"{os.cpu_count()} cores, load average {' '.join(load)} (1, 5, 15 min)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=100, help="concurrent sessions changing filters")
    parser.add_argument("--browsers", type=int, default=3, help="of those, sessions in chromium")
    parser.add_argument("--changes", type=int, default=4, help="filter changes per session")
    parser.add_argument("--pause", type=float, default=2.0, help="think time between two changes (s, ±50 %%)")
    parser.add_argument("--stagger", type=float, default=0.05, help="seconds between two sessions' arrivals")
    parser.add_argument("--class-size", type=int, default=30)
    parser.add_argument("--class-browsers", type=int, default=5)
    parser.add_argument("--fault-sessions", type=int, default=30, help="protocol sessions while a replica dies")
    parser.add_argument("--fault-changes", type=int, default=8)
    parser.add_argument("--kill-after", type=float, default=8.0, help="seconds into the fault phase")
    parser.add_argument("--timeout", type=float, default=120.0, help="longest wait for one map")
    parser.add_argument("--writers", type=int, default=4, help="store writers under faults (0: none)")
    parser.add_argument("--write-seconds", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=20, help="two editors at once, this many times")
    parser.add_argument("--no-single", action="store_true", help="skip the one-replica comparison")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)

    before = machine()
    started = time.monotonic()
    reports = [] if args.no_single else [measure(1, args)]
    reports.append(measure(args.replicas, args))
    text = table(reports, machine=f"{before} at the start, {machine()} at the end; "
                                  f"wall time {time.monotonic() - started:.0f} s")
    print(text)
    for r in reports:
        for line in [*r.filters_errors, *r.class_errors, *r.server_log_errors,
                     *(r.fault.errors if r.fault else [])][:20]:
            print(f"  {r.replicas} replica(s): {line}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in reports], indent=2) + "\n")
    failed = any(r.filters_errors or r.class_errors or r.server_log_errors or (r.fault and r.fault.errors)
                 or (r.store and (r.store.writers.lost or r.store.writers.half_written or r.store.conflicts.wrong))
                 for r in reports)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
