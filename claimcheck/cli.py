"""Command-line interface: parse, call one library function, render. No logic here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError

if TYPE_CHECKING:
    from claimcheck.config import Config
    from claimcheck.models import InputWarning

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Find where news articles agree and where they contradict each other, "
         "every claim traced to file and line.",
)

T = TypeVar("T")

EXIT_OK, EXIT_FOUND, EXIT_BAD_INPUT = 0, 1, 2


class CiFormat(StrEnum):
    md = "md"
    json = "json"
    sarif = "sarif"
    junit = "junit"


class ClaimsFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


def _echo(text: str, on_closed_pipe: int = EXIT_OK) -> None:
    """Print to stdout. When the reader has gone (`| head`), stop quietly with
    `on_closed_pipe` as the exit code instead of a traceback or click's exit 1."""
    try:
        typer.echo(text)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more reaches the closed pipe
        raise typer.Exit(on_closed_pipe) from None


def _warn(warnings: Iterable[InputWarning]) -> None:
    from claimcheck.report import warning_line

    for warning in warnings:
        typer.echo(f"claimcheck: warning: {warning_line(warning)}", err=True)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"claimcheck: error: {message}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def _run(call: Callable[[], T]) -> T:
    """Run a library call; turn a ClaimcheckError into a message and exit code 2."""
    try:
        return call()
    except ClaimcheckError as exc:
        raise _fail(str(exc)) from None


def _progress(quiet: bool) -> Callable[[str], None]:
    def report(stage: str) -> None:
        if not quiet:
            typer.echo(f"… {stage}", err=True)

    return report


def _config(**options: object) -> Config:
    from claimcheck.config import Config

    return _run(lambda: Config().with_options(**options))


PathsArg = Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .md, "
                                                     ".html).",
                                                show_default=False)]
EmbedOpt = Annotated[str | None, typer.Option(
    "--embed-model", help="sentence-transformers model name or path "
                          "[default: all-MiniLM-L6-v2, offline]")]
JudgeOpt = Annotated[str | None, typer.Option(
    "--judge", help="'builtin' (offline), a folder with head.npz + card.json, or any "
                    "CrossEncoder NLI model name or path [default: builtin]")]
CacheOpt = Annotated[Path | None, typer.Option(
    "--cache-dir", help="Embedding cache folder [default: $CLAIMCHECK_CACHE_DIR or the user "
                        "cache dir]")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]
MaxFileOpt = Annotated[float | None, typer.Option(
    "--max-file-mb", help="Refuse (exit 2) an article file larger than this many megabytes "
                          "[default: 20, or $CLAIMCHECK_MAX_FILE_MB]")]
EngineOpt = Annotated[str | None, typer.Option(
    "--engine", help="Where parsing, embedding and the cross-encoders run: 'local' (this "
                     "process) or 'dask' (needs claimcheck-news[distributed]) "
                     "[default: local]")]
AddressOpt = Annotated[str | None, typer.Option(
    "--address", help="The Dask scheduler to use, e.g. tcp://10.0.0.5:8786 [default: a "
                      "local cluster]")]
WorkersOpt = Annotated[int | None, typer.Option(
    "--workers", help="Worker processes of the local Dask cluster [default: 2]")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """claimcheck: claim provenance and contradiction checker for news."""


@app.command()
def check(
    paths: PathsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.json and "
                                                        "report.md.")] = Path("reports"),
    embed_model: EmbedOpt = None,
    judge: JudgeOpt = None,
    cache_dir: CacheOpt = None,
    contradiction_threshold: Annotated[float | None, typer.Option(
        help="Override the judge's calibrated contradiction threshold (0-1).")] = None,
    min_similarity: Annotated[float | None, typer.Option(
        help="Only judge pairs at least this similar (cosine, 0-1).")] = None,
    max_file_mb: MaxFileOpt = None,
    engine: EngineOpt = None,
    address: AddressOpt = None,
    workers: WorkersOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Write the contradiction report for a drop of articles.

    Exit 0: no contradiction; 1: contradictions found; 2: bad input or usage.

    Example: claimcheck check fixtures/kestrel --out reports/
    """
    from claimcheck.api import build_models, run_check
    from claimcheck.report import render_table, write_report

    config = _config(embed_model=embed_model, judge=judge, cache_dir=cache_dir,
                     contradiction_threshold=contradiction_threshold,
                     min_similarity=min_similarity, max_file_mb=max_file_mb, engine=engine,
                     engine_address=address, engine_workers=workers)
    models = _run(lambda: build_models(config, show_progress=not quiet))
    try:
        report = _run(lambda: run_check(paths, config, models, progress=_progress(quiet)))
    finally:
        models.close()
    _warn(report.warnings)
    written = _run(lambda: write_report(report, out))
    status = EXIT_FOUND if report.contradictions else EXIT_OK
    _echo(render_table(report), on_closed_pipe=status)
    if not quiet:
        typer.echo("wrote " + ", ".join(str(p) for p in written), err=True)
    raise typer.Exit(status)


@app.command()
def sources(
    claim: Annotated[str, typer.Argument(help="Claim text, or a claim id from a report.")],
    paths: PathsArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="At most this many of each side.")] = 20,
    embed_model: EmbedOpt = None,
    judge: JudgeOpt = None,
    cache_dir: CacheOpt = None,
    max_file_mb: MaxFileOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """List the sources that support and refute a claim, with file:line each.

    Example: claimcheck sources "The rebel offensive began on March 3." fixtures/kestrel
    """
    from claimcheck.api import find_sources
    from claimcheck.report import dumps_json

    config = _config(embed_model=embed_model, judge=judge, cache_dir=cache_dir,
                     max_file_mb=max_file_mb)
    result = _run(lambda: find_sources(claim, paths, config, limit=limit,
                                       progress=_progress(quiet)))
    _warn(result.warnings)
    if as_json:
        _echo(dumps_json(result.to_dict()))
        return
    lines = [f"Claim: {result.claim}"]
    if result.content and result.content != result.claim:
        lines.append(f"Looked up: {result.content}")
    if result.query_stance in ("refuted", "denied"):
        lines.append(f"The claim is {result.query_stance}: supporting lists the sources that "
                     "reject what was looked up too.")
    for title, matches in (("Supporting", result.supporting), ("Refuting", result.refuting),
                           ("Only reporting", result.reporting)):
        lines.append(f"\n{title} ({len(matches)}):")
        for m in matches:
            who = f" [{m.stance}{', ' + m.speaker if m.speaker else ''}]"
            lines.append(f"  {m.score:.2f}  {m.file}:{m.line}{who}  {m.text}")
    _echo("\n".join(lines))


@app.command()
def claims(
    paths: PathsArg,
    output_format: Annotated[ClaimsFormat, typer.Option("--format", "-f",
                                                        help="Output format.")] = ClaimsFormat.text,
    max_file_mb: MaxFileOpt = None,
) -> None:
    """Show the atomic claims extracted from articles, and the lines skipped with a reason.

    Example: claimcheck claims fixtures/kestrel --format csv
    """
    from claimcheck.api import list_claims
    from claimcheck.report import dumps_json, iter_claim_lines, render_claims_csv, to_json_dict

    config = _config(max_file_mb=max_file_mb)
    report = _run(lambda: list_claims(paths, config.max_file_mb))
    _warn(report.warnings)
    if output_format is ClaimsFormat.csv:
        _echo(render_claims_csv(report).rstrip("\n"))
    elif output_format is ClaimsFormat.json:
        data = to_json_dict(report)
        _echo(dumps_json({k: data[k] for k in ("documents", "claims", "skipped", "warnings")}))
    else:
        _echo("\n".join(iter_claim_lines(report)))


@app.command()
def compare(
    premise: Annotated[str | None, typer.Argument(help="Premise (first claim).")] = None,
    hypothesis: Annotated[str | None, typer.Argument(help="Hypothesis (second claim).")] = None,
    pairs: Annotated[Path | None, typer.Option(
        "--pairs", help='JSON lines of {"premise", "hypothesis"}; prints one JSON line each.')
    ] = None,
    embed_model: EmbedOpt = None,
    judge: JudgeOpt = None,
    cache_dir: CacheOpt = None,
) -> None:
    """Judge one pair of claims (entailment / neutral / contradiction), or a file of pairs.

    Example: claimcheck compare "Danek fled the country." "State media said Danek remained
    in Kestrel City."
    """
    from claimcheck.api import compare_pairs, read_pairs_file

    config = _config(embed_model=embed_model, judge=judge, cache_dir=cache_dir)
    if pairs is not None:
        if premise is not None or hypothesis is not None:
            raise _fail("give either PREMISE HYPOTHESIS or --pairs FILE, not both")
        items = _run(lambda: read_pairs_file(pairs))
    elif premise is not None and hypothesis is not None:
        items = [(premise, hypothesis)]
    else:
        raise _fail("give PREMISE and HYPOTHESIS, or --pairs FILE")
    results = _run(lambda: compare_pairs(items, config))
    from claimcheck.report import dumps_json

    _echo("\n".join(dumps_json(result.to_dict(), indent=None) for result in results))


@app.command()
def prepare(
    embed_model: EmbedOpt = None,
    judge: JudgeOpt = None,
    cache_dir: CacheOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Export the models' ONNX copies that compare and sources start from (once).

    The first compare or sources makes them anyway; run this beforehand (in an image build, a
    CI cache step) so that no question waits for it.

    Example: claimcheck prepare
    """
    from claimcheck.api import prepare_quick_start

    config = _config(embed_model=embed_model, judge=judge, cache_dir=cache_dir)
    exports = _run(lambda: prepare_quick_start(config))
    if as_json:
        from claimcheck.report import dumps_json

        _echo(dumps_json([e.to_dict() for e in exports]))
        return
    from tabulate import tabulate

    _echo(tabulate([(e.role, "yes" if e.usable else "no", e.megabytes, e.note, str(e.folder))
                    for e in exports],
                   headers=["model", "used", "MB", "note", "folder"]))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; keep it local.")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one).")
                    ] = 8765,
    embed_model: EmbedOpt = None,
    judge: JudgeOpt = None,
    cache_dir: CacheOpt = None,
    max_file_mb: MaxFileOpt = None,
) -> None:
    """Serve `compare` and `sources` as a local JSON API, with the models loaded once.

    POST /compare {"premise", "hypothesis"}; POST /sources {"claim", "paths": [...]};
    GET /health. Answers as the commands' JSON. Stop with Ctrl-C.

    Example: claimcheck serve --port 8765
    """
    import time

    from claimcheck.api import build_models
    from claimcheck.serve import make_server, warm_up

    config = _config(embed_model=embed_model, judge=judge, cache_dir=cache_dir,
                     max_file_mb=max_file_mb)
    start = time.perf_counter()
    models = _run(lambda: build_models(config))
    _run(lambda: warm_up(models))
    try:
        server = make_server(config, models, host, port)
    except OSError as exc:
        raise _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    bound_host, bound_port = server.server_address[:2]
    address = f"http://{bound_host!s}:{bound_port}"
    typer.echo(f"claimcheck: serving on {address} (models loaded in "
               f"{time.perf_counter() - start:.1f} s); Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@app.command()
def ci(
    paths: PathsArg,
    baseline: Annotated[Path, typer.Option(
        "--baseline", help="Accepted findings (JSON); a missing file is an empty baseline.")],
    write_baseline: Annotated[bool, typer.Option(
        "--write-baseline", help="Accept the current findings: write them to --baseline.")
    ] = False,
    output_format: Annotated[CiFormat, typer.Option(
        "--format", "-f", help="Output file format: md, json, sarif (code scanning) or junit."
    )] = CiFormat.md,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the output file.")
                   ] = Path("reports"),
    index: Annotated[Path | None, typer.Option(
        "--index", help="SQLite index of vectors, verdicts and runs "
                        "[default: index.sqlite in the cache dir]")] = None,
    embed_model: EmbedOpt = None,
    judge: JudgeOpt = None,
    cache_dir: CacheOpt = None,
    max_file_mb: MaxFileOpt = None,
    engine: EngineOpt = None,
    address: AddressOpt = None,
    workers: WorkersOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Check a drop in CI: fail only on contradictions that are not in the baseline.

    Exit 0: nothing new; 1: new contradictions (each printed with both sides' file:line);
    2: bad input or usage. Incremental: only new claims are embedded and judged.
    A Markdown summary is appended to $GITHUB_STEP_SUMMARY when it is set.

    Example: claimcheck ci articles/ --baseline reports/baseline.json --format sarif
    """
    from claimcheck.api import build_models, run_check
    from claimcheck.ci import publish_step_summary, render_ci, run_ci, summary_line
    from claimcheck.report import write_atomic

    config = _config(embed_model=embed_model, judge=judge, cache_dir=cache_dir, index=index,
                     max_file_mb=max_file_mb, engine=engine, engine_address=address,
                     engine_workers=workers)
    models = _run(lambda: build_models(config, show_progress=not quiet))
    try:
        result = _run(lambda: run_ci(
            lambda: run_check(paths, config, models, progress=_progress(quiet)),
            baseline, write_baseline))
    finally:
        models.close()
    output = _run(lambda: render_ci(result, output_format.value))
    _run(lambda: write_atomic(out / output.file_name, output.text))
    _warn(result.report.warnings)
    if output.lines:
        _echo("\n".join(output.lines), on_closed_pipe=result.exit_code)
    _run(lambda: publish_step_summary(output))
    if not quiet:
        typer.echo(summary_line(result) + f"; wrote {out / output.file_name}", err=True)
    raise typer.Exit(result.exit_code)
