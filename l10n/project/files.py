"""File-system edges: atomic writes, catalogue locks, safe names.

Every file l10n writes goes through :func:`atomic_write` or :func:`replace_if_unchanged`: a temporary
file in the same directory, fsync, then a rename and an fsync of the directory, so a crash or ``kill -9``
at any moment leaves either the old file or the new one, never a truncated mix (and the next run removes
the orphaned temporary file).  Writers that read-modify-write a catalogue hold :func:`file_lock` around
the whole cycle so two l10n processes cannot lose each other's edits, and swap the new file in with a
compare-and-swap (:func:`replace_if_unchanged`) so an editor that takes no lock cannot lose a save.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from l10n.errors import UsageError, WriteError
from l10n.inputs import read_regular_stat

__all__ = [
    "atomic_write",
    "file_lock",
    "check_name",
    "NAME_RE",
    "FileState",
    "read_state",
    "replace_if_unchanged",
    "refuse_read_only",
    "remove_orphans",
    "SETTLE_SECONDS",
    "LOCK_TIMEOUT",
    "written_here",
]

TMP_SUFFIX = ".tmp"
#: Without the lock, a temporary file this old (seconds) can only be a killed run's orphan.
ORPHAN_AGE = 600.0

#: Article names become file names under locale/ and build/: keep them boring.
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def check_name(name: str, what: str = "article name") -> str:
    """Return *name* if it is safe as a single path component, else raise :class:`UsageError`."""
    if not NAME_RE.match(name) or ".." in name:
        raise UsageError(
            f"invalid {what} {name!r}: use letters, digits, '.', '_' and '-' only (no paths)"
        )
    return name


def _write_temp(path: Path, payload: Iterable[bytes], mode: int, *, durable: bool = True) -> str:
    """Write *payload* (its chunks) to a fresh temporary file beside *path* (fsynced if *durable*);
    return its name."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise _os_error(path, exc, "cannot write") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in payload:
                fh.write(chunk)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _os_error(path, exc, "cannot write") from exc
        raise
    return tmp


def _os_error(path: Path, exc: OSError, doing: str) -> WriteError:
    """One line naming the file we were writing (ENOSPC from a write names no file by itself)."""
    return WriteError(f"{path}: {doing}: {exc.strerror or exc}")


def _mode_for(path: Path, mode: int | None) -> int:
    if mode is not None:
        return mode
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o644


def refuse_read_only(path: str | os.PathLike[str]) -> None:
    """A file without any write bit was made read-only on purpose: l10n must not replace it.

    Renaming over a 0444 file succeeds (it is the directory that is written), and root may write
    anything, so this is checked on the mode bits rather than left to the OS.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    if stat.S_ISREG(st.st_mode) and not st.st_mode & 0o222:
        raise WriteError(f"{path}: is read-only (mode {st.st_mode & 0o777:o}); l10n will not replace it (chmod u+w to allow)")


def atomic_write(
    path: str | os.PathLike[str],
    data: str | bytes | Iterable[str],
    *,
    mode: int | None = None,
    durable: bool = True,
) -> None:
    """Write *data* to *path* atomically and durably.

    ``durable=False`` is for reports a command can write again (``check -o``, ``stats -o``): still
    atomic (never a torn file), but neither synced to disk nor remembered for :func:`written_here`,
    which together cost a tenth of a second on a 20 MB report.

    Text is written as UTF-8 with the newlines given (no translation), so output is byte-exact; it may
    come as chunks (an iterable of str), written as they come: a 20 MB report is never one string.
    The permissions of an existing file are kept; new files get *mode* or 0o644.  A symlink at *path*
    is written through (the link survives, its target gets the new content); a read-only file is
    refused.  OS errors (no space, permission, read-only file system) are one line naming *path*.
    """
    if isinstance(data, str):
        chunks: Iterable[bytes] = [data.encode("utf-8")]
    elif isinstance(data, bytes | bytearray):
        chunks = [bytes(data)]
    else:
        chunks = (chunk.encode("utf-8") for chunk in data)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _os_error(Path(path), exc, "cannot write") from exc
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            # ``-o /dev/null``, ``-o /dev/stdout``, a pipe: write into it.  Renaming over it would
            # replace the device node with a regular file (as root, /dev/null itself).
            try:
                with open(path, "wb") as fh:
                    for chunk in chunks:
                        fh.write(chunk)
            except OSError as exc:
                raise _os_error(Path(path), exc, "cannot write") from exc
            return
        raise UsageError(f"{path}: not a regular file; refusing to replace it")
    path = Path(os.path.realpath(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _os_error(path.parent, exc, "cannot create directory") from exc
    refuse_read_only(path)
    remove_orphans(path, older_than=ORPHAN_AGE)
    digest = hashlib.sha256() if durable else None
    if digest is not None:
        chunks = _digesting(chunks, digest)
    tmp = _write_temp(path, chunks, _mode_for(path, mode), durable=durable)
    try:
        if digest is not None:
            _WRITTEN[str(path)] = (os.stat(tmp).st_ino, digest.hexdigest())
        else:
            _WRITTEN.pop(str(path), None)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise _os_error(path, exc, "cannot write") from exc
    if durable:
        _fsync_dir(path.parent)


def _digesting(chunks: Iterable[bytes], digest: Any) -> Iterator[bytes]:
    for chunk in chunks:
        digest.update(chunk)
        yield chunk


# --------------------------------------------------------------------------- compare-and-swap


@dataclass(frozen=True)
class FileState:
    """What a file was when we read it: identity (device, inode) and content (size, mtime, digest).

    Two states compare equal only if nothing renamed a new file into place *and* nothing wrote into
    the old one (mtime alone is too coarse on some file systems, so the digest decides content).
    """

    dev: int
    ino: int
    size: int
    mtime_ns: int
    digest: str


def read_state(path: str | os.PathLike[str], limit: int, what: str = "a file") -> tuple[bytes, FileState] | None:
    """Read *path* and describe it; None if it does not exist.  Special files and oversize files are refused."""
    try:
        data, st = read_regular_stat(path, limit, what)
    except FileNotFoundError:
        return None
    return data, _state(st, data)


def _state(st: os.stat_result, data: bytes) -> FileState:
    return FileState(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def _state_now(path: str | os.PathLike[str], limit: int) -> FileState | None:
    """The state of *path* now, or None if it is missing; a file changing under us never equals anything."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    try:
        return _fd_state(fd, limit)
    finally:
        os.close(fd)


_CHANGING = FileState(-1, -1, -1, -1, "changing")


def _fd_state(fd: int, limit: int) -> FileState:
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
        return _CHANGING
    data = os.pread(fd, limit + 1, 0)
    st2 = os.fstat(fd)
    if (st2.st_size, st2.st_mtime_ns) != (st.st_size, st.st_mtime_ns) or len(data) != st.st_size:
        return _CHANGING
    return _state(st, data)


_AT_FDCWD = -100
_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2


def _renameat2(src: str, dst: str, flags: int) -> bool:
    """Linux ``renameat2``; False where the platform or file system does not offer it."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    rc = fn(_AT_FDCWD, os.fsencode(src), _AT_FDCWD, os.fsencode(dst), flags)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(dst))


#: How long after swapping a new catalogue in we watch the old file for an editor's in-place write
#: that opened it just before the swap (see :func:`replace_if_unchanged`).
SETTLE_SECONDS = 0.01


def replace_if_unchanged(
    path: str | os.PathLike[str],
    data: bytes,
    expected: FileState | None,
    *,
    limit: int,
    mode: int | None = None,
    settle: float | None = None,
) -> bool:
    """Put *data* at *path* only if the file there is still *expected*; return False if it moved.

    Called under the file's lock, so other l10n processes are not the concern: editors that take no
    lock are.  The check and the swap are one atomic step where Linux allows it: ``renameat2`` with
    ``RENAME_EXCHANGE`` swaps the new file in and the old one out *without deleting it*, so we can
    look at what we displaced; if it is not the file we read (a save by rename, or bytes written in
    place, landed since), it is swapped back and the caller re-reads and re-merges.  For a short
    while (:data:`SETTLE_SECONDS`) we also watch the displaced file for a write from an editor that
    opened it just before the swap, and swap back if one lands.  A missing *expected* means "create":
    ``RENAME_NOREPLACE`` fails if a file appeared meanwhile.  Without ``renameat2`` the check is a
    re-read immediately before ``os.replace`` (a window of microseconds).
    """
    path = Path(path)
    settle = SETTLE_SECONDS if settle is None else settle
    tmp = _write_temp(path, [data], _mode_for(path, mode))
    try:
        return _swap(path, tmp, data, expected, limit, settle)
    except OSError as exc:
        raise _os_error(path, exc, "cannot write") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        _fsync_dir(path.parent)


def _swap(path: Path, tmp: str, data: bytes, expected: FileState | None, limit: int, settle: float) -> bool:
    ours = os.stat(tmp).st_ino
    digest = hashlib.sha256(data).hexdigest()
    _WRITTEN[str(path)] = (ours, digest)
    if expected is None:
        if _renameat2(tmp, str(path), _RENAME_NOREPLACE):
            return True
        if path.exists():
            return False
        os.replace(tmp, path)
        return True
    if _state_now(path, limit) != expected:
        return False  # moved while we merged: nothing swapped, nothing to undo
    if not _renameat2(tmp, str(path), _RENAME_EXCHANGE):
        os.replace(tmp, path)  # pragma: no cover - no renameat2: the re-read above was the check
        return True
    # *path* is now our file; *tmp* names the file we displaced.  Watch it for *settle* seconds,
    # polling, so an in-place write an editor started before the swap is put back at once.
    fd = os.open(tmp, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if _open_elsewhere(fd) is False:
            settle = 0.0  # nobody holds the displaced file open, so no write can land in it any more
        displaced = _fd_state(fd, limit)
        deadline = time.monotonic() + settle
        while displaced == expected and time.monotonic() < deadline:
            time.sleep(min(_SETTLE_POLL, settle))
            displaced = _fd_state(fd, limit)
    finally:
        os.close(fd)
    if displaced == expected:
        return True
    _swap_back(path, tmp, ours, digest, limit)
    return False


_SETTLE_POLL = 0.001


def _open_elsewhere(fd: int) -> bool | None:
    """Does any other open file description refer to *fd*'s file?  None where the kernel cannot say.

    Linux grants a write lease only while no other descriptor (in any process) has the file open, so
    taking and dropping one is a 6 µs question.  Once our swap has displaced the editor's file, a
    later in-place write can only come from a descriptor opened before the swap: if there is none,
    the settle watch has nothing to wait for.  Filesystems without leases (NFS), or a file owned by
    another user without CAP_LEASE, answer None and keep the watch.  The lease is held for two system
    calls on a file only we know the (temporary) name of, so no other process opens it in between
    and breaks the lease (which would send us SIGIO).
    """
    setlease = getattr(fcntl, "F_SETLEASE", None)
    if setlease is None:  # pragma: no cover - not Linux
        return None
    try:
        fcntl.fcntl(fd, setlease, fcntl.F_WRLCK)
    except OSError as exc:
        return True if exc.errno == errno.EAGAIN else None
    fcntl.fcntl(fd, setlease, fcntl.F_UNLCK)
    return False
#: path -> (inode, digest) of the last file this process put there.
_WRITTEN: dict[str, tuple[int, str]] = {}


def written_here(path: str | os.PathLike[str], state: FileState) -> bool:
    """Is *state* exactly the file this process last wrote at *path*?  (Then nobody is half-way through it.)"""
    return _WRITTEN.get(str(path)) == (state.ino, state.digest)


def _swap_back(path: Path, tmp: str, ours: int, digest: str, limit: int) -> None:
    """Return a displaced editor's file to *path*, unless the editor has saved again since the swap.

    Only if *path* still holds our file, unmodified: if the editor saved by rename (a new inode at
    *path*) or wrote in place into our file, that save is newer than what it wrote into the displaced
    file, and it stays.
    """
    for _ in range(5):
        try:
            st = _state_now(path, limit)
        except OSError:
            st = None
        if st is None:
            if not os.path.exists(path):
                os.rename(tmp, path)
            return
        if st.ino != ours or st.digest != digest:
            return  # the editor saved again after our swap: its newest file is in place
        if not _renameat2(tmp, str(path), _RENAME_EXCHANGE):  # pragma: no cover
            os.replace(tmp, path)
            return
        if os.stat(tmp).st_ino == ours:
            return  # *tmp* holds our file again and is removed by the caller
    # pragma: no cover - an editor renaming five times within microseconds


def remove_orphans(path: str | os.PathLike[str], *, older_than: float = 0.0) -> int:
    """Remove temporary files a killed run left beside *path* (``.<name>.*.tmp``); return how many.

    Under the file's lock every such file is an orphan (*older_than* 0); without it, only old ones are.
    """
    path = Path(path)
    removed = 0
    now = time.time()
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)  # one pass, no fnmatch: cheap in a 1,000-catalogue directory
        candidates = [path.parent / n for n in names if n.startswith(prefix) and n.endswith(TMP_SUFFIX)]
    except OSError:
        return 0
    for tmp in candidates:
        try:
            if older_than and now - tmp.lstat().st_mtime < older_than:
                continue
            tmp.unlink()
            removed += 1
        except OSError:
            continue
    return removed


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


_HELD: dict[tuple[int, str], int] = {}
#: How long a command waits for another l10n process to release a catalogue (seconds).
LOCK_TIMEOUT = 60.0


@contextlib.contextmanager
def file_lock(path: str | os.PathLike[str], timeout: float | None = None) -> Iterator[None]:
    """Hold an inter-process lock for *path* (a sibling ``.<name>.lock`` file).

    Re-entrant within a process: ``translate`` holds a catalogue's lock for its whole run, and each
    save inside takes it again.  Poedit and other editors do not take our lock; writers that must not
    lose an editor's save use :func:`replace_if_unchanged` under it (see :mod:`l10n.project.store`).
    """
    from filelock import FileLock, Timeout

    timeout = LOCK_TIMEOUT if timeout is None else timeout
    path = Path(os.path.realpath(path))
    lock_path = str(path.parent / f".{path.name}.lock")
    key = (threading.get_ident(), lock_path)
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _os_error(path.parent, exc, "cannot create directory") from exc
    lock = FileLock(lock_path)
    try:
        lock.acquire(timeout=timeout)
    except Timeout as exc:
        raise UsageError(f"{path}: another l10n process holds the lock (gave up after {timeout:.0f}s)") from exc
    except OSError as exc:
        raise _os_error(Path(lock_path), exc, "cannot lock") from exc
    _HELD[key] = 1
    try:
        yield
    finally:
        _HELD.pop(key, None)
        lock.release()
