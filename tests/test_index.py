"""The SQLite index under concurrent first use (the race CI caught: 'database is locked')."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import numpy as np

from claimcheck.index import Index


def _writer(args: tuple[str, int]) -> int:
    path, worker = args
    index = Index(Path(path))
    for i in range(10):
        index.put_vectors("model", {f"{worker}-{i}": np.full(4, worker, np.float32)})
        index.get_vectors("model", [f"{worker}-{i}"])
        index.put_verdicts("judge", {(f"{worker}-{i}", "h"): (0.1, 0.2, 0.7)})
    return worker


def test_processes_opening_a_new_index_together_all_succeed(tmp_path: Path) -> None:
    for trial in range(4):
        path = tmp_path / f"trial{trial}" / "index.sqlite"
        with mp.get_context("spawn").Pool(5) as pool:
            assert sorted(pool.map(_writer, [(str(path), w) for w in range(5)])) == [0, 1, 2, 3, 4]
        counts = Index(path).counts()
        assert counts["vectors"] == 50 and counts["verdicts"] == 50


def test_index_roundtrip(tmp_path: Path) -> None:
    index = Index(tmp_path / "index.sqlite")
    index.put_vectors("m", {"k": np.arange(3, dtype=np.float32)})
    assert index.get_vectors("m", ["k", "missing"])["k"].tolist() == [0.0, 1.0, 2.0]
    index.put_verdicts("j", {("p", "h"): (0.5, 0.25, 0.25)})
    assert index.get_verdicts("j", [("p", "h"), ("h", "p")]) == {("p", "h"): (0.5, 0.25, 0.25)}
    index.put_extractions({("sha", "a.txt"): {"claims": [], "skipped": []}}, "2")
    assert index.get_extractions([("sha", "a.txt")], "2") == {
        ("sha", "a.txt"): {"claims": [], "skipped": []}}
    assert index.get_extractions([("sha", "a.txt")], "3") == {}
    index.put_run("fp", {"x": 1})
    assert index.get_run("fp") == {"x": 1} and index.get_run("other") is None
