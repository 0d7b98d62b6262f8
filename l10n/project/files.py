"""File-system edges: atomic writes, catalogue locks, safe names.

Every file l10n writes goes through :func:`atomic_write`: a temporary file in the same directory,
fsync, then ``os.replace`` and an fsync of the directory, so a crash or ``kill -9`` at any moment
leaves either the old file or the new one, never a truncated mix.  Writers that read-modify-write a
catalogue hold :func:`file_lock` around the whole cycle so two processes cannot lose each other's edits.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from l10n.errors import UsageError

__all__ = ["atomic_write", "file_lock", "check_name", "NAME_RE"]

#: Article names become file names under locale/ and build/: keep them boring.
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def check_name(name: str, what: str = "article name") -> str:
    """Return *name* if it is safe as a single path component, else raise :class:`UsageError`."""
    if not NAME_RE.match(name) or ".." in name:
        raise UsageError(
            f"invalid {what} {name!r}: use letters, digits, '.', '_' and '-' only (no paths)"
        )
    return name


def atomic_write(path: str | os.PathLike[str], data: str | bytes, *, mode: int | None = None) -> None:
    """Write *data* to *path* atomically and durably.

    Text is written as UTF-8 with the newlines given (no translation), so output is byte-exact.
    The permissions of an existing file are kept; new files get *mode* or 0o644.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(dfd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(dfd)


@contextlib.contextmanager
def file_lock(path: str | os.PathLike[str], timeout: float = 60.0) -> Iterator[None]:
    """Hold an inter-process lock for *path* (a sibling ``.<name>.lock`` file).

    Poedit and other editors do not take our lock; callers that must not lose a concurrent editor's
    save re-read the file inside the lock and merge before writing (see :mod:`l10n.catalog`).
    """
    from filelock import FileLock, Timeout

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path.parent / f".{path.name}.lock"))
    try:
        with lock.acquire(timeout=timeout):
            yield
    except Timeout as exc:
        raise UsageError(f"{path}: another l10n process holds the lock (gave up after {timeout:.0f}s)") from exc
