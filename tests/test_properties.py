"""Property tests of segmentation (hypothesis): for any text, every claim's spans slice the
decoded file to its text, line numbers match the offsets, and every non-blank line is covered
by a claim or a skipped entry."""

from __future__ import annotations

import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.claims import extract_claims, identity_key, normalise_text, split_lines
from claimcheck.models import Document

WORDS = ["the", "army", "said", "rebels", "took", "Brenn", "on", "Sunday", "Mr.", "U.S.",
         "“fled”", "'hoax'", "9", "p.m.", "2,000", "—", "…", "(AFP)", "well-known", "Sources:",
         "- item", "1.", "date 2025-03-09", "\\”", "café", "No,", "?", "!", ";", ":", "|"]
ENDINGS = ["", ".", "!", "?", "…", ".”", ":", ";"]
BREAKS = ["\n", "\r\n", "\n\n", "\n \n", "\u2028", "\x0c"]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
    return " ".join(words) + draw(st.sampled_from(ENDINGS))


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Lines of sentences with assorted line breaks, blank lines and stray characters."""
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        line = " ".join(draw(st.lists(sentences(), min_size=1, max_size=5)))
        if draw(st.booleans()):
            line = draw(st.sampled_from(["", "  ", "\t"])) + line
        parts.append(line + draw(st.sampled_from(BREAKS)))
    if draw(st.booleans()):
        parts.append(draw(st.text(max_size=40)))  # anything at all, unicode included
    return "".join(parts)


@st.composite
def wrapped_articles(draw: st.DrawFn) -> str:
    """Paragraphs hard-wrapped at a width, separated by blank lines."""
    width = draw(st.integers(40, 100))
    paragraphs = [" ".join(draw(st.lists(sentences(), min_size=1, max_size=6)))
                  for _ in range(draw(st.integers(1, 6)))]
    return "\n\n".join(textwrap.fill(p, width) for p in paragraphs) + "\n"


def _check(text: str) -> None:
    document = Document("a.txt", "/a.txt", "0" * 64, "utf-8", text)
    claims, skipped = extract_claims(document)
    for claim in claims:
        raw = text[claim.start:claim.end]
        assert normalise_text(raw) == claim.text
        assert claim.text
        assert claim.line == text.count("\n", 0, claim.start) + 1
        assert claim.end_line == text.count("\n", 0, claim.end - 1) + 1
        for place in claim.also_at:
            # the same claim again: equal but for case, quote style and end mark
            assert identity_key(text[place.start:place.end]) == identity_key(claim.text)
            assert place.line == text.count("\n", 0, place.start) + 1
    covered: set[int] = set()
    for claim in claims:
        for place in (claim, *claim.also_at):
            covered.update(range(place.line, place.end_line + 1))
    for entry in skipped:
        covered.update(range(entry.line, entry.end_line + 1))
    for number, line in enumerate(split_lines(text), start=1):
        if line.strip():
            assert number in covered, (number, line, claims, skipped)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_spans_lines_and_coverage_hold_for_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wrapped_articles())
def test_spans_lines_and_coverage_hold_for_wrapped_text(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text_segments_without_error(text: str) -> None:
    _check(text)
