"""Benchmark: the exact kNN search behind clusters and candidate pairs, before and after the
sampled bound (issue 16).

Embeds N unique SNLI sentences (the corpus of scripts/bench_scale.py, articles of 30) with the
real embedding model, then times in one process, on the same vectors:
- `reference`: 0.9.0's search, an argpartition over every column of each 1,024-row block;
- `nearest_neighbours`: today's, which selects only among the values at or above a bound
  taken from every 8th column (claimcheck.cluster.top_k_per_row);
both as the clusters ask (k + 1 over all claims) and as the candidate pairs ask (k among other
articles), and checks that they find the same neighbours with the same similarities. Then
both lists as `check` gets them since 0.10.0, from one search (`claim_neighbours`), against the
two 0.9.0 searches.

    python scripts/bench_knn.py --claims 12000 48000 [--out docs/bench_knn.json]

Vectors are kept in .cache/ between runs. Run by hand, not in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from bench_scale import ROOT, SENTENCES_PER_ARTICLE, snli_sentences

from claimcheck.cluster import claim_neighbours, nearest_neighbours

NEIGHBOURS = 10


def reference(vectors: npt.NDArray[np.float32], k: int,
              groups: npt.NDArray[np.int64] | None = None
              ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """claimcheck 0.9.0's nearest_neighbours, as it was."""
    sims = np.zeros((len(vectors), k), dtype=np.float32)
    idx = np.zeros((len(vectors), k), dtype=np.int64)
    for start in range(0, len(vectors), 1024):
        block = vectors[start : start + 1024] @ vectors.T
        if groups is not None:
            block[groups[start : start + len(block), None] == groups[None, :]] = -np.inf
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        top_sims = np.take_along_axis(block, top, axis=1)
        order = np.argsort(-top_sims, axis=1)
        idx[start : start + len(block)] = np.take_along_axis(top, order, axis=1)
        sims[start : start + len(block)] = np.take_along_axis(top_sims, order, axis=1)
    return sims, idx


def vectors_for(claims: int) -> npt.NDArray[np.float32]:
    cache = ROOT / ".cache" / f"bench_knn_{claims}.npy"
    if cache.exists():
        loaded: npt.NDArray[np.float32] = np.load(cache)
        return loaded
    from claimcheck.embed import SentenceTransformerEmbedder

    vectors = SentenceTransformerEmbedder("all-MiniLM-L6-v2").encode(snli_sentences()[:claims])
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.save(cache, vectors)
    return vectors


def timed(function: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, round(time.perf_counter() - start, 2)


def measure(claims: int) -> dict[str, Any]:
    vectors = vectors_for(claims)
    groups = (np.arange(len(vectors)) // SENTENCES_PER_ARTICLE).astype(np.int64)
    row: dict[str, Any] = {"claims": len(vectors)}
    for name, k, group_ids in (("clusters (k + 1, all claims)", NEIGHBOURS + 1, None),
                               ("candidate pairs (k, other articles)", NEIGHBOURS, groups)):
        (old_sims, old_idx), old_s = timed(reference, vectors, k, group_ids)
        (new_sims, new_idx), new_s = timed(nearest_neighbours, vectors, k, groups=group_ids)
        # 0.9.0 broke ties in no fixed order, today's by lower index: equal similarities can
        # come in another order, or (at the k-th place) be other claims
        other_sets = sum(set(a) != set(b) for a, b in zip(old_idx.tolist(), new_idx.tolist(),
                                                          strict=True))
        rows_ordered_differently = int((old_idx != new_idx).any(axis=1).sum())
        row[name] = {"reference_s": old_s, "today_s": new_s,
                     "speed_up": round(old_s / new_s, 2),
                     "same_similarities": bool(np.array_equal(old_sims, new_sims)),
                     "rows_with_other_neighbours": other_sets,
                     "rows_whose_ties_are_ordered_differently": rows_ordered_differently}
        print(json.dumps({name: row[name]}), flush=True)
    files = [str(g) for g in groups]
    both, shared_s = timed(claim_neighbours, vectors, files, NEIGHBOURS)
    separate_s = sum(row[name]["reference_s"] for name in row if name != "claims")
    row["both lists, one search (claim_neighbours) against 0.9.0's two"] = {
        "reference_s": round(separate_s, 2), "today_s": shared_s,
        "speed_up": round(separate_s / shared_s, 2),
        "same_similarities": bool(np.array_equal(both.sims, nearest_neighbours(
            vectors, NEIGHBOURS + 1)[0]))}
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[12000])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    result = {"command": "python scripts/bench_knn.py --claims "
                         + " ".join(map(str, args.claims)),
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform()},
              "sizes": [measure(n) for n in args.claims]}
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
