"""NLI judges: one protocol, a built-in offline judge and a CrossEncoder backend.

Every judge returns probabilities in the fixed column order of LABELS, whatever order
the underlying model uses internally.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

from claimcheck.embed import Embedder, resolve_model_path, text_key
from claimcheck.engine import (
    PAIR_PARTITION,
    Engine,
    judge_on_worker,
    partitions,
    portable_model_path,
)
from claimcheck.errors import ConfigError, ModelError

if TYPE_CHECKING:
    from claimcheck.index import Index

LABELS = ("entailment", "neutral", "contradiction")
BUILTIN_JUDGE = "builtin"
BUILTIN_HEAD_JUDGE = "builtin-head"
CASCADE_GATE = 0.1
CASCADE_CROSS_WEIGHT = 0.5
VERDICT_BATCH = 2000
LOOKUP_CHUNK = 10 * VERDICT_BATCH  # pairs looked up in the index at once
HEAD_CHUNK = 4096
FEATURE_VERSION = 2

Probabilities = npt.NDArray[np.float32]


class Judge(Protocol):
    """Scores (premise, hypothesis) pairs; returns an (n, 3) array in LABELS order."""

    @property
    def name(self) -> str: ...

    def predict(self, pairs: Sequence[tuple[str, str]]) -> Probabilities: ...


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds calibrated on held-out data (never on a test set)."""

    contradiction: float = 0.5
    entailment: float = 0.5
    min_similarity: float = 0.45

    def conflicts(self, contradiction: float, entailment: float) -> bool:
        """Whether a pair's contradiction score reads as a conflict: past its threshold and
        stronger than the pair's entailment."""
        return contradiction >= self.contradiction and contradiction > entailment


# --- hand-made pair features -------------------------------------------------------------
# Sentence embeddings blur exactly what news conflicts turn on: negation, denial, numbers
# and dates. These few features put that back in front of the classifier.

_NEGATION = re.compile(
    r"\b(not|no|never|none|nobody|nothing|nowhere|without|neither|nor|cannot)\b|n['’]t\b", re.I
)
_DENIAL = re.compile(
    r"\b(den(y|ies|ied|ying|ial)|dismiss(ed|es|ing)?|reject(ed|s|ing)?|refut(e|ed|es|ing)"
    r"|rebuff(ed)?|insist(ed|s|ing)?|false|fake|baseless|untrue|rumou?rs?|no truth"
    r"|hoax|fabricat(ed|ion))\b",
    re.I,
)
_OLD_PHOTO = re.compile(r"\b(file (photo|picture|image)|archive|in this (photo|picture|image))\b",
                        re.I)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH = (
    r"(?:january|february|april|june|july|august|september|october|november|december"
    # "march" and "may" are also verbs: months only next to a date word or a number
    r"|(?<=\b(?:on|in|of|by) )(?:march|may)|(?<=\bearly |\bsince |\buntil )(?:march|may)"
    r"|(?<=\d )(?:march|may)|(?:march|may)(?=\s+\d))"
)
_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|" + _MONTH + r")\b", re.I
)

HANDMADE_FEATURES = (
    "neg_a", "neg_b", "neg_diff", "deny_a", "deny_b", "deny_diff",
    "num_both", "num_overlap", "num_mismatch", "year_mismatch", "day_mismatch", "old_photo",
)
# Only cues with a meaning of their own: overlap, length and attribution features were tried
# and dropped, as the classifier learned artefacts of the templated news data from them
# (near-paraphrases came out as contradictions).


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)} - {""}


def handmade_features(premise: str, hypothesis: str) -> dict[str, float]:
    """Negation, denial, number, date and archive-photo cues of one pair, by name."""
    neg_a = float(bool(_NEGATION.search(premise)))
    neg_b = float(bool(_NEGATION.search(hypothesis)))
    deny_a = float(bool(_DENIAL.search(premise)))
    deny_b = float(bool(_DENIAL.search(hypothesis)))
    nums_a, nums_b = _numbers(premise), _numbers(hypothesis)
    years_a, years_b = set(_YEAR.findall(premise)), set(_YEAR.findall(hypothesis))
    days_a = {d.lower() for d in _DAY.findall(premise)}
    days_b = {d.lower() for d in _DAY.findall(hypothesis)}
    num_both = float(bool(nums_a and nums_b))
    return {
        "neg_a": neg_a, "neg_b": neg_b, "neg_diff": abs(neg_a - neg_b),
        "deny_a": deny_a, "deny_b": deny_b, "deny_diff": abs(deny_a - deny_b),
        "num_both": num_both,
        "num_overlap": float(bool(nums_a & nums_b)),
        "num_mismatch": float(num_both > 0 and not (nums_a & nums_b)),
        "year_mismatch": float(bool(years_a and years_b and not (years_a & years_b))),
        "day_mismatch": float(bool(days_a and days_b and not (days_a & days_b))),
        "old_photo": float(bool(_OLD_PHOTO.search(premise) or _OLD_PHOTO.search(hypothesis))),
    }


_TIME_EXPRESSION = re.compile(
    r"\b(?:(?:on|in|by|since|until|from|early|late|last|this|next)\s+)*"
    r"(?:(?:\d{1,2}\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    + _MONTH + r")"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:19|20)\d\d|(?:this|last)\s+(?:week|month|year)|yesterday|today|tonight)\b",
    re.I,
)


def mask_time(text: str) -> str:
    """The text without its time expressions (weekdays, dates, months, years)."""
    return " ".join(_TIME_EXPRESSION.sub(" ", text).split())


_CALENDAR_DATE = re.compile(r"\b" + _MONTH + r"\b|\b(?:19|20)\d\d\b", re.I)


def has_calendar_date(text: str) -> bool:
    """Whether the text names a month or a year (not just "today" or a weekday)."""
    return bool(_CALENDAR_DATE.search(text))


def has_denial_cue(text: str) -> bool:
    """Whether the text reports a denial ("denied", "no truth to", "fake news", ...)."""
    return bool(_DENIAL.search(text))


def has_archive_cue(text: str) -> bool:
    """Whether the text presents itself as about the past (a file photo, an archive image)."""
    return bool(_OLD_PHOTO.search(text))


def times_differ(a: str, b: str) -> bool:
    """Both texts name a time, and the times they name differ."""
    features = handmade_features(a, b)
    return bool(features["day_mismatch"] or features["year_mismatch"])


def pair_features(
    premise_vectors: npt.NDArray[np.float32],
    hypothesis_vectors: npt.NDArray[np.float32],
    premises: Sequence[str],
    hypotheses: Sequence[str],
) -> npt.NDArray[np.float32]:
    """Feature matrix [u, v, |u-v|, u*v, cos, hand-made] for aligned rows of pairs."""
    u, v = premise_vectors, hypothesis_vectors
    cos = np.sum(u * v, axis=1, keepdims=True)
    hand = np.array(
        [list(handmade_features(p, h).values()) for p, h in zip(premises, hypotheses, strict=True)],
        dtype=np.float32,
    ).reshape(len(premises), len(HANDMADE_FEATURES))
    return np.hstack([u, v, np.abs(u - v), u * v, cos, hand]).astype(np.float32)


# --- built-in judge ----------------------------------------------------------------------


def builtin_model_dir() -> Path:
    """Folder of the judge weights shipped inside the package."""
    return Path(str(resources.files("claimcheck") / "judge_model"))


@dataclass(frozen=True)
class MLPWeights:
    """Weights of a ReLU multilayer perceptron, stored as plain arrays (no pickle)."""

    weights: tuple[npt.NDArray[np.float32], ...]
    biases: tuple[npt.NDArray[np.float32], ...]
    mean: npt.NDArray[np.float32]
    scale: npt.NDArray[np.float32]
    classes: tuple[str, ...]

    def predict_proba(self, features: npt.NDArray[np.float32]) -> Probabilities:
        hidden = (features - self.mean) / self.scale
        for layer, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            hidden = hidden @ w + b
            if layer < len(self.weights) - 1:
                hidden = np.maximum(hidden, 0.0)
        hidden = hidden - hidden.max(axis=1, keepdims=True)
        exp = np.exp(hidden)
        probs = exp / exp.sum(axis=1, keepdims=True)
        order = [self.classes.index(label) for label in LABELS]
        result: Probabilities = probs[:, order].astype(np.float32)
        return result

    def save(self, path: Path) -> None:
        """Write the arrays to `path` (which must end in .npz)."""
        if path.suffix != ".npz":
            raise ValueError(f"{path}: judge weights are saved as .npz")
        arrays: dict[str, npt.NDArray[np.float32]] = {"mean": self.mean, "scale": self.scale}
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            arrays[f"w{i}"] = w.astype(np.float32)
            arrays[f"b{i}"] = b.astype(np.float32)
        np.savez_compressed(path, classes=np.array(self.classes), **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> MLPWeights:
        with np.load(path, allow_pickle=False) as data:
            n_layers = sum(1 for key in data.files if key.startswith("w"))
            return cls(
                weights=tuple(data[f"w{i}"].astype(np.float32) for i in range(n_layers)),
                biases=tuple(data[f"b{i}"].astype(np.float32) for i in range(n_layers)),
                mean=data["mean"].astype(np.float32),
                scale=data["scale"].astype(np.float32),
                classes=tuple(str(c) for c in data["classes"]),
            )


def _read_card(model_dir: Path) -> dict[str, object]:
    path = model_dir / "card.json"
    if not path.exists():
        raise ModelError(f"judge model is missing its model card: {path}")
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _file_digest(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _card_thresholds(card: dict[str, object]) -> Thresholds:
    raw = card.get("thresholds", {})
    if not isinstance(raw, dict):
        raise ModelError("model card thresholds must be an object")
    return Thresholds(**{k: float(v) for k, v in raw.items()})


class BuiltinJudge:
    """The offline head shipped in the package: an MLP on sentence-embedding features.

    It reuses the claim vectors the pipeline already computed (through the embedder's
    cache), so judging a pair costs a few microseconds of matrix work.
    """

    def __init__(self, embedder: Embedder, model_dir: Path | None = None) -> None:
        self.embedder = embedder
        self.model_dir = model_dir or builtin_model_dir()

    @property
    def name(self) -> str:
        return f"{BUILTIN_JUDGE}:{self.card.get('model_id', 'unknown')}:{self.fingerprint}"

    @cached_property
    def fingerprint(self) -> str:
        """Short hash of the model card: a retrained head never reuses cached verdicts."""
        return _file_digest(self.model_dir / "card.json")

    @cached_property
    def card(self) -> dict[str, object]:
        return _read_card(self.model_dir)

    @cached_property
    def weights(self) -> MLPWeights:
        path = self.model_dir / "head.npz"
        if not path.exists():
            raise ModelError(f"built-in judge is missing its weights: {path}")
        return MLPWeights.load(path)

    @property
    def thresholds(self) -> Thresholds:
        return _card_thresholds(self.card)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> Probabilities:
        return self._predict(pairs, both_ways=False)[0]

    def predict_both_ways(self, pairs: Sequence[tuple[str, str]]
                          ) -> tuple[Probabilities, Probabilities]:
        """The head's probabilities for each pair as given and for its reverse (hypothesis as
        premise), from one embedding of the pair's texts."""
        forward, reverse = self._predict(pairs, both_ways=True)
        assert reverse is not None
        return forward, reverse

    def _predict(self, pairs: Sequence[tuple[str, str]], both_ways: bool
                 ) -> tuple[Probabilities, Probabilities | None]:
        if not pairs:
            empty = np.zeros((0, 3), dtype=np.float32)
            return empty, empty.copy() if both_ways else None
        forward, reverse = [], []
        # features of a chunk at a time: (n, 4 x 384 + 13) floats for every pair at once
        # would be about 1 GB at 175,000 directed pairs
        for start in range(0, len(pairs), HEAD_CHUNK):
            chunk = pairs[start:start + HEAD_CHUNK]
            premises = [p for p, _ in chunk]
            hypotheses = [h for _, h in chunk]
            vectors = self.embedder.encode(premises + hypotheses)
            first, second = vectors[: len(chunk)], vectors[len(chunk):]
            forward.append(self.weights.predict_proba(
                pair_features(first, second, premises, hypotheses)))
            if both_ways:
                reverse.append(self.weights.predict_proba(
                    pair_features(second, first, hypotheses, premises)))
        return np.vstack(forward), np.vstack(reverse) if both_ways else None


def label_order_from_config(id2label: dict[int, str] | dict[str, str]) -> list[int]:
    """Column index of entailment, neutral and contradiction in a model's output.

    Reads the model's own `id2label` and never assumes an order.
    """
    by_name: dict[str, int] = {}
    for index, label in id2label.items():
        by_name[str(label).strip().lower()] = int(index)
    synonyms = {"entailment": ("entailment", "entail", "entails"),
                "neutral": ("neutral",),
                "contradiction": ("contradiction", "contradict", "contradicts")}
    order = []
    for label in LABELS:
        match = next((by_name[s] for s in synonyms[label] if s in by_name), None)
        if match is None:
            raise ModelError(
                f"model labels {sorted(by_name)} do not name {label!r}; "
                "claimcheck needs an NLI model with entailment/neutral/contradiction labels"
            )
        order.append(match)
    return order


JUDGE_DTYPE_ENV = "CLAIMCHECK_JUDGE_DTYPE"
JUDGE_DTYPES = ("auto", "float32", "bfloat16")


def cpu_has_fast_bfloat16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether bfloat16 runs faster than float32 on this CPU: AMX, or an AMD CPU with
    AVX512-BF16.

    Read from /proc/cpuinfo rather than asked of torch, so a run that judges nothing (an
    unchanged CI re-run) never imports torch. Elsewhere (no /proc): False. An Intel Xeon with
    AVX512-BF16 but no AMX ran both cross-encoders slower in bfloat16 than in float32 (MiniLM
    173 against 274 pairs/s, MPNet 23.5 against 40.4: docs/judge.md), while on the
    2-core AMD EPYCs bfloat16 is 1.9x faster.
    """
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    lines = text.splitlines()
    flags = next((line.split(":", 1)[1].split() for line in lines
                  if line.startswith("flags")), [])
    vendor = next((line.split(":", 1)[1].strip() for line in lines
                   if line.startswith("vendor_id")), "")
    return "amx_bf16" in flags or (vendor == "AuthenticAMD" and "avx512_bf16" in flags)


def inference_dtype(device: str, setting: str | None = None) -> str:
    """The cross-encoder's compute dtype: `$CLAIMCHECK_JUDGE_DTYPE`, else `auto`.

    `auto` is bfloat16 on a CPU where it is faster (`cpu_has_fast_bfloat16`) and float32
    everywhere else. On the 2-core EPYCs bfloat16 runs the built-in cross-encoder 1.9x faster
    (337 vs 178 pairs/s) and gives the same label on 99.97% of SNLI test pairs.
    """
    chosen = (setting or os.environ.get(JUDGE_DTYPE_ENV) or "auto").strip().lower()
    if chosen not in JUDGE_DTYPES:
        raise ConfigError(f"{JUDGE_DTYPE_ENV} must be one of {', '.join(JUDGE_DTYPES)}, "
                          f"not {chosen!r}")
    if chosen != "auto":
        return chosen
    return "bfloat16" if device == "cpu" and cpu_has_fast_bfloat16() else "float32"


INPUT_NORMALISATION = "input_normalisation"
STRIP_FINAL_STOP = "strip_final_stop"
_FINAL_STOP = re.compile(r"\.+([\"'\u201d\u2019)]*)\s*$")


# an opening quotation mark right before a negation, or an auxiliary and a negation:
# 'had "never left Vesmaria', 'her client "has not left Ostrelvia'
_QUOTED_NEGATION = re.compile(
    r"[\"“„«‘']\s*(?=(?:(?:has|have|had|did|does|do|was|were|is|are|will|would|could|can)\s+)?"
    r"(?:never|not|no|nobody|nothing|none|neither|nor)\b|\w+n[’']t\b)", re.IGNORECASE)


def negation_unquoted(text: str) -> str:
    """`text` without a quotation mark that opens right before a negation: the cross-encoders
    read the negation as if it were not there ('Vradek had "never left Vesmaria' entails
    "Vradek left the country" at 0.85; unquoted, a contradiction at 0.90; docs/judge.md,
    "0.41.0"). Other quotation marks stay: taking them all out lost more than it found."""
    return _QUOTED_NEGATION.sub("", text)


def strip_final_stop(text: str) -> str:
    """`text` without the full stop(s) that end it (a closing quote or bracket is kept).

    Models whose card asks for it see their input this way. The premise pairs that teach a
    model that related but different scenes are neutral are SNLI premises, which nearly all
    end in a full stop, and a model trained on them learns that cue: it calls SNLI pairs whose
    hypothesis ends in a full stop neutral more often than their labels do.
    """
    return _FINAL_STOP.sub(r"\1", text.rstrip())


WORD_EMBEDDINGS_FROM = "word_embeddings_from"
WORD_EMBEDDINGS_WEIGHT = "word_embeddings.weight"


def base_word_embeddings(source: str) -> npt.NDArray[np.float32]:
    """The token embeddings of the sentence-transformers model `source`."""
    from safetensors.numpy import load_file

    path = Path(resolve_model_path(source)) / "model.safetensors"
    try:
        weights = load_file(str(path))
    except Exception as exc:  # a missing or unreadable file becomes one clear message
        raise ModelError(f"cannot read the token embeddings of {source!r} ({path}): {exc}") from exc
    key = next((k for k in weights if k.endswith(WORD_EMBEDDINGS_WEIGHT)), None)
    if key is None:
        raise ModelError(f"{path} has no token embeddings")
    return weights[key]


def restore_word_embeddings(model: object, source: str) -> None:
    """Fill in the token embeddings a checkpoint left out, from the model `source`.

    The built-in cross-encoders are trained with the token embeddings of all-MiniLM-L6-v2
    frozen, so their checkpoints leave that half of the weights out (22 of 45 MB each) and
    take it from the embedder's own package. A model card says so with `word_embeddings_from`.
    """
    import torch

    embeddings = base_word_embeddings(source)
    target = model.get_input_embeddings().weight  # type: ignore[attr-defined]
    if tuple(embeddings.shape) != tuple(target.shape):
        raise ModelError(f"the token embeddings of {source!r} are {tuple(embeddings.shape)}, "
                         f"the model needs {tuple(target.shape)}")
    with torch.no_grad():
        target.copy_(torch.from_numpy(embeddings).to(target.dtype))


INT8_SCALES = "int8_scales"


def restore_int8_rows(model: object, scales_file: Path) -> None:
    """Scale back the weight matrices a checkpoint stores as int8, by their groups' scales.

    The MPNet second opinion keeps its large matrices as int8 (116 instead of 219 MB, so the
    judge folder fits its 150 MB), with one scale for each group of numbers in a row. Loading
    casts those integers into the model's dtype exactly (they lie in -127..127); each group is
    then multiplied by its scale in float32 and rounded once into the model's dtype. A model
    card names the scales file with `int8_scales`.
    """
    import torch
    from safetensors.torch import load_file

    try:
        scales = load_file(str(scales_file))
    except Exception as exc:  # a missing or unreadable file becomes one clear message
        raise ModelError(f"cannot read the int8 scales {scales_file}: {exc}") from exc
    params = dict(model.named_parameters())  # type: ignore[attr-defined]
    with torch.no_grad():
        for name, scale in scales.items():
            target = params.get(name)
            if (target is None or target.dim() != 2 or scale.dim() != 2
                    or target.shape[0] != scale.shape[0] or target.shape[1] % scale.shape[1]):
                raise ModelError(f"{scales_file}: {name} {tuple(scale.shape)} fits no weight "
                                 "matrix of the model")
            rows, groups = scale.shape
            grouped = target.float().reshape(rows, groups, -1) * scale.float()[:, :, None]
            target.copy_(grouped.reshape(target.shape).to(target.dtype))


class CrossEncoderJudge:
    """Any sentence-transformers CrossEncoder NLI model, by hub name or local path."""

    def __init__(self, model: str, device: str | None = None, batch_size: int = 32,
                 display_name: str | None = None, dtype: str | None = None,
                 onnx_cache: Path | None = None) -> None:
        self._model_name = model
        self._display_name = display_name or model
        self._device = device or "cpu"
        # ONNX copies (claimcheck.onnx_models) of a local model, kept in this folder: they
        # compute in float32, so torch does too, and both store verdicts under one name
        self.onnx_cache = onnx_cache if Path(model).is_dir() and self._device == "cpu" else None
        chosen = inference_dtype(self._device, dtype)  # a bad setting is an error either way
        self.dtype = "float32" if self.onnx_cache is not None else chosen
        self._exporting = False
        self._batch_size = batch_size
        self._model: object | None = None
        self._order: list[int] = []
        self.loads = 0

    @cached_property
    def name(self) -> str:
        card = Path(self._model_name) / "card.json"
        suffix = f":{_file_digest(card)}" if card.exists() else ""
        # bfloat16 verdicts differ from float32 ones in the third decimal: stored apart
        precision = "@bf16" if self.dtype == "bfloat16" else ""
        return "cross-encoder:" + self._display_name + suffix + precision + "+negation-unquoted"

    @cached_property
    def _card(self) -> dict[str, object]:
        """A local model's card.json (the built-in models have one), else nothing."""
        folder = Path(self._model_name)
        return _read_card(folder) if (folder / "card.json").exists() else {}

    @property
    def thresholds(self) -> Thresholds:
        """Calibrated thresholds from a local model's card.json, else neutral defaults."""
        return _card_thresholds(self._card) if self._card else Thresholds()

    @cached_property
    def _normalise_input(self) -> Callable[[str], str] | None:
        """How the card says the model read its training input; an unknown way is an error."""
        way = self._card.get(INPUT_NORMALISATION)
        if way is None:
            return None
        if way == STRIP_FINAL_STOP:
            return strip_final_stop
        raise ModelError(
            f"{Path(self._model_name) / 'card.json'}: unknown {INPUT_NORMALISATION} {way!r} "
            f"(this version knows {STRIP_FINAL_STOP!r}); the model would read its input "
            "differently from how it was trained")

    def _load(self) -> object:
        if self._model is None and self.onnx_cache is not None and not self._exporting:
            self._model = self._load_onnx()
        if self._model is None:
            try:
                import torch
                from sentence_transformers import CrossEncoder

                from claimcheck.embed import quiet_model_loading

                quiet_model_loading()
                # never the stored dtype: the built-in model is stored in float16, which
                # CPUs compute slowly
                model = CrossEncoder(self._model_name, device=self._device,
                                     model_kwargs={"torch_dtype": getattr(torch, self.dtype)})
                shared = self._card.get(WORD_EMBEDDINGS_FROM)
                if shared:
                    restore_word_embeddings(model.model, str(shared))
                int8_scales = self._card.get(INT8_SCALES)
                if int8_scales:
                    restore_int8_rows(model.model, Path(self._model_name) / str(int8_scales))
                config = model.model.config
            except ModelError:
                raise
            except Exception as exc:  # any loader failure becomes one clear message
                raise ModelError(f"cannot load NLI model {self._model_name!r}: {exc}") from exc
            self._order = label_order_from_config(dict(config.id2label))
            self._model = model
            self.loads += 1
        return self._model

    def load(self) -> None:
        """Load the model now rather than on the first pair (exporting its ONNX copy, when
        this judge uses one and there is none yet)."""
        self._load()

    def onnx_folder(self) -> Path | None:
        """Where this judge's ONNX copy lives, when it uses one."""
        from claimcheck import onnx_models

        if self.onnx_cache is None:
            return None
        return onnx_models.export_folder(self.onnx_cache, Path(self._model_name),
                                         "cross-encoder")

    def _load_onnx(self) -> object | None:
        """The model's ONNX copy, exported first where there is none (this run then keeps the
        torch model it exported from); None where it cannot be used."""
        from claimcheck import onnx_models

        folder = self.onnx_folder()
        assert folder is not None

        def torch_model() -> object:
            self._exporting = True
            return self._load()

        loaded = onnx_models.copy_or_torch(folder, onnx_models.OnnxCrossEncoder, torch_model,
                                           onnx_models.export_cross_encoder)
        if isinstance(loaded, onnx_models.OnnxCrossEncoder):
            self._order = label_order_from_config(loaded.id2label)
            self.loads += 1
        return loaded  # type: ignore[no-any-return]

    @property
    def spec(self) -> tuple[str, str, str, int]:
        """What a worker needs to build the same judge: model, display name, dtype, batch."""
        return (portable_model_path(self._model_name), self._display_name, self.dtype,
                self._batch_size)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> Probabilities:
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        # in the partitions a distributed run computes, so both give the same verdicts
        return np.vstack([self._predict_partition(part)
                          for part in partitions(pairs, PAIR_PARTITION)])

    def _predict_partition(self, pairs: Sequence[tuple[str, str]]) -> Probabilities:
        normalise = self._normalise_input
        model = self._load()
        pairs = [(negation_unquoted(p), negation_unquoted(h)) for p, h in pairs]
        if normalise is not None:
            pairs = [(normalise(p), normalise(h)) for p, h in pairs]
        logits = np.asarray(
            model.predict(  # type: ignore[attr-defined]
                [list(p) for p in pairs], batch_size=self._batch_size,
                convert_to_numpy=True, show_progress_bar=False,
            ),
            dtype=np.float64,
        ).reshape(len(pairs), -1)
        result: Probabilities = softmax(logits)[:, self._order].astype(np.float32)
        return result


def softmax(logits: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Probabilities from one row of logits per pair, in float64."""
    shifted = np.asarray(logits, dtype=np.float64)
    shifted = shifted - shifted.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    probs: npt.NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
    return probs


_ANTONYMS = (
    ("rose", "fell"), ("rise", "fall"), ("rises", "falls"), ("risen", "fallen"),
    ("increased", "decreased"), ("won", "lost"), ("win", "lose"), ("wins", "loses"),
    ("opened", "closed"), ("reopened", "closed"), ("open", "closed"), ("reopened", "shut"),
    ("passed", "failed"), ("arrested", "released"), ("advanced", "retreated"),
    ("collapsed", "reached"), ("accepted", "rejected"), ("alive", "dead"),
    ("survived", "died"), ("survived", "killed"), ("convicted", "acquitted"),
    ("guilty", "innocent"), ("higher", "lower"), ("gained", "lost"), ("approved", "rejected"),
    ("expanded", "shrank"), ("accelerated", "slowed"), ("strengthened", "weakened"),
    ("captured", "lost"), ("fled", "stayed"), ("left", "stayed"), ("left", "remained"),
    ("fled", "remained"), ("resigned", "remained"), ("present", "absent"), ("true", "false"),
    ("allowed", "banned"), ("lifted", "imposed"), ("ended", "continued"), ("began", "ended"),
    ("started", "stopped"), ("hired", "fired"), ("raised", "cut"), ("raised", "lowered"),
    ("rejected", "passed"), ("agreed", "refused"), ("success", "failure"),
)
_ANTONYM_OF: dict[str, frozenset[str]] = {}
for _left, _right in _ANTONYMS:
    _ANTONYM_OF[_left] = _ANTONYM_OF.get(_left, frozenset()) | {_right}
    _ANTONYM_OF[_right] = _ANTONYM_OF.get(_right, frozenset()) | {_left}
_WORDS = re.compile(r"[a-z]+")


def contrast_cue(premise: str, hypothesis: str) -> bool:
    """Negation on one side only, or an antonym pair across the sides ("rose" / "fell").

    The first cross-encoder is confidently wrong on these ("X is not dead" => "X is dead":
    entailment 0.96), so they always get the second opinion.
    """
    if bool(_NEGATION.search(premise)) != bool(_NEGATION.search(hypothesis)):
        return True
    words_a = set(_WORDS.findall(premise.lower()))
    words_b = set(_WORDS.findall(hypothesis.lower()))
    return any(_ANTONYM_OF[w] & words_b for w in words_a - words_b if w in _ANTONYM_OF)


# Every pair the first cross-encoder calls entailment or contradiction gets the second opinion.
# On the short contents the assertions stage gives it (no attribution frame), the MiniLM model
# is confidently wrong ("Brask had resigned" => "Brask had been detained": entailment 0.995)
# where the MPNet model is not; chosen on the dev split of evaluation/assertions.
SECOND_OPINION_ON_VERDICTS = True


def unsure_rows(probs: Probabilities, below: float) -> npt.NDArray[np.intp]:
    """Rows whose most likely label has a probability under `below`."""
    return np.flatnonzero(probs.max(axis=1) < below)


class RemoteCrossEncoderJudge(CrossEncoderJudge):
    """A CrossEncoderJudge whose partitions run on an engine's workers, each of which loads
    the same model once. Its name, card and thresholds are the local judge's."""

    def __init__(self, engine: Engine, local: CrossEncoderJudge) -> None:
        _, display_name, dtype, batch_size = local.spec
        super().__init__(local._model_name, local._device, batch_size, display_name, dtype)
        self.engine = engine

    def predict(self, pairs: Sequence[tuple[str, str]]) -> Probabilities:
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        import torch

        threads = torch.get_num_threads()
        parts = self.engine.map(judge_on_worker, [(*self.spec, self.name, part, threads)
                                                   for part in partitions(pairs, PAIR_PARTITION)])
        return np.vstack(parts).astype(np.float32)


class SecondOpinionJudge:
    """One cross-encoder on every pair; a second one on the pairs the first is unsure of
    (blended at the calibrated `weight`), and on every pair where the first has a verdict
    (entailment or contradiction) or that carries a contrast cue (negation on one side,
    antonyms), where the second's verdict replaces the first's.

    The built-in second is a larger network, too slow for every pair on two cores: asking it
    only where the first's top probability is under `below`, and blending its probabilities
    with the first's at `weight` (both calibrated on held-out data), keeps most of its gain
    for a fraction of its cost.
    """

    def __init__(self, first: CrossEncoderJudge, second: CrossEncoderJudge, below: float,
                 weight: float = 0.5, trust_first_above: float | None = None) -> None:
        self.first = first
        self.second = second
        self.below = below
        self.weight = weight
        self.trust_first_above = trust_first_above
        self.second_opinions = 0

    @cached_property
    def name(self) -> str:
        # the plain mean kept its old name, so that verdicts cached before the weight stay valid
        weight = "" if self.weight == 0.5 else f"w{self.weight:g}"
        verdicts = "+decides-verdicts" if SECOND_OPINION_ON_VERDICTS else ""
        if self.trust_first_above is not None:
            verdicts += f"-trusted>={self.trust_first_above:g}"
        return f"{self.first.name}+{self.second.name}<{self.below:g}{weight}+contrast{verdicts}"

    @property
    def thresholds(self) -> Thresholds:
        return self.first.thresholds

    def predict(self, pairs: Sequence[tuple[str, str]]) -> Probabilities:
        probs = self.first.predict(pairs)
        asked, weights = second_opinion_plan(pairs, probs, self.below, self.weight,
                                             self.trust_first_above)
        if asked.size:
            self.second_opinions += int(asked.size)
            second = self.second.predict([pairs[int(i)] for i in asked])
            probs[asked] = blend(probs[asked], second, weights)
        return probs


def second_opinion_plan(pairs: Sequence[tuple[str, str]], first: Probabilities, below: float,
                        weight: float, trust_first_above: float | None = None
                        ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """The rows the second opinion is asked on, and its weight in the blend on each (as an
    (n, 1) column): the calibrated `weight` where the first was unsure (top probability under
    `below`); 1.0, its verdict replacing the first's, where the first had a verdict or the
    pair carries a contrast cue. With `trust_first_above`, a verdict the first gives with at
    least that probability stands, unless the pair carries a contrast cue."""
    unsure = unsure_rows(first, below)
    decided = np.asarray([n for n, (p, h) in enumerate(pairs) if contrast_cue(p, h)],
                         dtype=np.intp)
    if SECOND_OPINION_ON_VERDICTS:
        verdict = first.argmax(axis=1) != LABELS.index("neutral")
        if trust_first_above is not None:
            verdict &= first.max(axis=1) < trust_first_above
        verdicts = np.flatnonzero(verdict)
        decided = np.union1d(decided, verdicts).astype(np.intp)
    asked = np.union1d(unsure, decided).astype(np.intp)
    weights = np.where(np.isin(asked, decided), 1.0, weight)[:, None]
    return asked, weights


_EDGE_PUNCTUATION = " \t.,;:!?\"'“”‘’()[]"
SAME_TEXT_VERDICT = np.array([1.0, 0.0, 0.0], dtype=np.float32)  # LABELS order: entailment


def same_text(a: str, b: str) -> bool:
    """Whether two texts say the same words, case, spacing and the punctuation around them
    aside (a wire story's sentence in two outlets)."""
    def words(text: str) -> str:
        return " ".join(text.casefold().split()).strip(_EDGE_PUNCTUATION)

    return words(a) == words(b)


def escalated_rows(head_probs: Probabilities, gate: float) -> npt.NDArray[np.intp]:
    """Rows the head does not find plainly neutral: entailment or contradiction at `gate`."""
    return np.flatnonzero((head_probs[:, 0] >= gate) | (head_probs[:, 2] >= gate))


def close_rows(forward: Probabilities, reverse: Probabilities, gate: float
               ) -> npt.NDArray[np.intp]:
    """Pairs the head does not find plainly neutral either way round (`reverse`: its
    probabilities with premise and hypothesis swapped). A pair is close or not whichever way
    it is read: the head can find one direction plainly neutral where the cross-encoders see
    a contradiction ("X fled to Vienna" => "the minister did not run away to Vienna"), and
    conflicts are read from the mean of both directions."""
    return np.union1d(escalated_rows(forward, gate), escalated_rows(reverse, gate)).astype(np.intp)


def blend(head_probs: Probabilities, cross_probs: Probabilities,
          cross_weight: float | npt.NDArray[np.float64]) -> Probabilities:
    """Weighted mean of two judges' probabilities (the head's and a cross-encoder's, or two
    cross-encoders'); `cross_weight` is one weight, or one per row as an (n, 1) column."""
    mixed: Probabilities = ((1 - cross_weight) * head_probs
                            + cross_weight * cross_probs).astype(np.float32)
    return mixed


class CascadeJudge:
    """The cheap head on every pair; the cross-encoder joins in on the pairs that matter.

    Pairs the head finds plainly neutral (entailment and contradiction both under `gate`, read
    both ways round) keep the head's probabilities, which are below every threshold. The
    others get a weighted mean of the head's and the cross-encoder's: the two err differently
    (the head misses how two sentences align, the cross-encoder overreacts to rewording), and
    a blend beat each of them on held-out data. Gate, weight and thresholds come from
    `cascade.json`, calibrated on data neither model was trained on
    (scripts/calibrate_cascade.py); the gate reads both ways round since 0.27.0.
    """

    def __init__(self, head: BuiltinJudge, cross: CrossEncoderJudge | SecondOpinionJudge,
                 settings: Path | None = None) -> None:
        self.head = head
        self.cross = cross
        self.settings_path = settings
        self.escalated = 0

    @cached_property
    def settings(self) -> dict[str, object]:
        if self.settings_path is None or not self.settings_path.exists():
            return {}
        data: dict[str, object] = json.loads(self.settings_path.read_text(encoding="utf-8"))
        return data

    @property
    def gate(self) -> float:
        return float(self.settings.get("gate", CASCADE_GATE))  # type: ignore[arg-type]

    @property
    def cross_weight(self) -> float:
        return float(self.settings.get("cross_weight", CASCADE_CROSS_WEIGHT))  # type: ignore[arg-type]

    @cached_property
    def name(self) -> str:
        # the settings (combination rule, gate) shape the verdicts as much as the models do
        settings = _file_digest(self.settings_path) if self.settings_path else "default"
        return f"{self.head.name}+{self.cross.name}@{settings}+same-text+pair-gate"

    @property
    def thresholds(self) -> Thresholds:
        return _card_thresholds(self.settings) if "thresholds" in self.settings \
            else self.cross.thresholds

    def predict(self, pairs: Sequence[tuple[str, str]]) -> Probabilities:
        probs, reverse = self.head.predict_both_ways(pairs)
        if len(probs) == 0:
            return probs
        # the same words on both sides are the same fact: no cross-encoder is asked
        same = np.asarray([n for n, (p, h) in enumerate(pairs) if same_text(p, h)],
                          dtype=np.intp)
        probs[same] = SAME_TEXT_VERDICT
        close = np.setdiff1d(close_rows(probs, reverse, self.gate), same).astype(np.intp)
        if close.size:
            self.escalated += int(close.size)
            cross = self.cross.predict([pairs[int(i)] for i in close])
            probs[close] = blend(probs[close], cross, self.cross_weight)
        return probs


class CachedJudge:
    """Wraps a Judge with the index's verdict store, keyed by (judge name, text hashes).

    Judges only the pairs never judged before; NLI is directional, so (a, b) and (b, a)
    are stored apart.
    """

    def __init__(self, inner: Judge, index: Index,
                 chunks_in_flight: int | Callable[[], int] = 1) -> None:
        self.inner = inner
        self.index = index
        self.misses = 0
        # over 1 with a distributed engine: while one chunk waits on its second opinion, the
        # next ones keep the workers busy; each chunk is judged exactly as it would be alone
        self.chunks_in_flight = chunks_in_flight

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def thresholds(self) -> Thresholds:
        return self.inner.thresholds  # type: ignore[attr-defined, no-any-return]

    def predict(self, pairs: Sequence[tuple[str, str]]) -> Probabilities:
        # chunk by chunk: the keys and verdicts of one chunk at a time stay in memory, not those
        # of every pair of a drop (at 50,000 claims, 760,000 directed pairs)
        probs = np.zeros((len(pairs), 3), dtype=np.float32)
        for start in range(0, len(pairs), LOOKUP_CHUNK):
            probs[start:start + LOOKUP_CHUNK] = self._predict_chunk(
                pairs[start:start + LOOKUP_CHUNK])
        return probs

    def _predict_chunk(self, pairs: Sequence[tuple[str, str]]) -> Probabilities:
        key_of: dict[str, str] = {}
        for text in (t for pair in pairs for t in pair):
            if text not in key_of:
                key_of[text] = text_key(text)
        keys = [(key_of[p], key_of[h]) for p, h in pairs]
        found = self.index.get_verdicts(self.name, keys)
        missing: dict[tuple[str, str], tuple[str, str]] = {}
        for key, pair in zip(keys, pairs, strict=True):
            if key not in found:
                missing.setdefault(key, pair)
        batches = partitions(list(missing.items()), VERDICT_BATCH)
        # asked only now: with a distributed engine, the number of workers starts its cluster
        in_flight = (self.chunks_in_flight() if callable(self.chunks_in_flight)
                     else self.chunks_in_flight) if len(batches) > 1 else 1

        def judged(batch: list[tuple[tuple[str, str], tuple[str, str]]]) -> Probabilities:
            return self.inner.predict([pair for _, pair in batch])

        with ThreadPoolExecutor(max(1, in_flight)) as pool:
            results = pool.map(judged, batches) if in_flight > 1 else map(judged, batches)
            # stored batch by batch, in order: a killed run keeps what it judged
            for batch, probs in zip(batches, results, strict=True):
                computed = {key: (float(r[0]), float(r[1]), float(r[2]))
                            for (key, _), r in zip(batch, probs, strict=True)}
                self.index.put_verdicts(self.name, computed)
                found.update(computed)
                self.misses += len(batch)
        return np.array([found[k] for k in keys], dtype=np.float32)


def holds_model_weights(folder: Path) -> bool:
    """Whether `folder` holds a model's safetensors weights, whole or in shards."""
    return any(folder.glob("model*.safetensors"))


def _builtin_cross_encoder(folder: Path, onnx_cache: Path | None = None) -> CrossEncoderJudge:
    return CrossEncoderJudge(str(folder),
                             display_name="builtin-" + str(_read_card(folder)["model_id"]),
                             onnx_cache=onnx_cache)


def builtin_cascade(embedder: Embedder, model_dir: Path, onnx_cache: Path | None = None
                    ) -> BuiltinJudge | CascadeJudge:
    """The head, the cross-encoder and (where cascade.json names one) its second opinion;
    with `onnx_cache`, the cross-encoders run from ONNX copies kept there."""
    head = BuiltinJudge(embedder, model_dir)
    cross_dir = model_dir / "cross-encoder"
    if not holds_model_weights(cross_dir):
        return head
    settings_path = model_dir / "cascade.json"
    first = _builtin_cross_encoder(cross_dir, onnx_cache)
    settings = json.loads(settings_path.read_text(encoding="utf-8")) \
        if settings_path.exists() else {}
    second = settings.get("second_opinion")
    if not second:
        return CascadeJudge(head, first, settings=settings_path)
    return CascadeJudge(head, SecondOpinionJudge(
        first, _builtin_cross_encoder(model_dir / second["model"], onnx_cache),
        below=float(second["below"]),
        weight=float(second.get("weight", 0.5)),
        trust_first_above=None if second.get("trust_first_above") is None
        else float(second["trust_first_above"])),
        settings=settings_path)


def cross_encoders(judge: object) -> list[CrossEncoderJudge]:
    """The cross-encoders inside a judge (a cascade, a second opinion, a cache), in the
    order they are asked."""
    if isinstance(judge, CrossEncoderJudge):
        return [judge]
    if isinstance(judge, SecondOpinionJudge):
        return [judge.first, judge.second]
    for inner in ("inner", "cross"):  # CachedJudge, CascadeJudge
        if hasattr(judge, inner):
            return cross_encoders(getattr(judge, inner))
    return []


def distribute_judge(judge: BuiltinJudge | CrossEncoderJudge | CascadeJudge, engine: Engine
                     ) -> BuiltinJudge | CrossEncoderJudge | CascadeJudge:
    """The same judge with its cross-encoders run on `engine`'s workers; the head, which
    reads the driver's cached vectors, stays on the driver."""
    if isinstance(judge, CrossEncoderJudge):
        return RemoteCrossEncoderJudge(engine, judge)
    if not isinstance(judge, CascadeJudge):
        return judge
    cross = judge.cross
    remote = (SecondOpinionJudge(RemoteCrossEncoderJudge(engine, cross.first),
                                 RemoteCrossEncoderJudge(engine, cross.second),
                                 below=cross.below, weight=cross.weight,
                                 trust_first_above=cross.trust_first_above)
              if isinstance(cross, SecondOpinionJudge) else RemoteCrossEncoderJudge(engine, cross))
    return CascadeJudge(judge.head, remote, settings=judge.settings_path)


def load_judge(spec: str, embedder: Embedder, onnx_cache: Path | None = None
               ) -> BuiltinJudge | CrossEncoderJudge | CascadeJudge:
    """The judge named by `spec`.

    `builtin` (default, offline): the shipped head + cross-encoder cascade; `builtin-head`: the
    head alone (fastest); a folder with head.npz + card.json: a head trained by
    scripts/train_judge.py; anything else: a CrossEncoder NLI model by hub name or path. With
    `onnx_cache`, cross-encoders in local folders run from ONNX copies kept there.
    """
    if spec in ("", BUILTIN_JUDGE):
        return builtin_cascade(embedder, builtin_model_dir(), onnx_cache)
    if spec == BUILTIN_HEAD_JUDGE:
        return BuiltinJudge(embedder)
    path = Path(spec)
    if (path / "head.npz").exists():
        return BuiltinJudge(embedder, model_dir=path)
    return CrossEncoderJudge(spec, onnx_cache=onnx_cache)
