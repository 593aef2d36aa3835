"""The hand-written training pairs: well formed, and sharing no name with the evaluation sets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claimcheck.judge import LABELS

ROOT = Path(__file__).resolve().parent.parent
TRAINING_FILES = sorted((ROOT / "scripts" / "data").glob("*.jsonl"))
# the evaluation drops' events (evaluation/assertions/README.md) and the stress set's worlds
EVALUATION_NAMES = ("Kaldovia", "Brask", "Halbrun", "Alsenne", "Brisamar", "Solenne", "Quintal",
                    "Lurenia", "Helmoor", "Rothvik", "Estravia", "Tovesand", "Drevik",
                    "Vardelmia", "Istrevo", "Ondrevath", "Vessimor", "Tolmarra")


@pytest.mark.parametrize("path", TRAINING_FILES, ids=[p.name for p in TRAINING_FILES])
def test_pairs_are_well_formed_and_unique(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert rows
    assert all(row["label"] in LABELS and row["premise"].strip() and row["hypothesis"].strip()
               for row in rows)
    assert len({(row["premise"], row["hypothesis"]) for row in rows}) == len(rows)


@pytest.mark.parametrize("path", TRAINING_FILES, ids=[p.name for p in TRAINING_FILES])
def test_no_evaluation_name_in_training_pairs(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [name for name in EVALUATION_NAMES if re.search(rf"\b{name}", text)]
    assert not found, f"{path.name} names {found}, which the evaluation drops use"
