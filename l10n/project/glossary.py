"""The project's glossary: the one loader every command uses.

``glossary/*.csv`` (or the files and directories given on the command line) with the match options of
``[tool.l10n.glossary]``.  Errors are one :class:`~l10n.errors.InputError` line naming the file; no
caller swallows them.  Term paths are shown relative to the project root, the form reports use.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from l10n.errors import InputError
from l10n.glossary import Glossary, MatchOptions, load_glossary, load_glossary_dir
from l10n.glossary.index import paused_gc
from l10n.project.config import Config

__all__ = ["load_project_glossary", "relative"]


def relative(path: Path, root: Path, dirs: dict[str, Path] | None = None) -> str:
    """*path* relative to the project root (POSIX), the form reports and SARIF use; else as given.

    *dirs* (a dict the caller keeps for one run) remembers resolved directories: a check names a
    thousand catalogues in a hundred directories, and only each file itself needs looking at then.
    """
    try:
        if dirs is None or path.is_symlink() or path.name in ("", ".", ".."):
            resolved = path.resolve()
        else:
            resolved = _resolved_dir(path.parent, dirs) / path.name
        base = dirs.get("") if dirs is not None else None
        if base is None:
            base = root.resolve()
            if dirs is not None:
                dirs[""] = base
        return resolved.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _resolved_dir(d: Path, dirs: dict[str, Path]) -> Path:
    """``d.resolve()`` from its parent's, remembered in *dirs*: one look at each directory (is it a link?)."""
    key = str(d)
    hit = dirs.get(key)
    if hit is None:
        plain = d.parent != d and d.name not in ("", ".", "..") and not d.is_symlink()
        hit = dirs[key] = _resolved_dir(d.parent, dirs) / d.name if plain else d.resolve()
    return hit


def resolve(config: Config, given: str | Path) -> Path:
    """A path from the command line or the configuration: relative ones are under the project root."""
    path = Path(given)
    return path if path.is_absolute() else config.root / path


def load_project_glossary(config: Config, paths: Sequence[str | Path] = ()) -> Glossary:
    """The glossary: *paths* (files or directories) if given, else every ``*.csv`` of the glossary
    directory (none at all is an empty glossary)."""
    options = MatchOptions.from_mapping(config.section("glossary"))
    if not paths:
        inside = None if config.allow_outside else config.root  # a glossary file linking out is refused
        glossary = load_glossary_dir(config.glossary_path, options, inside=inside)
    else:
        glossary = Glossary(options=options)
        for given in paths:
            path = resolve(config, given)
            if path.is_dir():
                part = load_glossary_dir(path)
                if not part:
                    raise InputError(f"{path}: no glossary terms (*.csv) in this directory")
            elif path.exists():
                part = load_glossary(path)
            else:
                raise InputError(f"{path}: no such file or directory")
            glossary = glossary.merge(part)
    root = Path(config.root)
    shown: dict[str, str] = {}  # one resolve per file, not per term (100,000 terms: 20 s of resolve())

    def show(path: str) -> str:
        if path not in shown:
            shown[path] = relative(Path(path), root)
        return shown[path]

    with paused_gc():
        terms = tuple(dataclasses.replace(t, path=show(t.path)) if t.path else t for t in glossary.terms)
    return Glossary(terms, glossary.languages, glossary.options)
