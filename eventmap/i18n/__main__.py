"""`python -m eventmap.i18n import-json [FILE.json ...] [--remove]`: JSON strings into the catalogues.

`python -m eventmap.i18n gaps` lists, per language, the keys English has and the language lacks.
Exit status 1 when a file cannot be read, or (for `gaps`) when a language lacks keys.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from eventmap.i18n.catalogs import LOCALE_DIR, CatalogError
from eventmap.i18n.import_json import JSON_DIR, gaps, import_json

MAX_LISTED = 40  # keys named in a report line; more are only counted


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m eventmap.i18n", description="The interface's gettext catalogues.")
    commands = parser.add_subparsers(dest="command", required=True)
    importing = commands.add_parser("import-json", help="merge keys of <lang>.json dictionaries into the catalogues")
    importing.add_argument("files", nargs="*", type=Path,
                           help="JSON dictionaries named <lang>.json (default: eventmap/i18n/*.json)")
    importing.add_argument("--remove", action="store_true", help="delete each JSON file once imported")
    importing.add_argument("--locale-dir", type=Path, default=LOCALE_DIR, help=argparse.SUPPRESS)
    checking = commands.add_parser("gaps", help="keys each language lacks, compared with English")
    checking.add_argument("--locale-dir", type=Path, default=LOCALE_DIR, help=argparse.SUPPRESS)
    return parser


def _print_gaps(locale_dir: Path) -> int:
    status = 0
    for gap in gaps(locale_dir=locale_dir):
        if gap.missing:
            status = 1
            print(f"{gap.lang}: {len(gap.missing)} keys to translate (shown in English until then): "
                  + ", ".join(gap.missing))
    return status


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "gaps":
            return _print_gaps(args.locale_dir)
        files = args.files or sorted(JSON_DIR.glob("*.json"))
        if not files:
            print("no JSON dictionaries to import")
        # English first: the other languages are checked against it
        for path in sorted(files, key=lambda p: (p.stem != "en", p.name)):
            report = import_json(path, locale_dir=args.locale_dir)
            touched = report.added + report.changed
            print(f"{report.source.name} → {report.lang}: {len(report.added)} added, {len(report.changed)} changed"
                  + (f" ({', '.join(touched)})" if 0 < len(touched) <= MAX_LISTED else ""))
            if report.plural_kept:
                print(f"  plural entries left as they are (check them by hand): {', '.join(report.plural_kept)}")
            if args.remove:
                path.unlink()
        _print_gaps(args.locale_dir)
    except CatalogError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
