"""Pure renderers of a Report: JSON (the public contract), Markdown, terminal table, CSV;
and the compact form the index stores for unchanged re-runs."""

from __future__ import annotations

import itertools
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claimcheck import __version__
from claimcheck.errors import OutputError
from claimcheck.models import (
    Claim,
    Cluster,
    Dispute,
    Document,
    Finding,
    InputWarning,
    Report,
    Scores,
    Skipped,
    claim_from_dict,
    claim_to_dict,
)
from claimcheck.stories import story_of


def cluster_of(report: Report) -> dict[str, int]:
    """Claim id -> cluster id."""
    return {claim_id: cluster.id for cluster in report.clusters for claim_id in cluster.claims}


def _claim_dict(claim: Claim, cluster: int | None) -> dict[str, Any]:
    data = claim_to_dict(claim)
    also_at = data.pop("also_at")
    return {**data, "cluster": cluster, "also_at": also_at}


def source_label(claim: Claim, outlets: dict[str, str]) -> str:
    """Who says it: "outlet", or "outlet, via speaker (to whom)" for an attributed claim."""
    outlet = outlets.get(claim.file) or claim.file
    if not claim.speaker:
        return outlet
    to = f" (to {claim.via})" if claim.via else ""
    return f"{outlet}, via {claim.speaker}{to}"


def _outlets(report: Report) -> dict[str, str]:
    return {d.file: d.outlet for d in report.documents if d.outlet}


def finding_dict(finding: Finding, claims: dict[str, Claim],
                 outlets: dict[str, str] | None = None) -> dict[str, Any]:
    a, b = claims[finding.a], claims[finding.b]
    outlets = outlets or {}
    return {
        "a": finding.a, "b": finding.b, "score": finding.score,
        "similarity": finding.similarity, "topic": finding.topic,
        "a_where": f"{a.file}:{a.line}", "b_where": f"{b.file}:{b.line}",
        "a_file": a.file, "a_line": a.line, "b_file": b.file, "b_line": b.line,
        "a_text": a.text, "b_text": b.text,
        "a_to_b": finding.a_to_b.as_dict(), "b_to_a": finding.b_to_a.as_dict(),
        "cues": list(finding.cues),
        "kind": finding.kind, "content_relation": finding.content_relation,
        "a_content": a.fact, "b_content": b.fact, "a_stance": a.stance, "b_stance": b.stance,
        "a_speaker": a.speaker, "b_speaker": b.speaker,
        "a_source": source_label(a, outlets), "b_source": source_label(b, outlets),
    }


def _side_dict(claim: Claim, outlets: dict[str, str]) -> dict[str, Any]:
    return {"id": claim.id, "where": claim.where, "file": claim.file, "line": claim.line,
            "source": source_label(claim, outlets), "outlet": outlets.get(claim.file),
            "speaker": claim.speaker, "via": claim.via, "stance": claim.stance,
            "content": claim.fact, "text": claim.text}


def dispute_dict(dispute: Dispute, claims: dict[str, Claim],
                 outlets: dict[str, str]) -> dict[str, Any]:
    """One dispute as report.json holds it."""
    return {
        "id": dispute.id, "label": dispute.label, "label_claim": dispute.label_claim,
        "kind": dispute.kind, "score": dispute.score,
        "yes": [_side_dict(claims[c], outlets) for c in dispute.yes],
        "no": [_side_dict(claims[c], outlets) for c in dispute.no],
        "unconfirmed": [_side_dict(claims[c], outlets) for c in dispute.unconfirmed],
        "pairs": [list(p) for p in dispute.pairs],
    }


def to_json_dict(report: Report) -> dict[str, Any]:
    """The report.json document (see docs/report-format.md for the contract)."""
    clusters = cluster_of(report)
    claims = {c.id: c for c in report.claims}
    outlets = _outlets(report)
    claim_counts: dict[str, int] = defaultdict(int)
    for claim in report.claims:
        claim_counts[claim.file] += 1
    stories = story_of(report.stories)
    return {
        "version": report.version,
        "tool": {"name": "claimcheck", "version": __version__},
        "settings": report.settings,
        "summary": {
            "documents": len(report.documents), "claims": len(report.claims),
            "clusters": len(report.clusters), "contradictions": len(report.contradictions),
            "agreements": len(report.agreements), "skipped": len(report.skipped),
            "changes_over_time": len(report.changes_over_time),
            "disputes": len(report.disputes), "warnings": len(report.warnings),
            "within_article": len(report.within_article), "stories": len(report.stories),
        },
        "documents": [
            {"file": d.file, "sha256": d.sha256, "published": d.published, "outlet": d.outlet,
             "url": d.url, "encoding": d.encoding, "claims": claim_counts[d.file],
             "format": d.format, "title": d.title, "author": d.author,
             "duplicate_of": d.duplicate_of, "story": stories.get(d.file)}
            for d in report.documents
        ],
        "warnings": [warning_dict(w) for w in report.warnings],
        "claims": [_claim_dict(c, clusters.get(c.id)) for c in report.claims],
        "clusters": [
            {"id": k.id, "label": k.label, "label_text": k.label_text, "claims": list(k.claims)}
            for k in report.clusters
        ],
        "contradictions": [finding_dict(f, claims, outlets) for f in report.contradictions],
        "agreements": [finding_dict(f, claims, outlets) for f in report.agreements],
        "changes_over_time": [finding_dict(f, claims, outlets)
                              for f in report.changes_over_time],
        "disputes": [dispute_dict(d, claims, outlets) for d in report.disputes],
        "within_article": [finding_dict(f, claims, outlets) for f in report.within_article],
        "skipped": [{"file": s.file, "line": s.line, "end_line": s.end_line,
                     "reason": s.reason, "text": s.text} for s in report.skipped],
    }


def warning_dict(warning: InputWarning) -> dict[str, Any]:
    return {"file": warning.file, "line": warning.line, "byte_offset": warning.byte_offset,
            "message": warning.message}


def warning_line(warning: InputWarning) -> str:
    """`file:line: message (byte offset N)`, as stderr and report.md show a warning."""
    where = warning.file + (f":{warning.line}" if warning.line is not None else "")
    offset = f" (byte offset {warning.byte_offset})" if warning.byte_offset is not None else ""
    return f"{where}: {warning.message}{offset}"


STORED_RUN_FORMAT = "5"  # the index's own form of a report (not report.json); bump on change


def _finding_rows(findings: Iterable[Finding]) -> list[list[Any]]:
    return [[f.kind, f.a, f.b, f.score, f.similarity, f.topic,
             [f.a_to_b.entailment, f.a_to_b.neutral, f.a_to_b.contradiction],
             [f.b_to_a.entailment, f.b_to_a.neutral, f.b_to_a.contradiction], list(f.cues),
             f.content_relation]
            for f in findings]


def _findings_from_rows(rows: Iterable[list[Any]]) -> tuple[Finding, ...]:
    return tuple(Finding(kind, a, b, score, similarity, topic, Scores(*a_to_b),
                         Scores(*b_to_a), tuple(cues), relation)
                 for kind, a, b, score, similarity, topic, a_to_b, b_to_a, cues, relation
                 in rows)


def stored_run(report: Report) -> dict[str, Any]:
    """The report as the index stores it for unchanged re-runs: findings as rows of claim ids.

    report.json repeats both claims' texts and places in every finding; an unchanged CI
    re-run decodes this form instead, which is several times smaller.
    """
    return {
        "format": STORED_RUN_FORMAT, "version": report.version, "settings": report.settings,
        "claims": [claim_to_dict(c) for c in report.claims],
        "clusters": [[k.id, k.label, k.label_text, list(k.claims)] for k in report.clusters],
        "contradictions": _finding_rows(report.contradictions),
        "agreements": _finding_rows(report.agreements),
        "changes_over_time": _finding_rows(report.changes_over_time),
        "within_article": _finding_rows(report.within_article),
        "skipped": [[s.file, s.line, s.end_line, s.reason, s.text] for s in report.skipped],
        "disputes": [[d.id, d.label, d.label_claim, d.kind, d.score, list(d.yes), list(d.no),
                      list(d.unconfirmed), [list(p) for p in d.pairs]]
                     for d in report.disputes],
        "stories": [list(files) for files in report.stories],
    }


def report_from_stored_run(data: dict[str, Any], documents: Iterable[Document]
                           ) -> Report | None:
    """The inverse of stored_run; None for a run stored in another format."""
    if data.get("format") != STORED_RUN_FORMAT:
        return None
    return Report(
        documents=tuple(documents),
        claims=tuple(claim_from_dict(c) for c in data["claims"]),
        clusters=tuple(Cluster(i, label, text, tuple(claims))
                       for i, label, text, claims in data["clusters"]),
        contradictions=_findings_from_rows(data["contradictions"]),
        agreements=_findings_from_rows(data["agreements"]),
        changes_over_time=_findings_from_rows(data["changes_over_time"]),
        within_article=_findings_from_rows(data["within_article"]),
        disputes=tuple(Dispute(i, label, claim, kind, score, tuple(yes), tuple(no),
                               tuple(unconfirmed), tuple((a, b) for a, b in pairs))
                       for i, label, claim, kind, score, yes, no, unconfirmed, pairs
                       in data["disputes"]),
        skipped=tuple(Skipped(*row) for row in data["skipped"]),
        settings=dict(data["settings"]),
        stories=tuple(tuple(files) for files in data["stories"]),
        version=data["version"],
    )


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps_json(data: Any, indent: int | None = 2) -> str:
    """JSON text that any UTF-8 writer accepts, whatever strings `data` holds: control
    characters are escaped by json, and lone surrogates (from file names that are not valid
    UTF-8) as \\uXXXX escapes, which read back to the same string."""
    return _escape_lone_surrogates(json.dumps(data, indent=indent, ensure_ascii=False))


def iter_json(data: Any, indent: int | None = 2) -> Iterator[str]:
    """`dumps_json(data)` in pieces, for writing a large report without holding its whole
    text (at 50,000 claims the text and its pieces took more memory than the run)."""
    encoder = json.JSONEncoder(indent=indent, ensure_ascii=False)
    for piece in encoder.iterencode(data):
        yield _escape_lone_surrogates(piece)


def _escape_lone_surrogates(text: str) -> str:
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render_json(report: Report) -> str:
    return dumps_json(to_json_dict(report)) + "\n"


_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "\n": " ",
                         "\r": " "})


def _md_quote(text: str) -> str:
    """Article text as inert Markdown: no table breaks, no live HTML."""
    return text.translate(_MARKUP)


def _outlet(outlets: dict[str, str], file: str) -> str:
    return f" ({outlets[file]})" if file in outlets else ""


def render_markdown(report: Report) -> str:
    """Contradictions grouped by topic, strongest first; then which sources agree per topic."""
    claims = {c.id: c for c in report.claims}
    labels = {k.id: k.label_text for k in report.clusters}
    outlets = _outlets(report)
    lines = [
        "# claimcheck report", "",
        f"{len(report.documents)} articles, {len(report.claims)} claims, "
        f"{len(report.disputes)} disputes, "
        f"{len(report.contradictions)} contradictions, {len(report.agreements)} agreements, "
        f"{len(report.changes_over_time)} changes over time, "
        f"{len(report.within_article)} conflicts within one article, "
        f"{len(report.skipped)} skipped lines.", "",
        *_story_lines(report),
        "## Disputes", "",
    ]
    if not report.disputes:
        lines += ["No disputes found.", ""]
    for dispute in report.disputes:
        lines += [f"### {dispute.id}. {_md_quote(dispute.label)}", "",
                  f"Strongest conflict: {dispute.kind.replace('_', ' ')} "
                  f"(score {dispute.score:.2f}), {len(dispute.pairs)} pairs.", ""]
        for title, side in (("Says yes", dispute.yes), ("Says no", dispute.no),
                            ("Only hedges or asks", dispute.unconfirmed)):
            if not side:
                continue
            lines.append(f"**{title}** ({len({claims[c].file for c in side})} sources):")
            lines += [f"- {_side_line(claims[c], outlets)}" for c in side]
            lines.append("")
    lines += ["## Contradictions (pairs)", ""]
    if not report.contradictions:
        lines += ["No contradictions found.", ""]
    by_topic: dict[int, list[Finding]] = defaultdict(list)
    for finding in report.contradictions:
        by_topic[finding.topic].append(finding)
    topic_order = sorted(by_topic, key=lambda t: -max(f.score for f in by_topic[t]))
    for topic in topic_order:
        lines += [f"### Topic {topic}: {_md_quote(labels.get(topic, ''))}", ""]
        for finding in by_topic[topic]:
            lines += _conflict_lines(finding, claims, outlets)
        lines.append("")
    if report.changes_over_time:
        lines += ["## Changes over time (not counted as contradictions)", "",
                  "The two sides conflict, but they are about different times: a photo caption "
                  "with its own date, or two dated states of one thing.", ""]
        for finding in report.changes_over_time:
            a, b = claims[finding.a], claims[finding.b]
            lines += [
                f"- score {finding.score:.2f}",
                f"  - `{a.file}:{a.line}`{_outlet(outlets, a.file)}: “{_md_quote(a.text)}”",
                f"  - `{b.file}:{b.line}`{_outlet(outlets, b.file)}: “{_md_quote(b.text)}”",
            ]
        lines.append("")
    if report.within_article:
        lines += ["## Within one article (not counted as contradictions)", "",
                  "Two voices of one article conflict: the article reports a dispute "
                  "(\"a monitor reported X\"; the ministry denies X).", ""]
        for finding in report.within_article:
            lines += _conflict_lines(finding, claims, outlets)
        lines.append("")
    lines += ["## Agreements", ""]
    if not report.agreements:
        lines += ["No agreements between sources found.", ""]
    agree_by_topic: dict[int, list[Finding]] = defaultdict(list)
    for finding in report.agreements:
        agree_by_topic[finding.topic].append(finding)
    for topic in sorted(agree_by_topic, key=lambda t: -len(agree_by_topic[t])):
        lines += [f"### Topic {topic}: {_md_quote(labels.get(topic, ''))}", ""]
        seen: dict[str, Claim] = {}
        for finding in agree_by_topic[topic]:
            for claim_id in (finding.a, finding.b):
                seen.setdefault(claim_id, claims[claim_id])
        files = sorted({c.file for c in seen.values()})
        lines.append(f"{len(files)} sources agree: " + ", ".join(f"`{f}`" for f in files))
        lines.append("")
        for claim in sorted(seen.values(), key=lambda c: (c.file, c.line)):
            lines.append(f"- `{claim.file}:{claim.line}`: “{_md_quote(claim.text)}”")
        lines.append("")
    if report.warnings:
        lines += ["## Input warnings", ""]
        lines += [f"- {_md_quote(warning_line(w))}" for w in report.warnings]
        lines.append("")
    if report.skipped:
        lines += ["## Skipped lines", ""]
        lines += [f"- `{s.file}:{s.line}` {s.reason}: {_md_quote(s.text)[:80]}"
                  for s in report.skipped]
        lines.append("")
    return "\n".join(lines)


def _story_lines(report: Report) -> list[str]:
    """Where the drop holds more than one story, which articles make each: claims of two
    stories were not compared."""
    if len(report.stories) < 2:
        return []
    lines = [f"The articles report {len(report.stories)} different stories (articles that "
             "share names); claims of two different stories were not compared:", ""]
    lines += [f"- story {n}: " + ", ".join(files)
              for n, files in enumerate(report.stories, start=1)]
    return [*lines, ""]


def _conflict_lines(finding: Finding, claims: dict[str, Claim], outlets: dict[str, str]
                    ) -> list[str]:
    """A conflicting pair in report.md: its kind, score and cues, then both sides."""
    cues = f" — {', '.join(finding.cues)}" if finding.cues else ""
    return [f"- **{finding.kind.replace('_', ' ')}, score {finding.score:.2f}**{cues}",
            f"  - {_side_line(claims[finding.a], outlets)}",
            f"  - {_side_line(claims[finding.b], outlets)}"]


def _side_line(claim: Claim, outlets: dict[str, str]) -> str:
    content = "" if claim.fact == claim.text else f" — content: “{_md_quote(claim.fact)}”"
    return (f"{_md_quote(source_label(claim, outlets))} ({claim.stance}) "
            f"`{claim.file}:{claim.line}`: “{_md_quote(claim.text)}”{content}")


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(report: Report, limit: int = 20) -> str:
    """Short terminal table of the strongest contradictions."""
    from tabulate import tabulate

    claims = {c.id: c for c in report.claims}
    outlets = _outlets(report)

    def side(ids: tuple[str, ...]) -> str:
        names = sorted({outlets.get(claims[c].file) or claims[c].file for c in ids})
        return _shorten(", ".join(names), 40) if names else "-"

    rows = [[str(d.id), d.kind.replace("_", " "), f"{d.score:.2f}", _shorten(d.label, 50),
             side(d.yes), side(d.no)] for d in report.disputes[:limit]]
    summary = (f"{len(report.documents)} articles, {len(report.claims)} claims, "
               f"{len(report.disputes)} disputes ({len(report.contradictions)} conflicting "
               f"pairs), {len(report.agreements)} agreements"
               + (f", {len(report.within_article)} conflicts within one article"
                  if report.within_article else ""))
    if not report.contradictions:
        return summary + "\nNo contradictions found."
    table = tabulate(rows, headers=["#", "kind", "score", "dispute", "says yes", "says no"],
                     tablefmt="github")
    more = len(report.disputes) - len(rows)
    return summary + "\n" + table + (f"\n… and {more} more in report.md" if more > 0 else "")


def claims_frame(report: Report) -> Any:
    """Claims as a pandas DataFrame."""
    import pandas as pd

    clusters = cluster_of(report)
    columns = ["id", "file", "line", "end_line", "start", "end", "text", "kind", "cluster",
               "also_at", "content", "content_spans", "stance", "speaker", "via", "names"]
    if not report.clusters:  # `claims` does not cluster: no column that could only be empty
        columns.remove("cluster")
    rows = []
    for claim in report.claims:
        row = _claim_dict(claim, clusters.get(claim.id))
        row["also_at"] = ";".join(str(loc["line"]) for loc in row["also_at"])
        row["content_spans"] = ";".join(f"{s}-{e}" for s, e in row["content_spans"])
        row["names"] = ";".join(row["names"])
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def pairs_frame(report: Report) -> Any:
    """Contradictions and agreements as a pandas DataFrame."""
    import pandas as pd

    claims = {c.id: c for c in report.claims}
    columns = ["kind", "a", "b", "score", "similarity", "topic", "a_where", "b_where", "a_text",
               "b_text", "cues"] + [f"{d}_{label}" for d in ("a_to_b", "b_to_a")
                                    for label in ("entailment", "neutral", "contradiction")]
    rows = []
    for finding in (*report.contradictions, *report.agreements, *report.changes_over_time):
        row = finding_dict(finding, claims)
        row["kind"] = finding.kind
        row["cues"] = ";".join(finding.cues)
        for direction in ("a_to_b", "b_to_a"):
            for label, value in row.pop(direction).items():
                row[f"{direction}_{label}"] = value
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def render_claims_csv(report: Report) -> str:
    return str(claims_frame(report).to_csv(index=False))


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write a file (a text, or its pieces in order) via a temporary file and rename, so
    readers never see half a report."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{path.parent}: cannot create the output folder: {exc.strerror}"
        ) from exc
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp creates the file 0600; a report gets what any new file would get
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace",
                       newline="\n") as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                for piece in text:
                    handle.write(piece)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; set it straight back
    os.umask(mask)
    return mask


def write_report(report: Report, out_dir: Path) -> list[Path]:
    """Write report.json and report.md into out_dir; return their paths."""
    write_atomic(out_dir / "report.json", itertools.chain(iter_json(to_json_dict(report)), ["\n"]))
    write_atomic(out_dir / "report.md", render_markdown(report))
    return [out_dir / "report.json", out_dir / "report.md"]


def iter_claim_lines(report: Report) -> Iterable[str]:
    """One line per claim, `file:line  id  kind  stance  speaker  text`, then the skipped
    lines. The speaker is `-` when the outlet speaks for itself."""
    for claim in report.claims:
        also = "".join(f", {loc.line}" for loc in claim.also_at)
        yield (f"{claim.file}:{claim.line}{also}\t{claim.id}\t{claim.kind}\t{claim.stance}\t"
               f"{claim.speaker or '-'}\t{claim.text}")
    for skipped in report.skipped:
        yield f"{skipped.file}:{skipped.line}\t-\tskipped\t{skipped.reason}: {skipped.text}"
