"""``l10n check``: glossary consistency and translation QA, fast enough for every pull request.

Exit status: 0 clean, 1 a finding at or above ``--fail-on`` (default: error), 2 a usage or input
error (bad option, unknown check, malformed catalogue as ``path:line: …``, bad git revision).
Imports stay inside the handler and never reach an MT engine, so the command runs with the base
install (no ``[mt]`` extra) in a couple of hundred milliseconds.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from l10n.project.config import Config

from l10n.cli.options import command

__all__ = ["register"]

_FORMATS = ("text", "json", "junit", "sarif")


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to *sub*."""
    p = command(
        sub, "check", cmd_check, "QA the translations: glossary terms, numbers, markup, placeholders, URLs … (for CI)",
        "Check translated catalogues against the glossary and for the usual translation mistakes. Default: every "
        "locale/*/LC_MESSAGES/*.po. Exit 0 clean, 1 findings at or above --fail-on, 2 usage or input error. "
        "See docs/check.md and --list-checks.",
        lang="only this language, a gettext locale name such as ar, zh_CN, sr@latin (repeatable; "
        "default: every language under locale/)",
    )
    p.add_argument(
        "articles",
        nargs="*",
        metavar="PATH|ARTICLE",
        help="catalogues (.po files, directories, globs, quoted or not) or article names / source/*.md "
        "(default: every locale/*/LC_MESSAGES/*.po); catalogues need no project",
    )
    p.add_argument(
        "--path",
        action="append",
        default=[],
        metavar="PATH",
        dest="paths",
        help="check this .po file, directory or glob (repeatable; relative to -C)",
    )
    p.add_argument(
        "--profile",
        choices=("ci", "translator", "mt"),
        default=None,
        help="severities for a use: ci (default: gate pull requests), translator (also weaker signals), "
        "mt (machine-translation drafts)",
    )
    p.add_argument(
        "--cache",
        metavar="DIR",
        help="reuse the results of catalogues whose bytes, settings, glossary and l10n are unchanged",
    )
    p.add_argument("-f", "--format", choices=_FORMATS, default="text", help="report format (default: text)")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the report to FILE (atomically) and print only a one-line summary",
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default=None,
        help="lowest severity that makes the exit status 1 (default: error, or fail_on in config)",
    )
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="ID",
        help="skip this check (repeatable, or comma-separated)",
    )
    p.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="ID",
        help="run only this check (repeatable, or comma-separated)",
    )
    p.add_argument(
        "--include-fuzzy",
        "--drafts",
        dest="include_fuzzy",
        action="store_true",
        default=None,
        help="also check fuzzy translations, unreviewed MT drafts included (default: only report that "
        "they are fuzzy)",
    )
    p.add_argument(
        "--changed-since",
        metavar="REF",
        help="only check entries a git diff against REF touched (untracked catalogues: all)",
    )
    p.add_argument(
        "-v", "--verbose", action="store_true", help="text report: list untranslated/fuzzy entries one by one"
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes, 0 for one per CPU (default: 1; see docs/check.md, Performance)",
    )
    p.add_argument("--list-checks", action="store_true", help="describe every check and exit")


def _split(values: list[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def cmd_check(args, config: Config) -> int:
    if args.list_checks:
        from l10n.check import REGISTRY

        return _list_checks(REGISTRY)
    from l10n.project.commands import check
    from l10n.project.layout import Project

    result = check(
        Project(config),
        articles=args.articles,
        languages=args.lang,
        paths=args.paths,
        disable=_split(args.disable),
        only=_split(args.only),
        include_fuzzy=args.include_fuzzy,
        fail_on=args.fail_on,
        changed_since=args.changed_since,
        jobs=args.jobs,
        profile=args.profile,
        cache=args.cache,
        report_format=args.format,
        output=args.output,
    )
    _print(args, result)
    return result.exit_code


def _list_checks(registry) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="l10n check: checks", show_lines=False)
    table.add_column("id", no_wrap=True)
    table.add_column("severity")
    table.add_column("description")
    for chk in registry.values():
        table.add_row(chk.id, chk.severity, chk.summary)
    Console(highlight=False).print(table)
    return 0


def _print(args, result) -> None:
    from l10n.check.report import TextReport, render, summary_line

    if args.output:
        print(f"{summary_line(result)} (report: {args.output})")
        return
    if args.format == "text":
        from l10n.terminal import console

        console(highlight=False, soft_wrap=True).print(TextReport(result, verbose=args.verbose))
        return
    sys.stdout.write(render(result, args.format))
    print(summary_line(result), file=sys.stderr)
