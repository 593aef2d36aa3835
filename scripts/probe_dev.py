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

`claims` before and after a rule, then `diff`, shows every dev line the rule changed.
`figures` measures one folder (a single event copied out with its gold files, say).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_assertions as bench


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, arguments in (("claims", ("folder", "out")), ("diff", ("old", "new")),
                            ("stance-errors", ("folder",)), ("false-pairs", ("folder",)),
                            ("sources-misses", ("folder",)),
                            ("figures", ("parent", "split", "out")),
                            ("compare", ("old", "new"))):
        command = commands.add_parser(name)
        for argument in arguments:
            command.add_argument(argument)
        if name == "stance-errors":
            command.add_argument("--speaker", action="store_true",
                                 help="speaker errors instead of stance errors")
    args = parser.parse_args()
    {"claims": claims_command, "diff": diff_command, "stance-errors": stance_errors_command,
     "false-pairs": false_pairs_command, "sources-misses": sources_misses_command,
     "figures": figures_command, "compare": compare_command}[args.command](args)


if __name__ == "__main__":
    main()
