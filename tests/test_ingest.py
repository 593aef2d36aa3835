"""claimcheck.ingest: discovery, decoding with clear errors, manifest metadata."""

from __future__ import annotations

import codecs
import hashlib
import os
from pathlib import Path

import pytest

from claimcheck.errors import InputError
from claimcheck.ingest import decode_article, find_articles, load_documents, read_manifest

SENTENCE = "The council approved the new budget on Monday.\n"


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# --- discovery -----------------------------------------------------------------------------


def test_recursive_sorted_discovery_of_txt_and_md_only(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", SENTENCE)
    _write(tmp_path / "a.md", SENTENCE)
    _write(tmp_path / "sub" / "c.TXT", SENTENCE)
    _write(tmp_path / "sub" / "deeper" / "d.txt", SENTENCE)
    _write(tmp_path / "notes.csv", "x,y\n")
    _write(tmp_path / "image.png", b"\x89PNG\r\n")
    _write(tmp_path / "data.json", "{}")
    _write(tmp_path / ".hidden.txt", SENTENCE)
    _write(tmp_path / ".git" / "e.txt", SENTENCE)
    root, files = find_articles([tmp_path])
    assert root == tmp_path.absolute()
    assert [f.relative_to(root).as_posix() for f in files] == [
        "a.md", "b.txt", "sub/c.TXT", "sub/deeper/d.txt",
    ]


def test_explicit_file_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    article = _write(tmp_path / "article.text", SENTENCE)
    docs = load_documents([article])
    assert [d.file for d in docs] == ["article.text"]
    assert docs[0].text == SENTENCE


def test_file_named_twice_is_listed_once(tmp_path: Path) -> None:
    article = _write(tmp_path / "a.txt", SENTENCE)
    _, files = find_articles([tmp_path, article])
    assert len(files) == 1


def test_symlink_loop_terminates_and_lists_each_file_once(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    _write(drop / "top.txt", SENTENCE)
    _write(drop / "sub" / "inner.txt", SENTENCE)
    try:
        os.symlink(drop, drop / "sub" / "loop", target_is_directory=True)
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not supported here")
    _, files = find_articles([drop])
    names = [f.relative_to(drop).as_posix() for f in files]
    assert names == ["sub/inner.txt", "top.txt"]
    assert len({os.path.realpath(f) for f in files}) == len(files)


def test_nonexistent_path_is_an_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(InputError, match="no such file or folder"):
        load_documents([missing])


def test_no_paths_is_an_input_error() -> None:
    with pytest.raises(InputError):
        find_articles([])


# --- manifest ------------------------------------------------------------------------------


def test_manifest_is_metadata_not_an_article(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", SENTENCE)
    _write(tmp_path / "sub" / "b.txt", SENTENCE)
    _write(tmp_path / "manifest.csv",
           "file,published,outlet,url\n"
           "a.txt,2025-01-02,Alpha News,https://alpha.example/a\n"
           "sub/b.txt,2025-01-03,Beta Wire,\n")
    docs = {d.file: d for d in load_documents([tmp_path])}
    assert sorted(docs) == ["a.txt", "sub/b.txt"]
    assert docs["a.txt"].published == "2025-01-02"
    assert docs["a.txt"].outlet == "Alpha News"
    assert docs["a.txt"].url == "https://alpha.example/a"
    assert docs["sub/b.txt"].published == "2025-01-03"
    assert docs["sub/b.txt"].outlet == "Beta Wire"
    assert docs["sub/b.txt"].url is None


def test_manifest_in_a_subfolder_applies_to_its_own_files(tmp_path: Path) -> None:
    _write(tmp_path / "sub" / "b.txt", SENTENCE)
    _write(tmp_path / "sub" / "manifest.csv", "file,published,outlet,url\nb.txt,,Gamma,\n")
    (doc,) = load_documents([tmp_path])
    assert doc.file == "sub/b.txt"
    assert doc.outlet == "Gamma"
    assert doc.published is None


def test_fixture_manifest_metadata(fixtures_dir: Path) -> None:
    docs = {d.file: d for d in load_documents([fixtures_dir])}
    assert "manifest.csv" not in docs
    assert len(docs) == 7
    assert docs["eastline_report.txt"].published == "2025-03-08"
    assert docs["northwind_wire.txt"].outlet == "Northwind Wire"


def test_manifest_with_wrong_first_column(tmp_path: Path) -> None:
    manifest = _write(tmp_path / "manifest.csv", "name,published\na.txt,2025-01-01\n")
    _write(tmp_path / "a.txt", SENTENCE)
    with pytest.raises(InputError) as info:
        load_documents([tmp_path])
    message = str(info.value)
    assert f"{manifest}:1" in message
    assert "file" in message
    with pytest.raises(InputError, match=":1:"):
        read_manifest(manifest)


def test_manifest_row_with_empty_file_names_its_line(tmp_path: Path) -> None:
    manifest = _write(tmp_path / "manifest.csv", "file,published\na.txt,2025-01-01\n,x\n")
    with pytest.raises(InputError, match=r"manifest\.csv:3: empty 'file' value"):
        read_manifest(manifest)


def test_manifest_header_is_case_insensitive(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", SENTENCE)
    _write(tmp_path / "manifest.csv", "File,Published,Outlet,URL\na.txt,2025-01-02,Alpha,\n")
    (doc,) = load_documents([tmp_path])
    assert doc.published == "2025-01-02"
    assert doc.outlet == "Alpha"


# --- decoding ------------------------------------------------------------------------------


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + SENTENCE.encode("utf-8")
    _write(tmp_path / "a.txt", data)
    (doc,) = load_documents([tmp_path])
    assert doc.encoding == "utf-8-sig"
    assert doc.text == SENTENCE
    assert not doc.text.startswith("\ufeff")
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_plain_utf8(tmp_path: Path) -> None:
    data = "Café owners said “prices rose” on Monday.\n".encode()
    _write(tmp_path / "a.txt", data)
    (doc,) = load_documents([tmp_path])
    assert doc.encoding == "utf-8"
    assert doc.text == data.decode("utf-8")


def test_crlf_is_preserved_and_offsets_stay_right(tmp_path: Path) -> None:
    from claimcheck.claims import extract_claims, normalise_text

    text = ("Headline about the budget vote\r\n\r\nThe council approved the budget on Monday."
            "\r\n\r\nThe mayor said the vote was close.\r\n")
    _write(tmp_path / "a.txt", text.encode("utf-8"))
    (doc,) = load_documents([tmp_path])
    assert doc.text == text
    assert "\r\n" in doc.text
    claims, _ = extract_claims(doc)
    assert [c.line for c in claims] == [1, 3, 5]
    for claim in claims:
        assert normalise_text(doc.text[claim.start:claim.end]) == claim.text
    assert claims[2].text == "The mayor said the vote was close."


def test_cp1252_is_detected(tmp_path: Path) -> None:
    data = "The caf\u00e9 owner said \u201cprices rose\u201d \u2013 sharply.\n".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    _write(tmp_path / "a.txt", data)
    (doc,) = load_documents([tmp_path])
    assert doc.encoding == "cp1252"
    assert doc.text == data.decode("cp1252")
    assert "\u201cprices rose\u201d" in doc.text
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_nul_byte_names_file_and_exact_offset(tmp_path: Path) -> None:
    data = b"Some text here.\n\x00more"
    path = _write(tmp_path / "binary.txt", data)
    with pytest.raises(InputError) as info:
        load_documents([tmp_path])
    message = str(info.value)
    assert "binary.txt" in message
    assert str(path) in message
    assert "byte offset 16" in message


def test_nul_byte_offset_counts_the_bom() -> None:
    data = codecs.BOM_UTF8 + b"ab\x00"
    with pytest.raises(InputError, match="byte offset 5"):
        decode_article(Path("x.txt"), data)


def test_invalid_utf16_with_bom_names_offset(tmp_path: Path) -> None:
    # BOM (2 bytes), 'a', 'b', then a lone high surrogate at byte 6
    data = codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8" + "c".encode("utf-16-le")
    _write(tmp_path / "wide.txt", data)
    with pytest.raises(InputError) as info:
        load_documents([tmp_path])
    assert "wide.txt" in str(info.value)
    assert "byte offset 6" in str(info.value)


def test_valid_utf16_with_bom(tmp_path: Path) -> None:
    _write(tmp_path / "wide.txt", SENTENCE.encode("utf-16"))
    (doc,) = load_documents([tmp_path])
    assert doc.encoding == "utf-16"
    assert doc.text == SENTENCE


def test_undecodable_bytes_name_the_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    import claimcheck.ingest

    monkeypatch.setattr(claimcheck.ingest, "_guess_legacy_encoding", lambda body: None)
    with pytest.raises(InputError, match=r"invalid byte 0x81 at byte offset 6"):
        decode_article(Path("x.txt"), codecs.BOM_UTF8 + b"ok \x81 rest")


# --- metadata ------------------------------------------------------------------------------


def test_date_prefix_sets_published_without_manifest(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", " date 2025-03-09 Headline of the day\n\nA sentence here now.\n")
    (doc,) = load_documents([tmp_path])
    assert doc.published == "2025-03-09"


def test_manifest_published_wins_over_date_prefix(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "date 2025-03-09 Headline of the day\n")
    _write(tmp_path / "manifest.csv", "file,published\na.txt,2024-12-31\n")
    (doc,) = load_documents([tmp_path])
    assert doc.published == "2024-12-31"


def test_manifest_row_without_published_falls_back_to_prefix(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "date 2025-03-09 Headline of the day\n")
    _write(tmp_path / "manifest.csv", "file,published,outlet\na.txt,,Alpha\n")
    (doc,) = load_documents([tmp_path])
    assert doc.published == "2025-03-09"
    assert doc.outlet == "Alpha"


def test_sha256_of_the_bytes_and_paths(tmp_path: Path) -> None:
    data = b"Line one is here.\r\nLine two is here.\r\n"
    path = _write(tmp_path / "sub" / "a.txt", data)
    (doc,) = load_documents([tmp_path])
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.file == "sub/a.txt"
    assert Path(doc.path) == path.absolute()
