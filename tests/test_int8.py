"""int8 weight storage of the MPNet second opinion: packing and restoring on load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from pack_cross_encoder import INT8_GROUP, INT8_MIN_SIZE, quantize_rows
from safetensors.torch import save_file

from claimcheck.errors import ModelError
from claimcheck.judge import restore_int8_rows


def _model() -> torch.nn.Module:
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(512, 256), torch.nn.LayerNorm(256))


def test_int8_rows_restore_each_group_to_within_half_a_step(tmp_path: Path) -> None:
    model = _model()
    weights = {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}
    stored, scales = quantize_rows(weights)
    name = "0.weight"
    assert weights[name].size >= INT8_MIN_SIZE and stored[name].dtype == np.int8
    assert scales[name].shape == (256, 512 // INT8_GROUP)
    assert {k for k, v in stored.items() if v.dtype == np.int8} == set(scales)
    assert stored["0.bias"].dtype == np.float16  # vectors stay float16
    with torch.no_grad():  # what loading does: the integers cast into the model's dtype
        model.get_parameter(name).copy_(torch.from_numpy(stored[name].astype(np.float32)))
    save_file({k: torch.from_numpy(v) for k, v in scales.items()}, str(tmp_path / "s"))
    restore_int8_rows(model, tmp_path / "s")
    step = np.repeat(scales[name].astype(np.float32), INT8_GROUP, axis=1)
    error = np.abs(model.get_parameter(name).detach().numpy() - weights[name])
    assert (error <= step / 2 + 1e-6).all()


def test_scales_that_fit_no_matrix_are_a_clear_error(tmp_path: Path) -> None:
    save_file({"0.weight": torch.ones(3, 4, dtype=torch.float16)}, str(tmp_path / "s"))
    with pytest.raises(ModelError, match="fits no weight matrix"):
        restore_int8_rows(_model(), tmp_path / "s")
    with pytest.raises(ModelError, match="cannot read the int8 scales"):
        restore_int8_rows(_model(), tmp_path / "missing")
