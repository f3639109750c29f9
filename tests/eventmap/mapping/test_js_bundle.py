"""`js_bundle`: the ES modules of static/eventmap/js joined into one classic script, exactly as they say."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from eventmap.mapping.assets import (
    BUNDLES,
    JS_MODULES_DIR,
    STATIC_DIR,
    JsModuleError,
    MissingAssetError,
    bundle_file_text,
    js_bundle,
)


def write(folder: Path, **modules: str) -> Path:
    for name, text in modules.items():
        (folder / f"{name}.js").write_text(text, encoding="utf-8")
    return folder


def test_a_small_bundle_is_exactly_the_modules_in_dependency_order(tmp_path) -> None:
    folder = write(
        tmp_path,
        main='import { twice } from "./b.js";\nimport { one } from "./a.js";\nrun(twice(one));\n',
        b='import { one } from "./a.js";\nexport function twice(x) {\n  return 2 * x + one - one;\n}\n',
        a="export const one = 1;\nconst hidden = 0;\n",
    )
    assert js_bundle("main", folder=folder) == (
        '(function () {\n"use strict";\nconst modules = {};\n'
        '// a.js\nmodules["a"] = (function () {\nconst one = 1;\nconst hidden = 0;\nreturn { one };\n})();\n'
        '// b.js\nmodules["b"] = (function () {\nconst { one } = modules["a"];\n'
        "function twice(x) {\n  return 2 * x + one - one;\n}\nreturn { twice };\n})();\n"
        '// main.js\nmodules["main"] = (function () {\nconst { twice } = modules["b"];\nconst { one } = modules["a"];\n'
        "run(twice(one));\nreturn {  };\n})();\n"
        "})();\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('import { a as b } from "./a.js";\n', "only plain names"),
        ('import a from "./a.js";\n', "does not join"),
        ('import * as a from "./a.js";\n', "does not join"),
        ("export default function () {}\n", "does not join"),
        ("const x = 1;\nexport { x };\n", "does not join"),
        ('export { one } from "./a.js";\n', "does not join"),
    ],
)
def test_forms_it_does_not_join_are_refused(tmp_path, text, message) -> None:
    folder = write(tmp_path, main=text, a="export const one = 1;\n")
    with pytest.raises(JsModuleError, match=message):
        js_bundle("main", folder=folder)


def test_a_circle_and_a_missing_module_are_refused(tmp_path) -> None:
    folder = write(tmp_path, main='import { b } from "./b.js";\n',
                   b='import { m } from "./main.js";\nexport const b = 1;\n')
    with pytest.raises(JsModuleError, match="main -> b -> main"):
        js_bundle("main", folder=folder)
    folder = write(tmp_path, main='import { z } from "./nothing.js";\n')
    with pytest.raises(MissingAssetError, match=r"nothing\.js"):
        js_bundle("main", folder=folder)


@pytest.mark.parametrize("target", sorted(BUNDLES))
def test_each_committed_bundle_is_its_modules_joined(target) -> None:
    written = (STATIC_DIR / target).read_text(encoding="utf-8")
    assert written == bundle_file_text(BUNDLES[target]), f"{target}: run `python -m eventmap.mapping.assets`"


@pytest.mark.parametrize("entry", ["playback", "eventmap"])
def test_a_bundle_holds_every_module_it_imports_once(entry) -> None:
    bundle = js_bundle(entry)
    named = re.findall(r'^// (\w+)\.js$', bundle, flags=re.MULTILINE)
    texts = "".join((JS_MODULES_DIR / f"{name}.js").read_text(encoding="utf-8") for name in named)
    imported = set(re.findall(r'from "\./(\w+)\.js"', texts))
    assert named[-1] == entry
    assert len(named) == len(set(named))
    assert imported <= set(named)
    assert not re.search(r"^\s*(import|export)\b", bundle, flags=re.MULTILINE)
    for name in named:  # each module's code is in the bundle as written (bar its import/export words)
        for line in (JS_MODULES_DIR / f"{name}.js").read_text().splitlines():
            if not line.startswith(("import ", "export ")):
                assert line in bundle


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node (.ci/run installs it)")
@pytest.mark.parametrize("entry", ["playback", "eventmap"])
def test_node_parses_the_bundle(tmp_path, entry) -> None:
    path = tmp_path / f"{entry}.js"
    path.write_text(js_bundle(entry), encoding="utf-8")
    subprocess.run(["node", "--check", str(path)], check=True)
