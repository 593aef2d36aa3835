"""Score a judge on the hand-written stress set of its blind spots (evaluation/judge_stress/).

Reproduce:  python scripts/bench_judge_stress.py --split all --out docs/bench_judge_stress.json

Judges every pair of a split through the library (`claimcheck.api.compare_pairs`, the same
judge `check` and `compare` use) with the cache off, and prints, per split and per category,
the number of pairs, the accuracy and the confusion counts (gold -> predicted), then the
overall accuracy. The set is original text, never used for training or calibration: choose on
dev, report on test (evaluation/judge_stress/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from claimcheck.api import build_models, compare_pairs
from claimcheck.config import Config
from claimcheck.judge import BUILTIN_JUDGE, LABELS

SET_DIR = Path(__file__).resolve().parent.parent / "evaluation" / "judge_stress"
SPLITS = ("dev", "test")
CATEGORIES = ("negation_premise", "negation_hypothesis", "double_negation", "antonym", "number",
              "hedge", "question", "control", "reference", "near_miss")
SHORT = {"entailment": "ent", "neutral": "neu", "contradiction": "con"}


def read_split(path: Path) -> list[dict[str, str]]:
    """The pairs of one split; each line needs premise, hypothesis, label and category."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        missing = {"premise", "hypothesis", "label", "category"} - row.keys()
        if missing or row["label"] not in LABELS:
            raise SystemExit(f"{path}:{number}: bad row (missing {sorted(missing)} "
                             f"or label {row.get('label')!r})")
        rows.append(row)
    return rows


def summarise(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    """n, accuracy and confusion counts {gold: {predicted: count}} over all three labels."""
    pairs = Counter(zip(gold, predicted, strict=True))
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {
        "n": len(gold),
        "correct": correct,
        "accuracy": round(correct / len(gold), 4) if gold else None,
        "confusion": {g: {p: pairs[(g, p)] for p in LABELS} for g in LABELS},
    }


def score_split(rows: list[dict[str, str]], predicted: list[str]) -> dict[str, Any]:
    categories = [c for c in CATEGORIES if any(r["category"] == c for r in rows)]
    categories += sorted({r["category"] for r in rows} - set(categories))
    result: dict[str, Any] = {"categories": {}}
    for category in categories:
        picked = [i for i, r in enumerate(rows) if r["category"] == category]
        result["categories"][category] = summarise([rows[i]["label"] for i in picked],
                                                   [predicted[i] for i in picked])
    result["all"] = summarise([r["label"] for r in rows], predicted)
    return result


def confusion_cells(confusion: dict[str, dict[str, int]]) -> str:
    """Gold -> predicted counts as 'ent>ent neu>...' cells, in LABELS order."""
    return " ".join(f"{confusion[g][p]:>3}" for g in LABELS for p in LABELS)


def print_split(name: str, scores: dict[str, Any]) -> None:
    header_cells = " ".join(f"{SHORT[g][0]}>{SHORT[p][0]}" for g in LABELS for p in LABELS)
    print(f"\n== {name} ==")
    print(f"{'category':<20} {'n':>4} {'acc':>6}   gold>predicted: {header_cells}")
    rows = [*scores["categories"].items(), ("ALL", scores["all"])]
    for category, figures in rows:
        print(f"{category:<20} {figures['n']:>4} {figures['accuracy']:>6.3f}"
              f"                   {confusion_cells(figures['confusion'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--judge", default=BUILTIN_JUDGE,
                        help="judge name or path, as for Config(judge=...)")
    parser.add_argument("--data", type=Path, default=SET_DIR,
                        help="folder holding dev.jsonl and test.jsonl")
    parser.add_argument("--errors", action="store_true", help="also print every wrong verdict")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON")
    args = parser.parse_args()

    splits = SPLITS if args.split == "all" else (args.split,)
    data = {name: read_split(args.data / f"{name}.jsonl") for name in splits}
    config = Config(judge=args.judge, use_cache=False)
    tick = time.perf_counter()
    models = build_models(config)
    everything = [(r["premise"], r["hypothesis"]) for name in splits for r in data[name]]
    verdicts = compare_pairs(everything, config, models)
    seconds = time.perf_counter() - tick

    result: dict[str, Any] = {"judge": models.judge.name, "seconds": round(seconds, 1),
                              "splits": {}}
    start = 0
    all_gold: list[str] = []
    all_predicted: list[str] = []
    for name in splits:
        rows = data[name]
        predicted = [v.label for v in verdicts[start:start + len(rows)]]
        start += len(rows)
        result["splits"][name] = score_split(rows, predicted)
        all_gold += [r["label"] for r in rows]
        all_predicted += predicted
        print_split(name, result["splits"][name])
        if args.errors:
            for row, label, verdict in zip(rows, predicted,
                                           verdicts[start - len(rows):start], strict=True):
                if label != row["label"]:
                    scores = " ".join(f"{k[:3]}={v:.2f}"
                                      for k, v in verdict.scores.as_dict().items())
                    print(f"  [{row['category']}] gold={row['label']} predicted={label} "
                          f"({scores})\n    P: {row['premise']}\n    H: {row['hypothesis']}")
    result["overall"] = summarise(all_gold, all_predicted)
    print(f"\noverall accuracy ({'+'.join(splits)}): {result['overall']['accuracy']:.3f} "
          f"({result['overall']['correct']}/{result['overall']['n']}); judge "
          f"{result['judge']}, {seconds:.1f} s including model loading", file=sys.stdout)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
