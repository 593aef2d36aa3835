"""Benchmark: time to the first answer of `compare` and `sources`, cold (issue 16, item 4).

Each measurement is a fresh Python process running the installed CLI, as a user's shell runs
it, on a warm disk cache: an index that has seen the drop (its claims and vectors), and every
question new (no verdict of it in the index). Both backends are timed in the same run:

- `onnx` (what `compare` and `sources` use by default since 0.16.0): the ONNX copies of the
  embedder and both cross-encoders, exported into the cache folder on first use;
- `torch`: sentence-transformers with torch, as before 0.16.0.

It also times the first use itself (the one-off export, in a process that then answers) and
records, for each run, its peak RSS and whether torch or sentence-transformers was imported.

    python scripts/bench_cold_start.py [--runs 5] [--out docs/bench_cold_start.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DROP = ROOT / "fixtures" / "kestrel"
# the process prints, after the command, its peak RSS and the heavy modules it imported
RUNNER = """
import resource, runpy, sys
sys.argv = ['claimcheck', *sys.argv[1:]]
try:
    runpy.run_module('claimcheck', run_name='__main__')
except SystemExit:
    pass
heavy = [m for m in ('torch', 'sentence_transformers') if m in sys.modules]
print('BENCH', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, *heavy, file=sys.stderr)
"""
PLACES = ["Vienna", "Halbrun", "Ostrava", "the capital", "the north", "the coast", "a base",
          "the border", "the palace", "the airport", "Geneva", "the south"]


def run(args: list[str], cache: Path, backend: str) -> dict[str, Any]:
    """One cold CLI process: wall seconds, peak RSS (MB), heavy modules imported."""
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache), "CLAIMCHECK_BACKEND": backend}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUNNER, *args], capture_output=True,
                          text=True, env=env, cwd=ROOT)
    seconds = time.perf_counter() - start
    line = next((x for x in done.stderr.splitlines() if x.startswith("BENCH")), None)
    if line is None:
        raise SystemExit(f"claimcheck {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    fields = line.split()
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(int(fields[1]) / 1024),
            "imported": fields[2:]}


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    seconds = [r["seconds"] for r in runs]
    return {"median_seconds": round(statistics.median(seconds), 2), "min_seconds": min(seconds),
            "max_seconds": max(seconds), "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
            "imported": sorted({m for r in runs for m in r["imported"]}), "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bench_cold_start.json")
    args = parser.parse_args()
    if args.runs > len(PLACES) // 2:
        raise SystemExit(f"--runs at most {len(PLACES) // 2}: each run asks a new question")
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        results: dict[str, Any] = {"help": run(["--help"], cache, "auto")}
        # a pair that reaches both cross-encoders, so the first use exports all three models
        results["first_use_export"] = run(
            ["compare", "The minister fled to Vienna.", "The minister did not flee to Vienna."],
            cache, "onnx")
        subprocess.run([sys.executable, "-m", "claimcheck", "check", str(DROP), "--out",
                        str(cache / "report"), "-q"], env={**os.environ,
                       "CLAIMCHECK_CACHE_DIR": str(cache)}, capture_output=True, cwd=ROOT)
        for backend, offset in (("onnx", 0), ("torch", args.runs)):
            places = PLACES[offset:offset + args.runs]
            results[f"compare_{backend}"] = summary([run(
                ["compare", f"The minister fled to {p}.", f"The minister did not go to {p}."],
                cache, backend) for p in places])
            results[f"sources_{backend}"] = summary([run(
                ["sources", f"President Danek is hiding in {p}", str(DROP), "-q"],
                cache, backend) for p in places])
        exports = sorted((cache / "onnx").iterdir())
        results["exports"] = {
            folder.name: {"megabytes": round(sum(f.stat().st_size for f in folder.iterdir())
                                             / 1e6, 1),
                          **{k: v for k, v in json.loads((folder / "meta.json").read_text())
                             .items() if k in ("usable", "largest_difference")}}
            for folder in exports}
    results["command"] = "python scripts/bench_cold_start.py --runs " + str(args.runs)
    results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform()}
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for key in ("help", "first_use_export"):
        print(f"{key}: {results[key]['seconds']} s, {results[key]['peak_rss_mb']} MB")
    for key in ("compare_onnx", "compare_torch", "sources_onnx", "sources_torch"):
        r = results[key]
        print(f"{key}: median {r['median_seconds']} s ({r['min_seconds']}-{r['max_seconds']}),"
              f" peak {r['peak_rss_mb']} MB, imported {r['imported'] or 'neither'}")


if __name__ == "__main__":
    main()
