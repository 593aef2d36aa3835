"""Training pairs for the judge from news drops: the candidate pairs `check` judges, labelled
by the drops' gold records.

Each training drop (`scripts/data/news_drops/<event>/`, in the evaluation set's format:
articles, manifest.csv, gold.jsonl; written for training only) goes through the pipeline as
`check` runs it: claims with their contents, vectors, candidate pairs. A candidate pair whose
two claims both match a gold record becomes a training pair of their contents, in both orders:
- `contradiction` when the two records are about the same tracked fact and their contents say
  opposite things (one "yes", one "no");
- `neutral` when they are about different facts, or one of them about none;
- left out when both say the same of one fact (the same claim, or two compatible facts that
  point the same way: not reliably entailment), and when both are about a number fact (their
  figures are compared as quantities, not by the judge).

These are the pairs a news drop gives the judge, most of them related but not in conflict,
which SNLI's one-scene captions never show it. The evaluation drops (evaluation/assertions)
are never read here.

    python scripts/drop_pairs.py --out .cache/drop_pairs.jsonl [--drops scripts/data/news_drops]

With `--hand-labels`, the pairs come from each drop's `pair_labels.jsonl` instead: the
candidate pairs of 0.18.0, each direction labelled by hand (docs/judge.md, "0.19.0"). A pair
keeps its hand labels where they agree with the gold on whether it is a conflict; a pair the
gold calls a conflict and the hand labels do not (or the reverse, for two claims saying the
same of one fact) is left out as unclear. `--neutral N` keeps a seeded sample of N neutral
directed pairs, as the hand labels call most pairs neutral.

    python scripts/drop_pairs.py --hand-labels --neutral 1400 --out FILE
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_assertions import (  # noqa: E402
    anchor_span,
    claim_for,
    read_jsonl,
    record_of_each_claim,
)

from claimcheck.api import Models, build_models  # noqa: E402
from claimcheck.claims import extract_all  # noqa: E402
from claimcheck.cluster import topics_and_pairs  # noqa: E402
from claimcheck.config import Config  # noqa: E402
from claimcheck.findings import is_judged  # noqa: E402
from claimcheck.ingest import load_documents  # noqa: E402
from claimcheck.models import Claim  # noqa: E402

NUMBER_FACT = re.compile(r"_\d")


def gold_records(folder: Path, claims: list[Claim]) -> dict[str, dict[str, Any]]:
    """Each claim's gold record, matched as the assertions benchmark matches them."""
    documents = {d.file: d for d in load_documents([folder])}
    per_file: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        per_file[claim.file].append(claim)
    gold = read_jsonl(folder / "gold.jsonl")
    matched = [claim_for(per_file[r["file"]], anchor_span(documents[r["file"]], r["line"],
                                                          r["anchor"]), r) for r in gold]
    return record_of_each_claim(documents, gold, matched)


def pair_label(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """The NLI label of two records' contents, or None to leave the pair out."""
    if a["fact"] is not None and a["fact"] == b["fact"]:
        if NUMBER_FACT.search(a["fact"]) or a["says"] == b["says"]:
            return None
        return "contradiction"
    return "neutral"


def drop_pairs(folder: Path, models: Models, config: Config) -> list[dict[str, str]]:
    """The labelled candidate pairs of one drop, each in both orders."""
    documents = load_documents([folder])
    claims, _ = extract_all(documents, models.index)
    vectors = models.embedder.encode([c.fact for c in claims])
    _, _, pairs = topics_and_pairs(claims, vectors, config.cluster_similarity,
                                   config.neighbours, models.thresholds.min_similarity)
    gold = gold_records(folder, claims)
    rows = []
    for pair in pairs:
        a, b = claims[pair.i], claims[pair.j]
        if not (is_judged(a) and is_judged(b)) or a.id not in gold or b.id not in gold:
            continue
        label = pair_label(gold[a.id], gold[b.id])
        if label is None:
            continue
        for premise, hypothesis in ((a.fact, b.fact), (b.fact, a.fact)):
            rows.append({"premise": premise, "hypothesis": hypothesis, "label": label,
                         "kind": f"drop-{folder.name}"})
    return rows


def hand_labelled_pairs(path: Path) -> tuple[list[dict[str, str]], int]:
    """A drop's hand-labelled pairs as directed training pairs, and how many were left out."""
    rows, unclear = [], 0
    for pair in read_jsonl(path):
        hand_conflict = "contradiction" in (pair["a_to_b"], pair["b_to_a"])
        if hand_conflict != (pair["gold"] == "contradiction") and pair["gold"] != "neutral":
            unclear += 1
            continue
        for premise, hypothesis, label in ((pair["a"], pair["b"], pair["a_to_b"]),
                                           (pair["b"], pair["a"], pair["b_to_a"])):
            rows.append({"premise": premise, "hypothesis": hypothesis,
                         "label": "contradiction" if hand_conflict else label,
                         "kind": f"drop-{path.parent.name}"})
    return rows, unclear


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drops", type=Path, default=ROOT / "scripts/data/news_drops")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--hand-labels", action="store_true",
                        help="pairs from each drop's pair_labels.jsonl, labelled by hand")
    parser.add_argument("--neutral", type=int, default=None,
                        help="with --hand-labels: keep a seeded sample of this many neutral pairs")
    args = parser.parse_args()
    if args.hand_labels:
        write_hand_labelled(args.drops, args.out, args.neutral)
        return
    config = Config()
    models = build_models(config)
    rows: list[dict[str, str]] = []
    for folder in sorted(p for p in args.drops.iterdir() if (p / "gold.jsonl").is_file()):
        found = drop_pairs(folder, models, config)
        counts = Counter(r["label"] for r in found)
        print(f"{folder.name}: {len(found)} directed pairs, {dict(sorted(counts.items()))}")
        rows += found
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} pairs to {args.out}")


def write_hand_labelled(drops: Path, out: Path, neutral: int | None) -> None:
    """Every drop's hand-labelled pairs into one training file."""
    rows: list[dict[str, str]] = []
    for path in sorted(drops.glob("*/pair_labels.jsonl")):
        found, unclear = hand_labelled_pairs(path)
        counts = Counter(r["label"] for r in found)
        print(f"{path.parent.name}: {len(found)} directed pairs, {dict(sorted(counts.items()))}, "
              f"{unclear} pairs left out as unclear")
        rows += found
    rng = random.Random(7)
    if neutral is not None:
        neutrals = [r for r in rows if r["label"] == "neutral"]
        rows = [r for r in rows if r["label"] != "neutral"] + rng.sample(neutrals, neutral)
    rng.shuffle(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} pairs to {out}")


if __name__ == "__main__":
    main()
