"""The README stays true to the code it documents."""

import re
from pathlib import Path

from eventmap.schema import schema_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_schema_table_is_the_schema():
    assert schema_markdown() in README


def test_the_two_commands_come_first():
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    assert "pip install -r requirements.txt" in blocks[0]
    assert "streamlit run app.py" in blocks[0]
    assert blocks[1].strip() == "bash .ci/run"


def test_every_linked_file_exists():
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", README):
        assert (ROOT / target).exists(), target


def test_every_setting_is_in_the_readme():
    names = set(re.findall(r'"(EVENTMAP_[A-Z_]+)"', (ROOT / "base" / "settings.py").read_text(encoding="utf-8")))
    assert len(names) >= 10
    assert sorted(name for name in names if f"`{name}`" not in README) == []
