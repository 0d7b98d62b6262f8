"""The ``l10n`` command: a thin argparse layer over the library.

Each command (or command group) lives in the module named after it, exposing ``register(subparsers)``;
handlers take ``(args, config)``, call one function of :mod:`l10n.project.commands`, print its result and
return an exit code.  Heavy imports (rich tables, MT engines) happen inside
handlers, so ``l10n --help`` and ``l10n check`` start fast and never import torch.
Errors the user can fix are :class:`l10n.errors.L10nError`: one line on stderr, exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from l10n import __version__
from l10n.errors import L10nError

__all__ = ["main", "build_parser"]

#: Command modules, in the order of the pipeline.  Each one owns its subcommands.
_MODULES = (
    "l10n.cli.import_",  # import ("import" is a keyword)
    "l10n.cli.extract",
    "l10n.cli.update",
    "l10n.cli.translate",
    "l10n.cli.models",  # models list/install
    "l10n.cli.glossary",  # glossary check/import/export
    "l10n.cli.check",
    "l10n.cli.build",
    "l10n.cli.stats",
    "l10n.cli.preview",
    "l10n.cli.run",
)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="l10n",
        description="Offline localisation of news articles: Markdown -> gettext -> MT under a glossary -> "
        "RTL-aware output.",
    )
    parser.add_argument("--version", action="version", version=f"l10n {__version__}")
    parser.add_argument(
        "-C",
        "--root",
        default=".",
        metavar="DIR",
        help="project directory (holds pyproject.toml/l10n.toml, source/, locale/ …; default: .)",
    )
    parser.add_argument(
        "--allow-outside",
        action="store_true",
        help="allow source, locale, glossary and build paths (or symlinks) that resolve outside the project",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in _MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        from l10n.project.config import load_config

        config = load_config(args.root)
        if args.allow_outside:
            from dataclasses import replace

            config = replace(config, allow_outside=True)
        return int(args.func(args, config) or 0)
    except L10nError as exc:
        _error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # no space, permission, read-only file system …: the user's to fix
        where = f"{exc.filename}: " if exc.filename else ""
        _error(f"{where}{exc.strerror or exc}")
        return 2
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        if os.environ.get("L10N_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set L10N_DEBUG=1 for a traceback)")
        return 70


def _error(message: str) -> None:
    from l10n.terminal import safe

    message = safe(" ".join(message.split("\n")))
    print(f"l10n: error: {message}", file=sys.stderr)
