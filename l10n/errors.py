"""Errors a user can act on.

Everything the CLI reports as "one clear line, exit code 2" is an :class:`L10nError`; anything else
escaping to the top level is a bug and is reported as such (still one line, exit code 70).
"""

from __future__ import annotations

__all__ = ["L10nError", "UsageError", "InputError", "WriteError", "unreadable", "decode_utf8"]


class L10nError(Exception):
    """An error the user can fix; ``str(err)`` is the one line shown to them."""

    exit_code = 2


class UsageError(L10nError):
    """Bad arguments: unknown language, unknown article, bad option value."""


class InputError(L10nError):
    """A file we were given cannot be used: missing, not UTF-8, malformed (message names file:line)."""


class WriteError(L10nError):
    """A file cannot be written: no space, no permission, read-only file system or a read-only file."""
def unreadable(path: object, exc: OSError, *, what: str = "file", expected: str = "a file") -> InputError:
    """The one-line :class:`InputError` for a file that could not be read (missing, a directory, …).

    >>> str(unreadable("a.md", FileNotFoundError(2, "No such file"), what="source file"))
    'a.md: no such source file'
    """
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{path}: no such {what}")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{path}: is a directory, expected {expected}")
    return InputError(f"{path}: cannot read: {exc.strerror or exc}")


def decode_utf8(path: object, data: bytes, *, binary: str | None = None) -> str:
    """A file's bytes as text: UTF-8, a leading BOM dropped; else one :class:`InputError` that names
    the line of the first bad byte (``a.md:3: not valid UTF-8 (byte 0xe9); save it as UTF-8``), so the
    user knows where to look and what to save the file as.

    With *binary* ("Markdown text"), bytes with a NUL are refused as a binary file, not *binary*: a
    picture given for an article is said to be one instead of failing somewhere in its bytes.

    >>> decode_utf8("a.md", b"\\xef\\xbb\\xbfCaf\\xc3\\xa9")
    'Café'
    """
    if binary is not None and b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file, not {binary}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8") from exc
    return text.removeprefix("\ufeff")
