"""Find article files, decode them with clear errors, attach manifest metadata."""

from __future__ import annotations

import codecs
import csv
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from claimcheck.errors import InputError
from claimcheck.models import Document

ARTICLE_SUFFIXES = (".txt", ".md")
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


def decode_article(path: Path, data: bytes) -> tuple[str, str]:
    """Decode bytes to text; return (text, encoding). Raise InputError naming the byte offset."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: invalid UTF-16 at byte offset {exc.start}") from exc
    else:
        encoding, body = "utf-8", data
    nul = body.find(b"\x00")
    if nul >= 0:
        offset = nul + len(data) - len(body)
        raise InputError(f"{path}: not a text file (NUL byte at byte offset {offset})")
    try:
        return body.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        offset = exc.start + len(data) - len(body)
        guessed = _guess_legacy_encoding(body)
        if guessed is None:
            raise InputError(
                f"{path}: cannot decode as UTF-8 (invalid byte 0x{body[exc.start]:02x} at byte "
                f"offset {offset}) and no other encoding fits; convert the file to UTF-8"
            ) from exc
        return body.decode(guessed), guessed


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
    if western and all(
        ch.isascii() or ch in _WESTERN_EXTRA or ("\u00c0" <= ch <= "\u00ff" and ch.isalpha())
        for ch in western
    ):
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    # Without a BOM, a UTF-16/32 guess for bytes that are not valid UTF-8 is noise.
    if best is None or best.chaos > 0.2 or best.encoding.startswith("utf"):
        return None
    return str(best.encoding)


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Rows of a drop's manifest.csv keyed by file (relative to the manifest's folder)."""
    text, _ = decode_article(path, path.read_bytes())
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


def load_documents(paths: Iterable[Path]) -> list[Document]:
    """Read every article under `paths` into a Document (manifest.csv rows become metadata)."""
    root, files = find_articles(list(paths))
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    documents = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
        text, encoding = decode_article(path, data)
        meta = _manifest_metadata(root, path, manifests)
        published = meta.get("published") or None
        if published is None:
            match = DATE_PREFIX.match(text.lstrip("\ufeff"))
            published = match.group(1) if match else None
        documents.append(Document(
            file=path.relative_to(root).as_posix(),
            path=str(path),
            sha256=hashlib.sha256(data).hexdigest(),
            encoding=encoding,
            text=text,
            published=published,
            outlet=meta.get("outlet") or None,
            url=meta.get("url") or None,
        ))
    return documents
