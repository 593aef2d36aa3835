"""Verdicts on a medium, read the way fact-checks put them (0.42.0): `sources` for a query
about an old or fake photo, video or document."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.api import event_files, medium_sources
from claimcheck.media import (
    MediumReading,
    bare_media,
    claim_medium,
    is_distribution,
    kind_named_before,
    medium_relation,
    query_medium,
)
from claimcheck.models import Claim, Document

PALACE = "The state television video of President Ondrevath at Quernhollow Palace is old footage"


def test_a_query_gives_its_medium_kind_and_verdict() -> None:
    palace = query_medium(PALACE)
    assert palace == MediumReading("video", "old", True,
                                   frozenset({"President", "Ondrevath", "Quernhollow", "Palace"}))
    photo = query_medium("The photo of Vesmir Venkovar at an airport is old, from an earlier trip")
    assert photo is not None and (photo.kind, photo.verdict) == ("image", "old")
    memo = query_medium("The leaked laboratory memo circulating online is a forgery")
    assert memo is not None and (memo.kind, memo.verdict, memo.holds) == (
        "document", "fake", True)
    # the content of "The leaked memo is a forgery", refuted: the memo as genuine, rejected
    assert query_medium("The leaked memo", rejected=True) == MediumReading(
        "document", "fake", False, frozenset())
    # not about a medium, or no verdict on it
    assert query_medium("Leontin Drevik admitted in a video that the bank is insolvent") is None
    assert query_medium("The video shows soldiers at the palace") is None


@pytest.mark.parametrize(("fact", "holds"), [
    ("FactKiln traced the airport photo shown on state TV to a 2023 trip", True),
    ("the so-called airport photograph was taken on his visit to Lisvadne in October 2023", True),
    ("the airport photograph was two years old", True),
    ("A grainy clip of him waving at guards was filmed YEARS ago", True),
    ("the picture shows Lussabrin, Kelvarna's capital, in March 2021", True),
    ("it was not filmed in Oskeny", True),
    ("A video shared as footage of the disaster does not show the Karvesse Viaduct", True),
    ("The clip of carriages falling from a stone bridge is genuine but old", True),
    ("the clip had been deliberately recycled to discredit the election", True),
    ("it was recorded on Saturday afternoon", False),
    ("it was filmed at Zelvin Deep on Wednesday", False),
    ("This is not old footage", False),
    ("A photograph shows him at the departure gate at 2.50 p.m. on Sunday", False),
])
def test_old_or_new(fact: str, holds: bool) -> None:
    read = claim_medium(fact, "video" if fact.startswith(("it", "This")) else None, False,
                        "old")
    assert read is not None and read.verdict == "old" and read.holds is holds


@pytest.mark.parametrize("fact", [
    "A photo that went viral on Sunday shows the 58-year-old beside a hotel pool",
    "Other accounts shared a photograph said to show him boarding a flight on Sunday",
    "The video shows soldiers at the palace",
    "It is old",  # a pointer with no medium named before it
])
def test_no_verdict_on_age(fact: str) -> None:
    assert claim_medium(fact, None, False, "old") is None


@pytest.mark.parametrize(("fact", "bare", "holds"), [
    ("the document was \"not ours\"", False, True),
    ("she had never signed or seen a memo dated September 19", False, True),
    ("the memo is a forgery", False, True),
    ("the memo is authentic", False, False),
    ("The document", True, False),  # called false by its stance: genuine, rejected
])
def test_fake_or_genuine(fact: str, bare: bool, holds: bool) -> None:
    read = claim_medium(fact, None, bare, "fake")
    assert read is not None and read.verdict == "fake" and read.holds is holds


def test_two_media_differ_where_each_names_what_the_other_does_not() -> None:
    asked = query_medium(PALACE)
    assert asked is not None
    plane = claim_medium("a clip of President Ondrevath boarding a plane at Brakkenfeld was "
                         "filmed in 2021", None, False, "old")
    grainy = claim_medium("A grainy clip of him waving at guards was filmed YEARS ago", None,
                          False, "old")
    photo = claim_medium("the photo was taken in 2021", None, False, "old")
    new = claim_medium("the clip was recorded on Saturday afternoon", None, False, "old")
    assert plane is not None and grainy is not None and photo is not None and new is not None
    assert medium_relation(asked, plane) == 0
    assert medium_relation(asked, grainy) == 1
    assert medium_relation(asked, photo) == 0  # a photo is no video
    assert medium_relation(asked, new) == -1
    # a month names no medium
    memo = query_medium("The leaked National Medicines Laboratory memo is a forgery")
    dated = claim_medium("it never issued any memo on September 19", None, False, "fake")
    assert memo is not None and dated is not None and medium_relation(memo, dated) == 1


def test_a_pointer_takes_the_kind_named_in_its_line_or_the_one_before() -> None:
    text = "Intro line.\nWe examined the viral video. It is old.\nLater line.\nIt is old."
    assert kind_named_before(text, text.index("It is old")) == "video"
    assert kind_named_before(text, text.rindex("It is old")) is None


def test_a_bare_medium_is_one_whose_parse_has_it_as_root() -> None:
    assert bare_media(["The document", "leaked memo",
                       "The so-called laboratory memo that activists waved at cameras",
                       "The memo proves the minister was warned"]) == [True, True, True, False]


ARTICLES = {
    "lampwick.txt": "Karvesse crash: what we checked\n"
                    "We examined the viral video said to show carriages falling from the "
                    "Karvesse Viaduct. It is old: fact-checkers traced it to a 2013 accident.\n",
    "channel.txt": "Karvesse Viaduct crash\n"
                   "The channel says the video of the carriages was filmed at the Karvesse "
                   "Viaduct on Tuesday night.\n"
                   "A photograph of the viaduct taken in 2019 shows its old stone arches.\n",
    "other.txt": "Floods in Pellaton\nThe video was taken in 2015.\n",
}


def _claims(documents: list[Document]) -> list[Claim]:
    from claimcheck.assertions import assert_claims
    from claimcheck.claims import extract_claims

    raw = [c for d in documents for c in extract_claims(d)[0]]
    return assert_claims(raw, {d.file: d.text for d in documents})


def test_medium_sources_reads_the_event_claims_with_the_real_parser() -> None:
    documents = [Document(file=f, path=f, sha256=f, encoding="utf-8", text=t)
                 for f, t in ARTICLES.items()]
    claims = _claims(documents)
    query = ("The viral video of carriages falling from a bridge is old footage, "
             "not the Karvesse crash")
    found = medium_sources(query, claims, documents, event_files(query, documents), {})
    by_fact = {claims[j].fact: relation for j, relation in found.items()}
    assert by_fact["It is old"] == 1
    assert by_fact["fact-checkers traced it to a 2013 accident"] == 1
    assert any(r == -1 and "Tuesday night" in f for f, r in by_fact.items())
    # a photo is another kind; another event's video is not read
    assert not any("photograph" in f or "2015" in f for f in by_fact)


@pytest.mark.slow
def test_sources_lists_fact_checks_of_an_old_video(real_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from claimcheck.api import find_sources

    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = find_sources("The viral video of carriages falling from a bridge is old footage "
                          "from another country, not the Karvesse crash.", [tmp_path],
                          models=real_models)
    supporting = {(m.file, m.line) for m in result.supporting}
    refuting = {(m.file, m.line) for m in result.refuting}
    assert ("lampwick.txt", 2) in supporting
    assert ("channel.txt", 2) in refuting
    assert not any(file == "other.txt" for file, _ in supporting | refuting)


def test_a_query_calling_a_medium_fake_finds_the_medium_called_false() -> None:
    """"The leaked memo is a forgery" is read as "The leaked memo", refuted: an article's
    "The document" (refuted) and "the document was not ours" say the same."""
    texts = {"lab.txt": "Verdict: False. The document is a forgery.\n"
                        "The laboratory director said the document was \"not ours\".\n"
                        "The Dawn Party insists the memo is authentic.\n"}
    documents = [Document(file=f, path=f, sha256=f, encoding="utf-8", text=t)
                 for f, t in texts.items()]
    claims = _claims(documents)
    from claimcheck.assertions import query_claim

    asked = query_claim("The leaked laboratory memo is a forgery.")
    assert asked.stance == "refuted"
    found = medium_sources(asked.fact, claims, documents, {"lab.txt"}, {}, rejected=True)
    by_fact = {(claims[j].stance, claims[j].fact): relation for j, relation in found.items()}
    # relations are to the query's content ("the memo", genuine): its sign flips them back
    assert by_fact[("refuted", "The document")] == 1
    assert by_fact[("asserted", 'the document was "not ours"')] == -1
    assert by_fact[("asserted", "the memo is authentic")] == 1


@pytest.mark.parametrize(("fact", "distributed"), [
    ("The opposition Dawn Party on Tuesday published a document", True),
    ("State TV aired the video on Sunday", True),
    ("The party published a forged memo", False),  # a verdict on it
    ("Police released a video showing the arrest", False),  # what it shows
    ("He published a book", False),  # no medium
])
def test_putting_a_medium_out_says_nothing_of_it(fact: str, distributed: bool) -> None:
    assert is_distribution(fact) is distributed


def test_a_medium_put_out_is_neither_the_same_fact_as_nor_opposite_to_a_verdict() -> None:
    from claimcheck.findings import different_acts

    assert different_acts("The opposition Dawn Party on Tuesday published a document",
                          "The document presented by the Dawn Party as a laboratory memo")
    assert not different_acts("The party published the memo on Tuesday",
                              "State TV aired the video on Sunday")
