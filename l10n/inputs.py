"""Bounded reads of regular files: the one way any part of l10n reads an input file.

A path given to l10n may name a FIFO (opening it for reading blocks until a writer comes), a device
(``/dev/zero`` never ends) or a file far larger than anything sensible.  :func:`read_regular` opens
without blocking, refuses anything that is not a regular file *before* reading a byte, and never reads
more than a cap, so a hostile or mistaken path is one clear line, not a hang or gigabytes of memory.
It lives outside :mod:`l10n.project` so stage edges (articles, glossaries) can share it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from l10n.errors import InputError

__all__ = ["read_regular", "read_regular_stat", "check_inside", "check_regular", "MiB"]

MiB = 1024 * 1024


def _describe(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular_stat(
    path: str | os.PathLike[str], limit: int, what: str = "an input file"
) -> tuple[bytes, os.stat_result]:
    """Return the bytes of regular file *path* (at most *limit*) and the ``fstat`` taken before reading.

    Raises :class:`FileNotFoundError` for a missing file (callers word that themselves) and
    :class:`~l10n.errors.InputError` for anything else that stops the read.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory, not {what}") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: is {_describe(st.st_mode)}, not {what}; refused without reading it")
        if st.st_size > limit:
            raise InputError(
                f"{path}: {st.st_size / MiB:.1f} MiB is too large for {what} (limit {limit / MiB:.0f} MiB)"
            )
        chunks = []
        left = limit + 1
        while left > 0:
            try:
                chunk = os.read(fd, min(left, 1 << 20))
            except BlockingIOError:  # pragma: no cover - regular files do not block
                continue
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise InputError(f"{path}: grew past the limit for {what} ({limit / MiB:.0f} MiB) while being read")
        return data, st
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    finally:
        os.close(fd)


def read_regular(path: str | os.PathLike[str], limit: int, what: str = "an input file") -> bytes:
    """The bytes of regular file *path*, at most *limit* of them; see :func:`read_regular_stat`."""
    return read_regular_stat(path, limit, what)[0]


def check_inside(path: str | os.PathLike[str], root: str | os.PathLike[str], what: str = "file") -> Path:
    """Return *path* if it resolves (symlinks followed) inside *root*, else raise :class:`UsageError`.

    A symlink ``source/evil.md -> /etc/passwd`` or ``locale_dir = "/etc"`` would otherwise let l10n
    read, publish or overwrite files outside the project.  ``allow_outside = true`` in ``[tool.l10n]``
    (or ``l10n --allow-outside``) lifts the check for projects that really span directories.
    """
    from l10n.errors import UsageError

    path = Path(path)
    real, base = path.resolve(), Path(root).resolve()
    if real != base and not real.is_relative_to(base):
        raise UsageError(
            f"{path}: {what} resolves outside the project ({real}); refused "
            "(allow_outside = true in [tool.l10n], or l10n --allow-outside, allows it)"
        )
    return path


def check_regular(path: str | os.PathLike[str], limit: int, what: str = "an input file") -> None:
    """Refuse, without opening it, a *path* that is not a regular file or is larger than *limit*.

    For readers that open files themselves (``check``'s fast catalogue reader); a FIFO is never opened.
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: is {_describe(st.st_mode)}, not {what}; refused without reading it")
    if st.st_size > limit:
        raise InputError(f"{path}: {st.st_size / MiB:.1f} MiB is too large for {what} (limit {limit / MiB:.0f} MiB)")
