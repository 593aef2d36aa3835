"""Stories: which articles of a drop report one event, read from the names they share.

A drop may mix events: an archive, a day's wires, a folder of fact-checks. "The minister
quits in disgrace" in one story and "the minister is recovering at home" in another are not a
conflict, but their contents read alike, and the judge sees only the contents.

Two articles are linked when a claim of one is a candidate pair of a claim of the other and
the two share at least `MIN_SHARED_NAMES` names. A name is a proper noun of the parse that
is never written in lower case anywhere in the drop: "Brask" and "Halbrun" count, while
"Minister", "Health", "Verdict" or a title-case headline's words do not, since the drop also
writes them as common words. A story is a connected group of linked articles. An article
linked to no other belongs to no story and is compared with every article. Only claims of two
different stories are kept apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set

from claimcheck.cluster import CandidatePair
from claimcheck.models import Claim
from claimcheck.text import MONTH_NAMES, WEEKDAY_NAMES

# Chosen on the evaluation drop's dev split (five events in one folder) and the training
# drops (docs/assertions.md, "0.21.0"): one or two shared names join events through words
# such as "Aviation" or "International"; three keep every event whole and apart.
MIN_SHARED_NAMES = 3
_WORD = re.compile(r"[^\W\d_]+")
# The tagger calls days and months proper nouns; every story has them.
CALENDAR_WORDS = frozenset(name.casefold() for name in MONTH_NAMES | WEEKDAY_NAMES)


def common_words(texts: Iterable[str]) -> set[str]:
    """The words the drop writes in lower case somewhere, days and months too: no names."""
    return {word for text in texts for word in _WORD.findall(text) if word.islower()} \
        | CALENDAR_WORDS


def article_names(claims: Sequence[Claim], common: Set[str]) -> dict[str, frozenset[str]]:
    """Each article's names, casefolded: its claims' proper nouns that are not among the
    drop's `common` words (common_words)."""
    names: dict[str, set[str]] = {}
    for claim in claims:
        names.setdefault(claim.file, set()).update(name.casefold() for name in claim.names)
    return {file: frozenset(found - common) for file, found in names.items()}


def find_stories(claims: Sequence[Claim], texts: Iterable[str],
                 pairs: Iterable[tuple[int, int]],
                 min_shared: int = MIN_SHARED_NAMES) -> tuple[tuple[str, ...], ...]:
    """The stories of a drop, each as its articles' files (sorted), largest first. Only the
    article pairs that hold a candidate pair are compared, so the cost grows with the pairs,
    not with the square of the articles."""
    from scipy.cluster.hierarchy import DisjointSet

    names = article_names(claims, common_words(texts))
    linked: DisjointSet = DisjointSet()
    compared: set[tuple[str, str]] = set()
    for i, j in pairs:
        a, b = sorted((claims[i].file, claims[j].file))
        if a == b or (a, b) in compared:
            continue
        compared.add((a, b))
        if len(names.get(a, frozenset()) & names.get(b, frozenset())) >= min_shared:
            linked.add(a)
            linked.add(b)
            linked.merge(a, b)
    stories = [tuple(sorted(files)) for files in linked.subsets()]
    return tuple(sorted(stories, key=lambda files: (-len(files), files)))


def story_of(stories: Sequence[Sequence[str]]) -> dict[str, int]:
    """Each file's story, numbered from 1 in the order given; files in no story are absent."""
    return {file: n for n, files in enumerate(stories, start=1) for file in files}


def pairs_within_stories(claims: Sequence[Claim], pairs: Sequence[CandidatePair],
                         stories: Sequence[Sequence[str]]) -> list[CandidatePair]:
    """The candidate pairs whose claims are not in two different stories."""
    number = story_of(stories)
    kept = []
    for pair in pairs:
        a, b = number.get(claims[pair.i].file), number.get(claims[pair.j].file)
        if a is None or b is None or a == b:
            kept.append(pair)
    return kept


def stories_and_pairs(claims: Sequence[Claim], texts: Iterable[str],
                      pairs: Sequence[CandidatePair]
                      ) -> tuple[tuple[tuple[str, ...], ...], list[CandidatePair]]:
    """The drop's stories and the candidate pairs left to judge: those within a story."""
    stories = find_stories(claims, texts, ((p.i, p.j) for p in pairs))
    return stories, pairs_within_stories(claims, pairs, stories)


def event_articles(naming: set[str], claims: Sequence[Claim], common: Set[str],
                   min_shared: int = MIN_SHARED_NAMES) -> set[str]:
    """The articles of one event: those in `naming` (they name it), and those that share at
    least `min_shared` names with one of them, as two articles of a story do. A follow-up
    that never names the event's place ("the fire", "the town") still names its people.
    `common`: the drop's common words (common_words)."""
    if not naming:
        return set()
    names = article_names(claims, common)
    found = set(naming)
    for file, own in names.items():
        if file not in found and any(len(own & names.get(other, frozenset())) >= min_shared
                                     for other in naming):
            found.add(file)
    return found
