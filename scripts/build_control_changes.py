"""Build `control_changes.csv` (changes of territorial control, 2020 Nagorno-Karabakh war).

    python scripts/build_control_changes.py [--reference-dir DIR] [--curation FILE] [--output FILE] [--check]

Deterministic: the same inputs give the same bytes (UTF-8 without BOM, `\\n` line ends, standard CSV
quoting). `--check` writes nothing and exits 1 when the output file is not up to date.

Why a build script rather than a hand-edited file: every fact and source of the reference research is
copied verbatim (dates, place, claims, status, disputes, sources, notes), so a rerun shows at once whether
the file still says what the research says; only the mapping onto the map is the project's own.

Where each column comes from:
- the reference research (`../shared/reference/control_changes.csv`): `change_id`, `date`, `claim_date`,
  `place`, `place_type`, `claimed_by`, `status`, `disputed_by`, `sources` and the start of `notes`;
- the reference gazetteer (`places.csv`): `latitude`/`longitude` of a circle's centre (`centre_place`);
- the project's curation (`data/control_curation.csv`, one line per change): `kind`, `drawn_as`, `units`,
  `radius_km`, the sides in the project's spelling (`Artsakh/Armenia`, `Azerbaijan`, `Russian
  peacekeepers`) and how the change is drawn. Where the reference words the sides otherwise, its wording
  is kept in `notes`, followed by the drawing note.

Checks: every reference change has exactly one curation line and the reverse; every unit id exists in the
territory layers; a change drawn as whole districts names each district as the admin-1 layer spells it.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from base.atomic import write_atomic  # noqa: E402
from eventmap.control.layers import LAND_COUNTRY, unit_catalogue  # noqa: E402
from eventmap.control.schema import COLUMN_NAMES, DrawnAs, join_list, split_list  # noqa: E402

DEFAULT_REFERENCE_DIR = ROOT.parent / "shared" / "reference"
DEFAULT_CURATION = ROOT / "data" / "control_curation.csv"
DEFAULT_OUTPUT = ROOT / "control_changes.csv"
COPIED = ("change_id", "date", "claim_date", "place", "place_type", "claimed_by", "status", "disputed_by")


class BuildError(Exception):
    """The inputs do not fit together (the message says where)."""


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?", ")")) else text + "."


def _notes(ref: dict[str, str], cur: dict[str, str]) -> str:
    parts = [_sentence(ref["notes"])]
    ref_from, ref_to = ref["from_side"].strip(), ref["to_side"].strip()
    if (split_list(ref_from), split_list(ref_to)) != (split_list(cur["from_side"]), split_list(cur["to_side"])):
        parts.append(f"Sides as the reference words them: from {ref_from!r} to {ref_to!r}.")
    parts.append(f"Map: {_sentence(cur['drawing_note'])}")
    return " ".join(p for p in parts if p)


def _check_units(cur: dict[str, str]) -> None:
    catalogue = unit_catalogue()
    for unit_id in split_list(cur["units"]):
        unit = catalogue.get(unit_id)
        if unit is None:
            raise BuildError(f"{cur['change_id']}: unknown territory unit {unit_id!r}")
        if cur["drawn_as"] == DrawnAs.UNITS.value and unit.country == LAND_COUNTRY and unit.id.startswith("AZ-") \
                and unit.name not in cur["drawing_note"]:
            raise BuildError(f"{cur['change_id']}: the drawing note does not name {unit_id!r} as the layer does "
                             f"({unit.name!r})")


def build_rows(reference_dir: Path, curation: Path) -> list[dict[str, str]]:
    reference = _read_csv(reference_dir / "control_changes.csv")
    places = {p["place_id"]: p for p in _read_csv(reference_dir / "places.csv")}
    curated = {c["change_id"]: c for c in _read_csv(curation)}
    ref_ids = [r["change_id"] for r in reference]
    if sorted(ref_ids) != sorted(curated) or len(set(ref_ids)) != len(ref_ids):
        raise BuildError(f"the curation's change ids {sorted(curated)!r} do not match the reference's {ref_ids!r}")
    rows = []
    for ref in reference:
        cur = curated[ref["change_id"]]
        _check_units(cur)
        row = {name: ref[name].strip() for name in COPIED}
        row.update(kind=cur["kind"], drawn_as=cur["drawn_as"], units=join_list(split_list(cur["units"])),
                   latitude="", longitude="", radius_km=cur["radius_km"],
                   from_side=join_list(split_list(cur["from_side"])), to_side=join_list(split_list(cur["to_side"])),
                   sources=join_list(split_list(ref["sources"])), notes=_notes(ref, cur))
        if cur["centre_place"]:
            place = places.get(cur["centre_place"])
            if place is None or not place["lat"]:
                raise BuildError(f"{ref['change_id']}: no coordinates for place {cur['centre_place']!r}")
            row.update(latitude=place["lat"], longitude=place["lon"])
        rows.append(row)
    return rows


def render(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMN_NAMES), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-dir", type=Path, default=DEFAULT_REFERENCE_DIR)
    parser.add_argument("--curation", type=Path, default=DEFAULT_CURATION)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 when the output is not up to date")
    args = parser.parse_args(argv)
    try:
        text = render(build_rows(args.reference_dir, args.curation))
    except (OSError, KeyError, BuildError) as exc:
        print(f"build_control_changes: {exc}", file=sys.stderr)
        return 2
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output.name} is not up to date; run scripts/build_control_changes.py", file=sys.stderr)
            return 1
        return 0
    write_atomic(args.output, text)
    print(f"{args.output.name}: {text.count(chr(10)) - 1} changes written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
