"""`python -m eventmap people add|list|role|remove`: the people who may sign in to the embedded default.

They live in the state folder's `people.json` (argon2 hashes only). Whoever can run this command can write
that folder, so the command acts as an admin. A password comes from `EVENTMAP_PASSWORD` when it is set (for
scripts), else it is asked twice without echo. With `EVENTMAP_DATABASE_URL` set, people live in the team
store instead, and this command refuses rather than edit a file the app would not read.

Exit codes: 0 done; 2 nothing changed (bad name or role, a password too short, a damaged file, ...).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TextIO

from access import AccessError, Principal, Role
from access.people_file import FILE_NAME, PeopleFile
from base.settings import Settings

EXIT_OK, EXIT_REFUSED = 0, 2
PASSWORD_ENV = "EVENTMAP_PASSWORD"  # noqa: S105 (the variable's name, not a password)
COMMAND_LINE_ADMIN = Principal(name="", role=Role.ADMIN, via="command line")


def _directory(err: TextIO) -> PeopleFile | None:
    settings = Settings.from_env()
    if settings.team_store:
        print("python -m eventmap people: EVENTMAP_DATABASE_URL is set: people are kept in the team store, "
              f"not in {FILE_NAME}; nothing changed", file=err)
        return None
    return PeopleFile(settings.state_dir / FILE_NAME)


def _password(err: TextIO) -> str | None:
    given = os.environ.get(PASSWORD_ENV)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        print(f"python -m eventmap people add: no terminal to ask the password on: set {PASSWORD_ENV}", file=err)
        return None
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        print("python -m eventmap people add: the two passwords differ; nothing changed", file=err)
        return None
    return first


def run_people(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    people = _directory(err)
    if people is None:
        return EXIT_REFUSED
    try:
        if args.action == "list":
            for person in people.people():
                when = person.created_at.isoformat() if person.created_at else ""
                print(f"{person.name}\t{person.role.label}\t{when}", file=out)
            return EXIT_OK
        if args.action == "add":
            password = _password(err)
            if password is None:
                return EXIT_REFUSED
            person = people.add_person(COMMAND_LINE_ADMIN, name=args.name, password=password, role=args.role)
            print(f"{person.name}: added as {person.role.label} to {people.path}", file=out)
        elif args.action == "role":
            person = people.set_role(COMMAND_LINE_ADMIN, name=args.name, role=args.role)
            print(f"{person.name}: now {person.role.label}", file=out)
        else:
            people.remove(COMMAND_LINE_ADMIN, name=args.name)
            print(f"{args.name.strip()}: removed from {people.path}", file=out)
    except (AccessError, OSError) as error:
        print(f"python -m eventmap people {args.action}: {error}", file=err)
        return EXIT_REFUSED
    return EXIT_OK


def _role(value: str) -> Role:
    try:
        return Role.parse(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("people", help="who may sign in to the dashboard (the state folder's "
                                                  f"{FILE_NAME}): add, list, role, remove")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help=f"add a person (password from {PASSWORD_ENV}, else asked)")
    add.add_argument("name")
    add.add_argument("--role", type=_role, default=Role.EDITOR,
                     help="viewer, editor, reviewer or admin (default: editor)")
    actions.add_parser("list", help="everyone, with their role: NAME<TAB>ROLE<TAB>ADDED")
    role = actions.add_parser("role", help="give a person another role")
    role.add_argument("name")
    role.add_argument("role", type=_role)
    remove = actions.add_parser("remove", help="remove a person (they cannot sign in any more)")
    remove.add_argument("name")
    parser.set_defaults(handler=run_people)
