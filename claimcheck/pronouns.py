"""A bare "he" or "she" read as the person it stands for, across articles.

"The lawyer denied that he fled" has the content "he fled". The judge reads a pronoun as the
person it is paired with, but `check` pairs two claims only when their embeddings are alike
enough, and "he fled" is far less like "Quintal fled the country" than "Quintal fled" is. So a
content that starts with a bare "he" or "she" is read, for the embedding and the judge, as
about one of the people its article has named before it: the one whose reading is most like a
claim of another article that names that person (docs/assertions.md, "0.39.0"). The
claim itself, and the report, keep the words as written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from claimcheck.assertions import MAX_PARSE_CHARS, Parser, spacy_parser
from claimcheck.models import Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

BARE_PRONOUN = re.compile(r"(?:he|she)\b", re.IGNORECASE)
# words that name a person by what they are: "President Ondrevath", "Dr Petrasz"
_TITLE_WORDS = frozenset((
    "dr", "mr", "ms", "mrs", "president", "minister", "governor", "colonel", "captain",
    "general", "chief", "executive", "leader", "mayor", "director", "spokesman",
    "spokeswoman", "chair", "owner", "prime", "senator", "judge", "lawyer", "doctor"))
_POSSESSIVE = re.compile(r"[’']s$")
_WORD = re.compile(r"[\w’'-]+")

Vectors = npt.NDArray[np.float32]


def people_named(text: str, parser: Parser | None = None) -> list[tuple[int, str]]:
    """Where an article names a person, in order, as (offset, surname): every proper noun
    that, somewhere in the article, follows a first name or a title ("Vesmir Venkovar",
    "President Ondrevath"); a place or an institution named alone is left out."""
    parse = parser or spacy_parser
    lines = [(m.start(), m.group(0)[:MAX_PARSE_CHARS]) for m in re.finditer(r"[^\n]+", text)
             if m.group(0).strip()]
    found: list[tuple[int, str]] = []
    persons: set[str] = set()
    for (offset, _), doc in zip(lines, parse([line for _, line in lines]), strict=True):
        for token, person in _names_in(doc):
            name = _POSSESSIVE.sub("", token.text)
            if person:
                persons.add(name)
            found.append((offset + token.idx, name))
    return [(at, name) for at, name in found if name in persons]


def _names_in(doc: Doc) -> list[tuple[Token, bool]]:
    """A parsed line's proper nouns that may name someone, each with whether it does so
    there: after a first name or a title, and not itself a compound ("Vesmir Venkovar",
    "President Ondrevath"; not "Tovesand Bank chief")."""
    names = []
    for token in doc:
        if token.pos_ != "PROPN" or not token.text[:1].isupper() \
                or token.text.casefold() in _TITLE_WORDS:
            continue
        before = doc[token.i - 1] if token.i else None
        names.append((token, before is not None and token.dep_ != "compound" and (
            (before.pos_ == "PROPN" and before.dep_ == "compound")
            or before.text.casefold().strip(".") in _TITLE_WORDS)))
    return names


def read_pronouns(claims: Sequence[Claim], texts: dict[str, str], vectors: Vectors,
                  encode: Callable[[list[str]], Vectors], min_similarity: float,
                  parser: Parser | None = None) -> tuple[list[Claim], Vectors]:
    """The claims and their vectors, with each content that starts with a bare "he" or "she"
    read as about one person its article names before it: of those people, the one whose
    reading ("Venkovar was poisoned" for "he was poisoned") is most like a claim of another
    article that names them, if at least `min_similarity` alike (the pair gate: a reading
    that meets no claim there would pair with none). `vectors` are the claims' as written."""
    bare = [n for n, claim in enumerate(claims) if BARE_PRONOUN.match(claim.content)]
    if not bare:
        return list(claims), vectors
    named = {file: people_named(texts[file], parser)
             for file in sorted({claims[n].file for n in bare})}
    naming: dict[str, list[int]] = defaultdict(list)  # a name -> the claims that name it
    names = {name for people in named.values() for _, name in people}
    for n, claim in enumerate(claims):
        for name in names & {_POSSESSIVE.sub("", w) for w in _WORD.findall(claim.fact)}:
            naming[name].append(n)
    readings: list[tuple[int, str, str]] = []  # (claim, person, reading)
    for n in bare:
        claim = claims[n]
        pronoun = BARE_PRONOUN.match(claim.content)
        assert pronoun is not None
        start = claim.content_spans[0][0] if claim.content_spans else claim.start
        people = sorted({name for at, name in named[claim.file] if at < start})
        readings.extend((n, name, name + claim.content[pronoun.end():]) for name in people
                        if any(claims[m].file != claim.file for m in naming[name]))
    if not readings:
        return list(claims), vectors
    reading_vectors = encode([text for _, _, text in readings])
    best: dict[int, tuple[float, str, int]] = {}
    for k, (n, name, text) in enumerate(readings):
        elsewhere = [m for m in naming[name] if claims[m].file != claims[n].file]
        similarity = float(np.max(vectors[elsewhere] @ reading_vectors[k]))
        if similarity >= min_similarity and similarity > best.get(n, (-2.0, "", 0))[0]:
            best[n] = (similarity, text, k)
    read = list(claims)
    new_vectors = vectors.copy()
    for n, (_, text, k) in best.items():
        read[n] = replace(claims[n], content=text)
        new_vectors[n] = reading_vectors[k]
    return read, new_vectors


def read_pronouns_as(person_names: Sequence[str], claims: Sequence[Claim],
                     texts: dict[str, str]) -> list[Claim]:
    """The claims, with each content that starts with a bare "he" or "she" read as about the
    person a query names, where the claim's article has named that person before the claim
    ("he was poisoned" as "Venkovar was poisoned" for "Vesmir Venkovar was poisoned"). Of the
    query's people named before it, the one named last; the claims keep their words as
    written elsewhere."""
    if not person_names:
        return list(claims)
    read = list(claims)
    for n, claim in enumerate(claims):
        pronoun = BARE_PRONOUN.match(claim.content)
        if pronoun is None:
            continue
        start = claim.content_spans[0][0] if claim.content_spans else claim.start
        before = texts[claim.file][:start]
        last = {name: max((m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", before)),
                          default=-1) for name in person_names}
        named = max(last, key=lambda name: last[name])
        if last[named] >= 0:
            read[n] = replace(claim, content=named + claim.content[pronoun.end():])
    return read


def query_people(content: str, also_common: Iterable[str] = (),
                 parser: Parser | None = None) -> list[str]:
    """The person a query is about, by the last word of the name: its subject's
    ("President Kasimir Ondrevath fled": Ondrevath; "Orlavenn's energy minister, Ottwina
    Pranzhaven, resigned": Pranzhaven), where that is a person's name (people_named). A name
    that the texts `also_common` use as a common word names no person ("Tovesand Bank has
    losses": "the bank froze withdrawals")."""
    doc = (parser or spacy_parser)([content[:MAX_PARSE_CHARS]])[0]
    names = _names_in(doc)
    persons = {_POSSESSIVE.sub("", token.text) for token, person in names if person}
    subjects = ("nsubj", "nsubjpass")
    named = [_POSSESSIVE.sub("", t.text) for t, _ in names
             if t.dep_ in subjects or (t.dep_ == "appos" and t.head.dep_ in subjects)]
    texts = list(also_common)
    return list(dict.fromkeys(
        name for name in named if name in persons
        and not any(re.search(rf"\b{re.escape(name.lower())}\b", text) for text in texts)))
