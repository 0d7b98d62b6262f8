"""File edges of the glossary: read CSV/TBX files and directories.

The project's glossary (directory from the configuration, match options, paths as reports show them)
is :func:`l10n.project.glossary.load_project_glossary`; writing files is the project layer's too.
"""

from __future__ import annotations

import os
from pathlib import Path

from l10n.errors import unreadable
from l10n.glossary.csvio import decode_csv, parse_csv
from l10n.glossary.model import Glossary, MatchOptions
from l10n.glossary.tbx import import_tbx

__all__ = ["load_glossary", "load_glossary_dir"]

TBX_SUFFIXES = (".tbx", ".xml")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc, expected="a .csv or .tbx file") from exc


def load_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read one glossary file: ``.tbx``/``.xml`` as TBX, anything else as CSV."""
    path = Path(path)
    data = _read_bytes(path)
    text = decode_csv(data, str(path))
    if path.suffix.lower() in TBX_SUFFIXES:
        return import_tbx(text, str(path))
    return parse_csv(text, str(path))


def load_glossary_dir(directory: str | os.PathLike[str], options: MatchOptions | None = None) -> Glossary:
    """All ``*.csv`` files of *directory*, in name order, as one glossary (empty if it is missing)."""
    directory = Path(directory)
    glossary = Glossary(options=options or MatchOptions())
    if not directory.is_dir():
        return glossary
    for path in sorted(directory.glob("*.csv")):
        glossary = glossary.merge(load_glossary(path))
    return glossary
