"""The distributed engine: Dask in local mode writes the single-process run's report, byte for
byte, on the fixtures and the seeds; bad engine settings exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.config import Config
from claimcheck.engine import (
    DOCUMENT_PARTITION,
    DaskEngine,
    local_model_path,
    open_engine,
    partitions,
    portable_model_path,
    worker_model,
)
from claimcheck.errors import ConfigError
from claimcheck.judge import builtin_model_dir

runner = CliRunner()


def test_partitions_depend_on_the_data_alone() -> None:
    assert partitions(list(range(5)), 2) == [[0, 1], [2, 3], [4]]
    assert partitions([], 3) == []
    assert partitions(list(range(DOCUMENT_PARTITION)), DOCUMENT_PARTITION) == [
        list(range(DOCUMENT_PARTITION))]


def test_local_engine_is_this_process() -> None:
    assert open_engine("local") is None
    with pytest.raises(ConfigError, match="--engine dask"):
        open_engine("local", address="tcp://127.0.0.1:8786")
    with pytest.raises(ConfigError, match="unknown engine"):
        Config().with_options(engine="spark")
    with pytest.raises(ConfigError, match="workers must be at least 1"):
        Config().with_options(engine="dask", engine_workers=0)


def test_a_dask_engine_starts_nothing_until_it_has_work() -> None:
    engine = DaskEngine(workers=2)
    assert not engine.started
    assert engine.map(len, []) == []
    assert engine.worker_peak_rss_mb() == []
    assert not engine.started
    engine.close()


def test_a_worker_builds_each_model_once() -> None:
    built: list[int] = []

    def build() -> int:
        built.append(1)
        return 42

    key = ("test", "once")
    assert worker_model(key, build) == 42
    assert worker_model(key, build) == 42
    assert built == [1]


def test_builtin_models_are_named_for_the_worker_s_own_install() -> None:
    folder = str(builtin_model_dir() / "cross-encoder-2")
    assert portable_model_path(folder) == "builtin:cross-encoder-2"
    assert Path(local_model_path("builtin:cross-encoder-2")) == Path(folder)
    assert portable_model_path("cross-encoder/nli-deberta-v3-small") == \
        "cross-encoder/nli-deberta-v3-small"


@pytest.mark.parametrize("args, message", [
    (["--engine", "spark"], "unknown engine 'spark'"),
    (["--address", "tcp://127.0.0.1:8786"], "--engine dask"),
    (["--engine", "dask", "--workers", "0"], "workers must be at least 1"),
])
@pytest.mark.parametrize("command", ["check", "ci"])
def test_check_and_ci_refuse_bad_engine_settings(command: str, args: list[str], message: str,
                                                 fixtures_dir: Path, tmp_path: Path) -> None:
    extra = ["--baseline", str(tmp_path / "baseline.json")] if command == "ci" else []
    result = runner.invoke(app, [command, str(fixtures_dir), "--out", str(tmp_path), *extra,
                                 *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_check_names_a_scheduler_it_cannot_reach(fixtures_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(fixtures_dir), "--out", str(tmp_path), "-q",
                                 "--engine", "dask", "--address", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach a Dask scheduler at tcp://127.0.0.1:9" in result.output


@pytest.fixture(scope="module")
def dask_models(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The real models on a local Dask cluster of two workers, behind an empty index."""
    from claimcheck.api import build_models

    models = build_models(Config(cache_dir=tmp_path_factory.mktemp("dask-cache")).with_options(
        engine="dask", engine_workers=2))
    assert models.engine is not None and models.engine.name == "dask"
    yield models
    models.close()


@pytest.mark.slow
def test_dask_writes_the_single_process_report_on_the_fixtures(  # type: ignore[no-untyped-def]
        dask_models, kestrel_report, fixtures_dir: Path) -> None:
    from claimcheck.api import run_check
    from claimcheck.report import render_json

    assert render_json(run_check([fixtures_dir], models=dask_models)) == \
        render_json(kestrel_report)


@pytest.mark.slow
def test_dask_writes_the_single_process_report_on_the_seeds(  # type: ignore[no-untyped-def]
        dask_models, seed_report, seeds_dir: Path) -> None:
    from claimcheck.api import run_check
    from claimcheck.report import render_json

    assert render_json(run_check([seeds_dir], models=dask_models)) == render_json(seed_report)


@pytest.mark.slow
def test_an_unchanged_re_run_starts_no_cluster(  # type: ignore[no-untyped-def]
        dask_models, fixtures_dir: Path) -> None:
    from claimcheck.api import build_models, run_check
    from claimcheck.report import render_json

    first = run_check([fixtures_dir], models=dask_models)
    assert dask_models.index is not None
    again = build_models(Config(index=dask_models.index.path).with_options(
        engine="dask", engine_workers=2))
    try:
        assert render_json(run_check([fixtures_dir], models=again)) == render_json(first)
        assert again.engine is not None and not again.engine.started  # type: ignore[attr-defined]
    finally:
        again.close()


@pytest.mark.slow
def test_ci_takes_the_engine(dask_models, fixtures_dir: Path,  # type: ignore[no-untyped-def]
                             tmp_path: Path) -> None:
    from claimcheck.api import run_check

    run_check([fixtures_dir], models=dask_models)
    assert dask_models.index is not None
    result = runner.invoke(app, ["ci", str(fixtures_dir), "--baseline",
                                 str(tmp_path / "baseline.json"), "--out", str(tmp_path), "-q",
                                 "--index", str(dask_models.index.path), "--engine", "dask"])
    assert result.exit_code == 1, result.output  # the fixtures' planted contradictions
    assert (tmp_path / "claimcheck-ci.md").exists()
