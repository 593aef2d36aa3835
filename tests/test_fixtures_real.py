"""The planted findings of fixtures/kestrel, found with the real embedding model and judge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimcheck.models import Claim, Finding, Report

pytestmark = pytest.mark.slow

KESTREL = Path(__file__).parent.parent / "fixtures" / "kestrel"
EXPECTED = json.loads(
    (Path(__file__).parent / "golden" / "kestrel_expected.json").read_text(encoding="utf-8")
)


def _claim(report: Report, ref: dict[str, Any]) -> Claim:
    matches = [c for c in report.claims
               if c.file == ref["file"] and ref["contains"] in c.text]
    assert matches, f"no claim in {ref['file']} contains {ref['contains']!r}"
    return matches[0]


def _pair(findings: tuple[Finding, ...], a: Claim, b: Claim) -> Finding | None:
    return next((f for f in findings if {f.a, f.b} == {a.id, b.id}), None)


def _expected(kind: str, known_misses: dict[str, str]) -> list[Any]:
    """The planted items of one kind, those the built-in judge is known to miss as strict
    xfails with their reason."""
    return [pytest.param(item, marks=pytest.mark.xfail(strict=True,
                                                       reason=known_misses[item["name"]]))
            if item["name"] in known_misses else item for item in EXPECTED[kind]]


# Since 0.6 the MPNet second opinion decides every pair the first cross-encoder has a verdict
# on; it scores "entered Kestrel City on Saturday" vs "still 12 miles from the capital" at
# 0.56-0.73 contradiction, under the calibrated 0.74 (docs/assertions.md). Strict: a judge that
# finds it again must say so.
MISSED = {"entered-vs-12-miles": "judge: see MISSED"}


@pytest.mark.parametrize("item", _expected("contradictions", MISSED), ids=lambda i: i["name"])
def test_planted_contradiction_is_found(kestrel_report: Report, item: dict[str, Any]) -> None:
    a, b = _claim(kestrel_report, item["a"]), _claim(kestrel_report, item["b"])
    finding = _pair(kestrel_report.contradictions, a, b)
    assert finding is not None, f"{a.where} vs {b.where} not reported as a contradiction"
    assert (a.line, b.line) == (item["a"]["line"], item["b"]["line"])


@pytest.mark.parametrize("item", EXPECTED["traps"], ids=lambda i: i["name"])
def test_trap_is_not_flagged(kestrel_report: Report, item: dict[str, Any]) -> None:
    a, b = _claim(kestrel_report, item["a"]), _claim(kestrel_report, item["b"])
    assert _pair(kestrel_report.contradictions, a, b) is None


# 0.19.0's second opinion reads entailment as written: "The rebel campaign, which the NLF opened
# on March 3, has already cost the government most of the north" no longer entails "The NLF
# launched its offensive on March 3 and has moved faster than almost any observer predicted"
# (0.505 in 0.18.0, just past the 0.47 threshold). Each sentence holds a second fact the other
# lacks; the shared one is not a claim of its own (docs/judge.md, "0.19.0"). Strict: a judge
# or extractor that links them again must say so.
MISSED_AGREEMENTS = {"offensive-start": "0.19.0's judge: see MISSED_AGREEMENTS"}


@pytest.mark.parametrize("item", _expected("agreements", MISSED_AGREEMENTS),
                         ids=lambda i: i["name"])
def test_planted_agreement_links_the_sources(kestrel_report: Report,
                                             item: dict[str, Any]) -> None:
    claims = [_claim(kestrel_report, ref) for ref in item["claims"]]
    linked = {c.id for f in kestrel_report.agreements for c in claims if c.id in (f.a, f.b)
              and {f.a, f.b} <= {x.id for x in claims}}
    assert len(linked) >= 2, f"none of {[c.where for c in claims]} were found to agree"


# planted agreements the built-in judge still calls contradictions (strict xfail); 0.5.0 no
# longer reads 'took Brenn on Wednesday' vs 'seized Brenn this week' as a conflict
KNOWN_JUDGE_ERRORS: dict[str, str] = {}


@pytest.mark.parametrize("item", _expected("agreements", KNOWN_JUDGE_ERRORS),
                         ids=lambda i: i["name"])
def test_agreeing_claims_are_not_contradictions(kestrel_report: Report,
                                                item: dict[str, Any]) -> None:
    claims = [_claim(kestrel_report, ref) for ref in item["claims"]]
    for a in claims:
        for b in claims:
            if a.id < b.id:
                assert _pair(kestrel_report.contradictions, a, b) is None, (a.where, b.where)


def test_duplicate_captions_are_one_claim_with_both_locations(kestrel_report: Report) -> None:
    for item in EXPECTED["duplicate_captions"]:
        claim = _claim(kestrel_report, item)
        assert [claim.line, *(loc.line for loc in claim.also_at)] == item["lines"]


def test_sources_lists_the_three_articles(real_models) -> None:  # type: ignore[no-untyped-def]
    from claimcheck.api import find_sources

    query = EXPECTED["sources_query"]
    result = find_sources(query["text"], [Path(EXPECTED["fixture_dir"])], models=real_models)
    assert {m.file for m in result.supporting} >= set(query["files"])
    assert not result.refuting


def test_check_cli_with_real_models(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from claimcheck.cli import app

    result = CliRunner().invoke(app, ["check", "fixtures", "--out", str(tmp_path), "--quiet",
                                      "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 1, result.output
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.4"
    assert data["summary"]["contradictions"] >= len(EXPECTED["contradictions"])
    assert "kestrel/meridian_daily.txt:2" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_compare_with_real_judge(real_models) -> None:  # type: ignore[no-untyped-def]
    from claimcheck.api import compare_pairs

    [denial, paraphrase] = compare_pairs(
        [("Danek fled the country on Sunday.",
          "State media denied that Danek had fled, saying he remained in Kestrel City."),
         ("The NLF launched its offensive on March 3.",
          "The rebel offensive began on March 3.")],
        models=real_models,
    )
    assert denial.label == "contradiction"
    assert paraphrase.label == "entailment"


def test_builtin_cross_encoders_get_their_token_embeddings_back() -> None:
    import torch
    from safetensors.torch import load_file

    from claimcheck.embed import resolve_model_path
    from claimcheck.judge import WORD_EMBEDDINGS_FROM, CrossEncoderJudge, builtin_model_dir

    base = load_file(str(Path(resolve_model_path("all-MiniLM-L6-v2")) / "model.safetensors"))
    expected = base["embeddings.word_embeddings.weight"]
    # the MiniLM cross-encoder leaves its frozen token embeddings out; the MPNet second
    # opinion has a vocabulary of its own and keeps them
    folders = [f for f in sorted(builtin_model_dir().glob("cross-encoder*"))
               if WORD_EMBEDDINGS_FROM in json.loads((f / "card.json").read_text("utf-8"))]
    assert [f.name for f in folders] == ["cross-encoder"]
    for folder in folders:
        stored = load_file(str(folder / "model.safetensors"))
        assert not any(k.endswith("word_embeddings.weight") for k in stored), folder
        judge = CrossEncoderJudge(str(folder), dtype="float32")
        judge.predict([("a", "b")])
        restored = judge._model.model.get_input_embeddings().weight  # type: ignore[attr-defined]
        assert torch.equal(restored, expected), folder


def test_sources_lists_the_debunks_as_refuting(real_models) -> None:  # type: ignore[no-untyped-def]
    from claimcheck.api import find_sources

    attack = find_sources("Officials say NLF drones struck Harlan air base.", [KESTREL],
                          models=real_models)
    assert attack.content == "NLF drones struck Harlan air base"
    assert [(m.file, m.line, m.stance) for m in attack.refuting] == [
        ("harbour_ledger.txt", 8, "denied")]
    assert ("glacier_post.txt", 15) in {(m.file, m.line) for m in attack.supporting}
    flight = find_sources("President Aurel Danek fled the country.", [KESTREL],
                          models=real_models)
    assert ("meridian_daily.txt", 2, "denied") in {(m.file, m.line, m.stance)
                                                   for m in flight.refuting}
    assert not {m.file for m in flight.supporting} & {"meridian_daily.txt"}
    # "It is false that X" looks up X and lists the denial as on its side
    false_flight = find_sources("It is false that President Aurel Danek fled the country.",
                                [KESTREL], models=real_models)
    assert false_flight.content == flight.content and false_flight.query_stance == "refuted"
    assert ("meridian_daily.txt", 2, "denied") in {(m.file, m.line, m.stance)
                                                   for m in false_flight.supporting}
    assert not {m.file for m in false_flight.refuting} & {"meridian_daily.txt"}


def test_check_reads_a_refuted_story_against_a_claim_with_a_time(tmp_path: Path) -> None:
    # 0.36.0: "Drovic was on Casmarra until Saturday night" and the refuted "Drovic was sunning
    # himself on Casmarra during the fire" are neutral as written, one fact without the time
    from conftest import fresh_check

    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "ministry.txt").write_text(
        "Minister was not on holiday, says ministry\n"
        "Reports that Emergencies Minister Idelmar Drovic was sunning himself on Casmarra during"
        " the Harrowmere fire are false, his ministry said.\n", encoding="utf-8")
    (drop / "island.txt").write_text(
        "Where was the minister?\n"
        "Drovic was on Casmarra until Saturday night, hotel staff said.\n", encoding="utf-8")
    report = fresh_check([drop], tmp_path / "cache")
    by_id = {c.id: c for c in report.claims}
    found = {(f.kind, by_id[f.a].file, by_id[f.b].file) for f in report.contradictions}
    assert found in ({("refuted", "island.txt", "ministry.txt")},
                     {("refuted", "ministry.txt", "island.txt")})
