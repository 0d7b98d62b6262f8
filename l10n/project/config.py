"""Project configuration: ``[tool.l10n]`` in pyproject.toml, or ``l10n.toml``; defaults = the card's layout."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from l10n.errors import InputError, UsageError

__all__ = ["Config", "load_config"]


@dataclass(frozen=True)
class Config:
    """Where things live.  All paths are relative to :attr:`root` unless absolute."""

    root: Path = Path(".")
    source_lang: str = "en"
    source_dir: str = "source"
    locale_dir: str = "locale"
    glossary_dir: str = "glossary"
    build_dir: str = "build"
    languages: tuple[str, ...] = ()
    #: Minimum similarity (0-100, rapidfuzz ratio) for msgmerge-style fuzzy matching on update.
    fuzzy_cutoff: float = 70.0
    #: Allow source, locale, glossary and build paths (and symlinks in them) that resolve outside :attr:`root`.
    allow_outside: bool = False
    #: Free-form per-stage settings (e.g. ``[tool.l10n.translate]``, ``[tool.l10n.check]``).
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def source_path(self) -> Path:
        return self.root / self.source_dir

    @property
    def locale_path(self) -> Path:
        return self.root / self.locale_dir

    @property
    def glossary_path(self) -> Path:
        return self.root / self.glossary_dir

    @property
    def build_path(self) -> Path:
        return self.root / self.build_dir

    def section(self, name: str) -> dict[str, Any]:
        """The ``[tool.l10n.<name>]`` table, or an empty dict."""
        value = self.extra.get(name, {})
        return value if isinstance(value, dict) else {}


_SIMPLE = {f.name for f in fields(Config)} - {"root", "extra"}


def load_config(root: str | Path = ".") -> Config:
    """Read the configuration of the project rooted at *root* (no file at all is fine)."""
    root = Path(root)
    table: dict[str, Any] = {}
    origin = None
    l10n_toml = root / "l10n.toml"
    pyproject = root / "pyproject.toml"
    try:
        if l10n_toml.is_file():
            origin = l10n_toml
            table = _read_toml(l10n_toml)
            table = table.get("tool", {}).get("l10n", table)
        elif pyproject.is_file():
            origin = pyproject
            table = _read_toml(pyproject).get("tool", {}).get("l10n", {})
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{origin}: invalid TOML: {exc}") from exc
    config = Config(root=root)
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in table.items():
        key_ = key.replace("-", "_")
        if key_ in _SIMPLE:
            values[key_] = value
        elif isinstance(value, dict):
            extra[key_] = value
        else:
            raise UsageError(f"{origin}: unknown setting [tool.l10n] {key!r}")
    if "languages" in values:
        langs = values["languages"]
        if not isinstance(langs, list) or not all(isinstance(x, str) for x in langs):
            raise UsageError(f"{origin}: [tool.l10n] languages must be a list of language codes")
        values["languages"] = tuple(langs)
    if "allow_outside" in values and not isinstance(values["allow_outside"], bool):
        raise UsageError(f"{origin}: [tool.l10n] allow_outside must be true or false")
    if "fuzzy_cutoff" in values:
        values["fuzzy_cutoff"] = float(values["fuzzy_cutoff"])
    return replace(config, **values, extra=extra)


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)
