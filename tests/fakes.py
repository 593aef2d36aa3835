"""Deterministic stand-ins for the embedding model and the NLI judge (no downloads, no torch).

`FakeEmbedder` hashes word tokens into a 64-dim bag of words; `FakeJudge` applies two word
rules. Both are good enough to drive the pipeline end to end on the kestrel fixtures.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from claimcheck.api import Models
from claimcheck.judge import Thresholds

DIM = 64
_TOKEN = re.compile(r"[a-z0-9]+")
_DENIAL = frozenset({"denied", "not", "no", "never"})
_STOP = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "that",
    "this", "it", "its", "he", "she", "they", "his", "her", "their", "there", "which", "who",
    "said", "says",
})

FAKE_THRESHOLDS = Thresholds(0.5, 0.5, 0.2)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _bucket(token: str) -> int:
    return int.from_bytes(hashlib.md5(token.encode("utf-8")).digest()[:4], "little") % DIM


class FakeEmbedder:
    """Bag-of-words vectors (hashed lowercase tokens), L2-normalised float32; counts calls."""

    name = "fake-embedder"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls.append(list(texts))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokens(text):
                out[row, _bucket(token)] += 1.0
            norm = float(np.linalg.norm(out[row]))
            if norm > 0:
                out[row] /= norm
            else:
                out[row, 0] = 1.0  # keep every vector unit length
        return out


def _content(text: str) -> set[str]:
    return {t for t in tokens(text) if t not in _STOP and t not in _DENIAL}


class FakeJudge:
    """Rule-based NLI: columns (entailment, neutral, contradiction), rows sum to 1.

    contradiction 0.9: exactly one side has denied/not/no/never and they share >= 3 content
    words; entailment 0.9: they share >= 60% of the words of the shorter side, or >= 3 content
    words; else neutral.
    """

    name = "fake-judge"
    thresholds = FAKE_THRESHOLDS

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, str]]] = []

    @staticmethod
    def row(premise: str, hypothesis: str) -> list[float]:
        deny_p = bool(_DENIAL & set(tokens(premise)))
        deny_h = bool(_DENIAL & set(tokens(hypothesis)))
        shared_content = _content(premise) & _content(hypothesis)
        words_p, words_h = set(tokens(premise)), set(tokens(hypothesis))
        overlap = len(words_p & words_h) / max(1, min(len(words_p), len(words_h)))
        if deny_p != deny_h and len(shared_content) >= 3:
            return [0.05, 0.05, 0.9]
        if overlap >= 0.6 or len(shared_content) >= 3:
            return [0.9, 0.05, 0.05]
        return [0.05, 0.9, 0.05]

    def predict(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float32]:
        self.calls.append(list(pairs))
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        return np.array([self.row(p, h) for p, h in pairs], dtype=np.float32)


def fake_models() -> Models:
    return Models(FakeEmbedder(), FakeJudge(), Thresholds(0.5, 0.5, 0.2))
