"""Saved web pages: the main text and metadata (trafilatura), traced to lines of the HTML file.

trafilatura decides what the article is. Its output has no positions, so each extracted
paragraph is found again in the page's visible text, read with the standard library's HTML
parser, which knows the line every piece of text starts on. What the page shows outside the
extracted paragraphs is listed as skipped boilerplate, line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import NamedTuple

from claimcheck.models import Skipped

HTML_SUFFIXES = (".html", ".htm")
_INVISIBLE = frozenset(("script", "style", "noscript", "template", "head", "title", "svg"))
# Tags that start a new line of text on screen; inline tags ("<em>", "<a>") do not.
_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th",
    "tr", "ul"))
_SPACE = re.compile(r"\s+")
_MAX_SKIPPED_CHARS = 200


@dataclass(frozen=True)
class Page:
    """A page's main text, one paragraph per line, with where each part came from."""

    text: str
    source_lines: tuple[tuple[int, int], ...]  # (offset into text, line of the HTML file)
    skipped: tuple[Skipped, ...]  # visible text left out as boilerplate
    captions: tuple[tuple[int, int], ...]  # offsets in `text` of figure captions
    title: str | None
    author: str | None
    published: str | None
    site: str | None
    url: str | None


class _VisibleText(HTMLParser):
    """The text a browser shows, whitespace collapsed, with the HTML line of each character."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: list[str] = []
        self.lines: list[int] = []
        self.captions: list[tuple[int, int]] = []  # stream ranges of <figcaption> elements
        self._hidden = 0
        self._caption_start: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE:
            self._hidden += 1
        elif tag in _BLOCK:
            self._space()
        if tag == "figcaption" and not self._hidden:
            self._caption_start = len(self.chars)

    def handle_endtag(self, tag: str) -> None:
        if tag == "figcaption" and self._caption_start is not None:
            self.captions.append((self._caption_start, len(self.chars)))
            self._caption_start = None
        if tag in _INVISIBLE:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK:
            self._space()

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        line, _ = self.getpos()
        for ch in data:
            if ch.isspace():
                self._space(line)
            else:
                self.chars.append(ch)
                self.lines.append(line)
            if ch == "\n":
                line += 1

    def _space(self, line: int | None = None) -> None:
        if self.chars and self.chars[-1] != " ":
            self.chars.append(" ")
            self.lines.append(line if line is not None else self.lines[-1])


def read_page(html: str, file: str) -> Page:
    """Main text, metadata and boilerplate of a saved web page (`file` names it in skipped)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=True, favor_recall=True)
    visible = _VisibleText()
    visible.feed(html)
    visible.close()
    stream = "".join(visible.chars)
    lines = visible.lines
    covered = bytearray(len(stream))
    title = _clean(getattr(extracted, "title", None))
    body = str(getattr(extracted, "text", "") or "")
    candidates = [_clean(p) for p in body.split("\n")]
    if title and (not candidates or candidates[0] != title):
        candidates.insert(0, title)  # the headline first, whether or not the body repeats it
    placed: list[_Placed] = []
    cursor = 0
    for paragraph in candidates:
        if not paragraph:
            continue
        found = stream.find(paragraph, cursor)
        if found < 0:
            found = stream.find(paragraph)
        if found < 0:
            start_line = _approximate_line(stream, lines, paragraph, cursor)
            if start_line is not None:  # else trafilatura's own addition (a <title> only)
                placed.append(_Placed(cursor, paragraph, None, start_line))
            continue
        covered[found:found + len(paragraph)] = b"\x01" * len(paragraph)
        cursor = found + len(paragraph)
        placed.append(_Placed(found, paragraph, found))
    placed += _captions(stream, visible.captions, covered, placed)
    placed.sort(key=lambda entry: entry.position)
    text_parts: list[str] = []
    source_lines: list[tuple[int, int]] = []
    caption_spans: list[tuple[int, int]] = []
    offset = 0
    for entry in placed:
        if entry.caption:
            caption_spans.append((offset, offset + len(entry.text)))
        if entry.found is None:
            source_lines.append((offset, entry.line or 1))
        else:
            previous = None
            for k in range(len(entry.text)):
                line = lines[entry.found + k]
                if line != previous:
                    source_lines.append((offset + k, line))
                    previous = line
        text_parts.append(entry.text + "\n\n")
        offset += len(entry.text) + 2
    return Page(
        text="".join(text_parts), source_lines=tuple(source_lines),
        skipped=_boilerplate(stream, lines, covered, file, bool(placed)),
        captions=tuple(caption_spans),
        title=title,
        author=_clean(getattr(extracted, "author", None)),
        published=_clean(getattr(extracted, "date", None)),
        site=_clean(getattr(extracted, "sitename", None)),
        url=_clean(getattr(extracted, "url", None)),
    )


class _Placed(NamedTuple):
    """A paragraph of the main text and where it stands in the page's visible text."""

    position: int  # where it sorts in reading order
    text: str
    found: int | None  # where it was found in the visible text (None: only its opening)
    line: int | None = None  # its first line, when it was not found whole
    caption: bool = False  # a <figcaption> put back


def _captions(stream: str, captions: list[tuple[int, int]], covered: bytearray,
              placed: list[_Placed]) -> list[_Placed]:
    """Figure captions inside the article that trafilatura left out: a caption says what a
    picture shows and when, which news readers check (an old photo of a new event)."""
    found = [entry.found for entry in placed if entry.found is not None]
    if not found:
        return []
    first, last = min(found), max(found)
    added: list[_Placed] = []
    for start, end in captions:
        while start < end and stream[start] == " ":
            start += 1
        while end > start and stream[end - 1] == " ":
            end -= 1
        if not first <= start <= last or end - start < 3 or any(covered[start:end]):
            continue
        covered[start:end] = b"\x01" * (end - start)
        added.append(_Placed(start, stream[start:end], start, caption=True))
    return added


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = _SPACE.sub(" ", str(value)).strip()
    return text or None


def _approximate_line(stream: str, lines: list[int], paragraph: str, cursor: int) -> int | None:
    """The line where a paragraph that trafilatura reworded starts: found by its opening."""
    for length in (60, 30, 15):
        if len(paragraph) < length:
            continue
        found = stream.find(paragraph[:length], cursor)
        if found < 0:
            found = stream.find(paragraph[:length])
        if found >= 0:
            return lines[found]
    return None


def _boilerplate(stream: str, lines: list[int], covered: bytearray, file: str,
                 any_text: bool) -> tuple[Skipped, ...]:
    """Visible text outside the main text, one skipped entry per HTML line."""
    by_line: dict[int, list[str]] = {}
    for k, ch in enumerate(stream):
        if not covered[k]:
            by_line.setdefault(lines[k], []).append(ch)
    reason = "boilerplate" if any_text else "boilerplate (no main text found)"
    skipped = []
    for line in sorted(by_line):
        text = _SPACE.sub(" ", "".join(by_line[line])).strip()
        if not text:
            continue
        if len(text) > _MAX_SKIPPED_CHARS:
            text = text[:_MAX_SKIPPED_CHARS - 1] + "…"
        skipped.append(Skipped(file, line, line, reason, text))
    return tuple(skipped)
