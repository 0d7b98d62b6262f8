"""Catalogue files: reading, and read-modify-write under the catalogue's lock.

The PO model itself (:mod:`l10n.catalog`) knows no files; this module is its edge to the disk.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from l10n.catalog import Catalog, load_po, parse_po, render_po
from l10n.errors import InputError
from l10n.project.files import atomic_write, file_lock

__all__ = ["read_po", "write_catalog", "update_catalog"]


def read_po(path: str | os.PathLike[str]) -> Catalog:
    """Read a PO/POT file; a missing file or bad syntax is one :class:`InputError`."""
    return load_po(path)


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def write_catalog(
    path: str | os.PathLike[str],
    po: Catalog,
    *,
    date_field: str,
    current_bytes: bytes | None = None,
) -> bool:
    """Write *po* unless only its date would change; bump *date_field* when the content changed.

    Returns True when the file was written.  Re-running a command on unchanged input therefore
    changes no file, and ``SOURCE_DATE_EPOCH`` makes fresh output reproducible.  Callers that already
    read the file pass its bytes so it is not read twice.  The model keeps every untouched entry's
    bytes, so "unchanged" is a byte comparison whatever tool formatted the file.
    """
    path = Path(path)
    if current_bytes is None and path.exists():
        current_bytes = path.read_bytes()
    if current_bytes is not None:
        m = re.search(rb'^"' + re.escape(date_field.encode()) + rb':[ \t]*([^"\\]*)\\n"', current_bytes, re.M)
        if m is not None:
            po.metadata[date_field] = m.group(1).decode("latin-1").strip()
        if render_po(po) == current_bytes:
            return False
    po.metadata[date_field] = _now()
    atomic_write(path, render_po(po))
    return True


def update_catalog(
    path: str | os.PathLike[str],
    change: Callable[[Catalog | None], Catalog],
    *,
    date_field: str = "PO-Revision-Date",
    attempts: int = 5,
) -> bool:
    """Read-modify-write a catalogue safely.

    Holds the catalogue's lock for the whole cycle (other l10n processes wait), and if the file
    changed on disk between our read and our write (a translator saving in Poedit, which takes no
    lock) the change is recomputed from the new content instead of overwriting it.
    """
    path = Path(path)
    with file_lock(path):
        for _ in range(attempts):
            before = path.read_bytes() if path.exists() else None
            po = change(parse_po(before, path) if before is not None else None)
            after = path.read_bytes() if path.exists() else None
            if after == before:
                return write_catalog(path, po, date_field=date_field, current_bytes=before)
            time.sleep(0.05)
    raise InputError(f"{path}: keeps changing on disk while l10n tries to update it; try again")
