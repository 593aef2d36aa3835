"""claimcheck.judge (label order, features, MLP weights, CrossEncoder column order) and
claimcheck.embed.CachedEmbedder, without loading any real model."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from fakes import DIM as FAKE_DIM
from fakes import FakeEmbedder, FakeJudge

from claimcheck.embed import CachedEmbedder
from claimcheck.errors import ConfigError, ModelError
from claimcheck.index import Index
from claimcheck.judge import (
    HANDMADE_FEATURES,
    INPUT_NORMALISATION,
    JUDGE_DTYPE_ENV,
    LABELS,
    STRIP_FINAL_STOP,
    BuiltinJudge,
    CascadeJudge,
    CrossEncoderJudge,
    MLPWeights,
    SecondOpinionJudge,
    builtin_cascade,
    contrast_cue,
    cpu_has_fast_bfloat16,
    handmade_features,
    inference_dtype,
    label_order_from_config,
    negation_unquoted,
    pair_features,
    same_text,
    strip_final_stop,
    unsure_rows,
)

# --- label order ---------------------------------------------------------------------------


def test_label_order_int_keys() -> None:
    order = label_order_from_config({0: "contradiction", 1: "entailment", 2: "neutral"})
    assert order == [1, 2, 0]


def test_label_order_string_keys_upper_case() -> None:
    order = label_order_from_config({"0": "ENTAILMENT", "1": "NEUTRAL", "2": "CONTRADICTION"})
    assert order == [0, 1, 2]


def test_label_order_without_nli_labels() -> None:
    with pytest.raises(ModelError, match="entailment"):
        label_order_from_config({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(ModelError, match="contradiction"):
        label_order_from_config({0: "entailment", 1: "neutral"})


# --- hand-made features ----------------------------------------------------------------------


def _f(a: str, b: str) -> dict[str, float]:
    values = handmade_features(a, b)
    assert tuple(values) == HANDMADE_FEATURES  # the order the shipped weights were trained on
    return values


def test_denial_cue() -> None:
    f = _f("The ministry denied that the base was attacked.", "The base was attacked.")
    assert (f["deny_a"], f["deny_b"], f["deny_diff"]) == (1.0, 0.0, 1.0)


def test_negation_cue() -> None:
    f = _f("The army did not retreat.", "The army retreated.")
    assert (f["neg_a"], f["neg_b"], f["neg_diff"]) == (1.0, 0.0, 1.0)
    assert _f("They didn't go.", "They went.")["neg_a"] == 1.0
    assert _f("The army retreated.", "The army retreated.")["neg_diff"] == 0.0


def test_number_mismatch_cue() -> None:
    f = _f("Ostrava sent 2,000 troops.", "Ostrava sent 3,000 troops.")
    assert f["num_both"] == 1.0 and f["num_mismatch"] == 1.0 and f["num_overlap"] == 0.0
    same = _f("Ostrava sent 2,000 troops.", "Ostrava sent 2000 troops.")
    assert same["num_mismatch"] == 0.0 and same["num_overlap"] == 1.0
    none = _f("Ostrava sent troops.", "Ostrava sent 2,000 troops.")
    assert none["num_both"] == 0.0 and none["num_mismatch"] == 0.0


def test_day_and_year_mismatch_cues() -> None:
    f = _f("The rebels took Halden on Saturday.", "The army held Halden on Thursday.")
    assert f["day_mismatch"] == 1.0
    assert _f("It fell on Saturday.", "It fell on saturday.")["day_mismatch"] == 0.0
    assert _f("in 1999", "in 2011")["year_mismatch"] == 1.0
    assert _f("in 2011", "in 2011")["year_mismatch"] == 0.0
    assert _f("in this 2011 file photo", "in 2025")["old_photo"] == 1.0


def test_year_mismatch_within_one_century() -> None:
    assert _f("Danek visited Ostrava in 2011.", "Danek visited Ostrava in 2025.")[
        "year_mismatch"] == 1.0


def test_only_meaningful_cues_are_features() -> None:
    # overlap/length/attribution features taught the head template artefacts: keep them out
    for dropped in ("jaccard", "a_covered", "b_covered", "len_ratio", "attr_a", "attr_b"):
        assert dropped not in HANDMADE_FEATURES


def test_may_and_march_are_months_only_next_to_a_date() -> None:
    assert _f("Assad may have fled.", "Assad may have left.")["day_mismatch"] == 0.0
    assert _f("Rebels march south.", "Rebels took Hama on 8 March.")["day_mismatch"] == 0.0
    assert _f("It began on 3 May.", "It began on 8 March.")["day_mismatch"] == 1.0


def test_pair_features_shape() -> None:
    emb = FakeEmbedder()
    a = ["The army retreated.", "Rebels took Brenn."]
    b = ["The army did not retreat.", "Rebels seized Brenn."]
    u, v = emb.encode(a), emb.encode(b)
    x = pair_features(u, v, a, b)
    assert x.dtype == np.float32
    assert x.shape == (2, 4 * u.shape[1] + 1 + len(HANDMADE_FEATURES))


# --- MLP weights -----------------------------------------------------------------------------


def _identity_mlp(classes: tuple[str, ...]) -> MLPWeights:
    return MLPWeights(
        weights=(np.eye(3, dtype=np.float32),),
        biases=(np.zeros(3, dtype=np.float32),),
        mean=np.zeros(3, dtype=np.float32),
        scale=np.ones(3, dtype=np.float32),
        classes=classes,
    )


def test_mlp_predict_proba_reorders_columns_by_classes() -> None:
    mlp = _identity_mlp(("contradiction", "entailment", "neutral"))
    # logits in the model's own order: contradiction high
    features = np.log(np.array([[0.7, 0.2, 0.1]], dtype=np.float32))
    probs = mlp.predict_proba(features)
    assert probs.dtype == np.float32
    np.testing.assert_allclose(probs, [[0.2, 0.1, 0.7]], atol=1e-6)  # LABELS order
    assert LABELS == ("entailment", "neutral", "contradiction")


def test_mlp_two_layers_and_roundtrip(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    mlp = MLPWeights(
        weights=(rng.normal(size=(5, 4)).astype(np.float32),
                 rng.normal(size=(4, 3)).astype(np.float32)),
        biases=(rng.normal(size=4).astype(np.float32), rng.normal(size=3).astype(np.float32)),
        mean=rng.normal(size=5).astype(np.float32),
        scale=(rng.random(5) + 0.5).astype(np.float32),
        classes=("neutral", "contradiction", "entailment"),
    )
    path = tmp_path / "head.npz"
    mlp.save(path)
    loaded = MLPWeights.load(path)
    assert loaded.classes == mlp.classes
    assert len(loaded.weights) == 2
    for got, want in zip(loaded.weights + loaded.biases, mlp.weights + mlp.biases, strict=True):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(loaded.mean, mlp.mean)
    np.testing.assert_array_equal(loaded.scale, mlp.scale)
    x = rng.normal(size=(6, 5)).astype(np.float32)
    probs = loaded.predict_proba(x)
    np.testing.assert_allclose(probs, mlp.predict_proba(x), atol=1e-6)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)


# --- CrossEncoder column order with a stub model ---------------------------------------------


class _StubCrossEncoder:
    def __init__(self, logits: np.ndarray) -> None:
        self.logits = logits
        self.seen: list[list[list[str]]] = []

    def predict(self, pairs, batch_size=32, convert_to_numpy=True,  # type: ignore[no-untyped-def]
                show_progress_bar=False):
        self.seen.append(pairs)
        return self.logits[: len(pairs)]


def test_cross_encoder_predict_reorders_columns() -> None:
    judge = CrossEncoderJudge("stub/nli-model", dtype="float32")
    # model order: contradiction, entailment, neutral
    logits = np.log(np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]], dtype=np.float64))
    stub = _StubCrossEncoder(logits)
    judge._model = stub
    judge._order = label_order_from_config({0: "contradiction", 1: "entailment", 2: "neutral"})
    probs = judge.predict([("p1", "h1"), ("p2", "h2")])
    assert probs.dtype == np.float32 and probs.shape == (2, 3)
    np.testing.assert_allclose(probs, [[0.2, 0.1, 0.7], [0.8, 0.1, 0.1]], atol=1e-6)
    assert stub.seen == [[["p1", "h1"], ["p2", "h2"]]]
    assert judge.name == "cross-encoder:stub/nli-model+negation-unquoted"


def test_cross_encoder_reads_input_as_its_card_asks(tmp_path: Path) -> None:
    (tmp_path / "card.json").write_text(json.dumps({INPUT_NORMALISATION: STRIP_FINAL_STOP}))
    judge = CrossEncoderJudge(str(tmp_path), dtype="float32")
    stub = _StubCrossEncoder(np.zeros((1, 3)))
    judge._model, judge._order = stub, [0, 1, 2]
    judge.predict([("Rebels took the city.", 'He said: "Yes."')])
    assert stub.seen == [[["Rebels took the city", 'He said: "Yes"']]]


def test_unknown_input_normalisation_is_a_model_error_naming_the_card(tmp_path: Path) -> None:
    (tmp_path / "card.json").write_text(json.dumps({INPUT_NORMALISATION: "lowercase"}))
    judge = CrossEncoderJudge(str(tmp_path), dtype="float32")
    judge._model, judge._order = _StubCrossEncoder(np.zeros((1, 3))), [0, 1, 2]
    with pytest.raises(ModelError, match=r"card\.json: unknown input_normalisation 'lowercase'"):
        judge.predict([("Rebels took the city.", "They did not.")])


@pytest.mark.parametrize(("text", "read"), [
    ("A man sleeps.", "A man sleeps"), ("A man sleeps", "A man sleeps"),
    ("Wait...  ", "Wait"), ("Really?", "Really?"), ("(as seen.)", "(as seen)"),
    ("Troops left the U.S.", "Troops left the U.S"),
])
def test_strip_final_stop(text: str, read: str) -> None:
    assert strip_final_stop(text) == read


def test_bfloat16_name_is_kept_apart_from_float32() -> None:
    assert CrossEncoderJudge("stub/nli-model", dtype="bfloat16").name \
        == "cross-encoder:stub/nli-model@bf16+negation-unquoted"


@pytest.mark.parametrize(("vendor", "flags", "fast"), [
    ("AuthenticAMD", "fpu sse2 avx512f avx512_bf16", True),
    ("AuthenticAMD", "fpu sse2 avx2 avx512f", False),
    # AVX512-BF16 without AMX: bfloat16 measured slower than float32 on such a Xeon
    ("GenuineIntel", "fpu sse2 avx512f avx512_bf16", False),
    ("GenuineIntel", "fpu sse2 avx512f avx512_bf16 amx_bf16 amx_tile", True),
])
def test_fast_bfloat16_read_from_cpu_flags(tmp_path: Path, vendor: str, flags: str,
                                           fast: bool) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\nvendor_id\t: {vendor}\nflags\t\t: {flags}\n")
    assert cpu_has_fast_bfloat16(cpuinfo) is fast
    assert not cpu_has_fast_bfloat16(tmp_path / "absent")


def test_inference_dtype_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JUDGE_DTYPE_ENV, "float32")
    assert inference_dtype("cpu") == "float32"
    assert inference_dtype("cpu", "bfloat16") == "bfloat16"
    monkeypatch.setenv(JUDGE_DTYPE_ENV, "auto")
    assert inference_dtype("cuda") == "float32"
    monkeypatch.setenv(JUDGE_DTYPE_ENV, "fp8")
    with pytest.raises(ConfigError, match="CLAIMCHECK_JUDGE_DTYPE"):
        inference_dtype("cpu")


def test_cross_encoder_empty_input_loads_nothing() -> None:
    judge = CrossEncoderJudge("never/loaded")
    assert judge.predict([]).shape == (0, 3)
    assert judge._model is None


class _FixedJudge:
    name = "fixed"

    def __init__(self, rows: list[list[float]], reverse: list[list[float]] | None = None) -> None:
        self.rows = np.array(rows, dtype=np.float32)
        self.reverse = np.array(reverse if reverse is not None else rows, dtype=np.float32)
        self.seen: list[tuple[str, str]] = []

    def predict(self, pairs):  # type: ignore[no-untyped-def]
        self.seen += list(pairs)
        return self.rows[: len(pairs)].copy()

    def predict_both_ways(self, pairs):  # type: ignore[no-untyped-def]
        return self.predict(pairs), self.reverse[: len(pairs)].copy()


def test_cascade_escalates_close_calls_and_blends_by_weight(tmp_path: Path) -> None:
    head = _FixedJudge([[0.05, 0.9, 0.05], [0.1, 0.3, 0.6]])
    cross = _FixedJudge([[0.0, 0.0, 1.0]])
    settings = tmp_path / "cascade.json"
    settings.write_text('{"gate": 0.1, "cross_weight": 0.75}', encoding="utf-8")
    cascade = CascadeJudge(head, cross, settings)  # type: ignore[arg-type]
    probs = cascade.predict([("plain", "neutral"), ("close", "call")])
    assert cross.seen == [("close", "call")]  # the plainly neutral pair never reaches it
    np.testing.assert_allclose(probs[0], [0.05, 0.9, 0.05])
    np.testing.assert_allclose(probs[1], [0.025, 0.075, 0.9], atol=1e-6)
    assert cascade.escalated == 1


def test_cascade_without_settings_takes_the_plain_mean() -> None:
    head = _FixedJudge([[0.2, 0.2, 0.6]])
    cross = _FixedJudge([[0.0, 0.0, 1.0]])
    probs = CascadeJudge(head, cross).predict([("a", "b")])  # type: ignore[arg-type]
    np.testing.assert_allclose(probs[0], [0.1, 0.1, 0.8], atol=1e-6)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Troops entered the capital on Friday.", "troops entered the capital on friday", True),
    ("“Troops  entered the capital,”", "Troops entered\nthe capital.", True),
    ("Troops entered the capital.", "Troops did not enter the capital.", False),
    ("Nine people died.", "Nine people died in the fire.", False),
])
def test_same_text_ignores_case_spacing_and_edge_punctuation(a: str, b: str,
                                                             same: bool) -> None:
    assert same_text(a, b) is same


def test_cascade_decides_the_same_text_without_a_cross_encoder() -> None:
    head = _FixedJudge([[0.6, 0.3, 0.1], [0.6, 0.3, 0.1]])
    cross = _FixedJudge([[0.0, 0.0, 1.0]])
    cascade = CascadeJudge(head, cross)  # type: ignore[arg-type]
    probs = cascade.predict([("The bridge fell.", "the bridge fell"), ("a b c", "a b d")])
    assert cross.seen == [("a b c", "a b d")]
    np.testing.assert_allclose(probs[0], [1.0, 0.0, 0.0])
    assert cascade.escalated == 1
    assert "+same-text" in cascade.name


def test_cascade_gate_reads_a_pair_both_ways_round() -> None:
    # plainly neutral as given, but not with premise and hypothesis swapped: still close
    head = _FixedJudge([[0.01, 0.98, 0.01], [0.01, 0.98, 0.01]],
                       reverse=[[0.01, 0.5, 0.49], [0.01, 0.98, 0.01]])
    cross = _FixedJudge([[0.0, 0.0, 1.0]])
    cascade = CascadeJudge(head, cross)  # type: ignore[arg-type]
    probs = cascade.predict([("X fled to Vienna.", "X did not go to Vienna."),
                             ("The dam burst.", "Lions roamed the streets.")])
    assert cross.seen == [("X fled to Vienna.", "X did not go to Vienna.")]
    assert probs[0].argmax() == 2 and probs[1].argmax() == 1
    assert cascade.name.endswith("+pair-gate")  # verdicts cached under the old gate are not reused


def test_head_judges_in_bounded_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claimcheck.judge.HEAD_CHUNK", 3)
    width = 4 * FAKE_DIM + 1 + len(HANDMADE_FEATURES)
    rng = np.random.default_rng(0)
    MLPWeights(weights=(rng.normal(size=(width, 3)).astype(np.float32),),
               biases=(np.zeros(3, dtype=np.float32),), mean=np.zeros(width, dtype=np.float32),
               scale=np.ones(width, dtype=np.float32), classes=LABELS).save(tmp_path / "head.npz")
    head = BuiltinJudge(FakeEmbedder(), model_dir=tmp_path)
    pairs = [(f"premise {n}", f"hypothesis {n % 4}") for n in range(8)]
    whole = head.predict(pairs)
    assert whole.shape == (8, 3)
    np.testing.assert_allclose(whole[5:], head.predict(pairs[5:]), atol=1e-6)


def test_unsure_rows_are_those_under_the_top_probability() -> None:
    probs = np.array([[0.95, 0.03, 0.02], [0.5, 0.1, 0.4], [0.1, 0.1, 0.8]], dtype=np.float32)
    assert unsure_rows(probs, 0.9).tolist() == [1, 2]
    assert unsure_rows(probs, 0.0).tolist() == []


def test_second_opinion_blends_where_unsure_and_decides_where_the_first_has_a_verdict() -> None:
    first = _FixedJudge([[0.02, 0.97, 0.01], [0.97, 0.02, 0.01], [0.1, 0.45, 0.45]])
    second = _FixedJudge([[0.0, 1.0, 0.0], [0.0, 0.1, 0.9]])
    judge = SecondOpinionJudge(first, second, below=0.9)  # type: ignore[arg-type]
    probs = judge.predict([("sure", "neutral"), ("sure", "verdict"), ("unsure", "pair")])
    assert second.seen == [("sure", "verdict"), ("unsure", "pair")]
    np.testing.assert_allclose(probs[0], [0.02, 0.97, 0.01])
    np.testing.assert_allclose(probs[1], [0.0, 1.0, 0.0])  # the second's verdict replaces
    np.testing.assert_allclose(probs[2], [0.05, 0.275, 0.675], atol=1e-6)  # calibrated blend
    assert judge.second_opinions == 2


def test_a_contrast_cue_always_gets_the_second_opinion() -> None:
    first = _FixedJudge([[0.02, 0.97, 0.01]])
    second = _FixedJudge([[0.01, 0.01, 0.98]])
    judge = SecondOpinionJudge(first, second, below=0.9)  # type: ignore[arg-type]
    probs = judge.predict([("Macaulay Culkin is not dead.", "Macaulay Culkin is dead.")])
    np.testing.assert_allclose(probs[0], [0.01, 0.01, 0.98])
    assert contrast_cue("Shares rose sharply.", "Shares fell sharply.")
    assert not contrast_cue("Shares rose sharply.", "Shares rose again.")


def test_a_trusted_verdict_of_the_first_stands_without_the_second() -> None:
    first = _FixedJudge([[0.97, 0.02, 0.01], [0.7, 0.2, 0.1], [0.97, 0.02, 0.01]])
    second = _FixedJudge([[0.0, 1.0, 0.0], [0.0, 1.0, 0.0]])
    judge = SecondOpinionJudge(first, second, below=0.9,  # type: ignore[arg-type]
                               trust_first_above=0.95)
    probs = judge.predict([("sure", "verdict"), ("weak", "verdict"),
                           ("The mayor is not here.", "The mayor is here.")])
    # the weak verdict and the contrast cue still go to the second opinion
    assert second.seen == [("weak", "verdict"), ("The mayor is not here.", "The mayor is here.")]
    np.testing.assert_allclose(probs[0], [0.97, 0.02, 0.01])
    assert "trusted>=0.95" in judge.name and "trusted" not in SecondOpinionJudge(
        first, second, below=0.9).name  # type: ignore[arg-type]


def test_second_opinion_blended_at_its_weight() -> None:
    first = _FixedJudge([[0.1, 0.5, 0.4]])
    second = _FixedJudge([[0.0, 0.0, 1.0]])
    judge = SecondOpinionJudge(first, second, below=0.9, weight=0.75)  # type: ignore[arg-type]
    np.testing.assert_allclose(judge.predict([("a", "b")])[0], [0.025, 0.125, 0.85], atol=1e-6)


def _model_folder(folder: Path, model_id: str) -> None:
    folder.mkdir(parents=True)
    (folder / "card.json").write_text(f'{{"model_id": "{model_id}"}}', encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"")


def test_builtin_cascade_takes_the_second_opinion_cascade_json_names(tmp_path: Path) -> None:
    (tmp_path / "card.json").write_text('{"model_id": "head-1"}', encoding="utf-8")
    _model_folder(tmp_path / "cross-encoder", "ce-a")
    _model_folder(tmp_path / "cross-encoder-2", "ce-b")
    settings = tmp_path / "cascade.json"
    settings.write_text('{"gate": 0.02}', encoding="utf-8")
    plain = builtin_cascade(FakeEmbedder(), tmp_path)
    assert isinstance(plain, CascadeJudge) and isinstance(plain.cross, CrossEncoderJudge)
    settings.write_text('{"gate": 0.02, "second_opinion": {"model": "cross-encoder-2", '
                        '"below": 0.9}}', encoding="utf-8")
    judge = builtin_cascade(FakeEmbedder(), tmp_path)
    assert isinstance(judge, CascadeJudge) and isinstance(judge.cross, SecondOpinionJudge)
    assert judge.cross.below == 0.9 and judge.cross.weight == 0.5
    assert "builtin-ce-a" in judge.name and "builtin-ce-b" in judge.name
    settings.write_text('{"gate": 0.02, "second_opinion": {"model": "cross-encoder-2", '
                        '"below": 0.9, "weight": 0.6}}', encoding="utf-8")
    weighted = builtin_cascade(FakeEmbedder(), tmp_path)
    assert isinstance(weighted.cross, SecondOpinionJudge) and weighted.cross.weight == 0.6
    assert weighted.name != judge.name and weighted.cross.trust_first_above is None
    settings.write_text('{"gate": 0.02, "second_opinion": {"model": "cross-encoder-2", '
                        '"below": 0.9, "weight": 0.6, "trust_first_above": 0.98}}',
                        encoding="utf-8")
    trusting = builtin_cascade(FakeEmbedder(), tmp_path)
    assert isinstance(trusting.cross, SecondOpinionJudge)
    assert trusting.cross.trust_first_above == 0.98 and trusting.name != weighted.name


# --- fakes behave as documented ---------------------------------------------------------------


def test_fake_judge_rules() -> None:
    judge = FakeJudge()
    probs = judge.predict([
        ("The ministry denied the air base was attacked.", "The air base was attacked."),
        ("The NLF captured Brenn on Wednesday.", "The NLF captured Brenn on Wednesday night."),
        ("Bread prices rose.", "The airport closed."),
    ])
    assert probs.argmax(axis=1).tolist() == [2, 0, 1]
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-6)


def test_fake_embedder_is_deterministic_and_normalised() -> None:
    a, b = FakeEmbedder(), FakeEmbedder()
    va, vb = a.encode(["Rebels took Brenn", "x"]), b.encode(["Rebels took Brenn", "x"])
    np.testing.assert_array_equal(va, vb)
    assert va.dtype == np.float32 and va.shape == (2, 64)
    np.testing.assert_allclose(np.linalg.norm(va, axis=1), 1.0, atol=1e-6)
    assert a.calls == [["Rebels took Brenn", "x"]]


# --- CachedEmbedder ----------------------------------------------------------------------------


def test_cached_embedder_embeds_only_misses(tmp_path: Path) -> None:
    inner = FakeEmbedder()
    cached = CachedEmbedder(inner, Index(tmp_path / "cache" / "index.sqlite"))
    assert cached.name == "fake-embedder"
    first = cached.encode(["alpha beta", "gamma delta", "alpha beta"])
    assert inner.calls == [["alpha beta", "gamma delta"]]
    again = cached.encode(["gamma delta", "alpha beta"])
    assert len(inner.calls) == 1  # zero calls the second time
    np.testing.assert_array_equal(again, first[[1, 0]])
    cached.encode(["alpha beta", "epsilon zeta"])
    assert inner.calls[1:] == [["epsilon zeta"]]
    assert cached.misses == 3
    np.testing.assert_array_equal(first, FakeEmbedder().encode(["alpha beta", "gamma delta",
                                                                "alpha beta"]))
    assert cached.encode([]).shape[0] == 0


def test_cached_judge_looks_up_chunk_by_chunk(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Across lookup chunks: the inner judge's verdicts, each distinct pair judged once."""
    import claimcheck.judge as judge_module
    from claimcheck.judge import CachedJudge

    monkeypatch.setattr(judge_module, "LOOKUP_CHUNK", 3)
    inner = FakeJudge()
    cached = CachedJudge(inner, Index(tmp_path / "index.sqlite"))
    pairs = [("The army left Darra.", "The army did not leave Darra."),
             ("Bread prices rose.", "The airport closed."),
             ("The army left Darra.", "The army did not leave Darra."),
             ("The army left Darra.", "The army left the city of Darra."),
             ("Bread prices rose.", "Bread prices rose.")] * 2
    np.testing.assert_allclose(cached.predict(pairs), inner.predict(pairs))
    assert cached.misses == 4
    assert cached.predict([]).shape == (0, 3)


def test_two_cached_embedders_share_one_file(tmp_path: Path) -> None:
    path = tmp_path / "embeddings.sqlite"
    inner_a, inner_b = FakeEmbedder(), FakeEmbedder()
    a = CachedEmbedder(inner_a, Index(path))
    b = CachedEmbedder(inner_b, Index(path))
    va = a.encode(["shared text here"])
    vb = b.encode(["shared text here"])
    assert inner_b.calls == []
    np.testing.assert_array_equal(va, vb)
    assert vb.dtype == np.float32


def test_cache_is_keyed_by_model_name(tmp_path: Path) -> None:
    class Other(FakeEmbedder):
        name = "other-embedder"

    path = tmp_path / "embeddings.sqlite"
    CachedEmbedder(FakeEmbedder(), Index(path)).encode(["some text"])
    other = Other()
    CachedEmbedder(other, Index(path)).encode(["some text"])
    assert other.calls == [["some text"]]


def test_sources_refutes_only_claims_as_similar_as_checks_pair_gate(tmp_path: Path) -> None:
    from fakes import FakeEmbedder, FakeJudge

    from claimcheck.api import Models, find_sources
    from claimcheck.judge import Thresholds

    # relayed: an asserted negation of the query's act would pass the gate (0.48.0, below)
    (tmp_path / "a.txt").write_text(
        "According to witnesses, the army did not leave the southern city of Darra on Friday.\n",
        encoding="utf-8")
    query = "The army left the southern city of Darra on Friday."
    loose = find_sources(query, [tmp_path], models=Models(FakeEmbedder(), FakeJudge(),
                                                          Thresholds(0.5, 0.5, 0.2)))
    assert [m.line for m in loose.refuting] == [1]
    similarity = loose.refuting[0].similarity
    strict = find_sources(query, [tmp_path], models=Models(
        FakeEmbedder(), FakeJudge(), Thresholds(0.5, 0.5, min(0.99, similarity + 0.01))))
    assert not strict.refuting


def test_sources_reads_an_asserted_negation_of_the_querys_act_below_the_gate(
        tmp_path: Path) -> None:
    from fakes import FakeEmbedder, FakeJudge

    from claimcheck.api import Models, find_sources
    from claimcheck.judge import Thresholds

    (tmp_path / "a.txt").write_text(
        "The army did not leave the southern city of Darra on Friday.\n", encoding="utf-8")
    result = find_sources("The army left the southern city of Darra on Friday.", [tmp_path],
                          models=Models(FakeEmbedder(), FakeJudge(), Thresholds(0.5, 0.5, 0.99)))
    assert [(m.line, m.relation) for m in result.refuting] == [(1, "opposite")]


def test_sources_lists_a_denial_of_the_same_content_as_refuting(tmp_path: Path) -> None:
    from fakes import FakeEmbedder, FakeJudge

    from claimcheck.api import Models, find_sources
    from claimcheck.judge import Thresholds

    (tmp_path / "a.txt").write_text(
        "The ministry denied that the army left the southern city of Darra on Friday.\n"
        "Reports said the army left the southern city of Darra on Friday.\n",
        encoding="utf-8")
    result = find_sources("Officials say the army left the southern city of Darra on Friday.",
                          [tmp_path], models=Models(FakeEmbedder(), FakeJudge(),
                                                    Thresholds(0.5, 0.5, 0.2)))
    assert result.content == "the army left the southern city of Darra on Friday"
    assert [(m.line, m.stance, m.speaker) for m in result.refuting] == [
        (1, "denied", "The ministry")]
    assert [(m.line, m.stance) for m in result.reporting] == [(2, "reported")]
    assert not result.supporting
    # a query that itself calls the content false asks who else does: the sides turn round
    hoax = find_sources("Hoax: the army left the southern city of Darra on Friday.",
                        [tmp_path], models=Models(FakeEmbedder(), FakeJudge(),
                                                  Thresholds(0.5, 0.5, 0.2)))
    assert (hoax.content, hoax.query_stance) == (result.content, "refuted")
    assert [(m.line, m.stance) for m in hoax.supporting] == [(1, "denied")]
    assert [(m.line, m.stance) for m in hoax.reporting] == [(2, "reported")]
    assert not hoax.refuting and hoax.to_dict()["query_stance"] == "refuted"


class _OneWayJudge:
    """Entailment only from `premise` to `hypothesis`, neutral everything else."""

    name = "one-way"

    def __init__(self, premise: str, hypothesis: str) -> None:
        self.pair = (premise, hypothesis)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        rows = [[0.9, 0.05, 0.05] if pair == self.pair else [0.05, 0.9, 0.05]
                for pair in pairs]
        return np.array(rows, dtype=np.float32).reshape(-1, 3)


def test_sources_lists_a_less_specific_statement_of_the_query_as_supporting(
        tmp_path: Path) -> None:
    """The query entails the source's content: the same fact, read both ways as in `check`."""
    from fakes import FakeEmbedder

    from claimcheck.api import Models, find_sources
    from claimcheck.judge import Thresholds

    (tmp_path / "a.txt").write_text(
        "The dam at Helmoor was breached in a deliberate act of sabotage.\n", encoding="utf-8")
    query = "The dam at Helmoor was deliberately sabotaged with explosives."
    judge = _OneWayJudge("The dam at Helmoor was deliberately sabotaged with explosives",
                         "The dam at Helmoor was breached in a deliberate act of sabotage")
    result = find_sources(query, [tmp_path], models=Models(FakeEmbedder(), judge,
                                                           Thresholds(0.5, 0.5, 0.0)))
    assert [(m.line, m.relation) for m in result.supporting] == [(1, "same")]


def test_sources_compares_counts_as_quantities(tmp_path: Path) -> None:
    """A source counting the same deaths differently refutes the query, though the judge
    finds the two neutral; a count within the query's figure supports it (0.16.0)."""
    from fakes import FakeEmbedder

    from claimcheck.api import Models, find_sources
    from claimcheck.judge import Thresholds

    (tmp_path / "a.txt").write_text(
        "Eleven people died in the Helmoor Dam flood on Friday night.\n"
        "More than 30 people died in the Helmoor Dam flood on Friday night.\n",
        encoding="utf-8")
    neutral = _OneWayJudge("", "")
    result = find_sources("About 30 or more people died in the Helmoor Dam flood on Friday night.",
                          [tmp_path], models=Models(FakeEmbedder(), neutral,
                                                    Thresholds(0.5, 0.5, 0.0)))
    assert [(m.line, m.relation) for m in result.refuting] == [(1, "opposite")]
    assert [(m.line, m.relation) for m in result.supporting] == [(2, "same")]


def test_the_shipped_judge_fits_150_mb() -> None:
    """The judge files pyproject.toml installs total at most 150 MB (issue 16)."""
    import tomllib

    from claimcheck.judge import builtin_model_dir

    package = builtin_model_dir().parent
    pyproject = tomllib.loads((package.parent / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["claimcheck"]
    shipped = {path for pattern in patterns if pattern.startswith("judge_model/")
               for path in package.glob(pattern) if path.is_file()}
    assert package / "judge_model" / "cross-encoder-2" / "model.safetensors" in shipped
    assert not any(p.name.startswith("model-0000") for p in shipped)
    assert sum(p.stat().st_size for p in shipped) <= 150_000_000


@pytest.mark.parametrize(("text", "read"), [
    ('Vradek had "never left Vesmaria, not for one hour',
     "Vradek had never left Vesmaria, not for one hour"),
    ("her client “has not left Ostrelvia”", "her client has not left Ostrelvia”"),
    ("her client “hasn’t left”", "her client hasn’t left”"),
    ("he called it “a lie”", "he called it “a lie”"),  # no negation: the quote stays
    ("Brask’s office said nothing", "Brask’s office said nothing"),
])
def test_a_quotation_mark_before_a_negation_is_taken_out(text: str, read: str) -> None:
    # 0.42.0: the cross-encoders read 'had "never left' as if it were 'had left'
    assert negation_unquoted(text) == read
