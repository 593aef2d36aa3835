"""ONNX copies of the models for quick starts (claimcheck.onnx_models, issue 16 item 4).

The fast tests cover the settings and the bookkeeping; the slow ones export the real built-in
models once into a shared cache and check them against torch, in this process and in a cold
one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimcheck import onnx_models
from claimcheck.cli import app
from claimcheck.config import Config
from claimcheck.errors import ConfigError
from claimcheck.judge import CrossEncoderJudge

REPO = Path(__file__).parent.parent
PAIRS = [
    ("The minister fled to Vienna.", "The minister is at home in Halbrun."),
    ("Macaulay Culkin is not dead.", "Macaulay Culkin is dead."),
    ("Officials said 14 people died.", "Nine people were killed."),
    ("The talks collapsed without a deal.", "The two sides reached a deal."),
]


# --- fast: settings and bookkeeping ------------------------------------------------------------

def test_auto_backend_is_onnx_only_for_one_question(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_BACKEND", "auto")
    monkeypatch.setattr(onnx_models, "onnx_runtime_installed", lambda: True)
    config = Config(cache_dir=Path("/tmp/cc"))
    assert config.onnx_cache() is None  # whole drops run torch
    quick = config.for_one_question()
    assert quick.backend == "onnx"
    assert quick.onnx_cache() == Path("/tmp/cc/onnx")
    monkeypatch.setattr(onnx_models, "onnx_runtime_installed", lambda: False)
    assert config.for_one_question().backend == "torch"


def test_explicit_backend_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_BACKEND", "torch")
    assert Config().for_one_question().backend == "torch"
    monkeypatch.setenv("CLAIMCHECK_BACKEND", "onnx")
    assert Config(cache_dir=Path("/c")).onnx_cache() == Path("/c/onnx")
    # a distributed engine's workers run torch
    assert Config(cache_dir=Path("/c"), engine="dask").onnx_cache() is None


def test_unknown_backend_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_BACKEND", "tensorrt")
    with pytest.raises(ConfigError, match="CLAIMCHECK_BACKEND"):
        Config().with_options()
    result = CliRunner().invoke(app, ["compare", "The army left.", "The army stayed."])
    assert result.exit_code == 2, result.output
    assert "unknown backend 'tensorrt'" in result.output
    assert "Traceback" not in result.output


def test_export_folder_follows_the_model_files(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text('{"a": 1}')
    (model / "weights.bin").write_bytes(b"x" * 10)
    first = onnx_models.export_folder(tmp_path / "cache", model, "cross-encoder")
    assert first == onnx_models.export_folder(tmp_path / "cache", model, "cross-encoder")
    assert first != onnx_models.export_folder(tmp_path / "cache", model, "sentence-encoder")
    (model / "config.json").write_text('{"a": 2}')
    second = onnx_models.export_folder(tmp_path / "cache", model, "cross-encoder")
    assert second != first
    (model / "weights.bin").write_bytes(b"x" * 11)
    assert onnx_models.export_folder(tmp_path / "cache", model, "cross-encoder") != second


def test_an_unusable_export_is_recorded_and_left_to_torch(tmp_path: Path) -> None:
    folder = tmp_path / "cross-encoder-abc"
    assert onnx_models.read_meta(folder) is None and not onnx_models.usable(folder)
    folder.mkdir()
    (folder / "meta.json").write_text(json.dumps({"usable": False, "reason": "differs"}))
    assert onnx_models.read_meta(folder) == {"usable": False, "reason": "differs"}
    assert not onnx_models.usable(folder)
    (folder / "meta.json").write_text(json.dumps({"usable": True}))
    assert not onnx_models.usable(folder)  # no model.onnx: never opened


def test_onnx_backend_without_onnx_runtime_is_a_config_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(onnx_models, "onnx_runtime_installed", lambda: False)
    with pytest.raises(ConfigError, match="pip install onnxruntime"):
        Config(backend="onnx").onnx_cache()


def test_stale_half_exports_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "cross-encoder-abc"
    stale, live = tmp_path / "cross-encoder-abc.tmp-1", tmp_path / "cross-encoder-abc.tmp-2"
    for half in (stale, live):
        half.mkdir()
        (half / "model.onnx").write_bytes(b"half")
    old = time.time() - onnx_models.STALE_EXPORT_SECONDS - 60
    os.utime(stale, (old, old))
    onnx_models.remove_stale_exports(folder)
    assert not stale.exists() and live.exists()


def test_a_failed_export_is_recorded_once_and_a_full_disk_is_not(tmp_path: Path) -> None:
    import torch

    class Broken(torch.nn.Module):
        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> None:
            raise RuntimeError("cannot trace this")

    def tokenizer(*_: object, **__: object) -> dict[str, torch.Tensor]:
        ones = torch.ones(1, 3, dtype=torch.long)
        return {"input_ids": ones, "attention_mask": ones}

    folder = tmp_path / "onnx" / "cross-encoder-abc"
    assert not onnx_models._export(Broken(), tokenizer, {"role": "cross-encoder"}, folder,
                                   "logits", None, None, probabilities=True)
    meta = onnx_models.read_meta(folder)
    assert meta is not None and meta["usable"] is False and "cannot trace" in meta["reason"]
    assert not onnx_models.usable(folder) and list(folder.iterdir()) == [folder / "meta.json"]
    # the cache folder cannot be written: nothing is recorded, so a later run tries again
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert not onnx_models._export(Broken(), tokenizer, {"role": "cross-encoder"},
                                   blocked / "cross-encoder-abc", "logits", None, None, True)
    assert onnx_models.read_meta(blocked / "cross-encoder-abc") is None


def test_onnx_judge_keeps_float32_and_its_name(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_JUDGE_DTYPE", "bfloat16")
    folder = tmp_path / "ce"
    folder.mkdir()
    plain = CrossEncoderJudge(str(folder), dtype="float32")
    quick = CrossEncoderJudge(str(folder), onnx_cache=tmp_path / "onnx")
    assert quick.dtype == "float32" and quick.onnx_cache == tmp_path / "onnx"
    # the same labels as torch float32 (docs/bench_onnx.json): verdicts are shared
    assert quick.name == plain.name
    # a hub name is not a folder: no export, torch
    assert CrossEncoderJudge("some/hub-model", onnx_cache=tmp_path).onnx_cache is None


def test_parser_loads_without_importing_torch() -> None:
    """thinc imports torch only to offer it as a backend; a quick start must not pay for it."""
    code = ("import sys\nfrom claimcheck.assertions import load_parser\nload_parser()\n"
            "print('torch' in sys.modules)\nimport torch\nprint(torch.tensor([1]).sum().item())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.split() == ["False", "1"]


# --- slow: the real models, exported once -------------------------------------------------------

@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding ONNX copies of the embedder and both built-in cross-encoders,
    made by the first `compare` that needs them."""
    from claimcheck.api import compare_pairs

    cache = tmp_path_factory.mktemp("onnx-cache")
    config = Config(cache_dir=cache, backend="onnx")
    compare_pairs([("The minister fled to Vienna.", "The minister did not flee to Vienna.")],
                  config)
    return cache


@pytest.mark.slow
def test_first_use_exports_usable_copies(exported: Path) -> None:
    folders = sorted(p.name.split("-")[0] + "-" + p.name.split("-")[1]
                     for p in (exported / "onnx").iterdir())
    assert folders == ["cross-encoder", "cross-encoder", "sentence-encoder"]
    for folder in (exported / "onnx").iterdir():
        meta = onnx_models.read_meta(folder)
        assert meta is not None and meta["usable"], meta
        assert meta["largest_difference"] <= onnx_models.TOLERANCE


@pytest.mark.slow
def test_copies_keep_their_weights_beside_the_graph(exported: Path) -> None:
    for folder in (exported / "onnx").iterdir():
        graph, weights = folder / onnx_models.MODEL_FILE, folder / onnx_models.WEIGHTS_FILE
        assert weights.stat().st_size > 50e6 and graph.stat().st_size < 2e6, folder.name


@pytest.mark.slow
def test_a_single_file_copy_is_rewritten_in_place_once(exported: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    """Exports made before 0.28.0 hold graph and weights in one file; they open the same, and
    are rewritten with the weights beside on first open, unless the cache cannot be written."""
    import shutil

    import onnx

    source = next((exported / "onnx").glob("cross-encoder-*"))
    want = onnx_models.OnnxCrossEncoder(source).predict(PAIRS)
    single = tmp_path / source.name
    shutil.copytree(source, single)
    onnx.save_model(onnx.load(str(single / onnx_models.MODEL_FILE)),
                    str(single / onnx_models.MODEL_FILE))
    (single / onnx_models.WEIGHTS_FILE).unlink()

    def unwritable(*_: object, **__: object) -> str:
        raise PermissionError("read-only cache")

    with monkeypatch.context() as patched:
        patched.setattr(onnx_models.tempfile, "mkdtemp", unwritable)
        assert np.array_equal(onnx_models.OnnxCrossEncoder(single).predict(PAIRS), want)
    assert not (single / onnx_models.WEIGHTS_FILE).exists()
    assert np.array_equal(onnx_models.OnnxCrossEncoder(single).predict(PAIRS), want)
    assert (single / onnx_models.WEIGHTS_FILE).exists()
    assert sorted(p.name for p in single.iterdir()) == sorted(p.name for p in source.iterdir())


@pytest.mark.slow
def test_onnx_copies_judge_as_torch_float32(exported: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck.api import build_models

    monkeypatch.setenv("CLAIMCHECK_JUDGE_DTYPE", "float32")
    texts = [t for pair in PAIRS for t in pair]
    quick = build_models(Config(cache_dir=exported, backend="onnx", use_cache=False))
    plain = build_models(Config(cache_dir=tmp_path, backend="torch", use_cache=False))
    assert quick.judge.name == plain.judge.name
    assert np.abs(quick.embedder.encode(texts) - plain.embedder.encode(texts)).max() < 1e-4
    from claimcheck.judge import CascadeJudge, SecondOpinionJudge

    cascade = quick.judge
    assert isinstance(cascade, CascadeJudge) and isinstance(cascade.cross, SecondOpinionJudge)
    first, second = cascade.cross.first, cascade.cross.second
    assert isinstance(first._load(), onnx_models.OnnxCrossEncoder)
    assert isinstance(second._load(), onnx_models.OnnxCrossEncoder)
    both = PAIRS + [(h, p) for p, h in PAIRS]
    got, want = quick.judge.predict(both), plain.judge.predict(both)
    assert np.abs(got - want).max() < 1e-3
    assert (got.argmax(axis=1) == want.argmax(axis=1)).all()


@pytest.mark.slow
def test_prepare_lists_the_copies_without_exporting_again(exported: Path) -> None:
    before = {p: p.stat().st_mtime for p in (exported / "onnx").rglob("model.onnx")}
    result = CliRunner().invoke(app, ["prepare", "--json", "--cache-dir", str(exported)])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert [e["role"] for e in listed] == ["sentence-encoder", "cross-encoder", "cross-encoder"]
    assert all(e["usable"] for e in listed)
    assert {p: p.stat().st_mtime for p in before} == before
    table = CliRunner().invoke(app, ["prepare", "--cache-dir", str(exported)])
    assert table.exit_code == 0 and "largest difference from torch" in table.output


def _cold(args: list[str], cache: Path) -> tuple[str, list[str]]:
    """Run the CLI in a fresh process; its output and which heavy modules it imported."""
    code = ("import sys, runpy\nsys.argv = ['claimcheck', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('claimcheck', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers')"
            " if m in sys.modules]\nprint('HEAVY', *heavy, file=sys.stderr)")
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache), "CLAIMCHECK_BACKEND": "auto"}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, cwd=REPO, check=True)
    heavy = next(line for line in done.stderr.splitlines() if line.startswith("HEAVY"))
    return done.stdout, heavy.split()[1:]


@pytest.mark.slow
def test_cold_compare_imports_no_torch(exported: Path) -> None:
    out, heavy = _cold(["compare", "The army withdrew from Homs.",
                        "The army did not withdraw from Homs."], exported)
    assert json.loads(out)["label"] == "contradiction"
    assert heavy == []


@pytest.mark.slow
def test_cold_sources_imports_no_torch(exported: Path) -> None:
    drop = REPO / "fixtures" / "kestrel"
    from claimcheck.api import find_sources

    # the drop's claims and vectors are in the index, as after a `check`
    find_sources("Danek is in Kestrel City", [drop], Config(cache_dir=exported))
    out, heavy = _cold(["sources", "President Danek fled the country", str(drop), "--json",
                        "-q"], exported)
    assert json.loads(out)["claim"] == "President Danek fled the country"
    assert heavy == []
