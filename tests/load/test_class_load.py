"""A full class at once (issue 7.6): 30 sessions against one `streamlit run app.py`, zero errors, one data load.

Runs `bench/load_class.py` (5 sessions in chromium, 25 over Streamlit's own protocol; every third one in
presentation mode) and writes its figures to `artifacts/load/class_load.json`. Takes about a minute
on two cores. Run with `python -m pytest tests/load -m load -s` to see the figures.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

import pytest
from benches import bench_module

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SESSIONS = 30
BROWSERS = 5
CHANGES = 4
PRESENT_EVERY = 3


@pytest.mark.load
def test_a_class_of_thirty_is_served_without_errors_from_one_data_load() -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    bench = bench_module("load_class")
    # In a thread of its own: the sync Playwright of the browser tests may hold an event loop on this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        report = pool.submit(bench.run_class, sessions=SESSIONS, browsers=BROWSERS, changes=CHANGES,
                             present_every=PRESENT_EVERY).result()
    print(report.text())
    out = PROJECT_ROOT / "artifacts" / "load" / "class_load.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({**asdict(report), "error_count": report.error_count}, indent=2) + "\n")

    assert report.errors == []
    assert report.server_log_errors == []
    assert report.served == SESSIONS
    assert report.data_loads == 1, "the data must be loaded once and shared, not once per session"
    assert report.geocode_runs == 1, "the events must be geocoded once and shared"
    planned = bench.plan(SESSIONS, BROWSERS, PRESENT_EVERY)
    assert report.presentation_sessions == sum(s.kind == "presentation" for s in planned) > 0
    for client, figures in (("browser", report.change_browser), ("protocol", report.change_protocol)):
        dashboards = sum(s.client == client and s.kind == "dashboard" for s in planned)
        assert figures.count == dashboards * CHANGES, f"every filter change of the {client} sessions is measured"
