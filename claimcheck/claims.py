"""Split documents into atomic claims with exact spans; every non-blank line is accounted for.

Sentence boundaries come from pysbd (rule-based, abbreviation-aware, no model download).
Around it, rules for what news text does that pysbd does not know: headlines and captions
without a full stop, a `date YYYY-MM-DD` prefix glued to the first line, a trailing `Sources:`
list, escaped quotes (`\\”`), quotes spanning sentences, and captions printed twice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from claimcheck.assertions import ASSERTIONS_VERSION, Parser, assert_claims
from claimcheck.ingest import DATE_PREFIX
from claimcheck.models import (
    Claim,
    ClaimKind,
    Document,
    Location,
    Skipped,
    claim_from_dict,
    claim_to_dict,
)

if TYPE_CHECKING:
    from claimcheck.index import Index

EXTRACTOR_VERSION = "3+" + ASSERTIONS_VERSION  # bump when a rule change alters what is
# extracted (cache key)

_SOURCES_HEADER = re.compile(r"^\s*(sources?|references|further reading)\s*:\s*$", re.I)
_LIST_ITEM = re.compile(r"^\s*([-*•]|\d+[.)])\s+")
_ESCAPED_QUOTE = re.compile(r"\\([\"'“”‘’])")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_CREDIT = re.compile(r"\(\s*[A-Z][A-Za-z/&. ]{1,24}\)\s*$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NO_LETTERS = re.compile(r"^[^A-Za-z\u00C0-\uFFFF]*$")
_MIN_CLAIM_WORDS = 3
_QUOTE_STYLES = str.maketrans("’‘“”–—", "''\"\"--")
_SMALL_WORDS = frozenset(
    ("a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with",
     "from", "as", "is", "vs")
)


@lru_cache(maxsize=1)
def _segmenter() -> object:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def _unescape_quotes(match: re.Match[str]) -> str:
    # Escaped quotes come from a serialiser that used one mark for opening and closing,
    # so they become the neutral straight marks.
    return "'" if match.group(1) in "'‘’" else '"'


def normalise_text(text: str) -> str:
    """Readable claim text: escaped quotes undone, whitespace collapsed."""
    return " ".join(_ESCAPED_QUOTE.sub(_unescape_quotes, text).split())


def identity_key(text: str) -> str:
    """Key under which two texts count as the same claim (case, quotes, spacing, end mark)."""
    text = normalise_text(text).casefold()
    text = text.translate(_QUOTE_STYLES)
    return text.rstrip(" .!?…").strip()


def claim_id(file: str, text: str, occurrence: int = 0) -> str:
    """Stable id: a short hash of (file, normalised text, occurrence)."""
    digest = hashlib.sha1(f"{file}\0{identity_key(text)}\0{occurrence}".encode()).hexdigest()
    return "c" + digest[:10]


def split_lines(text: str) -> list[str]:
    """Lines as editors and grep count them: broken at \\n only, line endings kept.

    str.splitlines also breaks at U+2028, form feeds and others, which would shift line numbers.
    """
    lines = text.split("\n")
    kept = [line + "\n" for line in lines[:-1]]
    return [*kept, lines[-1]] if lines[-1] else kept


@dataclass(frozen=True)
class _Piece:
    start: int  # offsets into the document text
    end: int
    line: int
    end_line: int


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans inside one line of text (pysbd, then located by search)."""
    segments = _segmenter().segment(text)  # type: ignore[attr-defined]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for segment in segments:
        stripped = segment.strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:  # pysbd altered the text; fall back to the rest of the line
            spans.append((cursor, len(text)))
            cursor = len(text)
            break
        spans.append((start, start + len(stripped)))
        cursor = start + len(stripped)
    if cursor < len(text) and text[cursor:].strip():
        tail_start = cursor + (len(text[cursor:]) - len(text[cursor:].lstrip()))
        spans.append((tail_start, len(text.rstrip())))
    return _merge_open_quotes(text, spans)


def _open_quotes(fragment: str) -> int:
    fragment = normalise_text(fragment)
    curly = fragment.count("“") - fragment.count("”")
    straight = fragment.count('"') % 2
    return max(curly, 0) + straight


def _merge_open_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences while a quotation opened in the first is still open."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _open_quotes(text[merged[-1][0]:merged[-1][1]]) > 0:
            merged[-1] = (merged[-1][0], end)
        elif merged and len(_WORD.findall(text[start:end])) < _MIN_CLAIM_WORDS:
            merged[-1] = (merged[-1][0], end)  # "(AFP)" or a stray fragment joins its sentence
        else:
            merged.append((start, end))
    return merged


def _split_atomic(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one sentence at semicolons joining independent statements, when safe."""
    parts: list[tuple[int, int]] = []
    cursor = start
    for match in re.finditer(";", text[start:end]):
        cut = start + match.start()
        left, right = text[cursor:cut], text[cut + 1:end]
        if (len(_WORD.findall(left)) >= 4 and len(_WORD.findall(right)) >= 4
                and _open_quotes(left) == 0):
            parts.append((cursor, cut))
            cursor = cut + 1
            while cursor < end and text[cursor].isspace():
                cursor += 1
    parts.append((cursor, end))
    return parts


def _kind(text: str, first_line: bool) -> ClaimKind:
    stripped = text.strip()
    if _TERMINAL.search(stripped) and not _CREDIT.search(stripped):
        return "sentence"
    if first_line:
        return "headline"
    if _CREDIT.search(stripped):
        return "caption"
    words = _WORD.findall(stripped)
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitalised = sum(1 for w in content if w[:1].isupper())
    # Headings are short; a long line without a full stop describes a picture even when it is
    # full of names ("President X meets Y at the Kremlin in Moscow in July").
    if len(words) <= 5 or (len(words) <= 9 and content and capitalised / len(content) >= 0.7):
        return "heading"
    return "caption"


def extract_claims(document: Document) -> tuple[list[Claim], list[Skipped]]:
    """Atomic claims and skipped lines of one document, in reading order."""
    claims: list[Claim] = []
    skipped: list[Skipped] = []
    by_key: dict[str, int] = {}
    in_sources = False
    seen_text = False
    offset = 0
    for number, raw in enumerate(split_lines(document.text), start=1):
        line_start = offset
        offset += len(raw)
        content = raw.rstrip("\r\n")
        # Other line-break characters inside a line would confuse the sentence splitter.
        content = re.sub(r"[\u2028\u2029\x0b\x0c\x1c-\x1e\x85]", " ", content)
        if not content.strip():
            continue

        def skip(reason: str, text: str = content, number: int = number) -> None:
            skipped.append(Skipped(document.file, number, number, reason, text.strip()))

        if _SOURCES_HEADER.match(content):
            in_sources = True
            skip("sources list")
            continue
        if in_sources and (_LIST_ITEM.match(content) or ":" in content):
            skip("sources list")
            continue
        in_sources = False
        if _NO_LETTERS.match(content):
            skip("no words")
            continue
        body_start = 0
        prefix = DATE_PREFIX.match(content)
        if prefix and not seen_text:
            skip(f"metadata: date {prefix.group(1)}", content[: prefix.end()])
            body_start = prefix.end()
            if not content[body_start:].strip():
                continue
        body = content[body_start:]
        first_line = not seen_text
        seen_text = True
        for s_start, s_end in _split_sentences(body):
            kind = _kind(body[s_start:s_end], first_line)
            for a_start, a_end in _split_atomic(body, s_start, s_end):
                raw_text = body[a_start:a_end].strip()
                if not raw_text:
                    continue
                lead = body[a_start:a_end].find(raw_text)
                piece_start = line_start + body_start + a_start + lead
                piece = _Piece(piece_start, piece_start + len(raw_text), number, number)
                text = normalise_text(raw_text)
                key = identity_key(text)
                if key in by_key:  # the same text again in this article: one claim, two places
                    index = by_key[key]
                    previous = claims[index]
                    claims[index] = Claim(
                        previous.id, previous.file, previous.line, previous.end_line,
                        previous.start, previous.end, previous.text, previous.kind,
                        (*previous.also_at,
                         Location(piece.line, piece.end_line, piece.start, piece.end)),
                    )
                    continue
                by_key[key] = len(claims)
                claims.append(Claim(
                    id=claim_id(document.file, text),
                    file=document.file,
                    line=piece.line,
                    end_line=piece.end_line,
                    start=piece.start,
                    end=piece.end,
                    text=text,
                    kind=kind,
                ))
    return claims, skipped


def extract_all(documents: Iterable[Document], index: Index | None = None,
                parser: Parser | None = None) -> tuple[list[Claim], list[Skipped]]:
    """Claims (with their assertions) and skipped lines of every document.

    With an index, a document whose bytes and name were seen before reuses its stored
    extraction, so an unchanged file costs a lookup, not a segmentation or a parse. New
    documents are parsed together, in batches (`parser`: default spaCy's English pipeline).
    """
    documents = list(documents)
    stored: dict[tuple[str, str], Any] = {}
    if index is not None:
        stored = index.get_extractions([(d.sha256, d.file) for d in documents],
                                       EXTRACTOR_VERSION)
    per_document: list[tuple[list[Claim], list[Skipped]]] = []
    fresh: list[int] = []
    for document in documents:
        key = (document.sha256, document.file)
        if key in stored:
            per_document.append(([claim_from_dict(c) for c in stored[key]["claims"]],
                                 [Skipped(**s) for s in stored[key]["skipped"]]))
        else:
            fresh.append(len(per_document))
            per_document.append(extract_claims(document))
    if fresh:
        unstructured = [c for n in fresh for c in per_document[n][0]]
        by_file: dict[str, list[Claim]] = {}
        # a sentence's side claims follow it, in its file
        for claim in assert_claims(unstructured, {d.file: d.text for d in documents}, parser):
            by_file.setdefault(claim.file, []).append(claim)
        for n in fresh:
            per_document[n] = (by_file.get(documents[n].file, []), per_document[n][1])
    new: dict[tuple[str, str], Any] = {
        (documents[n].sha256, documents[n].file): {
            "claims": [claim_to_dict(c) for c in per_document[n][0]],
            "skipped": [asdict(s) for s in per_document[n][1]]}
        for n in fresh}
    claims = [c for doc_claims, _ in per_document for c in doc_claims]
    skipped = [s for _, doc_skipped in per_document for s in doc_skipped]
    if index is not None and new:
        index.put_extractions(new, EXTRACTOR_VERSION)
    return claims, skipped
