"""``l10n check --jobs N``: articles spread over worker processes, one report as if run in one.

Workers are forked where the platform allows (the registry, compiled patterns and the glossary are
inherited, not pickled); each task is a piece of one article's catalogues, largest first.  An input error in a
worker comes back as a value and is raised in the parent as the same one-line error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from l10n.check.runner import CatalogueResult, Item, Runner
from l10n.check.settings import Settings
from l10n.errors import L10nError
from l10n.glossary.index import paused_gc

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
    with paused_gc():
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
    chunks = [[piece] for piece in _balance(batches, jobs)]
    results: list[tuple[int, CatalogueResult]] = []
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(glossary, settings, changed, cache)) as pool:
        for part in pool.imap_unordered(_work, chunks):
            if isinstance(part, L10nError):
                pool.terminate()
                raise part
            results.extend(part)
    return results


def _balance(batches: list[Batch], jobs: int) -> list[Batch]:
    """*batches* cut to at most about a quarter of one worker's share (by bytes to read) and ordered
    largest first, so no worker is left with the one big article at the end (Sphinx's catalogues are
    two fifths of Django's and Sphinx's together).  A piece keeps its catalogues' article together."""
    import os

    def size(item: tuple[int, Item]) -> int:
        try:
            return os.path.getsize(item[1][0])
        except OSError:
            return 0

    weighed = [[(size(it), it) for it in batch] for batch in batches]
    total = sum(w for batch in weighed for w, _ in batch)
    limit = max(1, total // (jobs * 4))
    pieces: list[tuple[int, Batch]] = []
    for batch in weighed:
        piece: Batch = []
        weight = 0
        for w, it in batch:
            if piece and weight + w > limit:
                pieces.append((weight, piece))
                piece, weight = [], 0
            piece.append(it)
            weight += w
        if piece:
            pieces.append((weight, piece))
    pieces.sort(key=lambda p: -p[0])
    return [piece for _, piece in pieces]
