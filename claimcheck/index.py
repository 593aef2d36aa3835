"""Persistent SQLite index: claim vectors, judged pairs, extracted claims and finished runs.

Everything is keyed by content (sha256 of a text or a file), so an edit elsewhere or a moved
file never invalidates what is still true, and a re-run only computes what is new.
One file, shared safely by several processes: WAL journal, a busy timeout, and every write in
one short transaction (a killed run loses at most the batch it was writing).
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from claimcheck.errors import OutputError

SCHEMA_VERSION = "1"
_BATCH = 500
_BUSY_SECONDS = 120


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL, key TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (model, key));
CREATE TABLE IF NOT EXISTS verdicts (
    judge TEXT NOT NULL, premise TEXT NOT NULL, hypothesis TEXT NOT NULL,
    entailment REAL NOT NULL, neutral REAL NOT NULL, contradiction REAL NOT NULL,
    PRIMARY KEY (judge, premise, hypothesis));
CREATE TABLE IF NOT EXISTS extractions (
    sha256 TEXT NOT NULL, file TEXT NOT NULL, extractor TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (sha256, file, extractor));
CREATE TABLE IF NOT EXISTS runs (fingerprint TEXT PRIMARY KEY, report TEXT NOT NULL);
"""


class Index:
    """A handle on one index file. Opens a short-lived connection per operation."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=_BUSY_SECONDS, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(f"{self.path}: cannot open the index: {exc}") from exc
        try:
            if not self._ready:
                self._initialise(conn)
                self._ready = True
            yield conn
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise OutputError(f"{self.path}: index is busy: another claimcheck run held it "
                                  f"for over {_BUSY_SECONDS} s ({exc})") from exc
            raise OutputError(f"{self.path}: index is unusable ({exc}); remove it to rebuild")\
                from exc
        except sqlite3.DatabaseError as exc:
            raise OutputError(f"{self.path}: index is unusable ({exc}); remove it to rebuild")\
                from exc
        finally:
            conn.close()

    def _initialise(self, conn: sqlite3.Connection) -> None:
        """WAL mode and schema, retried: two runs opening a new index at the same moment
        race for the lock these need, and SQLite reports that at once, without waiting."""
        deadline = time.monotonic() + _BUSY_SECONDS
        while True:
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.executescript(_SCHEMA)
                found = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if found is None:
                    conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)",
                                 (SCHEMA_VERSION,))
                elif found[0] != SCHEMA_VERSION:
                    raise OutputError(
                        f"{self.path}: index schema {found[0]} is not {SCHEMA_VERSION}; "
                        "remove the file to rebuild it")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05 + random.random() * 0.2)

    @staticmethod
    def _write(conn: sqlite3.Connection, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(sql, rows)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # --- vectors --------------------------------------------------------------------------

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, npt.NDArray[np.float32]]:
        """Stored vectors of `model` for those of `keys` that are present."""
        found: dict[str, npt.NDArray[np.float32]] = {}
        unique = sorted(set(keys))
        with self._connect() as conn:
            for start in range(0, len(unique), _BATCH):
                chunk = unique[start:start + _BATCH]
                rows = conn.execute(
                    "SELECT key, vector FROM vectors WHERE model = ? AND key IN ("
                    + ",".join("?" * len(chunk)) + ")", [model, *chunk]).fetchall()
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_vectors(self, model: str, items: dict[str, npt.NDArray[np.float32]]) -> None:
        with self._connect() as conn:
            self._write(conn, "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                        [(model, k, int(v.shape[0]), np.asarray(v, np.float32).tobytes())
                         for k, v in items.items()])

    # --- verdicts -------------------------------------------------------------------------

    def get_verdicts(self, judge: str, pairs: Sequence[tuple[str, str]]
                     ) -> dict[tuple[str, str], tuple[float, float, float]]:
        """Stored probabilities of `judge` for (premise key, hypothesis key) pairs."""
        found: dict[tuple[str, str], tuple[float, float, float]] = {}
        premises = sorted({p for p, _ in pairs})
        wanted = set(pairs)
        with self._connect() as conn:
            for start in range(0, len(premises), _BATCH):
                chunk = premises[start:start + _BATCH]
                rows = conn.execute(
                    "SELECT premise, hypothesis, entailment, neutral, contradiction FROM verdicts"
                    " WHERE judge = ? AND premise IN (" + ",".join("?" * len(chunk)) + ")",
                    [judge, *chunk]).fetchall()
                for premise, hypothesis, e, n, c in rows:
                    if (premise, hypothesis) in wanted:
                        found[(premise, hypothesis)] = (e, n, c)
        return found

    def put_verdicts(self, judge: str,
                     items: dict[tuple[str, str], tuple[float, float, float]]) -> None:
        with self._connect() as conn:
            self._write(conn, "INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?, ?, ?)",
                        [(judge, p, h, *v) for (p, h), v in items.items()])

    # --- extractions and runs -------------------------------------------------------------

    def get_extractions(self, keys: Sequence[tuple[str, str]], extractor: str
                        ) -> dict[tuple[str, str], Any]:
        """Stored extraction results for (sha256, file) keys."""
        found: dict[tuple[str, str], Any] = {}
        with self._connect() as conn:
            for sha, file in keys:
                row = conn.execute(
                    "SELECT data FROM extractions WHERE sha256 = ? AND file = ? AND extractor = ?",
                    (sha, file, extractor)).fetchone()
                if row is not None:
                    found[(sha, file)] = json.loads(row[0])
        return found

    def put_extractions(self, items: dict[tuple[str, str], Any], extractor: str) -> None:
        with self._connect() as conn:
            self._write(conn, "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?)",
                        [(sha, file, extractor, json.dumps(data, ensure_ascii=False))
                         for (sha, file), data in items.items()])

    def get_run(self, fingerprint: str) -> Any | None:
        with self._connect() as conn:
            row = conn.execute("SELECT report FROM runs WHERE fingerprint = ?",
                               (fingerprint,)).fetchone()
        return None if row is None else json.loads(row[0])

    def put_run(self, fingerprint: str, report: Any) -> None:
        with self._connect() as conn:
            self._write(conn, "INSERT OR REPLACE INTO runs VALUES (?, ?)",
                        [(fingerprint, json.dumps(report, ensure_ascii=False))])

    def counts(self) -> dict[str, int]:
        """Rows per table (for diagnostics and tests)."""
        with self._connect() as conn:
            return {table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                    for table in ("vectors", "verdicts", "extractions", "runs")}
