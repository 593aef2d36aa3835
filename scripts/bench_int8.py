"""How often the int8-stored MPNet second opinion changes a verdict of the float16 one.

    git archive 73bd60d claimcheck/judge_model/cross-encoder-2 | tar -x -C /tmp/f16
    python scripts/bench_int8.py /tmp/f16/claimcheck/judge_model/cross-encoder-2
    python scripts/bench_int8.py --test /tmp/f16/claimcheck/judge_model/cross-encoder-2

The first writes docs/bench_int8.json (dev, where the group size was chosen); the second
docs/bench_int8_test.json (test, run once after the choice).

Both models score the same held-out dev pairs (SNLI dev's first 1,000 pairs of the split cut
before training, the 280 hand-written news pairs held out, the stress set's dev split) in each
inference dtype the judge can run: bfloat16 (CPUs with fast bfloat16) and float32 (the rest).
It reports the share of pairs whose top label is the same, the largest change of a
probability, and each model's accuracy. The bar (issue 16): labels agree on >= 99.5%.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from bench_judge_stress import read_split
from judge_data import fetch_snli, read_handwritten, read_snli

from claimcheck.judge import LABELS, CrossEncoderJudge, builtin_model_dir

ROOT = Path(__file__).resolve().parent.parent
BAR = 0.995
Row = tuple[str, str, str]


def dev_sets(work: Path, seed: int) -> dict[str, list[Row]]:
    """The dev pairs scripts/judge_data.assemble cuts, drawn the same way."""
    snli_train = read_snli(fetch_snli(work) / "snli_1.0_train_subset.jsonl")
    order = np.random.default_rng(seed).permutation(len(snli_train))
    snli_dev = [snli_train[i] for i in order[:len(snli_train) // 20]]
    _, hand_dev = read_handwritten(sorted((ROOT / "scripts" / "data").glob("news_pairs_*.jsonl")),
                                   np.random.default_rng(seed))
    stress = [(r["premise"], r["hypothesis"], r["label"])
              for r in read_split(ROOT / "evaluation" / "judge_stress" / "dev.jsonl")]
    return {"snli_dev_first_1000": snli_dev[:1000], "handwritten_news_dev": hand_dev,
            "stress_dev": stress}


def test_sets(work: Path) -> dict[str, list[Row]]:
    """Looked at once, after the choice on dev: SNLI test's first 1,500, the stress test."""
    stress = [(r["premise"], r["hypothesis"], r["label"])
              for r in read_split(ROOT / "evaluation" / "judge_stress" / "test.jsonl")]
    return {"snli_test_first_1500": read_snli(fetch_snli(work) / "snli_1.0_test.jsonl")[:1500],
            "stress_test": stress}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="the float16 checkpoint")
    parser.add_argument("--candidate", type=Path,
                        default=builtin_model_dir() / "cross-encoder-2")
    parser.add_argument("--work", type=Path, default=ROOT / ".cache" / "judge-train")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--test", action="store_true", help="the test sets instead of dev")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or ROOT / "docs" / ("bench_int8_test.json" if args.test else "bench_int8.json")

    sets = test_sets(args.work) if args.test else dev_sets(args.work, args.seed)
    rows = [r for part in sets.values() for r in part]
    pairs = [(r[0], r[1]) for r in rows]
    gold = np.array([LABELS.index(r[2]) for r in rows])
    command = "python scripts/bench_int8.py " + " ".join(sys.argv[1:])
    result: dict[str, object] = {"command": command,
                                 "pairs": {n: len(p) for n, p in sets.items()}, "bar": BAR}
    for dtype in ("bfloat16", "float32"):
        probs = {}
        seconds = {}
        for name, folder in (("float16", args.reference), ("int8", args.candidate)):
            judge = CrossEncoderJudge(str(folder), dtype=dtype)
            start = time.perf_counter()
            probs[name] = judge.predict(pairs)
            seconds[name] = round(time.perf_counter() - start, 1)
        same = probs["float16"].argmax(1) == probs["int8"].argmax(1)
        start_of = 0
        per_set = {}
        for name, part in sets.items():
            stop = start_of + len(part)
            per_set[name] = round(float(same[start_of:stop].mean()), 4)
            start_of = stop
        result[dtype] = {
            "label_agreement": round(float(same.mean()), 4),
            "label_agreement_per_set": per_set,
            "pairs_that_change": int((~same).sum()),
            "largest_probability_change": round(float(np.abs(probs["float16"]
                                                             - probs["int8"]).max()), 4),
            "accuracy": {n: round(float((p.argmax(1) == gold).mean()), 4)
                         for n, p in probs.items()},
            "seconds": seconds,
            "meets_bar": bool(same.mean() >= BAR),
        }
        print(dtype, json.dumps(result[dtype]), flush=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
