"""``l10n check``: glossary consistency and translation QA, fast enough for every pull request.

Exit status: 0 clean, 1 a finding at or above ``--fail-on`` (default: error), 2 a usage or input
error (bad option, unknown check, malformed catalogue as ``path:line: …``, bad git revision).
Imports stay inside the handler and never reach an MT engine, so the command runs with the base
install (no ``[mt]`` extra) in a couple of hundred milliseconds.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from l10n.project.config import Config

__all__ = ["register"]

_FORMATS = ("text", "json", "junit", "sarif")


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to *sub*."""
    p = sub.add_parser(
        "check",
        help="QA the translations: glossary terms, numbers, markup, placeholders, URLs … (for CI)",
        description="Check translated catalogues against the glossary and for the usual translation "
        "mistakes. Default: every locale/*/LC_MESSAGES/*.po. Exit 0 clean, 1 findings at or above "
        "--fail-on, 2 usage or input error. See docs/check.md and --list-checks.",
    )
    p.add_argument(
        "articles", nargs="*", metavar="ARTICLE", help="article names or source/*.md paths (default: all)"
    )
    p.add_argument(
        "-l",
        "--lang",
        action="append",
        default=[],
        metavar="CODE",
        help="only this target language (repeatable; default: every language under locale/)",
    )
    p.add_argument(
        "--path",
        action="append",
        default=[],
        metavar="FILE.po",
        dest="paths",
        help="check this .po file (repeatable; relative to -C; adds to ARTICLE/--lang selection)",
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
        action="store_true",
        default=None,
        help="also check fuzzy translations (default: only report that they are fuzzy)",
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
    p.set_defaults(func=cmd_check)


def _split(values: list[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def cmd_check(args, config: Config) -> int:
    from l10n.check import REGISTRY, Settings, check_catalogues

    if args.list_checks:
        return _list_checks(REGISTRY)
    settings = Settings.from_config(
        config.section("check"),
        disable=_split(args.disable),
        only=_split(args.only),
        include_fuzzy=args.include_fuzzy,
        fail_on=args.fail_on,
    )
    items = _catalogues(args, config)
    changed = None
    if args.changed_since:
        from l10n.check.gitdiff import changed_lines

        changed = changed_lines(config.root, args.changed_since, config.locale_dir)
    glossary = _glossary(config)
    jobs = 1 if args.jobs is None else args.jobs
    if jobs == 0:
        jobs = os.cpu_count() or 1
    elif jobs < 0:
        from l10n.errors import UsageError

        raise UsageError("--jobs must be 0 (one per CPU) or more")
    result = check_catalogues(items, glossary, settings, changed=changed, jobs=jobs)
    _emit(args, config, result)
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


def _rel(path: Path, root: Path) -> str:
    """*path* relative to the project root (POSIX), the form reports and SARIF use; else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _catalogues(args, config: Config) -> list[tuple[str, str, str]]:
    """``[(path, display path, language code)]`` for the selection on the command line."""
    from l10n.errors import InputError, UsageError
    from l10n.lang import get_language
    from l10n.project.layout import Project

    project = Project(config)
    root = Path(config.root)
    out: dict[str, tuple[str, str, str]] = {}
    langs = [get_language(code) for code in args.lang]
    if args.articles or args.lang or not args.paths:
        base = config.locale_path
        if args.articles:
            articles = project.articles(args.articles)
            for lang in langs or project.existing_languages():
                for article in articles:
                    path = project.catalog_file(article, lang)
                    if path.is_file():
                        out[str(path)] = (str(path), _rel(path, root), lang.code)
                    elif langs:
                        raise InputError(
                            f"{path}: no such catalogue (run 'l10n update -l {lang.code}' first)"
                        )
        else:
            dirs = (
                [base / lang.code / "LC_MESSAGES" for lang in langs]
                if langs
                else sorted(base.glob("*/LC_MESSAGES"))
            )
            for d in dirs:
                code = d.parent.name
                for path in sorted(d.glob("*.po")):
                    out[str(path)] = (str(path), _rel(path, root), code)
        if not out and not args.paths:
            where = ", ".join(lang.code for lang in langs) if langs else "any language"
            raise UsageError(
                f"no catalogues to check for {where} under {base}/ (run 'l10n update -l CODE' first)"
            )
    for given in args.paths:
        path = Path(given)
        if not path.is_absolute():
            path = root / path
        if not path.is_file():
            raise InputError(f"{given}: no such catalogue")
        code = ""
        parent = path.parent
        if parent.name == "LC_MESSAGES":
            try:
                code = get_language(parent.parent.name).code
            except UsageError:
                code = ""
        out[str(path)] = (str(path), _rel(path, root), code)
    from l10n.inputs import check_regular
    from l10n.project.store import MAX_CATALOG_BYTES

    for path, _, _ in out.values():  # inside the project, a regular file of sane size: never a FIFO's hang
        project.inside(Path(path), "the catalogue")
        check_regular(path, MAX_CATALOG_BYTES, "a catalogue")
    return list(out.values())


def _glossary(config: Config):
    """The project glossary with term paths relative to the project root (as reports show them)."""
    import dataclasses

    from l10n.glossary import Glossary, load_project_glossary

    glossary = load_project_glossary(config)
    root = Path(config.root)
    terms = tuple(
        dataclasses.replace(t, path=_rel(Path(t.path), root)) if t.path else t for t in glossary.terms
    )
    return Glossary(terms, glossary.languages, glossary.options)


def _emit(args, config: Config, result) -> None:
    from l10n.check.report import TextReport, render, summary_line

    if args.output:
        from l10n.project.files import atomic_write

        output = Path(args.output)
        atomic_write(
            output if output.is_absolute() else Path(config.root) / output, render(result, args.format)
        )
        print(f"{summary_line(result)} (report: {args.output})")
        return
    if args.format == "text":
        from l10n.terminal import console as safe_console

        safe_console(highlight=False, soft_wrap=True).print(TextReport(result, verbose=args.verbose))
        return
    sys.stdout.write(render(result, args.format))
    print(summary_line(result), file=sys.stderr)
