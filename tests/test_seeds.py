"""The five real seed articles (../shared/seeds): skipped when they are not beside the checkout.

Their text is not ours and is never copied into the project; these tests only read it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.models import Report

pytestmark = pytest.mark.slow


def test_flight_vs_state_agency_denial(seed_report: Report) -> None:
    claims = {c.id: c for c in seed_report.claims}
    found = []
    for finding in seed_report.contradictions:
        texts = (claims[finding.a].text.lower(), claims[finding.b].text.lower())
        left = [t for t in texts if "left the country" in t or "fled the country" in t]
        agency = [t for t in texts
                  if ("state news agency" in t or "state media" in t)
                  and "damascus" in t and ("denied" in t or "dismissed" in t)]
        if left and agency:
            found.append((claims[finding.a].where, claims[finding.b].where))
    assert found, "no contradiction between 'left the country' and the state agency's denial"


def test_every_nonblank_seed_line_is_accounted_for(seed_report: Report,
                                                   seeds_dir: Path) -> None:
    covered = {(c.file, c.line) for c in seed_report.claims}
    covered |= {(c.file, loc.line) for c in seed_report.claims for loc in c.also_at}
    covered |= {(s.file, s.line) for s in seed_report.skipped}
    for path in sorted(seeds_dir.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if line.strip():
                assert (path.name, number) in covered, f"{path.name}:{number} lost"


def test_sources_for_offensive_start(seeds_dir: Path, real_models) -> None:  # type: ignore[no-untyped-def]
    from claimcheck.api import find_sources

    result = find_sources("The rebel offensive began on November 27.", [seeds_dir],
                          models=real_models)
    files = {m.file for m in result.supporting}
    assert len(files) >= 3, [f"{m.file}:{m.line} {m.text}" for m in result.supporting]


def _contradiction_texts(report: Report) -> list[tuple[str, str]]:
    claims = {c.id: c for c in report.claims}
    return [(claims[f.a].text.lower(), claims[f.b].text.lower()) for f in report.contradictions]


def test_dated_captions_are_not_contradictions(seed_report: Report) -> None:
    # The traps of issue 3: a July meeting in Moscow vs denials that he fled to Russia, and a
    # 2008 airport arrival vs "he boarded a plane" today.
    for a, b in _contradiction_texts(seed_report):
        for text in (a, b):
            assert not ("moscow in july" in text or ("airport" in text and "2008" in text)), text


def test_fighters_sent_vs_allies_not_intervening(seed_report: Report) -> None:
    found = [(a, b) for a, b in _contradiction_texts(seed_report)
             if any("2,000 fighters" in t for t in (a, b))
             and any("interven" in t for t in (a, b))]
    assert found, "no contradiction between '2,000 fighters sent' and 'not intervening'"


def test_speakers_and_stances_on_the_seeds(seed_report: Report) -> None:
    nowhere = [c for c in seed_report.claims if "nowhere to be found" in c.fact]
    assert nowhere and all(c.speaker == "a source" and c.via == "CNN" for c in nowhere), [
        (c.where, c.speaker, c.via) for c in nowhere]
    denials = [c for c in seed_report.claims
               if c.stance == "denied" and "state news agency" in (c.speaker or "")]
    assert denials and all("fled to Russia" in c.fact for c in denials)


def test_seed_gold_anchors_stand_in_their_lines(seeds_dir: Path) -> None:
    # evaluation/seeds/gold.jsonl names the seeds' clear conflicts and traps by anchor
    # (scripts/bench_seeds.py); a seed file that changed would make its figures meaningless
    import json

    gold = Path(__file__).resolve().parent.parent / "evaluation" / "seeds" / "gold.jsonl"
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert {r["kind"] for r in records} == {"conflict", "trap"}
    for record in records:
        for anchor in (*record["a"], *record["b"]):
            lines = (seeds_dir / anchor["file"]).read_text(encoding="utf-8").split("\n")
            assert anchor["anchor"] in lines[anchor["line"] - 1], (record["id"], anchor)


def test_a_monitor_against_the_ministry_is_a_conflict_within_one_article(
        seed_report: Report) -> None:
    # 0.18.0: two voices of one article, listed apart from the contradictions between sources
    claims = {c.id: c for c in seed_report.claims}
    pairs = [(claims[f.a], claims[f.b]) for f in seed_report.within_article]
    assert any({a.line, b.line} == {43, 45} and a.file == b.file == "003_5a8b014f271cd233.txt"
               and "monitor" in (a.speaker or b.speaker or "") for a, b in pairs), [
        (a.where, b.where) for a, b in pairs]
    for finding in seed_report.contradictions:
        assert claims[finding.a].file != claims[finding.b].file
