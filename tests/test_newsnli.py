"""Tests for the templated news NLI pair generator (scripts/newsnli.py)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from newsnli import (
    COMMON_WORDS,
    KINDS,
    LABELS,
    NewsPair,
    entity_names,
    generate_pairs,
)

FIXTURE_NAMES = (
    "Marovia",
    "Kestrel",
    "Danek",
    "Voss",
    "Reinholt",
    "Ostrava",
    "Sobek",
    "Brenn",
    "Halden",
    "Tarsk",
    "Harlan",
)
FIXTURE_ACRONYMS = ("NLF", "MNA")

_CAP_WORD = re.compile(r"\b[A-Z][A-Za-z]+\b")


def _pool_tokens(split: str) -> set[str]:
    """Capitalised, non-common words that make up the entity names of ``split``."""
    tokens: set[str] = set()
    for name in entity_names(split):
        tokens.update(w for w in _CAP_WORD.findall(name) if w not in COMMON_WORDS)
    return tokens


def _text_cap_words(pairs: list[NewsPair]) -> set[str]:
    """Every capitalised word in the premises and hypotheses."""
    words: set[str] = set()
    for p in pairs:
        words.update(_CAP_WORD.findall(p.premise))
        words.update(_CAP_WORD.findall(p.hypothesis))
    return words


@pytest.fixture(scope="module")
def train() -> list[NewsPair]:
    """A large train sample."""
    return generate_pairs(3000, seed=0, split="train")


@pytest.fixture(scope="module")
def heldout() -> list[NewsPair]:
    """A large heldout sample."""
    return generate_pairs(3000, seed=0, split="heldout")


def test_deterministic_for_seed() -> None:
    """Same arguments give identical output; a different seed differs."""
    assert generate_pairs(300, seed=7) == generate_pairs(300, seed=7)
    assert generate_pairs(300, seed=7, split="heldout") == generate_pairs(
        300, seed=7, split="heldout"
    )
    assert generate_pairs(300, seed=7) != generate_pairs(300, seed=8)


def test_length_and_fields(train: list[NewsPair]) -> None:
    """Requested count, valid labels and kinds."""
    assert len(train) == 3000
    assert generate_pairs(0) == []
    assert all(p.label in LABELS for p in train)
    assert all(p.kind in KINDS for p in train)


@pytest.mark.parametrize("n", [30, 301, 3000])
@pytest.mark.parametrize("split", ["train", "heldout"])
def test_label_balance(n: int, split: str) -> None:
    """Each label is within 10% of an even third."""
    counts = Counter(p.label for p in generate_pairs(n, seed=1, split=split))
    for label in LABELS:
        assert abs(counts[label] / n - 1 / 3) <= 0.10, counts


def test_families_present(train: list[NewsPair]) -> None:
    """All the families the judge needs appear with the intended labels."""
    by_kind: dict[str, set[str]] = {}
    for p in train:
        by_kind.setdefault(p.kind, set()).add(p.label)
    assert by_kind["denial"] == {"contradiction"}
    assert by_kind["negation"] == {"contradiction"}
    assert by_kind["old-caption"] == {"neutral"}
    assert by_kind["time-change"] == {"neutral"}
    assert by_kind["same-topic-neutral"] == {"neutral"}
    assert by_kind["unrelated"] == {"neutral"}
    assert by_kind["attributed"] == {"entailment"}
    assert {"entailment", "contradiction"} <= by_kind["number"]
    assert {"entailment", "contradiction"} <= by_kind["date"]
    assert {"entailment", "contradiction"} <= by_kind["location"]
    assert {"entailment", "contradiction"} <= by_kind["ally-intervention"]


def test_pairs_non_empty_and_distinct(train: list[NewsPair], heldout: list[NewsPair]) -> None:
    """Premise and hypothesis are non-empty sentences that differ."""
    for p in train + heldout:
        assert p.premise.strip() and p.hypothesis.strip()
        assert p.premise != p.hypothesis
        assert p.premise.endswith(".") and p.hypothesis.endswith(".")
        assert p.premise[0].isupper() or p.premise[0].isdigit()
        assert "{" not in p.premise + p.hypothesis


def test_mostly_unique(train: list[NewsPair]) -> None:
    """Templates are varied enough that duplicates are rare."""
    assert len({(p.premise, p.hypothesis) for p in train}) >= 0.98 * len(train)


def test_entity_pools_disjoint() -> None:
    """The two splits share no distinctive entity name words."""
    tr, ho = _pool_tokens("train"), _pool_tokens("heldout")
    assert tr and ho
    assert not tr & ho, tr & ho


def test_no_entity_leakage_in_text(train: list[NewsPair], heldout: list[NewsPair]) -> None:
    """Train text never names a heldout entity and vice versa."""
    assert not _text_cap_words(train) & _pool_tokens("heldout")
    assert not _text_cap_words(heldout) & _pool_tokens("train")


def test_no_fixture_names(train: list[NewsPair], heldout: list[NewsPair]) -> None:
    """Names reserved for the project's test fixtures never appear."""
    texts = [p.premise + " " + p.hypothesis for p in train + heldout]
    texts += entity_names("train") + entity_names("heldout")
    blob = "\n".join(texts)
    low = blob.lower()
    for name in FIXTURE_NAMES:
        assert name.lower() not in low, name
    for acro in FIXTURE_ACRONYMS:
        assert not re.search(rf"\b{acro}\b", blob, flags=re.IGNORECASE), acro


def test_bad_split_rejected() -> None:
    """Unknown split names and negative counts raise."""
    with pytest.raises(ValueError):
        generate_pairs(3, split="test")
    with pytest.raises(ValueError):
        generate_pairs(-1)
