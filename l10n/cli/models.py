"""CLI: ``l10n models list`` and ``l10n models install`` (MT models for the translate stage).

Handlers import rich, argostranslate and the engines lazily, so registering these commands costs
nothing at start-up.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from l10n.errors import UsageError

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``models`` command group to *sub*."""
    models = sub.add_parser(
        "models",
        help="list and install offline MT models (Argos packages; Apertium pairs are listed too)",
        description="Manage the offline machine-translation models the translate stage uses.",
    )
    group = models.add_subparsers(dest="models_command", metavar="SUBCOMMAND")
    group.required = True

    p = group.add_parser(
        "list",
        help="show installed Argos packages and Apertium pairs",
        description="Show the installed Argos packages (and Apertium language pairs, if Apertium is "
        "installed). Argos packages are searched in $L10N_ARGOS_PACKAGES, else $ARGOS_PACKAGES_DIR, "
        "else Argos's own packages directory.",
    )
    p.set_defaults(func=cmd_list)

    p = group.add_parser(
        "install",
        help="install an Argos package from a file (offline) or from Argos's index (network)",
        description="Install an Argos model package. 'l10n models install FILE.argosmodel' installs a "
        "package file, offline, after checking it is a safe, complete package. 'l10n models install "
        "en ar' downloads the en→ar package from Argos's package index (needs network).",
    )
    p.add_argument(
        "what",
        nargs="+",
        metavar="FILE | FROM TO",
        help="a .argosmodel file, or source and target language codes",
    )
    p.add_argument(
        "--packages-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="install here instead of the packages directory in use",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="network timeout for index downloads (default 5)",
    )
    p.set_defaults(func=cmd_install)


def cmd_list(args: argparse.Namespace, config) -> int:  # noqa: ARG001
    from rich.console import Console

    from l10n.translate.models import argos_package_dirs

    console = Console(highlight=False, markup=False)
    rows, notes = _argos_rows()
    rows += _apertium_rows(notes)
    if rows:
        console.print(_table(rows))
    try:
        dirs = ", ".join(str(d) for d in argos_package_dirs())
    except Exception:  # noqa: BLE001 - argostranslate missing: already in the notes
        dirs = ""
    if not any(r[0] == "argos" for r in rows) and dirs:
        notes.append(
            f"no Argos packages in {dirs}: run 'l10n models install en ar' (needs network) or "
            "'l10n models install PATH/translate-en_ar-1_0.argosmodel'"
        )
    elif dirs:
        notes.append(f"Argos packages directory: {dirs}")
    for note in notes:
        console.print(note, soft_wrap=True)
    return 0


def _argos_rows() -> tuple[list[tuple[str, ...]], list[str]]:
    from l10n.translate.engine import EngineError
    from l10n.translate.models import find_argos_packages

    try:
        packages = find_argos_packages()
    except EngineError as exc:
        return [], [str(exc)]
    rows = [
        ("argos", p.from_code, p.to_code, p.package_version, p.path.name)
        for p in sorted(packages, key=lambda p: (p.from_code, p.to_code, p.version_key()))
    ]
    return rows, []


def _apertium_rows(notes: list[str]) -> list[tuple[str, ...]]:
    import shutil

    from l10n.translate.engine import EngineError

    if shutil.which("apertium") is None:
        return []
    from l10n.translate.apertium import ApertiumEngine, pair_package

    engine = ApertiumEngine()
    try:
        modes = engine.modes()
        version = engine.version().split(";")[0]
    except EngineError as exc:
        notes.append(str(exc))
        return []
    if modes:
        notes.append(f"Apertium {version}")
    rows = []
    for (src, tgt), mode in sorted(modes.items()):
        package = pair_package(mode)
        rows.append(
            (
                "apertium",
                src,
                tgt,
                package[1] if package else "?",
                f"{package[0] if package else 'apertium'}, mode {mode}",
            )
        )
    return rows


def _table(rows: list[tuple[str, ...]]):
    from rich.table import Table

    table = Table(title="Installed MT models", title_justify="left")
    for name in ("Engine", "From", "To", "Version", "Location"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def cmd_install(args: argparse.Namespace, config) -> int:  # noqa: ARG001
    from rich.console import Console

    from l10n.translate import models

    console = Console(highlight=False, markup=False)
    what = args.what
    if len(what) == 1:
        pkg = models.install_package(Path(what[0]), dest=args.packages_dir)
    elif len(what) == 2:
        source, target = (_language(code) for code in what)
        timeout = args.timeout or models.NETWORK_TIMEOUT
        pkg = _install_from_index(console, source, target, timeout, args.packages_dir)
    else:
        raise UsageError("models install takes a package file, or a source and a target language code")
    console.print(f"installed Argos {pkg.from_code}→{pkg.to_code} {pkg.package_version} in {pkg.path}")
    return 0


def _language(code: str) -> str:
    import re

    if not re.fullmatch(r"[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*", code):
        raise UsageError(f"invalid language code {code!r}: expected an ISO 639 code such as 'en' or 'ar'")
    return code


def _install_from_index(console, source: str, target: str, timeout: float, dest: Path | None):
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    from l10n.translate.models import install_from_index

    with Progress(
        TextColumn(f"downloading {source}→{target}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("download", total=None)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        return install_from_index(source, target, timeout=timeout, progress=progress, dest=dest)
