"""`python -m eventmap people add|list|role|remove`: the people file of the embedded default, from a terminal
or a script (`EVENTMAP_PASSWORD`)."""

from __future__ import annotations

import json

import pytest

from access import LoginError
from access.people_file import PeopleFile
from eventmap.cli import main

PASSWORD = "correct horse battery"  # noqa: S105 (a test password)


@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTMAP_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("EVENTMAP_DATABASE_URL", raising=False)
    monkeypatch.setenv("EVENTMAP_PASSWORD", PASSWORD)
    return tmp_path / "state"


def test_add_list_role_remove(state, capsys):
    assert main(["people", "add", "Ana", "--role", "editor"]) == 0
    assert main(["people", "add", "Rua", "--role", "Reviewer"]) == 0
    people = PeopleFile(state / "people.json")
    assert people.authenticate("Ana", PASSWORD).role.label == "editor"
    assert PASSWORD not in (state / "people.json").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["people", "list"]) == 0
    listed = [line.split("\t")[:2] for line in capsys.readouterr().out.splitlines()]
    assert listed == [["Ana", "editor"], ["Rua", "reviewer"]]
    assert main(["people", "role", "Ana", "admin"]) == 0
    assert people.authenticate("Ana", PASSWORD).role.label == "admin"
    assert main(["people", "remove", "Ana"]) == 0
    with pytest.raises(LoginError):
        people.authenticate("Ana", PASSWORD)
    assert [p.name for p in people.people()] == ["Rua"]


def test_the_default_role_is_editor(state):
    assert main(["people", "add", "Ana"]) == 0
    assert json.loads((state / "people.json").read_text(encoding="utf-8"))["people"][0]["role"] == "editor"


@pytest.mark.parametrize(
    ("argv", "password", "message"),
    [
        (["people", "add", "Ana"], "short", "a password needs at least 8 characters, got 5"),
        (["people", "add", "Ana, Rua"], PASSWORD, "commas are not allowed"),
        (["people", "remove", "Nobody"], PASSWORD, "no one called 'Nobody' in people.json; nothing changed"),
        (["people", "role", "Nobody", "editor"], PASSWORD, "no one called 'Nobody'"),
    ],
)
def test_a_refusal_says_why_and_exits_2(state, capsys, argv, password, message, monkeypatch):
    monkeypatch.setenv("EVENTMAP_PASSWORD", password)
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (state / "people.json").exists()


def test_an_unknown_role_is_an_argument_error(state, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["people", "add", "Ana", "--role", "boss"])
    assert exited.value.code == 2
    assert "unknown role 'boss': one of viewer, editor, reviewer, admin" in capsys.readouterr().err


def test_without_a_terminal_or_the_variable_it_asks_for_the_variable(state, capsys, monkeypatch):
    monkeypatch.delenv("EVENTMAP_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["people", "add", "Ana"]) == 2
    assert "set EVENTMAP_PASSWORD" in capsys.readouterr().err
    assert not (state / "people.json").exists()


def test_a_damaged_file_is_named_and_left_as_it_is(state, capsys):
    state.mkdir(parents=True)
    (state / "people.json").write_text("{oops", encoding="utf-8")
    assert main(["people", "list"]) == 2
    assert "people.json:1:2: not valid JSON" in capsys.readouterr().err
    assert main(["people", "add", "Ana"]) == 2
    assert (state / "people.json").read_text(encoding="utf-8") == "{oops"


def test_with_the_team_store_it_refuses_to_edit_a_file_the_app_would_not_read(state, capsys, monkeypatch):
    monkeypatch.setenv("EVENTMAP_DATABASE_URL", "postgresql://localhost/eventmap")
    assert main(["people", "add", "Ana"]) == 2
    assert "people are kept in the team store" in capsys.readouterr().err
    assert not (state / "people.json").exists()
