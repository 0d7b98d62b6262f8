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

import polib

from l10n.catalog import parse_po, render_po
from l10n.errors import InputError
from l10n.project.files import atomic_write, file_lock

__all__ = ["read_po", "write_catalog", "update_catalog"]


def read_po(path: str | os.PathLike[str]) -> polib.POFile:
    """Read a PO/POT file; a missing file or bad syntax is one :class:`InputError`."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        step = "extract" if str(path).endswith(".pot") else "update"
        raise InputError(f"{path}: no such catalogue (run 'l10n {step}' first)") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    return parse_po(data, path)


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def write_catalog(
    path: str | os.PathLike[str],
    po: polib.POFile,
    *,
    date_field: str,
    current_bytes: bytes | None = None,
    current: polib.POFile | None = None,
) -> bool:
    """Write *po* unless only its date would change; bump *date_field* when the content changed.

    Returns True when the file was written.  Re-running a command on unchanged input therefore
    changes no file, and ``SOURCE_DATE_EPOCH`` makes fresh output reproducible.  Callers that already
    read the file pass its bytes (and parsed form) so it is not read and parsed twice.
    """
    path = Path(path)
    if current_bytes is None and path.exists():
        current_bytes = path.read_bytes()
    if current_bytes is not None:
        m = re.search(rb'^"' + re.escape(date_field.encode()) + rb': ([^"\\]*)\\n"', current_bytes, re.M)
        po.metadata[date_field] = m.group(1).decode("utf-8", "replace") if m else ""
        rendered = render_po(po)
        if rendered.encode("utf-8") == current_bytes:
            return False
        if current is None:
            try:
                current = parse_po(current_bytes, path)
            except InputError:
                current = None
        if current is not None and rendered == render_po(current):
            return False  # same content, whatever editor formatted the file
    po.metadata[date_field] = _now()
    atomic_write(path, render_po(po))
    return True


def update_catalog(
    path: str | os.PathLike[str],
    change: Callable[[polib.POFile | None], polib.POFile],
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
