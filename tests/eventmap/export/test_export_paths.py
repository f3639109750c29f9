"""Safe output names (hostile names in bulk are in tests/test_writes_stay_inside.py)."""

from pathlib import Path

import pytest

from base.errors import EventMapError, UnsafePathError
from eventmap.export.paths import check_name, export_path, resolve_inside, safe_file_name


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ("events.csv", ".png", "events.csv.png"),
        ("events", ".png", "events.png"),
        ("report.PNG", ".png", "report.png"),
        ("../../etc/passwd", ".csv", "passwd.csv"),
        ("C:\\Users\\x\\war 2020.csv", ".csv", "war_2020.csv"),
        ("شوشة 2020", ".png", "شوشة_2020.png"),
        ("...", ".gif", "export.gif"),
        ("CON", ".csv", "export.csv"),
        ("a\x00b\nc", ".html", "a_b_c.html"),
        ("x" * 500, ".png", "x" * 116 + ".png"),
    ],
)
def test_safe_file_name(text: str, suffix: str, expected: str) -> None:
    assert safe_file_name(text, suffix=suffix) == expected


@pytest.mark.parametrize("name", ["map.png", "2020/oct/map.png", "exports/شوشة.csv"])
def test_plain_names_resolve_inside(tmp_path: Path, name: str) -> None:
    assert tmp_path.resolve() in resolve_inside(tmp_path, name).parents
    assert check_name(name) == name


@pytest.mark.parametrize("name", ["../x.png", "/etc/passwd", "a/./b", "~root", "x\ty"])
def test_unsafe_names_raise_an_error_naming_the_value(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsafePathError) as caught:
        export_path(tmp_path, name)
    assert repr(name) in str(caught.value)
    assert isinstance(caught.value, EventMapError)
    assert isinstance(caught.value, ValueError)
