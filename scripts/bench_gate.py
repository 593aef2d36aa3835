"""Benchmark: could a cheap gate decide pairs without a cross-encoder (issue 16, "a real gate")?

The built-in cascade asks MiniLM on every directed pair the head does not find plainly
neutral (its entailment and contradiction both under `gate`, 0.02), and MPNet on some of those.
A real gate would let only close calls through. This script records the directed pairs the
judge is asked on two drops, scores every pair with the head, MiniLM and MPNet once, and then
replays the shipped cascade with cheaper gates through the library's own `second_opinion_plan`,
counting for each gate the cross-encoder calls it saves and the pairs whose relation it changes
(the relation `findings.judge_pairs` reads: opposite when the two directions' mean
contradiction passes the calibrated threshold and beats entailment, same when either
direction's entailment passes its threshold, else neither):

- the evaluation drop's dev split (`evaluation/assertions/dev`): every pair `check` judges;
- a 100-article drop of SNLI sentences, as `scripts/bench_scale.py` writes it: a seeded sample
  of `--bench-pairs` candidate pairs, both directions.

Gates replayed: the head's (entailment or contradiction at least g), and a lexical one (no
shared content word, or at most one, and cosine similarity under c). Nothing is chosen here;
docs/performance.md reads the figures.

    python scripts/bench_gate.py [--bench-pairs 1500] [--out docs/bench_gate.json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

HEAD_GATES = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5)
COSINE_BELOW = (0.5, 0.55, 0.6)
_STOP = frozenset((
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "but",
    "is", "was", "were", "are", "be", "been", "has", "had", "have", "that", "this", "it",
    "its", "he", "she", "they", "his", "her", "their", "from", "as", "not", "no", "did",
    "does", "do", "will", "would", "could", "may", "might", "said", "says",
))


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


def dev_drop_pairs() -> list[tuple[str, str]]:
    """Every directed pair the judge is asked while `check` runs on the dev split."""
    from claimcheck import judge as judge_module
    from claimcheck.api import run_check
    from claimcheck.config import Config

    asked: list[tuple[str, str]] = []
    predict = judge_module.CascadeJudge.predict

    def recording(self: Any, pairs: Sequence[tuple[str, str]]) -> Any:
        asked.extend(pairs)
        return predict(self, pairs)

    judge_module.CascadeJudge.predict = recording  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory() as tmp:  # an empty index: every pair is judged
            run_check([ROOT / "evaluation" / "assertions" / "dev"],
                      Config(index=Path(tmp) / "index.sqlite"))
    finally:
        judge_module.CascadeJudge.predict = predict  # type: ignore[method-assign]
    return list(dict.fromkeys(asked))


def bench_drop_pairs(sample: int) -> list[tuple[str, str]]:
    """A seeded sample of the judged candidate pairs of a 100-article SNLI drop, both ways."""
    from bench_scale import snli_sentences, write_drop

    from claimcheck.api import build_models
    from claimcheck.claims import extract_all
    from claimcheck.cluster import topics_and_pairs
    from claimcheck.config import Config
    from claimcheck.findings import is_judged
    from claimcheck.ingest import load_documents

    with tempfile.TemporaryDirectory() as tmp:
        drop = Path(tmp) / "drop"
        drop.mkdir()
        write_drop(drop, 100, snli_sentences())
        config = Config(index=Path(tmp) / "index.sqlite")
        models = build_models(config)
        claims, _ = extract_all(load_documents([drop]), models.index)
        vectors = models.embedder.encode([c.fact for c in claims])
        _, _, candidates = topics_and_pairs(claims, vectors, config.cluster_similarity,
                                            config.neighbours, models.thresholds.min_similarity)
    pairs = [(claims[p.i].fact, claims[p.j].fact) for p in candidates
             if is_judged(claims[p.i]) and is_judged(claims[p.j])]
    random.Random(1).shuffle(pairs)
    pairs = pairs[:sample]
    return pairs + [(b, a) for a, b in pairs]


def replay(scores: dict[str, Any], escalate: np.ndarray) -> tuple[np.ndarray, int, int]:
    """The cascade's probabilities when only `escalate` rows reach the cross-encoders, with
    the MiniLM and MPNet calls that costs. A row the shipped gate would have escalated and
    this one does not is decided neutral."""
    from claimcheck.judge import (
        LABELS,
        SAME_TEXT_VERDICT,
        blend,
        close_rows,
        same_text,
        second_opinion_plan,
    )

    pairs, head = scores["pairs"], scores["head"]
    probs = head.copy()
    gated = np.setdiff1d(close_rows(head, scores["reverse"], scores["gate"]),
                         np.flatnonzero(escalate))
    probs[gated] = np.eye(3, dtype=np.float32)[LABELS.index("neutral")]
    same = np.array([same_text(a, b) for a, b in pairs])
    probs[same] = SAME_TEXT_VERDICT
    rows = np.flatnonzero(escalate & ~same)
    first = scores["first"][rows].copy()
    asked, weights = second_opinion_plan([pairs[int(i)] for i in rows], first,
                                         scores["below"], scores["second_weight"])
    if asked.size:
        first[asked] = blend(first[asked], scores["second"][rows][asked], weights)
    probs[rows] = blend(head[rows], first, scores["cross_weight"])
    return probs, int(rows.size), int(asked.size)


def relations(pairs: list[tuple[str, str]], probs: np.ndarray, contradiction: float,
              entailment: float) -> dict[tuple[str, str], int]:
    """+1 same, -1 opposite, 0 neither, for every pair recorded in both directions."""
    at = {pair: n for n, pair in enumerate(pairs)}
    result: dict[tuple[str, str], int] = {}
    for (a, b), n in at.items():
        if (b, a) not in at or (b, a) in result:
            continue
        ab, ba = probs[n], probs[at[(b, a)]]
        c, e = float(ab[2] + ba[2]) / 2, float(max(ab[0], ba[0]))
        result[(a, b)] = -1 if c >= contradiction and c > e else (1 if e >= entailment else 0)
    return result


def measure(name: str, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    from claimcheck.api import build_models
    from claimcheck.config import Config
    from claimcheck.judge import CascadeJudge, SecondOpinionJudge

    with tempfile.TemporaryDirectory() as tmp:
        models = build_models(Config(index=Path(tmp) / "index.sqlite"))
        cascade = models.judge.inner  # type: ignore[attr-defined]  # CachedJudge
        assert isinstance(cascade, CascadeJudge) and isinstance(cascade.cross,
                                                                SecondOpinionJudge)
        second = cascade.cross
        head, reverse = cascade.head.predict_both_ways(pairs)
        scores: dict[str, Any] = {"pairs": pairs, "head": head, "reverse": reverse,
                                  "first": second.first.predict(pairs),
                                  "second": second.second.predict(pairs),
                                  "below": second.below, "second_weight": second.weight,
                                  "cross_weight": cascade.cross_weight, "gate": cascade.gate}
        vectors = models.embedder.encode(sorted({t for p in pairs for t in p}))
        vector_of = dict(zip(sorted({t for p in pairs for t in p}), vectors, strict=True))
        t = cascade.thresholds
    head, reverse = scores["head"], scores["reverse"]
    # the shipped gate reads a pair both ways round (judge.close_rows)
    head_max = np.maximum(np.maximum(head[:, 0], head[:, 2]),
                          np.maximum(reverse[:, 0], reverse[:, 2]))
    shipped, shipped_minilm, shipped_mpnet = replay(scores, head_max >= cascade.gate)
    base = relations(pairs, shipped, t.contradiction, t.entailment)
    directed = len(pairs)

    def row(escalate: np.ndarray) -> dict[str, Any]:
        probs, minilm, mpnet = replay(scores, escalate)
        changed = relations(pairs, probs, t.contradiction, t.entailment)
        moved = Counter(f"{base[k]:+d} -> {changed[k]:+d}" for k in base if base[k] != changed[k])
        return {"minilm_calls_per_directed_pair": round(minilm / directed, 3),
                "mpnet_calls_per_directed_pair": round(mpnet / directed, 3),
                "relations_changed": dict(sorted(moved.items()))}

    cosine = np.array([float(vector_of[a] @ vector_of[b]) for a, b in pairs])
    overlap = np.array([len(content_words(a) & content_words(b)) for a, b in pairs])
    result: dict[str, Any] = {
        "directed_pairs": directed, "pairs_both_ways": len(base),
        "shipped_relations": {f"{k:+d}": v for k, v in sorted(Counter(base.values()).items())},
        "shipped": {"gate": cascade.gate,
                    "minilm_calls_per_directed_pair": round(shipped_minilm / directed, 3),
                    "mpnet_calls_per_directed_pair": round(shipped_mpnet / directed, 3)},
        "head_gate": {f"{g:g}": row(head_max >= g) for g in HEAD_GATES},
        "lexical_gate": {
            f"cosine < {c:g}, shared content words <= {w}": row(
                (head_max >= cascade.gate) & ~((cosine < c) & (overlap <= w)))
            for c in COSINE_BELOW for w in (0, 1)},
    }
    print(name, json.dumps(result, indent=1), file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-pairs", type=int, default=1500)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bench_gate.json")
    args = parser.parse_args()
    result = {
        "command": "python scripts/bench_gate.py"
                   + (f" --bench-pairs {args.bench_pairs}" if args.bench_pairs != 1500 else ""),
        "dev_drop": measure("dev_drop", dev_drop_pairs()),
        "snli_drop_100_articles": measure("snli_drop", bench_drop_pairs(args.bench_pairs)),
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
