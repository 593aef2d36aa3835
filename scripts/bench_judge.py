"""Measure a judge the way users run it: `claimcheck compare --pairs` on the SNLI test file.

Reproduce:  python scripts/bench_judge.py --judge builtin --out docs/bench_judge.json

Writes the 9,824 labelled SNLI 1.0 test pairs (fetched with pip, never committed) as JSON lines,
runs `python -m claimcheck compare --pairs` in a fresh process with an empty cache, and reports
accuracy, contradiction-vs-rest ROC AUC and pairs per second (interpreter start and model
loading included). Also times the head alone on cached vectors, the per-pair cost of `check`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from judge_data import fetch_snli, read_snli
from sklearn.metrics import accuracy_score, roc_auc_score

from claimcheck.judge import LABELS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--judge", default="builtin")
    parser.add_argument("--work", type=Path, default=Path(".cache/judge-train"))
    parser.add_argument("--limit", type=int, default=0, help="first N pairs only (0: all)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    rows = read_snli(fetch_snli(args.work) / "snli_1.0_test.jsonl")
    if args.limit:
        rows = rows[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        pairs = Path(tmp) / "snli_test.jsonl"
        pairs.write_text("".join(json.dumps({"premise": p, "hypothesis": h}) + "\n"
                                 for p, h, _ in rows), encoding="utf-8")
        env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(Path(tmp) / "cache")}
        command = [sys.executable, "-m", "claimcheck", "compare", "--pairs", str(pairs),
                   "--judge", args.judge]
        tick = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
        seconds = time.perf_counter() - tick
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    probs = np.array([[r["scores"][label] for label in LABELS] for r in results])
    gold = np.array([LABELS.index(label) for _, _, label in rows])
    figures = {
        "judge": args.judge,
        "pairs": len(rows),
        "accuracy": round(float(accuracy_score(gold, probs.argmax(axis=1))), 4),
        "contradiction_auc": round(float(roc_auc_score(gold == 2, probs[:, 2])), 4),
        "seconds": round(seconds, 1),
        "pairs_per_second_end_to_end": round(len(rows) / seconds, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"python {platform.python_version()}",
        "command": "python scripts/bench_judge.py " + " ".join(sys.argv[1:]),
    }
    head_speed = _head_speed(rows[:4000])
    figures["head_pairs_per_second_cached_vectors"] = round(head_speed)
    print(json.dumps(figures, indent=2))
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def _head_speed(rows: list[tuple[str, str, str]]) -> float:
    """Pairs per second of the built-in head when the vectors are already computed."""
    from claimcheck.embed import SentenceTransformerEmbedder
    from claimcheck.judge import BuiltinJudge, pair_features

    embedder = SentenceTransformerEmbedder()
    premises, hypotheses = [r[0] for r in rows], [r[1] for r in rows]
    u, v = embedder.encode(premises), embedder.encode(hypotheses)
    weights = BuiltinJudge(embedder).weights
    tick = time.perf_counter()
    weights.predict_proba(pair_features(u, v, premises, hypotheses))
    return len(rows) / (time.perf_counter() - tick)


if __name__ == "__main__":
    main()
