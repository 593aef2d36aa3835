"""The typer CLI, end to end with fake models (claimcheck.api.build_models patched)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import __version__
from claimcheck.cli import app

runner = CliRunner()

AGREEING = {
    "one.txt": "Rebels capture Brenn\n\nThe NLF captured Brenn on Wednesday after heavy "
               "fighting in the streets.\n",
    "two.txt": "Brenn falls to the NLF\n\nThe NLF captured Brenn on Wednesday after heavy "
               "street fighting in the city.\n",
}


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def _write_drop(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


# --- help and version --------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "sources", "claims", "compare", "prepare", "serve",
                                     "ci"])
def test_help_shows_an_example(command: str) -> None:
    result = _invoke(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "claimcheck " + command in " ".join(result.output.split())


def test_top_level_help_and_no_args() -> None:
    result = _invoke("--help")
    assert result.exit_code == 0
    for command in ("check", "sources", "claims", "compare"):
        assert command in result.output


def test_version() -> None:
    result = _invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"claimcheck {__version__}"


# --- check -------------------------------------------------------------------------------------


def test_check_fixtures_writes_reports_and_exits_1(fake_models, fixtures_dir: Path,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = _invoke("check", fixtures_dir, "--out", out)
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.md"]
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["contradictions"] > 0
    assert data["settings"]["judge"] == "fake-judge"
    assert "disputes" in result.stdout and "says yes" in result.stdout
    assert "wrote" in result.stderr
    assert "…" in result.stderr  # progress


def test_check_quiet_prints_no_progress(fake_models, fixtures_dir: Path,  # type: ignore[no-untyped-def]
                                        tmp_path: Path) -> None:
    result = _invoke("check", fixtures_dir, "--out", tmp_path / "r", "--quiet")
    assert result.exit_code == 1
    assert result.stderr == ""


def test_check_agreeing_articles_exits_0(fake_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    drop = _write_drop(tmp_path / "drop", AGREEING)
    out = tmp_path / "reports"
    result = _invoke("check", drop, "--out", out, "-q")
    assert result.exit_code == 0, result.output
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["contradictions"] == 0
    assert data["summary"]["agreements"] >= 1
    assert "No contradictions found." in result.stdout


def test_check_nul_byte_file_exits_2(fake_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    drop = _write_drop(tmp_path / "drop", {**AGREEING, "broken.txt": b"Some words.\n\x00tail"})
    result = _invoke("check", drop, "--out", tmp_path / "reports")
    assert result.exit_code == 2, result.output
    assert "broken.txt" in result.stderr
    assert "byte offset 12" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "reports").exists()


def test_check_missing_path_exits_2(fake_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = _invoke("check", tmp_path / "missing", "--out", tmp_path / "reports")
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.output


def test_check_folder_without_articles_exits_2(fake_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    drop = _write_drop(tmp_path / "drop", {"notes.csv": "a,b\n"})
    result = _invoke("check", drop, "--out", tmp_path / "reports")
    assert result.exit_code == 2
    assert "no .txt, .md or .html articles" in result.stderr


@pytest.mark.parametrize("option", ["--contradiction-threshold", "--min-similarity"])
def test_check_threshold_out_of_range_exits_2(fake_models, fixtures_dir: Path,  # type: ignore[no-untyped-def]
                                              tmp_path: Path, option: str) -> None:
    result = _invoke("check", fixtures_dir, "--out", tmp_path / "r", option, "1.5")
    assert result.exit_code == 2
    assert "must be between 0 and 1" in result.stderr
    assert option.lstrip("-") in result.stderr


def test_check_out_is_a_file_exits_2(fake_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    drop = _write_drop(tmp_path / "drop", AGREEING)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    result = _invoke("check", drop, "--out", blocker, "-q")
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- claims -------------------------------------------------------------------------------------


def test_claims_csv(fixtures_dir: Path) -> None:
    result = _invoke("claims", fixtures_dir, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    header = result.stdout.splitlines()[0].split(",")
    assert header[:3] == ["id", "file", "line"]
    # `claims` does not cluster, so it has no cluster column (check's claims_frame has one)
    assert header == ["id", "file", "line", "end_line", "start", "end", "text", "kind",
                      "also_at", "content", "content_spans", "stance", "speaker", "via",
                      "names"]
    assert len(rows) > 50
    assert {r["file"] for r in rows} >= {"meridian_daily.txt", "northwind_wire.txt"}
    semicolon = [r for r in rows if r["file"] == "northwind_wire.txt" and r["line"] == "17"]
    assert len(semicolon) == 2


def test_claims_json(fixtures_dir: Path) -> None:
    result = _invoke("claims", fixtures_dir, "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"documents", "claims", "skipped", "warnings"}
    assert len(data["documents"]) == 7
    assert any(s["reason"] == "sources list" for s in data["skipped"])


def test_claims_text(fixtures_dir: Path) -> None:
    result = _invoke("claims", fixtures_dir)
    assert result.exit_code == 0
    assert "meridian_daily.txt:5, 6\t" in result.stdout


def test_claims_bad_format_and_missing_path(tmp_path: Path) -> None:
    assert _invoke("claims", tmp_path, "--format", "xml").exit_code == 2
    result = _invoke("claims", tmp_path / "nope")
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


# --- sources ------------------------------------------------------------------------------------


def test_sources_json(fake_models, fixtures_dir: Path) -> None:  # type: ignore[no-untyped-def]
    result = _invoke("sources", "The NLF captured Brenn on Wednesday.", fixtures_dir, "--json",
                     "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"claim", "supporting", "refuting", "reporting", "content", "warnings",
                         "query_stance"}
    assert data["claim"] == "The NLF captured Brenn on Wednesday."
    assert data["query_stance"] == "asserted"
    assert any(m["file"] == "eastline_report.txt" and m["line"] == 15
               for m in data["supporting"])
    for match in data["supporting"] + data["refuting"]:
        assert set(match) == {"file", "line", "text", "score", "similarity", "id", "content",
                              "stance", "speaker", "relation"}


def test_sources_text_and_unknown_id(fake_models, fixtures_dir: Path) -> None:  # type: ignore[no-untyped-def]
    result = _invoke("sources", "The NLF captured Brenn on Wednesday.", fixtures_dir, "-q")
    assert result.exit_code == 0
    assert "Supporting (" in result.stdout and "Refuting (" in result.stdout
    assert "The claim is" not in result.stdout
    hoax = _invoke("sources", "Hoax: the NLF captured Brenn on Wednesday.", fixtures_dir, "-q")
    assert hoax.exit_code == 0
    assert "The claim is refuted: supporting lists the sources that reject" in hoax.stdout
    missing = _invoke("sources", "c0123456789", fixtures_dir, "-q")
    assert missing.exit_code == 2
    assert "no claim with id c0123456789" in missing.stderr


# --- compare ------------------------------------------------------------------------------------


def test_compare_one_pair(fake_models) -> None:  # type: ignore[no-untyped-def]
    result = _invoke("compare", "The ministry denied the air base was attacked.",
                     "The air base was attacked.")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert set(data) == {"label", "scores"}
    assert set(data["scores"]) == {"entailment", "neutral", "contradiction"}
    assert data["label"] == "contradiction"


def test_compare_pairs_file(fake_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"premise": "The NLF captured Brenn on Wednesday.",
                    "hypothesis": "The NLF captured Brenn on Wednesday night."}) + "\n\n"
        + json.dumps({"premise": "Bread prices rose.", "hypothesis": "The airport closed."})
        + "\n", encoding="utf-8")
    result = _invoke("compare", "--pairs", pairs)
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["label"] for line in lines] == ["entailment", "neutral"]


def test_compare_malformed_pairs_line(fake_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"premise": "a", "hypothesis": "b"}) + "\n"
                     + '{"premise": "only one side"}\n', encoding="utf-8")
    result = _invoke("compare", "--pairs", pairs)
    assert result.exit_code == 2
    assert f"{pairs}:2" in result.stderr
    assert "Traceback" not in result.output
    pairs.write_text("not json\n", encoding="utf-8")
    result = _invoke("compare", "--pairs", pairs)
    assert result.exit_code == 2
    assert f"{pairs}:1" in result.stderr


def test_compare_usage_errors(fake_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = _invoke("compare")
    assert result.exit_code == 2
    assert "PREMISE and HYPOTHESIS" in result.stderr
    assert _invoke("compare", "only premise").exit_code == 2
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("", encoding="utf-8")
    both = _invoke("compare", "a", "b", "--pairs", pairs)
    assert both.exit_code == 2
    assert "not both" in both.stderr
    missing = _invoke("compare", "--pairs", tmp_path / "missing.jsonl")
    assert missing.exit_code == 2
    assert "cannot read pairs file" in missing.stderr


# --- import cost --------------------------------------------------------------------------------


def test_cli_import_does_not_load_heavy_libraries() -> None:
    code = ("import claimcheck.cli, sys; "
            "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.split() == ["False", "False"]


def test_unknown_judge_dtype_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_JUDGE_DTYPE", "fp8")
    result = _invoke("compare", "The army left.", "The army stayed.")
    assert result.exit_code == 2, result.output
    assert "CLAIMCHECK_JUDGE_DTYPE" in result.output
    assert "Traceback" not in result.output
