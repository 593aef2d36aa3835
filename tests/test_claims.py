"""claimcheck.claims: exact spans, nothing lost, news-specific splitting rules, stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.claims import claim_id, extract_claims, identity_key, normalise_text
from claimcheck.ingest import load_documents
from claimcheck.models import Claim, Document, Skipped

GOLDEN = Path(__file__).parent / "golden" / "kestrel_expected.json"


def _doc(text: str, file: str = "a.txt") -> Document:
    return Document(file=file, path="/" + file, sha256="0" * 64, encoding="utf-8", text=text)


def _claims(text: str, file: str = "a.txt") -> list[Claim]:
    return extract_claims(_doc(text, file))[0]


def _skipped(text: str) -> list[Skipped]:
    return extract_claims(_doc(text))[1]


@pytest.fixture(scope="module")
def kestrel() -> dict[str, tuple[Document, list[Claim], list[Skipped]]]:
    here = Path(__file__).parent.parent / "fixtures" / "kestrel"
    out = {}
    for doc in load_documents([here]):
        claims, skipped = extract_claims(doc)
        out[doc.file] = (doc, claims, skipped)
    return out


def _find(claims: list[Claim], contains: str) -> Claim:
    matches = [c for c in claims if contains in c.text]
    assert len(matches) == 1, (contains, [c.text for c in claims])
    return matches[0]


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# --- spans and the "nothing lost" guarantee --------------------------------------------------


def test_fixture_spans_are_exact(kestrel) -> None:  # type: ignore[no-untyped-def]
    assert len(kestrel) == 7
    for doc, claims, _ in kestrel.values():
        assert claims, doc.file
        for claim in claims:
            raw = doc.text[claim.start:claim.end]
            assert normalise_text(raw) == claim.text, (doc.file, claim.line)
            assert raw == raw.strip()
            assert claim.line <= claim.end_line
            assert _line_of(doc.text, claim.start) >= claim.line
            assert _line_of(doc.text, claim.end - 1) <= claim.end_line
            for loc in claim.also_at:
                again = doc.text[loc.start:loc.end]
                assert identity_key(again) == identity_key(claim.text)
                assert _line_of(doc.text, loc.start) == loc.line


def test_fixture_nothing_lost(kestrel) -> None:  # type: ignore[no-untyped-def]
    for doc, claims, skipped in kestrel.values():
        covered: set[int] = set()
        for claim in claims:
            covered.update(range(claim.line, claim.end_line + 1))
            for loc in claim.also_at:
                covered.update(range(loc.line, loc.end_line + 1))
        for entry in skipped:
            covered.update(range(entry.line, entry.end_line + 1))
        non_blank = {n for n, line in enumerate(doc.text.splitlines(), start=1) if line.strip()}
        assert non_blank - covered == set(), doc.file


def test_fixture_golden_lines(kestrel) -> None:  # type: ignore[no-untyped-def]
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    sides = []
    for item in golden["contradictions"] + golden["traps"]:
        sides += [item["a"], item["b"]]
    for item in golden["agreements"]:
        sides += item["claims"]
    for side in sides:
        claims = kestrel[side["file"]][1]
        claim = _find(claims, side["contains"])
        assert claim.line == side["line"], side


def test_duplicate_captions_are_one_claim_each(kestrel) -> None:  # type: ignore[no-untyped-def]
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    claims = kestrel["meridian_daily.txt"][1]
    assert len(golden["duplicate_captions"]) == 3
    for item in golden["duplicate_captions"]:
        matches = [c for c in claims if item["contains"] in c.text.replace("’", "'")
                   or item["contains"] in c.text]
        assert len(matches) == 1, item
        claim = matches[0]
        first, second = item["lines"]
        assert claim.line == first
        assert [loc.line for loc in claim.also_at] == [second]
        assert claim.kind == "caption"


def test_apostrophe_variant_keeps_first_spelling(kestrel) -> None:  # type: ignore[no-untyped-def]
    claims = kestrel["meridian_daily.txt"][1]
    claim = _find(claims, "northern suburbs")
    assert claim.text == "Smoke rises over Kestrel City’s northern suburbs on Saturday evening"


def test_semicolon_splits_into_two_claims(kestrel) -> None:  # type: ignore[no-untyped-def]
    claims = [c for c in kestrel["northwind_wire.txt"][1] if c.line == 17]
    assert [c.text for c in claims] == [
        "Shops and banks in the capital stayed closed on Saturday",
        "the city’s power grid failed shortly after 9 p.m.",
    ]
    assert claims[0].end < claims[1].start


def test_sources_list_is_skipped(kestrel) -> None:  # type: ignore[no-untyped-def]
    _, claims, skipped = kestrel["harbour_ledger.txt"]
    sources = [s for s in skipped if s.reason == "sources list"]
    assert [s.line for s in sources] == [17, 18, 19, 20, 21]
    assert sources[0].text == "Sources:"
    assert all(c.line < 17 for c in claims)


def test_date_prefix_is_skipped_as_metadata(kestrel) -> None:  # type: ignore[no-untyped-def]
    _, claims, skipped = kestrel["glacier_post.txt"]
    (meta,) = [s for s in skipped if s.line == 1]
    assert meta.reason.startswith("metadata")
    assert "2025-03-09" in meta.reason
    assert meta.text == "date 2025-03-09"
    first = [c for c in claims if c.line == 1]
    assert first and not any("date 2025" in c.text for c in first)
    assert first[0].text.startswith("Marovian capital falls")


def test_escaped_quotes_become_straight_quotes(kestrel) -> None:  # type: ignore[no-untyped-def]
    doc, claims, _ = kestrel["harbour_ledger.txt"]
    claim = _find(claims, "out buying bread")
    assert claim.text.startswith('"People were afraid')
    assert '\\' not in claim.text
    assert doc.text[claim.start:claim.end].startswith("\\”People")
    headline = claims[0]
    assert headline.text == "NLF advance leaves Marovia's neighbours weighing their options"


def test_fixture_kinds(kestrel) -> None:  # type: ignore[no-untyped-def]
    harbour = kestrel["harbour_ledger.txt"][1]
    assert harbour[0].kind == "headline"
    assert _find(harbour, "Rebels Sweep Through").kind == "heading"
    glacier = kestrel["glacier_post.txt"][1]
    assert _find(glacier, "directs traffic").kind == "caption"
    assert _find(glacier, "Explosions at Harlan").kind == "heading"
    eastline = kestrel["eastline_report.txt"][1]
    assert _find(eastline, "Fighting on the northern front").kind == "heading"


def test_crlf_fixture_offsets(kestrel) -> None:  # type: ignore[no-untyped-def]
    doc, claims, _ = kestrel["eastline_report.txt"]
    assert "\r\n" in doc.text
    claim = _find(claims, "NLF fighters took Brenn")
    assert doc.text[claim.start:claim.end] == "NLF fighters took Brenn on Wednesday."
    assert claim.line == 15


# --- sentence rules on small inputs ----------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "The U.S. embassy advised citizens to stay indoors until further notice.",
    "Dr. Anton Berg, an analyst, said the deployment might slow the rebels.",
    "Queues formed at petrol stations from 7 a.m. on Saturday as drivers waited.",
    "Gen. Mirek Halas did not appear at a televised briefing on Saturday.",
])
def test_abbreviations_do_not_split(sentence: str) -> None:
    claims = _claims("Headline for the test\n\n" + sentence + "\n")
    assert [c.text for c in claims[1:]] == [sentence]


def test_two_sentences_on_one_line_split() -> None:
    claims = _claims("Headline for the test\nThe army left the city. The rebels arrived at dawn.\n")
    assert [c.text for c in claims[1:]] == ["The army left the city.",
                                           "The rebels arrived at dawn."]
    assert all(c.line == 2 for c in claims[1:])


def test_quote_spanning_two_sentences_stays_one_claim() -> None:
    line = "“We will not leave. This city is ours,” he said."
    claims = _claims("Headline for the test\n" + line + "\n")
    assert [c.text for c in claims[1:]] == [line]


def test_straight_quote_spanning_two_sentences_stays_one_claim() -> None:
    line = '"We will not leave. This city is ours," he said.'
    claims = _claims("Headline for the test\n" + line + "\n")
    assert [c.text for c in claims[1:]] == [line]


def test_escaped_curly_quote_is_unescaped() -> None:
    line = "The ministry called the reports \\”fake news\\” on Sunday."
    claims = _claims("Headline for the test\n" + line + "\n")
    assert claims[1].text == 'The ministry called the reports "fake news" on Sunday.'


def test_kinds_on_small_examples() -> None:
    text = (
        "Rebels seize the capital overnight\n"
        "\n"
        "Rebels Sweep Through the Northern Provinces\n"
        "\n"
        "A fighter directs traffic near the central railway station in the city (KPA)\n"
        "\n"
        "The army withdrew from the city on Saturday.\n"
    )
    claims = _claims(text)
    assert [(c.line, c.kind) for c in claims] == [
        (1, "headline"), (3, "heading"), (5, "caption"), (7, "sentence"),
    ]


def test_sources_header_and_items_are_skipped() -> None:
    text = ("Headline for the test\nThe army withdrew from the city on Saturday.\n"
            "Sources:\n- Wire One: report\n- Wire Two: report\n")
    claims, skipped = extract_claims(_doc(text))
    assert [c.line for c in claims] == [1, 2]
    assert [(s.line, s.reason) for s in skipped] == [(3, "sources list"), (4, "sources list"),
                                                      (5, "sources list")]


def test_line_without_letters_is_skipped() -> None:
    skipped = _skipped("Headline for the test\n* * *\nThe army withdrew from the city.\n")
    assert [(s.line, s.reason) for s in skipped] == [(2, "no words")]


def test_date_prefix_only_line() -> None:
    claims, skipped = extract_claims(_doc("date 2025-03-09\nHeadline of the day here\n"))
    assert skipped[0].reason == "metadata: date 2025-03-09"
    assert [(c.line, c.kind) for c in claims] == [(2, "headline")]


def test_repeated_sentence_is_one_claim_with_also_at() -> None:
    text = ("Headline for the test\nThe bridge was closed on Monday.\n"
            "Other news happened today too.\nThe bridge was closed on Monday\n")
    claims = _claims(text)
    (bridge,) = [c for c in claims if "bridge" in c.text]
    assert bridge.line == 2
    assert [loc.line for loc in bridge.also_at] == [4]


def test_line_numbers_count_newlines_only() -> None:
    text = ("A long first sentence is here.\u2028Another sentence on the same line.\n"
            "Third sentence stands on line two.\n")
    claims = _claims(text)
    (third,) = [c for c in claims if c.text.startswith("Third")]
    assert third.line == _line_of(text, third.start) == 2


# --- ids -------------------------------------------------------------------------------------


def test_ids_are_stable_across_runs(fixtures_dir: Path) -> None:
    first = [c.id for d in load_documents([fixtures_dir]) for c in extract_claims(d)[0]]
    second = [c.id for d in load_documents([fixtures_dir]) for c in extract_claims(d)[0]]
    assert first == second
    assert len(set(first)) == len(first)
    assert all(len(i) == 11 and i.startswith("c") for i in first)


def test_ids_do_not_depend_on_line_position(tmp_path: Path) -> None:
    body = "Headline for the test\n\nThe bridge was closed on Monday after the storm.\n"
    moved = ("\n\n\nHeadline for the test\n\nAn extra paragraph arrived first here.\n\n"
             "The bridge was closed on Monday after the storm.\n")
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "two" / "a.txt").write_text(moved, encoding="utf-8")
    (doc1,) = load_documents([tmp_path / "one"])
    (doc2,) = load_documents([tmp_path / "two"])
    c1 = _find(extract_claims(doc1)[0], "bridge")
    c2 = _find(extract_claims(doc2)[0], "bridge")
    assert (c1.line, c2.line) == (3, 8)
    assert c1.id == c2.id


def test_ids_differ_across_files_for_same_text() -> None:
    text = "Headline for the test\nThe bridge was closed on Monday.\n"
    a = _find(_claims(text, "a.txt"), "bridge")
    b = _find(_claims(text, "b.txt"), "bridge")
    assert a.text == b.text
    assert a.id != b.id
    assert a.id == claim_id("a.txt", a.text)


def test_identity_key_ignores_case_quotes_spacing_and_end_mark() -> None:
    assert identity_key("Kestrel City’s  suburbs.") == identity_key("kestrel city's suburbs")
    assert identity_key("A — B") == identity_key("a - b")
    assert normalise_text("  a \\“b\\”\n c ") == 'a "b" c'
    assert normalise_text("it\\’s") == "it's"
