"""Errors a user can act on.

Everything the CLI reports as "one clear line, exit code 2" is an :class:`L10nError`; anything else
escaping to the top level is a bug and is reported as such (still one line, exit code 70).
"""

from __future__ import annotations

__all__ = ["L10nError", "UsageError", "InputError", "unreadable"]


class L10nError(Exception):
    """An error the user can fix; ``str(err)`` is the one line shown to them."""

    exit_code = 2


class UsageError(L10nError):
    """Bad arguments: unknown language, unknown article, bad option value."""


class InputError(L10nError):
    """A file we were given cannot be used: missing, not UTF-8, malformed (message names file:line)."""


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
