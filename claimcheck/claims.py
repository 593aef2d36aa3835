"""Split documents into atomic claims with exact spans; every non-blank line is accounted for.

Sentence boundaries come from pysbd (rule-based, abbreviation-aware, no model download).
Around it, rules for what news text does that pysbd does not know: headlines and captions
without a full stop, a `date YYYY-MM-DD` prefix glued to the first line, a trailing `Sources:`
list, escaped quotes (`\\”`), quotes spanning sentences, and captions printed twice.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from claimcheck.assertions import ASSERTIONS_VERSION, Parser, assert_claims
from claimcheck.engine import DOCUMENT_PARTITION, Engine, extract_on_worker, partitions
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
from claimcheck.text import ANY_BREAK, OTHER_BREAKS, join_wrapped

if TYPE_CHECKING:
    from claimcheck.index import Index

EXTRACTOR_VERSION = "6+" + ASSERTIONS_VERSION  # bump when a rule change alters what is
# extracted (cache key)

_SOURCES_HEADER = re.compile(r"^\s*(sources?|references|further reading)\s*:\s*$", re.I)
_LIST_ITEM = re.compile(r"^\s*([-*•]|\d+[.)])\s+")
_ESCAPED_QUOTE = re.compile(r"\\([\"'“”‘’])")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_CREDIT = re.compile(r"\(\s*[A-Z][A-Za-z/&. ]{1,24}\)\s*$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NO_LETTERS = re.compile(r"^[^A-Za-z\u00C0-\uFFFF]*$")
_MIN_CLAIM_WORDS = 3
# A full stop, then a capital: where a long text is cut before sentence splitting. Not after
# short abbreviations ("Mr.", "U.S.") or single initials.
_LIKELY_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")
_ABBREVIATIONS = frozenset(("mr", "ms", "mrs", "dr", "st", "jr", "sr", "no", "gen", "col",
                            "sgt", "rep", "sen", "gov", "lt", "capt", "prof", "vs", "inc", "co"))
MAX_SEGMENT_CHARS = 2000  # the sentence splitter is quadratic in its input: feed it pieces
MAX_QUOTE_MERGE_CHARS = 2000  # an unclosed quotation joins sentences up to this length
_MIN_WRAPPED_LINES = 3
_MAX_WRAP_WIDTH = 160
_WRAP_SLACK = 3
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
    """Readable claim text: escaped quotes undone, wrapped words rejoined, whitespace
    collapsed."""
    return " ".join(_ESCAPED_QUOTE.sub(_unescape_quotes, join_wrapped(text)).split())


def identity_key(text: str) -> str:
    """Key under which two texts count as the same claim (case, quotes, spacing, end mark)."""
    text = normalise_text(text).casefold()
    text = text.translate(_QUOTE_STYLES)
    return text.rstrip(" .!?…").strip()


def claim_id(file: str, text: str, occurrence: int = 0) -> str:
    """Stable id: a short hash of (file, normalised text, occurrence)."""
    digest = hashlib.sha1(f"{file}\0{identity_key(text)}\0{occurrence}".encode(
        "utf-8", errors="surrogateescape")).hexdigest()
    return "c" + digest[:10]


def split_lines(text: str) -> list[str]:
    """Lines as editors and grep count them: broken at \\n only, line endings kept.

    str.splitlines also breaks at U+2028, form feeds and others, which would shift line numbers.
    """
    lines = text.split("\n")
    kept = [line + "\n" for line in lines[:-1]]
    return [*kept, lines[-1]] if lines[-1] else kept


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
        if (merged and end - merged[-1][0] <= MAX_QUOTE_MERGE_CHARS
                and _open_quotes(text[merged[-1][0]:merged[-1][1]]) > 0):
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


@dataclass(frozen=True)
class _BodyLine:
    number: int  # 1-based physical line
    start: int  # offset of the body (after any date prefix) in the document text
    text: str  # the body, line break removed
    columns: int  # the whole line's length, trailing spaces left out


def wrap_width(line_lengths: Sequence[int]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None when it does not look wrapped.

    `line_lengths` are those of the non-blank lines that another non-blank line follows (a
    paragraph's inner lines). Text wrapped at a width fills most of them to near that width;
    text with one paragraph per line has inner lines of every length, most far longer.
    """
    lengths = sorted(line_lengths)
    if len(lengths) < _MIN_WRAPPED_LINES:
        return None
    width = lengths[int(len(lengths) * 0.9) - 1 if len(lengths) >= 10 else -1]
    if width > _MAX_WRAP_WIDTH:
        return None
    near = sum(1 for n in lengths if 0.7 * width <= n <= width)
    return width if near >= 0.6 * len(lengths) else None


def _continues(length: int, following: str, width: int) -> bool:
    """Whether a line break between two lines of a wrapped text is a wrap, not a real break:
    the next word would not have fitted on the line."""
    first_word = following.split(maxsplit=1)[0] if following.strip() else ""
    if not first_word or _LIST_ITEM.match(following):
        return False
    return length + 1 + len(first_word) > width - 1 and length <= width + _WRAP_SLACK


def _blocks(lines: Sequence[_BodyLine], width: int | None) -> list[list[_BodyLine]]:
    """Body lines grouped into the units sentences are split in: one line each, or, in a
    text hard-wrapped at `width`, the lines of one wrapped paragraph."""
    blocks: list[list[_BodyLine]] = []
    for line in lines:
        if (width is not None and blocks and blocks[-1][-1].number == line.number - 1
                and _continues(blocks[-1][-1].columns, line.text, width)):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _bounded_pieces(text: str, limit: int = MAX_SEGMENT_CHARS) -> list[tuple[int, int]]:
    """Cut a long text into pieces of at most about `limit` characters at likely sentence ends,
    so that the sentence splitter's cost stays linear in the text's length."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for match in _LIKELY_SENTENCE_END.finditer(window, limit // 4):
            before = _WORD_BEFORE.search(window, max(0, match.start() - 12), match.start())
            if before is None or (len(before.group(1)) > 1
                                  and before.group(1).lower() not in _ABBREVIATIONS):
                cut = match.end()
        if not cut:  # no sentence end in reach: cut at the last space, or hard
            space = window.rfind(" ", limit // 2)
            cut = space + 1 if space > 0 else limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, len(text)))
    return pieces


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in a block of text, in linear time whatever its length."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _bounded_pieces(text):
        spans.extend((p_start + s, p_start + e)
                     for s, e in _split_sentences(text[p_start:p_end]))
    return _merge_open_quotes(text, spans)


def extract_claims(document: Document) -> tuple[list[Claim], list[Skipped]]:
    """Atomic claims and skipped lines of one document, in reading order.

    A claim may span lines (hard-wrapped text): `line` and `end_line` are the physical lines of
    its first and last characters.
    """
    raw_lines = split_lines(document.text)
    if document.duplicate_of is not None:
        first = next((line.strip() for line in raw_lines if line.strip()), "")
        return [], ([Skipped(document.file, 1, len(raw_lines) or 1,
                             f"copy of {document.duplicate_of}", first)] if first else [])
    skipped: list[Skipped] = []
    body_lines: list[_BodyLine] = []
    line_starts: list[int] = []
    in_sources = False
    seen_text = False
    offset = 0
    stripped = [line.rstrip() for line in raw_lines]
    width = wrap_width([len(a) for a, b in pairwise(stripped) if a and b])
    for number, raw in enumerate(raw_lines, start=1):
        line_start = offset
        line_starts.append(line_start)
        offset += len(raw)
        content = raw.rstrip("\r\n")
        # Other line-break characters inside a line would confuse the sentence splitter.
        content = OTHER_BREAKS.sub(" ", content)
        if not content.strip():
            continue

        def skip(reason: str, text: str = content, number: int = number) -> None:
            skipped.append(Skipped(document.file, number, number, reason, text.strip()))

        if _SOURCES_HEADER.match(content):
            in_sources = True
            skip("sources list")
            continue
        if in_sources and (_LIST_ITEM.match(content) or ":" in content or (
                width is not None and skipped and skipped[-1].line == number - 1
                and _continues(len(stripped[number - 2]), content, width))):
            skip("sources list")
            continue
        in_sources = False
        body_start = 0
        prefix = DATE_PREFIX.match(content)
        if prefix and not seen_text:
            skip(f"metadata: date {prefix.group(1)}", content[: prefix.end()])
            body_start = prefix.end()
            if not content[body_start:].strip():
                continue
        seen_text = seen_text or not _NO_LETTERS.match(content)
        body_lines.append(_BodyLine(number, line_start + body_start, content[body_start:],
                                    len(content.rstrip())))

    line_of = _line_finder(document, line_starts)
    if document.source_lines:
        skipped = [replace(entry, line=line_of(line_starts[entry.line - 1]),
                           end_line=line_of(line_starts[entry.end_line - 1]))
                   for entry in skipped]
    claims: list[Claim] = []
    by_key: dict[str, int] = {}
    first_block = True
    for block in _blocks(body_lines, width):
        if all(_NO_LETTERS.match(line.text) for line in block):
            skipped.extend(Skipped(document.file, line_of(line.start), line_of(line.start),
                                   "no words", line.text.strip()) for line in block)
            continue
        is_first, first_block = first_block, False
        base = block[0].start
        # the block as one text: joined lines keep their offsets, line breaks read as spaces
        body = ANY_BREAK.sub(" ", document.text[base:block[-1].start + len(block[-1].text)])
        for s_start, s_end in _sentences(body):
            kind = _kind(body[s_start:s_end], is_first)
            if any(c_start <= base + s_start < c_end for c_start, c_end in document.captions):
                kind = "caption"  # a web page's <figcaption>, whatever its punctuation
            for a_start, a_end in _split_atomic(body, s_start, s_end):
                raw_text = body[a_start:a_end].strip()
                if not raw_text:
                    continue
                lead = body[a_start:a_end].find(raw_text)
                start = base + a_start + lead
                end = start + len(raw_text)
                place = Location(line_of(start), line_of(end - 1), start, end)
                text = normalise_text(document.text[start:end])
                key = identity_key(text)
                if key in by_key:  # the same text again in this article: one claim, two places
                    index = by_key[key]
                    claims[index] = replace(claims[index],
                                            also_at=(*claims[index].also_at, place))
                    continue
                by_key[key] = len(claims)
                claims.append(Claim(
                    id=claim_id(document.file, text),
                    file=document.file,
                    line=place.line,
                    end_line=place.end_line,
                    start=start,
                    end=end,
                    text=text,
                    kind=kind,
                ))
    skipped.extend(document.skipped)
    skipped.sort(key=lambda entry: entry.line)
    return claims, skipped


def _line_finder(document: Document, line_starts: Sequence[int]) -> Callable[[int], int]:
    """The file line of an offset into the document's text: its own line, or for a web page
    the line of the HTML file the text came from."""
    if document.source_lines:
        offsets = [offset for offset, _ in document.source_lines]
        lines = [line for _, line in document.source_lines]
        return lambda offset: lines[max(0, bisect_right(offsets, offset) - 1)]
    return lambda offset: bisect_right(line_starts, offset)


def extract_all(documents: Iterable[Document], index: Index | None = None,
                parser: Parser | None = None, engine: Engine | None = None
                ) -> tuple[list[Claim], list[Skipped]]:
    """Claims (with their assertions) and skipped lines of every document.

    With an index, a document whose bytes and name were seen before reuses its stored
    extraction, so an unchanged file costs a lookup, not a segmentation or a parse. New
    documents are parsed in partitions of `DOCUMENT_PARTITION` articles (`parser`: default
    spaCy's English pipeline), here or, given an `engine`, on its workers.
    """
    documents = list(documents)
    stored: dict[tuple[str, str], Any] = {}
    if index is not None:
        stored = index.get_extractions([(d.sha256, d.file) for d in documents],
                                       EXTRACTOR_VERSION)
    fresh = [d for d in documents if (d.sha256, d.file) not in stored]
    parts = partitions(fresh, DOCUMENT_PARTITION)
    extracted = (engine.map(extract_on_worker, [(part,) for part in parts]) if engine
                 else [extract_fresh(part, parser) for part in parts])
    new = {(d.sha256, d.file): result
           for d, result in zip(fresh, (r for part in extracted for r in part), strict=True)}
    per_document: list[tuple[list[Claim], list[Skipped]]] = []
    for document in documents:
        key = (document.sha256, document.file)
        if key in new:
            per_document.append(new[key])
        else:
            per_document.append(([claim_from_dict(c) for c in stored[key]["claims"]],
                                 [Skipped(**s) for s in stored[key]["skipped"]]))
    claims = [c for doc_claims, _ in per_document for c in doc_claims]
    skipped = [s for _, doc_skipped in per_document for s in doc_skipped]
    if index is not None and new:
        index.put_extractions({key: {"claims": [claim_to_dict(c) for c in found],
                                     "skipped": [asdict(s) for s in lost]}
                               for key, (found, lost) in new.items()}, EXTRACTOR_VERSION)
    return claims, skipped


def extract_fresh(documents: Sequence[Document], parser: Parser | None = None
                  ) -> list[tuple[list[Claim], list[Skipped]]]:
    """Each document's claims, with their assertions, and its skipped lines."""
    per_document = [extract_claims(document) for document in documents]
    by_file: dict[str, list[Claim]] = {}
    # a sentence's side claims follow it, in its file
    for claim in assert_claims([c for found, _ in per_document for c in found],
                               {d.file: d.text for d in documents}, parser):
        by_file.setdefault(claim.file, []).append(claim)
    return [(by_file.get(d.file, []), lost)
            for d, (_, lost) in zip(documents, per_document, strict=True)]
