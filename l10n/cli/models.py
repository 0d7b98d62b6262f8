"""CLI: ``l10n models list`` and ``l10n models install`` (MT models for the translate stage).

Handlers import rich, argostranslate and the engines lazily, so registering these commands costs
nothing at start-up.
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from l10n.cli.options import command, group

__all__ = ["register", "download_progress"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``models`` command group to *sub*."""
    models = group(sub, "models", "list and install offline MT models (Argos packages; Apertium pairs are listed too)",
                   "Manage the offline machine-translation models the translate stage uses.")
    command(models, "list", cmd_list, "show installed Argos packages and Apertium pairs",
            "Show the installed Argos packages (and Apertium language pairs, if Apertium is installed). Argos "
            "packages are searched in $L10N_ARGOS_PACKAGES, else $ARGOS_PACKAGES_DIR, else Argos's own packages "
            "directory.")
    p = command(models, "install", cmd_install,
                "install an Argos package from a file (offline) or from Argos's index (network)",
                "Install an Argos model package. 'l10n models install FILE.argosmodel' installs a package file, "
                "offline, after checking it is a safe, complete package. 'l10n models install en ar' downloads "
                "the en→ar package from Argos's package index (needs network).")
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


def cmd_list(args: argparse.Namespace, config) -> int:  # noqa: ARG001
    from rich.console import Console
    from rich.table import Table

    from l10n.project.commands import models_list

    console = Console(highlight=False, markup=False)
    rows, notes = models_list()
    if rows:
        table = Table(title="Installed MT models", title_justify="left")
        for name in ("Engine", "From", "To", "Version", "Location"):
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    for note in notes:
        console.print(note, soft_wrap=True)
    return 0


def cmd_install(args: argparse.Namespace, config) -> int:  # noqa: ARG001
    from rich.console import Console

    from l10n.project.commands import models_install

    console = Console(highlight=False, markup=False)

    class _Bar:
        def download_progress(self, source: str, target: str):
            return download_progress(console, source, target)

    pkg = models_install(args.what, packages_dir=args.packages_dir, timeout=args.timeout, reporter=_Bar())  # type: ignore[arg-type]
    console.print(f"installed Argos {pkg.from_code}→{pkg.to_code} {pkg.package_version} in {pkg.path}")
    return 0


@contextlib.contextmanager
def download_progress(console, source: str, target: str):
    """A download bar; yields ``progress(done, total)``."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    with Progress(TextColumn(f"downloading {source}→{target}"), BarColumn(), DownloadColumn(),
                  TransferSpeedColumn(), console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("download", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
