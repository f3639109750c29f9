"""`python -m eventmap.i18n import-json`: keys of old JSON dictionaries merged into the gettext catalogues."""

from __future__ import annotations

import json

import pytest

from eventmap.i18n.__main__ import main
from eventmap.i18n.catalogs import CatalogError, compiled, entries, read_catalog, set_entry, write_catalog
from eventmap.i18n.import_json import gaps, import_json


def _json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _strings(lang, locale_dir):
    return {entry.key: entry.forms for entry in entries(read_catalog(lang, locale_dir=locale_dir))}


def test_a_new_catalogue_is_made_from_a_json_dictionary(tmp_path):
    locale = tmp_path / "locale"
    report = import_json(_json(tmp_path / "ar.json", {"a.b": "أ {n}", "c": "ج"}), locale_dir=locale)
    assert report.added == ("a.b", "c")
    assert _strings("ar", locale) == {"a.b": ("أ {n}",), "c": ("ج",)}
    assert read_catalog("ar", locale_dir=locale).num_plurals == 6  # the header carries Arabic's plural rule
    assert compiled(read_catalog("ar", locale_dir=locale)).gettext("c") == "ج"


def test_new_keys_are_added_edited_ones_replaced_plural_ones_kept(tmp_path):
    locale = tmp_path / "locale"
    import_json(_json(tmp_path / "en.json", {"keep": "Same", "edit": "Old", "many": "{n} things"}), locale_dir=locale)
    catalog = read_catalog("en", locale_dir=locale)
    del catalog["many"]
    set_entry(catalog, "many", ("{n} thing", "{n} things"))
    write_catalog(catalog, "en", locale_dir=locale)

    branch = {"keep": "Same", "edit": "New", "many": "{n} items", "added": "Added {x}"}
    report = import_json(_json(tmp_path / "en.json", branch), locale_dir=locale)
    assert (report.added, report.changed, report.plural_kept) == (("added",), ("edit",), ("many",))
    assert _strings("en", locale) == {"keep": ("Same",), "edit": ("New",), "many": ("{n} thing", "{n} things"),
                                      "added": ("Added {x}",)}
    again = import_json(_json(tmp_path / "en.json", branch), locale_dir=locale)
    assert (again.added, again.changed) == ((), ())


def test_gaps_list_the_keys_a_language_lacks(tmp_path):
    locale = tmp_path / "locale"
    import_json(_json(tmp_path / "en.json", {"a": "A", "b": "B", "c": "C"}), locale_dir=locale)
    import_json(_json(tmp_path / "ru.json", {"b": "Б"}), locale_dir=locale)
    assert {gap.lang: gap.missing for gap in gaps(locale_dir=locale)} == {"en": (), "ru": ("a", "c")}


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "cannot be read as JSON"), ("[1, 2]", "not a JSON object"), ('{"a": 1}', "not text, for keys a")],
)
def test_a_broken_json_file_is_named_and_nothing_is_written(tmp_path, content, message):
    path = tmp_path / "en.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogError, match=message) as caught:
        import_json(path, locale_dir=tmp_path / "locale")
    assert "en.json" in str(caught.value)
    assert not (tmp_path / "locale").exists()


def test_the_command_imports_english_first_removes_and_reports_gaps(tmp_path, capsys):
    locale = tmp_path / "locale"
    ar = _json(tmp_path / "ar.json", {"a": "أ"})
    en = _json(tmp_path / "en.json", {"a": "A", "b": "B"})
    assert main(["import-json", str(ar), str(en), "--remove", "--locale-dir", str(locale)]) == 0
    out = capsys.readouterr().out
    assert out.index("en.json → en") < out.index("ar.json → ar")
    assert "ar: 1 keys to translate (shown in English until then): b" in out
    assert not ar.exists()
    assert not en.exists()
    assert main(["gaps", "--locale-dir", str(locale)]) == 1


def test_the_command_reports_a_broken_file(tmp_path, capsys):
    path = tmp_path / "en.json"
    path.write_text("{oops", encoding="utf-8")
    assert main(["import-json", str(path), "--locale-dir", str(tmp_path / "locale")]) == 1
    assert "en.json" in capsys.readouterr().err


def test_the_bundled_catalogues_lack_nothing(capsys):
    assert main(["gaps"]) == 0
