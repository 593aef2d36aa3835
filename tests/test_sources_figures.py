"""`sources` compares a query's figures with the counts of its event's articles (0.16.0)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from fakes import fake_models

from claimcheck.api import (
    _names_subject,
    alibi_sources,
    background_sources,
    core_sources,
    disjunct_sources,
    event_files,
    figure_sources,
    negations_in_event,
    presupposed_sources,
    query_names,
    rejections_in_event,
    source_side,
    timeless_sources,
)
from claimcheck.models import Claim, Document, Stance

MUTINY = ("ISTREVO: the army says it has retaken the barracks\n"
          "Eleven people were killed, doctors at two hospitals said.\n"
          "A surgeon said she had counted 64 bodies in the morgue.\n")
FLOOD = ("Dam burst floods Pellaton\n"
         "Eleven people were killed when the water reached the town.\n")


def _document(file: str, text: str) -> Document:
    return Document(file=file, path=file, sha256=file, encoding="utf-8", text=text)


def _claim(n: int, file: str, content: str) -> Claim:
    return Claim(id=f"c{n}", file=file, line=n, end_line=n, start=0, end=len(content),
                 text=content, content=content)


def test_query_names_are_the_capitalised_words_but_function_words() -> None:
    assert query_names("About 60 people were killed in the mutiny in Istrevo") == ["Istrevo"]
    assert query_names("Kaldovia’s fund lost 2.4 billion crowns") == ["Kaldovia"]
    assert query_names("The Helmoor Dam flood killed 30") == ["Helmoor", "Dam"]


def test_figures_are_compared_within_the_query_event_only() -> None:
    documents = [_document("mutiny.txt", MUTINY), _document("flood.txt", FLOOD)]
    claims = [_claim(1, "mutiny.txt", "Eleven people were killed"),
              _claim(2, "mutiny.txt", "she had counted 64 bodies in the morgue"),
              _claim(3, "flood.txt", "Eleven people were killed when the water reached the town"),
              _claim(4, "mutiny.txt", "the army has retaken the barracks")]
    found = figure_sources("About 60 or more people were killed in the mutiny in Istrevo",
                           claims, documents)
    assert found == {0: -1, 1: 1}  # the flood's count and the sentence without one: nothing
    # half the names are enough ("ISTREVO" in a dateline counts), none is not
    assert figure_sources("About 60 people were killed in the Vardelmia mutiny in Istrevo",
                          claims, documents) == {0: -1, 1: 1}
    assert figure_sources("About 60 people were killed in Velsarro", claims, documents) == {}
    # no figure, or no name to tell the event by: nothing is compared
    assert figure_sources("The mutiny in Istrevo is over", claims, documents) == {}
    assert figure_sources("about 60 people were killed", claims, documents) == {}


def test_a_query_word_the_drop_writes_in_lower_case_names_no_event() -> None:
    """0.46.0: "Deep" of "Zelvin Deep" named every article with "deep" in it."""
    documents = [_document("mine.txt", "Zelvin Deep: nine dead\n"),
                 _document("flood.txt", "The water was two metres deep in Pellaton.\n")]
    assert event_files("About 30 miners died in the Zelvin Deep mine", documents) == {
        "mine.txt"}
    # a query of such words only keeps them all
    assert event_files("About 30 died in the Deep", documents) == {"mine.txt", "flood.txt"}


def test_figures_are_read_in_the_events_follow_ups(tmp_path: Path) -> None:
    """0.46.0: a follow-up that never names the place still names the event's people."""
    from claimcheck.stories import common_words, event_articles

    documents = [_document("a.txt", "Karvesse Viaduct crash: Anselm Vradek of Orvelline "
                                    "Railways flies out\n"),
                 _document("b.txt", "Anselm Vradek of Orvelline Railways says the official "
                                    "toll is nineteen.\n")]
    claims = [replace(_claim(1, "b.txt", "the official toll is nineteen"),
                      names=("Anselm", "Vradek", "Orvelline", "Railways"))]
    query = "About 40 or more people died on the Karvesse Viaduct"
    assert event_files(query, documents) == {"a.txt"}
    follow_ups = event_articles({"a.txt"}, [replace(claims[0], file="a.txt"), *claims],
                                common_words(d.text for d in documents))
    assert follow_ups == {"a.txt", "b.txt"}
    assert figure_sources(query, claims, documents, follow_ups) == {0: -1}


@pytest.mark.slow
def test_sources_lists_counts_by_their_figures(real_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from claimcheck.api import find_sources

    (tmp_path / "mutiny.txt").write_text(MUTINY, encoding="utf-8")
    (tmp_path / "flood.txt").write_text(FLOOD, encoding="utf-8")
    result = find_sources("About 60 or more people were killed in the mutiny in Istrevo.",
                          [tmp_path], models=real_models)
    refuting = {(m.file, m.line) for m in result.refuting}
    supporting = {(m.file, m.line) for m in result.supporting}
    assert ("mutiny.txt", 2) in refuting
    assert ("mutiny.txt", 3) in supporting
    assert not any(file == "flood.txt" for file, _ in refuting | supporting)


def test_a_query_core_finds_the_same_fact_only_in_the_events_articles() -> None:
    # 0.18.0: "... closed during the mutiny in Istrevo" is also looked up as "... was closed"
    documents = [_document("mutiny.txt", "ISTREVO: Brakkenfeld airport was closed overnight\n"),
                 _document("other.txt", "Kestrel: the airport was closed\n")]
    claims = [_claim(1, "mutiny.txt", "Brakkenfeld airport was closed overnight"),
              _claim(2, "other.txt", "the airport was closed"),
              _claim(3, "mutiny.txt", "the airport was already related")]
    query = "Brakkenfeld airport was closed during the mutiny in Istrevo"
    chosen = [(0, 0.7), (1, 0.7), (2, 0.7)]
    found = core_sources(query, claims, event_files(query, documents), chosen,
                         {2: (1, 0.9, 0.7)}, fake_models())
    assert list(found) == [0]  # not the other event's, nor one already related
    plain = "Brakkenfeld airport was closed"
    assert core_sources(plain, claims, event_files(plain, documents), chosen, {},
                        fake_models()) == {}  # no event to leave out


def test_a_query_gist_is_judged_against_the_events_open_claims_only() -> None:
    # 0.24.0: "Tovesand Bank froze customer withdrawals" is also looked up as "The bank froze
    # customer withdrawals", which an article that has named the bank writes
    documents = [_document("bank.txt", "TOVESAND BANK: savers turned away\n"),
                 _document("other.txt", "Kestrel: the lender froze customer withdrawals\n")]
    claims = [_claim(1, "bank.txt", "savers were turned away after the bank froze withdrawals"),
              _claim(2, "other.txt", "the lender froze customer withdrawals")]
    query = "Tovesand Bank froze customer withdrawals"
    models = fake_models()
    core_sources(query, claims, event_files(query, documents), [(0, 0.6), (1, 0.6)], {}, models)
    judged = [pair for call in models.judge.calls for pair in call]  # type: ignore[attr-defined]
    assert judged == [("savers were turned away after the bank froze withdrawals",
                       "The bank froze customer withdrawals")]


def test_an_act_that_presupposes_the_query_states_it_unless_denied() -> None:
    # 0.28.0: "the airport reopened" states that it had been closed; a denial of the
    # reopening does not deny the closure, and is not read through it
    documents = [_document("mutiny.txt", "ISTREVO: Brakkenfeld airport reopened\n")]
    claims = [_claim(1, "mutiny.txt", "Brakkenfeld airport reopened on Sunday"),
              Claim(id="c2", file="mutiny.txt", line=2, end_line=2, start=0, end=30,
                    text="x", content="Brakkenfeld airport reopened on Sunday",
                    stance="denied"),
              _claim(3, "mutiny.txt", "Brakkenfeld airport was busy on Sunday")]
    query = "Istrevo-Brakkenfeld International Airport was closed during the mutiny in Istrevo"
    models = fake_models()
    found = presupposed_sources(query, claims, event_files(query, documents),
                                [(0, 0.6), (1, 0.6), (2, 0.6)], models)
    assert list(found) == [0]
    judged = {premise for call in models.judge.calls  # type: ignore[attr-defined]
              for premise, _ in call}
    assert judged == {"Brakkenfeld airport had been closed"}


@pytest.mark.slow
def test_sources_finds_a_fact_stated_without_the_names_of_its_event(real_models,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    from claimcheck.api import find_sources

    (tmp_path / "bank.txt").write_text(
        "Tovesand Bank run: queues on Cooperage Row\n"
        "Furious savers were turned away from branches on Monday after the bank froze"
        " withdrawals.\n"
        "Tovesand Bank chief Leontin Drevik was marched off a private jet in handcuffs.\n",
        encoding="utf-8")
    result = find_sources("Tovesand Bank froze customer withdrawals.", [tmp_path],
                          models=real_models)
    assert ("bank.txt", 2) in {(m.file, m.line) for m in result.supporting}
    assert ("bank.txt", 3) not in {(m.file, m.line) for m in result.supporting + result.refuting}


def test_every_rejection_of_the_event_is_judged_not_only_the_nearest() -> None:
    # 0.24.0: "the head of state had flown abroad" (refuted) is far from "President Ondrevath
    # fled Vardelmia by plane", yet the query entails it
    claims = [Claim(id="c1", file="mutiny.txt", line=1, end_line=1, start=0, end=9,
                    text="Reports that the head of state had flown abroad are false",
                    content="the head of state had flown abroad", stance="refuted"),
              Claim(id="c2", file="mutiny.txt", line=2, end_line=2, start=0, end=9,
                    text="the head of state had flown abroad",
                    content="the head of state had flown abroad"),
              Claim(id="c3", file="flood.txt", line=1, end_line=1, start=0, end=9,
                    text="Officials denied that the governor had flown abroad",
                    content="the governor had flown abroad", stance="denied"),
              Claim(id="c4", file="mutiny.txt", line=3, end_line=3, start=0, end=9,
                    text="Officials denied that the palace was shelled overnight",
                    content="the palace was shelled overnight", stance="denied")]
    similarities = np.array([0.23, 0.23, 0.4, 0.05], dtype=np.float32)
    found = rejections_in_event(claims, similarities, {"mutiny.txt"}, chosen=set())
    assert found == [(0, pytest.approx(0.23))]  # asserted, another event's, too far: not
    assert rejections_in_event(claims, similarities, {"mutiny.txt"}, chosen={0}) == []


def test_asserted_negations_of_the_query_are_judged_beyond_the_nearest() -> None:
    # 0.48.0: "Nor was anyone arrested" (similarity 0.35) can be the arrest's opposite
    query = "Jorvan Lenndorf, the opposition candidate's campaign chief, was arrested by police"

    def claim(n: int, file: str, content: str, stance: Stance = "asserted") -> Claim:
        return Claim(id=f"c{n}", file=file, line=n, end_line=n, start=0, end=9, text=content,
                     content=content, stance=stance)

    claims = [claim(1, "vote.txt", "Nor was anyone arrested"),
              claim(2, "vote.txt", "Nobody was arrested", "reported"),  # relayed: not here
              claim(3, "vote.txt", "The president has said nothing in public"),  # no shared act
              claim(4, "flood.txt", "Nobody was arrested at the dam"),  # another event
              claim(5, "vote.txt", "Nor was anyone arrested at the count")]
    similarities = np.array([0.35, 0.35, 0.3, 0.35, 0.1], dtype=np.float32)
    found = negations_in_event(claims, similarities, {"vote.txt"}, set(), query)
    assert found == [(0, pytest.approx(0.35))]  # the last is too far
    assert negations_in_event(claims, similarities, {"vote.txt"}, {0}, query) == []


@pytest.mark.parametrize(("fact", "form", "named"), [
    ("Brask has been in Vienna this week", "Brask was in Vienna", True),
    ("Wendrick arriving at Velsarro airport", "Ondrevath was in Tolmarra", False),
    ("he was seen in Moscow", "The president was in Moscow", True),  # no name to look for
])
def test_a_whereabouts_match_must_name_the_traveller(fact: str, form: str, named: bool) -> None:
    assert _names_subject(fact, form) is named


@pytest.mark.slow
def test_sources_finds_a_debunk_of_where_the_traveller_was(real_models,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    """0.26.0: the debunk never names the flight; the judge reads it as neutral to it."""
    from claimcheck.api import find_sources

    (tmp_path / "verifier.txt").write_text(
        "KALDOVIA: Finance Minister Ilona Brask is recovering at home, officials say\n"
        "There is no evidence that Brask has been in Vienna this week.\n", encoding="utf-8")
    result = find_sources("Finance Minister Ilona Brask fled Kaldovia for Vienna.", [tmp_path],
                          models=real_models)
    assert ("verifier.txt", 2) in {(m.file, m.line) for m in result.refuting}


@pytest.mark.parametrize(("article", "first", "second", "query"), [
    # 0.27.0: "Drevik resigned as chief executive" is the gist of the query; an offer to
    # resign states neither the resignation nor its opposite
    ("TOVESAND BANK: Drevik quits", "Drevik resigned as chief executive on Sunday",
     "Drevik offered to resign as chief executive",
     "Leontin Drevik resigned as chief executive of Tovesand Bank"),
    # 0.27.0: "The governor was abroad" for a query about Governor Rothvik; the fake judge
    # entails both claims, and only the one naming the governor is his
    ("HELMOOR: dam bursts; Drevna Region Governor Ludmil Rothvik under fire",
     "the governor was abroad at the time", "the deputy was abroad at the time",
     "Drevna Region Governor Ludmil Rothvik was abroad when the Helmoor Dam burst"),
], ids=["a near miss", "a titled form without the title"])
def test_a_shorter_form_finds_only_the_claim_that_states_it(article: str, first: str,
                                                             second: str, query: str) -> None:
    documents = [_document("event.txt", article + "\n")]
    claims = [_claim(1, "event.txt", first), _claim(2, "event.txt", second)]
    found = core_sources(query, claims, event_files(query, documents), [(0, 0.6), (1, 0.6)],
                         {}, fake_models())
    assert list(found) == [0]


def test_a_query_framed_by_a_named_speaker_is_also_looked_up_whole() -> None:
    # 0.27.0: the articles calling the confession video fake speak to the admission, not to
    # the insolvency the query's content is
    from claimcheck.api import framed_sources
    from claimcheck.assertions import query_claim

    documents = [_document("bank.txt", "TOVESAND BANK: Leontin Drevik video\n")]
    claims = [_claim(1, "bank.txt", "Drevik admitted in a video that the bank is insolvent"),
              _claim(2, "bank.txt", "queues formed outside the branches")]
    query = "Leontin Drevik admitted in a video that Tovesand Bank is insolvent."
    asked = query_claim(query)
    assert (asked.speaker, asked.fact) == ("Leontin Drevik", "Tovesand Bank is insolvent")
    files = event_files(asked.fact, documents) | {"bank.txt"}
    found = framed_sources(query, asked, claims, files, [(0, 0.6), (1, 0.6)], {}, fake_models())
    assert list(found) == [0]
    unnamed = "Officials say that Tovesand Bank is insolvent."
    assert framed_sources(unnamed, query_claim(unnamed), claims, files, [(0, 0.6), (1, 0.6)],
                          {}, fake_models()) == {}


def test_an_alibi_is_read_against_where_the_journey_ends() -> None:
    # 0.29.0: "Brask was in Vienna" for the journey; only claims of the event's articles that
    # name the traveller and place someone at a named place, not related yet
    documents = [_document("home.txt", "Finance Minister Ilona Brask at home in Kaldovia\n"),
                 _document("other.txt", "A Velsarro story\n")]
    claims = [_claim(1, "home.txt", "Brask spent Sunday at her home in Halbrun"),
              _claim(2, "home.txt", "Neighbours saw her in the garden in Halbrun"),
              _claim(3, "home.txt", "Brask had not resigned"),
              _claim(4, "other.txt", "Brask spent Sunday at her home in Halbrun"),
              _claim(5, "home.txt", "Brask was already related at her home in Halbrun")]
    query = "Finance Minister Ilona Brask fled Kaldovia for Vienna"
    models = fake_models()
    alibi_sources(query, claims, event_files(query, documents),
                  [(j, 0.5) for j in range(5)], {4: (1, 0.9, 0.5)}, models)
    judged = {pair for call in models.judge.calls  # type: ignore[attr-defined]
              for pair in call}
    assert judged == {("Brask spent Sunday at her home in Halbrun", "Brask was in Vienna"),
                      ("Brask was in Vienna", "Brask spent Sunday at her home in Halbrun")}
    # no journey with a named end: nothing is judged
    assert alibi_sources("Brask resigned as finance minister", claims, {"home.txt"},
                         [(0, 0.5)], {}, models) == {}


def test_a_denied_either_or_is_read_one_act_at_a_time() -> None:
    # 0.29.0: denying "arrested or fled abroad" denies that she fled
    def denied(n: int, content: str) -> Claim:
        return Claim(id=f"c{n}", file="a.txt", line=n, end_line=n, start=0, end=10, text="x",
                     content=content, stance="denied")

    claims = [denied(1, "Brask had been arrested or had fled abroad"),
              _claim(2, "a.txt", "Brask had been arrested or had fled abroad"),
              denied(3, "she had been arrested or had fled abroad")]
    models = fake_models()
    found = disjunct_sources("Brask had fled abroad to Vienna", claims,
                             [(0, 0.5), (1, 0.5), (2, 0.5)], {}, models)
    # the asserted either-or states neither act; whose acts "she" did is unknown
    assert list(found) == [0]
    judged = [pair for call in models.judge.calls  # type: ignore[attr-defined]
              for pair in call]
    # only what the query entails: denying a stronger act would not refute it
    assert judged == [("Brask had fled abroad to Vienna", "Brask had been arrested"),
                      ("Brask had fled abroad to Vienna", "Brask had fled abroad")]


@pytest.mark.slow
def test_sources_lists_an_alibi_and_a_denied_either_or_as_refuting(real_models,  # type: ignore[no-untyped-def]
                                                                  tmp_path: Path) -> None:
    from claimcheck.api import find_sources

    (tmp_path / "courier.txt").write_text(
        "Neighbours say the finance minister never left\n"
        "Finance Minister Marit Olsvang spent Sunday at her home in Halbrun, three neighbours"
        " told the Courier.\n", encoding="utf-8")
    (tmp_path / "tv.txt").write_text(
        "The prime minister on Friday rejected reports that Finance Minister Marit Olsvang had"
        " been detained or had fled abroad, calling them foreign lies.\n", encoding="utf-8")
    (tmp_path / "post.txt").write_text(
        "Finance Minister Marit Olsvang fled Kaldovia for Vienna on Friday, two officials"
        " said.\n", encoding="utf-8")
    result = find_sources("Finance Minister Marit Olsvang fled Kaldovia for Vienna.",
                          [tmp_path], models=real_models)
    refuting = {(m.file, m.line) for m in result.refuting}
    assert ("courier.txt", 2) in refuting
    assert ("tv.txt", 1) in refuting
    assert ("post.txt", 1) in {(m.file, m.line) for m in result.supporting}


@pytest.mark.parametrize(("stance", "relation", "has_speaker", "side"), [
    ("asserted", 1, False, "supporting"),
    ("asserted", -1, False, "refuting"),
    ("denied", 1, True, "refuting"),
    ("denied", -1, True, "supporting"),
    ("reported", 1, True, "reporting"),
    # 0.29.0: an opposite relayed from someone refutes ("according to the ministry's
    # figures"); relayed from nobody ("Claim: X" in a fact-check) it is under examination
    ("reported", -1, True, "refuting"),
    ("reported", -1, False, "reporting"),
    ("hedged", -1, True, "reporting"),
    ("questioned", -1, True, "reporting"),
])
def test_a_sources_side_comes_from_the_stance_and_the_relation(stance: str, relation: int,
                                                               has_speaker: bool,
                                                               side: str) -> None:
    assert source_side(stance, relation, has_speaker) == side  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_claim_without_a_figure_does_not_support_a_figure(real_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 0.35.0: "60 people were killed in the mutiny" entails "the mutiny's leader was killed"
    # (the judge: 0.89), but that claim gives no figure to support the query's count with
    from claimcheck.api import find_sources

    (tmp_path / "mutiny.txt").write_text(
        MUTINY + "Vardelmia mutiny leader killed\n", encoding="utf-8")
    result = find_sources("About 60 or more people were killed in the army mutiny in Istrevo.",
                          [tmp_path], models=real_models)
    supporting = {(m.file, m.line) for m in result.supporting}
    assert ("mutiny.txt", 3) in supporting
    assert ("mutiny.txt", 4) not in supporting


def test_a_claim_with_a_time_is_judged_without_it_in_the_events_articles() -> None:
    # 0.36.0: "exports were banned on Tuesday" is neutral to "The government banned exports of
    # the syrups" (the judge: 0.00), "exports were banned" entailed by it (0.89)
    documents = [_document("syrup.txt", "QUESSARIA: syrup exports halted\n"),
                 _document("other.txt", "Kestrel: exports were banned on Tuesday\n")]
    claims = [_claim(1, "syrup.txt", "Quessaria banned exports of the syrups on Tuesday"),
              _claim(2, "syrup.txt", "Quessaria banned exports of the syrups"),
              _claim(3, "other.txt", "Quessaria banned exports of the syrups on Tuesday"),
              _claim(4, "syrup.txt", "Quessaria closed its borders on Tuesday"),
              _claim(5, "syrup.txt", "Quessaria banned exports of the syrups on Monday")]
    query = "The government of Quessaria banned exports of the syrups"
    models = fake_models()
    chosen = [(n, 0.6) for n in range(5)]
    found = timeless_sources(query, claims, event_files(query, documents), chosen,
                             {4: (1, 0.9, 0.6)}, models)
    # no time to mask (1), another event's (2), already related (4); 3 is judged and fails
    assert list(found) == [0]
    judged = {pair for call in models.judge.calls for pair in call}  # type: ignore[attr-defined]
    assert ("Quessaria banned exports of the syrups", query) in judged
    assert ("Quessaria closed its borders", query) in judged
    assert timeless_sources(query, claims, set(), chosen, {}, models) == {}  # no event: none


@pytest.mark.slow
def test_sources_finds_a_fact_told_with_a_time_the_query_lacks(real_models,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    from claimcheck.api import find_sources

    (tmp_path / "syrup.txt").write_text(
        "Quessarian ministry halts Orvinel syrup shipments\n"
        "Orvinel's exports were banned on Tuesday.\n", encoding="utf-8")
    result = find_sources("The Quessarian government banned exports of Orvinel's cough syrups.",
                          [tmp_path], models=real_models)
    assert ("syrup.txt", 2) in {(m.file, m.line) for m in result.supporting}



def test_a_claim_that_states_only_what_the_query_takes_for_granted_is_no_support() -> None:
    # 0.37.0: "Cyberattack blacks out the Orlavenn grid" follows from "The cyberattack that
    # blacked out the Orlavenn grid was carried out by Kelvarna", and says nothing of Kelvarna
    query = "The cyberattack that blacked out the Orlavenn grid was carried out by Kelvarna"
    claims = [_claim(1, "a.txt", "cyberattack blacked out the Orlavenn grid"),
              _claim(2, "a.txt", "Kelvarna carried out the cyberattack on the Orlavenn grid"),
              replace(_claim(3, "a.txt", "cyberattack blacked out the Orlavenn grid"),
                      stance="refuted"),
              _claim(4, "a.txt", "engineers restored power on Thursday")]
    related = {0: (1, 0.9, 0.6), 1: (1, 0.9, 0.6), 2: (1, 0.9, 0.6), 3: (1, 0.9, 0.6)}
    # 1 entails the query itself; 2 rejects what the query takes for granted, so rejects it
    entailment_of = {0: 0.05, 1: 0.9, 2: 0.05, 3: 0.05}
    models = fake_models()
    assert background_sources(query, claims, related, entailment_of, models) == [0]
    judged = {pair for call in models.judge.calls for pair in call}  # type: ignore[attr-defined]
    assert ("The cyberattack blacked out the Orlavenn grid", claims[3].fact) in judged
    assert background_sources("Kelvarna hacked the Orlavenn grid", claims, related,
                               entailment_of, models) == []  # nothing taken for granted


@pytest.mark.slow
def test_sources_does_not_list_what_the_query_takes_for_granted(real_models,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    # 0.37.0: the headline states only the attack, which the query's subject takes for granted
    from claimcheck.api import find_sources

    (tmp_path / "grid.txt").write_text(
        "Cyberattack blacks out Norvania's power grid\n"
        "The attack was carried out by a hacking unit of Kelvarna's military intelligence, "
        "officials said.\n", encoding="utf-8")
    result = find_sources("The cyberattack that blacked out Norvania's power grid was carried "
                          "out by a hacking unit of Kelvarna's military intelligence.",
                          [tmp_path], models=real_models)
    supporting = {(m.file, m.line) for m in result.supporting}
    assert ("grid.txt", 2) in supporting
    assert ("grid.txt", 1) not in supporting


@pytest.mark.slow
def test_a_query_about_a_video_is_not_refuted_by_what_the_video_shows(  # type: ignore[no-untyped-def]
        real_models, tmp_path: Path) -> None:
    # 0.37.0: "miners died" reads as the opposite of "miners pulled out alive" to the judge
    # (0.83 on 0.36.0), but the query is about the video's age, not the miners
    from claimcheck.api import find_sources

    (tmp_path / "video.txt").write_text(
        "Fact check: the viral Karsk rescue video is old\n"
        "The clip of miners pulled out alive was filmed in 2019 at another mine, not at Karsk.\n",
        encoding="utf-8")
    (tmp_path / "toll.txt").write_text(
        "Karsk mine toll rises\n"
        "Thirty-three miners died in the Karsk collapse, the union said.\n", encoding="utf-8")
    result = find_sources("The viral video of miners pulled out alive at Karsk is old footage "
                          "from another mine.", [tmp_path], models=real_models)
    assert ("video.txt", 2) in {(m.file, m.line) for m in result.supporting}
    assert not any(m.file == "toll.txt" for m in result.refuting)


@pytest.mark.slow
def test_other_events_claims_take_no_place_among_the_nearest(real_models,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path) -> None:
    """0.41.0: the nearest claims are taken within the query's event, so a folder of many
    events that say much the same thing leaves the event's own wording its place."""
    from claimcheck.api import find_sources

    judged: list[tuple[str, str]] = []

    class Recording:
        def __init__(self, inner):  # type: ignore[no-untyped-def]
            self.inner = inner

        def predict(self, pairs):  # type: ignore[no-untyped-def]
            judged.extend(pairs)
            return self.inner.predict(pairs)

    (tmp_path / "kaldovia.txt").write_text(
        "KALDOVIA: where is Finance Minister Ilona Brask?\n"
        "The minister left the country on a flight to Vienna.\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("".join(
        f"Tomas Verhoven fled Pellandria for Vienna on day {n} of the crisis.\n"
        for n in range(1, 41)), encoding="utf-8")
    models = replace(real_models, judge=Recording(real_models.judge))
    find_sources("Ilona Brask fled Kaldovia for Vienna.", [tmp_path], models=models, limit=5)
    assert any("on a flight to Vienna" in premise for premise, _ in judged)
    assert not any("Verhoven" in premise for premise, _ in judged)


def _listed(tmp_path: Path, articles: dict[str, str], query: str, models,  # type: ignore[no-untyped-def]
            side: str) -> set[tuple[str, int]]:
    """Write the articles, look the query up, and give one side's (file, line)s."""
    from claimcheck.api import find_sources

    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = find_sources(query, [tmp_path], models=models)
    return {(m.file, m.line) for m in getattr(result, side)}


def test_a_short_refuted_clause_and_a_report_headline_refute(real_models,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    """0.47.0: "he was poisoned", called a fairy tale, is three words once its pronoun is
    read, and is judged; a "Report:" headline relays a report, whose opposite refutes."""
    rally = ("Opposition leader Tomas Harlowe collapsed at a rally in Brennick on Sunday.\n"
             "His party's story that he was poisoned is a fairy tale, a government source"
             " said.\n")
    assert ("rally.txt", 2) in _listed(tmp_path, {"rally.txt": rally},
                                       "Opposition leader Tomas Harlowe was poisoned.",
                                       real_models, "refuting")
    dam = "Report: Corvel Dam collapse caused by a neglected spillway, not sabotage\n"
    assert ("dam.txt", 1) in _listed(tmp_path, {"dam.txt": dam},
                                     "The Corvel Dam was sabotaged with explosives.",
                                     real_models, "refuting")
