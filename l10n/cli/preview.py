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
        "still in English marked [EN] (untranslated) or [EN~] (fuzzy), machine drafts [MT], glossary terms underlined.  Right-to-left "
        "text is wrapped first and then reordered line by line, for terminals that do not implement the Unicode "
        "bidi algorithm; use --bidi terminal in those that do.",
    )
    p.add_argument("article", metavar="ARTICLE", help="article name, file name or source/*.md path")
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
    p.add_argument("--no-drafts", dest="drafts", action="store_false",
                   help="show English where a sentence has only a machine-translation draft (default: show the "
                   "drafts 'l10n translate' wrote, marked [MT], as 'l10n run' builds them)")
    p.add_argument("--drafts", dest="drafts", action="store_true", default=True, help=argparse.SUPPRESS)
    p.add_argument("--no-glossary", action="store_true", help="do not highlight glossary terms")
    p.add_argument("--watch", action="store_true",
                   help="stay open and re-render when the catalogue, the article or the glossary changes on disk "
                   "(keeps the scroll position; arrows/PgUp/PgDn scroll, q quits)")


def cmd_preview(args, config) -> int:
    import os
    import sys

    from l10n.errors import UsageError
    from l10n.preview import resolve_bidi, resolve_shape, terminal_draws_isolates_as_boxes
    from l10n.project.commands import preview, preview_sources
    from l10n.project.layout import Project
    from l10n.terminal import console as safe_console

    if args.width is not None and args.width < 20:
        raise UsageError(f"--width {args.width}: need at least 20 columns")
    if args.watch and args.pager:
        raise UsageError("--watch and --pager do not go together: --watch scrolls by itself")
    if args.watch and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("--watch needs a terminal (stdin and stdout)")
    bidi = resolve_bidi(args.bidi)
    project = Project(config)

    def load():
        return preview(
            project, args.article, args.lang, digits=args.digits, drafts=args.drafts,
            glossary=not args.no_glossary, bidi=bidi, shape=resolve_shape(args.shape, bidi),
            side_by_side=args.side_by_side,
            isolates=not (bidi == "terminal" and terminal_draws_isolates_as_boxes()),
        )

    if args.watch:
        from l10n.preview.watch import Watcher, run_watch, signature

        files = preview_sources(project, args.article, args.lang)  # once: a file may vanish while we watch
        before = signature(files)  # taken before loading: a save during the first load is not missed
        return run_watch(Watcher(load, lambda: files, shown=load(), seen=before))  # broken at start: one line
    view = load()
    console = safe_console(highlight=False, width=args.width)
    if args.pager:
        os.environ.setdefault("LESS", "-R")  # keep colours in less
        with console.pager(styles=True):
            console.print(view)
    else:
        console.print(view)
    return 0
