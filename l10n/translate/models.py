"""Argos model packages: where they live and what is installed (read-only).

An Argos package (``*.argosmodel``) is a zip archive holding one directory with ``metadata.json``
(``from_code``, ``to_code``, ``package_version`` …), a CTranslate2 model in ``model/`` and a
``sentencepiece.model`` (older packages: ``bpe.model``); :func:`find_argos_packages` reads the installed
ones.  Installing packages writes files, so it is the project layer's (:mod:`l10n.project.models`).

Packages directory, first match wins:

1. ``L10N_ARGOS_PACKAGES`` — ours; several directories may be given, separated by ``os.pathsep``;
   the first is where ``l10n models install`` installs;
2. ``ARGOS_PACKAGES_DIR`` — Argos's own variable, read here at call time (Argos reads it once, at
   import);
3. Argos's settings (``~/.config/argos-translate/settings.json``, default
   ``~/.local/share/argos-translate/packages``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from l10n.translate.engine import EngineError

__all__ = ["ArgosPackage", "argos_package_dirs", "argos_install_dir", "find_argos_packages", "ARGOS_EXTRA_HINT", "argos_settings"]

ARGOS_EXTRA_HINT = "the Argos engine needs the 'mt' extra: pip install 'l10n[mt]'"



@dataclass(frozen=True)
class ArgosPackage:
    """One installed Argos translation package."""

    from_code: str
    to_code: str
    package_version: str
    path: Path
    from_name: str = ""
    to_name: str = ""
    argos_version: str = ""
    target_prefix: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return (self.from_code, self.to_code)

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sentencepiece_model(self) -> Path | None:
        sp = self.path / "sentencepiece.model"
        return sp if sp.is_file() else None

    def version_key(self) -> tuple:
        """Sort key: higher package versions sort last (PEP 440 where it parses, text otherwise)."""
        try:
            from packaging.version import Version

            return (1, Version(self.package_version), str(self.path))
        except Exception:  # noqa: BLE001 - unparsable versions sort first, by text
            return (0, self.package_version, str(self.path))


def argos_settings():
    try:
        from argostranslate import settings
    except ImportError as exc:
        raise EngineError(f"argostranslate is not installed: {ARGOS_EXTRA_HINT}") from exc
    return settings


def argos_package_dirs() -> list[Path]:
    """Directories searched for installed Argos packages, in order (see the module docstring)."""
    ours = os.environ.get("L10N_ARGOS_PACKAGES")
    if ours:
        return [Path(p).expanduser() for p in ours.split(os.pathsep) if p]
    theirs = os.environ.get("ARGOS_PACKAGES_DIR")
    if theirs:
        return [Path(theirs).expanduser()]
    return [Path(p) for p in argos_settings().package_dirs]


def argos_install_dir() -> Path:
    """Where ``l10n models install`` puts packages: the first of :func:`argos_package_dirs`."""
    return argos_package_dirs()[0]


def find_argos_packages(dirs: list[Path] | None = None) -> list[ArgosPackage]:
    """Installed translation packages, read through Argos's own :class:`argostranslate.package.Package`.

    Unlike ``argostranslate.package.get_installed_packages`` this skips (rather than fails on) missing
    directories, hidden directories (our staging areas) and directories without ``metadata.json``.
    A package whose metadata cannot be read is skipped too: one broken package must not hide the rest.
    """
    try:
        from argostranslate.package import Package
    except ImportError as exc:
        raise EngineError(f"argostranslate is not installed: {ARGOS_EXTRA_HINT}") from exc

    found: list[ArgosPackage] = []
    for directory in argos_package_dirs() if dirs is None else dirs:
        try:
            children = sorted(directory.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            continue
        for child in children:
            if child.name.startswith(".") or not (child / "metadata.json").is_file():
                continue
            try:
                pkg = Package(child)
            except (OSError, ValueError):  # unreadable or invalid JSON
                continue
            if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
                continue
            found.append(
                ArgosPackage(
                    from_code=pkg.from_code,
                    to_code=pkg.to_code,
                    package_version=str(pkg.package_version),
                    path=child,
                    from_name=pkg.from_name or "",
                    to_name=pkg.to_name or "",
                    argos_version=str(pkg.argos_version),
                    target_prefix=getattr(pkg, "target_prefix", "") or "",
                )
            )
    return found
