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
    """Point CLAIMCHECK_CACHE_DIR at a fresh temp folder so no test writes the user cache."""
    cache = tmp_path_factory.mktemp("claimcheck-cache")
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(cache))
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


@pytest.fixture(scope="session")
def kestrel_report(real_models):  # type: ignore[no-untyped-def]
    """The fixture drop checked with the real models (computed once per session)."""
    from claimcheck.api import run_check

    return run_check([FIXTURES_DIR], models=real_models)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real seed articles beside the checkout; tests using it skip without them."""
    if not SEEDS_DIR.is_dir() or not any(SEEDS_DIR.glob("*.txt")):
        pytest.skip(f"seed articles not found at {SEEDS_DIR}")
    return SEEDS_DIR
