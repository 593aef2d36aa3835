"""Find article files, decode them with clear errors, attach manifest metadata."""

from __future__ import annotations

import codecs
import csv
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from claimcheck.errors import InputError
from claimcheck.models import Document, InputWarning
from claimcheck.webpage import HTML_SUFFIXES, read_page

ARTICLE_SUFFIXES = (".txt", ".md", *HTML_SUFFIXES)
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "published", "outlet", "url")
DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b")


def find_articles(paths: Sequence[Path]) -> tuple[Path, list[Path]]:
    """Return the common root and every article under `paths`, sorted, each listed once.

    Folders are walked recursively following symlinks, with each real folder visited once,
    so symlink loops end. Files named explicitly are read whatever their suffix.
    """
    if not paths:
        raise InputError("no input: give at least one file or folder")
    found: dict[str, Path] = {}
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_file():
            found.setdefault(os.path.realpath(path), path.absolute())
            continue
        seen_dirs: set[str] = set()
        for folder, subfolders, files in os.walk(path, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen_dirs:
                subfolders[:] = []
                continue
            seen_dirs.add(real)
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                    file_path = Path(folder, name)
                    found.setdefault(os.path.realpath(file_path), file_path.absolute())
    roots = [p.absolute() if p.is_dir() else p.absolute().parent for p in paths]
    root = Path(os.path.commonpath([str(r) for r in roots]))
    return root, sorted(found.values(), key=lambda p: p.relative_to(root).as_posix())


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read with, and what was wrong with its bytes."""

    text: str
    encoding: str
    warnings: tuple[InputWarning, ...] = ()


MAX_REPORTED_BAD_BYTES = 20  # per file; the rest are counted in one more warning


def decode_article(path: Path, data: bytes, file: str | None = None) -> Decoded:
    """Decode an article's bytes. Valid UTF-8 is never second-guessed. A mostly-UTF-8 file with
    a few bad bytes is read as UTF-8, each bad byte replaced by U+FFFD and reported with its
    line and byte offset. A legacy encoding is used only when the file is clearly not UTF-8.
    Raise InputError naming the byte offset when nothing fits.
    """
    name = file or str(path)
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: invalid UTF-16 at byte offset {exc.start}") from exc
    else:
        encoding, body = "utf-8", data
    skip = len(data) - len(body)
    nul = body.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{path}: not a text file (NUL byte at byte offset {nul + skip})")
    try:
        return Decoded(body.decode("utf-8"), encoding)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text, bad = _decode_utf8_replacing(body)
    valid_multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - len(bad)
    # UTF-8 with a few bad bytes: some valid characters beyond ASCII, and bad bytes rare. When
    # they are also no more than the valid ones, no legacy encoding is tried.
    mostly_utf8 = valid_multibyte > 0 and len(bad) <= max(MAX_REPORTED_BAD_BYTES,
                                                          len(body) // 100)
    guessed = None if mostly_utf8 and len(bad) <= valid_multibyte \
        else _guess_legacy_encoding(body)
    if guessed is not None:
        return Decoded(body.decode(guessed), guessed, (InputWarning(
            name, None, None, f"not valid UTF-8 (first bad byte at byte offset "
                              f"{first_bad + skip}): read as {guessed}"),))
    if mostly_utf8:
        return Decoded(text, encoding, _bad_byte_warnings(name, data, [b + skip for b in bad]))
    raise InputError(
        f"{path}: cannot decode as UTF-8 (invalid byte 0x{body[first_bad]:02x} at byte "
        f"offset {first_bad + skip}) and no other encoding fits; convert the file to UTF-8"
    )


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _decode_utf8_replacing(body: bytes) -> tuple[str, list[int]]:
    """UTF-8 text with each invalid byte replaced by U+FFFD, and those bytes' offsets."""
    escaped = body.decode("utf-8", errors="surrogateescape")
    bad: list[int] = []
    byte, char = 0, 0
    for match in _ESCAPED_BYTE.finditer(escaped):
        byte += len(escaped[char:match.start()].encode("utf-8"))
        bad.append(byte)
        byte, char = byte + 1, match.end()
    return _ESCAPED_BYTE.sub("\ufffd", escaped), bad


def _bad_byte_warnings(file: str, data: bytes, offsets: Sequence[int]
                       ) -> tuple[InputWarning, ...]:
    warnings = [
        InputWarning(file, data.count(b"\n", 0, offset) + 1, offset,
                     f"invalid UTF-8 byte 0x{data[offset]:02x} replaced by U+FFFD")
        for offset in offsets[:MAX_REPORTED_BAD_BYTES]]
    if len(offsets) > MAX_REPORTED_BAD_BYTES:
        warnings.append(InputWarning(
            file, None, None, f"{len(offsets) - MAX_REPORTED_BAD_BYTES} more invalid UTF-8 "
                              f"bytes replaced by U+FFFD"))
    return tuple(warnings)


_WESTERN_EXTRA = set("’‘“”–—…€£•«»°")


def _guess_legacy_encoding(body: bytes) -> str | None:
    """The legacy encoding of text that is not UTF-8, if one fits with confidence.

    Windows-1252 first: it is what mis-saved Western news copy almost always is, and
    detectors guess wrong on short texts. Otherwise charset-normalizer's best low-chaos match.
    """
    try:
        western = body.decode("cp1252")
    except UnicodeDecodeError:
        western = ""
    letters = [ch for ch in western if ch.isalpha()]
    # Western text is mostly ASCII letters; a Cyrillic or Greek legacy encoding read as
    # cp1252 is mostly accented capitals.
    if (western and sum(1 for ch in letters if not ch.isascii()) <= 0.3 * len(letters)
            and all(ch.isascii() or ch in _WESTERN_EXTRA
                    or ("\u00c0" <= ch <= "\u00ff" and ch.isalpha()) for ch in western)):
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    # Without a BOM, a UTF-16/32 guess for bytes that are not valid UTF-8 is noise.
    if best is None or best.chaos > 0.2 or best.encoding.startswith("utf"):
        return None
    return str(best.encoding)


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Rows of a drop's manifest.csv keyed by file (relative to the manifest's folder)."""
    text = decode_article(path, path.read_bytes()).text
    rows: dict[str, dict[str, str]] = {}
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames:
        reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
    if not reader.fieldnames or reader.fieldnames[0] != "file":
        raise InputError(f"{path}:1: manifest must start with a 'file' column "
                         f"(columns: {','.join(MANIFEST_COLUMNS)})")
    for row in reader:
        name = (row.get("file") or "").strip()
        if not name:
            raise InputError(f"{path}:{reader.line_num}: empty 'file' value")
        rows[name] = {k: (v or "").strip() for k, v in row.items() if k}
    return rows


def _manifest_metadata(root: Path, article: Path,
                       manifests: dict[Path, dict[str, dict[str, str]]]) -> dict[str, str]:
    folder = article.parent
    while True:
        if folder not in manifests:
            candidate = folder / MANIFEST_NAME
            manifests[folder] = read_manifest(candidate) if candidate.is_file() else {}
        row = manifests[folder].get(article.relative_to(folder).as_posix())
        if row is not None:
            return row
        if folder == root or folder.parent == folder:
            return {}
        folder = folder.parent


def load_documents(paths: Iterable[Path], max_file_mb: float = 20.0) -> list[Document]:
    """Read every article under `paths` into a Document (manifest.csv rows become metadata).

    A file with the same bytes as an earlier one is kept as a copy (`duplicate_of`) and not
    read twice. A file larger than `max_file_mb` megabytes is an InputError.
    """
    root, files = find_articles(list(paths))
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    documents = []
    first_with: dict[str, str] = {}
    limit = int(max_file_mb * 1_000_000)
    for path in files:
        file = display_name(path.relative_to(root).as_posix())
        try:
            size = path.stat().st_size
            if size > limit:
                raise InputError(
                    f"{path}: {size / 1e6:.1f} MB is over the per-file limit of "
                    f"{max_file_mb:g} MB; raise it with --max-file-mb")
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        digest = hashlib.sha256(data).hexdigest()
        decoded = decode_article(path, data, file)
        meta = _manifest_metadata(root, path, manifests)
        document = Document(
            file=file, path=str(path), sha256=digest, encoding=decoded.encoding,
            text=decoded.text, published=meta.get("published") or None,
            outlet=meta.get("outlet") or None, url=meta.get("url") or None,
            warnings=decoded.warnings, duplicate_of=first_with.get(digest),
        )
        if document.duplicate_of is not None:
            document = replace(document, warnings=(*document.warnings, InputWarning(
                file, None, None, f"same bytes as {document.duplicate_of}: counted once, as "
                                  f"{document.duplicate_of}")))
        elif path.suffix.lower() in HTML_SUFFIXES:
            document = _with_page(document)
        first_with.setdefault(digest, file)
        if not document.text.strip():
            document = replace(document, warnings=(*document.warnings, InputWarning(
                file, None, None, "no text: empty" if not data
                else "no text: only whitespace" if document.format == "text"
                else "no main text found in the page")))
        if document.published is None:
            match = DATE_PREFIX.match(document.text.lstrip("\ufeff"))
            document = replace(document, published=match.group(1) if match else None)
        documents.append(document)
    return documents


def display_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (lone surrogates from the file system)
    shown as \\xNN, as `ls -b` does, so reports and indexes can hold it."""
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def _with_page(document: Document) -> Document:
    """A saved web page as its main text, traced to the HTML file's lines; the page's own
    metadata fills what the manifest leaves empty."""
    page = read_page(document.text, document.file)
    return replace(
        document, format="html", text=page.text, source_lines=page.source_lines,
        skipped=page.skipped, captions=page.captions, title=page.title, author=page.author,
        published=document.published or _iso_date(page.published),
        outlet=document.outlet or page.site, url=document.url or page.url,
    )


def _iso_date(value: str | None) -> str | None:
    match = re.match(r"\d{4}-\d{2}-\d{2}", value or "")
    return match.group(0) if match else None
