"""Machine translation on a Ray cluster: a batch translator whose batches run on Ray actors.

Division of work (see docs/cluster.md):

- The driver (``l10n translate`` on one machine) plans — which entries need MT, deduplicated, cut into
  batches (:func:`l10n.translate.catalogs.translate_catalogs`) — and is the only process that reads or
  writes catalogues, with the local run's lock / re-read / merge semantics (the project layer's
  ``commands.translate``).  The cluster needs no shared file system.
- Each worker is a Ray actor that builds the engine once (model loaded on first use and kept) and
  receives the glossary once, through the object store, with its compiled term index; per batch it
  receives sentences and returns :class:`~l10n.translate.enforce.MTResult` s computed by the same
  :func:`~l10n.translate.enforce.enforce_batch` a local run calls — so results are identical to a local
  run with the same engine and batch size.
- Batches are handed out by Ray's :class:`ray.util.ActorPool` and stream back as they complete; the
  driver saves them in plan order (a batch that finished early waits for its predecessors, so the files
  come out byte-identical to a local run's), so a killed driver resumes like a local run.
- A worker process that dies is restarted by Ray (``max_restarts``) and the batch it held is retried
  (``max_task_retries``): a batch is translated again, but written once, by the driver.
- Models: an Argos package (or Apertium pair) installed in the worker image is used as is; a package
  file given with ``ship_models`` is put in the object store once and, on each worker, handed to the
  *prepare* function the caller gives (the project layer's
  :func:`l10n.project.models.install_shipped`: a validated install into a node-local cache) before the
  engine starts.  A worker without the model fails the run with one line naming the worker and the
  install command.

Ray is imported only here, and only when a cluster is opened: ``pip install 'l10n[cluster]'``.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.errors import UsageError
from l10n.lang import Language
from l10n.translate.engine import EngineError

__all__ = ["ClusterSettings", "RayCluster", "RayBatches", "WorkerInfo", "import_ray", "INSTALL_HINT"]

INSTALL_HINT = "pip install 'l10n[cluster]'"


def import_ray():
    """Ray, or one line saying how to install it."""
    try:
        import ray
    except ImportError:
        raise UsageError(f"--cluster needs Ray, which is not installed: {INSTALL_HINT}") from None
    return ray


@dataclass(frozen=True)
class ClusterSettings:
    """How to reach the cluster and how to size the worker pool.

    *address*: ``local`` starts a private Ray instance on this machine (bound to 127.0.0.1), ``auto``
    joins the cluster this machine belongs to, anything else is given to ``ray.init(address=…)``
    (``ray://head:10001`` for Ray Client, ``head:6379``).  *workers* defaults to as many as the cluster's
    CPUs (or GPUs, with *gpus_per_worker*) allow.  Each worker reserves *cpus_per_worker* CPUs, which are
    also its engine's threads.
    """

    address: str = "local"
    workers: int | None = None
    cpus_per_worker: int = 1
    gpus_per_worker: float = 0.0
    ship_models: tuple[str, ...] = ()
    max_retries: int = 3  # restarts of a dead worker, and retries of the batch it held
    ready_timeout: float = 600.0  # seconds to wait for the workers to be placed and load the engine
    init_options: Mapping[str, Any] = field(default_factory=dict)  # extra ray.init arguments
    #: The workers' Ray runtime_env, e.g. ``{"env_vars": {"L10N_ARGOS_PACKAGES": "/models"}}`` or ``{"pip": …}``.
    runtime_env: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.workers is not None and (not isinstance(self.workers, int) or self.workers < 1):
            raise UsageError(f"workers must be a positive integer, not {self.workers!r}")
        if not isinstance(self.cpus_per_worker, int) or self.cpus_per_worker < 1:
            raise UsageError(f"CPUs per worker must be a positive integer, not {self.cpus_per_worker!r}")
        if not isinstance(self.gpus_per_worker, int | float) or self.gpus_per_worker < 0:
            raise UsageError(f"GPUs per worker must be a number ≥ 0, not {self.gpus_per_worker!r}")
        for file in self.ship_models:
            if not Path(file).is_file():
                raise UsageError(f"{file}: no such model package to ship with the job")


@dataclass(frozen=True)
class WorkerInfo:
    """Where a worker runs: what the one-line errors name."""

    index: int
    host: str
    pid: int

    def __str__(self) -> str:
        return f"cluster worker {self.index} on {self.host} (pid {self.pid})"


# --------------------------------------------------------------------------------------------------
# The actor (a plain class: it becomes a Ray actor in RayCluster.__enter__, where Ray is imported)


def build_engine(engine: str | Callable[[], Any], options: Mapping[str, Any], packages_dirs: Sequence[str]):
    """The worker's engine: *engine* is a registry name (with *options*) or a picklable factory."""
    if callable(engine):
        return engine()
    from l10n.translate.engine import get_engine

    options = dict(options)
    if packages_dirs and engine == "argos":
        from l10n.translate.models import argos_package_dirs

        options["packages_dirs"] = [*packages_dirs, *map(str, argos_package_dirs())]
    return get_engine(engine, **options)


class _Worker:
    """One engine on one worker process; translates the driver's batches, enforcement included.

    What the worker needs from the driver — the glossary and any model files shipped with the job —
    travels as object-store references nested in every call (ids, a few bytes), never as constructor
    arguments: a worker Ray restarts after a crash fetches them again from the retried call, and the
    driver holds them for as long as the cluster is open.  They are fetched and set up once per process.
    """

    def __init__(self, index: int, engine, options: Mapping[str, Any], prepare: Callable | None):
        self.info = WorkerInfo(index, socket.gethostname(), os.getpid())
        self.engine_spec, self.options, self.prepare = engine, dict(options), prepare
        self.engine = None
        self.glossary = None
        self.error: str | None = None

    def _setup(self, shared: Mapping[str, Any]) -> None:
        if self.engine is not None or self.error is not None:
            return
        import ray

        try:
            self.glossary = ray.get(shared["glossary"])
            dirs: list[str] = []
            if shared["models"]:
                if self.prepare is None:
                    raise EngineError("model files were shipped but nothing installs them (no prepare function)")
                dirs = self.prepare({name: ray.get(ref) for name, ref in shared["models"].items()})
            self.engine = build_engine(self.engine_spec, self.options, dirs)
        except Exception as exc:  # noqa: BLE001 - reported by ready() as one line naming this worker
            self.error = _one_line(exc)

    def ready(self, source: str, language: Language, shared: Mapping[str, Any]) -> tuple[WorkerInfo, str | None, str]:
        """(where I run, the problem or None, the engine label): also loads the model for the pair."""
        from l10n.translate.catalogs import _label
        from l10n.translate.enforce import _engine_code

        self._setup(shared)
        if self.error is not None:
            return self.info, self.error, ""
        try:
            target = _engine_code(self.engine, source, language)
            self.engine.translate(["Ready."], source, target, n_best=1)  # loads the model once, here
            return self.info, None, _label(self.engine, source, language.code)
        except Exception as exc:  # noqa: BLE001 - one line naming this worker
            return self.info, _one_line(exc), ""

    def translate(self, index: int, batch: list[str], source: str, language: Language, n_best: int, shared: Mapping[str, Any]):
        from l10n.translate.enforce import enforce_batch

        self._setup(shared)
        if self.error is not None:
            raise EngineError(f"{self.info}: {self.error}")
        started = time.perf_counter()
        results = enforce_batch(self.engine, batch, source, language, self.glossary, n_best=n_best)
        return index, results, time.perf_counter() - started


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# --------------------------------------------------------------------------------------------------
# The driver side


class RayCluster:
    """A connection to a Ray cluster and a pool of translation workers on it; a context manager.

    ``with RayCluster(settings, "argos", options, glossary) as cluster:`` then, per language,
    ``translate_catalogs(…, translator=cluster.batches(source, language, n_best))``.  Leaving the block
    removes the workers and disconnects (stopping the instance ``local`` started); a Ray connection
    that already existed in this process (``ray.init`` by the caller) is used and left open.
    """

    def __init__(
        self,
        settings: ClusterSettings,
        engine: str | Callable[[], Any],
        options: Mapping[str, Any],
        glossary=None,
        *,
        prepare: Callable[[dict[str, bytes]], list[str]] | None = None,
    ):
        self.settings = settings
        self.prepare = prepare  # on a worker: shipped package files -> packages directories (the project layer's)
        self.engine = engine
        self.options = dict(options)
        self.glossary = glossary
        self.workers: list[Any] = []
        self.info: list[WorkerInfo] = []
        self._ray = None
        self._connected_here = False
        self.shared: dict[str, Any] = {}

    # -- lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> RayCluster:
        s = self.settings
        if s.address == "local" and "ray" not in sys.modules:
            # A private instance on this machine listens on the loopback interface only.
            os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
        ray = self._ray = import_ray()
        if not ray.is_initialized():
            import logging

            kwargs: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False}
            if s.address == "local":
                kwargs["include_dashboard"] = False
            else:
                kwargs["address"] = s.address
            kwargs.update(s.init_options)
            try:
                ray.init(**kwargs)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise EngineError(f"cannot reach the Ray cluster at {s.address!r}: {_one_line(exc)}") from None
            self._connected_here = True
        try:
            self._start_workers()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        ray = self._ray
        if ray is None:
            return
        for actor in self.workers:
            with contextlib.suppress(Exception):  # already gone
                ray.kill(actor, no_restart=True)
        self.workers = []
        self.shared = {}
        if self._connected_here:
            ray.shutdown()
            self._connected_here = False

    def _start_workers(self) -> None:
        ray = self._ray
        s = self.settings
        resources = ray.cluster_resources()
        count = s.workers
        if count is None:
            if s.gpus_per_worker:
                count = int(resources.get("GPU", 0) // s.gpus_per_worker)
                if count < 1:
                    raise EngineError(f"the Ray cluster has no GPU for --gpus-per-worker {s.gpus_per_worker}")
            else:
                count = max(1, int(resources.get("CPU", 1) // s.cpus_per_worker))
        if s.address == "local" and self._connected_here:
            # a private instance never grows: workers it cannot place would wait for ever
            cpus, gpus = resources.get("CPU", 0), resources.get("GPU", 0)
            if count * s.cpus_per_worker > cpus or count * s.gpus_per_worker > gpus:
                raise UsageError(
                    f"{count} workers × {s.cpus_per_worker} CPU, {s.gpus_per_worker:g} GPU do not fit on this "
                    f"machine ({cpus:g} CPUs, {gpus:g} GPUs): use fewer --workers or --threads"
                )
        options = dict(self.options)
        if self.engine == "argos":
            options["threads"] = s.cpus_per_worker
            if s.gpus_per_worker:
                options["device"] = "cuda"
        # The glossary and package files go to the object store once; calls carry their refs (see _Worker).
        self.shared = {
            "glossary": ray.put(self.glossary),
            "models": {Path(f).name: ray.put(Path(f).read_bytes()) for f in s.ship_models},
        }
        actor = ray.remote(_Worker).options(
            num_cpus=s.cpus_per_worker,
            num_gpus=s.gpus_per_worker,
            max_restarts=s.max_retries,
            max_task_retries=s.max_retries,
            **({"runtime_env": dict(s.runtime_env)} if s.runtime_env else {}),
        )
        self.workers = [actor.remote(i + 1, self.engine, options, self.prepare) for i in range(count)]

    # -- per language ------------------------------------------------------------------------------

    def check(self, source: str, language: Language) -> str:
        """Every worker has a working engine and model for the pair; return the engine label."""
        ray = self._ray
        refs = [w.ready.remote(source, language, self.shared) for w in self.workers]
        done, waiting = ray.wait(refs, num_returns=len(refs), timeout=self.settings.ready_timeout)
        if waiting:
            raise EngineError(
                f"{len(waiting)} of {len(refs)} cluster workers did not start within "
                f"{self.settings.ready_timeout:.0f}s: the cluster lacks the CPUs/GPUs they reserve "
                f"({self.settings.cpus_per_worker} CPU, {self.settings.gpus_per_worker} GPU each); use fewer --workers"
            )
        try:
            answers = ray.get(refs)
        except ray.exceptions.RayActorError as exc:
            raise EngineError(f"a cluster worker died while starting: {_one_line(exc)}") from None
        labels = set()
        self.info = []
        for info, problem, label in answers:
            self.info.append(info)
            if problem is not None:
                raise EngineError(f"{info}: {problem}{_where_models(self.settings)}")
            labels.add(label)
        if len(labels) > 1:
            raise EngineError(
                "cluster workers run different engine or model versions (" + " | ".join(sorted(labels)) + "): "
                "results would differ from worker to worker; give every worker the same image"
            )
        return labels.pop()

    def batches(self, source: str, language: Language, n_best: int = 4) -> RayBatches:
        """The batch translator for one language, for :func:`~l10n.translate.catalogs.translate_catalogs`."""
        return RayBatches(self, source, language, n_best)


def _where_models(settings: ClusterSettings) -> str:
    if settings.ship_models:
        return ""
    return " — on that worker, or ship the package with the job: --ship-model FILE.argosmodel"


@dataclass
class RayBatches:
    """A :class:`~l10n.translate.catalogs.BatchTranslator` on a :class:`RayCluster`'s workers."""

    cluster: RayCluster
    source: str
    language: Language
    n_best: int = 4
    _label: str | None = None

    @property
    def label(self) -> str:
        if self._label is None:
            self._label = self.cluster.check(self.source, self.language)
        return self._label

    def __call__(self, batches: Sequence[list[str]]) -> Iterator[tuple[list[str], list, float]]:
        if not batches:
            return
        _ = self.label  # every worker is ready before the first batch goes out
        ray = self.cluster._ray
        from ray.util import ActorPool

        pool = ActorPool(list(self.cluster.workers))
        shared = self.cluster.shared
        items = list(enumerate(batches))
        stream = pool.map_unordered(
            lambda actor, item: actor.translate.remote(item[0], item[1], self.source, self.language, self.n_best, shared),
            items,
        )
        delivered: set[int] = set()
        waiting: dict[int, tuple[list, float]] = {}
        next_index = 0
        while True:
            try:
                index, results, seconds = next(stream)
            except StopIteration:
                break
            except ray.exceptions.RayActorError as exc:
                raise EngineError(
                    f"a cluster worker died {self.cluster.settings.max_retries + 1} times running one batch "
                    f"({_one_line(exc)}); translated batches are saved: run again to resume"
                ) from None
            except ray.exceptions.RayTaskError as exc:
                cause = getattr(exc, "cause", None) or exc
                raise EngineError(f"cluster worker: {_one_line(cause)}") from None
            if index in delivered or index < next_index:  # pragma: no cover - Ray delivers each result once
                continue
            delivered.add(index)
            # Hand batches to the driver in plan order, as soon as each one's predecessors are in: the
            # catalogue writer infers a file's style (wrap width) from what it holds, so saving in the
            # local run's order is what makes the files byte-identical to a local run's.
            waiting[index] = (results, seconds)
            while next_index in waiting:
                results, seconds = waiting.pop(next_index)
                yield batches[next_index], results, seconds
                next_index += 1
