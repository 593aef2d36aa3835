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

With `--unlabelled`, every candidate pair of two judged claims, in both orders and without a
label, with `--neighbours` candidates per claim: pairs for a student to learn the second
opinion's probabilities on (`train_cross_encoder.py --distil`, docs/judge.md, "0.23.0").

    python scripts/drop_pairs.py --unlabelled --neighbours 30 --out FILE \
        [--drops scripts/data/unlabelled_drops]

With `--finding-tasks`, each unlabelled drop's `finding_tasks.jsonl` under `--out` (a folder):
every pair of contents that makes a finding in `check` (a conflict, a change over time, an
agreement), once, for labelling by hand. With `--finding-labels`, the hand labels of those
pairs (`<event>/finding_labels.jsonl`, docs/judge.md "0.34.0") as directed training pairs,
all of them, in the drops' order. With `--identity` too, a pair neutral both ways that was
labelled by hand as one claim told twice (`same_claim`, docs/judge.md "0.35.0") is an
entailment both ways:

    python scripts/drop_pairs.py --finding-tasks --drops scripts/data/unlabelled_drops --out DIR
    python scripts/drop_pairs.py --finding-labels [--identity] \
        --drops scripts/data/unlabelled_drops --out FILE
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

from claimcheck.api import Models, build_models, run_check  # noqa: E402
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


def judged_candidates(folder: Path, models: Models, config: Config
                      ) -> tuple[list[Claim], list[tuple[Claim, Claim]]]:
    """A drop's claims, and its candidate pairs whose two claims are both judged, as `check`
    finds them."""
    claims, _ = extract_all(load_documents([folder]), models.index)
    vectors = models.embedder.encode([c.fact for c in claims])
    _, _, pairs = topics_and_pairs(claims, vectors, config.cluster_similarity,
                                   config.neighbours, models.thresholds.min_similarity)
    judged = [(claims[p.i], claims[p.j]) for p in pairs]
    return claims, [(a, b) for a, b in judged if is_judged(a) and is_judged(b)]


def drop_pairs(folder: Path, models: Models, config: Config) -> list[dict[str, str]]:
    """The labelled candidate pairs of one drop, each in both orders."""
    claims, pairs = judged_candidates(folder, models, config)
    gold = gold_records(folder, claims)
    rows = []
    for a, b in pairs:
        if a.id not in gold or b.id not in gold:
            continue
        label = pair_label(gold[a.id], gold[b.id])
        if label is None:
            continue
        for premise, hypothesis in ((a.fact, b.fact), (b.fact, a.fact)):
            rows.append({"premise": premise, "hypothesis": hypothesis, "label": label,
                         "kind": f"drop-{folder.name}"})
    return rows


def unlabelled_pairs(folder: Path, models: Models, config: Config) -> list[dict[str, str]]:
    """Every candidate pair of one drop's judged claims' contents, each in both orders."""
    rows = []
    for a, b in judged_candidates(folder, models, config)[1]:
        for premise, hypothesis in ((a.fact, b.fact), (b.fact, a.fact)):
            rows.append({"premise": premise, "hypothesis": hypothesis,
                         "kind": f"drop-{folder.name}"})
    return rows


def finding_tasks(folder: Path, models: Models) -> list[dict[str, str]]:
    """The content pairs that make a finding in `check` on one drop, each once."""
    report = run_check([folder], models=models)
    where = {c.id: f"{c.file}:{c.line}" for c in report.claims}
    content = {c.id: c.fact for c in report.claims}
    seen: set[tuple[str, str]] = set()
    rows: list[dict[str, str]] = []
    for found in (report.contradictions, report.within_article, report.changes_over_time,
                  report.agreements):
        for f in found:
            a, b = content[f.a], content[f.b]
            key = (min(a, b), max(a, b))
            if a == b or key in seen:
                continue
            seen.add(key)
            rows.append({"id": f"{folder.name}-{len(rows):03d}", "a": a, "b": b,
                         "a_where": where[f.a], "b_where": where[f.b]})
    return rows


def finding_label_pairs(path: Path, identity: bool = False) -> list[dict[str, str]]:
    """A drop's hand-labelled finding pairs as directed training pairs, every one.

    With `identity`, a pair labelled as one claim told twice is an entailment both ways.
    """
    rows = []
    for pair in read_jsonl(path):
        same = identity and pair.get("same_claim") is True
        for premise, hypothesis, label in ((pair["a"], pair["b"], pair["a_to_b"]),
                                           (pair["b"], pair["a"], pair["b_to_a"])):
            rows.append({"premise": premise, "hypothesis": hypothesis,
                         "label": "entailment" if same else label,
                         "kind": "drop-finding"})
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
    parser.add_argument("--unlabelled", action="store_true",
                        help="every candidate pair of judged claims, without labels")
    parser.add_argument("--neighbours", type=int, default=Config().neighbours,
                        help="candidates per claim (the run's setting unless given)")
    parser.add_argument("--finding-tasks", action="store_true",
                        help="write each drop's finding pairs to label into the --out folder")
    parser.add_argument("--finding-labels", action="store_true",
                        help="pairs from each drop's finding_labels.jsonl, labelled by hand")
    parser.add_argument("--identity", action="store_true",
                        help="with --finding-labels: one claim told twice is an entailment")
    args = parser.parse_args()
    if args.finding_labels:
        rows = [r for path in sorted(args.drops.glob("*/finding_labels.jsonl"))
                for r in finding_label_pairs(path, args.identity)]
        write_jsonl(args.out, rows)
        print(f"wrote {len(rows)} pairs to {args.out}, {dict(Counter(r['label'] for r in rows))}")
        return
    if args.hand_labels:
        write_hand_labelled(args.drops, args.out, args.neutral)
        return
    config = Config(neighbours=args.neighbours)
    models = build_models(config)
    if args.finding_tasks:
        args.out.mkdir(parents=True, exist_ok=True)
        for folder in sorted(p for p in args.drops.iterdir() if (p / "manifest.csv").is_file()):
            tasks = finding_tasks(folder, models)
            write_jsonl(args.out / f"{folder.name}_tasks.jsonl", tasks)
            print(f"{folder.name}: {len(tasks)} pairs")
        return
    rows: list[dict[str, str]] = []
    # unlabelled pairs need no gold: any drop with a manifest (scripts/data/unlabelled_drops)
    marker = "manifest.csv" if args.unlabelled else "gold.jsonl"
    for folder in sorted(p for p in args.drops.iterdir() if (p / marker).is_file()):
        if args.unlabelled:
            found = unlabelled_pairs(folder, models, config)
            print(f"{folder.name}: {len(found)} directed pairs")
        else:
            found = drop_pairs(folder, models, config)
            counts = Counter(r["label"] for r in found)
            print(f"{folder.name}: {len(found)} directed pairs, {dict(sorted(counts.items()))}")
        rows += found
    write_jsonl(args.out, rows)
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
    write_jsonl(out, rows)
    print(f"wrote {len(rows)} pairs to {out}")


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> None:
    """One JSON object a line, the folder made if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
