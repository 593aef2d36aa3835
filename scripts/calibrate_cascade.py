"""Calibrate the built-in cascade's thresholds on data neither of its models was trained on.

Reproduce:  python scripts/calibrate_cascade.py --judge-dir claimcheck/judge_model

Calibration uses what is held out from both models whatever their other training arguments
(same seed): the SNLI dev split (cut first), pairs of dev premises, held-out news templates
(their own pool and seed), and the hand-written news pairs held out by their own seeded draw.
One data assembly (the head's arguments, which fix the draw of premise pairs) gives them all.
The gate, the cross-encoder's weight in the blend and, when a second cross-encoder is there
(`--second-opinion`), below which top probability the first asks it for a second opinion and
the second's weight in their blend, are
picked on this held-out data (best mean accuracy over its four kinds of pairs), then the
thresholds for that blend. Writes cascade.json (settings, thresholds, dev figures) beside the
models.
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
    holds_model_weights,
    unsure_rows,
)

Row = tuple[str, str, str]
WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
GATES = (0.02, 0.05, 0.1)
# top probability under which the second cross-encoder is asked: 0 never, 1.01 always
BELOW = (0.0, 0.8, 0.9, 0.95, 0.99, 1.01)
SECOND_WEIGHTS = (0.5, 0.6, 0.7)
Choice = tuple[float, float, float, float]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--judge-dir", type=Path, default=Path("claimcheck/judge_model"))
    parser.add_argument("--work", type=Path, default=Path(".cache/judge-train"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--head-args", type=int, nargs=3, default=[30000, 20000, 0],
                        metavar=("NEWS", "PREMISE", "SNLI"),
                        help="the head's training sizes: they fix which dev premise pairs "
                             "are drawn")
    parser.add_argument("--second-opinion", default="cross-encoder-2",
                        help="folder (in --judge-dir) of the second cross-encoder, if any")
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
    crosses = [CrossEncoderJudge(str(args.judge_dir / "cross-encoder"))]
    if holds_model_weights(args.judge_dir / args.second_opinion):
        crosses.append(CrossEncoderJudge(str(args.judge_dir / args.second_opinion)))
    belows = BELOW if len(crosses) > 1 else (0.0,)
    second_weights = SECOND_WEIGHTS if len(crosses) > 1 else (0.5,)

    def judged(rows: list[Row]) -> list[np.ndarray]:
        """Head probabilities, and each cross-encoder's on the rows the lowest gate lets in."""
        head_probs = head.predict([(r[0], r[1]) for r in rows])
        close = escalated_rows(head_probs, min(GATES))
        judged = [head_probs]
        for cross in crosses:
            cross_probs = np.full_like(head_probs, np.nan)
            cross_probs[close] = cross.predict([(rows[i][0], rows[i][1]) for i in close])
            judged.append(cross_probs)
        return judged

    def cascade(parts: list[np.ndarray], choice: Choice) -> np.ndarray:
        """CascadeJudge.predict (with SecondOpinionJudge) on stored probabilities."""
        (head_probs, *cross_probs), (gate, weight, below, second_weight) = parts, choice
        probs = head_probs.copy()
        close = escalated_rows(head_probs, gate)
        cross = cross_probs[0][close]
        if len(cross_probs) > 1:
            unsure = unsure_rows(cross, below)
            cross[unsure] = blend(cross[unsure], cross_probs[1][close][unsure], second_weight)
        probs[close] = blend(head_probs[close], cross, weight)
        return probs

    def second_opinion_share(parts: list[np.ndarray], choice: Choice) -> float:
        close = escalated_rows(parts[0], choice[0])
        return len(unsure_rows(parts[1][close], choice[2])) / max(1, len(parts[0]))

    def figures(rows: list[Row], probs: np.ndarray) -> dict[str, float]:
        g = np.array([LABELS.index(r[2]) for r in rows])
        result = {"accuracy": round(float(accuracy_score(g, probs.argmax(axis=1))), 4),
                  "pairs": len(rows)}
        if 0 < int(np.sum(g == 2)) < len(rows):
            result["contradiction_auc"] = round(float(roc_auc_score(g == 2, probs[:, 2])), 4)
        return result

    judged_parts = {name: judged(rows) for name, rows in parts.items() if rows}

    def mean_accuracy(choice: Choice) -> float:
        # each kind of data counts the same: 3,000 templates must not outvote real news
        return float(np.mean([figures(parts[name], cascade(j, choice))["accuracy"]
                              for name, j in judged_parts.items()]))

    choices = [(gate, weight, below, second_weight) for gate in GATES for weight in WEIGHTS
               for below in belows for second_weight in second_weights]
    by_choice = {c: round(mean_accuracy(c), 4) for c in choices}
    # best mean accuracy; on a tie fewer cross-encoder calls (higher gate, fewer second opinions)
    chosen = max(choices, key=lambda c: (by_choice[c], c[0], -c[2], -c[1], -abs(c[3] - 0.5)))
    gate, weight, below, second_weight = chosen
    probs = np.vstack([cascade(j, chosen) for j in judged_parts.values()])
    gold = np.array([LABELS.index(r[2]) for r in dev])
    t_contra, f1_contra = best_threshold(probs[:, 2], gold == 2)
    t_entail, f1_entail = best_threshold(probs[:, 0], gold == 0)
    per_part = {name: figures(parts[name], cascade(j, chosen))
                for name, j in judged_parts.items()}
    second: dict[str, object] = {}
    if below > 0:
        share = np.mean([second_opinion_share(j, chosen) for j in judged_parts.values()])
        second = {"second_opinion": {
            "model": args.second_opinion, "below": below, "weight": second_weight,
            "combine": "weighted mean of both cross-encoders' probabilities (`weight` on the "
                       "second) where the first's top probability is under `below`",
            "share_of_pairs_asked": round(float(share), 4)}}

    settings = {
        "gate": gate,
        "cross_weight": weight,
        "combine": "weighted mean of head and cross-encoder probabilities on escalated pairs",
        **second,
        "thresholds": {"contradiction": round(t_contra, 3), "entailment": round(t_entail, 3),
                       "min_similarity": 0.45},
        "calibration": {
            "data": "held out from both models: SNLI dev (2,000), dev premise pairs, news "
                    f"templates (held-out pool), {len(hand)} hand-written news pairs",
            "pairs": len(dev), "f1_contradiction": round(f1_contra, 4),
            "f1_entailment": round(f1_entail, 4),
        },
        "dev_figures": {"all": figures(dev, probs), **per_part,
                        "mean_accuracy_by_gate_cross_weight_below_and_second_weight": {
                            " ".join(f"{x:g}" for x in c): a for c, a in by_choice.items()}},
        "command": "python scripts/calibrate_cascade.py " + " ".join(sys.argv[1:]),
    }
    (args.judge_dir / "cascade.json").write_text(json.dumps(settings, indent=2) + "\n",
                                                 encoding="utf-8")
    print(json.dumps(settings, indent=2))


if __name__ == "__main__":
    main()
