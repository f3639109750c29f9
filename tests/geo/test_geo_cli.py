"""`python -m geo lookup` and `python -m geo geocode`."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fake_nominatim import FakeNominatim, Reply, place_json
from geopy.distance import great_circle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.cli import main

REPO = Path(__file__).resolve().parents[2]
SHUSHA = (39.7601, 46.7499)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run writes under tmp_path and is offline, whatever the developer's environment says."""
    for name in list(os.environ):
        if name.startswith("EVENTMAP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("EVENTMAP_STATE_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("EVENTMAP_OVERRIDES", str(tmp_path / "overrides.csv"))


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_lookup_json_as_a_real_command(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTMAP_")}
    env |= {"EVENTMAP_STATE_DIR": str(tmp_path / "var"), "EVENTMAP_OVERRIDES": str(tmp_path / "o.csv")}
    done = subprocess.run([sys.executable, "-m", "geo", "lookup", "Şuşa", "--json"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert great_circle((answer["lat"], answer["lon"]), SHUSHA).km < 2
    assert (answer["name"], answer["geo_source"], answer["matched_name"]) == ("Şuşa", "gazetteer", "Shusha")
    assert answer["confidence"] == 1.0
    assert "candidates" not in answer


@pytest.mark.parametrize("spelling", ["Şuşa", "شوشة", "شوشا", "Шуша", "Shushi", "Շուշի"])
def test_lookup_every_script_lands_on_shusha(spelling: str) -> None:
    code, out, _ = run("lookup", spelling, "--json")
    assert code == 0
    answer = json.loads(out)
    assert great_circle((answer["lat"], answer["lon"]), SHUSHA).km < 2


def test_lookup_ambiguous_lists_candidates_and_exits_1() -> None:
    code, out, _ = run("lookup", "Martuni", "--json")
    assert code == 1
    answer = json.loads(out)
    assert answer["status"] == "ambiguous"
    assert [c["place_id"] for c in answer["candidates"]] == ["martuni", "martuni_am"]
    code, out, _ = run("lookup", "Martuni", "--country", "AZ", "--json")
    assert code == 0
    assert json.loads(out)["place_id"] == "martuni"


def test_lookup_text_output() -> None:
    code, out, _ = run("lookup", "Martuni")
    assert code == 1
    assert "ambiguous" in out
    assert "Martuni (Armenia) at 40.1403, 45.3023" in out
    code, out, _ = run("lookup", "Qwertyuiop")
    assert code == 1
    assert "not_found" in out


def test_lookup_online_without_a_user_agent_is_a_clear_error() -> None:
    code, out, err = run("lookup", "Qwertyuiop", "--online")
    assert code == 2
    assert out == ""
    assert "EVENTMAP_GEOCODER_USER_AGENT" in err


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_geocode_a_file(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", "id,location,country,latitude,longitude,note\n"
                                        "1,Şuşa,Azerbaijan,,,=cmd|' /C calc'!A0\n"
                                        "2,Baku,Azerbaijan,40.1,49.9,\n"
                                        "3,Martuni,Azerbaijan,,,\n"
                                        "4,Martuni,,,,\n")
    code, out, err = run("geocode", str(source), "-o", str(tmp_path / "out.csv"))
    assert code == 1  # one row is ambiguous
    rows = read(tmp_path / "out.csv")
    assert list(rows[0]) == ["id", "location", "country", "latitude", "longitude", "note", "geo_precision",
                             "geo_source", "matched_name", "geo_confidence", "geo_status"]
    assert [r["geo_source"] for r in rows] == ["gazetteer", "data", "gazetteer", ""]
    assert (rows[0]["latitude"], rows[0]["longitude"]) == ("39.7601", "46.7499")
    assert rows[1]["latitude"] == "40.1"
    assert rows[3]["geo_status"] == "ambiguous: Martuni (Azerbaijan), Martuni (Armenia)"
    assert rows[0]["note"].startswith("'=")  # spreadsheet formula neutralised
    assert "gazetteer: 2" in out
    assert "'Martuni' (1 rows): ambiguous" in out
    assert "geocoding: 3/3 names" in err


def test_geocode_all_resolved_exits_0_and_another_column(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", "place;when\nStepanakert;2020-10-02\nГянджа;2020-10-04\n")
    code, _, _ = run("geocode", str(source), "-o", str(tmp_path / "out.csv"), "--column", "place")
    assert code == 0
    assert [r["matched_name"] for r in read(tmp_path / "out.csv")] == ["Stepanakert", "Ganja"]


def test_geocode_reports_bad_cells_and_keeps_every_row(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", "location,latitude,longitude\nShusha,north,46.7\nGanja,40.6\n"
                                        "Barda,40.3,47.1,extra\n")
    code, _, err = run("geocode", str(source), "-o", str(tmp_path / "out.csv"))
    assert code == 0
    assert f"{source}:2: latitude: not a number within ±90; the row is geocoded from its place name (got 'north')" \
        in err
    assert f"{source}:3: the row has 2 cells" in err
    rows = read(tmp_path / "out.csv")
    assert len(rows) == 3
    assert rows[0]["latitude"] == "39.7601"
    assert rows[2]["extra_1"] == "extra"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"name,date\nShusha,2020\n", "no column 'location' to geocode (columns: name, date)"),
    ],
)
def test_geocode_unusable_input_exits_2_with_a_message(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    code, _, err = run("geocode", str(source), "-o", str(tmp_path / "out.csv"))
    assert code == 2
    assert message in err
    assert not (tmp_path / "out.csv").exists()


def test_geocode_missing_file(tmp_path: Path) -> None:
    code, _, err = run("geocode", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "out.csv"))
    assert code == 2
    assert "cannot read the file" in err


def test_geocode_reads_other_encodings(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", "location\nشوشة\nГянджа\n", encoding="utf-16")
    code, _, _ = run("geocode", str(source), "-o", str(tmp_path / "out.csv"))
    assert code == 0
    assert [r["matched_name"] for r in read(tmp_path / "out.csv")] == ["Shusha", "Ganja"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: ("location,latitude\n" + t).encode("utf-8", "surrogatepass")),
    st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12), max_size=5),
             max_size=6).map(lambda rows: "\n".join(",".join(r) for r in [["location", "latitude"], *rows])
                             .encode("utf-8")),
))
def test_geocode_never_crashes(tmp_path: Path, data: bytes) -> None:
    source = tmp_path / "fuzz.csv"
    source.write_bytes(data)
    output = tmp_path / "fuzz-out.csv"
    output.unlink(missing_ok=True)
    code, _, err = run("geocode", str(source), "-o", str(output))
    assert code in (0, 1, 2)
    if code == 2:
        assert err.startswith("error: ")
        assert not output.exists()
    else:
        assert output.exists()


def online_env(monkeypatch: pytest.MonkeyPatch, nominatim: FakeNominatim) -> None:
    monkeypatch.setenv("EVENTMAP_GEOCODER_USER_AGENT", "eventmap-tests/1 (tests@example.org)")
    monkeypatch.setenv("EVENTMAP_GEOCODER_DOMAIN", nominatim.domain)
    monkeypatch.setenv("EVENTMAP_GEOCODER_SCHEME", "http")


def test_geocode_online_then_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            nominatim: FakeNominatim) -> None:
    online_env(monkeypatch, nominatim)
    nominatim.default = Reply(body=[place_json("Tugh, Khojavend District", 39.6, 47.0, addresstype="village")])
    source = write(tmp_path / "in.csv", "location,country\nTugh,Azerbaijan\nShusha,Azerbaijan\nTugh,Azerbaijan\n")
    code, out, _ = run("geocode", str(source), "-o", str(tmp_path / "out.csv"), "--online")
    assert code == 0, out
    assert [r["geo_source"] for r in read(tmp_path / "out.csv")] == ["online:nominatim", "gazetteer",
                                                                       "online:nominatim"]
    assert len(nominatim.searches()) == 1
    code, _, _ = run("geocode", str(source), "-o", str(tmp_path / "again.csv"), "--online")
    assert code == 0
    assert read(tmp_path / "again.csv")[0]["geo_source"] == "cache"
    assert len(nominatim.searches()) == 1


def test_geocode_online_while_the_service_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 nominatim: FakeNominatim) -> None:
    online_env(monkeypatch, nominatim)
    nominatim.default = Reply(status=429, headers={"Retry-After": "3600"})
    source = write(tmp_path / "in.csv", "location,country\nTugh,Azerbaijan\nKaradaghly,Azerbaijan\n")
    code, out, _ = run("geocode", str(source), "-o", str(tmp_path / "out.csv"), "--online")
    assert code == 1
    rows = read(tmp_path / "out.csv")
    assert len(rows) == 2
    assert all(r["geo_status"].startswith("unavailable: waiting: online:nominatim: ") for r in rows)
    assert all("rate limited (HTTP 429)" in r["geo_status"] for r in rows)
    assert "paused until" in rows[1]["geo_status"]
    assert "retry after 3600 s" in out
    assert len(nominatim.searches()) == 1  # the second name waits without asking again


@pytest.mark.parametrize(("argv", "place"), [
    (["Jermuk"], ("Jermuk", 39.84, 45.67)),  # never Çermik, Turkey, 600 km away
    (["Dzhermuk", "--country", "Armenia"], ("Jermuk", 39.84, 45.67)),
    (["Chinari", "--country", "AM", "--admin1", "Tavush"], ("Chinari", 40.85, 45.58)),
    (["Donetsk Oblast  Mariupol"], ("Mariupol", 47.1, 37.54)),
])
def test_lookup_villages(argv: list[str], place: tuple[str, float, float]) -> None:
    code, out, _ = run("lookup", *argv, "--json")
    answer = json.loads(out)
    assert code == 0, answer
    assert (answer["matched_name"], round(answer["lat"], 2), round(answer["lon"], 2)) == place
