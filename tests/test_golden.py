"""Golden-file tests: the rendered reports of each fixture drop, with the deterministic fakes.

The renderers are pure, so with fake models the output is byte-stable. To accept a deliberate
change of the format, run `CLAIMCHECK_UPDATE_GOLDEN=1 pytest tests/test_golden.py` and review
the diff. (What the real models find is asserted in test_fixtures_real.py.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fakes import fake_models

from claimcheck.api import run_check
from claimcheck.report import render_json, render_markdown

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
DROPS = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


@pytest.mark.parametrize("drop", DROPS, ids=lambda p: p.name)
@pytest.mark.parametrize(("suffix", "render"), [("json", render_json), ("md", render_markdown)])
def test_report_matches_golden(drop: Path, suffix: str, render) -> None:  # type: ignore[no-untyped-def]
    report = run_check([drop], models=fake_models())
    rendered = render(report)
    golden = GOLDEN / f"{drop.name}_fake_report.{suffix}"
    if os.environ.get("CLAIMCHECK_UPDATE_GOLDEN") == "1":
        golden.write_text(rendered, encoding="utf-8")
    # a missing golden file is a failure, never written here: the test must be able to fail
    assert golden.exists(), f"{golden} is missing; write it with CLAIMCHECK_UPDATE_GOLDEN=1"
    assert rendered == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("drop", DROPS, ids=lambda p: p.name)
def test_written_report_json_is_the_golden_file(drop: Path, tmp_path: Path) -> None:
    """write_report streams report.json in pieces; the file is the same bytes."""
    from claimcheck.report import write_report

    write_report(run_check([drop], models=fake_models()), tmp_path)
    golden = GOLDEN / f"{drop.name}_fake_report.json"
    assert (tmp_path / "report.json").read_bytes() == golden.read_bytes()
