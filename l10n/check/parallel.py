"""``l10n check --jobs N``: articles spread over worker processes, one report as if run in one.

Workers are forked where the platform allows (the registry, compiled patterns and the glossary are
inherited, not pickled) and get a few dozen articles per task to keep pickling cheap.  An input error in a
worker comes back as a value and is raised in the parent as the same one-line error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from l10n.check.runner import CatalogueResult, Item, Runner
from l10n.check.settings import Settings
from l10n.errors import L10nError

if TYPE_CHECKING:
    from l10n.check.cache import ResultCache
    from l10n.glossary import Glossary

__all__ = ["run_parallel"]

Batch = list[tuple[int, Item]]

_WORKER: Runner | None = None


def _init_worker(glossary: Glossary, settings: Settings, changed, cache) -> None:
    global _WORKER
    _WORKER = Runner(glossary, settings, changed, cache)


def _work(batches: list[Batch]):
    assert _WORKER is not None
    out = []
    for batch in batches:
        try:
            out.extend(_WORKER.batch(batch))
        except L10nError as exc:  # re-raised in the parent as the same one-line error
            return exc
    return out


def run_parallel(
    batches: list[Batch],
    glossary: Glossary,
    settings: Settings,
    changed: Mapping[str, set[int] | None] | None,
    jobs: int,
    cache: ResultCache | None = None,
) -> list[tuple[int, CatalogueResult]]:
    """Run *batches* in *jobs* processes; results carry their input order for the caller to sort."""
    import multiprocessing

    ctx = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    size = max(1, min(50, len(batches) // (jobs * 4) or 1))
    chunks = [batches[i : i + size] for i in range(0, len(batches), size)]
    results: list[tuple[int, CatalogueResult]] = []
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(glossary, settings, changed, cache)) as pool:
        for part in pool.imap_unordered(_work, chunks):
            if isinstance(part, L10nError):
                pool.terminate()
                raise part
            results.extend(part)
    return results
