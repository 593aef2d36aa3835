"""claimcheck: claim provenance and contradiction checking for news article drops."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.48.0"

if TYPE_CHECKING:
    from claimcheck.api import Comparison, SourcesResult
    from claimcheck.config import Config
    from claimcheck.models import Report

__all__ = ["__version__", "check", "compare", "sources"]


def check(paths: Sequence[Path | str] | Path | str, config: Config | None = None) -> Report:
    """Run the contradiction check over files or folders of articles.

    Example: `claimcheck.check("fixtures/kestrel").pairs_frame()`
    """
    from claimcheck.api import run_check

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return run_check(paths, config)


def sources(claim: str, paths: Sequence[Path | str] | Path | str,
            config: Config | None = None) -> SourcesResult:
    """Supporting and refuting claims for `claim` (text or claim id) under `paths`."""
    from claimcheck.api import find_sources

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return find_sources(claim, paths, config)


def compare(premise: str, hypothesis: str, config: Config | None = None) -> Comparison:
    """Judge one (premise, hypothesis) pair."""
    from claimcheck.api import compare_pairs

    return compare_pairs([(premise, hypothesis)], config)[0]
