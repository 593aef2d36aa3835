"""Benchmark: the built-in cross-encoders under ONNX Runtime against torch (issue 16, item 3).

Needs `pip install onnxruntime onnx` beside claimcheck (neither is a dependency). For each
built-in cross-encoder (MiniLM, and MPNet restored from its int8 storage as the judge loads it)
the script scores the same held-out dev pairs as scripts/bench_int8.py (SNLI dev's first
1,000 pairs, the 280 hand-written news pairs held out, the stress set's dev split) four ways:

- torch in bfloat16 and in float32, the judge's two inference paths today;
- ONNX Runtime in float32, from the model exported with `torch.onnx.export`;
- ONNX Runtime with its dynamic int8 quantisation of that export, one scale per weight
  matrix (the default) and one per output channel.

It reports pairs per second (batches of 32, the judge's), the share of pairs whose top label
agrees with torch float32 and with torch bfloat16, the largest change of a probability, and
accuracy. The bar (issue 16): a faster path is kept only if its labels agree on >= 99.5% of
held-out pairs. It also times a cold start on the float32 exports (issue 16, item 4): a fresh
process that imports ONNX Runtime and tokenizers, opens both models and judges one pair.

    python scripts/bench_onnx.py [--out docs/bench_onnx.json]
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from bench_int8 import dev_sets

from claimcheck.judge import LABELS, CrossEncoderJudge, builtin_model_dir, cpu_has_fast_bfloat16

ROOT = Path(__file__).resolve().parent.parent
BAR = 0.995
BATCH = 32
Pair = tuple[str, str]


def torch_scorer(folder: Path, dtype: str) -> Callable[[Sequence[Pair]], np.ndarray]:
    judge = CrossEncoderJudge(str(folder), dtype=dtype, batch_size=BATCH)
    judge.predict([("warm", "up")])
    return judge.predict


def export(folder: Path, target: Path) -> tuple[Any, list[int], Callable[[str], str] | None]:
    """The model as the judge loads it (float32), exported to ONNX; its tokenizer, label
    order and input normalisation."""
    import torch

    judge = CrossEncoderJudge(str(folder), dtype="float32", batch_size=BATCH)
    model: Any = judge._load()
    tokenizer = model.tokenizer
    sample = tokenizer([["a man sleeps", "a man is awake"]], padding=True, truncation=True,
                       return_tensors="pt")
    # the graph's inputs come in the order of forward()'s parameters, whatever the tokenizer's
    names = [n for n in inspect.signature(model.model.forward).parameters if n in sample]
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    model.model.eval()
    with torch.no_grad():
        torch.onnx.export(model.model, (dict(sample),), str(target), input_names=names,
                          output_names=["logits"], dynamic_axes={**axes, "logits": {0: "batch"}},
                          opset_version=17, dynamo=False)
    return tokenizer, judge._order, judge._normalise_input


def onnx_scorer(path: Path, tokenizer: Any, order: list[int],
                normalise: Callable[[str], str] | None) -> Callable[[Sequence[Pair]], np.ndarray]:
    import onnxruntime  # type: ignore[import-untyped]

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    wanted = {i.name for i in session.get_inputs()}

    def score(pairs: Sequence[Pair]) -> np.ndarray:
        if normalise is not None:
            pairs = [(normalise(p), normalise(h)) for p, h in pairs]
        rows = []
        for start in range(0, len(pairs), BATCH):
            batch = [list(p) for p in pairs[start:start + BATCH]]
            encoded = tokenizer(batch, padding=True, truncation=True, return_tensors="np")
            feed = {k: v.astype(np.int64) for k, v in encoded.items() if k in wanted}
            rows.append(session.run(["logits"], feed)[0])
        logits = np.vstack(rows).astype(np.float64)
        logits -= logits.max(axis=1, keepdims=True)
        probs: np.ndarray = (np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True))[
            :, order].astype(np.float32)
        return probs

    score([("warm", "up")])
    return score


_COLD_START = """
import sys, time
start = time.perf_counter()
import numpy as np, onnxruntime
from tokenizers import Tokenizer
folder = sys.argv[1]
for name in ("cross-encoder", "cross-encoder-2"):
    session = onnxruntime.InferenceSession(f"{folder}/{name}.onnx",
                                           providers=["CPUExecutionProvider"])
    encoded = Tokenizer.from_file(f"{folder}/{name}/tokenizer.json").encode(
        "The minister fled to Vienna", "The minister is at home in Halbrun")
    wanted = {i.name for i in session.get_inputs()}
    feed = {"input_ids": [encoded.ids], "attention_mask": [encoded.attention_mask],
            "token_type_ids": [encoded.type_ids]}
    session.run(["logits"], {k: np.array(v, dtype=np.int64) for k, v in feed.items()
                             if k in wanted})
print(time.perf_counter() - start)
"""


def cold_start_seconds(folder: Path, runs: int = 2) -> list[float]:
    """Seconds a fresh process takes to import ONNX Runtime and the tokenizers library, open
    both exported cross-encoders and judge one pair with each (the disk cache warm)."""
    import subprocess

    return [round(float(subprocess.run([sys.executable, "-c", _COLD_START, str(folder)],
                                       check=True, capture_output=True, text=True)
                        .stdout.split()[-1]), 2) for _ in range(runs)]


def timed(score: Callable[[Sequence[Pair]], np.ndarray], pairs: Sequence[Pair]
          ) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    probs = score(pairs)
    return probs, len(pairs) / (time.perf_counter() - start)


def main() -> None:
    from onnxruntime.quantization import (  # type: ignore[import-untyped]
        QuantType,
        quantize_dynamic,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / ".cache" / "judge-train")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bench_onnx.json")
    args = parser.parse_args()
    sets = dev_sets(args.work, args.seed)
    rows = [r for part in sets.values() for r in part]
    pairs = [(r[0], r[1]) for r in rows]
    gold = np.array([LABELS.index(r[2]) for r in rows])
    result: dict[str, Any] = {
        "command": "python scripts/bench_onnx.py", "pairs": {n: len(p) for n, p in sets.items()},
        "bar": BAR, "batch": BATCH, "cpu_has_fast_bfloat16": cpu_has_fast_bfloat16()}
    keep = tempfile.TemporaryDirectory()
    exported = Path(keep.name)
    for name in ("cross-encoder", "cross-encoder-2"):
        folder = builtin_model_dir() / name
        probs: dict[str, np.ndarray] = {}
        rate: dict[str, float] = {}
        for dtype in ("float32", "bfloat16"):
            probs[f"torch {dtype}"], rate[f"torch {dtype}"] = timed(
                torch_scorer(folder, dtype), pairs)
        with tempfile.TemporaryDirectory() as tmp:
            fp32 = exported / f"{name}.onnx"
            int8 = Path(tmp) / "model.int8.onnx"
            int8_rows = Path(tmp) / "model.int8-per-channel.onnx"
            tokenizer, order, normalise = export(folder, fp32)
            tokenizer.save_pretrained(str(exported / name))
            quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
            quantize_dynamic(str(fp32), str(int8_rows), weight_type=QuantType.QInt8,
                             per_channel=True)
            for label, path in (("onnxruntime float32", fp32), ("onnxruntime int8", int8),
                                ("onnxruntime int8, per channel", int8_rows)):
                probs[label], rate[label] = timed(
                    onnx_scorer(path, tokenizer, order, normalise), pairs)
        reference = probs["torch float32"]
        result[name] = {
            path: {
                "pairs_per_second": round(rate[path], 1),
                "labels_agree_with_torch_float32": round(float(np.mean(
                    p.argmax(1) == reference.argmax(1))), 4),
                "labels_agree_with_torch_bfloat16": round(float(np.mean(
                    p.argmax(1) == probs["torch bfloat16"].argmax(1))), 4),
                "largest_probability_change_from_float32": round(float(np.abs(
                    p - reference).max()), 4),
                "accuracy_argmax": round(float(np.mean(p.argmax(1) == gold)), 4),
            } for path, p in probs.items()}
        print(name, json.dumps(result[name], indent=1), file=sys.stderr)
    result["cold_start_onnx_seconds"] = cold_start_seconds(exported)
    result["exported_float32_megabytes"] = {
        p.name: round(p.stat().st_size / 1e6, 1) for p in sorted(exported.glob("*.onnx"))}
    keep.cleanup()
    print("cold start", result["cold_start_onnx_seconds"], file=sys.stderr)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
