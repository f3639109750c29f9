"""The team store's command line: `python -m store migrate|add-person|seed|import|import-control|pending|publish|
reject|history|export`.

The database comes from `--url` or `EVENTMAP_DATABASE_URL`. The command line is for whoever runs the server
(they hold the database URL, so the database's full power): `--as NAME` names the person the store records as
author or reviewer, with that person's role in the store, and every rule of that role holds. The first person
is added without `--as` and must be an admin; a password comes from `EVENTMAP_PASSWORD` or a prompt.
Exit codes: 0 done; 1 refused (a rule, a conflict, an invalid file: the message says which); 2 bad arguments or
the store cannot be used (unreachable, not migrated).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from access.errors import AccessError
from access.roles import Principal, Role
from base.atomic import write_atomic
from base.errors import EventMapError
from base.settings import Settings
from store.api import EditRefusedError, Revision, StoreUnavailableError
from store.postgres.connection import SchemaOutdatedError

EXIT_OK, EXIT_REFUSED, EXIT_UNUSABLE = 0, 1, 2


class UsageError(EventMapError, ValueError):
    """A command line that cannot be run as given."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m store", description="The team's shared event store.")
    parser.add_argument("--url", default=None, help="postgresql:// URL (default: EVENTMAP_DATABASE_URL)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="create or upgrade the database's schema to the newest")
    person = commands.add_parser("add-person", help="add a person (the first one: an admin, without --as)")
    person.add_argument("name")
    person.add_argument("--role", required=True, help="viewer, editor, reviewer or admin")
    person.add_argument("--as", dest="actor", default="", help="the admin adding them")
    seed = commands.add_parser("seed", help="an empty store's first events, imported and published by an admin")
    seed.add_argument("file", type=Path)
    seed.add_argument("--as", dest="actor", required=True)
    seed.add_argument("--reason", default="")
    imported = commands.add_parser("import", help="every row of a file as a revision waiting for review")
    imported.add_argument("file", type=Path)
    imported.add_argument("--as", dest="actor", required=True)
    imported.add_argument("--reason", required=True)
    control = commands.add_parser("import-control", help="a control_changes.csv file (who held what from which day), "
                                  "all or nothing; a change_id already stored is replaced")
    control.add_argument("file", type=Path)
    control.add_argument("--as", dest="actor", required=True)
    commands.add_parser("pending", help="the revisions waiting for review")
    for name, text in (("publish", "publish a revision"), ("reject", "reject a revision")):
        review = commands.add_parser(name, help=text)
        review.add_argument("revision_id", type=int)
        review.add_argument("--as", dest="actor", required=True)
        review.add_argument("--note", default="", required=name == "reject")
    history = commands.add_parser("history", help="every revision of one event")
    history.add_argument("event_id")
    export = commands.add_parser("export", help="the published events as CSV or GeoJSON, stamped with the version")
    export.add_argument("--format", dest="fmt", choices=("csv", "geojson"), default="csv")
    export.add_argument("-o", "--output", type=Path, default=None, help="file or folder (default: the current folder)")
    return parser


def _url(args: argparse.Namespace) -> str:
    url = (args.url or Settings.from_env().database_url).strip()
    if not url:
        raise UsageError("no database: give --url postgresql://USER@HOST:PORT/DATABASE or set EVENTMAP_DATABASE_URL")
    return url


def _password(name: str) -> str:
    given = os.environ.get("EVENTMAP_PASSWORD", "")
    if given:
        return given
    first = getpass.getpass(f"password for {name}: ")
    if getpass.getpass("the same password again: ") != first:
        raise UsageError("the two passwords differ: nothing was saved")
    return first


def _line(revision: Revision) -> str:
    reviewed = f", {revision.state.value} by {revision.reviewer}" if revision.reviewer else ""
    return (f"revision {revision.revision_id}: {revision.event_id} #{revision.number} {revision.kind.value} "
            f"by {revision.author} at {revision.created_at:%Y-%m-%d %H:%M} ({revision.reason}){reviewed}"
            + (f": {revision.review_note}" if revision.review_note else ""))


def _run(args: argparse.Namespace, out: TextIO) -> int:
    from store.postgres import make_engine, migrate, open_store

    url = _url(args)
    if args.command == "migrate":
        engine = make_engine(url)
        try:
            before, after = migrate(engine)
        finally:
            engine.dispose()
        print(f"schema at {after}" + (" (was empty)" if before is None else f" (was {before})"), file=out)
        return EXIT_OK
    store = open_store(url)
    try:
        actor = getattr(args, "actor", "")
        principal = Principal()
        if actor:
            person = store.person(actor)
            if person is None:
                raise UsageError(f"no person named {actor!r} in the store: add them first (add-person)")
            principal = Principal(name=person.name, role=person.role, via="command line")
        if args.command == "add-person":
            role = Role.parse(args.role)
            if not actor:
                if role is not Role.ADMIN:
                    raise UsageError(f"the first person must be an admin, got --role {args.role!r}")
                added = store.add_first_admin(name=args.name, password=_password(args.name))
            else:
                added = store.add_person(principal, name=args.name, password=_password(args.name), role=role)
            print(f"added {added.name} ({added.role.label})", file=out)
        elif args.command in ("seed", "import"):
            if args.command == "seed":
                result = store.seed(principal, args.file, reason=args.reason)
            else:
                result = store.import_file(principal, args.file, reason=args.reason)
            for problem in result.problems:
                print(problem, file=out)
            published = f", published as version {result.published_version}" if result.published_version else (
                ", waiting for review")
            print(f"{args.file.name}: {result.revisions} revisions (batch {result.batch}){published}", file=out)
        elif args.command == "import-control":
            saved = store.import_control_changes(principal, args.file)
            print(f"{args.file.name}: {saved} changes of control saved", file=out)
        elif args.command == "pending":
            pending = store.pending()
            for revision in pending:
                print(_line(revision), file=out)
            print(f"{len(pending)} revisions waiting for review", file=out)
        elif args.command == "publish":
            revision = store.publish(principal, revision_id=args.revision_id, note=args.note)
            print(f"{_line(revision)}; published version {store.published_version()}", file=out)
        elif args.command == "reject":
            print(_line(store.reject(principal, revision_id=args.revision_id, note=args.note)), file=out)
        elif args.command == "history":
            revisions = store.history(args.event_id)
            if not revisions:
                raise UsageError(f"no event {args.event_id!r} in the store")
            for revision in revisions:
                print(_line(revision), file=out)
        elif args.command == "export":
            export = store.export_published(fmt=args.fmt)
            target = args.output or Path.cwd()
            path = target / export.file_name if target.is_dir() else target
            write_atomic(path, export.data)
            print(f"{path}: published version {export.version}", file=out)
        return EXIT_OK
    finally:
        store.close()


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        return _run(args, out)
    except EditRefusedError as error:
        print(f"error: {error}", file=err)
        for problem in error.problems:
            print(f"  {problem}", file=err)
        return EXIT_REFUSED
    except (StoreUnavailableError, SchemaOutdatedError, UsageError) as error:
        print(f"error: {error}", file=err)
        return EXIT_UNUSABLE
    except (AccessError, EventMapError, ValueError) as error:
        print(f"error: {error}", file=err)
        return EXIT_REFUSED
