"""Benchmark of `check` on the five seed articles: the clear conflicts it finds, the traps it
flags, and how many contradictions it reports.

The seed articles are real news and are not ours: they sit beside the checkout
(../shared/seeds) and are never copied into the project. `evaluation/seeds/gold.jsonl` names,
by file, line and a short anchor in the claim's content, the clear conflicts between them and
the traps (pairs that look opposite and are not). It was written from the articles' text
(docs/assertions.md says how). A record's sides list every statement of that voice; a
conflict is found, or a trap flagged, when one contradiction of the report, or one conflict it
lists within one article, joins a claim of side `a` with a claim of side `b`. The seeds are
never used for training or calibration.

    python scripts/bench_seeds.py --out docs/bench_seeds.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_assertions import anchor_span, claim_for, read_jsonl

from claimcheck.api import build_models, run_check
from claimcheck.config import Config
from claimcheck.models import Claim, Document, Finding, Report

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "evaluation" / "seeds" / "gold.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"


def side_claims(side: list[dict[str, Any]], report: Report) -> set[str]:
    """The ids of the claims that hold a side's anchors."""
    documents: dict[str, Document] = {d.file: d for d in report.documents}
    per_file: dict[str, list[Claim]] = {}
    for claim in report.claims:
        per_file.setdefault(claim.file, []).append(claim)
    found = set()
    for anchor in side:
        span = anchor_span(documents[anchor["file"]], anchor["line"], anchor["anchor"])
        holder = claim_for(per_file.get(anchor["file"], []), span)
        if holder is not None:
            found.add(holder.id)
    return found


def joining(findings: tuple[Finding, ...], a: set[str], b: set[str]) -> list[Finding]:
    """The findings that pair a claim of `a` with a claim of `b`."""
    return [f for f in findings if (f.a in a and f.b in b) or (f.a in b and f.b in a)]


def score_seeds(report: Report, gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Conflicts found, traps flagged and the report's totals, with one row per gold record."""
    rows = []
    explained: set[tuple[str, str]] = set()
    for record in gold:
        a, b = side_claims(record["a"], report), side_claims(record["b"], report)
        hits = joining(report.contradictions, a, b)
        if record["kind"] == "conflict":
            explained |= {(f.a, f.b) for f in hits}
        within = joining(report.within_article, a, b)
        changes = joining(report.changes_over_time, a, b)
        rows.append({"id": record["id"], "kind": record["kind"],
                     "matched": bool(a) and bool(b), "hit": bool(hits or within),
                     "as": sorted({f.kind for f in hits}
                                  | {f"{f.kind} within one article" for f in within}),
                     "as_change_over_time": bool(changes)})
    conflicts = [r for r in rows if r["kind"] == "conflict"]
    traps = [r for r in rows if r["kind"] == "trap"]
    facts = {rec["fact"] for rec in gold if rec["kind"] == "conflict"}
    facts_found = {rec["fact"] for rec, row in zip(gold, rows, strict=True)
                   if row["kind"] == "conflict" and row["hit"]}
    return {
        "conflicts": len(conflicts), "conflicts_found": sum(r["hit"] for r in conflicts),
        "contested_facts": len(facts), "contested_facts_found": len(facts_found),
        "traps": len(traps), "traps_flagged": sum(r["hit"] for r in traps),
        "contradictions": len(report.contradictions), "disputes": len(report.disputes),
        "within_article": len(report.within_article),
        "contradictions_in_listed_conflicts": len(explained),
        "kinds": dict(Counter(f.kind for f in report.contradictions)),
        "claims": len(report.claims),
        "unmatched": [r["id"] for r in rows if not r["matched"]],
        "records": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not args.seeds.is_dir():
        raise SystemExit(f"seed articles not found at {args.seeds}")
    started = time.perf_counter()
    report = run_check([args.seeds], models=build_models(Config(use_cache=False)))
    figures = score_seeds(report, read_jsonl(GOLD))
    figures["seconds"] = round(time.perf_counter() - started, 1)
    for row in figures["records"]:
        mark = "found" if row["hit"] else "-"
        if row["kind"] == "trap":
            mark = "FLAGGED" if row["hit"] else "ok"
        print(f"{row['kind']:8} {row['id']:32} {mark} {','.join(row['as'])}"
              f"{' (change over time)' if row['as_change_over_time'] else ''}")
    print({k: v for k, v in figures.items() if k != "records"})
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
