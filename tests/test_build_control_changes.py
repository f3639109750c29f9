"""`scripts/build_control_changes.py`: deterministic output, `--check`, and the checks on the curation."""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

import pytest
from eventframes import PROJECT_ROOT

from eventmap.control.loading import load_control_changes

_SPEC = importlib.util.spec_from_file_location("build_control_changes",
                                               PROJECT_ROOT / "scripts" / "build_control_changes.py")
build = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(build)

REFERENCE = [
    {"change_id": "C01", "date": "2020-10-03", "place": "Sugovushan (Madagiz)", "place_type": "village",
     "from_side": "Artsakh", "to_side": "Azerbaijan", "claimed_by": "President Ilham Aliyev",
     "claim_date": "2020-10-03", "status": "disputed", "disputed_by": "Artsakh MoD",
     "sources": "https://example.org/a;https://example.org/b", "notes": "A village"},
    {"change_id": "C02", "date": "2020-10-04", "place": "Jabrayil (town)", "place_type": "town",
     "from_side": "Artsakh/Armenia", "to_side": "Azerbaijan", "claimed_by": "President Ilham Aliyev",
     "claim_date": "2020-10-05", "status": "claimed", "disputed_by": "", "sources": "https://example.org/c",
     "notes": "A town."},
]
PLACES = [{"place_id": "sugovushan", "lat": "40.3259", "lon": "46.7000"}]
CURATION = [
    {"change_id": "C01", "kind": "control", "drawn_as": "circle", "units": "AZ-TAR", "centre_place": "sugovushan",
     "radius_km": "5", "from_side": "Artsakh/Armenia", "to_side": "Azerbaijan", "drawing_note": "A 5 km circle"},
    {"change_id": "C02", "kind": "control", "drawn_as": "units", "units": "AZ-CAB", "centre_place": "",
     "radius_km": "", "from_side": "Artsakh/Armenia", "to_side": "Azerbaijan",
     "drawing_note": "The whole of Jabrayil District (admin-1 Cəbrayıl, AZ-CAB)."},
]


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _run(tmp_path: Path, *, curation: list[dict[str, str]] = CURATION, check: bool = False) -> int:
    (tmp_path / "ref").mkdir(exist_ok=True)
    _write(tmp_path / "ref" / "control_changes.csv", REFERENCE)
    _write(tmp_path / "ref" / "places.csv", PLACES)
    args = ["--reference-dir", str(tmp_path / "ref"), "--curation", str(_write(tmp_path / "cur.csv", curation)),
            "--output", str(tmp_path / "out.csv")]
    return build.main([*args, "--check"] if check else args)


def test_the_output_keeps_every_fact_and_loads(tmp_path: Path) -> None:
    assert _run(tmp_path) == 0
    result = load_control_changes(tmp_path / "out.csv")
    assert [str(p) for p in result.problems] == []
    first, second = result.changes
    assert first.sources == ("https://example.org/a", "https://example.org/b")
    assert (first.circle.latitude, first.circle.longitude, first.circle.radius_km) == (40.3259, 46.7, 5.0)
    assert first.notes == "A village. Sides as the reference words them: from 'Artsakh' to 'Azerbaijan'. " \
                          "Map: A 5 km circle."
    assert (second.units, str(second.claim_date), second.notes.startswith("A town. Map: ")) == (
        ("AZ-CAB",), "2020-10-05", True)


def test_the_build_is_deterministic_and_check_sees_a_stale_file(tmp_path: Path) -> None:
    assert _run(tmp_path) == 0
    first = (tmp_path / "out.csv").read_bytes()
    assert _run(tmp_path) == 0
    assert (tmp_path / "out.csv").read_bytes() == first
    assert _run(tmp_path, check=True) == 0
    (tmp_path / "out.csv").write_bytes(first.replace(b"2020-10-05", b"2020-10-06"))
    assert _run(tmp_path, check=True) == 1


@pytest.mark.parametrize(("curation", "message"), [
    (CURATION[:1], "do not match the reference"),
    ([CURATION[0], {**CURATION[1], "units": "AZ-NOPE"}], "unknown territory unit 'AZ-NOPE'"),
    ([CURATION[0], {**CURATION[1], "drawing_note": "Jabrayil"}], "does not name 'AZ-CAB' as the layer does"),
    ([{**CURATION[0], "centre_place": "nowhere"}, CURATION[1]], "no coordinates for place 'nowhere'"),
])
def test_a_curation_that_does_not_fit_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 curation: list[dict[str, str]], message: str) -> None:
    assert _run(tmp_path, curation=curation) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out.csv").exists()
