"""Benchmark `claimcheck ci` on a synthetic corpus: cold run, +1 article, unchanged re-run.

Reproduce:  python scripts/bench_ci.py --articles 1000 --out docs/bench_ci.json

Articles are made of sentences from scripts/newsnli.py's templated world (original text, many
related and conflicting statements, so the judge has real work). Each measurement runs
`python -m claimcheck ci` in a fresh process, interpreter start and model loading included.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsnli import generate_pairs


def write_corpus(folder: Path, articles: int, sentences: int, seed: int) -> list[str]:
    """Write `articles` articles into folder; return the sentence pool left for new ones."""
    rng = random.Random(seed)
    pool = sorted({s for p in generate_pairs(articles * sentences, seed=seed)
                   for s in (p.premise, p.hypothesis)})
    rng.shuffle(pool)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        body = [pool.pop() for _ in range(sentences)] if len(pool) > sentences else \
            rng.sample(sorted({s for p in generate_pairs(50, seed=n) for s in (p.premise,)}),
                       min(sentences, 50))
        headline = body[0].rstrip(".")
        (folder / f"article_{n:05d}.txt").write_text(
            headline + "\n\n" + "\n\n".join(body[1:]) + "\n", encoding="utf-8")
    return pool


def timed_ci(drop: Path, work: Path, judge: str, write_baseline: bool = False
             ) -> tuple[float, int, str]:
    command = [sys.executable, "-m", "claimcheck", "ci", str(drop), "--baseline",
               str(work / "baseline.json"), "--index", str(work / "index.sqlite"),
               "--out", str(work / "out"), "--judge", judge, "-q"]
    if write_baseline:
        command.append("--write-baseline")
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(work / "cache")}
    tick = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - tick
    if proc.returncode not in (0, 1):
        raise SystemExit(f"claimcheck ci failed ({proc.returncode}):\n{proc.stderr}")
    return seconds, proc.returncode, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sentences", type=int, default=12)
    parser.add_argument("--judge", default="builtin")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    parser.add_argument("--no-baseline", action="store_true",
                        help="worst case: never accept findings, so every run reports all of "
                             "them as new (default: the cold run accepts them, as CI adoption "
                             "does, and later runs report what the new article adds)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    try:
        drop = work / "articles"
        pool = write_corpus(drop, args.articles, args.sentences, args.seed)
        tick = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import claimcheck.cli"], check=True)
        python_start = time.perf_counter() - tick

        cold, _, _ = timed_ci(drop, work, args.judge, write_baseline=not args.no_baseline)
        extra = [pool.pop() for _ in range(args.sentences)]
        (drop / "article_new.txt").write_text(
            extra[0].rstrip(".") + "\n\n" + "\n\n".join(extra[1:]) + "\n", encoding="utf-8")
        plus_one, plus_one_exit, _ = timed_ci(drop, work, args.judge)
        unchanged, _, _ = timed_ci(drop, work, args.judge)
        from claimcheck.index import Index

        figures = {
            "articles": args.articles, "sentences_per_article": args.sentences,
            "judge": args.judge, "index_rows": Index(work / "index.sqlite").counts(),
            "baseline": "none (worst case)" if args.no_baseline else "written by the cold run",
            "cold_seconds": round(cold, 2),
            "plus_one_article_seconds": round(plus_one, 2),
            "plus_one_share_of_cold": round(plus_one / cold, 4),
            "plus_one_exit_code": plus_one_exit,
            "unchanged_rerun_seconds": round(unchanged, 2),
            "interpreter_and_cli_import_seconds": round(python_start, 3),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                       f"python {platform.python_version()}",
            "command": "python scripts/bench_ci.py " + " ".join(sys.argv[1:]),
        }
        print(json.dumps(figures, indent=2))
        if args.out:
            args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
