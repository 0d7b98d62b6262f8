"""``l10n check --cache DIR``: a content-digest cache, so CI re-runs on unchanged catalogues cost ~0.

A catalogue's result is stored under the SHA-256 of everything that can change it: the catalogue's
bytes, its displayed path and language, the lines a ``--changed-since`` diff selected, the run's
settings, the glossary, and the source of the checker itself (so upgrading l10n invalidates the cache).
A damaged or foreign cache file is ignored (recomputed), never trusted; entries are written atomically
(temporary file, then rename), so concurrent CI jobs may share a directory.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from l10n.check.runner import CatalogueResult
    from l10n.check.settings import Settings
    from l10n.glossary import Glossary

__all__ = ["ResultCache", "code_digest"]

_FORMAT = b"l10n-check-cache-1"


@functools.cache
def code_digest() -> str:
    """SHA-256 of the checker's source (``l10n/check``, ``l10n/glossary``, ``l10n/lang.py``)."""
    import l10n

    root = Path(l10n.__file__).parent
    h = hashlib.sha256(_FORMAT)
    files = sorted(
        [*root.joinpath("check").glob("*.py"), *root.joinpath("glossary").glob("*.py"), root / "lang.py"]
    )
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


class ResultCache:
    """Results of ``check_catalogue`` by content digest, one file each under *directory*."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self._glossary: dict[int, str] = {}
        self.hits = self.misses = 0

    def _glossary_digest(self, glossary: Glossary) -> str:
        key = id(glossary)
        if key not in self._glossary:
            self._glossary[key] = hashlib.sha256(repr(glossary).encode()).hexdigest()
        return self._glossary[key]

    def key(
        self,
        data: bytes,
        display: str,
        code: str,
        lines: set[int] | None,
        settings: Settings,
        glossary: Glossary,
    ) -> str:
        h = hashlib.sha256(data)
        for part in (display, code, repr(sorted(lines)) if lines is not None else "*", settings.digest()):
            h.update(b"\x00" + part.encode())
        h.update(self._glossary_digest(glossary).encode())
        h.update(code_digest().encode())
        return h.hexdigest()

    def get(self, key: str) -> CatalogueResult | None:
        try:
            blob = (self.dir / f"{key}.pickle").read_bytes()
        except OSError:
            self.misses += 1
            return None
        if not blob.startswith(_FORMAT + b"\n"):
            self.misses += 1
            return None
        try:
            value = pickle.loads(blob[len(_FORMAT) + 1 :])  # noqa: S301 - our own files, keyed by digest
        except Exception:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, result: CatalogueResult) -> None:
        blob = _FORMAT + b"\n" + pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".tmp-", suffix=".pickle")
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, self.dir / f"{key}.pickle")
        except OSError:
            pass  # a read-only or full cache directory slows the run down, it never fails it
