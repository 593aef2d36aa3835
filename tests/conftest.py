"""Shared fixtures.

Sections: (1) fast-suite fixtures (fake models, isolated cache, fixture paths);
(2) reserved below for session-scoped real-model fixtures used by `slow` tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import fake_models as _make_fake_models

# --- (1) fast suite ------------------------------------------------------------------------

FIXTURES_DIR = Path(__file__).parent.parent / "fixtures" / "kestrel"


@pytest.fixture(autouse=True)
def _isolated_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point CLAIMCHECK_CACHE_DIR at a fresh temp folder so no test writes the user cache.

    Models run in torch: the ONNX copies `compare` and `sources` would export into each fresh
    cache take half a minute; tests/test_onnx_models.py exports them once and tests them."""
    cache = tmp_path_factory.mktemp("claimcheck-cache")
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(cache))
    monkeypatch.setenv("CLAIMCHECK_BACKEND", "torch")
    yield cache


@pytest.fixture
def fake_models(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Make claimcheck.api.build_models return FakeEmbedder + FakeJudge (the CLI uses it too)."""
    import claimcheck.api

    models = _make_fake_models()
    monkeypatch.setattr(claimcheck.api, "build_models",
                        lambda config=None, show_progress=False: models)
    return models


@pytest.fixture
def fixtures_dir() -> Path:
    """The kestrel article drop shipped with the repository."""
    return FIXTURES_DIR


# --- (2) slow suite: real-model fixtures go below this line --------------------------------

REPO = Path(__file__).parent.parent
SEEDS_DIR = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def real_models(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The real offline embedding model and the shipped built-in judge, loaded once."""
    from claimcheck.api import build_models
    from claimcheck.config import Config

    config = Config(cache_dir=tmp_path_factory.mktemp("real-model-cache"))
    return build_models(config)


def fresh_check(paths: list[Path], cache: Path, **options: object):  # type: ignore[no-untyped-def]
    """A check with the real models behind an empty index, so that no verdict or vector
    computed by another test (in other batches) takes part: the report a new user gets."""
    from claimcheck.api import build_models, run_check
    from claimcheck.config import Config

    models = build_models(Config(cache_dir=cache).with_options(**options))
    try:
        return run_check(paths, models=models)
    finally:
        models.close()


@pytest.fixture(scope="session")
def kestrel_report(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The fixture drop checked with the real models (computed once per session)."""
    return fresh_check([FIXTURES_DIR], tmp_path_factory.mktemp("kestrel-cache"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real seed articles beside the checkout; tests using it skip without them."""
    if not SEEDS_DIR.is_dir() or not any(SEEDS_DIR.glob("*.txt")):
        pytest.skip(f"seed articles not found at {SEEDS_DIR}")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_report(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory
                ):  # type: ignore[no-untyped-def]
    """The seed articles checked with the real models (computed once per session)."""
    return fresh_check([seeds_dir], tmp_path_factory.mktemp("seeds-cache"))
