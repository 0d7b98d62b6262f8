"""Project configuration: ``[tool.l10n]`` in pyproject.toml, or ``l10n.toml``; defaults = the card's layout.

One schema (:data:`SCHEMA`) names every key of every section, with its type; :func:`load_config` checks
the whole file against it, so a misspelt key anywhere is an error naming the file, the section and the
closest valid key.  The values' finer rules stay with the stage that uses them (check ids and severities
in :mod:`l10n.check`, match options in :mod:`l10n.glossary`).
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from l10n.errors import InputError, UsageError

__all__ = ["Config", "TranslateSettings", "SCHEMA", "load_config"]


@dataclass(frozen=True)
class TranslateSettings:
    """``[tool.l10n.translate]``, overridden by the command line's engine options."""

    engine: str = "argos"
    beam: int | None = None
    threads: int | None = None
    device: str | None = None
    batch_size: int = 32
    n_best: int = 4
    #: Run MT on Ray (docs/cluster.md): ``local``, ``auto`` or an address; None: in this process.
    cluster: str | None = None
    workers: int | None = None  # Ray workers (default: as many as the cluster's CPUs/GPUs allow)
    gpus_per_worker: float = 0.0
    ship_models: tuple[str, ...] = ()  # .argosmodel files sent to the workers with the job

    def __post_init__(self) -> None:
        for name in ("beam", "threads", "batch_size", "n_best", "workers"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise UsageError(f"{name} must be 1 or more, not {value!r}")
        if self.device not in (None, "cpu", "cuda", "auto"):
            raise UsageError(f"device must be cpu, cuda or auto, not {self.device!r}")
        if self.gpus_per_worker < 0:
            raise UsageError(f"gpus_per_worker must be 0 or more, not {self.gpus_per_worker!r}")
        object.__setattr__(self, "ship_models", tuple(self.ship_models))

    def override(self, **options: Any) -> TranslateSettings:
        """These settings with the options that were given (not None) replacing them."""
        return replace(self, **{k: v for k, v in options.items() if v is not None})

    @property
    def engine_options(self) -> dict[str, Any]:
        """Keyword arguments for the engine's constructor (only Argos takes any)."""
        if self.engine != "argos":
            return {}
        named = {"beam_size": self.beam, "threads": self.threads, "device": self.device}
        return {k: v for k, v in named.items() if v is not None}


def _glossary_keys() -> dict[str, tuple[type, ...]]:
    from l10n.glossary.model import MatchOptions

    return {f.name: (bool,) for f in fields(MatchOptions)}


#: Every section and key the configuration may hold, with the types a value may have.
SCHEMA: dict[str, dict[str, tuple[type, ...]]] = {
    "": {
        "source_lang": (str,),
        "source_dir": (str,),
        "locale_dir": (str,),
        "glossary_dir": (str,),
        "build_dir": (str,),
        "languages": (list,),
        "fuzzy_cutoff": (int, float),
        "front_matter_keys": (list,),
    },
    "translate": {
        "engine": (str,),
        "beam": (int,),
        "threads": (int,),
        "device": (str,),
        "batch_size": (int,),
        "n_best": (int,),
        "cluster": (str,),
        "workers": (int,),
        "gpus_per_worker": (int, float),
        "ship_models": (list,),
    },
    "check": {
        "disable": (list, str),
        "severity": (dict,),
        "fail_on": (str,),
        "include_fuzzy": (bool,),
        "fail_on_untranslated": (bool,),
        "fail_on_fuzzy": (bool,),
        "allow_latin": (list, str),
        "accelerators": (list, str),
        "profile": (str,),
    },
    "glossary": {},  # filled from MatchOptions' fields on first use: one definition of the options
}


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
    #: Front matter keys whose values are translated (dotted for nested keys: "image.alt"); the other
    #: keys and values are structure.  Default: :data:`l10n.segment.TRANSLATABLE_KEYS`.
    front_matter_keys: tuple[str, ...] = ("title", "subtitle", "description", "standfirst", "summary", "image.alt",
                                          "image.caption")
    #: Free-form per-stage settings (e.g. ``[tool.l10n.translate]``, ``[tool.l10n.check]``).
    extra: dict[str, Any] = field(default_factory=dict)

    # The directories, under the project root.
    source_path = property(lambda self: self.root / self.source_dir)
    locale_path = property(lambda self: self.root / self.locale_dir)
    glossary_path = property(lambda self: self.root / self.glossary_dir)
    build_path = property(lambda self: self.root / self.build_dir)

    def section(self, name: str) -> dict[str, Any]:
        """The ``[tool.l10n.<name>]`` table (validated against :data:`SCHEMA`), or an empty dict."""
        value = self.extra.get(name, {})
        return value if isinstance(value, dict) else {}

    @property
    def translate(self) -> TranslateSettings:
        return TranslateSettings(**self.section("translate"))


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
    where = str(origin)
    _validate(table, where)
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in table.items():
        key_ = key.replace("-", "_")
        if key_ in _SIMPLE:
            values[key_] = value
        else:
            extra[key_] = {k.replace("-", "_"): v for k, v in value.items()}
    if "languages" in values:
        langs = values["languages"]
        if not all(isinstance(x, str) for x in langs):
            raise UsageError(f"{where}: [tool.l10n] languages must be a list of language codes")
        values["languages"] = tuple(langs)
    if "allow_outside" in values and not isinstance(values["allow_outside"], bool):
        raise UsageError(f"{origin}: [tool.l10n] allow_outside must be true or false")
    if "front_matter_keys" in values:
        keys = values["front_matter_keys"]
        if not all(isinstance(x, str) for x in keys):
            raise UsageError(f"{where}: [tool.l10n] front-matter-keys must be a list of keys, e.g. [\"title\", \"image.alt\"]")
        values["front_matter_keys"] = tuple(keys)
    if "fuzzy_cutoff" in values:
        values["fuzzy_cutoff"] = float(values["fuzzy_cutoff"])
    try:
        TranslateSettings(**extra.get("translate", {}))
    except UsageError as exc:
        raise UsageError(f"{where}: [tool.l10n.translate] {exc}") from None
    return replace(Config(root=root), **values, extra=extra)


def _validate(table: dict[str, Any], where: str) -> None:
    """Every key known, every value of its type; else one line naming file, section and closest key."""
    if not SCHEMA["glossary"]:
        SCHEMA["glossary"] = _glossary_keys()
    for key, value in table.items():
        key_ = key.replace("-", "_")
        if key_ in SCHEMA[""]:
            _check_value(SCHEMA[""], key, value, where, "[tool.l10n]")
        elif key_ in SCHEMA and key_:
            section = f"[tool.l10n.{key}]"
            if not isinstance(value, dict):
                raise UsageError(f"{where}: {section} must be a table")
            for sub, subvalue in value.items():
                _check_value(SCHEMA[key_], sub, subvalue, where, section)
        else:
            known = [k for k in SCHEMA[""]] + [k for k in SCHEMA if k]
            raise UsageError(f"{where}: unknown setting {key!r} in [tool.l10n]{_closest(key_, known)}")


def _check_value(schema: dict[str, tuple[type, ...]], key: str, value: Any, where: str, section: str) -> None:
    key_ = key.replace("-", "_")
    if key_ not in schema:
        raise UsageError(f"{where}: unknown setting {key!r} in {section}{_closest(key_, list(schema))}")
    types = schema[key_]
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        names = " or ".join({"str": "a string", "int": "a whole number", "float": "a number", "bool": "true or false",
                             "list": "a list", "dict": "a table"}[t.__name__] for t in types)
        raise UsageError(f"{where}: {section} {key} must be {names}, not {value!r}")


def _closest(key: str, known: list[str]) -> str:
    match = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if match:
        return f" (did you mean {match[0]!r}?)"
    return f" (known: {', '.join(sorted(known))})"


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)
