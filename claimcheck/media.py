"""What a claim says of a medium (a photo, a video, a document): that it is old or shown out of
its context, or that it is fake; and whether it says that or the opposite.

A fact-check seldom repeats the claim it checks. "FactKiln traced the airport photo shown on
state TV to a 2023 trip" says that "the photo of Venkovar at an airport is old, from an earlier
trip", but the judge reads it as neutral both ways (0.98 and more): what the photo shows, and
where it spread, are not in it. "It is old" is too short to be judged. So for a query about a
medium,
`sources` reads each claim of the query's event for a verdict on a medium of the same kind
(api.medium_sources). Plain words, read the way fact-checks put them (docs/assertions.md,
"0.42.0"): a date with a year, "years ago", "traced to", "does not show this accident" make a
medium old; "recorded on Saturday afternoon" makes it new; "a forgery", "not ours", "never
issued" make it fake, as does a bare medium called false ("The document", refuted).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from claimcheck.assertions import Parser, spacy_parser
from claimcheck.models import Claim

Verdict = Literal["old", "fake"]

KIND_OF = {
    **dict.fromkeys(("photo", "photos", "photograph", "photographs", "picture", "pictures",
                     "image", "images", "screenshot", "screenshots", "snapshot"), "image"),
    # not "recording": an audio recording is no video
    **dict.fromkeys(("video", "videos", "clip", "clips", "footage", "film"), "video"),
    **dict.fromkeys(("memo", "memos", "letter", "letters", "document", "documents"),
                    "document"),
}
_MEDIUM_NOUN = re.compile(r"\b(" + "|".join(sorted(KIND_OF, key=len, reverse=True)) + r")\b",
                          re.IGNORECASE)
_YEAR = r"\b(?:19|20)\d\d\b"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_RECORDED = r"(?:taken|filmed|shot|recorded|captured|posted|published|uploaded|made)"
# the rest of a clause: up to a full stop, but "2.50 p.m." goes on
_CLAUSE = r"(?:[^.;:]|\b[ap]\.m\.|\d\.\d)*?"
# a medium dated to an earlier time or placed in another event: it is old, or out of context
_OLD = re.compile(
    r"(?<![-\w])old\b|\byears?\s+ago\b|\barchive|\brecycled\b|\bresurfaced\b"
    r"|\bfrom\s+(?:another|an\s+earlier|a\s+previous|a\s+different)\b"
    r"|\b(?:filmed|taken|shot|recorded)\s+(?:abroad|elsewhere)\b"
    r"|\b(?:does|did|do)\s+not\s+show\b|\bdoesn[’']t\s+show\b"
    r"|\b(?:not|never)\s+" + _RECORDED + r"\s+(?:in|at)\b"
    r"|\b(?:" + _RECORDED + r"|dates?\s+(?:from|back\s+to)|traced)\b" + _CLAUSE + _YEAR
    + r"|\bshows?\b" + _CLAUSE + r"\bin\s+(?:[A-Z][a-z]+\s+)?" + _YEAR
    + r"|\b(?:a|an)\s+" + _YEAR + r"\s+\w+"
    + r"|\btraced\b" + _CLAUSE + r"\bto\s+(?:a|an)\s+(?:earlier|previous|older)\b",
    re.IGNORECASE)
_NOT_OLD = re.compile(r"\b(?:not|never|no)\s+old\b", re.IGNORECASE)
# recorded in the days of the event itself: new, the opposite of old
_NEW = re.compile(
    r"\b(?:" + _RECORDED + r"|(?<!\bto\s)shows?)\b" + _CLAUSE
    + r"\b(?:on\s+(?:the\s+)?" + _WEEKDAY
    + r"|this\s+(?:week|morning)|yesterday|today|last\s+night)\b", re.IGNORECASE)
_FAKE = re.compile(
    r"\bfakes?\b|\bforg(?:ery|eries|ed)\b|\bdoctored\b|\bfabricat(?:ed|ion)\b"
    r"|\bmanipulated\b|\bdeepfake|\bhoax\b|\bphotoshopped\b|\bAI[-\s]generated\b"
    r"|\bnot\s+(?:genuine|authentic|real|ours)\b|\bdisowned\b"
    r"|\bnever\s+(?:issued|signed|wrote|written|sent|recorded)\b", re.IGNORECASE)
_GENUINE = re.compile(r"\b(?:genuine|authentic)\b|\bis\s+real\b", re.IGNORECASE)
_POINTER = re.compile(r"^(?:it|this|that)\b|\btraced\s+(?:it|this)\b", re.IGNORECASE)
# what a medium shows ends where the sentence goes on about it
_DESCRIPTION_END = re.compile(
    r"[,.;:—–()“”\"]|\b(?:that|which|who|is|was|were|has|had|have|shows?|showed|said|says|"
    r"shared|circulating|spread|aired|broadcast|presented|posted|obtained|appears?)\b",
    re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")
_DETERMINERS = frozenset(("the", "a", "an", "this", "that", "these", "those", "our", "its",
                          "his", "her", "their", "any", "so-called"))
_NOT_NAMES = frozenset((
    "The", "A", "An", "This", "That", "It", "Its", "Our", "His", "Her", "Their", "Is", "Was",
    "No", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday"))


@dataclass(frozen=True)
class MediumReading:
    """A verdict on a medium of one kind: `holds` False when the claim says the opposite
    ("recorded on Saturday afternoon" for old, "genuine" for fake, or a bare medium whose
    stance calls it false: "The document", refuted). `names` are the capitalised words that
    say which medium it is ("of President Ondrevath at Quernhollow Palace")."""

    kind: str
    verdict: Verdict
    holds: bool
    names: frozenset[str]
    pointed: bool = False  # the medium is pointed at ("it"), not named


def _description_names(text: str, at: int) -> frozenset[str]:
    """The capitalised words around a medium noun at `at`: the words before it in its
    phrase ("the Quernhollow Palace video") and its description after ("of President X")."""
    start = max(text.rfind(",", 0, at), text.rfind(".", 0, at), text.rfind(":", 0, at)) + 1
    before = text[start:at].split()[-4:]
    # the medium's own phrase starts at its determiner: not "Asked whether the memo ..."
    determiners = [k for k, word in enumerate(before) if word.casefold() in _DETERMINERS]
    before = before[determiners[-1] + 1:] if determiners else before[-1:]
    after = text[at:]
    noun_end = re.match(r"\w+", after)
    rest = after[noun_end.end() if noun_end else 0:]
    stop = _DESCRIPTION_END.search(rest)
    words = [*before, *rest[: stop.start() if stop else len(rest)].split()]
    return frozenset(re.sub(r"[’']s$", "", w) for w in words
                     if _CAPITALISED.fullmatch(w.strip("’'")) and w not in _NOT_NAMES)


def query_medium(content: str, rejected: bool = False) -> MediumReading | None:
    """A query's verdict on a medium: "The viral video of X is old footage from another
    mine" (old), "The leaked memo circulating online is a forgery" (fake); None for a query
    about anything else. The medium must come first, as the query's subject. `rejected`: the
    query's stance calls its content false, so a medium alone ("The leaked memo", the content
    of "The leaked memo is a forgery") is read as genuine, rejected."""
    noun = _MEDIUM_NOUN.search(content)
    if noun is None or len(content[: noun.start()].split()) > 5:
        return None
    kind, names = KIND_OF[noun.group(1).casefold()], _description_names(content, noun.start())
    rest = content[noun.end():]
    old, fake = _OLD.search(rest), _FAKE.search(rest)
    if old is None and fake is None:
        return MediumReading(kind, "fake", False, names) if rejected else None
    verdict: Verdict = "old" if fake is None or (old is not None
                                                 and old.start() < fake.start()) else "fake"
    return MediumReading(kind, verdict, True, names)


def claim_medium(fact: str, kind_before: str | None, bare_refuted: bool,
                 verdict: Verdict) -> MediumReading | None:
    """A claim's verdict of the query's kind (`verdict`) on a medium, if it gives one: the
    medium named in its content, or pointed at ("It is old") where the article named a medium
    of kind `kind_before` just before. `bare_refuted`: the content is a medium alone, called
    false by its stance ("The document", refuted): a fake medium, read as its opposite."""
    noun = _MEDIUM_NOUN.search(fact)
    if noun is not None:
        kind, names = KIND_OF[noun.group(1).casefold()], _description_names(fact, noun.start())
    elif _POINTER.search(fact) and kind_before is not None:
        kind, names = kind_before, frozenset()
    else:
        return None
    pointed = noun is None
    if verdict == "fake":
        if _FAKE.search(fact):
            return MediumReading(kind, "fake", True, names, pointed)
        if _GENUINE.search(fact) or bare_refuted:
            return MediumReading(kind, "fake", False, names, pointed)
        return None
    if _NOT_OLD.search(fact):
        return MediumReading(kind, "old", False, names, pointed)
    if _OLD.search(fact):
        return MediumReading(kind, "old", True, names, pointed)
    if _NEW.search(fact):
        return MediumReading(kind, "old", False, names, pointed)
    return None


def kind_named_before(text: str, start: int) -> str | None:
    """The kind of the last medium an article names before `start`, in the same line or the
    one before it: what "it" in "It is old" points at."""
    line_start = text.rfind("\n", 0, start)
    window_start = text.rfind("\n", 0, max(line_start, 0)) + 1 if line_start > 0 else 0
    nouns = list(_MEDIUM_NOUN.finditer(text, window_start, start))
    return KIND_OF[nouns[-1].group(1).casefold()] if nouns else None


def kind_before_claim(claim: Claim, text: str | None) -> str | None:
    """What a pointer in a claim's content can stand for: kind_named_before its content's
    start in its article's `text` (None without the text)."""
    if text is None:
        return None
    return kind_named_before(text, claim.content_spans[0][0] if claim.content_spans
                             else claim.start)


def medium_relation(asked: MediumReading, read: MediumReading) -> int:
    """+1 where a claim's reading states the query's verdict on its medium, -1 its opposite,
    0 for another kind of medium or another one of the same kind: each names something the
    other does not ("a clip of Ondrevath boarding a plane at Brakkenfeld" is not "the video
    of Ondrevath at Quernhollow Palace")."""
    if read.kind != asked.kind or read.verdict != asked.verdict:
        return 0
    if read.names - asked.names and asked.names - read.names:
        return 0
    return 1 if read.holds == asked.holds else -1


def medium_readings(asked: MediumReading, facts: Sequence[tuple[str, str | None, bool]]
                    ) -> list[int]:
    """Each fact's relation to the query's verdict (medium_relation; 0 for none), for facts
    given as (fact, kind named before it, bare medium refuted)."""
    relations = []
    for fact, kind_before, bare_refuted in facts:
        read = claim_medium(fact, kind_before, bare_refuted, asked.verdict)
        relations.append(medium_relation(asked, read) if read is not None else 0)
    return relations


def bare_media(facts: Sequence[str], parser: Parser | None = None) -> list[bool]:
    """Whether each fact is a medium alone, with what describes it ("The so-called laboratory
    memo that activists have waved at cameras"): its parse's root is a medium noun."""
    docs = (parser or spacy_parser)(list(facts)) if facts else []
    # a headline's "leaked memo" may be parsed with the participle as its root
    return [any(t.dep_ == "ROOT" and t.text.casefold() in KIND_OF for t in doc)
            or (len(doc) <= 3 and any(t.text.casefold() in KIND_OF for t in doc))
            for doc in docs]


_DISTRIBUTED = re.compile(
    r"\b(?:published|posted|shared|released|circulated|aired|broadcast|uploaded|tweeted)\s+"
    r"(?:(?:a|an|the|its|his|her|their|this|that)\s+)?(?:[\w’'-]+\s+){0,3}?"
    + _MEDIUM_NOUN.pattern
    + r"(?:\s+(?:on|in|at|online|late|early|last|this|overnight)\b[^,;:]*)?\s*$",
    re.IGNORECASE)


def is_distribution(fact: str) -> bool:
    """Whether a content only says that a medium was put out ("The opposition Dawn Party on
    Tuesday published a document"), and nothing of what it is or shows: no verdict on the
    medium, whether it is fake, old or genuine, is its opposite or the same fact."""
    return bool(_DISTRIBUTED.search(fact)) and not (_FAKE.search(fact) or _OLD.search(fact)
                                                    or _GENUINE.search(fact))
