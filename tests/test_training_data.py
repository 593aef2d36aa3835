"""The hand-written training pairs: well formed, and sharing no name with the evaluation sets."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from claimcheck.judge import LABELS

ROOT = Path(__file__).resolve().parent.parent
TRAINING_FILES = sorted((ROOT / "scripts" / "data").glob("*.jsonl"))
# the evaluation drops' events (evaluation/assertions/README.md) and the stress set's worlds
EVALUATION_NAMES = ("Kaldovia", "Brask", "Halbrun", "Alsenne", "Brisamar", "Solenne", "Quintal",
                    "Lurenia", "Helmoor", "Rothvik", "Estravia", "Tovesand", "Drevik",
                    "Vardelmia", "Istrevo", "Ondrevath", "Vessimor", "Tolmarra",
                    "Orlavenn", "Tarquembre", "Orlagrid", "Frostquill", "Murrowtide",
                    "Pranzhaven", "Kelvarna", "Corvessa", "Idrassa", "Harrowmere", "Solvarre",
                    "Sarvothia", "Dunmereth", "Tressaline", "Corvantis", "Vasquelin",
                    "Lantamere", "Marvessia", "Brevault", "Quessaria", "Orvinel", "Castamund",
                    "Merovitz", "Tussiva", "Kestrania", "Ostrelvia", "Zelvin", "Tarnhollow",
                    "Vexholt", "Hollbrecht", "Vesmaria", "Karvesse", "Pelgrassa", "Orvelline",
                    "Vradek", "Tharnesse", "Venkovar", "Kostrevan", "Morvaly")
# the training drops' articles (judge pairs are made from them): scripts/data/*/<event>/*.txt
DROP_ARTICLES = sorted((ROOT / "scripts" / "data").glob("*_drops/*/*.txt"))
PAIR_LABEL_FILES = sorted((ROOT / "scripts" / "data" / "news_drops").glob("*/pair_labels.jsonl"))
FINDING_LABEL_FILES = sorted(
    (ROOT / "scripts" / "data" / "unlabelled_drops").glob("*/finding_labels.jsonl"))


@pytest.mark.parametrize("path", TRAINING_FILES, ids=[p.name for p in TRAINING_FILES])
def test_pairs_are_well_formed_and_unique(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert rows
    assert all(row["label"] in LABELS and row["premise"].strip() and row["hypothesis"].strip()
               for row in rows)
    assert len({(row["premise"], row["hypothesis"]) for row in rows}) == len(rows)


def evaluation_names_in(text: str) -> list[str]:
    """The evaluation drops' names that `text` uses."""
    return [name for name in EVALUATION_NAMES if re.search(rf"\b{name}", text)]


@pytest.mark.parametrize("path", TRAINING_FILES, ids=[p.name for p in TRAINING_FILES])
def test_no_evaluation_name_in_training_pairs(path: Path) -> None:
    found = evaluation_names_in(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name} names {found}, which the evaluation drops use"


def test_no_evaluation_name_in_training_drops() -> None:
    assert DROP_ARTICLES
    found = {f"{p.parent.name}/{p.name}": names for p in DROP_ARTICLES
             if (names := evaluation_names_in(p.read_text(encoding="utf-8")))}
    assert not found, f"training drops name {found}, which the evaluation drops use"


def test_unlabelled_drops_have_a_manifest_of_their_articles() -> None:
    for folder in sorted((ROOT / "scripts" / "data" / "unlabelled_drops").iterdir()):
        if folder.is_dir():
            listed = {line.split(",", 1)[0] for line in
                      (folder / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]}
            assert listed == {p.name for p in folder.glob("*.txt")}, folder.name


def test_every_training_drop_has_hand_labels() -> None:
    folder = ROOT / "scripts" / "data" / "news_drops"
    drops = sorted(p.parent for p in folder.glob("*/gold.jsonl"))
    assert drops and [p.parent for p in PAIR_LABEL_FILES] == drops


@pytest.mark.parametrize("path", PAIR_LABEL_FILES, ids=[p.parent.name for p in PAIR_LABEL_FILES])
def test_hand_labels_are_complete_and_symmetric_on_conflict(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines()]
    assert rows and len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert row["a"].strip() and row["b"].strip()
        assert row["gold"] in ("contradiction", "agree", "neutral")
        assert row["a_to_b"] in LABELS and row["b_to_a"] in LABELS
        assert (row["a_to_b"] == "contradiction") == (row["b_to_a"] == "contradiction"), row["id"]
    assert not evaluation_names_in(text)


def test_hand_labelled_pairs_leave_out_what_hand_and_gold_read_apart(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from drop_pairs import hand_labelled_pairs

    def pair(gold: str, a_to_b: str, b_to_a: str) -> dict[str, str]:
        return {"id": gold + a_to_b, "a": "A " + gold + a_to_b, "b": "B", "gold": gold,
                "a_to_b": a_to_b, "b_to_a": b_to_a, "note": ""}

    path = tmp_path / "event" / "pair_labels.jsonl"
    path.parent.mkdir()
    path.write_text("".join(json.dumps(p) + "\n" for p in (
        pair("contradiction", "contradiction", "contradiction"),  # kept
        pair("contradiction", "neutral", "neutral"),  # gold opposite, hand not: unclear
        pair("agree", "contradiction", "contradiction"),  # same side, hand opposite: unclear
        pair("agree", "entailment", "neutral"),  # kept, one way
        pair("neutral", "contradiction", "contradiction"),  # no shared fact: the hand's
    )), encoding="utf-8")
    rows, unclear = hand_labelled_pairs(path)
    assert unclear == 2
    assert [r["label"] for r in rows] == ["contradiction", "contradiction", "entailment",
                                          "neutral", "contradiction", "contradiction"]
    assert {r["kind"] for r in rows} == {"drop-event"}


@pytest.mark.parametrize("path", FINDING_LABEL_FILES,
                         ids=[p.parent.name for p in FINDING_LABEL_FILES])
def test_finding_labels_are_complete_and_symmetric_on_conflict(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines()]
    assert rows and len({row["id"] for row in rows}) == len(rows)
    assert len({(row["a"], row["b"]) for row in rows}) == len(rows)
    for row in rows:
        assert row["a"].strip() and row["b"].strip() and row["a"] != row["b"]
        assert row["a_to_b"] in LABELS and row["b_to_a"] in LABELS
        assert (row["a_to_b"] == "contradiction") == (row["b_to_a"] == "contradiction"), row["id"]
        neutral_both_ways = row["a_to_b"] == row["b_to_a"] == "neutral"
        assert ("same_claim" in row) == neutral_both_ways, row["id"]
        assert row.get("same_claim") in (None, True, False)
    assert not evaluation_names_in(text)


def test_every_unlabelled_drop_has_finding_labels() -> None:
    folder = ROOT / "scripts" / "data" / "unlabelled_drops"
    drops = sorted(p.parent for p in folder.glob("*/manifest.csv"))
    assert drops and [p.parent for p in FINDING_LABEL_FILES] == drops


def test_finding_label_pairs_keep_both_directions(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from drop_pairs import finding_label_pairs

    path = tmp_path / "event" / "finding_labels.jsonl"
    path.parent.mkdir()
    path.write_text(json.dumps({"id": "event-000", "a": "A", "b": "B", "a_to_b": "entailment",
                                "b_to_a": "neutral", "note": ""}) + "\n", encoding="utf-8")
    assert [(r["premise"], r["hypothesis"], r["label"]) for r in finding_label_pairs(path)] == [
        ("A", "B", "entailment"), ("B", "A", "neutral")]


def test_one_claim_told_twice_is_an_entailment_only_with_identity(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from drop_pairs import finding_label_pairs

    path = tmp_path / "event" / "finding_labels.jsonl"
    path.parent.mkdir()
    rows = [{"id": "event-000", "a": "A", "b": "B", "a_to_b": "neutral", "b_to_a": "neutral",
             "same_claim": True, "note": ""},
            {"id": "event-001", "a": "C", "b": "D", "a_to_b": "neutral", "b_to_a": "neutral",
             "same_claim": False, "note": ""}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert [r["label"] for r in finding_label_pairs(path)] == ["neutral"] * 4
    assert [r["label"] for r in finding_label_pairs(path, identity=True)] == [
        "entailment", "entailment", "neutral", "neutral"]
