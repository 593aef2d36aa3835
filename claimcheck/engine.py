"""Where the heavy stages run: in this process, or mapped over a Dask cluster's workers.

The stages stay functions over batches. An engine only maps one over partitions that the data
alone decides (`partitions`), so the single-process run computes the very same batches in
order, and both write byte-identical reports. The driver keeps the index: it looks up cached
vectors, verdicts and extractions first, sends only the misses out, and stores what comes
back. Workers load each model once and keep it (`worker_model`).

Dask distributed was chosen over Ray by measurement; docs/scaling.md gives the figures.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from claimcheck.errors import ConfigError, ModelError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")
# Partition sizes fix the batches each model computes, in every engine: a model's output can
# move in the last bits with the company a text is batched with.
EMBED_PARTITION = 1024  # texts
PAIR_PARTITION = 512  # pairs
DOCUMENT_PARTITION = 16  # articles parsed together on a worker


def partitions(items: Sequence[T], size: int) -> list[list[T]]:
    """`items` cut in order into lists of `size` (the last may be shorter)."""
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


class Engine(Protocol):
    """Maps a function over argument tuples and returns the results in order."""

    @property
    def name(self) -> str: ...

    @property
    def workers(self) -> int: ...

    def map(self, function: Callable[..., R], calls: Sequence[tuple[Any, ...]]) -> list[R]: ...

    def close(self) -> None: ...


class DaskEngine:
    """A Dask distributed client: on the cluster at `address`, else on a local cluster of
    `workers` processes with one thread each.

    Nothing starts or connects until the first map (or `workers`): a run whose work the index
    already holds (an unchanged re-run) starts no cluster and loads no model.
    """

    name = "dask"

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            raise ConfigError("the dask engine needs the distributed extra: "
                              "pip install 'claimcheck-news[distributed]'")
        self.address = address
        self.requested_workers = workers
        self._cluster: Any = None
        self._client: Any = None
        self._starting = threading.Lock()

    @property
    def started(self) -> bool:
        """Whether the client is connected (and the local cluster, if any, running)."""
        return self._client is not None

    def _connected(self) -> Any:
        with self._starting:
            if self._client is None:
                self._client = self._connect()
        return self._client

    def _connect(self) -> Any:
        from distributed import Client, LocalCluster

        try:
            if self.address:
                return Client(self.address, timeout=10)  # type: ignore[no-untyped-call]
            import dask

            # the workers' statistical profiler samples every task's stack 100 times a
            # second, for a dashboard nobody opens here: 5-10% of a cross-encoder's time
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=self.requested_workers or 2, threads_per_worker=1,
                    processes=True, dashboard_address=None)
            return Client(self._cluster)  # type: ignore[no-untyped-call]
        except OSError as exc:  # no scheduler at the address, or none could start
            raise ConfigError(f"cannot reach a Dask scheduler at {self.address or 'localhost'}"
                              f": {exc}") from exc
        except RuntimeError as exc:  # a local worker process that could not start
            raise ConfigError(f"cannot start a local Dask cluster: {exc}") from exc

    @property
    def workers(self) -> int:
        return max(1, len(self._connected().scheduler_info()["workers"]))

    def map(self, function: Callable[..., R], calls: Sequence[tuple[Any, ...]]) -> list[R]:
        if not calls:
            return []
        client = self._connected()
        futures = [client.submit(function, *args, pure=False) for args in calls]
        results: list[R] = client.gather(futures)
        return results

    def worker_peak_rss_mb(self) -> list[int]:
        """Each worker process's peak resident memory so far, in MB (none if not started)."""
        if self._client is None:
            return []
        peaks: dict[str, int] = self._client.run(peak_rss_mb)
        return sorted(peaks.values())

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None


def open_engine(name: str, address: str | None = None, workers: int | None = None
                ) -> Engine | None:
    """The engine called `name`; None for `local`, the single process."""
    if name == "local":
        if address:
            raise ConfigError("--address needs a distributed engine: --engine dask")
        return None
    if name == "dask":
        return DaskEngine(address, workers)
    raise ConfigError(f"unknown engine {name!r} (one of: {', '.join(ENGINES)})")


def peak_rss_mb() -> int:
    """This process's peak resident memory, in MB (Linux reports kilobytes)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


_WORKER_MODELS: dict[tuple[str, ...], Any] = {}


def worker_model(key: tuple[str, ...], build: Callable[[], T]) -> T:
    """The model `build` makes, built once per worker process."""
    if key not in _WORKER_MODELS:
        _WORKER_MODELS[key] = build()
    model: T = _WORKER_MODELS[key]
    return model


def portable_model_path(path: str) -> str:
    """A built-in model's path as `builtin:<folder>`, which each worker resolves in its own
    install; any other path or hub name as it is."""
    from claimcheck.judge import builtin_model_dir

    root = builtin_model_dir().resolve()
    try:
        return "builtin:" + Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return path


def local_model_path(portable: str) -> str:
    from claimcheck.judge import builtin_model_dir

    if portable.startswith("builtin:"):
        return str(builtin_model_dir() / portable.removeprefix("builtin:"))
    return portable


def _checked(kind: str, expected: str, found: str) -> None:
    if expected != found:
        raise ModelError(f"a worker's {kind} is {found!r}, the driver's {expected!r}: "
                         "install the same claimcheck version on every worker")


def encode_on_worker(model: str, batch_size: int, expected_name: str, texts: list[str]
                      ) -> Any:
    from claimcheck.embed import SentenceTransformerEmbedder

    embedder = worker_model(("embed", model, str(batch_size)),
                            lambda: SentenceTransformerEmbedder(model, batch_size=batch_size))
    _checked("embedding model", expected_name, embedder.name)
    return embedder.encode(texts)


def judge_on_worker(model: str, display_name: str, dtype: str, batch_size: int,
                     expected_name: str, pairs: list[tuple[str, str]], threads: int | None = None
                     ) -> Any:
    """A cross-encoder's verdicts on one partition, computed with `threads` torch threads
    (the driver's): bfloat16 kernels round differently with another thread count, and a
    distributed report must be the single-process one byte for byte."""
    from claimcheck.judge import CrossEncoderJudge

    if threads is not None:
        import torch

        torch.set_num_threads(threads)
    judge = worker_model(
        ("cross-encoder", model, display_name, dtype, str(batch_size)),
        lambda: CrossEncoderJudge(local_model_path(model), batch_size=batch_size,
                                  display_name=display_name, dtype=dtype))
    _checked("cross-encoder", expected_name, judge.name)
    return judge.predict(pairs)


def extract_on_worker(documents: list[Any]) -> Any:
    from claimcheck.claims import extract_fresh

    return extract_fresh(documents)
