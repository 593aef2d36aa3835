"""ONNX Runtime copies of local models, so that a command answering one question starts fast.

A cold `compare` spent 4.1 of its 5.1 s importing sentence-transformers with torch; ONNX
Runtime and tokenizers import in 0.1 s. In float32, ONNX Runtime gives the labels torch gives in
float32 (docs/bench_onnx.json), but it is slower per pair than torch, and the exports are too
large to ship (MPNet's is 438 MB against the judge's 150 MB). So `compare` and `sources` export
each model once, with torch, into the cache folder, and later runs open the exports. An export
whose outputs differ from torch's on the probe inputs below is recorded as unusable and never
opened; the torch model answers instead.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

EXPORT_FORMAT = 1
MODEL_FILE = "model.onnx"
# the weights beside the graph: ONNX Runtime reads them straight into its tensors, where a
# single file is parsed whole first (MPNet's session opens in 0.35 s instead of 0.82 s)
WEIGHTS_FILE = "model.data"
META_FILE = "meta.json"
TOKENIZER_FILE = "tokenizer.json"
# largest difference from torch float32 on the probes that still counts as the same model:
# float32 kernels differ by about 1e-6; a wrong tokenizer setting or graph by 1e-2 and more
TOLERANCE = 1e-3
STALE_EXPORT_SECONDS = 3600
PROBE_PAIRS = (
    ("A man is sleeping on a bench.", "A man is awake."),
    ("The minister fled to Vienna on Tuesday.", "The minister is at home in Halbrun."),
    ("Officials said 14 people died in the flood.", "Nine people were killed in the flood."),
    ("Police refused to confirm that the suspect had fled.", "The suspect fled."),
    # past every model's token limit, so truncation is compared too
    ("The statement, " + "which was read out again and again on state television, " * 60
     + "ended there.", "A statement was read out."),
)
PROBE_TEXTS = tuple(text for pair in PROBE_PAIRS for text in pair)

log = logging.getLogger("claimcheck")


def onnx_runtime_installed() -> bool:
    """Whether ONNX Runtime and tokenizers can be imported (onnx too, to export)."""
    return all(importlib.util.find_spec(name) is not None
               for name in ("onnxruntime", "onnx", "tokenizers"))


def export_folder(cache: Path, source: Path, role: str) -> Path:
    """Where the export of the model in folder `source` lives under `cache`.

    Keyed by the model's files: the bytes of every file under 4 MB (configs, cards,
    tokenizers) and the size of the larger ones (weights), so a changed model is exported anew.
    """
    digest = hashlib.sha256(f"{EXPORT_FORMAT}:{role}".encode())
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        size = path.stat().st_size
        digest.update(f"{path.relative_to(source).as_posix()}:{size}".encode())
        if size < 4 * 1024 * 1024:
            digest.update(path.read_bytes())
    return cache / f"{role}-{digest.hexdigest()[:20]}"


def read_meta(folder: Path) -> dict[str, Any] | None:
    """An export's meta.json, or None where there is none (never exported)."""
    try:
        data: dict[str, Any] = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data


def usable(folder: Path) -> bool:
    """Whether the export in `folder` exists and matched torch on the probes."""
    meta = read_meta(folder)
    return bool(meta and meta.get("usable")) and (folder / MODEL_FILE).exists()


def _tokenizer(folder: Path, meta: dict[str, Any]) -> Any:
    """The export's tokenizer, truncating and padding as its meta.json says."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
    tokenizer.enable_truncation(int(meta["max_length"]), strategy="longest_first")
    tokenizer.enable_padding(pad_id=int(meta.get("pad_id", 0)),
                             pad_token=str(meta.get("pad_token", "[PAD]")))
    return tokenizer


def _session(folder: Path) -> Any:
    import onnxruntime

    if not (folder / WEIGHTS_FILE).exists():
        _weights_beside(folder)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # errors only: its notices are not the user's business
    # optimised once, at export (_optimise): opening MPNet takes 0.36 s instead of 0.74 s
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
    return onnxruntime.InferenceSession(str(folder / MODEL_FILE), options,
                                        providers=["CPUExecutionProvider"])


def _optimise(path: Path) -> None:
    """Replace the ONNX model at `path` with ONNX Runtime's optimised graph (fused attention,
    layer norms and activations), at the level that stays portable across CPUs."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    optimised = path.with_suffix(".optimised.onnx")
    options.optimized_model_filepath = str(optimised)
    onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    os.replace(optimised, path)
    _weights_beside(path.parent)


def _weights_beside(folder: Path) -> None:
    """Store the weights of the export in `folder` beside its graph (WEIGHTS_FILE), in place;
    exports made before 0.28.0 are single files and are rewritten so on first open. Where the
    cache cannot be written, the export stays as it is, and opens as before."""
    import onnx

    try:  # a read-only cache fails here, before the model is read
        staging = Path(tempfile.mkdtemp(prefix=".weights-", dir=folder))
    except OSError:
        return
    try:
        model = onnx.load(str(folder / MODEL_FILE))
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        return
    try:
        onnx.save_model(model, str(staging / MODEL_FILE), save_as_external_data=True,
                        all_tensors_to_one_file=True, location=WEIGHTS_FILE)
        # the weights first: a graph that names them must never be without them
        os.replace(staging / WEIGHTS_FILE, folder / WEIGHTS_FILE)
        os.replace(staging / MODEL_FILE, folder / MODEL_FILE)
    except OSError as exc:
        log.warning("claimcheck: cannot rewrite the ONNX copy in %s (%s); it opens as before",
                    folder, exc)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _feed(encodings: Sequence[Any], names: Sequence[str]) -> dict[str, npt.NDArray[np.int64]]:
    columns = {"input_ids": [e.ids for e in encodings],
               "attention_mask": [e.attention_mask for e in encodings],
               "token_type_ids": [e.type_ids for e in encodings]}
    return {name: np.asarray(columns[name], dtype=np.int64) for name in names}


class OnnxCrossEncoder:
    """A cross-encoder's export: one row of logits per pair, as sentence-transformers'
    CrossEncoder.predict gives them."""

    def __init__(self, folder: Path) -> None:
        meta = read_meta(folder) or {}
        self.id2label: dict[str, str] = dict(meta["id2label"])
        self._session = _session(folder)
        self._inputs = [i.name for i in self._session.get_inputs()]
        self._tokenizer = _tokenizer(folder, meta)

    def predict(self, pairs: Sequence[Sequence[str]], batch_size: int = 32,
                **_: object) -> npt.NDArray[np.float32]:
        rows = [np.zeros((0, len(self.id2label)), dtype=np.float32)]
        for start in range(0, len(pairs), batch_size):
            batch = [(str(p), str(h)) for p, h in pairs[start:start + batch_size]]
            encodings = self._tokenizer.encode_batch(batch)
            rows.append(self._session.run(None, _feed(encodings, self._inputs))[0])
        return np.vstack(rows).astype(np.float32)


class OnnxSentenceEncoder:
    """A sentence-transformers model of a transformer, mean pooling and normalisation, from
    its export: one L2-normalised vector per text, as SentenceTransformer.encode gives them."""

    def __init__(self, folder: Path) -> None:
        meta = read_meta(folder) or {}
        self._session = _session(folder)
        self._inputs = [i.name for i in self._session.get_inputs()]
        self._tokenizer = _tokenizer(folder, meta)

    def encode(self, texts: Sequence[str], batch_size: int = 64,
               normalize_embeddings: bool = True, **_: object) -> npt.NDArray[np.float32]:
        rows = []
        for start in range(0, len(texts), batch_size):
            encodings = self._tokenizer.encode_batch(list(texts[start:start + batch_size]))
            feed = _feed(encodings, self._inputs)
            hidden = self._session.run(None, feed)[0].astype(np.float32)
            mask = np.asarray([e.attention_mask for e in encodings], dtype=np.float32)[..., None]
            vectors = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            if normalize_embeddings:
                norms = np.linalg.norm(vectors, axis=1, keepdims=True)
                vectors = vectors / np.clip(norms, 1e-12, None)
            rows.append(vectors)
        return np.vstack(rows).astype(np.float32)


def copy_or_torch(folder: Path, open_copy: Callable[[Path], Any],
                  load_torch: Callable[[], Any], export: Callable[[Any, Path], object]) -> Any:
    """The export in `folder`, opened with `open_copy`; where there is none yet, the torch
    model (`load_torch`), which answers in this run, after `export` has written its copy; None
    where the export is recorded as unusable or cannot be opened (torch answers then)."""
    if read_meta(folder) is None:
        model = load_torch()
        export(model, folder)
        return model
    if not usable(folder):
        return None
    try:
        return open_copy(folder)
    except Exception:  # a damaged or foreign export: torch answers, as without one
        return None


def mean_pooled_transformer(model: Any) -> bool:
    """Whether a SentenceTransformer is a transformer, mean pooling and normalisation (what
    OnnxSentenceEncoder computes), nothing else."""
    names = [type(module).__name__ for module in model]
    if names != ["Transformer", "Pooling", "Normalize"]:
        return False
    return getattr(model[1], "pooling_mode", None) == "mean" or \
        bool(getattr(model[1], "pooling_mode_mean_tokens", False))


def export_cross_encoder(model: Any, folder: Path) -> bool:
    """Export a loaded float32 sentence-transformers CrossEncoder into `folder` and check it
    against the model on the probes. True: the export is usable."""
    def reference() -> npt.NDArray[np.float32]:
        return np.asarray(model.predict([list(p) for p in PROBE_PAIRS], batch_size=8,
                                        convert_to_numpy=True, show_progress_bar=False),
                          dtype=np.float32)

    def exported(tmp: Path) -> npt.NDArray[np.float32]:
        return OnnxCrossEncoder(tmp).predict(PROBE_PAIRS, batch_size=8)

    meta = {"role": "cross-encoder", "max_length": int(model.max_seq_length),
            "id2label": {str(k): v for k, v in model.model.config.id2label.items()}}
    return _export(model.model, model.tokenizer, meta, folder, "logits", reference, exported,
                   probabilities=True)


def export_sentence_encoder(model: Any, folder: Path) -> bool:
    """Export a loaded SentenceTransformer (transformer, mean pooling, normalisation) into
    `folder` and check it against the model on the probes. True: the export is usable."""
    def reference() -> npt.NDArray[np.float32]:
        return np.asarray(model.encode(list(PROBE_TEXTS), batch_size=8,
                                       normalize_embeddings=True, convert_to_numpy=True,
                                       show_progress_bar=False), dtype=np.float32)

    def exported(tmp: Path) -> npt.NDArray[np.float32]:
        return OnnxSentenceEncoder(tmp).encode(PROBE_TEXTS, batch_size=8)

    meta = {"role": "sentence-encoder", "max_length": int(model.max_seq_length)}
    return _export(model[0].model, model.tokenizer, meta, folder, "last_hidden_state",
                   reference, exported, probabilities=False)


def remove_stale_exports(folder: Path) -> None:
    """Delete what exports of `folder` killed half-way left (hundreds of MB each); a live
    export finishes within minutes."""
    for stale in folder.parent.glob(folder.name + ".tmp-*"):
        if time.time() - stale.stat().st_mtime > STALE_EXPORT_SECONDS:
            shutil.rmtree(stale, ignore_errors=True)


def _export(network: Any, tokenizer: Any, meta: dict[str, Any], folder: Path, output: str,
            reference: Any, exported: Any, probabilities: bool) -> bool:
    """Trace `network` to ONNX in a temporary folder beside `folder`, compare it with the torch
    model on the probes, then move it into place whole: usable, or recorded as unusable (with
    why) so that it is not tried again."""
    import inspect

    import torch

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_exports(folder)
        tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".tmp-", dir=folder.parent))
    except OSError as exc:
        log.warning("claimcheck: cannot write ONNX copies in %s (%s); torch answers instead",
                    folder.parent, exc)
        return False
    try:
        log.warning("claimcheck: exporting a %s to ONNX for quick starts, once: %s",
                    meta["role"], folder)
        sample = tokenizer([["a man sleeps", "a man is awake"]], padding=True,
                           truncation=True, return_tensors="pt")
        names = [n for n in inspect.signature(network.forward).parameters if n in sample]
        axes = {name: {0: "batch", 1: "tokens"} for name in names}

        class Positional(torch.nn.Module):
            """The network with its inputs by position and one output: what the tracer
            records without guessing at keyword arguments."""

            def __init__(self) -> None:
                super().__init__()
                self.network = network

            def forward(self, *inputs: Any) -> Any:
                return self.network(**dict(zip(names, inputs, strict=True)))[output]

        network.eval()
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(Positional(), tuple(sample[n] for n in names), str(tmp / MODEL_FILE),
                              input_names=names, output_names=[output],
                              dynamic_axes={**axes, output: {0: "batch"}}, opset_version=17,
                              dynamo=False)
        _optimise(tmp / MODEL_FILE)
        tokenizer.backend_tokenizer.save(str(tmp / TOKENIZER_FILE))
        meta.update(format=EXPORT_FORMAT, pad_id=int(tokenizer.pad_token_id or 0),
                    pad_token=str(tokenizer.pad_token or "[PAD]"))
        (tmp / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
        want, got = reference(), exported(tmp)
        if probabilities:
            from claimcheck.judge import softmax

            want, got = softmax(want), softmax(got)
        difference = float(np.abs(want - got).max()) if want.shape == got.shape else 1.0
        meta.update(usable=difference <= TOLERANCE, largest_difference=difference)
    except OSError as exc:  # a full disk is not the model's fault: the next run tries again
        shutil.rmtree(tmp, ignore_errors=True)
        log.warning("claimcheck: cannot write ONNX copies in %s (%s); torch answers instead",
                    folder.parent, exc)
        return False
    except Exception as exc:  # any other failure leaves torch to answer, as before
        meta.update(usable=False, reason=f"{type(exc).__name__}: {exc}")
    if not meta["usable"]:
        (tmp / MODEL_FILE).unlink(missing_ok=True)
        (tmp / WEIGHTS_FILE).unlink(missing_ok=True)
        log.warning("claimcheck: the ONNX export is not used (%s); torch answers instead",
                    meta.get("reason") or f"differs from torch by {meta['largest_difference']:.2g}")
    try:
        (tmp / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, folder)
    except OSError:  # a full disk, or another process finished the same export first
        shutil.rmtree(tmp, ignore_errors=True)
        return usable(folder)
    return bool(meta["usable"])


@dataclass(frozen=True)
class Export:
    """One model's ONNX copy, as `claimcheck prepare` reports it."""

    role: str
    folder: Path
    usable: bool
    megabytes: float
    note: str  # why it is not used, or how far it is from torch

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "folder": str(self.folder), "usable": self.usable,
                "megabytes": self.megabytes, "note": self.note}


def describe(folder: Path) -> Export:
    """What the export in `folder` is: its role, whether it is used, its size."""
    meta = read_meta(folder) or {}
    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file()) if folder.is_dir() \
        else 0
    note = str(meta["reason"]) if meta.get("reason") else (
        f"largest difference from torch {meta['largest_difference']:.1e}"
        if "largest_difference" in meta else "")
    return Export(str(meta.get("role", folder.name.rsplit("-", 1)[0])), folder,
                  usable(folder), round(size / 1e6, 1), note)
