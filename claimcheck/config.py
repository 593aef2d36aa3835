"""Settings in one place: defaults, environment, then explicit options."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from claimcheck.embed import DEFAULT_EMBED_MODEL
from claimcheck.engine import ENGINES
from claimcheck.errors import ConfigError
from claimcheck.judge import BUILTIN_JUDGE

CACHE_ENV = "CLAIMCHECK_CACHE_DIR"
BACKEND_ENV = "CLAIMCHECK_BACKEND"
# auto: ONNX copies of the models for commands that answer one question (they start in about
# a second), torch for whole drops (faster per pair); docs/performance.md
BACKENDS = ("auto", "torch", "onnx")
MAX_FILE_ENV = "CLAIMCHECK_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 20.0


def default_max_file_mb() -> float:
    """`$CLAIMCHECK_MAX_FILE_MB`, else 20."""
    configured = os.environ.get(MAX_FILE_ENV)
    if not configured:
        return DEFAULT_MAX_FILE_MB
    try:
        return float(configured)
    except ValueError:
        raise ConfigError(f"{MAX_FILE_ENV} must be a number of megabytes, not {configured!r}"
                          ) from None


def default_backend() -> str:
    """`$CLAIMCHECK_BACKEND` (auto, torch or onnx), else auto."""
    return (os.environ.get(BACKEND_ENV) or "auto").strip().lower()


def default_cache_dir() -> Path:
    """`$CLAIMCHECK_CACHE_DIR`, else the platform's user cache dir."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck"))


@dataclass(frozen=True)
class Config:
    """How a check runs. Thresholds left as None come from the judge's calibration."""

    embed_model: str = DEFAULT_EMBED_MODEL
    judge: str = BUILTIN_JUDGE
    cache_dir: Path | None = None
    neighbours: int = 10
    cluster_similarity: float = 0.55
    min_similarity: float | None = None
    contradiction_threshold: float | None = None
    entailment_threshold: float | None = None
    use_cache: bool = True
    index: Path | None = None  # default: <cache dir>/index.sqlite
    max_file_mb: float = field(default_factory=default_max_file_mb)  # larger files: exit 2
    engine: str = "local"  # or "dask": parse, embed and cross-encoders on a Dask cluster
    engine_address: str | None = None  # a Dask scheduler; None: a local cluster
    engine_workers: int | None = None  # a local cluster's worker processes (default 2)
    backend: str = field(default_factory=default_backend)  # one of BACKENDS

    def for_one_question(self) -> Config:
        """The settings for a command that answers one question (`compare`, `sources`): the
        auto backend is ONNX there, where ONNX Runtime is installed."""
        if self.backend != "auto":
            return self
        from claimcheck.onnx_models import onnx_runtime_installed

        return replace(self, backend="onnx" if onnx_runtime_installed() else "torch")

    def onnx_cache(self) -> Path | None:
        """Where the ONNX copies of the models are kept, when they are used: the onnx
        backend, in this process (a distributed engine's workers run torch)."""
        if self.backend != "onnx" or self.engine != "local":
            return None
        from claimcheck.onnx_models import onnx_runtime_installed

        if not onnx_runtime_installed():
            raise ConfigError(f"{BACKEND_ENV}=onnx needs onnxruntime, onnx and tokenizers: "
                              "pip install onnxruntime onnx tokenizers")
        return self.resolved_cache_dir() / "onnx"

    def resolved_cache_dir(self) -> Path:
        return self.cache_dir or default_cache_dir()

    def resolved_index(self) -> Path:
        """The SQLite index holding vectors, verdicts, extractions and finished runs."""
        return self.index or self.resolved_cache_dir() / "index.sqlite"

    def with_options(self, **options: object) -> Config:
        """A copy with the options that are not None applied, validated."""
        updates = {k: v for k, v in options.items() if v is not None}
        config = replace(self, **updates)  # type: ignore[arg-type]
        for name in ("min_similarity", "contradiction_threshold", "entailment_threshold",
                     "cluster_similarity"):
            value = getattr(config, name)
            if value is not None and not 0.0 <= float(value) <= 1.0:
                raise ConfigError(f"{name.replace('_', '-')} must be between 0 and 1, not {value}")
        if not config.max_file_mb > 0:
            raise ConfigError(f"max-file-mb must be above 0, not {config.max_file_mb}")
        if config.backend not in BACKENDS:
            raise ConfigError(f"unknown backend {config.backend!r} (one of: "
                              f"{', '.join(BACKENDS)}; ${BACKEND_ENV})")
        if config.engine not in ENGINES:
            raise ConfigError(f"unknown engine {config.engine!r} (one of: {', '.join(ENGINES)})")
        if config.engine_workers is not None and config.engine_workers < 1:
            raise ConfigError(f"workers must be at least 1, not {config.engine_workers}")
        if config.neighbours < 1:
            raise ConfigError(f"neighbours must be at least 1, not {config.neighbours}")
        return config
