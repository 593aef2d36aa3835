"""Frozen dataclasses that flow between the stages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

REPORT_VERSION = "1.4"

ClaimKind = Literal["sentence", "headline", "heading", "caption"]
Stance = Literal["asserted", "reported", "denied", "refuted", "hedged", "questioned"]
FindingKind = Literal["contradiction", "denial", "refuted", "disputed", "agreement",
                      "change_over_time"]
CONFLICT_KINDS = ("contradiction", "denial", "refuted", "disputed")


@dataclass(frozen=True)
class Skipped:
    """A non-blank line (or part of one) that is not a claim, and why."""

    file: str
    line: int
    end_line: int
    reason: str
    text: str


@dataclass(frozen=True)
class InputWarning:
    """Something wrong with an input file that claimcheck read around, and where."""

    file: str
    line: int | None  # 1-based, as an editor shows it
    byte_offset: int | None  # 0-based offset into the file's bytes
    message: str


@dataclass(frozen=True)
class Document:
    """One article: where it came from, its decoded text and its metadata.

    For a saved web page (`format` "html"), `text` is the page's main text as extracted, one
    paragraph per line, and `source_lines` maps offsets in it to lines of the HTML file.
    """

    file: str  # path relative to the scanned root, with forward slashes
    path: str  # absolute path on disk
    sha256: str
    encoding: str
    text: str = field(repr=False)  # decoded, BOM removed, line endings as in the file
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    format: Literal["text", "html"] = "text"
    title: str | None = None
    author: str | None = None
    duplicate_of: str | None = None  # the earlier file with the same bytes: not read twice
    # (offset into text, line of the file from there on), sorted; empty: text is the file
    source_lines: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    skipped: tuple[Skipped, ...] = field(default=(), repr=False)  # e.g. a page's boilerplate
    captions: tuple[tuple[int, int], ...] = field(default=(), repr=False)  # a page's figure
    # captions, as offsets into text: their claims are of kind "caption"
    warnings: tuple[InputWarning, ...] = ()


def input_warnings(documents: Iterable[Document]) -> tuple[InputWarning, ...]:
    """The documents' warnings, in document order."""
    return tuple(w for d in documents for w in d.warnings)


@dataclass(frozen=True)
class Location:
    """Where a claim's text stands: 1-based lines, 0-based character offsets into the text."""

    line: int
    end_line: int
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    """One atomic claim with its provenance.

    `text` is normalised (escaped quotes undone, whitespace collapsed);
    `document.text[start:end]` is the raw span it came from.
    """

    id: str
    file: str
    line: int
    end_line: int
    start: int
    end: int
    text: str
    kind: ClaimKind = "sentence"
    also_at: tuple[Location, ...] = ()  # the same text repeated in the same article
    # The assertion (claimcheck.assertions): the fact with its attribution frame taken off,
    # who asserts it (None: the outlet itself) and how. Empty content: not yet structured.
    content: str = ""
    content_spans: tuple[tuple[int, int], ...] = ()
    stance: Stance = "asserted"
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    via: str | None = None
    # The proper nouns of the claim's sentence, as written (spaCy's PROPN tags): what tells
    # one story from another in a drop that mixes events (claimcheck.stories).
    names: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def fact(self) -> str:
        """What is judged: the content, or the whole text of a claim never structured."""
        return self.content or self.text


@dataclass(frozen=True)
class Cluster:
    """Claims about one topic, across sources; labelled by its most central claim."""

    id: int
    label: str  # claim id of the most central claim
    label_text: str
    claims: tuple[str, ...]


@dataclass(frozen=True)
class Scores:
    """NLI probabilities of one direction (premise -> hypothesis)."""

    entailment: float
    neutral: float
    contradiction: float

    @classmethod
    def from_row(cls, row: Any) -> Scores:
        """Scores from one row of probabilities in LABELS order, rounded to 4 places."""
        return cls(*(round(float(x), 4) for x in row))

    def as_dict(self) -> dict[str, float]:
        return {"entailment": self.entailment, "neutral": self.neutral,
                "contradiction": self.contradiction}


@dataclass(frozen=True)
class Finding:
    """A judged pair of claims from different documents: a conflict, an agreement or a change
    over time. Conflicts are of the kinds in CONFLICT_KINDS (docs/assertions.md)."""

    kind: FindingKind
    a: str  # claim id
    b: str  # claim id
    score: float
    similarity: float
    topic: int  # cluster id the pair is filed under
    a_to_b: Scores
    b_to_a: Scores
    cues: tuple[str, ...] = ()
    content_relation: str = ""  # "same" or "opposite": how the judge relates the contents


@dataclass(frozen=True)
class Dispute:
    """One contested fact: its conflicting pairs, and who says yes, no, or only hedges."""

    id: int
    label: str  # what it is about: the content of its most connected claim, as read
    label_claim: str
    kind: FindingKind  # the kind of its strongest conflict
    score: float
    yes: tuple[str, ...]  # claim ids holding the label's content
    no: tuple[str, ...]  # claim ids holding its negation
    unconfirmed: tuple[str, ...]  # hedges and questions about it
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Report:
    """Everything `claimcheck check` found; renderers in claimcheck.report turn it into files."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    clusters: tuple[Cluster, ...]
    contradictions: tuple[Finding, ...]
    agreements: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    changes_over_time: tuple[Finding, ...] = ()  # conflicts explained by different times
    disputes: tuple[Dispute, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    # conflicts between two voices of one article (1.3); never counted as contradictions
    within_article: tuple[Finding, ...] = ()
    # articles that report one event, read from shared names (1.4); claims of two stories
    # are never compared. An article in none is compared with all.
    stories: tuple[tuple[str, ...], ...] = ()
    version: str = REPORT_VERSION

    @property
    def warnings(self) -> tuple[InputWarning, ...]:
        """What was wrong with the input and read around (bad bytes, copies), per file."""
        return input_warnings(self.documents)

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id (KeyError if none)."""
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)

    def claims_frame(self) -> Any:
        """Claims as a pandas DataFrame (one row per claim)."""
        from claimcheck.report import claims_frame

        return claims_frame(self)

    def pairs_frame(self) -> Any:
        """Contradictions and agreements as a pandas DataFrame (one row per pair)."""
        from claimcheck.report import pairs_frame

        return pairs_frame(self)


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """A claim as plain JSON data (what report.json and the index store)."""
    return {
        "id": claim.id, "file": claim.file, "line": claim.line, "end_line": claim.end_line,
        "start": claim.start, "end": claim.end, "text": claim.text, "kind": claim.kind,
        "also_at": [{"line": loc.line, "end_line": loc.end_line, "start": loc.start,
                     "end": loc.end} for loc in claim.also_at],
        "content": claim.fact, "content_spans": [list(s) for s in claim.content_spans],
        "stance": claim.stance, "speaker": claim.speaker,
        "speaker_span": list(claim.speaker_span) if claim.speaker_span else None,
        "via": claim.via, "names": list(claim.names),
    }


def claim_from_dict(data: dict[str, Any]) -> Claim:
    """The inverse of claim_to_dict (extra keys such as `cluster` are ignored)."""
    return Claim(
        id=data["id"], file=data["file"], line=data["line"], end_line=data["end_line"],
        start=data["start"], end=data["end"], text=data["text"], kind=data["kind"],
        also_at=tuple(Location(**loc) for loc in data.get("also_at", ())),
        content=data.get("content", ""),
        content_spans=tuple((int(s), int(e)) for s, e in data.get("content_spans", ())),
        stance=data.get("stance", "asserted"), speaker=data.get("speaker"),
        speaker_span=tuple(data["speaker_span"]) if data.get("speaker_span") else None,
        via=data.get("via"), names=tuple(data.get("names", ())),
    )
