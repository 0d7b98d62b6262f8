"""CLI: stats — translation progress per article and language."""

from __future__ import annotations

import argparse

from l10n.cli.options import _LANG_HELP, command, console

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    command(sub, "stats", cmd_stats, "translation progress per article and language",
            "Show total, translated, fuzzy (of which machine drafts) and untranslated entries and words.", articles=True, lang=_LANG_HELP)


def cmd_stats(args, config) -> int:
    from rich import box
    from rich.table import Table

    from l10n.project.commands import stats
    from l10n.project.layout import Project

    rows = stats(Project(config), args.articles, args.lang)
    out = console()
    if not rows:
        out.print("no catalogues yet: run 'l10n update --lang CODE'")
        return 0
    table = Table(title="Translation progress", box=box.SIMPLE_HEAD, collapse_padding=True)
    for col in ("article", "lang", "total", "translated", "fuzzy", "untranslated", "words", "done"):
        table.add_column(col, justify="left" if col in ("article", "lang") else "right", no_wrap=True)
    for article, lang, s in rows:
        fuzzy = f"{s.fuzzy} ({s.drafts} MT)" if s.drafts else str(s.fuzzy)  # MT drafts are fuzzy entries
        table.add_row(article, lang.code, str(s.total), str(s.translated), fuzzy, str(s.untranslated),
                      str(s.words), f"{s.percent:.0f}%")
    if any(s.drafts for _a, _l, s in rows):
        table.caption = "(N MT): of the fuzzy entries, N are unreviewed machine drafts (run and preview show them)"
    out.print(table)
    return 0
