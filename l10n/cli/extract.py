"""CLI: extract — segment articles into gettext templates."""

from __future__ import annotations

import argparse

from l10n.cli.options import command, console

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    command(sub, "extract", cmd_extract, "segment articles into gettext templates (locale/<article>.pot)",
            "Parse each Markdown article in source/, split it into sentences and write locale/<article>.pot "
            "with one entry per sentence.", articles=True)


def cmd_extract(args, config) -> int:
    from l10n.project.commands import extract
    from l10n.project.layout import Project

    project = Project(config)
    out = console()
    for r in extract(project, project.articles(args.articles)):
        copied = f", {r.copied} without words copied as they are" if r.copied else ""
        out.print(f"{r.path}: {r.entries} entries from {r.sentences} sentences{copied} "
                  f"({'written' if r.written else 'unchanged'})")
    return 0
