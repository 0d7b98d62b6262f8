"""File edges of the glossary: read CSV/TBX files and project directories, write atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from l10n.errors import InputError
from l10n.glossary.csvio import decode_csv, dump_csv, parse_csv
from l10n.glossary.model import Glossary, MatchOptions
from l10n.glossary.tbx import export_tbx, import_tbx
from l10n.inputs import MiB, check_inside, read_regular

if TYPE_CHECKING:
    from l10n.project.config import Config

__all__ = ["load_glossary", "load_glossary_dir", "load_project_glossary", "write_csv", "write_tbx"]

TBX_SUFFIXES = (".tbx", ".xml")


#: The largest glossary file l10n reads (100,000 terms of CSV are about 10 MiB).
MAX_GLOSSARY_BYTES = 128 * MiB


def _read_bytes(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_GLOSSARY_BYTES, "a glossary (.csv or .tbx) file")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc


def load_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read one glossary file: ``.tbx``/``.xml`` as TBX, anything else as CSV."""
    path = Path(path)
    data = _read_bytes(path)
    text = decode_csv(data, str(path))
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


def load_project_glossary(config: Config) -> Glossary:
    """The project's glossary: every ``*.csv`` in ``config.glossary_path``, with the match options of
    ``[tool.l10n.glossary]``.  A project without a glossary directory has an empty glossary."""
    options = MatchOptions.from_mapping(config.section("glossary"))
    inside = None if getattr(config, "allow_outside", False) else config.root
    return load_glossary_dir(config.glossary_path, options, inside=inside)


def write_csv(glossary: Glossary, path: str | os.PathLike[str]) -> None:
    """Write *glossary* as CSV to *path* atomically (UTF-8, no BOM, formula cells neutralised)."""
    from l10n.project.files import atomic_write

    atomic_write(path, dump_csv(glossary))


def write_tbx(glossary: Glossary, path: str | os.PathLike[str]) -> None:
    """Write *glossary* as TBX-Basic to *path* atomically."""
    from l10n.project.files import atomic_write

    atomic_write(path, export_tbx(glossary))
