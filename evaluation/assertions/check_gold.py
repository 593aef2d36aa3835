"""Consistency check for the assertion evaluation set (evaluation/assertions/{dev,test}).

Usage: python evaluation/assertions/check_gold.py [SPLIT_DIR ...]

With no arguments it checks every split folder next to this file. Prints a short
summary per split and exits 1 if any problem was found. Standard library only.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

STANCES = {"asserted", "reported", "denied", "refuted", "hedged", "questioned"}
SAYS = {"yes", "no"}
POSITIONS = {"supports", "refutes", "reports"}
GOLD_KEYS = {"file", "line", "anchor", "stance", "speaker", "fact", "says"}
URL_RE = re.compile(r"^https?://([a-z0-9-]+\.)*example\.(com|org)(/|$)")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_jsonl(path: Path, problems: list[str]) -> list[dict[str, Any]]:
    rows = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            rows.append(json.loads(raw))
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{n}: bad JSON ({exc})")
    return rows


def check_split(split: Path) -> tuple[list[str], dict[str, Any]]:
    problems: list[str] = []
    for name in ("manifest.csv", "gold.jsonl", "articles.jsonl", "queries.jsonl"):
        if not (split / name).is_file():
            problems.append(f"missing {name}")
    if problems:
        return problems, {}

    # manifest
    with open(split / "manifest.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != ["file", "published", "outlet", "url"]:
            problems.append(f"manifest header is {reader.fieldnames}")
        manifest = list(reader)
    listed = [m["file"] for m in manifest]
    if len(set(listed)) != len(listed):
        problems.append("manifest lists a file twice")
    for m in manifest:
        if not DATE_RE.match(m["published"] or ""):
            problems.append(f"manifest: bad date for {m['file']}: {m['published']!r}")
        if not URL_RE.match(m["url"] or ""):
            problems.append(f"manifest: url not under example.com/.org for {m['file']}")
        if not (m["outlet"] or "").strip():
            problems.append(f"manifest: empty outlet for {m['file']}")
    on_disk = sorted(p.name for p in split.glob("*.txt"))
    for name in sorted(set(on_disk) - set(listed)):
        problems.append(f"{name} is in the folder but not in manifest.csv")

    # articles
    texts: dict[str, list[str]] = {}
    for name in listed:
        path = split / name
        if not path.is_file():
            problems.append(f"manifest lists {name}, which does not exist")
            continue
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except UnicodeDecodeError:
            problems.append(f"{name}: not UTF-8")
            continue
        if lines and lines[-1] == "":
            lines = lines[:-1]
        texts[name] = lines
        if not lines or not lines[0].strip():
            problems.append(f"{name}: first line (headline) is empty")
        elif lines[0].rstrip().endswith("."):
            problems.append(f"{name}: headline ends with a full stop")
        body = [ln for ln in lines[1:] if ln.strip()]
        if not 6 <= len(body) <= 12:
            problems.append(f"{name}: {len(body)} body lines (want 6-12)")

    # gold
    gold = read_jsonl(split / "gold.jsonl", problems)
    seen: set[tuple[str, int, str]] = set()
    covered: dict[str, set[int]] = {name: set() for name in texts}
    facts_by_file: dict[str, set[str]] = {}
    for i, g in enumerate(gold, 1):
        where = f"gold.jsonl record {i}"
        if set(g) != GOLD_KEYS:
            problems.append(f"{where}: keys {sorted(g)}")
            continue
        name, line, anchor = g["file"], g["line"], g["anchor"]
        if name not in texts:
            problems.append(f"{where}: file {name!r} not in manifest / not found")
            continue
        lines = texts[name]
        if not isinstance(line, int) or not 1 <= line <= len(lines) or not lines[line - 1].strip():
            problems.append(f"{where}: {name} has no non-blank line {line!r}")
            continue
        if not isinstance(anchor, str) or anchor not in lines[line - 1]:
            problems.append(f"{where}: anchor {anchor!r} not in {name}:{line}")
        elif not 2 <= len(anchor.split()) <= 6:
            problems.append(f"{where}: anchor {anchor!r} has {len(anchor.split())} words")
        key = (name, line, anchor)
        if key in seen:
            problems.append(f"{where}: duplicate (file, line, anchor) {key}")
        seen.add(key)
        covered[name].add(line)
        if g["stance"] not in STANCES:
            problems.append(f"{where}: bad stance {g['stance']!r}")
        sp = g["speaker"]
        if sp is not None and (not isinstance(sp, str) or not sp.strip() or sp != sp.lower()):
            problems.append(f"{where}: speaker must be null or a lowercase string, got {sp!r}")
        if g["fact"] is None:
            if g["says"] is not None:
                problems.append(f"{where}: says must be null when fact is null")
        else:
            if not isinstance(g["fact"], str) or not g["fact"]:
                problems.append(f"{where}: bad fact {g['fact']!r}")
            if g["says"] not in SAYS:
                problems.append(f"{where}: bad says {g['says']!r} for fact {g['fact']}")
            facts_by_file.setdefault(name, set()).add(g["fact"])
    for name, lines in texts.items():
        for n, text in enumerate(lines, 1):
            if text.strip() and n not in covered[name]:
                problems.append(f"{name}:{n}: non-blank line has no gold record")
    all_facts = set().union(*facts_by_file.values()) if facts_by_file else set()

    # articles.jsonl
    arts = read_jsonl(split / "articles.jsonl", problems)
    art_files = [a.get("file") for a in arts]
    for name in texts:
        if name not in art_files:
            problems.append(f"articles.jsonl: no record for {name}")
    for a in arts:
        art_name = a.get("file")
        if not isinstance(art_name, str) or art_name not in texts:
            problems.append(f"articles.jsonl: file {art_name!r} not in manifest / not found")
            continue
        name = art_name
        pos = a.get("positions")
        if not isinstance(pos, dict):
            problems.append(f"articles.jsonl: {name}: positions is not an object")
            continue
        for fact, value in pos.items():
            if value not in POSITIONS:
                problems.append(f"articles.jsonl: {name}: bad position {value!r} for {fact}")
        if set(pos) != facts_by_file.get(name, set()):
            problems.append(
                f"articles.jsonl: {name}: positions cover {sorted(pos)} but gold touches "
                f"{sorted(facts_by_file.get(name, set()))}"
            )

    # queries.jsonl
    queries = read_jsonl(split / "queries.jsonl", problems)
    # five queries per event: dev holds eleven events (0.38.0) and test three (0.32.0)
    if not 3 <= len(queries) <= 60:
        problems.append(f"queries.jsonl: {len(queries)} queries (want 3-60)")
    for q in queries:
        if set(q) != {"query", "fact"} or q.get("fact") not in all_facts:
            problems.append(f"queries.jsonl: bad record {q}")

    stats = {
        "articles": len(texts),
        "records": len(gold),
        "stances": Counter(g.get("stance") for g in gold),
        "facts": Counter(g.get("fact") for g in gold if g.get("fact")),
        "says": Counter((g.get("fact"), g.get("says")) for g in gold if g.get("fact")),
        "with_speaker": sum(1 for g in gold if g.get("speaker")),
        "queries": len(queries),
    }
    return problems, stats


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    splits = [Path(a) for a in argv] or sorted(
        p for p in here.iterdir() if p.is_dir() and (p / "gold.jsonl").exists()
    )
    bad = 0
    for split in splits:
        problems, stats = check_split(split)
        print(f"== {split.name}")
        if stats:
            print(f"   articles {stats['articles']}, records {stats['records']} "
                  f"({stats['with_speaker']} with a speaker), queries {stats['queries']}")
            stances = sorted(stats["stances"].items())
            print("   stances: " + ", ".join(f"{k} {v}" for k, v in stances))
            for fact, n in sorted(stats["facts"].items()):
                yes, no = stats["says"][(fact, "yes")], stats["says"][(fact, "no")]
                print(f"   fact {fact}: {n} records (says yes {yes}, no {no})")
        for p in problems:
            print("   PROBLEM: " + p)
        bad += len(problems)
    print("OK" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
