"""File edges of the glossary: read CSV/TBX files and directories.

The project's glossary (directory from the configuration, match options, paths as reports show them)
is :func:`l10n.project.glossary.load_project_glossary`; writing files is the project layer's too.
"""

from __future__ import annotations

import os
from pathlib import Path

from l10n.errors import unreadable
from l10n.glossary.csvio import decode_csv, parse_csv
from l10n.glossary.index import paused_gc
from l10n.glossary.model import Glossary, MatchOptions
from l10n.glossary.tbx import import_tbx
from l10n.inputs import MiB, check_inside, read_regular

__all__ = ["load_glossary", "load_glossary_dir"]

TBX_SUFFIXES = (".tbx", ".xml")


#: The largest glossary file l10n reads (100,000 terms of CSV are about 10 MiB).
MAX_GLOSSARY_BYTES = 128 * MiB


def _read_bytes(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_GLOSSARY_BYTES, "a glossary (.csv or .tbx) file")
    except OSError as exc:
        raise unreadable(path, exc, expected="a .csv or .tbx file") from exc


def load_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read one glossary file: ``.tbx``/``.xml`` as TBX, anything else as CSV."""
    path = Path(path)
    data = _read_bytes(path)
    text = decode_csv(data, str(path))
    with paused_gc():  # 100,000 rows: no full collections while the terms are built
        if path.suffix.lower() in TBX_SUFFIXES:
            return import_tbx(text, str(path))
        return parse_csv(text, str(path))


def load_glossary_dir(
    directory: str | os.PathLike[str], options: MatchOptions | None = None, *, inside: str | os.PathLike[str] | None = None
) -> Glossary:
    """All ``*.csv`` files of *directory*, in name order, as one glossary (empty if it is missing)."""
    directory = Path(directory)
    glossary = Glossary(options=options or MatchOptions())
    if not directory.is_dir():
        return glossary
    for path in sorted(directory.glob("*.csv")):
        if inside is not None:
            check_inside(path, inside, "the glossary file")
        glossary = glossary.merge(load_glossary(path))
    return glossary
