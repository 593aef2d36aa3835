"""claimcheck.report renderers on a run over the fixtures (fake models) and hand-built reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import fake_models

from claimcheck.api import premise_segments, run_check
from claimcheck.models import Claim, Cluster, Document, Finding, Report, Scores
from claimcheck.report import (
    claims_frame,
    iter_claim_lines,
    pairs_frame,
    render_claims_csv,
    render_json,
    render_markdown,
    render_table,
    report_from_stored_run,
    stored_run,
    to_json_dict,
    write_report,
)

TOP_KEYS = {"version", "tool", "settings", "summary", "documents", "claims", "clusters",
            "contradictions", "agreements", "changes_over_time", "skipped", "disputes",
            "warnings", "within_article"}  # warnings: format 1.2; within_article: 1.3
FINDING_KEYS = {"a", "b", "score", "similarity", "topic", "a_where", "b_where", "a_text",
                "a_file", "a_line", "b_file", "b_line",
                "b_text", "a_to_b", "b_to_a", "cues",
                # format 1.1
                "kind", "content_relation", "a_content", "b_content", "a_stance", "b_stance",
                "a_speaker", "b_speaker", "a_source", "b_source"}


@pytest.fixture(scope="module")
def report() -> Report:
    here = Path(__file__).parent.parent / "fixtures" / "kestrel"
    return run_check([here], models=fake_models())


def _small_report(contradictions: bool = True) -> Report:
    docs = tuple(Document(file=f, path="/" + f, sha256="0" * 64, encoding="utf-8", text="x",
                          outlet=o) for f, o in (("a.txt", "Alpha"), ("b.txt", None)))
    ca = Claim("c0000000001", "a.txt", 3, 3, 0, 10, "The base was attacked | hit.")
    cb = Claim("c0000000002", "b.txt", 7, 7, 0, 10, "The ministry denied the base was attacked.")
    s = Scores(0.1, 0.1, 0.8)
    finding = Finding("contradiction", ca.id, cb.id, 0.8, 0.7, 0, s, s, ("denial",))
    return Report(
        documents=docs, claims=(ca, cb),
        clusters=(Cluster(0, ca.id, ca.text, (ca.id, cb.id)),),
        contradictions=(finding,) if contradictions else (), agreements=(), skipped=(),
        settings={"judge": "hand"},
    )


def test_json_top_level_keys_and_summary(report: Report) -> None:
    data = to_json_dict(report)
    assert set(data) == TOP_KEYS
    assert data["version"] == "1.4"
    assert data["summary"] == {
        "documents": 7, "claims": len(report.claims), "clusters": len(report.clusters),
        "contradictions": len(report.contradictions), "agreements": len(report.agreements),
        "skipped": len(report.skipped), "changes_over_time": len(report.changes_over_time),
        "disputes": len(report.disputes), "warnings": 0,
        "within_article": len(report.within_article), "stories": len(report.stories),
    }
    assert data["settings"]["embed_model"] == "fake-embedder"
    assert sum(d["claims"] for d in data["documents"]) == len(report.claims)
    assert json.loads(render_json(report)) == data


def test_findings_between_sources_cross_documents_and_within_article_ones_do_not(
        report: Report) -> None:
    data = to_json_dict(report)
    for finding in data["contradictions"] + data["agreements"] + data["changes_over_time"]:
        assert finding["a_file"] != finding["b_file"]
    assert data["within_article"], "the fake judge finds a conflict inside one fixture"
    for finding in data["within_article"]:
        assert set(finding) == FINDING_KEYS
        assert finding["a_file"] == finding["b_file"] and finding["a_line"] != finding["b_line"]
    for dispute in data["disputes"]:
        pairs = {tuple(p) for p in dispute["pairs"]}
        assert pairs <= {(f["a"], f["b"]) for f in data["contradictions"]} | {
            (f["b"], f["a"]) for f in data["contradictions"]}


def test_json_findings_reference_known_claims(report: Report) -> None:
    data = to_json_dict(report)
    ids = {c["id"] for c in data["claims"]}
    assert len(ids) == len(data["claims"])
    assert data["contradictions"], "the fake judge finds contradictions in the fixtures"
    for finding in data["contradictions"] + data["agreements"]:
        assert set(finding) == FINDING_KEYS
        assert finding["a"] in ids and finding["b"] in ids
        assert finding["a"] != finding["b"]
        assert set(finding["a_to_b"]) == {"entailment", "neutral", "contradiction"}
    for cluster in data["clusters"]:
        assert set(cluster["claims"]) <= ids
        assert cluster["label"] in cluster["claims"]
    assert all(c["cluster"] is not None for c in data["claims"])


def test_markdown_names_both_sides(report: Report) -> None:
    md = render_markdown(report)
    claims = {c.id: c for c in report.claims}
    for finding in report.contradictions + report.agreements:
        assert f"`{claims[finding.a].where}`" in md
        assert f"`{claims[finding.b].where}`" in md
    assert md.startswith("# claimcheck report")
    assert "## Skipped lines" in md


def test_markdown_small_report() -> None:
    md = render_markdown(_small_report())
    assert "Alpha (asserted) `a.txt:3`" in md
    assert "`b.txt:7`" in md
    assert "\\|" in md  # table pipes escaped
    assert "denial" in md
    empty = render_markdown(_small_report(contradictions=False))
    assert "No contradictions found." in empty
    assert "No agreements between sources found." in empty


def test_table_with_and_without_contradictions(report: Report) -> None:
    table = render_table(report)
    assert "7 articles" in table
    assert "score" in table and "says yes" in table
    none = render_table(_small_report(contradictions=False))
    assert "0 disputes (0 conflicting pairs)" in none
    assert none.endswith("No contradictions found.")
    limited = render_table(report, limit=1)
    if len(report.disputes) > 1:
        assert f"and {len(report.disputes) - 1} more" in limited


def test_claims_frame_columns(report: Report) -> None:
    frame = claims_frame(report)
    assert list(frame.columns) == ["id", "file", "line", "end_line", "start", "end", "text",
                                   "kind", "cluster", "also_at", "content", "content_spans",
                                   "stance", "speaker", "via", "names"]
    assert len(frame) == len(report.claims)
    # the proper nouns of each claim's sentence, joined as also_at's lines are
    assert frame["names"].str.contains("Danek").any()
    assert (frame.loc[frame["file"] == "meridian_daily.txt", "also_at"] == "6").sum() == 1
    assert report.claims_frame().equals(frame)


def test_pairs_frame_columns(report: Report) -> None:
    frame = pairs_frame(report)
    assert len(frame) == (len(report.contradictions) + len(report.agreements)
                          + len(report.changes_over_time))
    for column in ("kind", "a", "b", "score", "similarity", "a_where", "b_where", "cues",
                   "a_to_b_entailment", "a_to_b_contradiction", "b_to_a_neutral"):
        assert column in frame.columns
    assert set(frame["kind"]) <= {"contradiction", "denial", "refuted", "disputed", "agreement",
                                  "change_over_time"}
    assert "a_to_b" not in frame.columns


def test_pairs_frame_columns_when_empty() -> None:
    frame = pairs_frame(_small_report(contradictions=False))
    assert len(frame) == 0
    assert {"kind", "a", "b", "score"} <= set(frame.columns)


def test_claims_csv_and_lines(report: Report) -> None:
    csv_text = render_claims_csv(report)
    assert csv_text.splitlines()[0] == ("id,file,line,end_line,start,end,text,kind,cluster,"
                                        "also_at,content,content_spans,stance,speaker,via,names")
    lines = list(iter_claim_lines(report))
    assert len(lines) == len(report.claims) + len(report.skipped)
    assert any(line.startswith("meridian_daily.txt:5, 6\t") for line in lines)
    assert any("\tskipped\tsources list" in line for line in lines)


def test_write_report_is_atomic(tmp_path: Path, report: Report) -> None:
    out = tmp_path / "out" / "nested"
    written = write_report(report, out)
    assert written == [out / "report.json", out / "report.md"]
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.md"]
    assert json.loads((out / "report.json").read_text(encoding="utf-8")) == to_json_dict(report)
    assert (out / "report.md").read_text(encoding="utf-8") == render_markdown(report)
    # overwriting leaves no temporary files behind either
    write_report(_small_report(), out)
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.md"]
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]["claims"] == 2


def test_report_claim_lookup() -> None:
    small = _small_report()
    assert small.claim("c0000000002").file == "b.txt"
    with pytest.raises(KeyError):
        small.claim("cffffffffff")


def test_premise_segments_keep_a_subject_with_its_aside() -> None:
    text = "The rebel campaign, which the NLF opened on March 3, has cost the army the north."
    segments = premise_segments(text)
    assert segments[0] == text  # the whole sentence first: its row is the forward verdict
    assert "The rebel campaign, which the NLF opened on March 3" in segments
    assert "which the NLF opened on March 3" in segments
    assert premise_segments("Soldiers held the bridge on Monday.") == [
        "Soldiers held the bridge on Monday."]


def test_stored_run_round_trips_the_report(report: Report) -> None:
    data = json.loads(json.dumps(stored_run(report)))
    assert report_from_stored_run(data, report.documents) == report
    assert len(json.dumps(data)) < len(render_json(report)) / 2


def test_a_run_stored_in_another_format_is_not_reused(report: Report) -> None:
    assert report_from_stored_run({**stored_run(report), "format": "1"}, report.documents) is None
    assert report_from_stored_run(to_json_dict(report), report.documents) is None
