"""CLI: import — saved HTML pages and scraped text become source/<slug>.md."""

from __future__ import annotations

import argparse

from l10n.cli.options import command

__all__ = ["register"]

#: Metadata options: front matter key -> help.
_META = {
    "url": "source URL (recorded in the front matter, never fetched)",
    "author": "byline",
    "date": "publication date, YYYY-MM-DD",
    "section": "site section",
    "language": "language of the article (BCP 47), e.g. en",
    "title": "headline, instead of the one found",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "import", cmd_import,
                "turn saved news pages (HTML) and scraped text into Markdown articles in source/",
                "Write source/<headline-slug>.md for each FILE (a saved HTML page, or scraped plain text) or each "
                ".html/.htm/.txt file under DIR: headline, standfirst, headings, quotes, figures with caption and "
                "credit, lists, tables; metadata in YAML front matter. Offline: a URL is recorded, never fetched. "
                "HTML needs the import extra: pip install 'l10n[import]'.")
    p.add_argument("inputs", nargs="+", metavar="FILE|DIR", help="saved pages (.html/.htm) or scraped text files")
    p.add_argument("--name", help="article name (file stem) instead of the headline's slug; one input only")
    p.add_argument("--force", action="store_true", help="replace an existing source/<name>.md")
    for key, what in _META.items():
        p.add_argument(f"--{key}", default="", help=what)


def cmd_import(args, config) -> int:
    from l10n.project.commands import import_articles
    from l10n.project.layout import Project

    meta = {k: getattr(args, k) for k in _META if getattr(args, k)}
    for r in import_articles(Project(config), args.inputs, name=args.name, force=args.force, meta=meta):
        print(f"{r.path}: {r.blocks} blocks from {r.source} ({r.kind}; {'written' if r.written else 'unchanged'})")
    return 0
