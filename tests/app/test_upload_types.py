"""The uploader takes every kind of table the readers read, and refuses others in words (no MIME type)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import app, headline
from ui.upload import ACCEPTED_SUFFIXES, refusal


def uploader(at: AppTest):
    return next(f for f in at.file_uploader if f.key.startswith("data_upload_"))


@pytest.mark.parametrize("name", ["events.csv", "a.TSV", "notes.txt", "book.xlsx", "old.xls", "calc.ods",
                                  "rows.json", "points.geojson", "table.parquet"])
def test_every_reader_s_file_is_taken(name):
    assert refusal(name, lang="en") is None


def test_the_accepted_kinds_are_named_in_words():
    failure = refusal("report.pdf", lang="en")
    message = failure.problems[0].message
    assert message.startswith("not a table the map can read (a .pdf file); it reads CSV")
    assert "Excel workbooks (.xlsx, .xls)" in message
    assert "application/" not in message
    assert all(suffix in message for suffix in ACCEPTED_SUFFIXES)


def test_a_refused_file_is_explained_and_the_data_stays():
    at = app()
    total = headline(at)[1]
    uploader(at).set_value(("report.pdf", b"%PDF-1.4 not a table", "application/pdf")).run()
    assert not at.exception
    errors = " ".join(e.value.replace("\\", "") for e in at.error)
    shown = errors + " ".join(c.value for c in at.code)
    assert "report.pdf" in errors
    assert "Excel workbooks" in shown
    assert "application/pdf" not in shown
    assert headline(at)[1] == total, "the data shown before is still shown"
