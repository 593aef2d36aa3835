"""claimcheck.config: option validation and the cache folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.api import _thresholds
from claimcheck.config import CACHE_ENV, Config, default_cache_dir
from claimcheck.errors import ConfigError
from claimcheck.judge import Thresholds


def test_defaults() -> None:
    config = Config()
    assert config.judge == "builtin"
    assert config.neighbours == 10
    assert config.use_cache is True
    assert config.contradiction_threshold is None


def test_with_options_applies_values_and_ignores_none() -> None:
    base = Config()
    config = base.with_options(contradiction_threshold=0.7, judge=None, embed_model=None,
                               neighbours=5)
    assert config.contradiction_threshold == 0.7
    assert config.neighbours == 5
    assert config.judge == base.judge
    assert base.contradiction_threshold is None  # the original is unchanged (frozen copy)
    assert base.with_options() == base


@pytest.mark.parametrize("name", ["min_similarity", "contradiction_threshold",
                                  "entailment_threshold", "cluster_similarity"])
@pytest.mark.parametrize("value", [-0.01, 1.5, float("nan")])
def test_with_options_rejects_out_of_range(name: str, value: float) -> None:
    with pytest.raises(ConfigError, match=name.replace("_", "-")):
        Config().with_options(**{name: value})


@pytest.mark.parametrize("value", [0.0, 1.0, 0.5])
def test_with_options_accepts_bounds(value: float) -> None:
    config = Config().with_options(min_similarity=value, contradiction_threshold=value)
    assert config.min_similarity == value


def test_with_options_rejects_zero_neighbours() -> None:
    with pytest.raises(ConfigError, match="neighbours"):
        Config().with_options(neighbours=0)


def test_default_cache_dir_honours_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cc"))
    assert default_cache_dir() == tmp_path / "cc"
    assert Config().resolved_cache_dir() == tmp_path / "cc"
    assert Config(cache_dir=tmp_path / "explicit").resolved_cache_dir() == tmp_path / "explicit"


def test_default_cache_dir_without_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    path = default_cache_dir()
    assert path.is_absolute()
    assert "claimcheck" in str(path)


def test_autouse_fixture_isolates_the_cache() -> None:
    import os

    assert os.environ.get(CACHE_ENV)
    assert "claimcheck-cache" in os.environ[CACHE_ENV]


def test_explicit_thresholds_override_calibration() -> None:
    calibrated = Thresholds(0.6, 0.7, 0.3)
    assert _thresholds(Config(), calibrated) == calibrated
    config = Config().with_options(contradiction_threshold=0.0, min_similarity=0.9)
    assert _thresholds(config, calibrated) == Thresholds(0.0, 0.7, 0.9)
