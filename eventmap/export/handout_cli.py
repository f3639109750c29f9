"""`python -m eventmap handout`: a teacher's story as an A4 handout (PDF, one page per step), without a browser.

    python -m eventmap handout STORY.json -o handout.pdf [--lang en|ar|ru] [--naming en|hy|az|ar|ru|both] [--data FILE]

STORY.json is a story in steps (docs/stories.md). A story file that is not valid, or that highlights
events the data does not have, is refused with the file, the step and the field named; nothing is written.
The PDF is written with `base.atomic.write_atomic`.

Exit codes: 0 written; 2 nothing written.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from base.atomic import write_atomic
from base.errors import EventMapError
from base.settings import Settings
from eventmap.scene import Lang
from geo.naming import Naming, naming_for_language

EXIT_OK, EXIT_UNUSABLE = 0, 2


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `handout` subcommand."""
    parser = subparsers.add_parser(
        "handout", help="print a story in steps as an A4 handout (PDF, one page per step)",
        description="Draw each step of a teacher's story (date range, view, highlighted events, text) on an "
        "A4 page: the map, the step's title and text, the dates and the sources of the highlighted events.")
    parser.add_argument("story", metavar="STORY.json", type=Path, help="the story file (docs/stories.md)")
    parser.add_argument("-o", "--output", metavar="OUT.pdf", type=Path, required=True, help="the PDF to write")
    parser.add_argument("--lang", default="en", help="language of the text and the map (en, ar, ...)")
    parser.add_argument("--naming", choices=tuple(Naming), default=None,
                        help="how places are named on the map (default: the language's own names)")
    parser.add_argument("--data", metavar="FILE", type=Path, help="event file (default: EVENTMAP_DATA or events.csv)")
    parser.set_defaults(handler=run_handout)
    return parser


def run_handout(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None,
                settings: Settings | None = None) -> int:
    """Write the handout; returns the exit code."""
    from eventmap.export.cli import _load
    from eventmap.export.handout import HandoutSpec, render_handout
    from eventmap.i18n import languages
    from eventmap.playback.stories import load_story

    out, err = out or sys.stdout, err or sys.stderr
    settings = settings or Settings.from_env()
    data_path = args.data or settings.data_path
    if args.output.is_dir():
        print(f"{args.output}: is a folder; give a file name", file=err)
        return EXIT_UNUSABLE
    if args.output.suffix.lower() != ".pdf":
        print(f"{args.output}: the handout is a PDF; give a name ending in .pdf", file=err)
        return EXIT_UNUSABLE
    try:
        if args.lang not in languages():
            raise EventMapError(f"--lang: one of {', '.join(languages())} (got {args.lang!r})")
        story = load_story(args.story)
        loaded = _load(data_path, settings, err)
        started = time.perf_counter()
        lang = Lang(args.lang)
        naming = Naming(args.naming) if args.naming is not None else naming_for_language(lang)
        spec = HandoutSpec(lang=lang, naming=naming,
                           sides_config_path=settings.sides_config_path, data_stamp=loaded.stamp)
        data = render_handout(loaded.frame, story, spec=spec)
        write_atomic(args.output, data)
    except (EventMapError, OSError) as exc:
        print(f"handout: {exc}", file=err)
        return EXIT_UNUSABLE
    print(f"wrote {args.output} ({len(story.steps)} pages, {args.lang}, {len(data):,} bytes, "
          f"{time.perf_counter() - started:.1f} s)", file=out)
    return EXIT_OK
