"""Dask distributed against Ray, in local mode on this machine, on claimcheck's own stage
functions: which engine `check --engine` runs on (docs/scaling.md).

    pip install 'claimcheck-news[distributed]' ray==2.60.0   # ray only for this measurement
    python scripts/bench_engines.py                          # docs/bench_engines.json

Each engine starts a local cluster of 2 worker processes with one CPU each (Dask through
claimcheck's own `DaskEngine`, as `check --engine dask` does; Ray with `ray.init` and tasks of
one CPU), then maps the same
functions the pipeline maps: `encode_on_worker` over 4 partitions of 1,024 SNLI sentences and
`judge_on_worker` (the built-in MiniLM cross-encoder) over 4 partitions of 512 pairs. A map runs
twice: cold (each worker loads the model) and warm. Reported: start-up, each map's wall time,
the cluster's shutdown, and whether both engines return the same numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from judge_data import fetch_snli, read_snli

from claimcheck.embed import DEFAULT_EMBED_MODEL, SentenceTransformerEmbedder
from claimcheck.engine import (
    EMBED_PARTITION,
    PAIR_PARTITION,
    encode_on_worker,
    judge_on_worker,
    partitions,
)
from claimcheck.judge import CrossEncoderJudge, builtin_model_dir

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2


def ray_map(ray: Any) -> Callable[..., list[Any]]:
    def run(function: Callable[..., Any], calls: list[tuple[Any, ...]]) -> list[Any]:
        remote = ray.remote(num_cpus=1)(function)
        return list(ray.get([remote.remote(*a) for a in calls]))
    return run


def timed(step: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = step()
    return value, round(time.perf_counter() - start, 2)


def workload(mapper: Callable[..., list[Any]], texts: list[str],
             pairs: list[tuple[str, str]]) -> tuple[dict[str, float], np.ndarray, np.ndarray]:
    embedder = SentenceTransformerEmbedder(DEFAULT_EMBED_MODEL)
    judge = CrossEncoderJudge(str(builtin_model_dir() / "cross-encoder"))
    embed_calls = [(DEFAULT_EMBED_MODEL, embedder.batch_size, embedder.name, p)
                   for p in partitions(texts, EMBED_PARTITION)]
    judge_calls = [(*judge.spec, judge.name, p) for p in partitions(pairs, PAIR_PARTITION)]
    seconds = {}
    vectors, seconds["embed_cold"] = timed(lambda: mapper(encode_on_worker, embed_calls))
    _, seconds["embed_warm"] = timed(lambda: mapper(encode_on_worker, embed_calls))
    probs, seconds["judge_cold"] = timed(lambda: mapper(judge_on_worker, judge_calls))
    _, seconds["judge_warm"] = timed(lambda: mapper(judge_on_worker, judge_calls))
    return seconds, np.vstack(vectors), np.vstack(probs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / ".cache" / "judge-train")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bench_engines.json")
    args = parser.parse_args()
    rows = read_snli(fetch_snli(args.work) / "snli_1.0_test.jsonl")
    texts = sorted({t for r in rows for t in r[:2]})[: 4 * EMBED_PARTITION]
    pairs = [(r[0], r[1]) for r in rows[: 4 * PAIR_PARTITION]]
    result: dict[str, Any] = {"command": "python scripts/bench_engines.py", "workers": WORKERS,
                              "sentences": len(texts), "pairs": len(pairs)}
    outputs = {}

    import dask

    from claimcheck.engine import DaskEngine
    start = time.perf_counter()
    engine = DaskEngine(workers=WORKERS)  # what `check --engine dask` starts
    seconds = {"start": round(time.perf_counter() - start, 2)}
    more, *outputs["dask"] = workload(engine.map, texts, pairs)
    _, seconds["shutdown"] = timed(engine.close)
    result["dask"] = {"version": dask.__version__, "seconds": {**seconds, **more}}
    print("dask", result["dask"], flush=True)

    import ray
    start = time.perf_counter()
    ray.init(num_cpus=WORKERS, include_dashboard=False, logging_level="ERROR")
    seconds = {"start": round(time.perf_counter() - start, 2)}
    more, *outputs["ray"] = workload(ray_map(ray), texts, pairs)
    _, seconds["shutdown"] = timed(ray.shutdown)
    result["ray"] = {"version": ray.__version__, "seconds": {**seconds, **more}}
    print("ray", result["ray"], flush=True)

    result["same_numbers"] = all(np.array_equal(a, b)
                                 for a, b in zip(outputs["dask"], outputs["ray"], strict=True))
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
