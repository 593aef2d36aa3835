"""`check` in one process against `check --engine dask` with 1 and 2 local workers.

    python scripts/bench_distributed.py [--articles 40]   # docs/bench_distributed.json

Each run is cold: the real models behind an empty index, as a new user's first `check`. The
drops are the scale benchmark's corpus of SNLI sentences (`--articles` articles of 30
sentences, scripts/bench_scale.py) and the five seed articles (../shared/seeds) when they are
beside the checkout. Reported: wall time (cluster start-up and model loading included),
claims/s, each Dask worker's peak RSS, and whether report.json is byte-identical to the
single-process run's.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_scale import snli_sentences, write_drop

from claimcheck.api import build_models, run_check
from claimcheck.config import Config
from claimcheck.report import render_json

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RUNS = (("local", None), ("dask", 1), ("dask", 2))


def one_run(drop: Path, engine: str, workers: int | None) -> tuple[dict[str, Any], str]:
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        models = build_models(Config(cache_dir=Path(cache)).with_options(
            engine=engine, engine_workers=workers))
        try:
            report = run_check([drop], models=models)
            worker_rss = (models.engine.worker_peak_rss_mb()  # type: ignore[attr-defined]
                          if models.engine is not None else [])
        finally:
            models.close()
        seconds = time.perf_counter() - start
    label = engine if workers is None else f"{engine}, {workers} worker{'s' * (workers > 1)}"
    return {"engine": label, "seconds": round(seconds, 1),
            "claims": len(report.claims),
            "claims_per_second": round(len(report.claims) / seconds, 2),
            "worker_peak_rss_mb": worker_rss}, render_json(report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bench_distributed.json")
    args = parser.parse_args()
    result: dict[str, Any] = {"command": "python scripts/bench_distributed.py "
                                         + " ".join(sys.argv[1:]), "drops": {}}
    with tempfile.TemporaryDirectory() as folder:
        drops = {f"snli_{args.articles}_articles": Path(folder)}
        write_drop(Path(folder), args.articles, snli_sentences())
        if SEEDS.is_dir():
            drops["seeds"] = SEEDS
        for name, drop in drops.items():
            rows = []
            reference = None
            for engine, workers in RUNS:
                row, report = one_run(drop, engine, workers)
                reference = reference or report
                row["report_identical_to_local"] = report == reference
                rows.append(row)
                print(name, row, flush=True)
            result["drops"][name] = rows
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
