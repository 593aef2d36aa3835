"""A bare "he" or "she" read as the person it stands for, across articles (claimcheck.pronouns),
with the real parser."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimcheck.models import Claim
from claimcheck.pronouns import people_named, query_people, read_pronouns, read_pronouns_as

POL = ("Tharnesse opposition leader Vesmir Venkovar was last seen on Sunday in Kostrevan.\n"
       "The Bureau said President Oskar Lind had not been told.\n"
       "His spokeswoman denied that he fled.\n")


def _claim(n: int, file: str, content: str, start: int = 0) -> Claim:
    return Claim(id=f"c{n}", file=file, line=n, end_line=n, start=start,
                 end=start + len(content), text=content, content=content,
                 content_spans=((start, start + len(content)),))


def test_people_are_names_after_a_first_name_or_a_title() -> None:
    named = [name for _, name in people_named(POL)]
    assert "Venkovar" in named and "Lind" in named
    assert not {"Tharnesse", "Kostrevan", "Bureau", "Vesmir", "Oskar"} & set(named)


def test_a_bare_pronoun_is_read_as_the_person_another_article_says_it_of() -> None:
    start = POL.index("he fled")
    claims = [_claim(1, "pol.txt", "he fled", start),
              _claim(2, "wire.txt", "Venkovar fled the country"),
              _claim(3, "wire.txt", "Lind chaired the cabinet")]
    texts = {"pol.txt": POL, "wire.txt": "Venkovar fled the country. Lind chaired the cabinet.\n"}
    axes = {"Venkovar fled": [1.0, 0.0], "Lind fled": [0.6, 0.8], "he fled": [0.0, 1.0]}

    def encode(batch: list[str]) -> np.ndarray:
        return np.array([axes.get(text, [0.0, 1.0]) for text in batch], dtype=np.float32)

    vectors = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    read, read_vectors = read_pronouns(claims, texts, vectors, encode, 0.45)
    assert [c.content for c in read] == ["Venkovar fled", "Venkovar fled the country",
                                         "Lind chaired the cabinet"]
    assert read[0].text == "he fled" and claims[0].content == "he fled"  # shown as written
    assert read_vectors[0].tolist() == [1.0, 0.0] and vectors[0].tolist() == [0.0, 1.0]
    # a reading that meets no other article's claim at the gate leaves the claim as it is
    unread, _ = read_pronouns(claims, texts, vectors, encode, 1.01)
    assert unread[0].content == "he fled"


def test_a_pronoun_before_any_person_is_named_stays() -> None:
    text = "He fled, officials said.\nVesmir Venkovar is the opposition leader.\n"
    claims = [_claim(1, "a.txt", "He fled"), _claim(2, "b.txt", "Venkovar fled the country")]
    vectors = np.array([[0.0, 1.0], [1.0, 0.0]], dtype=np.float32)
    read, _ = read_pronouns(claims, {"a.txt": text, "b.txt": "Venkovar fled the country.\n"},
                            vectors, lambda batch: np.ones((len(batch), 2)), 0.0)
    assert read[0].content == "He fled"


@pytest.mark.slow
def test_a_dispute_is_labelled_with_the_pronoun_read(real_models,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    """0.40.0: a dispute whose best-connected claim starts with a bare pronoun is labelled
    with the person it stands for; the claim itself keeps its words."""
    from claimcheck.api import run_check

    (tmp_path / "party.txt").write_text(
        "Tharnesse opposition leader Vesmir Venkovar has not been seen since Sunday.\n"
        "His spokeswoman said he had never left Tharnesse.\n", encoding="utf-8")
    (tmp_path / "wire.txt").write_text(
        "Opposition leader Vesmir Venkovar left Tharnesse on Sunday night.\n", encoding="utf-8")
    report = run_check([tmp_path], models=real_models)
    by_id = {c.id: c for c in report.claims}
    labels = {d.label: by_id[d.label_claim].content for d in report.disputes}
    assert labels.get("Venkovar had never left Tharnesse") == "he had never left Tharnesse"


def test_the_person_a_query_is_about_is_its_subject() -> None:
    assert query_people("Tharnesse opposition leader Vesmir Venkovar was poisoned.") \
        == ["Venkovar"]
    assert query_people("Orlavenn's energy minister, Ottwina Pranzhaven, resigned.") \
        == ["Pranzhaven"]
    # a name in the agent, or one the articles use as a common word, is nobody the query asks
    assert query_people("Vesmir Venkovar is being held by the State Protection Bureau.") \
        == ["Venkovar"]
    assert query_people("Tovesand Bank froze withdrawals.", ["the bank froze them"]) == []


def test_sources_reads_a_bare_pronoun_as_the_person_the_query_names() -> None:
    start = POL.index("he fled")
    claims = [_claim(1, "pol.txt", "he fled", start), _claim(2, "b.txt", "he resigned")]
    texts = {"pol.txt": POL, "b.txt": "He resigned.\n"}
    read = read_pronouns_as(["Venkovar"], claims, texts)
    assert [c.content for c in read] == ["Venkovar fled", "he resigned"]
    assert read[0].text == "he fled"
