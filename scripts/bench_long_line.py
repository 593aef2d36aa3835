"""Benchmark: segmentation (and the parse) of an article that is one huge line.

Builds single-line articles of 0.25, 0.5, 1 and 1.4 MB from the sentences of the fixture
drop (each made unique by a leading "On day N,"), times `extract_claims` on each (pysbd in
bounded pieces), and times the claims stage with spaCy's parse on the 1 MB one. Writes
docs/bench_long_line.json; docs/reliability.md quotes it.

    python scripts/bench_long_line.py [--out docs/bench_long_line.json] [--no-parse]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from claimcheck.claims import extract_all, extract_claims
from claimcheck.ingest import load_documents
from claimcheck.models import Document

ROOT = Path(__file__).resolve().parent.parent


def _sentences() -> list[str]:
    sentences = []
    for document in load_documents([ROOT / "fixtures" / "kestrel"]):
        sentences += [c.text for c in extract_claims(document)[0] if c.kind == "sentence"]
    return sentences


def single_line_article(size: int) -> tuple[str, int]:
    """One line of about `size` characters, and how many sentences it holds."""
    sentences = _sentences()
    parts: list[str] = []
    total, n = 0, 0
    while total < size:
        sentence = sentences[n % len(sentences)]
        text = f"On day {n + 1}, {sentence[0].lower()}{sentence[1:]}"
        parts.append(text)
        total += len(text) + 1
        n += 1
    return " ".join(parts) + "\n", n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bench_long_line.json")
    parser.add_argument("--no-parse", action="store_true", help="time segmentation only")
    args = parser.parse_args()
    rows = []
    for size in (250_000, 500_000, 1_000_000, 1_400_000):
        text, sentences = single_line_article(size)
        document = Document("long.txt", "/long.txt", "0" * 64, "utf-8", text)
        start = time.perf_counter()
        claims, _ = extract_claims(document)
        seconds = time.perf_counter() - start
        rows.append({"chars": len(text), "sentences": sentences, "claims": len(claims),
                     "segment_seconds": round(seconds, 2),
                     "us_per_char": round(seconds / len(text) * 1e6, 3)})
        print(rows[-1], flush=True)
    result: dict[str, object] = {
        "command": "python scripts/bench_long_line.py",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "segmentation": rows,
        "growth_1mb_vs_250kb": round(rows[2]["segment_seconds"]
                                     / max(rows[0]["segment_seconds"], 1e-9), 2),
    }
    # What 0.6.0 did: pysbd over the whole line at once (quadratic), on smaller inputs only.
    import pysbd

    whole = []
    for size in (25_000, 50_000, 100_000):
        text, _ = single_line_article(size)
        start = time.perf_counter()
        pysbd.Segmenter(language="en", clean=False).segment(text)
        whole.append({"chars": len(text), "seconds": round(time.perf_counter() - start, 2)})
        print("whole line, one pysbd call:", whole[-1], flush=True)
    result["one_pysbd_call_per_line_0_6_0"] = whole
    if not args.no_parse:
        text, sentences = single_line_article(1_000_000)
        document = Document("long.txt", "/long.txt", "0" * 64, "utf-8", text)
        start = time.perf_counter()
        claims, _ = extract_all([document])
        result["claims_with_parse_1mb"] = {
            "chars": len(text), "sentences": sentences, "claims": len(claims),
            "seconds": round(time.perf_counter() - start, 1)}
        print(result["claims_with_parse_1mb"], flush=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
