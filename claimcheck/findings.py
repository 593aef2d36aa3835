"""From judged pairs to findings: contradictions, agreements and changes over time."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from claimcheck.judge import (
    LABELS,
    Judge,
    Thresholds,
    handmade_features,
    has_archive_cue,
    has_calendar_date,
    has_denial_cue,
    mask_time,
    times_differ,
)
from claimcheck.models import Claim, Finding, Scores

MIN_JUDGED_WORDS = 4
_C, _E = LABELS.index("contradiction"), LABELS.index("entailment")


def pair_cues(a: str, b: str) -> tuple[str, ...]:
    """Human-readable reasons a pair may conflict (shown next to the score)."""
    f = handmade_features(a, b)
    cues = []
    if f["deny_diff"]:
        cues.append("denial")
    if f["neg_diff"]:
        cues.append("negation")
    if f["num_mismatch"]:
        cues.append("number mismatch")
    if f["day_mismatch"] or f["year_mismatch"]:
        cues.append("different dates")
    if f["old_photo"]:
        cues.append("archive photo")
    return tuple(cues)


def _dated_caption(claim: Claim) -> bool:
    # A caption with a calendar date or "file photo" shows a moment that may be long past;
    # "today" or a weekday points at the news itself (and marks sentences that only lost
    # their full stop).
    return claim.kind == "caption" and (has_archive_cue(claim.text)
                                        or has_calendar_date(claim.text))


def is_judged(claim: Claim) -> bool:
    """Whether a claim asserts enough to agree or conflict with another.

    Very short fragments carry no checkable content, and a question ("What lies ahead?")
    asserts nothing: both stay in the report as claims but are never judged.
    """
    return (len(claim.text.split()) >= MIN_JUDGED_WORDS
            and not claim.text.rstrip(" \"'’”)").endswith("?"))


def _two_way(judge: Judge, pairs: Sequence[tuple[str, str]]) -> tuple[
        npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    probs = judge.predict([*pairs, *((b, a) for a, b in pairs)])
    return probs[: len(pairs)], probs[len(pairs):]


def judge_pairs(
    claims: Sequence[Claim],
    pairs: Sequence[tuple[int, int, float]],
    topic_of: Sequence[int],
    judge: Judge,
    thresholds: Thresholds,
) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """Judge candidate pairs both ways; return (contradictions, agreements, changes over time).

    A pair conflicts when the mean contradiction probability of its two directions passes the
    threshold and beats entailment. A conflict is a change over time, not a contradiction, when
    a side is a photo caption carrying its own date (or "file photo"), or when both sides name
    different times, neither is a denial, and with the times masked the two do not describe the
    same event (no entailment): different states at different times. When the masked sides do
    entail each other, the two reports date one event differently: a real contradiction.
    An agreement is a pair where either direction's entailment passes its threshold.
    """
    judged = [(i, j, s) for i, j, s in pairs if is_judged(claims[i]) and is_judged(claims[j])]
    if not judged:
        return [], [], []
    forward, backward = _two_way(judge, [(claims[i].text, claims[j].text) for i, j, _ in judged])
    conflicts: list[tuple[int, float]] = []
    agreements: list[Finding] = []
    findings_input = []
    for n, ((i, j, sim), ab, ba) in enumerate(zip(judged, forward, backward, strict=True)):
        contradiction = float(ab[_C] + ba[_C]) / 2
        entailment = float(max(ab[_E], ba[_E]))
        common = dict(a=claims[i].id, b=claims[j].id, similarity=round(sim, 4),
                      topic=topic_of[i], a_to_b=Scores.from_row(ab), b_to_a=Scores.from_row(ba),
                      cues=pair_cues(claims[i].text, claims[j].text))
        findings_input.append(common)
        if thresholds.conflicts(contradiction, entailment):
            conflicts.append((n, contradiction))
        elif entailment >= thresholds.entailment:
            agreements.append(Finding(kind="agreement", score=round(entailment, 4),
                                      **common))  # type: ignore[arg-type]

    dated = {n for n, _ in conflicts
             if _dated_caption(claims[judged[n][0]]) or _dated_caption(claims[judged[n][1]])}
    needs_masking = []
    for n, _ in conflicts:
        a, b = claims[judged[n][0]], claims[judged[n][1]]
        if (n not in dated and times_differ(a.text, b.text)
                and not has_denial_cue(a.text) and not has_denial_cue(b.text)):
            needs_masking.append(n)
    different_states: set[int] = set()
    if needs_masking:
        masked = [(mask_time(claims[judged[n][0]].text), mask_time(claims[judged[n][1]].text))
                  for n in needs_masking]
        m_forward, m_backward = _two_way(judge, masked)
        for n, ab, ba in zip(needs_masking, m_forward, m_backward, strict=True):
            if float(max(ab[_E], ba[_E])) < thresholds.entailment:
                different_states.add(n)

    contradictions, changes = [], []
    for n, score in conflicts:
        if n in dated or n in different_states:
            changes.append(Finding(kind="change_over_time", score=round(score, 4),
                                   **findings_input[n]))  # type: ignore[arg-type]
        else:
            contradictions.append(Finding(kind="contradiction", score=round(score, 4),
                                          **findings_input[n]))  # type: ignore[arg-type]
    key = lambda f: (-f.score, f.a, f.b)  # noqa: E731
    return sorted(contradictions, key=key), sorted(agreements, key=key), sorted(changes, key=key)
