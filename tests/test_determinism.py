"""The same drop and models give a byte-identical report.json: across runs, across folders,
and whatever order the file system lists the files in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimcheck.api import Models, run_check
from claimcheck.report import render_json

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _copy_drop(source: Path, target: Path, reverse: bool) -> Path:
    """A copy of a drop whose files are created in sorted or reversed order (so that the
    directory lists them in a different order on most file systems)."""
    files = sorted(p for p in source.rglob("*") if p.is_file())
    for path in reversed(files) if reverse else files:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    return target


def _uncached(models: Models) -> Models:
    """The same models without the index, so every run computes everything again."""
    embedder = getattr(models.embedder, "inner", models.embedder)
    judge = getattr(models.judge, "inner", models.judge)
    return Models(embedder, judge, models.thresholds, None)


def test_report_json_is_byte_identical_across_runs_and_orderings(fake_models,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    first = _copy_drop(FIXTURES, tmp_path / "one", reverse=False)
    second = _copy_drop(FIXTURES, tmp_path / "two", reverse=True)
    runs = [render_json(run_check([drop], models=_uncached(fake_models)))
            for drop in (first, second, first)]
    assert runs[0] == runs[1] == runs[2]


@pytest.mark.slow
def test_real_models_give_a_byte_identical_report(real_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    drop = FIXTURES / "formats"
    copy = _copy_drop(drop, tmp_path / "copy", reverse=True)
    models = _uncached(real_models)
    first = render_json(run_check([drop], models=models))
    second = render_json(run_check([copy], models=models))
    assert first == second
