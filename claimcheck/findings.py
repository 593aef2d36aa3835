"""From judged pairs to findings: conflicts, agreements, changes over time, and disputes.

The judge scores the claims' contents (the facts with their attribution frames taken off);
this stage combines that verdict with both claims' stances through one table
(docs/assertions.md), then groups conflicting pairs into disputes, one per contested fact.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from claimcheck.assertions import departure_scope, near_miss, short_clause
from claimcheck.cluster import voice
from claimcheck.judge import (
    LABELS,
    Judge,
    Thresholds,
    contrast_cue,
    handmade_features,
    has_archive_cue,
    has_calendar_date,
    mask_time,
    times_differ,
)
from claimcheck.media import (
    MediumReading,
    Verdict,
    claim_medium,
    is_distribution,
    kind_before_claim,
    medium_relation,
)
from claimcheck.models import Claim, Dispute, Finding, FindingKind, Scores, Stance
from claimcheck.quantities import find_quantities, quantities_conflict, upper_bound

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


def states_enough(fact: str) -> bool:
    """Whether a content says enough to agree or conflict with another: four words, or three
    that make a whole clause (assertions.short_clause: "Venkovar was poisoned", where "his
    resignation letter" says nothing to judge)."""
    words = len(fact.split())
    return words >= MIN_JUDGED_WORDS or (words == MIN_JUDGED_WORDS - 1 and short_clause(fact))


def is_judged(claim: Claim) -> bool:
    """Whether a claim asserts enough to agree or conflict with another.

    Very short fragments carry no checkable content, and a question ("What lies ahead?")
    asserts nothing: both stay in the report as claims but are never judged.
    """
    return (states_enough(claim.fact) and claim.stance != "questioned"
            and not claim.text.rstrip(" \"'’”)").endswith("?"))


# How firmly a stance holds its content: +1 holds it, -1 holds its negation, 0 neither.
STANCE_SIGN: dict[Stance, int] = {"asserted": 1, "reported": 1, "denied": -1, "refuted": -1,
                                  "hedged": 0, "questioned": 0}


def combine(relation: int, a: Stance, b: Stance) -> FindingKind | None:
    """The finding two stances make of two contents that are the same (relation +1) or
    opposite (-1): the table of docs/assertions.md. None: no finding (hedges, questions).
    """
    sign_a, sign_b = STANCE_SIGN[a], STANCE_SIGN[b]
    if relation == 0 or sign_a == 0 or sign_b == 0:
        return None
    if sign_a * sign_b * relation > 0:
        return "agreement"
    if relation > 0:  # one side holds X, the other denies or refutes it
        return "refuted" if "refuted" in (a, b) else "denial"
    if sign_a < 0 and sign_b < 0:
        # denials of two opposite facts: in news, the judge misreading what is denied
        return None
    if (a, b) != ("asserted", "asserted"):
        return "disputed"
    return "contradiction"


def _two_way(judge: Judge, pairs: Sequence[tuple[str, str]]) -> tuple[
        npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    probs = judge.predict([*pairs, *((b, a) for a, b in pairs)])
    return probs[: len(pairs)], probs[len(pairs):]


@dataclass(frozen=True)
class JudgedPairs:
    """What judging the candidate pairs found: conflicts (of every kind in CONFLICT_KINDS),
    agreements, changes over time, and the pairs about the same fact where one side only
    hedges or asks (for the disputes' "unconfirmed" side)."""

    contradictions: tuple[Finding, ...]
    agreements: tuple[Finding, ...]
    changes_over_time: tuple[Finding, ...]
    unconfirmed: tuple[tuple[str, str, int], ...] = ()  # (claim id, claim id, relation)
    within_article: tuple[Finding, ...] = ()  # conflicts between two voices of one article


def judge_pairs(
    claims: Sequence[Claim],
    pairs: Sequence[tuple[int, int, float]],
    topic_of: Sequence[int],
    judge: Judge,
    thresholds: Thresholds,
    texts: Mapping[str, str] | None = None,
) -> JudgedPairs:
    """Judge candidate pairs' contents both ways and combine the verdicts with the stances.

    Contents conflict when the mean contradiction probability of the two directions passes
    the threshold and beats entailment; they are the same fact when either direction's
    entailment passes its threshold. `combine` turns that and the two stances into a
    finding: "the agency denied that he fled" and "he fled" have the same content and make
    a denial; "he fled" and "he stayed in the capital" have opposite contents and make a
    contradiction (or a dispute, when a side only relays a report).

    A conflict of opposite contents is a change over time, not a contradiction, when a side
    is a photo caption carrying its own date (or "file photo"), or when both sides name
    different times and with the times masked the two do not describe the same event (no
    entailment): different states at different times. So is a pair of two tolls of a
    running count (toll_updates), of a toll that has risen past the other's count
    (toll_rose_past) and of one named speaker's two figures (revised_figure). A denial or
    refutation is a conflict of the same content, so it stays a conflict whenever it was
    made.
    """
    judged = [(i, j, s) for i, j, s in pairs if is_judged(claims[i]) and is_judged(claims[j])]
    if not judged:
        return JudgedPairs((), (), ())
    forward, backward = _two_way(judge, [(claims[i].fact, claims[j].fact) for i, j, _ in judged])
    conflicts: list[tuple[int, float, FindingKind]] = []
    agreements: list[Finding] = []
    unconfirmed: list[tuple[str, str, int]] = []
    findings_input: dict[int, dict[str, object]] = {}
    relations = [content_relation(claims[i].fact, claims[j].fact,
                                  float(ab[_C] + ba[_C]) / 2, float(max(ab[_E], ba[_E])), sim,
                                  thresholds)
                 for (i, j, sim), ab, ba in zip(judged, forward, backward, strict=True)]
    relations = _timeless_links(claims, judged, relations, judge)
    relations = _medium_verdicts(claims, judged, relations, texts or {})
    for n, ((i, j, sim), ab, ba, (relation, score)) in enumerate(
            zip(judged, forward, backward, relations, strict=True)):
        a, b = claims[i], claims[j]
        kind = combine(relation, a.stance, b.stance)
        if kind is None:
            if relation != 0:
                unconfirmed.append((a.id, b.id, relation))
            continue
        # only a pair that makes a finding keeps its scores and cues: most pairs make none,
        # and at 50,000 claims a record for each of them was hundreds of megabytes
        common = dict(a=a.id, b=b.id, similarity=round(sim, 4), topic=topic_of[i],
                      a_to_b=Scores.from_row(ab), b_to_a=Scores.from_row(ba),
                      cues=_cues(a, b), content_relation=_RELATION_NAMES[relation])
        if kind == "agreement":
            agreements.append(Finding(kind="agreement", score=round(score, 4),
                                      **common))  # type: ignore[arg-type]
        else:
            findings_input[n] = common
            conflicts.append((n, score, kind))

    opposite = [(n, score) for n, score, kind in conflicts
                if findings_input[n]["content_relation"] == "opposite"]
    dated = {n for n, _ in opposite
             if _dated_caption(claims[judged[n][0]]) or _dated_caption(claims[judged[n][1]])}
    # two exact tolls, each the current point of a running count, are its successive
    # updates; a toll risen past another's count is a later point of it; and one named
    # speaker's two different figures are its count revised
    different_states: set[int] = {
        n for n, _ in opposite if n not in dated
        and (toll_updates(claims[judged[n][0]].fact, claims[judged[n][1]].fact)
             or revised_figure(claims[judged[n][0]], claims[judged[n][1]])
             or toll_rose_past(claims[judged[n][0]].fact, claims[judged[n][1]].fact)
             or toll_rose_past(claims[judged[n][1]].fact, claims[judged[n][0]].fact))}
    needs_masking = []
    for n, _ in opposite:
        a, b = claims[judged[n][0]], claims[judged[n][1]]
        if n not in dated and n not in different_states and times_differ(a.fact, b.fact):
            needs_masking.append(n)
    if needs_masking:
        masked = [(mask_time(claims[judged[n][0]].fact), mask_time(claims[judged[n][1]].fact))
                  for n in needs_masking]
        m_forward, m_backward = _two_way(judge, masked)
        for n, ab, ba in zip(needs_masking, m_forward, m_backward, strict=True):
            if float(max(ab[_E], ba[_E])) < thresholds.entailment:
                different_states.add(n)

    contradictions, changes = [], []
    for n, score, kind in conflicts:
        if n in dated or n in different_states:
            changes.append(Finding(kind="change_over_time", score=round(score, 4),
                                   **findings_input[n]))  # type: ignore[arg-type]
        else:
            contradictions.append(Finding(kind=kind, score=round(score, 4),
                                          **findings_input[n]))  # type: ignore[arg-type]
    key = lambda f: (-f.score, f.a, f.b)  # noqa: E731
    # Two voices of one article ("a monitor reported X"; the ministry denies X) are a
    # conflict the article itself reports: listed apart, never counted as a contradiction
    # between sources. Their agreements, changes and hedges add nothing across sources.
    file_of = {c.id: c.file for c in claims}

    def apart(found: Sequence[Finding]) -> tuple[Finding, ...]:
        return tuple(sorted((f for f in found if file_of[f.a] != file_of[f.b]), key=key))

    within = [f for f in contradictions if file_of[f.a] == file_of[f.b]]
    return JudgedPairs(apart(contradictions), apart(agreements), apart(changes),
                       tuple(sorted(u for u in unconfirmed if file_of[u[0]] != file_of[u[1]])),
                       tuple(sorted(within, key=key)))


# a loose reading (times masked) links two contents only where the judge is sure; chosen on
# the evaluation's dev split (docs/assertions.md, "0.36.0"): 0.85 linked more false pairs
TIMELESS_ENTAILMENT = 0.92


def _timeless_links(claims: Sequence[Claim], judged: Sequence[tuple[int, int, float]],
                    relations: list[tuple[int, float]], judge: Judge
                    ) -> list[tuple[int, float]]:
    """The relations, with a claim and a rejection of it linked as one fact where the judge is
    sure of it with their times masked: "Brask has been in Vienna this week" (refuted) and
    "Brask flew to Vienna on Friday" differ in a time, which the judge reads as a detail
    one side lacks (neutral). Only pairs with no relation whose stances hold and reject;
    never a near miss or a conflicting count."""
    masked = {n: (mask_time(claims[i].fact), mask_time(claims[j].fact))
              for n, ((i, j, _), (relation, _)) in enumerate(zip(judged, relations, strict=True))
              if relation == 0
              and STANCE_SIGN[claims[i].stance] * STANCE_SIGN[claims[j].stance] < 0}
    retry = [n for n, texts in masked.items()
             if texts != (claims[judged[n][0]].fact, claims[judged[n][1]].fact)
             and min(len(text.split()) for text in texts) >= MIN_JUDGED_WORDS]
    if not retry:
        return relations
    forward, backward = _two_way(judge, [masked[n] for n in retry])
    linked = list(relations)
    for n, ab, ba in zip(retry, forward, backward, strict=True):
        a, b = claims[judged[n][0]].fact, claims[judged[n][1]].fact
        entailment = float(max(ab[_E], ba[_E]))
        if entailment >= TIMELESS_ENTAILMENT and quantities_conflict(a, b) is not True \
                and not different_acts(a, b):
            linked[n] = (1, entailment)
    return linked


MEDIUM_SCORE = 0.5  # a relation read from two verdicts on a medium, as from figures alone


def _medium_verdicts(claims: Sequence[Claim], judged: Sequence[tuple[int, int, float]],
                     relations: list[tuple[int, float]], texts: Mapping[str, str]
                     ) -> list[tuple[int, float]]:
    """The relations, with two verdicts on a medium of one kind read as such (media.py):
    "it was not filmed in Oskeny" and "the clip was filmed in Brannivo in 2019" both say the
    video is old, which the judge reads as opposite ("filmed" against "not filmed"); they are
    the same fact. Opposite verdicts ("the clip was filmed years ago", "the video was recorded
    on Saturday") are opposite where the judge saw neither, only where both name the medium:
    a pointer ("it") may stand for another one. `texts`: the articles, for what a pointer
    points at (kind_named_before)."""
    read: dict[tuple[int, Verdict], MediumReading | None] = {}

    def reading(n: int, verdict: Verdict) -> MediumReading | None:
        if (n, verdict) not in read:
            kind = kind_before_claim(claims[n], texts.get(claims[n].file))
            read[n, verdict] = claim_medium(claims[n].fact, kind, False, verdict)
        return read[n, verdict]

    verdicts: tuple[Verdict, ...] = ("old", "fake")
    linked = list(relations)
    for n, ((i, j, _), (relation, _)) in enumerate(zip(judged, relations, strict=True)):
        if relation > 0:
            continue
        for verdict in verdicts:
            a, b = reading(i, verdict), reading(j, verdict)
            if a is None or b is None:
                continue
            found = medium_relation(a, b)
            named = not a.pointed and not b.pointed
            if found > 0 or (found < 0 and relation == 0 and named):
                linked[n] = (found, MEDIUM_SCORE)
                break
    return linked


_RELATION_NAMES = {1: "same", -1: "opposite", 0: ""}
QUANTITY_SIMILARITY = 0.6  # without the judge's entailment, how alike two sentences must be
# for their different counts of one measure to be one event counted differently


# a toll given as the current point of a running count: "the death toll rises to 13", "the
# confirmed toll is now 13", "the toll stood at 17 on Saturday", "now puts the toll at 12"
_RISES = r"ris(?:es|en|ing)|rose|climb(?:s|ed|ing)?"  # a running count's verbs
_TOLL_UPDATE = re.compile(
    rf"\btoll\b.*\b(?:{_RISES}|now|stands?\s+at|stood\s+at)\b|\bnow\b.*\btoll\b", re.I)


def toll_updates(a: str, b: str) -> bool:
    """Whether two contents give a death toll each as the current point of a running count,
    with exact figures: "the toll rises to 12" and "the toll rises to 17" are successive
    updates of one count, a change over time rather than a contradiction. A lower bound or an
    estimate ("the toll rises to at least 62") is a count of its own and stays a conflict."""
    if not (_TOLL_UPDATE.search(a) and _TOLL_UPDATE.search(b)):
        return False
    deaths = [[q for q in find_quantities(text) if q.unit == "deaths"] for text in (a, b)]
    return all(found and all(q.low == q.high and not q.approximate for q in found)
               for found in deaths)


def revised_figure(a: Claim, b: Claim) -> bool:
    """Whether two claims give one named speaker's different figures of one measure: "The
    National Fire Service puts the toll at just 12" and "the toll for the whole fire zone was
    nine, the National Fire Service said" are the service's count at two times, a change
    over time rather than a contradiction. The outlet's own figures are not one speaker's."""
    return a.speaker is not None and b.speaker is not None and voice(a) == voice(b) \
        and quantities_conflict(a.fact, b.fact) is True


# a toll that has risen to an exact figure: "the death toll rises to 13", "rose to 26 on Friday"
_TOLL_ROSE = re.compile(rf"\btoll\b.*?\b(?:{_RISES}|jump(?:s|ed|ing)?)\s+to\b", re.I)


def toll_rose_past(risen: str, other: str) -> bool:
    """Whether `risen` gives a death toll that has risen to an exact figure at or above every
    death figure of `other`, which gives no running count of its own: "Overnight train
    derails on viaduct, at least eight dead" is an earlier point of "the death toll rises to
    13", a change over time. A toll risen to a lower figure, or to a bound ("rises to at least
    62"), still conflicts, as do two running counts unless toll_updates reads them."""
    rose = _TOLL_ROSE.search(risen)
    if rose is None or _TOLL_UPDATE.search(other):
        return False
    after = [q for q in find_quantities(risen) if q.unit == "deaths" and q.start >= rose.end()]
    before = [q for q in find_quantities(other) if q.unit == "deaths"]
    if not after or not before or after[0].low != after[0].high or after[0].approximate:
        return False
    return all(upper_bound(q) <= after[0].low for q in before)


def content_relation(a: str, b: str, contradiction: float, entailment: float,
                     similarity: float, thresholds: Thresholds, may_conflict: bool = True
                     ) -> tuple[int, float]:
    """How contents `a` and `b` relate (+1 the same fact, -1 opposite, 0 neither) and how
    surely, from the judge's mean contradiction of both directions and its entailment either
    way, then with their quantities compared as quantities. `check` and `sources` both read
    contents through it; `may_conflict` False lets them be the same fact but never opposite."""
    if may_conflict and thresholds.conflicts(contradiction, entailment):
        relation, score = -1, contradiction
    elif entailment >= thresholds.entailment:
        relation, score = 1, entailment
    else:
        relation, score = 0, 0.0
    relation, score = _read_quantities(a, b, relation, score, similarity)
    if relation and different_acts(a, b):
        return 0, 0.0
    return relation, score


def different_acts(a: str, b: str) -> bool:
    """Whether two contents the judge reads alike state acts that are neither the same nor
    opposite: an offer to resign and resigning (near_miss), leaving a building and leaving
    the country (departure_scope), putting a medium out and saying what it is
    (media.is_distribution: "the party published a document" against "the memo is fake")."""
    return near_miss(a) != near_miss(b) \
        or {departure_scope(a), departure_scope(b)} == {"building", "territory"} \
        or is_distribution(a) != is_distribution(b)


def _read_quantities(a: str, b: str, relation: int, score: float, similarity: float
                     ) -> tuple[int, float]:
    """The judge's relation, corrected by comparing quantities as quantities: "14 people
    died" vs "nine were killed" conflict; "at least 30 dead" vs "about 40 killed" do not."""
    numbers = quantities_conflict(a, b)
    if numbers is True and relation >= 0 and (relation > 0 or similarity >= QUANTITY_SIMILARITY):
        return -1, max(score, 0.5)
    if numbers is False and relation < 0 and not contrast_cue(a, b):
        return 0, 0.0
    return relation, score


def _cues(a: Claim, b: Claim) -> tuple[str, ...]:
    cues = list(pair_cues(a.fact, b.fact))
    for stance in ("denied", "refuted"):
        if stance in (a.stance, b.stance):
            label = "denial" if stance == "denied" else "refuted"
            if label not in cues:
                cues.insert(0, label)
    return tuple(cues)


def _relation(finding: Finding) -> int:
    return -1 if finding.content_relation == "opposite" else 1


def group_disputes(claims: Sequence[Claim], judged: JudgedPairs) -> tuple[Dispute, ...]:
    """One dispute per contested fact: conflicting pairs joined through shared claims and
    agreements between their claims, with each claim on the side it takes.

    Sides are read against the dispute's label content: a claim whose (stance x content
    orientation) holds it says yes, one that holds its negation says no, and hedges and
    questions about it are unconfirmed. Claims agreeing with a side join it.
    """
    from scipy.cluster.hierarchy import DisjointSet

    by_id = {c.id: c for c in claims}
    joined: DisjointSet = DisjointSet()
    # Only conflicts join claims into one dispute: agreements chain topics together
    # ("he fled" ~ "he left" ~ "the regime fell"), so they only add claims to a side.
    for f in judged.contradictions:
        joined.add(f.a)
        joined.add(f.b)
        joined.merge(f.a, f.b)
    edges: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for f in (*judged.contradictions, *judged.agreements):
        edges[f.a].append((f.b, _relation(f)))
        edges[f.b].append((f.a, _relation(f)))
    for a, b, relation in judged.unconfirmed:
        edges[a].append((b, relation))
        edges[b].append((a, relation))
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in judged.contradictions:
        groups[joined[f.a]].append(f)

    disputes = []
    for findings in groups.values():
        core = sorted({c for f in findings for c in (f.a, f.b)})
        degree = {c: sum(1 for f in findings if c in (f.a, f.b)) for c in core}
        anchor = min(core, key=lambda c: (STANCE_SIGN[by_id[c].stance] <= 0,
                                          by_id[c].kind != "sentence", -degree[c],
                                          len(by_id[c].fact), c))
        orientation = {anchor: 1}
        queue = [anchor]
        allowed = set(core)
        while queue:  # orient the core through its own findings first
            current = queue.pop()
            for other, relation in edges[current]:
                if other in allowed and other not in orientation:
                    orientation[other] = orientation[current] * relation
                    queue.append(other)
        for claim_id in core:  # then one step out: agreeing claims and hedges
            for other, relation in edges[claim_id]:
                if other not in orientation and other in by_id:
                    orientation[other] = orientation[claim_id] * relation
        sides: dict[int, list[str]] = {1: [], -1: [], 0: []}
        for claim_id, o in orientation.items():
            sides[STANCE_SIGN[by_id[claim_id].stance] * o].append(claim_id)
        order = lambda c: (by_id[c].file, by_id[c].line, c)  # noqa: E731
        strongest = max(findings, key=lambda f: (f.score, f.a, f.b))
        disputes.append(Dispute(
            id=0, label=by_id[anchor].fact, label_claim=anchor, kind=strongest.kind,
            score=strongest.score,
            yes=tuple(sorted(sides[1], key=order)), no=tuple(sorted(sides[-1], key=order)),
            unconfirmed=tuple(sorted(sides[0], key=order)),
            pairs=tuple(sorted((f.a, f.b) for f in findings)),
        ))
    disputes.sort(key=lambda d: (-len({by_id[c].file for c in (*d.yes, *d.no)}), -d.score,
                                 d.label_claim))
    return tuple(replace(d, id=n) for n, d in enumerate(disputes, start=1))
