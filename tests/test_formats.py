"""The formats fixture drop: a hard-wrapped article and its unwrapped twin, a saved web page.

Provenance is checked against the files on disk: the line a claim names must hold its words.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from claimcheck.claims import extract_all, extract_claims, wrap_width
from claimcheck.ingest import load_documents
from claimcheck.models import Claim, Document

FORMATS = Path(__file__).parent.parent / "fixtures" / "formats"
WRAPPED = "wrapped/pinecrest_tribune_wrapped70.txt"
UNWRAPPED = "wrapped/pinecrest_tribune.txt"
PAGE = "web/saltmarsh_herald.html"
_TAG = re.compile(r"<[^>]*>")


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {d.file: d for d in load_documents([FORMATS])}


def _file_lines(file: str) -> list[str]:
    return (FORMATS / file).read_text(encoding="utf-8").split("\n")


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


# --- hard-wrapped text ------------------------------------------------------------------------


def test_wrapped_twin_gives_the_same_claims_on_other_lines(documents) -> None:  # type: ignore[no-untyped-def]
    wrapped, _ = extract_claims(documents[WRAPPED])
    unwrapped, _ = extract_claims(documents[UNWRAPPED])
    assert [(c.text, c.kind) for c in wrapped] == [(c.text, c.kind) for c in unwrapped]
    assert [c.line for c in wrapped] != [c.line for c in unwrapped]
    assert any(c.end_line > c.line for c in wrapped)
    assert all(c.end_line == c.line for c in unwrapped)
    assert any("46-year-old" in c.text for c in wrapped)  # a word the wrap cut at its hyphen


def test_wrapped_lines_are_those_of_the_first_and_last_characters(documents) -> None:  # type: ignore[no-untyped-def]
    document = documents[WRAPPED]
    lines = _file_lines(WRAPPED)
    assert 60 <= (wrap_width([len(line) for line in lines if line]) or 0) <= 70
    for claim in extract_claims(document)[0]:
        words = _words(claim.text)
        assert words[0] in lines[claim.line - 1], claim
        assert words[-1] in lines[claim.end_line - 1], claim
        assert claim.line == document.text.count("\n", 0, claim.start) + 1
        assert claim.end_line == document.text.count("\n", 0, claim.end - 1) + 1


def test_headline_and_heading_are_still_recognised_when_wrapped(documents) -> None:  # type: ignore[no-untyped-def]
    claims = extract_claims(documents[WRAPPED])[0]
    kinds = {c.text: c.kind for c in claims}
    assert kinds["Kestrel City wakes to a new order as questions about Danek linger"] == \
        "headline"
    assert kinds["Life in the capital"] == "heading"


@pytest.mark.slow
def test_wrapped_twin_gives_the_same_assertions_with_the_real_parser(documents) -> None:  # type: ignore[no-untyped-def]
    twins = [documents[WRAPPED], documents[UNWRAPPED]]
    claims, _ = extract_all(twins)

    def structure(file: str) -> list[tuple[str, str, str | None, str]]:
        return [(c.fact, c.stance, c.speaker, c.text) for c in claims if c.file == file]

    assert structure(WRAPPED) == structure(UNWRAPPED)
    petrov = next(c for c in claims if c.file == WRAPPED and "slept properly" in c.text)
    assert petrov.speaker == "Dana Petrov"
    assert "46-year-old" in petrov.text  # the wrap cut "46-year-"
    assert petrov.line < petrov.end_line


# --- saved web page ---------------------------------------------------------------------------


def _visible(line: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", line)).split())


def test_page_metadata_comes_from_the_page(documents) -> None:  # type: ignore[no-untyped-def]
    page = documents[PAGE]
    assert page.format == "html"
    assert page.published == "2025-03-10"
    assert page.outlet == "Saltmarsh Herald"
    assert page.author == "Tomas Brandt"
    assert page.title == "Danek ‘left by road, not by air’, says former aide"


def test_page_claims_point_at_the_html_lines_they_came_from(documents) -> None:  # type: ignore[no-untyped-def]
    lines = _file_lines(PAGE)
    claims = extract_claims(documents[PAGE])[0]
    assert len(claims) >= 10
    assert claims[0].kind == "headline"
    for claim in claims:
        first, last = _visible(lines[claim.line - 1]), _visible(lines[claim.end_line - 1])
        words = _words(claim.text)
        assert " ".join(words[:3]) in " ".join(_words(first)), (claim.line, claim.text)
        assert words[-1] in _words(last), (claim.end_line, claim.text)


def test_page_boilerplate_is_skipped_line_by_line(documents) -> None:  # type: ignore[no-untyped-def]
    claims, skipped = extract_claims(documents[PAGE])
    boilerplate = {s.line: s.text for s in skipped if s.reason == "boilerplate"}
    lines = _file_lines(PAGE)
    assert any("cookies" in t for t in boilerplate.values())
    assert any("Privacy policy" in t for t in boilerplate.values())
    assert any("More on Marovia" in t for t in boilerplate.values())
    assert all("dataLayer" not in t and "cookie{" not in t for t in boilerplate.values())
    # every line that shows text on screen is a claim's or a skipped one's
    covered = {n for c in claims for n in range(c.line, c.end_line + 1)} | set(boilerplate)
    body = lines.index("<body>") + 1
    for number, line in enumerate(lines[body:], start=body + 1):
        if _visible(line):
            assert number in covered, (number, line)


def _claim_on(claims: list[Claim], words: str) -> Claim:
    return next(c for c in claims if words in c.text)


def test_a_figure_caption_in_the_article_is_a_claim(documents) -> None:  # type: ignore[no-untyped-def]
    # trafilatura leaves figure captions out; a caption says what a picture shows and when
    claims = extract_claims(documents[PAGE])[0]
    caption = _claim_on(claims, "A convoy of black cars leaves the presidential compound")
    assert caption.line == 24 and caption.kind == "caption"
    assert [c.line for c in claims[:3]] == [22, 24, 25]  # in reading order


def test_inline_markup_and_entities_do_not_break_provenance(documents) -> None:  # type: ignore[no-untyped-def]
    claims = extract_claims(documents[PAGE])[0]
    aide = _claim_on(claims, "a former aide told the Saltmarsh Herald on Monday")
    assert aide.line == 25  # the sentence with <em>Saltmarsh Herald</em>
    ampersand = _claim_on(claims, "Saturday evening & met little resistance")
    assert ampersand.line == 31
