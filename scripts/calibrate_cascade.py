"""Calibrate the built-in cascade's thresholds on data neither of its models was trained on.

Reproduce:  python scripts/calibrate_cascade.py --judge-dir claimcheck/judge_model \\
                --head-args 30000 20000 0 --cross-args 6000 10000 25000

The head and the cross-encoder were trained by scripts with their own arguments; rebuilding
both data assemblies (same seed) gives their held-out parts. Calibration uses what is held
out from both: the SNLI dev split, pairs of dev premises, held-out news templates, and the
hand-written news pairs held out from both models. Writes cascade.json (gate, thresholds,
dev figures) beside the models.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from judge_data import assemble, best_threshold
from sklearn.metrics import accuracy_score, roc_auc_score

from claimcheck.embed import CachedEmbedder, SentenceTransformerEmbedder
from claimcheck.index import Index
from claimcheck.judge import (
    CASCADE_GATE,
    LABELS,
    BuiltinJudge,
    CascadeJudge,
    CrossEncoderJudge,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--judge-dir", type=Path, default=Path("claimcheck/judge_model"))
    parser.add_argument("--work", type=Path, default=Path(".cache/judge-train"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--head-args", type=int, nargs=3, default=[30000, 20000, 0],
                        metavar=("NEWS", "PREMISE", "SNLI"))
    parser.add_argument("--cross-args", type=int, nargs=3, default=[6000, 10000, 25000],
                        metavar=("NEWS", "PREMISE", "SNLI"))
    parser.add_argument("--gate", type=float, default=CASCADE_GATE)
    args = parser.parse_args()

    embedder = CachedEmbedder(SentenceTransformerEmbedder(batch_size=128),
                              Index(args.work / "embeddings.sqlite"))
    handwritten = sorted(Path("scripts/data").glob("news_pairs_*.jsonl"))
    built = []
    for news, premise, snli in (args.head_args, args.cross_args):
        built.append(assemble(args.work, embedder, np.random.default_rng(args.seed), args.seed,
                              news, premise, handwritten, snli=snli or None))
    head_data, cross_data = built
    hand = [r for r in head_data.hand_dev if r in set(cross_data.hand_dev)]
    premise = [r for r in head_data.premise_dev if r in set(cross_data.premise_dev)] or \
        head_data.premise_dev
    dev = head_data.snli_dev[:2000] + premise + head_data.news_dev + hand
    cascade = CascadeJudge(BuiltinJudge(embedder, args.judge_dir),
                           CrossEncoderJudge(str(args.judge_dir / "cross-encoder")))
    cascade.settings["gate"] = args.gate
    probs = cascade.predict([(r[0], r[1]) for r in dev])
    gold = np.array([LABELS.index(r[2]) for r in dev])
    t_contra, f1_contra = best_threshold(probs[:, 2], gold == 2)
    t_entail, f1_entail = best_threshold(probs[:, 0], gold == 0)

    def figures(rows: list[tuple[str, str, str]]) -> dict[str, float]:
        p = cascade.predict([(r[0], r[1]) for r in rows])
        g = np.array([LABELS.index(r[2]) for r in rows])
        return {"accuracy": round(float(accuracy_score(g, p.argmax(axis=1))), 4),
                "contradiction_auc": round(float(roc_auc_score(g == 2, p[:, 2])), 4),
                "pairs": len(rows)}

    settings = {
        "gate": args.gate,
        "combine": "mean of head and cross-encoder probabilities on escalated pairs",
        "thresholds": {"contradiction": round(t_contra, 3), "entailment": round(t_entail, 3),
                       "min_similarity": 0.45},
        "calibration": {
            "data": "held out from both models: SNLI dev (2,000), dev premise pairs, news "
                    f"templates (held-out pool), {len(hand)} hand-written news pairs",
            "pairs": len(dev), "f1_contradiction": round(f1_contra, 4),
            "f1_entailment": round(f1_entail, 4),
        },
        "dev_figures": {"all": figures(dev), "handwritten_heldout_both": figures(hand)},
        "command": "python scripts/calibrate_cascade.py " + " ".join(sys.argv[1:]),
    }
    (args.judge_dir / "cascade.json").write_text(json.dumps(settings, indent=2) + "\n",
                                                 encoding="utf-8")
    print(json.dumps(settings, indent=2))


if __name__ == "__main__":
    main()
