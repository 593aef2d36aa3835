"""Bad and messy input, end to end through the CLI: each case is read correctly (line numbers
as an editor shows them) or ends with exit 2 and a message naming the file. Never a traceback.

docs/reliability.md lists these cases and what claimcheck does with each.
"""

from __future__ import annotations

import codecs
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.claims import extract_claims
from claimcheck.cli import app
from claimcheck.ingest import load_documents

runner = CliRunner()
ARTICLE = ("Rebels reach the capital\n\nThe rebels entered Kestrel City on Sunday, witnesses "
           "said.\nThe army said it had withdrawn to the south.\n")


def _claims_json(*paths: Path, extra: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["claims", *map(str, paths), "-f", "json", *extra])
    return result


def _ok(result) -> dict:  # type: ignore[no-untyped-def,type-arg]
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _refused(result, *needles: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit)  # no traceback: a clean exit
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


def _line_of(data: dict, text: str) -> tuple[int, int]:  # type: ignore[type-arg]
    claim = next(c for c in data["claims"] if text in c["text"])
    return claim["line"], claim["end_line"]


# --- paths ------------------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    _refused(_claims_json(tmp_path / "nowhere"), "nowhere", "no such file or folder")


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    _refused(runner.invoke(app, ["check", str(tmp_path), "--out", str(tmp_path / "r")]),
             "no .txt, .md or .html articles")


def test_symlink_loop_ends_and_reads_each_file_once(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    (drop / "sub").mkdir(parents=True)
    (drop / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (drop / "sub" / "loop").symlink_to(drop, target_is_directory=True)
    data = _ok(_claims_json(drop))
    assert [d["file"] for d in data["documents"]] == ["sub/a.txt"]


def test_file_names_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    (tmp_path / "Bericht über Kestrel.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two words.md").write_text(ARTICLE.replace("Sunday", "Monday"),
                                           encoding="utf-8")
    data = _ok(_claims_json(tmp_path))
    assert {d["file"] for d in data["documents"]} == {"Bericht über Kestrel.txt",
                                                      "two words.md"}
    text = runner.invoke(app, ["claims", str(tmp_path)]).stdout
    assert "Bericht über Kestrel.txt:3" in text


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
def test_file_name_that_is_not_utf8(fake_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / os.fsdecode(b"caf\xe9.txt")).write_text(ARTICLE, encoding="utf-8")  # Latin-1 name
    (drop / "b.txt").write_text(ARTICLE.replace("Sunday", "Monday"), encoding="utf-8")
    data = _ok(_claims_json(drop))
    assert "caf\\xe9.txt" in {d["file"] for d in data["documents"]}  # as `ls -b` shows it
    result = runner.invoke(app, ["check", str(drop), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code in (0, 1), (result.stderr, result.exception)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert "caf\\xe9.txt" in {d["file"] for d in report["documents"]}


def test_json_output_survives_lone_surrogates() -> None:
    from claimcheck.report import dumps_json

    text = dumps_json({"claim": "caf\udce9", "control": "a\x00b\x1b"})
    assert json.loads(text) == {"claim": "caf\udce9", "control": "a\x00b\x1b"}
    text.encode("utf-8")  # writable as UTF-8


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    try:
        _refused(_claims_json(tmp_path), "locked.txt", "cannot read")
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


# --- contents ---------------------------------------------------------------------------------


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d49484452"))
    _refused(_claims_json(tmp_path), "image.txt", "byte offset")


def test_undecodable_file(tmp_path: Path) -> None:
    import random

    rng = random.Random(1)
    (tmp_path / "noise.txt").write_bytes(bytes(rng.randint(0x80, 0xFF) for _ in range(300)))
    _refused(_claims_json(tmp_path), "noise.txt", "byte offset 0", "convert the file to UTF-8")


def test_cp1252_and_latin1_are_read_and_named(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes(
        "The minister’s “statement” – issued in Zürich – was false.\n".encode("cp1252"))
    (tmp_path / "l.txt").write_bytes("Le café était fermé à Zürich ce matin.\n"
                                     .encode("latin-1"))
    result = _claims_json(tmp_path)
    data = _ok(result)
    assert {d["encoding"] for d in data["documents"]} == {"cp1252"}
    texts = {c["text"] for c in data["claims"]}
    assert "The minister’s “statement” – issued in Zürich – was false." in texts
    assert "Le café était fermé à Zürich ce matin." in texts
    assert "read as cp1252" in result.stderr
    assert any("read as cp1252" in w["message"] for w in data["warnings"])


def test_utf8_with_a_few_bad_bytes_stays_utf8(tmp_path: Path) -> None:
    good = "The minister’s “statement” was read out on state television.\n"
    data_bytes = good.encode() + b"The army\x92s units withdrew to the south.\n" + \
        good.replace("minister", "agency").encode()
    (tmp_path / "mixed.txt").write_bytes(data_bytes)
    result = _claims_json(tmp_path)
    data = _ok(result)
    assert data["documents"][0]["encoding"] == "utf-8"
    texts = [c["text"] for c in data["claims"]]
    assert good.strip() in texts  # curly quotes intact, not mojibake
    assert "The army\ufffds units withdrew to the south." in texts
    offset = data_bytes.index(b"\x92")
    assert data["warnings"] == [{"file": "mixed.txt", "line": 2, "byte_offset": offset,
                                 "message": "invalid UTF-8 byte 0x92 replaced by U+FFFD"}]
    assert f"mixed.txt:2: invalid UTF-8 byte 0x92 replaced by U+FFFD (byte offset {offset})" \
        in result.stderr


def test_utf8_bom_and_crlf_keep_editor_line_numbers(tmp_path: Path) -> None:
    text = ARTICLE.replace("\n", "\r\n")
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + text.encode())
    data = _ok(_claims_json(tmp_path))
    assert data["documents"][0]["encoding"] == "utf-8-sig"
    assert _line_of(data, "The rebels entered") == (3, 3)
    assert _line_of(data, "The army said") == (4, 4)
    [document] = load_documents([tmp_path])
    for claim in extract_claims(document)[0]:
        assert "\r" not in claim.text
        assert document.text[claim.start:claim.end].strip() == document.text[
            claim.start:claim.end]


@pytest.mark.parametrize(("content", "message"), [(b"", "no text: empty"),
                                                  (b"  \n\t\n\n", "no text: only whitespace")])
def test_empty_and_whitespace_only_files_are_listed_with_a_warning(
        tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "blank.txt").write_bytes(content)
    result = _claims_json(tmp_path)
    data = _ok(result)
    blank = next(d for d in data["documents"] if d["file"] == "blank.txt")
    assert blank["claims"] == 0
    assert {"file": "blank.txt", "line": None, "byte_offset": None, "message": message} in \
        data["warnings"]


def test_control_characters_give_valid_json(tmp_path: Path) -> None:
    (tmp_path / "ctrl.txt").write_text("The army\x07 said the \x1b[31mtown\x1b[0m had fallen "
                                       "on Sunday.\n", encoding="utf-8")
    data = _ok(_claims_json(tmp_path))
    assert "\x1b[31mtown" in data["claims"][0]["text"]


def test_duplicate_file_is_said_and_counted_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "copy of a.txt").write_text(ARTICLE, encoding="utf-8")
    result = _claims_json(tmp_path)
    data = _ok(result)
    assert {c["file"] for c in data["claims"]} == {"a.txt"}
    copy = next(d for d in data["documents"] if d["file"] == "copy of a.txt")
    assert copy["duplicate_of"] == "a.txt" and copy["claims"] == 0
    assert any(s["file"] == "copy of a.txt" and s["reason"] == "copy of a.txt"
               for s in data["skipped"])
    assert "copy of a.txt: same bytes as a.txt" in result.stderr


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "big.txt").write_text(ARTICLE * 2000, encoding="utf-8")
    _refused(_claims_json(tmp_path, extra=("--max-file-mb", "0.1")), "big.txt",
             "over the per-file limit of 0.1 MB", "--max-file-mb")
    monkeypatch.setenv("CLAIMCHECK_MAX_FILE_MB", "0.1")
    _refused(_claims_json(tmp_path), "big.txt")
    monkeypatch.setenv("CLAIMCHECK_MAX_FILE_MB", "lots")
    _refused(_claims_json(tmp_path), "CLAIMCHECK_MAX_FILE_MB")


def test_a_20000_sentence_line_is_segmented_and_nothing_is_lost(tmp_path: Path) -> None:
    sentences = [f"Officials in district {n} said the road was open." for n in range(20_000)]
    (tmp_path / "one_line.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")
    [document] = load_documents([tmp_path])
    claims, skipped = extract_claims(document)
    assert len(claims) == 20_000 and not skipped
    assert all(c.line == c.end_line == 1 for c in claims)
    assert [c.text for c in claims[:2]] == sentences[:2]
    assert claims[-1].text == sentences[-1]


@pytest.mark.slow
def test_a_drop_of_5000_tiny_files(tmp_path: Path) -> None:
    drop = tmp_path / "tiny"
    drop.mkdir()
    for n in range(5000):
        (drop / f"{n:05d}.txt").write_text(f"Shelter {n} reopened on Monday morning.\n",
                                           encoding="utf-8")
    data = _ok(_claims_json(drop))
    assert len(data["documents"]) == 5000
    assert len(data["claims"]) == 5000
    assert data["claims"][4999]["file"] == "04999.txt"


# --- output -----------------------------------------------------------------------------------


def test_closed_pipe_ends_quietly_with_exit_0(fixtures_dir: Path) -> None:
    command = (f"{sys.executable} -m claimcheck claims {fixtures_dir} | head -n 2; "
               "echo \"status=${PIPESTATUS[0]}\"")
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.stdout.count("\n") == 3, done.stdout
    assert "status=0" in done.stdout, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "Broken pipe" not in done.stderr, done.stderr


def test_reports_follow_the_umask(fake_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "drop").mkdir()
    (tmp_path / "drop" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    old = os.umask(0o027)
    try:
        result = runner.invoke(app, ["check", str(tmp_path / "drop"), "--out",
                                     str(tmp_path / "out"), "-q"])
    finally:
        os.umask(old)
    assert result.exit_code in (0, 1), result.stderr
    for name in ("report.json", "report.md"):
        assert stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) == 0o640


def test_markdown_report_keeps_article_markup_inert(fake_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "drop").mkdir()
    (tmp_path / "drop" / "a.txt").write_text(
        "Rebels take <b>Brenn</b>\n\nThe rebels took Brenn <script>alert(1)</script> on "
        "Wednesday & held it.\n", encoding="utf-8")
    (tmp_path / "drop" / "b.txt").write_text(
        "Brenn holds out\n\nThe rebels did not take Brenn <img src=x onerror=alert(2)> on "
        "Wednesday.\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "drop"), "--out",
                                 str(tmp_path / "out"), "-q"])
    assert result.exit_code in (0, 1), result.stderr
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown and "<img" not in markdown and "<b>" not in markdown
    assert "&lt;script&gt;" in markdown
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert any("<script>alert(1)</script>" in c["text"] for c in data["claims"])
