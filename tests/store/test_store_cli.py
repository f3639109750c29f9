"""`python -m store`: from an empty database to a published, exported set, and the messages of bad input."""

from __future__ import annotations

import io
import socket

import pytest
from eventframes import PROJECT_ROOT
from storekit import PASSWORD

from store.cli import EXIT_OK, EXIT_REFUSED, EXIT_UNUSABLE, main

pytestmark = pytest.mark.postgres


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_from_an_empty_database_to_an_export(empty_database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTMAP_PASSWORD", PASSWORD)
    url = ("--url", empty_database_url)
    code, _, err = run(*url, "pending")
    assert (code, "python -m store migrate" in err) == (EXIT_UNUSABLE, True)
    assert run(*url, "migrate")[:2] == (EXIT_OK, "schema at 0001 (was empty)\n")
    assert run(*url, "add-person", "adam", "--role", "admin")[:2] == (EXIT_OK, "added adam (admin)\n")
    for name, role in (("ana", "editor"), ("rita", "reviewer")):
        assert run(*url, "add-person", name, "--role", role, "--as", "adam")[0] == EXIT_OK
    code, out, _ = run(*url, "seed", str(PROJECT_ROOT / "events.csv"), "--as", "adam")
    assert (code, out.splitlines()[-1].endswith("published as version 1")) == (EXIT_OK, True)
    changed = tmp_path / "changed.csv"
    text = (PROJECT_ROOT / "events.csv").read_text(encoding="utf-8")
    header, first, *_ = text.splitlines()
    changed.write_text(header + "\n" + first.replace("2020-09-27", "2020-09-28", 1) + "\n", encoding="utf-8")
    code, out, _ = run(*url, "import", str(changed), "--as", "ana", "--reason", "a later date")
    assert (code, "1 revisions" in out, "waiting for review" in out) == (EXIT_OK, True, True)
    code, out, _ = run(*url, "pending")
    revision_id = out.split()[1].rstrip(":")
    assert run(*url, "publish", revision_id, "--as", "ana")[0] == EXIT_REFUSED  # an editor
    code, out, _ = run(*url, "publish", revision_id, "--as", "rita", "--note", "checked")
    assert (code, out.strip().endswith("published version 2")) == (EXIT_OK, True)
    event_id = first.split(",")[0]
    code, out, _ = run(*url, "history", event_id)
    assert [line.split(" by ")[1].split()[0] for line in out.splitlines()] == ["adam", "ana"]
    code, out, _ = run(*url, "export", "--format", "geojson", "-o", str(tmp_path))
    assert (code, (tmp_path / "events-published-v2.geojson").exists()) == (EXIT_OK, True)


def test_the_changes_of_control_go_in_all_or_nothing_and_again_replace(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTMAP_PASSWORD", PASSWORD)
    url = ("--url", store_url)
    assert run(*url, "add-person", "adam", "--role", "admin")[0] == EXIT_OK
    assert run(*url, "add-person", "vic", "--role", "viewer", "--as", "adam")[0] == EXIT_OK
    control = PROJECT_ROOT / "control_changes.csv"
    rows = len(control.read_text(encoding="utf-8").splitlines()) - 1
    code, _, err = run(*url, "import-control", str(control), "--as", "vic")
    assert (code, "may not import" in err) == (EXIT_REFUSED, True)
    assert run(*url, "import-control", str(control), "--as", "adam")[:2] == (
        EXIT_OK, f"control_changes.csv: {rows} changes of control saved\n")
    assert run(*url, "import-control", str(control), "--as", "adam")[0] == EXIT_OK  # the same ids: replaced
    broken = tmp_path / "control_changes.csv"
    header, first, *_ = control.read_text(encoding="utf-8").splitlines()
    broken.write_text(f"{header}\n{first.replace('2020-', '2020-13-', 1)}\n", encoding="utf-8")
    code, _, err = run(*url, "import-control", str(broken), "--as", "adam")
    assert (code, "nothing was imported" in err, "line 2" in err or ":2:" in err) == (EXIT_REFUSED, True, True), err


@pytest.mark.parametrize(("argv", "code", "words"), [
    (("add-person", "zed", "--role", "boss", "--as", "adam"), EXIT_REFUSED, "unknown role 'boss'"),
    (("import", "missing.csv", "--as", "nobody", "--reason", "x"), EXIT_UNUSABLE, "no person named 'nobody'"),
    (("history", "NO-SUCH-ID"), EXIT_UNUSABLE, "no event 'NO-SUCH-ID'"),
])
def test_bad_arguments_name_the_bad_value(store_url, argv, code, words, monkeypatch):
    monkeypatch.setenv("EVENTMAP_PASSWORD", PASSWORD)
    assert run("--url", store_url, "add-person", "adam", "--role", "admin")[0] == EXIT_OK
    result = run("--url", store_url, *argv)
    assert (result[0], words in result[2]) == (code, True), result


def test_the_first_person_must_be_an_admin(store_url, monkeypatch):
    monkeypatch.setenv("EVENTMAP_PASSWORD", PASSWORD)
    code, _, err = run("--url", store_url, "add-person", "zed", "--role", "editor")
    assert (code, "the first person must be an admin, got --role 'editor'" in err) == (EXIT_UNUSABLE, True)


def test_no_database_or_an_unreachable_one(monkeypatch):
    monkeypatch.delenv("EVENTMAP_DATABASE_URL", raising=False)
    code, _, err = run("pending")
    assert (code, "EVENTMAP_DATABASE_URL" in err) == (EXIT_UNUSABLE, True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, _, err = run("--url", f"postgresql://u:pw-secret@127.0.0.1:{port}/x", "pending")
    assert (code, f"127.0.0.1:{port}/x cannot be reached" in err, "pw-secret" in err) == (EXIT_UNUSABLE, True, False)
