"""Calibrate the built-in cascade's thresholds on data neither of its models was trained on.

Reproduce:  python scripts/calibrate_cascade.py --judge-dir claimcheck/judge_model

Calibration uses what is held out from both models whatever their other training arguments
(same seed): the SNLI dev split (cut first), pairs of dev premises, held-out news templates
(their own pool and seed), and the hand-written news pairs held out by their own seeded draw.
One data assembly (the head's arguments, which fix the draw of premise pairs) gives them all.
The gate and the cross-encoder's weight in the blend are picked on this held-out data (best
mean accuracy over its four kinds of pairs), then the thresholds for that blend. Writes
cascade.json (gate, weight, thresholds, dev figures) beside the models.
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
    LABELS,
    BuiltinJudge,
    CrossEncoderJudge,
    blend,
    escalated_rows,
)

Row = tuple[str, str, str]
WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
GATES = (0.02, 0.05, 0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--judge-dir", type=Path, default=Path("claimcheck/judge_model"))
    parser.add_argument("--work", type=Path, default=Path(".cache/judge-train"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--head-args", type=int, nargs=3, default=[30000, 20000, 0],
                        metavar=("NEWS", "PREMISE", "SNLI"),
                        help="the head's training sizes: they fix which dev premise pairs "
                             "are drawn")
    args = parser.parse_args()

    embedder = CachedEmbedder(SentenceTransformerEmbedder(batch_size=128),
                              Index(args.work / "embeddings.sqlite"))
    handwritten = sorted(Path("scripts/data").glob("news_pairs_*.jsonl"))
    news, premise, snli = args.head_args
    data = assemble(args.work, embedder, np.random.default_rng(args.seed), args.seed,
                    news, premise, handwritten, snli=snli or None)
    hand = data.hand_dev
    parts = {"snli_dev": data.snli_dev[:2000], "premise_pairs": data.premise_dev,
             "news_templates": data.news_dev, "handwritten_news": hand}
    dev = [row for rows in parts.values() for row in rows]
    head = BuiltinJudge(embedder, args.judge_dir)
    cross = CrossEncoderJudge(str(args.judge_dir / "cross-encoder"))

    def judged(rows: list[Row]) -> tuple[np.ndarray, np.ndarray]:
        """Head probabilities, and the cross-encoder's on the rows the lowest gate lets in."""
        head_probs = head.predict([(r[0], r[1]) for r in rows])
        close = escalated_rows(head_probs, min(GATES))
        cross_probs = np.full_like(head_probs, np.nan)
        cross_probs[close] = cross.predict([(rows[i][0], rows[i][1]) for i in close])
        return head_probs, cross_probs

    def cascade(parts: tuple[np.ndarray, np.ndarray], choice: tuple[float, float]) -> np.ndarray:
        (head_probs, cross_probs), (gate, weight) = parts, choice
        probs = head_probs.copy()
        close = escalated_rows(head_probs, gate)
        probs[close] = blend(head_probs[close], cross_probs[close], weight)
        return probs

    def figures(rows: list[Row], probs: np.ndarray) -> dict[str, float]:
        g = np.array([LABELS.index(r[2]) for r in rows])
        result = {"accuracy": round(float(accuracy_score(g, probs.argmax(axis=1))), 4),
                  "pairs": len(rows)}
        if 0 < int(np.sum(g == 2)) < len(rows):
            result["contradiction_auc"] = round(float(roc_auc_score(g == 2, probs[:, 2])), 4)
        return result

    judged_parts = {name: judged(rows) for name, rows in parts.items() if rows}

    def mean_accuracy(choice: tuple[float, float]) -> float:
        # each kind of data counts the same: 3,000 templates must not outvote real news
        return float(np.mean([figures(parts[name], cascade(j, choice))["accuracy"]
                              for name, j in judged_parts.items()]))

    choices = [(gate, weight) for gate in GATES for weight in WEIGHTS]
    by_choice = {c: round(mean_accuracy(c), 4) for c in choices}
    # best mean accuracy; on a tie the higher gate (fewer cross-encoder calls)
    gate, weight = max(choices, key=lambda c: (by_choice[c], c[0], -c[1]))
    probs = np.vstack([cascade(j, (gate, weight)) for j in judged_parts.values()])
    gold = np.array([LABELS.index(r[2]) for r in dev])
    t_contra, f1_contra = best_threshold(probs[:, 2], gold == 2)
    t_entail, f1_entail = best_threshold(probs[:, 0], gold == 0)
    per_part = {name: figures(parts[name], cascade(j, (gate, weight)))
                for name, j in judged_parts.items()}

    settings = {
        "gate": gate,
        "cross_weight": weight,
        "combine": "weighted mean of head and cross-encoder probabilities on escalated pairs",
        "thresholds": {"contradiction": round(t_contra, 3), "entailment": round(t_entail, 3),
                       "min_similarity": 0.45},
        "calibration": {
            "data": "held out from both models: SNLI dev (2,000), dev premise pairs, news "
                    f"templates (held-out pool), {len(hand)} hand-written news pairs",
            "pairs": len(dev), "f1_contradiction": round(f1_contra, 4),
            "f1_entailment": round(f1_entail, 4),
        },
        "dev_figures": {"all": figures(dev, probs), **per_part,
                        "mean_accuracy_by_gate_and_cross_weight": {
                            f"{g} {w}": a for (g, w), a in by_choice.items()}},
        "command": "python scripts/calibrate_cascade.py " + " ".join(sys.argv[1:]),
    }
    (args.judge_dir / "cascade.json").write_text(json.dumps(settings, indent=2) + "\n",
                                                 encoding="utf-8")
    print(json.dumps(settings, indent=2))


if __name__ == "__main__":
    main()
