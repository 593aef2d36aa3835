"""CI runs: findings against an accepted baseline, so a build fails only on what is new."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.claims import identity_key
from claimcheck.errors import InputError
from claimcheck.models import Claim, Finding, Report

BASELINE_VERSION = 1


def _side(claim: Claim) -> dict[str, str]:
    return {"file": claim.file, "text": claim.text}


def finding_key(a: Claim, b: Claim) -> str:
    """Stable identity of a finding: its two claims' files and normalised texts, unordered.

    Line numbers and claim positions are left out on purpose: moving a paragraph or editing
    another part of the file does not re-open an accepted finding.
    """
    return _key_of_sides(_side_key(a), _side_key(b))


def _side_key(claim: Claim) -> str:
    return f"{claim.file}\0{identity_key(claim.text)}"


def _key_of_sides(a: str, b: str) -> str:
    return hashlib.sha256("\0\0".join(sorted((a, b))).encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Baseline:
    """Accepted findings by key."""

    path: Path
    entries: dict[str, dict[str, Any]]


def read_baseline(path: Path) -> Baseline:
    """The baseline at `path`; a missing file is an empty baseline."""
    if not path.exists():
        return Baseline(path, {})
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = {e["key"]: e for e in data["accepted"]}
        if int(data.get("version", 0)) > BASELINE_VERSION:
            raise InputError(f"{path}: baseline version {data['version']} is newer than this "
                             f"claimcheck understands ({BASELINE_VERSION}); upgrade claimcheck")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a claimcheck baseline ({exc})") from exc
    return Baseline(path, entries)


def baseline_document(report: Report) -> dict[str, Any]:
    """The baseline that accepts every contradiction of `report`."""
    claims = {c.id: c for c in report.claims}
    accepted: list[dict[str, Any]] = []
    for finding in report.contradictions:
        a, b = claims[finding.a], claims[finding.b]
        accepted.append({"key": finding_key(a, b), "a": _side(a), "b": _side(b),
                         "score": finding.score})
    accepted.sort(key=lambda e: str(e["key"]))
    return {"version": BASELINE_VERSION, "tool": "claimcheck", "accepted": accepted}


@dataclass(frozen=True)
class CiResult:
    """A CI run: the full report, and its contradictions split against the baseline."""

    report: Report
    new: tuple[Finding, ...]
    known: tuple[Finding, ...]
    resolved: int  # baseline entries no longer found
    baseline: Path
    baseline_written: bool

    @property
    def exit_code(self) -> int:
        return 1 if self.new and not self.baseline_written else 0


def diff_against_baseline(report: Report, baseline: Baseline
                          ) -> tuple[tuple[Finding, ...], tuple[Finding, ...], int]:
    """(new, known, resolved count) of the report's contradictions."""
    involved = {claim_id for f in report.contradictions for claim_id in (f.a, f.b)}
    # A claim sits in many findings: normalise its text once, not once per finding.
    side_keys = {c.id: _side_key(c) for c in report.claims if c.id in involved}
    new: list[Finding] = []
    known: list[Finding] = []
    seen: set[str] = set()
    for finding in report.contradictions:
        key = _key_of_sides(side_keys[finding.a], side_keys[finding.b])
        seen.add(key)
        (known if key in baseline.entries else new).append(finding)
    return tuple(new), tuple(known), len(set(baseline.entries) - seen)


def run_ci(
    run_check: Callable[[], Report],
    baseline_path: Path,
    write_baseline: bool = False,
) -> CiResult:
    """Run the check, compare with the baseline, and write the baseline when asked.

    `run_check` is the (incremental, index-backed) check to run; the baseline is read before
    it, so a broken baseline fails fast.
    """
    baseline = read_baseline(baseline_path)
    report = run_check()
    new, known, resolved = diff_against_baseline(report, baseline)
    if write_baseline:
        from claimcheck.report import write_atomic

        write_atomic(baseline_path,
                     json.dumps(baseline_document(report), indent=2, ensure_ascii=False) + "\n")
    return CiResult(report, new, known, resolved, baseline_path, write_baseline)


def findings_for_output(result: CiResult, findings: Sequence[Finding],
                        cwd: Path | None = None) -> list[dict[str, Any]]:
    """Findings as report.json dicts, with file paths relative to `cwd` (the repository root
    CI systems resolve paths against) rather than to the scanned folder."""
    from claimcheck.report import finding_dict

    root = (cwd or Path.cwd()).resolve()
    relative: dict[str, str] = {}
    for document in result.report.documents:  # once per file, not per finding
        absolute = Path(document.path).resolve()
        try:
            relative[document.file] = absolute.relative_to(root).as_posix()
        except ValueError:
            relative[document.file] = Path(os.path.relpath(absolute, root)).as_posix()
    claims = {c.id: c for c in result.report.claims}
    out = []
    for finding in findings:
        data = finding_dict(finding, claims)
        data["key"] = finding_key(claims[finding.a], claims[finding.b])
        for side in ("a", "b"):
            data[f"{side}_file"] = relative[data[f"{side}_file"]]
            data[f"{side}_where"] = f"{data[f'{side}_file']}:{data[f'{side}_line']}"
        out.append(data)
    return out

OUTPUT_FILES = {"md": "claimcheck-ci.md", "json": "claimcheck-ci.json",
                "sarif": "claimcheck-ci.sarif", "junit": "claimcheck-ci.junit.xml"}


def ci_counts(result: CiResult) -> dict[str, int]:
    report = result.report
    return {"documents": len(report.documents), "claims": len(report.claims),
            "contradictions": len(report.contradictions), "new": len(result.new),
            "accepted": len(result.known), "resolved": result.resolved}


@dataclass(frozen=True)
class CiOutput:
    """Everything a CI run shows: the output file, one line per new finding, the summary."""

    file_name: str
    text: str
    lines: tuple[str, ...]
    summary_markdown: str


def render_ci(result: CiResult, output_format: str, cwd: Path | None = None) -> CiOutput:
    """The output file in `output_format` (md, json, sarif, junit), the lines to print and
    the Markdown summary, from one pass over the new findings."""
    from claimcheck import __version__
    from claimcheck.ci_formats import render_junit, render_sarif, render_summary_markdown

    new = findings_for_output(result, result.new, cwd)
    counts = ci_counts(result)
    summary = render_summary_markdown(new, counts)
    if output_format == "sarif":
        root = (cwd or Path.cwd()).resolve().as_uri() + "/"
        text = render_sarif(new, __version__, root_uri=root)
    elif output_format == "junit":
        text = render_junit(new)
    elif output_format == "json":
        text = json.dumps({"version": "1.0", "counts": counts, "new": new,
                           "baseline": str(result.baseline),
                           "baseline_written": result.baseline_written},
                          indent=2, ensure_ascii=False) + "\n"
    elif output_format == "md":
        text = summary
    else:
        raise InputError(f"unknown CI output format {output_format!r}")
    tag = "ACCEPTED" if result.baseline_written else "NEW"
    lines = tuple(f"{tag} {f['score']:.2f}  {f['a_where']}  “{f['a_text']}”  <>  "
                  f"{f['b_where']}  “{f['b_text']}”" for f in new)
    return CiOutput(OUTPUT_FILES[output_format], text, lines, summary)

def summary_line(result: CiResult) -> str:
    counts = ci_counts(result)
    line = (f"{counts['new']} new, {counts['accepted']} accepted, {counts['resolved']} resolved "
            "contradictions")
    return line + (f"; baseline written to {result.baseline}" if result.baseline_written else "")


def publish_step_summary(output: CiOutput) -> Path | None:
    """Append the Markdown summary to $GITHUB_STEP_SUMMARY when it is set."""
    from claimcheck.ci_formats import append_github_step_summary

    return append_github_step_summary(output.summary_markdown)
