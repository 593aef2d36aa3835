"""Benchmark of the assertions stage on the evaluation drops in evaluation/assertions/.

Prints, per split:
- the extractor's per-stance precision and recall, and its speaker accuracy, against gold.jsonl;
- the share of `check`'s contradictions that are real (both claims on one tracked fact and
  holding opposite positions once their stances are read), and how many contested facts
  `check` finds at all;
- how `sources` lists each article for each query (supporting / refuting / reporting);
- the parse's cost against embedding the same claims.

The evaluation drops are never used for training or calibration; choose between variants on
`dev`, report `test`. Usage:

    python scripts/bench_assertions.py --split all --out docs/bench_assertions.json
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.api import Models, build_models, find_sources, run_check
from claimcheck.assertions import STANCES, assert_claims, load_parser
from claimcheck.claims import extract_claims
from claimcheck.config import Config
from claimcheck.embed import SentenceTransformerEmbedder
from claimcheck.ingest import load_documents
from claimcheck.models import Claim, Document

ROOT = Path(__file__).resolve().parent.parent / "evaluation" / "assertions"
SIGN = {"asserted": 1, "reported": 1, "denied": -1, "refuted": -1, "hedged": 0,
        "questioned": 0}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def anchor_span(document: Document, line: int, anchor: str) -> tuple[int, int]:
    lines = document.text.split("\n")
    start = sum(len(x) + 1 for x in lines[: line - 1]) + lines[line - 1].index(anchor)
    return start, start + len(anchor)


def speaker_matches(claim: Claim, record: dict[str, Any]) -> bool:
    """Whether a claim's speaker is the gold record's (None: the outlet itself)."""
    if record.get("speaker") is None:
        return claim.speaker is None
    return claim.speaker is not None and record["speaker"] in claim.speaker.lower()


def claim_for(claims: list[Claim], span: tuple[int, int], record: dict[str, Any] | None = None
              ) -> Claim | None:
    """The claim whose content covers the anchor (else the claim whose text does).

    Two claims can share one content ("X alleged that Y, a claim the agency has denied": Y
    reported by X, and Y denied by the agency), and gold has a record for each: among claims
    covering the anchor's content equally, the one with the record's speaker is its match.
    An anchor outside every content ("a claim" in that sentence) goes to the narrowest claim
    whose span holds it (0.12.0; before, the first).
    """
    def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
        return max(0, min(a[1], b[1]) - max(a[0], b[0]))

    def key(c: Claim) -> tuple[int, bool, int, int]:
        content = max((overlap(s, span) for s in c.content_spans), default=0)
        # last, the narrower claim: an anchor in ", a claim the agency denies" is that part's
        return (content, content > 0 and record is not None and speaker_matches(c, record),
                overlap((c.start, c.end), span), -(c.end - c.start))

    best = max(claims, key=key, default=None)
    if best is None or (key(best)[0] == 0 and overlap((best.start, best.end), span) == 0):
        return None
    return best


def record_of_each_claim(documents: dict[str, Document], gold: list[dict[str, Any]],
                         matched: list[Claim | None]) -> dict[str, dict[str, Any]]:
    """The gold record each claim stands for, among the records matched to it: one whose
    anchor lies in the claim's content before one that only lies in its sentence (in "the
    bank says he is in Geneva, but a paper reported he was detained", a record of the
    detention can match the bank's claim when no claim of its own was extracted), then one
    about a tracked fact, then (0.31.0) one whose speaker is the claim's ("our tally puts
    turnout at 61 percent, well short of the commission's 71.4 percent" is the outlet's
    claim of 61, not the commission's of 71.4), then the later one."""
    def in_content(record: dict[str, Any], claim: Claim) -> bool:
        start, end = anchor_span(documents[record["file"]], record["line"], record["anchor"])
        return any(min(end, e) > max(start, s) for s, e in claim.content_spans)

    chosen: dict[str, tuple[tuple[bool, bool, bool], dict[str, Any]]] = {}
    for record, claim in zip(gold, matched, strict=True):
        if claim is None:
            continue
        key = (in_content(record, claim), record["fact"] is not None,
               speaker_matches(claim, record))
        if claim.id not in chosen or key >= chosen[claim.id][0]:
            chosen[claim.id] = (key, record)
    return {claim_id: record for claim_id, (_, record) in chosen.items()}


def extractor_figures(gold: list[dict[str, Any]], matched: list[Claim | None]
                      ) -> dict[str, Any]:
    confusion: Counter[tuple[str, str]] = Counter()
    speakers = [0, 0]
    for record, claim in zip(gold, matched, strict=True):
        predicted = claim.stance if claim is not None else "missing"
        confusion[(record["stance"], predicted)] += 1
        if claim is not None:
            expected = record["speaker"]
            right = (claim.speaker is None if expected is None
                     else claim.speaker is not None and expected in claim.speaker.lower())
            speakers[0] += int(right)
        speakers[1] += 1
    per_stance = {}
    for stance in STANCES:
        tp = confusion[(stance, stance)]
        predicted = sum(v for (_, p), v in confusion.items() if p == stance)
        actual = sum(v for (g, _), v in confusion.items() if g == stance)
        per_stance[stance] = {
            "gold": actual, "predicted": predicted,
            "precision": round(tp / predicted, 3) if predicted else None,
            "recall": round(tp / actual, 3) if actual else None}
    accuracy = sum(v for (g, p), v in confusion.items() if g == p) / max(1, sum(confusion.values()))
    return {"stances": per_stance, "stance_accuracy": round(accuracy, 3),
            "speaker_accuracy": round(speakers[0] / max(1, speakers[1]), 3),
            "confusion": {f"{g}>{p}": v for (g, p), v in sorted(confusion.items())}}


def holds(record: dict[str, Any]) -> int:
    """+1: the claim's speaker holds the fact true; -1: false; 0: neither."""
    if record["fact"] is None or record["says"] is None:
        return 0
    return (1 if record["says"] == "yes" else -1) * SIGN[record["stance"]]


def why_not_real(a: dict[str, Any] | None, b: dict[str, Any] | None) -> str:
    """Why a reported contradiction does not count as real, in words a table can hold.

    `same_fact_same_side` are pairs whose two claims hold one tracked fact the same way. On a
    number fact (a toll of 12 against one of 14, both under the figure the fact tests) they can
    be real discrepancies that the gold, which tracks one threshold per fact, does not rank.
    """
    if a is None or b is None:
        return "claim_without_record"
    if a["fact"] is None or b["fact"] is None:
        return "untracked_fact"
    if a["fact"] != b["fact"]:
        return "different_facts"
    if holds(a) == 0 or holds(b) == 0:
        return "uncommitted_side"
    return "same_fact_same_side"


def judge_calls(judge: object) -> tuple[int, int]:
    """How many pairs a built-in judge has sent to its first cross-encoder and to its second
    opinion so far (0, 0 for other judges)."""
    while hasattr(judge, "inner"):  # a cache in front
        judge = judge.inner
    return (getattr(judge, "escalated", 0),
            getattr(getattr(judge, "cross", None), "second_opinions", 0))


def check_figures(folder: Path, models: Models, gold_of: dict[str, dict[str, Any]],
                  gold: list[dict[str, Any]], examples: bool = True) -> dict[str, Any]:
    """`check`'s figures on one split; `examples`: list a few false contradictions' contents
    (never for test, whose lines are not to be read)."""
    first_before, second_before = judge_calls(models.judge)
    start = time.perf_counter()
    report = run_check([folder], models=models)
    seconds = time.perf_counter() - start
    first_after, second_after = judge_calls(models.judge)
    real, kinds = 0, Counter()
    facts_found: set[str] = set()
    false_examples = []
    false_by_cause: Counter[str] = Counter()
    for finding in report.contradictions:
        a, b = gold_of.get(finding.a), gold_of.get(finding.b)
        kinds[finding.kind] += 1
        if a is not None and b is not None and a["fact"] is not None \
                and a["fact"] == b["fact"] and holds(a) * holds(b) == -1:
            real += 1
            facts_found.add(a["fact"])
            continue
        false_by_cause[why_not_real(a, b)] += 1
        if examples and len(false_examples) < 8:
            claims = {c.id: c for c in report.claims}
            false_examples.append([claims[finding.a].fact, claims[finding.b].fact,
                                   finding.kind])
    contested = {r["fact"] for r in gold if holds(r) > 0} & {r["fact"] for r in gold
                                                             if holds(r) < 0}
    total = len(report.contradictions)
    # conflicts between two voices of one article (0.18.0), listed apart from contradictions
    within_real = [a["fact"] for f in report.within_article
                   if (a := gold_of.get(f.a)) is not None and (b := gold_of.get(f.b)) is not None
                   and a["fact"] is not None and a["fact"] == b["fact"]
                   and holds(a) * holds(b) == -1]
    return {"contradictions": total, "real": real,
            "precision": round(real / total, 3) if total else None,
            "contested_facts": len(contested), "contested_facts_found": len(facts_found),
            "disputes": len(report.disputes), "kinds": dict(kinds),
            "within_article": len(report.within_article), "within_article_real": len(within_real),
            "contested_facts_found_with_within_article": len(facts_found | set(within_real)),
            "false_examples": false_examples,
            "false_by_cause": dict(sorted(false_by_cause.items())),
            # the judge's cost on this drop, models loaded, no verdict cached
            "run_s": round(seconds, 1), "first_cross_encoder_pairs": first_after - first_before,
            "second_opinion_pairs": second_after - second_before}


def sources_figures(folder: Path, models: Models, queries: list[dict[str, Any]],
                    articles: list[dict[str, Any]], gold_of: dict[str, dict[str, Any]]
                    ) -> dict[str, Any]:
    """How each article is listed per query (by its gold position), and how many of the
    claims listed as supporting or refuting are right: their gold record is of the query's
    fact and holds it true (supporting) or false (refuting). A claim without a record, or
    with one about another fact, counts as wrong. `as_supporting_wrongly` and
    `as_refuting_wrongly`: the articles listed on that side through wrong claims only."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    listed_claims: Counter[str] = Counter()
    for query in queries:
        result = find_sources(query["query"], [folder], models=models)
        listed = {side: {m.file for m in getattr(result, side)}
                  for side in ("supporting", "refuting", "reporting")}
        rightly: dict[str, set[str]] = defaultdict(set)  # files with a right claim listed
        for side, want in (("supporting", 1), ("refuting", -1)):
            for match in getattr(result, side):
                record = gold_of.get(match.claim_id)
                right = record is not None and record["fact"] == query["fact"] \
                    and holds(record) == want
                listed_claims[side] += 1
                listed_claims[f"{side}_right"] += int(right)
                if right:
                    rightly[side].add(match.file)
        for article in articles:
            position = article["positions"].get(query["fact"])
            if position is None:
                continue
            counts[position]["articles"] += 1
            for side, files in listed.items():
                counts[position][side] += int(article["file"] in files)
            for side in ("supporting", "refuting"):
                counts[position][f"{side}_wrongly"] += int(
                    article["file"] in listed[side] and article["file"] not in rightly[side])
    figures: dict[str, Any] = {
        position: {"articles": c["articles"],
                   **{f"as_{side}": round(c[side] / c["articles"], 3)
                      for side in ("supporting", "refuting", "reporting")},
                   # listed on a side only through claims the gold does not hold that way (a
                   # debunk quoting a named speaker's right claim is listed rightly)
                   **{f"as_{side}_wrongly": round(c[f"{side}_wrongly"] / c["articles"], 3)
                      for side in ("supporting", "refuting")}}
        for position, c in sorted(counts.items())}
    total = listed_claims["supporting"] + listed_claims["refuting"]
    right = listed_claims["supporting_right"] + listed_claims["refuting_right"]
    figures["listed_claims"] = {**dict(sorted(listed_claims.items())),
                                "precision": round(right / total, 3) if total else None}
    return figures


def speed_figures(claims: list[Claim], texts: dict[str, str], embed_model: str
                  ) -> dict[str, Any]:
    load_parser()
    bare = [Claim(c.id, c.file, c.line, c.end_line, c.start, c.end, c.text, c.kind)
            for c in claims]
    started = time.perf_counter()
    structured = assert_claims(bare, texts)
    parse_s = time.perf_counter() - started
    embedder = SentenceTransformerEmbedder(embed_model)
    embedder.encode(["warm up"])
    started = time.perf_counter()
    embedder.encode([c.fact for c in structured])
    embed_s = time.perf_counter() - started
    return {"claims": len(claims), "parse_s": round(parse_s, 3), "embed_s": round(embed_s, 3),
            "parse_per_embed": round(parse_s / embed_s, 3)}


@dataclass(frozen=True)
class MatchedSplit:
    """A split's documents and claims, each gold record's claim, and each claim's record."""

    documents: dict[str, Document]
    claims: list[Claim]
    gold: list[dict[str, Any]]
    matched: list[Claim | None]
    gold_of: dict[str, dict[str, Any]]


def match_gold(folder: Path) -> MatchedSplit:
    """Extract a folder's claims and match them with its gold records."""
    documents = load_documents([folder])
    by_file = {d.file: d for d in documents}
    raw = [c for d in documents for c in extract_claims(d)[0]]
    claims = assert_claims(raw, {d.file: d.text for d in documents})
    gold = read_jsonl(folder / "gold.jsonl")
    per_file: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        per_file[claim.file].append(claim)
    matched = [claim_for(per_file[r["file"]], anchor_span(by_file[r["file"]], r["line"],
                                                          r["anchor"]), r) for r in gold]
    return MatchedSplit(by_file, claims, gold, matched,
                        record_of_each_claim(by_file, gold, matched))


def run_split(split: str, models: Models, config: Config) -> dict[str, Any]:
    folder = ROOT / split
    found = match_gold(folder)
    texts = {file: d.text for file, d in found.documents.items()}
    return {
        "extractor": extractor_figures(found.gold, found.matched),
        "check": check_figures(folder, models, found.gold_of, found.gold,
                               examples=split != "test"),
        "sources": sources_figures(folder, models, read_jsonl(folder / "queries.jsonl"),
                                   read_jsonl(folder / "articles.jsonl"), found.gold_of),
        "speed": speed_figures(found.claims, texts, config.embed_model),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    config = Config(use_cache=False)
    models = build_models(config)
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    results = {split: run_split(split, models, config) for split in splits}
    print(json.dumps(results, indent=2))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
