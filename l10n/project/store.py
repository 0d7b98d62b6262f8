"""Catalogue files: reading, and read-modify-write under the catalogue's lock.

The PO model itself (:mod:`l10n.catalog`) knows no files; this module is its edge to the disk.
:func:`_parse` and :func:`_render` are the only two places that call the model's ``parse_po`` and
``render_po``, so a change in what those take or return (str or bytes) is absorbed here.

A translator's editor takes no lock, so every write is a compare-and-swap
(:func:`l10n.project.files.replace_if_unchanged`): if the file is not, at the moment of the swap,
exactly the bytes and the inode we merged from, the merge is redone from the new content.  An empty
or unparseable file where a catalogue is expected is first treated as *being written* (an editor
that saves in place truncates, then writes): we re-read until it settles, and refuse with one line
if it does not, rather than take it for an empty catalogue.
"""

from __future__ import annotations

import os
import random
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from l10n.catalog import MAX_CATALOG_BYTES, Catalog, parse_po, render_po
from l10n.errors import InputError
from l10n.project.files import (
    FileState,
    atomic_write,
    file_lock,
    read_state,
    refuse_read_only,
    remove_orphans,
    replace_if_unchanged,
    written_here,
)

__all__ = ["read_po", "write_catalog", "update_catalog", "MAX_CATALOG_BYTES"]

#: How long an empty or unparseable catalogue may keep changing before we give up on it (seconds) …
BUSY_TIMEOUT = 3.0
#: … and how long it must stay unchanged to count as finished, so a real syntax error is reported.
SETTLED = 0.2
_POLL = 0.02
#: A catalogue modified less than this long ago (seconds) is read twice, this far apart, before it is
#: trusted (an in-place save pauses between writes for far less; longer would starve l10n next to an
#: editor that saves every few tens of milliseconds: 7 cycles in 110 s at 50 ms, 113 in 30 s at 10 ms).
QUIET = 0.01


def _parse(data: bytes, path: str | os.PathLike[str]) -> Catalog:
    return parse_po(data, path)


def _render(po: Catalog) -> bytes:
    out = render_po(po)
    return out if isinstance(out, bytes) else out.encode("utf-8")


def _what(path: Path) -> str:
    return "a template" if path.suffix == ".pot" else "a catalogue"


def _settled_read(path: Path) -> tuple[bytes, FileState, Catalog] | None:
    """Read and parse *path*, waiting while it is empty or unparseable and still changing.

    Returns None for a missing file.  An editor saving in place leaves a moment where the file is
    empty or half written; a parse error that persists unchanged for :data:`SETTLED` seconds is the
    file's real state and is raised; an empty file, or one that keeps changing, is waited for up to
    :data:`BUSY_TIMEOUT` seconds and then refused.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT
    last: FileState | None = None
    since = 0.0
    while True:
        got = read_state(path, MAX_CATALOG_BYTES, _what(path))
        if got is None:
            return None
        data, state = got
        problem: InputError | None = None
        if not data.strip():
            problem = InputError(
                f"{path}: is empty; an editor may be saving it (l10n never takes an empty file for an empty catalogue)"
            )
        else:
            try:
                po = _parse(data, path)
            except InputError as exc:
                problem = exc
            else:
                # Written in the last moments?  An editor saving in place may be between two writes, and
                # a prefix of a catalogue can parse: accept it only once it has stayed the same a moment.
                if time.time() - state.mtime_ns / 1e9 >= QUIET or state == last or written_here(path, state):
                    return data, state, po
                last, since = state, time.monotonic()
                if since >= deadline:
                    raise InputError(f"{path}: is being written by another program (still changing after "
                                     f"{BUSY_TIMEOUT:.0f}s); try again")
                time.sleep(QUIET)
                continue
        now = time.monotonic()
        empty = not data.strip()
        if state != last:
            last, since = state, now
        elif now - since >= SETTLED and not empty:  # an empty catalogue is never final: wait it out
            raise problem
        if now >= deadline:
            if empty:
                raise InputError(f"{path}: is empty (still after {BUSY_TIMEOUT:.0f}s); an editor may be saving it, "
                                 "and l10n never takes an empty file for an empty catalogue")
            raise InputError(f"{path}: is being written by another program (still changing after {BUSY_TIMEOUT:.0f}s); try again")
        time.sleep(_POLL)


def read_po(path: str | os.PathLike[str]) -> Catalog:
    """Read a PO/POT file; a missing file, a special file or bad syntax is one :class:`InputError`."""
    path = Path(path)
    got = _settled_read(path)
    if got is None:
        step = "extract" if str(path).endswith(".pot") else "update"
        raise InputError(f"{path}: no such catalogue (run 'l10n {step}' first)")
    return got[2]


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def _payload(
    path: Path,
    po: Catalog,
    date_field: str,
    current_bytes: bytes | None,
    current: Catalog | None,
) -> bytes | None:
    """The bytes to write for *po*, or None when only its date would change.

    The model keeps every untouched entry's bytes, so "unchanged" is a byte comparison whatever tool
    formatted the file (no second parse and render of the current file).
    """
    if current_bytes is not None:
        m = re.search(rb'^"' + re.escape(date_field.encode()) + rb':[ \t]*([^"\\]*)\\n"', current_bytes, re.M)
        if m is not None:  # the date as it is; a file without the field does not get one for nothing
            po.metadata[date_field] = m.group(1).decode("latin-1").strip()
        if _render(po) == current_bytes:
            return None
    po.metadata[date_field] = _now()
    return _render(po)


def write_catalog(
    path: str | os.PathLike[str],
    po: Catalog,
    *,
    date_field: str,
    current_bytes: bytes | None = None,
    current: Catalog | None = None,
) -> bool:
    """Write *po* unless only its date would change; bump *date_field* when the content changed.

    Returns True when the file was written.  Re-running a command on unchanged input therefore
    changes no file, and ``SOURCE_DATE_EPOCH`` makes fresh output reproducible.  Callers that already
    read the file pass its bytes (and parsed form) so it is not read and parsed twice.  This is for
    files only l10n writes (templates); catalogues a translator edits go through :func:`update_catalog`.
    """
    path = Path(path)
    with file_lock(path):  # so a killed run's temporary files can be cleared at once
        remove_orphans(path)
        if current_bytes is None:
            got = read_state(path, MAX_CATALOG_BYTES, _what(path))
            current_bytes = got[0] if got else None
        payload = _payload(path, po, date_field, current_bytes, current)
        if payload is None:
            return False
        atomic_write(path, payload)
        return True


def update_catalog(
    path: str | os.PathLike[str],
    change: Callable[[Catalog | None], Catalog],
    *,
    date_field: str = "PO-Revision-Date",
    attempts: int = 50,
) -> bool:
    """Read-modify-write a catalogue safely; return True if the file was written.

    Holds the catalogue's lock for the whole cycle (other l10n processes wait), and writes by
    compare-and-swap: if the file changed on disk between our read and the swap (a translator saving
    in Poedit or a text editor, which take no lock), *change* is recomputed from the new content
    instead of overwriting it.  A symlinked catalogue is written through the link (the link
    survives); a read-only one is refused; temporary files a killed run left beside it are removed.
    """
    path = Path(os.path.realpath(path))
    with file_lock(path):
        remove_orphans(path)
        refuse_read_only(path)
        for attempt in range(attempts):
            got = _settled_read(path)
            before, state, current = got if got else (None, None, None)
            po = change(current)
            payload = _payload(path, po, date_field, before, None)  # *change* may have edited *current*
            if payload is None:
                return False
            if replace_if_unchanged(path, payload, state, limit=MAX_CATALOG_BYTES):
                return True
            time.sleep(random.uniform(0.005, 0.02) * min(attempt + 1, 5))
    raise InputError(f"{path}: keeps changing on disk while l10n tries to update it; try again")
