"""CI renderers of new contradictions: SARIF 2.1.0, JUnit XML, GitHub step summary.

Every renderer takes findings exactly as in report.json `contradictions[]` (see
docs/report-format.md) and is pure; only `append_github_step_summary` writes a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from claimcheck.errors import OutputError

Finding = Mapping[str, Any]

SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
RULE_ID = "claimcheck/contradiction"
FINGERPRINT_KEY = "claimcheckPair/v1"
SRCROOT = "SRCROOT"

_RULE: dict[str, Any] = {
    "id": RULE_ID,
    "name": "Contradiction",
    "shortDescription": {"text": "Two articles make contradicting claims."},
    "fullDescription": {
        "text": "An NLI judge found that a claim in one article contradicts a claim in another "
                "article about the same topic, in both directions on average.",
    },
    "help": {
        "text": "Read both claims and their sources. Correct the article that is wrong, or, "
                "when both are right (e.g. a later update), accept the pair into the baseline "
                "with `claimcheck ci --write-baseline`.",
        "markdown": "Read both claims and their sources. Correct the article that is wrong, or, "
                    "when both are right (e.g. a later update), accept the pair into the "
                    "baseline with `claimcheck ci --write-baseline`.",
    },
    "defaultConfiguration": {"level": "error"},
    "properties": {"tags": ["claimcheck", "contradiction"]},
}

# Characters XML 1.0 forbids even when escaped (C0 controls except tab, LF, CR; surrogates).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def pair_fingerprint(a: str, b: str) -> str:
    """Stable hash of two claim ids, independent of their order."""
    first, second = sorted((a, b))
    return hashlib.sha256(f"{first}\x00{second}".encode()).hexdigest()[:32]


def message_text(finding: Finding) -> str:
    """One-line description naming both sides, e.g. for SARIF and JUnit messages."""
    return (f"{finding['a_where']} conflicts with {finding['b_where']}: "
            f"“{finding['a_text']}” vs “{finding['b_text']}” "
            f"(score {float(finding['score']):.2f})")


def _artifact_uri(file: str, prefix: str) -> str:
    """Relative URI reference: forward slashes, no "." or empty segments, percent-encoded."""
    path = f"{prefix}/{file}".replace("\\", "/")
    return quote("/".join(part for part in path.split("/") if part not in ("", ".")), safe="/")


def _base_uri(root_uri: str) -> str:
    """An absolute URI ending in '/': a URI is kept, an absolute local path becomes file://."""
    if len(urlsplit(root_uri).scheme) > 1:  # one letter is a Windows drive, not a scheme
        uri = root_uri
    elif root_uri.startswith("/"):
        uri = "file://" + quote(root_uri)
    elif re.match(r"[A-Za-z]:[\\/]", root_uri):
        uri = "file:///" + quote(root_uri.replace("\\", "/"), safe="/:")
    else:
        raise ValueError(f"{root_uri}: root_uri must be an absolute path or URI")
    return uri if uri.endswith("/") else uri + "/"


def _location(file: str, line: int, text: str, prefix: str) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _artifact_uri(file, prefix), "uriBaseId": SRCROOT},
            "region": {"startLine": int(line), "snippet": {"text": text}},
        },
    }


def _sarif_result(finding: Finding, prefix: str) -> dict[str, Any]:
    related = _location(finding["b_file"], finding["b_line"], finding["b_text"], prefix)
    related = {"id": 1, **related,
               "message": {"text": f"conflicting claim: “{finding['b_text']}”"}}
    return {
        "ruleId": RULE_ID,
        "ruleIndex": 0,
        "level": "error",
        "message": {"text": message_text(finding)},
        "locations": [_location(finding["a_file"], finding["a_line"], finding["a_text"], prefix)],
        "relatedLocations": [related],
        # the baseline key (files + normalised texts) when the caller has it: it survives a
        # change of scanned folder, which claim ids (file paths relative to it) do not
        "partialFingerprints": {FINGERPRINT_KEY: str(finding.get("key"))
                                if finding.get("key")
                                else pair_fingerprint(finding["a"], finding["b"])},
        "properties": {"score": finding["score"], "similarity": finding["similarity"],
                       "cues": list(finding.get("cues", []))},
    }


def render_sarif(findings: Sequence[Finding], tool_version: str, root_uri: str | None = None,
                 *, uri_prefix: str = "") -> str:
    """SARIF 2.1.0 log with one error result per finding.

    root_uri (an absolute path or URI) becomes run.originalUriBaseIds SRCROOT. uri_prefix is
    put in front of every file, e.g. "articles/" to make paths relative to a repository root,
    which is what GitHub code scanning resolves them against (it ignores originalUriBaseIds).
    """
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "claimcheck", "version": tool_version,
                            "semanticVersion": tool_version, "rules": [_RULE]}},
        "results": [_sarif_result(f, uri_prefix) for f in findings],
        "columnKind": "unicodeCodePoints",
    }
    if root_uri is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": _base_uri(root_uri)}}
    log = {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _xml_text(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def _failure_details(finding: Finding) -> str:
    lines = [f"score {float(finding['score']):.2f}, "
             f"similarity {float(finding['similarity']):.2f}, topic {finding['topic']}"]
    if finding.get("cues"):
        lines.append("cues: " + ", ".join(finding["cues"]))
    for side in ("a", "b"):
        lines.append(f"{side}: {finding[f'{side}_where']} [{finding[side]}]: "
                     f"“{finding[f'{side}_text']}”")
    for direction in ("a_to_b", "b_to_a"):
        probs = finding.get(direction) or {}
        lines.append(f"{direction}: " + ", ".join(f"{k} {float(v):.2f}" for k, v in probs.items()))
    return "\n".join(lines)


def render_junit(findings: Sequence[Finding], suite_name: str = "claimcheck") -> str:
    """JUnit XML: a failing testcase per finding, or one passing testcase when there are none."""
    tests = max(len(findings), 1)
    counts = {"tests": str(tests), "failures": str(len(findings)), "errors": "0"}
    root = ET.Element("testsuites", {"name": _xml_text(suite_name), **counts})
    suite = ET.SubElement(root, "testsuite",
                          {"name": _xml_text(suite_name), **counts, "skipped": "0"})
    for finding in findings:
        case = ET.SubElement(suite, "testcase", {
            "classname": "claimcheck.contradictions",
            "name": _xml_text(f"{finding['a_where']} vs {finding['b_where']}"),
        })
        failure = ET.SubElement(case, "failure", {"message": _xml_text(message_text(finding)),
                                                  "type": "contradiction"})
        failure.text = _xml_text(_failure_details(finding))
    if not findings:
        ET.SubElement(suite, "testcase", {"classname": "claimcheck.contradictions",
                                          "name": "no new contradictions"})
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _md_cell(text: str, width: int | None = None) -> str:
    text = " ".join(str(text).split())
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|")


def render_summary_markdown(findings: Sequence[Finding], counts: Mapping[str, int],
                            limit: int = 50) -> str:
    """Compact GitHub step summary: counts, then a table of up to `limit` new contradictions."""
    lines = ["## claimcheck", ""]
    if counts:
        lines += [" · ".join(f"{key.replace('_', ' ')}: {value}"
                             for key, value in counts.items()), ""]
    if not findings:
        return "\n".join([*lines, "No new contradictions.", ""])
    lines += ["| score | a | claim a | b | claim b |", "|---:|---|---|---|---|"]
    for finding in findings[:limit]:
        lines.append(
            f"| {float(finding['score']):.2f} | {_md_cell(finding['a_where'])} "
            f"| {_md_cell(finding['a_text'], 80)} | {_md_cell(finding['b_where'])} "
            f"| {_md_cell(finding['b_text'], 80)} |")
    if len(findings) > limit:
        lines += ["", f"… and {len(findings) - limit} more."]
    return "\n".join([*lines, ""])


def append_github_step_summary(markdown: str,
                               environ: Mapping[str, str] = os.environ) -> Path | None:
    """Append to the file named by $GITHUB_STEP_SUMMARY; return its path, or None if unset."""
    name = environ.get("GITHUB_STEP_SUMMARY")
    if not name:
        return None
    path = Path(name)
    text = markdown if markdown.endswith("\n") else markdown + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the step summary: {exc.strerror}") from exc
    return path
