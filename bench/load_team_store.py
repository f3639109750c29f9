"""Edits under faults in the team store: nothing acknowledged is lost, nothing is half written, a conflict is told.

    python bench/load_team_store.py --url postgresql://... [--writers 4] [--seconds 20] [--rounds 20]

Run by `bench/load_team.py` against the team's own PostgreSQL (`scripts/serve-team.sh`), or alone against a
store named by `--url`/`EVENTMAP_DATABASE_URL` (its people `bench-*` are added; its events are left alone,
the bench adds its own `bench-*` events).

1. Writers: `--writers` processes (each with its own connection pool, as the replicas have) propose new
   events and publish each other's proposals (a second person reviews) for `--seconds`. Every call the
   store answered is appended at once to a log (flushed and synced) of acknowledged writes. Meanwhile
   every 2 s all the store's other connections are terminated (`pg_terminate_backend`, as a database
   restart or a network cut would) and, halfway, one writer is killed with SIGKILL in the middle of its
   work (as a replica dying). Then the store is read back: every acknowledged proposal must be there with
   its values, every acknowledged publication published and in the public view ("lost" otherwise), and no
   revision may be half written (values missing, a published revision whose event row does not carry it,
   a publication without its revision). Writes the store committed but could not acknowledge (the
   connection died after the commit) are counted apart: they are not lost, the writer was not told.
2. Two editors at once: `--rounds` times, two processes' stores save a correction of the same published
   event from the same revision at the same moment (a barrier): exactly one must win, the other must get
   `ConflictError` with the values it tried to save intact.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

WRITER = "bench-writer-{}"
REVIEWER = "bench-reviewer"


def principal(name: str, role_name: str):
    from access.roles import Principal, Role

    return Principal(name=name, role=Role.parse(role_name), via="command line")


def template(store) -> dict[str, str]:
    """A published event's values, as text: the shape of a valid event of this store."""
    events = store.published_events()
    if events.empty:
        raise RuntimeError("the store has no published event to copy (seed it: python -m store seed events.csv)")
    return dict(store.history(str(events["event_id"].iloc[0]))[-1].values)


def prepare_people(url: str) -> None:
    """The bench's writers and reviewer, added by an admin of the store (any will do: the URL's holder may)."""
    from sqlalchemy import select

    from access.roles import Role
    from store.postgres import open_store
    from store.postgres.tables import people

    store = open_store(url)
    try:
        with store.engine.connect() as connection:
            admin = connection.execute(select(people.c.name).where(people.c.role == "admin").limit(1)).scalar()
        if admin is None:
            admin = "bench-admin"
            store.add_first_admin(name=admin, password=os.urandom(12).hex())
        acting = principal(admin, "admin")
        for name, role in [(REVIEWER, Role.REVIEWER), *((WRITER.format(i), Role.EDITOR) for i in range(64))]:
            if store.person(name) is None:
                store.add_person(acting, name=name, password=os.urandom(12).hex(), role=role)
    finally:
        store.close()


# ---- 1. writers under faults ---------------------------------------------------------------------------------


def acknowledge(log, entry: dict) -> None:
    log.write(json.dumps(entry) + "\n")
    log.flush()
    os.fsync(log.fileno())


def writer(url: str, index: int, run: str, log_path: str, until: float) -> None:
    """Propose new events and have the reviewer publish them. Log every write the store acknowledged."""
    from store.api import StoreError
    from store.postgres import open_store

    while True:  # the connections may be ended while this writer starts, too
        try:
            store = open_store(url, pool_size=2)
            base = template(store)
            break
        except StoreError:
            if time.time() > until:
                return
            time.sleep(0.1)
    me, reviewer = principal(WRITER.format(index), "editor"), principal(REVIEWER, "reviewer")
    n = 0
    with open(log_path, "a", encoding="utf-8") as log:
        while time.time() < until:
            n += 1
            values = {**base, "event_id": f"bench-{run}-{index}-{n}", "description": f"bench write {n}"}
            try:
                revision = store.propose(me, values=values, base_number=None, reason="load bench")
                acknowledge(log, {"op": "propose", "revision_id": revision.revision_id, "event_id": values["event_id"],
                                  "author": me.name, "values": dict(revision.values)})
                # A reviewer publishes it (the reviewer is a second person: never the author).
                published = store.publish(reviewer, revision_id=revision.revision_id)
                acknowledge(log, {"op": "publish", "revision_id": published.revision_id,
                                  "event_id": published.event_id, "number": published.number})
            except StoreError as error:  # refused while the connection was down: not acknowledged, tried again
                acknowledge(log, {"op": "refused", "error": f"{type(error).__name__}: {error}"[:200]})
                time.sleep(0.05)


def terminate_connections(url: str, until: float, every_s: float, counts: list[int]) -> None:
    """Every `every_s`, end every other connection to the database (as a restart or a network cut would)."""
    from sqlalchemy import text

    from store.postgres import make_engine

    engine = make_engine(url, pool_size=1)
    try:
        while time.time() < until:
            time.sleep(every_s)
            with contextlib.suppress(Exception), engine.begin() as connection:
                ended = connection.execute(text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar_one()
                counts.append(int(ended))
    finally:
        engine.dispose()


@dataclass
class WritersReport:
    writers: int
    seconds: float
    acknowledged_proposals: int = 0
    acknowledged_publications: int = 0
    refused_while_down: int = 0
    connections_terminated: int = 0
    terminations: int = 0
    writer_killed: bool = False
    lost: list[str] = field(default_factory=list)
    half_written: list[str] = field(default_factory=list)
    committed_not_acknowledged: int = 0


def run_writers(url: str, *, writers: int, seconds: float, log_path: Path) -> WritersReport:
    from store.postgres import open_store

    report = WritersReport(writers=writers, seconds=seconds)
    run = os.urandom(4).hex()
    store = open_store(url)
    try:
        version_before = store.published_version()
    finally:
        store.close()
    until = time.time() + seconds
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=writer, args=(url, i, run, str(log_path), until), daemon=True)
                 for i in range(writers)]
    for process in processes:
        process.start()
    counts: list[int] = []
    killer = threading.Thread(target=terminate_connections, args=(url, until, 2.0, counts), daemon=True)
    killer.start()
    time.sleep(seconds / 2)
    if processes[0].pid is not None and processes[0].is_alive():
        os.kill(processes[0].pid, signal.SIGKILL)  # a replica dies in the middle of its work
        report.writer_killed = True
    for process in processes:
        process.join(timeout=seconds + 60)
        if process.is_alive():
            process.kill()
    killer.join(timeout=30)
    report.terminations, report.connections_terminated = len(counts), sum(counts)
    check_writes(url, log_path, report, run=run, version_before=version_before)
    return report


def check_writes(url: str, log_path: Path, report: WritersReport, *, run: str, version_before: int) -> None:
    """The store against the log: nothing acknowledged lost, nothing half written."""
    from sqlalchemy import select

    from store.postgres import open_store
    from store.postgres.tables import events, publications, revisions

    entries = [json.loads(line) for line in log_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    proposed = {e["revision_id"]: e for e in entries if e["op"] == "propose"}
    published = {e["revision_id"]: e for e in entries if e["op"] == "publish"}
    report.acknowledged_proposals, report.acknowledged_publications = len(proposed), len(published)
    report.refused_while_down = sum(e["op"] == "refused" for e in entries)
    store = open_store(url)
    try:
        with store.engine.connect() as connection:
            mine = f"bench-{run}-%"
            rows = {r.revision_id: r for r in connection.execute(
                select(revisions).where(revisions.c.event_id.like(mine)))}
            event_rows = {r.event_id: r for r in connection.execute(
                select(events.c.event_id, events.c.revision, events.c.description)
                .where(events.c.event_id.like(mine)))}
            publication_count = connection.execute(
                select(publications.c.version).where(publications.c.published_by == REVIEWER,
                                                     publications.c.version > version_before)).all()
    finally:
        store.close()
    for revision_id, entry in proposed.items():
        row = rows.get(revision_id)
        if row is None or row.event_id != entry["event_id"] or dict(row.values) != entry["values"]:
            report.lost.append(f"proposal {revision_id} ({entry['event_id']}) acknowledged, "
                               + ("missing" if row is None else "stored with other values"))
    for revision_id, entry in published.items():
        row, event = rows.get(revision_id), event_rows.get(entry["event_id"])
        if row is None or row.state != "published" or event is None or event.revision != entry["number"]:
            report.lost.append(f"publication of {revision_id} ({entry['event_id']}) acknowledged, "
                               "not in the public view")
    published_rows = [r for r in rows.values() if r.state == "published"]
    for row in rows.values():
        if not row.values or not row.values.get("event_id") or row.values.get("event_id") != row.event_id:
            report.half_written.append(f"revision {row.revision_id}: values missing or of another event")
    for row in published_rows:
        event = event_rows.get(row.event_id)
        if event is None or event.revision != row.number or event.description != row.values.get("description"):
            report.half_written.append(f"revision {row.revision_id} published, but the event row does not carry it")
    for event_id, event in event_rows.items():
        if not any(r.event_id == event_id and r.number == event.revision and r.state == "published"
                   for r in published_rows):
            report.half_written.append(f"event {event_id} public without its published revision")
    if len(publication_count) != len(published_rows):
        report.half_written.append(f"{len(publication_count)} publications by the bench's reviewer for "
                                   f"{len(published_rows)} published revisions")
    report.committed_not_acknowledged = len(set(rows) - set(proposed)) + sum(
        1 for r in published_rows if r.revision_id not in published)


# ---- 2. two editors at once ----------------------------------------------------------------------------------


def editor(url: str, name: str, event_id: str, base_number: int, description: str, barrier, answers) -> None:
    from store.api import ConflictError
    from store.postgres import open_store

    store = open_store(url, pool_size=1)
    try:
        values = {**store.history(event_id)[-1].values, "description": description}
        store.published_version()  # the connection is open before the barrier
        barrier.wait(timeout=30)
        try:
            revision = store.propose(principal(name, "editor"), values=values, base_number=base_number,
                                     reason="two editors at once")
            answers.put({"name": name, "won": True, "revision_id": revision.revision_id})
        except ConflictError as error:
            answers.put({"name": name, "won": False, "intact": error.yours == values, "message": str(error)[:200]})
        except Exception as error:  # counted as a wrong answer
            answers.put({"name": name, "won": False, "intact": False, "message": f"{type(error).__name__}: {error}"})
    finally:
        store.close()


@dataclass
class ConflictReport:
    rounds: int
    one_winner: int = 0
    told_with_values_intact: int = 0
    wrong: list[str] = field(default_factory=list)


def run_conflicts(url: str, *, rounds: int) -> ConflictReport:
    from store.postgres import open_store

    report = ConflictReport(rounds=rounds)
    context = multiprocessing.get_context("spawn")
    store = open_store(url)
    reviewer = principal(REVIEWER, "reviewer")
    try:
        values = {**template(store), "event_id": f"bench-conflict-{os.getpid()}", "description": "round 0"}
        revision = store.propose(principal(WRITER.format(63), "editor"), values=values, base_number=None,
                                 reason="the event two editors save")
        number = store.publish(reviewer, revision_id=revision.revision_id).number
        for round_ in range(1, rounds + 1):
            barrier, answers = context.Barrier(2), context.Queue()
            pair = [context.Process(target=editor, args=(url, WRITER.format(60 + k), values["event_id"], number,
                                                          f"round {round_}, editor {k}", barrier, answers))
                    for k in (0, 1)]
            for process in pair:
                process.start()
            got = [answers.get(timeout=120) for _ in pair]
            for process in pair:
                process.join(timeout=30)
            winners = [a for a in got if a["won"]]
            losers = [a for a in got if not a["won"]]
            if len(winners) == 1:
                report.one_winner += 1
                number = store.publish(reviewer, revision_id=winners[0]["revision_id"]).number
            else:
                report.wrong.append(f"round {round_}: {len(winners)} winners: {got}")
            report.told_with_values_intact += sum(bool(a.get("intact")) for a in losers)
            report.wrong += [f"round {round_}: {a['name']} lost its values: {a['message']}" for a in losers
                             if not a.get("intact")]
    finally:
        store.close()
    return report


@dataclass
class StoreFaultReport:
    writers: WritersReport
    conflicts: ConflictReport


def measure(url: str, *, writers: int = 4, seconds: float = 20.0, rounds: int = 20) -> StoreFaultReport:
    prepare_people(url)
    with tempfile.TemporaryDirectory(prefix="eventmap-writes-") as folder:
        written = run_writers(url, writers=writers, seconds=seconds, log_path=Path(folder) / "acknowledged.jsonl")
    return StoreFaultReport(writers=written, conflicts=run_conflicts(url, rounds=rounds))


def text(report: StoreFaultReport) -> str:
    w, c = report.writers, report.conflicts
    return "\n".join([
        f"writers: {w.writers} processes for {w.seconds:.0f} s; {w.terminations} times every connection ended "
        f"({w.connections_terminated} connections); a writer killed with SIGKILL: {'yes' if w.writer_killed else 'no'}",
        f"  acknowledged: {w.acknowledged_proposals} proposals, {w.acknowledged_publications} publications; "
        f"refused while the connection was down (not acknowledged): {w.refused_while_down}",
        f"  acknowledged writes lost: {len(w.lost)}; half-written revisions: {len(w.half_written)}; "
        f"committed but not acknowledged: {w.committed_not_acknowledged}",
        *(f"    {line}" for line in [*w.lost, *w.half_written][:10]),
        f"two editors at once: {c.rounds} rounds, one winner in {c.one_winner}, the other told with its values "
        f"intact in {c.told_with_values_intact}",
        *(f"    {line}" for line in c.wrong[:10]),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("EVENTMAP_DATABASE_URL", ""))
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not args.url:
        parser.error("no store: give --url postgresql://... or set EVENTMAP_DATABASE_URL")
    report = measure(args.url, writers=args.writers, seconds=args.seconds, rounds=args.rounds)
    print(text(report))
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2) + "\n")
    w, c = report.writers, report.conflicts
    return 1 if w.lost or w.half_written or c.wrong or c.one_winner != c.rounds else 0


if __name__ == "__main__":
    sys.exit(main())
