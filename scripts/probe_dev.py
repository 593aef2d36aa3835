"""Probes for choosing rules on the dev split of evaluation/assertions/: what the extractor,
`check` and `sources` get wrong there, line by line. It refuses the test split, whose lines
are not to be read (evaluation/assertions/README.md).

    python scripts/probe_dev.py claims evaluation/assertions/dev OUT.jsonl
    python scripts/probe_dev.py diff OLD.jsonl NEW.jsonl
    python scripts/probe_dev.py stance-errors evaluation/assertions/dev [--speaker]
    python scripts/probe_dev.py false-pairs evaluation/assertions/dev
    python scripts/probe_dev.py sources-misses evaluation/assertions/dev
    python scripts/probe_dev.py figures PARENT SPLIT OUT.json   # bench_assertions on PARENT/SPLIT
    python scripts/probe_dev.py compare OLD.json NEW.json        # two benchmark files, changes
    python scripts/probe_dev.py pronouns evaluation/assertions/dev  # a bare he/she, measured

`claims` before and after a rule, then `diff`, shows every dev line the rule changed.
`figures` measures one folder (a single event copied out with its gold files, say).
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_assertions as bench

from claimcheck.assertions import load_parser, query_claim
from claimcheck.models import Claim
from claimcheck.pronouns import BARE_PRONOUN, people_named, read_pronouns


def dev_folder(path: str) -> Path:
    """The folder, unless it is (or lies in) the test split."""
    folder = Path(path).resolve()
    test = (bench.ROOT / "test").resolve()
    if folder == test or test in folder.parents or folder.name == "test":
        sys.exit("probe_dev.py reads dev only: the test split is not to be read")
    return folder


def claims_command(args: argparse.Namespace) -> None:
    claims = bench.match_gold(dev_folder(args.folder)).claims
    with open(args.out, "w", encoding="utf-8") as out:
        for c in claims:
            out.write(json.dumps([f"{c.file}:{c.line}", c.fact, c.speaker, c.stance]) + "\n")


def diff_command(args: argparse.Namespace) -> None:
    old = Path(args.old).read_text(encoding="utf-8").splitlines()
    new = Path(args.new).read_text(encoding="utf-8").splitlines()
    for line in difflib.unified_diff(old, new, lineterm="", n=0):
        if not line.startswith(("+++", "---", "@@")):
            print(line)


def stance_errors_command(args: argparse.Namespace) -> None:
    found = bench.match_gold(dev_folder(args.folder))
    for record, claim in zip(found.gold, found.matched, strict=True):
        wrong = (claim is not None and not bench.speaker_matches(claim, record)) \
            if args.speaker else (claim is None or claim.stance != record["stance"])
        if wrong:
            line = found.documents[record["file"]].text.split("\n")[record["line"] - 1]
            print(f"{record['file']}:{record['line']} gold={record['stance']}/"
                  f"{record['speaker']} anchor={record['anchor']!r}")
            print("    LINE:", line)
            print("    GOT :", claim and (claim.stance, claim.speaker, claim.fact))


def false_pairs_command(args: argparse.Namespace) -> None:
    folder = dev_folder(args.folder)
    gold_of = bench.match_gold(folder).gold_of
    models = bench.build_models(bench.Config(use_cache=False))
    report = bench.run_check([folder], models=models)
    by_id = {c.id: c for c in report.claims}
    for finding in report.contradictions:
        a, b = gold_of.get(finding.a), gold_of.get(finding.b)
        if a is not None and b is not None and a["fact"] is not None \
                and a["fact"] == b["fact"] and bench.holds(a) * bench.holds(b) == -1:
            continue
        print(bench.why_not_real(a, b), finding.kind)
        for claim_id, record in ((finding.a, a), (finding.b, b)):
            c = by_id[claim_id]
            print(f"    {c.file}:{c.line} {c.stance} {c.speaker} | {c.fact}",
                  record and [record["fact"], record["says"], record["stance"]])


def sources_misses_command(args: argparse.Namespace) -> None:
    folder = dev_folder(args.folder)
    found = bench.match_gold(folder)
    gold, matched, gold_of = found.gold, found.matched, found.gold_of
    models = bench.build_models(bench.Config(use_cache=False))
    wanted = {"supports": "supporting", "refutes": "refuting"}
    for query in bench.read_jsonl(folder / "queries.jsonl"):
        result = bench.find_sources(query["query"], [folder], models=models)
        print("==", query["fact"], "|", query["query"])
        for side, sign in (("supporting", 1), ("refuting", -1)):
            for m in getattr(result, side):
                record = gold_of.get(m.claim_id)
                if not (record and record["fact"] == query["fact"]
                        and bench.holds(record) == sign):
                    print(f"  WRONG {side} {m.file}:{m.line} {m.stance} {m.speaker} | "
                          f"{m.content}")
        listed = {side: {m.file for m in getattr(result, side)}
                  for side in ("supporting", "refuting", "reporting")}
        for article in bench.read_jsonl(folder / "articles.jsonl"):
            position = article["positions"].get(query["fact"])
            if position not in wanted or article["file"] in listed[wanted[position]]:
                continue
            print(f"  MISS {position} {article['file']} listed as "
                  f"{[s for s in listed if article['file'] in listed[s]]}")
            for record, claim in zip(gold, matched, strict=True):
                if record["file"] == article["file"] and record["fact"] == query["fact"] \
                        and bench.holds(record):
                    print(f"     L{record['line']} gold {record['stance']}/{record['says']} |",
                          claim and (claim.stance, claim.speaker, claim.fact))


def figures_command(args: argparse.Namespace) -> None:
    dev_folder(str(Path(args.parent) / args.split))
    bench.ROOT = Path(args.parent)
    config = bench.Config(use_cache=False)
    figures = {args.split: bench.run_split(args.split, bench.build_models(config), config)}
    Path(args.out).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def _flat(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        return {k: v for key, value in data.items()
                for k, v in _flat(value, f"{prefix}.{key}" if prefix else key).items()}
    return {prefix: json.dumps(data) if isinstance(data, list) else data}


def compare_command(args: argparse.Namespace) -> None:
    old, new = (_flat(json.loads(Path(p).read_text(encoding="utf-8")))
                for p in (args.old, args.new))
    for key in sorted(old.keys() | new.keys()):
        if old.get(key) != new.get(key) and "examples" not in key and "speed" not in key \
                and not key.endswith("run_s"):
            print(f"{key:70s} {old.get(key)!s:>10} {new.get(key)!s:>10}")


def _query_people(folder: Path) -> dict[str, str]:
    """Each fact's person, by surname, where its query's subject names one ("Tharnesse
    opposition leader Vesmir Venkovar was poisoned": Venkovar)."""
    people = {}
    for query in bench.read_jsonl(folder / "queries.jsonl"):
        doc = load_parser()(query_claim(query["query"]).fact)
        subjects = [t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
        if not subjects:
            continue
        subject = subjects[0]
        names = [a for a in subject.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
        if subject.pos_ == "NOUN" and names:
            subject = names[0]
        if subject.pos_ == "PROPN" and any(t.dep_ == "compound" and t.pos_ == "PROPN"
                                           for t in subject.lefts):
            people[query["fact"]] = subject.text
    return people


def pronouns_command(args: argparse.Namespace) -> None:
    """How `check`'s similarity gate treats contents that start with a bare he/she, and how
    well three readings find the person it stands for, on claims of a person's fact."""
    folder = dev_folder(args.folder)
    found = bench.match_gold(folder)
    people = _query_people(folder)
    models = bench.build_models(bench.Config(use_cache=False))
    records = [(r, c) for r, c in zip(found.gold, found.matched, strict=True)
               if c is not None and r["fact"] in people and bench.holds(r)]

    def named(record: dict[str, Any], claim: Claim) -> str:
        pronoun = BARE_PRONOUN.match(claim.fact)
        return people[record["fact"]] + claim.fact[pronoun.end():] if pronoun else claim.fact

    texts = sorted({c.fact for _, c in records} | {named(r, c) for r, c in records})
    vector = dict(zip(texts, models.embedder.encode(texts), strict=True))
    gate, counts = models.thresholds.min_similarity, Counter[str]()
    for (r1, c1), (r2, c2) in itertools.combinations(records, 2):
        if r1["fact"] != r2["fact"] or r1["file"] == r2["file"] \
                or bench.holds(r1) * bench.holds(r2) != -1:
            continue
        kind = "pronoun" if BARE_PRONOUN.match(c1.fact) or BARE_PRONOUN.match(c2.fact) \
            else "named"
        counts[kind] += 1
        counts[f"{kind} through"] += float(vector[c1.fact] @ vector[c2.fact]) >= gate
        counts[f"{kind} named through"] += \
            float(vector[named(r1, c1)] @ vector[named(r2, c2)]) >= gate
    print(f"pairs of one person's fact across articles, one holding it and one not (gate {gate}):")
    for kind in ("named", "pronoun"):
        print(f"  {kind}: {counts[kind]}, through the gate {counts[kind + ' through']}"
              + (f", with the person's name for the pronoun {counts[kind + ' named through']}"
                 if kind == "pronoun" else ""))
    mentions = {file: people_named(d.text) for file, d in found.documents.items()}
    others = [c.fact for c in found.claims]
    started = time.perf_counter()
    all_vectors = models.embedder.encode(others)
    embed_s = time.perf_counter() - started
    started = time.perf_counter()
    read, _ = read_pronouns(found.claims, {f: d.text for f, d in found.documents.items()},
                            all_vectors, models.embedder.encode, gate)
    read_s = time.perf_counter() - started
    bare = sum(1 for c in found.claims if BARE_PRONOUN.match(c.content))
    changed = sum(a.content != c.content for a, c in zip(read, found.claims, strict=True))
    print(f"check's reading (claimcheck.pronouns): {len(found.claims)} claims, {bare} start "
          f"with a bare he/she, {changed} read as a person; {read_s:.2f} s, against "
          f"{embed_s:.2f} s to embed every claim")
    read_as = {c.id: c.content for c in read}
    right, total, placed = Counter[str](), 0, 0
    for record, claim in records:
        pronoun = BARE_PRONOUN.match(claim.fact)
        if pronoun is None:
            continue
        total += 1
        before = [name for at, name in mentions[claim.file] if at < claim.content_spans[0][0]]
        person = people[record["fact"]]
        placed += person in before
        if not before:
            continue
        named_count = Counter(before)
        last = {name: at for at, name in enumerate(before)}
        readings = {"nearest": before[-1],
                    "most named": max(named_count, key=lambda n: (named_count[n], last[n]))}
        candidates = sorted(set(before))
        rest = claim.fact[pronoun.end():]
        best, best_similarity = candidates[0], -2.0
        for name, vector_of in zip(candidates, models.embedder.encode(
                [name + rest for name in candidates]), strict=True):
            elsewhere = [j for j, c in enumerate(found.claims) if c.file != claim.file
                         and re.search(rf"\b{re.escape(name)}\b", c.fact)]
            similarity = max((float(all_vectors[j] @ vector_of) for j in elsewhere),
                             default=-1.0)
            if similarity > best_similarity:
                best, best_similarity = name, similarity
        readings["across articles"] = best
        readings["as `check` reads it"] = read_as[claim.id].split()[0]
        for reading, name in readings.items():
            right[reading] += name == person
    print(f"claims of a person's fact starting with a bare he/she: {total}; the person named "
          f"before it in its article: {placed}")
    for reading in ("nearest", "most named", "across articles", "as `check` reads it"):
        print(f"  {reading}: {right[reading]} of {total} right")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, arguments in (("claims", ("folder", "out")), ("diff", ("old", "new")),
                            ("stance-errors", ("folder",)), ("false-pairs", ("folder",)),
                            ("sources-misses", ("folder",)),
                            ("figures", ("parent", "split", "out")),
                            ("compare", ("old", "new")), ("pronouns", ("folder",))):
        command = commands.add_parser(name)
        for argument in arguments:
            command.add_argument(argument)
        if name == "stance-errors":
            command.add_argument("--speaker", action="store_true",
                                 help="speaker errors instead of stance errors")
    args = parser.parse_args()
    {"claims": claims_command, "diff": diff_command, "stance-errors": stance_errors_command,
     "false-pairs": false_pairs_command, "sources-misses": sources_misses_command,
     "figures": figures_command, "compare": compare_command,
     "pronouns": pronouns_command}[args.command](args)


if __name__ == "__main__":
    main()
