"""Contradiction vs change over time vs agreement, with a scripted judge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from claimcheck.claims import claim_id
from claimcheck.findings import is_judged, judge_pairs, pair_cues
from claimcheck.judge import Thresholds, mask_time
from claimcheck.models import Claim, ClaimKind

THRESHOLDS = Thresholds(contradiction=0.5, entailment=0.5, min_similarity=0.3)


class ScriptedJudge:
    """Returns fixed probabilities for listed (premise, hypothesis) texts; neutral otherwise."""

    name = "scripted"
    thresholds = THRESHOLDS

    def __init__(self, script: dict[tuple[str, str], tuple[float, float, float]]) -> None:
        self.script = script
        self.calls: list[tuple[str, str]] = []

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        self.calls.extend(pairs)
        return np.array([self.script.get((a, b), self.script.get((b, a), (0.1, 0.8, 0.1)))
                         for a, b in pairs], dtype=np.float32)


def _claim(file: str, text: str, kind: ClaimKind = "sentence") -> Claim:
    return Claim(claim_id(file, text), file, 1, 1, 0, len(text), text, kind)


CONTRA = (0.02, 0.03, 0.95)
ENTAIL = (0.95, 0.04, 0.01)


def _run(a: Claim, b: Claim, judge: ScriptedJudge):  # type: ignore[no-untyped-def]
    judged = judge_pairs([a, b], [(0, 1, 0.8)], [0, 0], judge, THRESHOLDS)
    return judged.contradictions, judged.agreements, judged.changes_over_time


def test_plain_conflict_is_a_contradiction() -> None:
    a = _claim("a.txt", "Rebel fighters entered the capital on Saturday.")
    b = _claim("b.txt", "On Saturday the rebels were still 12 miles from the capital.")
    contradictions, agreements, changes = _run(a, b, ScriptedJudge({(a.text, b.text): CONTRA}))
    assert [(f.a, f.b) for f in contradictions] == [(a.id, b.id)]
    assert not agreements and not changes


def test_dated_states_that_still_conflict_without_dates_are_a_change_over_time() -> None:
    a = _claim("a.txt", "On Thursday the army still held Halden, the last town.")
    b = _claim("b.txt", "The rebels took Halden on Saturday after a short battle.")
    judge = ScriptedJudge({(a.text, b.text): CONTRA,
                           (mask_time(a.text), mask_time(b.text)): CONTRA})
    contradictions, _, changes = _run(a, b, judge)
    assert not contradictions
    assert [f.kind for f in changes] == ["change_over_time"]


def test_dated_states_the_judge_is_unsure_about_are_a_change_over_time() -> None:
    a = _claim("a.txt", "On Thursday the army still held Halden, the last town.")
    b = _claim("b.txt", "The rebels took Halden on Saturday after a short battle.")
    judge = ScriptedJudge({(a.text, b.text): CONTRA})  # masked pair: neutral
    contradictions, _, changes = _run(a, b, judge)
    assert not contradictions and len(changes) == 1


def test_one_event_dated_differently_is_a_contradiction() -> None:
    a = _claim("a.txt", "The rebels captured Hama on Thursday after heavy fighting.")
    b = _claim("b.txt", "The rebels captured Hama on Friday after heavy fighting.")
    judge = ScriptedJudge({(a.text, b.text): CONTRA,
                           (mask_time(a.text), mask_time(b.text)): ENTAIL})
    contradictions, _, changes = _run(a, b, judge)
    assert len(contradictions) == 1 and not changes
    assert "different dates" in contradictions[0].cues


def test_denial_stays_a_contradiction_whenever_it_was_said() -> None:
    a = _claim("a.txt", "Drones struck Harlan air base on Saturday night.")
    b = replace(_claim("b.txt", "The ministry on Sunday denied that Harlan air base had been "
                                "attacked."),
                content="Harlan air base had been attacked", stance="denied",
                speaker="The ministry")
    judge = ScriptedJudge({(a.text, b.fact): ENTAIL})
    contradictions, agreements, changes = _run(a, b, judge)
    assert [f.kind for f in contradictions] == ["denial"] and not changes and not agreements
    assert contradictions[0].content_relation == "same"
    assert (mask_time(a.text), mask_time(b.fact)) not in judge.calls


def test_dated_photo_caption_is_a_change_over_time() -> None:
    a = _claim("a.txt", "The president arrives at the airport in this 2011 file photo", "caption")
    b = _claim("b.txt", "Officials denied that the president boarded a plane on Sunday.")
    contradictions, _, changes = _run(a, b, ScriptedJudge({(a.text, b.text): CONTRA}))
    assert not contradictions and len(changes) == 1


def test_agreement_and_short_claims() -> None:
    a = _claim("a.txt", "The NLF launched its offensive on March 3.")
    b = _claim("b.txt", "The rebel offensive began on March 3.")
    c = _claim("c.txt", "Fighting")
    judge = ScriptedJudge({(a.text, b.text): ENTAIL})
    agreements = judge_pairs(
        [a, b, c], [(0, 1, 0.9), (0, 2, 0.9)], [0, 0, 0], judge, THRESHOLDS).agreements
    assert [(f.a, f.b) for f in agreements] == [(a.id, b.id)]
    assert all("Fighting" not in pair for pair in judge.calls)  # too short to judge


def test_questions_are_not_judged() -> None:
    assert not is_judged(_claim("a.txt", "What lies ahead for Marovia?", "heading"))
    asked = "Reporters asked: \u201cIs the president still in Kestrel?\u201d"
    assert not is_judged(_claim("a.txt", asked))
    assert is_judged(_claim("a.txt", "The crowd asked where the president was."))
    assert not is_judged(_claim("a.txt", "Fighting resumed"))


def test_three_words_are_judged_when_they_make_a_whole_clause() -> None:
    """0.47.0: "Harlowe was poisoned" is what a refutation refutes; a noun phrase, a pronoun
    left unread and a verb cut from the clause it introduced say too little to judge."""
    for whole in ("Harlowe was poisoned", "Nobody poisoned anybody", "Counting never stopped",
                  "anyone planted explosives"):
        assert is_judged(_claim("a.txt", whole)), whole
    for part in ("his resignation letter", "it was shut", "Harlowe's absence comes",
                 "official figures say"):
        assert not is_judged(_claim("a.txt", part)), part


def test_pair_cues() -> None:
    assert pair_cues("Ostrava sent 2,000 troops.", "Ostrava sent 200 troops.") == (
        "number mismatch",)
    assert "denial" in pair_cues("The base was attacked.", "The ministry denied the attack.")
    assert "archive photo" in pair_cues("A 2011 file photo of the airport.", "He flew out.")


def test_caption_dated_only_by_today_is_not_a_change_over_time() -> None:
    a = _claim("a.txt", "The president's office said today that he was staying in the capital",
               "caption")
    b = _claim("b.txt", "A war monitor reported that the president had left the country.")
    contradictions, _, changes = _run(a, b, ScriptedJudge({(a.text, b.text): CONTRA}))
    assert len(contradictions) == 1 and not changes


def test_an_offer_to_act_is_neither_the_act_nor_its_opposite() -> None:
    """0.25.0: the judge reads "offered to resign" as "resigned"; the denial of the
    resignation and the offer are no finding. Two offers are still read by the judge."""
    offer = _claim("a.txt", "Pranzhaven did not resign on Tuesday but offered to resign.")
    offer = replace(offer, content="Minister Pranzhaven offered to resign on Tuesday")
    denied = replace(_claim("b.txt", "The ministry denied that Pranzhaven has resigned."),
                     content="Energy Minister Pranzhaven has resigned", stance="denied",
                     speaker="The ministry")
    contradictions, agreements, _ = _run(offer, denied,
                                         ScriptedJudge({(offer.fact, denied.fact): ENTAIL}))
    assert not contradictions and not agreements
    other = _claim("c.txt", "Minister Pranzhaven threatened to resign on Tuesday")
    contradictions, _, _ = _run(offer, other, ScriptedJudge({(offer.fact, other.fact): CONTRA}))
    assert len(contradictions) == 1


def test_a_rejection_and_a_claim_that_differ_in_a_time_are_one_fact_when_sure() -> None:
    # 0.36.0: "Brask has been in Vienna this week" (refuted) and "Brask flew to Vienna on
    # Friday": neutral as written, the same fact with their times masked
    refuted = replace(_claim("a.txt", "There is no evidence Brask has been in Vienna this week"),
                      content="Brask has been in Vienna this week", stance="refuted")
    flew = _claim("b.txt", "Brask flew to Vienna on Friday")
    masked = (mask_time(refuted.fact), mask_time(flew.fact))
    assert masked == ("Brask has been in Vienna", "Brask flew to Vienna")
    judge = ScriptedJudge({masked: (0.95, 0.04, 0.01)})
    contradictions, _, _ = _run(refuted, flew, judge)
    assert [(f.kind, f.content_relation) for f in contradictions] == [("refuted", "same")]
    assert masked in judge.calls
    # not sure enough, or two claims that both hold it: nothing, and no second reading
    unsure = ScriptedJudge({masked: (0.85, 0.1, 0.05)})
    assert _run(refuted, flew, unsure)[0] == ()
    both_hold = ScriptedJudge({masked: (0.95, 0.04, 0.01)})
    _run(replace(refuted, stance="asserted"), flew, both_hold)
    assert masked not in both_hold.calls


def test_leaving_a_building_is_neither_leaving_the_country_nor_its_opposite() -> None:
    """0.41.0: the judge reads "left its headquarters" as "left the country"; a refutation of
    the flight and the evening's departure are no finding. Two flights are still read."""
    evening = _claim("a.txt", "Party officials say he left its headquarters at 9.40 p.m.")
    evening = replace(evening, content="Venkovar left its headquarters at 9.40 p.m.",
                      speaker="Party officials")
    refuted = replace(_claim("b.txt", "It is false that Venkovar left the country."),
                      content="Venkovar left the country", stance="refuted")
    contradictions, agreements, _ = _run(evening, refuted,
                                         ScriptedJudge({(evening.fact, refuted.fact): ENTAIL}))
    assert not contradictions and not agreements
    flight = _claim("c.txt", "Venkovar fled to Morvaly on Sunday night.")
    contradictions, _, _ = _run(flight, refuted,
                                ScriptedJudge({(flight.fact, refuted.fact): ENTAIL}))
    assert len(contradictions) == 1


def test_leaving_a_building_is_no_rejected_flight_with_the_times_masked() -> None:
    """0.41.0: the loose reading with times masked (0.36.0) holds the same guard."""
    refuted = replace(_claim("a.txt", "There is no evidence Venkovar left the country on Sunday"),
                      content="Venkovar left the country on Sunday", stance="refuted")
    evening = _claim("b.txt", "Venkovar left its headquarters on Sunday")
    masked = (mask_time(refuted.fact), mask_time(evening.fact))
    judge = ScriptedJudge({masked: ENTAIL})
    assert _run(refuted, evening, judge)[0] == ()


def test_two_verdicts_on_a_medium_are_read_as_such() -> None:
    """0.42.0: "it was not filmed in Oskeny" and "the clip was filmed in Brannivo in 2019"
    both say the video is old, though the judge reads "filmed" against "not filmed"."""
    texts = {"a.txt": "Is the ballot video real? No: it was not filmed in Oskeny.\n",
             "b.txt": "The clip was filmed in Brannivo in 2019.\n"}
    a = replace(_claim("a.txt", "it was not filmed in Oskeny"),
                start=texts["a.txt"].index("it was"))
    b = _claim("b.txt", "The clip was filmed in Brannivo in 2019")
    judge = ScriptedJudge({(a.text, b.text): CONTRA})
    judged = judge_pairs([a, b], [(0, 1, 0.8)], [0, 0], judge, THRESHOLDS, texts)
    assert not judged.contradictions and [(f.a, f.b) for f in judged.agreements] == [
        (a.id, b.id)]
    # without the article, "it" points at nothing: the judge's verdict stands
    judged = judge_pairs([a, b], [(0, 1, 0.8)], [0, 0], judge, THRESHOLDS)
    assert len(judged.contradictions) == 1
    # opposite verdicts the judge missed conflict, where both name the medium
    c = _claim("c.txt", "The video was recorded at the palace on Saturday afternoon")
    judged = judge_pairs([b, c], [(0, 1, 0.8)], [0, 0], ScriptedJudge({}), THRESHOLDS)
    assert [f.content_relation for f in judged.contradictions] == ["opposite"]


def test_two_exact_tolls_of_a_running_count_are_a_change_over_time() -> None:
    a = _claim("a.txt", "Mine collapse: toll rises to 12")
    b = _claim("b.txt", "The emergency service's confirmed toll stood at 17 on Saturday.")
    contradictions, _, changes = _run(a, b, ScriptedJudge({(a.text, b.text): CONTRA}))
    assert not contradictions and [f.kind for f in changes] == ["change_over_time"]
    # a lower bound is a count of its own: "at least 62" against the official 31
    c = _claim("c.txt", "The confirmed toll stands at thirty-one.")
    d = _claim("d.txt", "Syrup deaths: toll rises to at least 62")
    contradictions, _, changes = _run(c, d, ScriptedJudge({(c.text, d.text): CONTRA}))
    assert len(contradictions) == 1 and not changes


def test_one_speakers_two_figures_are_its_count_revised() -> None:
    """0.46.0: the service's 12 and its nine are its count at two times."""
    a = replace(_claim("a.txt", "The National Fire Service puts the toll at just 12"),
                speaker="The National Fire Service")
    b = replace(_claim("b.txt", "the toll for the whole fire zone was nine"),
                speaker="the National Fire Service")
    contradictions, _, changes = _run(a, b, ScriptedJudge({(a.text, b.text): CONTRA}))
    assert not contradictions and [f.kind for f in changes] == ["change_over_time"]
    # two speakers' figures conflict, and so do the outlet's own
    for speaker in ("the mayor", None):
        c = replace(b, speaker=speaker)
        contradictions, _, changes = _run(a, c, ScriptedJudge({(a.text, c.text): CONTRA}))
        assert len(contradictions) == 1 and not changes


def test_a_toll_risen_past_an_earlier_count_is_a_change_over_time() -> None:
    """0.46.0: the day-one headline's "at least eight dead" is an earlier point of the count
    that has risen to 13; a toll risen to less, or to a bound, still conflicts."""
    a = _claim("a.txt", "Karvesse Viaduct derailment: death toll rises to 13")
    b = _claim("b.txt", "Overnight train derails on viaduct, at least eight dead")
    contradictions, _, changes = _run(a, b, ScriptedJudge({(a.text, b.text): CONTRA}))
    assert not contradictions and [f.kind for f in changes] == ["change_over_time"]
    for risen in ("Derailment: death toll rises to 9", "Derailment: toll rises to at least 62"):
        c = _claim("c.txt", risen)
        d = _claim("d.txt", "Forty people died on the train")
        contradictions, _, changes = _run(c, d, ScriptedJudge({(c.text, d.text): CONTRA}))
        assert len(contradictions) == 1 and not changes
