"""CLI: update — create or merge per-language catalogues."""

from __future__ import annotations

import argparse

from l10n.cli.options import _LANG_HELP, command, console

__all__ = ["register", "merge_line"]


def register(sub: argparse._SubParsersAction) -> None:
    command(sub, "update", cmd_update, "create or merge per-language catalogues from the templates",
            "Create locale/<lang>/LC_MESSAGES/<article>.po, or merge a changed template into it (msgmerge "
            "semantics: translations kept, changed sentences fuzzy, removed ones obsolete).",
            articles=True, lang=_LANG_HELP)


def merge_line(r) -> str:
    m = r.merge
    if m.skipped:
        return "template and catalogue unchanged since the last update"
    return f"{m.kept} kept, {m.fuzzy} fuzzy, {m.new} new, {m.obsolete} obsolete"


def cmd_update(args, config) -> int:
    from l10n.project.commands import update
    from l10n.project.layout import Project

    project = Project(config)
    out = console()
    for r in update(project, project.articles(args.articles), project.languages(args.lang)):
        state = "created" if r.created else ("updated" if r.written else "unchanged")
        out.print(f"{r.path}: {state}; {merge_line(r)}")
    return 0
