"""CLI: preview — the localised article in the terminal."""

from __future__ import annotations

import argparse

from l10n.cli.options import command
from l10n.lang import DIGIT_CHOICES

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to *sub*."""
    p = command(
        sub, "preview", cmd_preview, "show a localised article in the terminal (RTL-aware)",
        "Render ARTICLE as it will be built for --lang: headings, captions, credits and quotes styled, sentences "
        "still in English marked [EN] (untranslated) or [EN~] (fuzzy), glossary terms underlined.  Right-to-left "
        "text is wrapped first and then reordered line by line, for terminals that do not implement the Unicode "
        "bidi algorithm; use --bidi terminal in those that do.",
    )
    p.add_argument("article", metavar="ARTICLE", help="article name or source/*.md path")
    p.add_argument("-l", "--lang", metavar="CODE",
                   help="target language (default: the only one in [tool.l10n] languages)")
    p.add_argument("--side-by-side", action="store_true", help="English source and translation in two columns")
    p.add_argument("--pager", action="store_true", help="page the output (rich pager: $PAGER, else less -R)")
    p.add_argument("--bidi", choices=("auto", "app", "terminal", "off"), default="auto",
                   help="who reorders right-to-left text: app (we do), terminal (it does: VTE/GNOME Terminal, "
                   "Konsole, mlterm, Apple Terminal; 'off' is the same), auto (detect; default)")
    p.add_argument("--shape", choices=("auto", "on", "off"), default="auto",
                   help="Arabic letter shaping by the app (auto: when the app reorders)")
    p.add_argument("--digits", choices=DIGIT_CHOICES, default="default",
                   help="numbering system, as for 'l10n build' (default: CLDR's for the locale)")
    p.add_argument("--width", type=int, metavar="COLUMNS", help="layout width (default: the terminal's)")
    p.add_argument("--drafts", action="store_true",
                   help="show machine-translation drafts (fuzzy entries 'l10n translate' wrote) instead of English")
    p.add_argument("--no-glossary", action="store_true", help="do not highlight glossary terms")


def cmd_preview(args, config) -> int:
    import os

    from rich.console import Console

    from l10n.errors import UsageError
    from l10n.preview import resolve_bidi, resolve_shape
    from l10n.project.commands import preview
    from l10n.project.layout import Project

    if args.width is not None and args.width < 20:
        raise UsageError(f"--width {args.width}: need at least 20 columns")
    bidi = resolve_bidi(args.bidi)
    view = preview(
        Project(config), args.article, args.lang, digits=args.digits, drafts=args.drafts,
        glossary=not args.no_glossary, bidi=bidi, shape=resolve_shape(args.shape, bidi),
        side_by_side=args.side_by_side,
    )
    console = Console(highlight=False, width=args.width)
    if args.pager:
        os.environ.setdefault("LESS", "-R")  # keep colours in less
        with console.pager(styles=True):
            console.print(view)
    else:
        console.print(view)
    return 0
