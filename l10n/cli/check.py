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
        "articles",
        nargs="*",
        metavar="PATH|ARTICLE",
        help="catalogues (.po files, directories, globs — quoted or not) or article names / source/*.md "
        "(default: every locale/*/LC_MESSAGES/*.po); works outside a project too",
    )
    p.add_argument(
        "-l",
        "--lang",
        action="append",
        default=[],
        metavar="CODE",
        help="only this language, a gettext locale name such as ar, zh_CN, sr@latin (repeatable; "
        "default: every language under locale/)",
    )
    p.add_argument(
        "--path",
        action="append",
        default=[],
        metavar="FILE.po",
        dest="paths",
        help="check this .po file, directory or glob (repeatable; relative to -C)",
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
        help="reuse results for catalogues whose content, settings, glossary and l10n version are unchanged",
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
        profile=args.profile,
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
    cache = None
    if args.cache:
        from l10n.check.cache import ResultCache

        cache_dir = Path(args.cache)
        cache = ResultCache(cache_dir if cache_dir.is_absolute() else Path(config.root) / cache_dir)
    result = check_catalogues(items, glossary, settings, changed=changed, jobs=jobs, cache=cache)
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


_GLOB = frozenset("*?[")
_CATALOGUE_SUFFIXES = (".po", ".pot")


def _norm(code: str) -> str:
    """A gettext locale name compared loosely: ``zh-CN``, ``zh_cn`` and ``zh_CN.UTF-8`` are one."""
    return code.split(".", 1)[0].replace("-", "_").lower()


def _is_catalogue_arg(given: str, root: Path) -> bool:
    """A positional argument that names catalogues (a .po file, a directory, a glob), not an article."""
    if _GLOB & set(given) or given.endswith(_CATALOGUE_SUFFIXES):
        return True
    for base in (root, Path.cwd()):
        candidate = Path(given) if Path(given).is_absolute() else base / given
        if candidate.is_dir():
            return True
    return False


def _expand(given: str, root: Path) -> list[Path]:
    """Catalogue files for one PATH argument: a file, a directory (searched recursively) or a glob
    (``**`` recurses), relative to the project root (``-C``) or, failing that, the working directory."""
    from l10n.errors import InputError

    path = Path(given)
    bases = [path] if path.is_absolute() else [root / given, Path.cwd() / given]
    if _GLOB & set(given):
        import glob

        for base in bases:
            hits = sorted(glob.glob(str(base), recursive=True))
            files = [Path(h) for h in hits if Path(h).is_file() and h.endswith(_CATALOGUE_SUFFIXES)]
            dirs = [Path(h) for h in hits if Path(h).is_dir()]
            for d in dirs:
                files.extend(sorted(p for p in d.rglob("*.po") if p.is_file()))
            if files:
                return files
        raise InputError(f"{given}: no catalogue matches this pattern")
    for base in bases:
        if base.is_file():
            return [base]
        if base.is_dir():
            files = sorted(p for p in base.rglob("*.po") if p.is_file())
            if not files:
                raise InputError(f"{given}: no .po catalogues under this directory")
            return files
    raise InputError(f"{given}: no such catalogue")


def _path_language(path: Path) -> str:
    """The gettext locale name of ``…/<lang>/LC_MESSAGES/x.po`` (else '' : the Language header decides)."""
    parent = path.parent
    return parent.parent.name if parent.name == "LC_MESSAGES" else ""


def _catalogues(args, config: Config) -> list[tuple[str, str, str]]:
    """``[(path, display path, language code)]`` for the selection on the command line.

    Positional arguments are catalogues (``.po`` files, directories, quoted or unquoted globs) or
    articles (names or ``source/*.md``); ``--path`` adds catalogues.  Languages are gettext locale
    names (``zh_CN``, ``sr@latin``) matched against the directories under ``locale/``.
    """
    from l10n.errors import InputError, UsageError
    from l10n.project.layout import Project

    project = Project(config)
    root = Path(config.root)
    out: dict[str, tuple[str, str, str]] = {}
    wanted = {_norm(code): code for code in args.lang}
    given_paths = [a for a in args.articles if _is_catalogue_arg(a, root)] + list(args.paths)
    article_args = [a for a in args.articles if not _is_catalogue_arg(a, root)]

    def keep(code: str) -> bool:
        return not wanted or _norm(code) in wanted

    if article_args or (not given_paths):
        base = config.locale_path
        lang_dirs = sorted(d.parent for d in base.glob("*/LC_MESSAGES") if d.is_dir()) if base.is_dir() else []
        chosen = [d for d in lang_dirs if keep(d.name)]
        if wanted:
            found = {_norm(d.name) for d in chosen}
            absent = [code for key, code in wanted.items() if key not in found]
            if absent and (article_args or not chosen):
                raise InputError(
                    f"{base / absent[0]}: no catalogues for {absent[0]} (run 'l10n update -l {absent[0]}' first)"
                )
        if article_args:
            articles = project.articles(article_args)
            for d in chosen:
                for article in articles:
                    path = d / "LC_MESSAGES" / f"{article}.po"
                    if path.is_file():
                        out[str(path)] = (str(path), _rel(path, root), d.name)
                    elif wanted:
                        raise InputError(f"{path}: no such catalogue (run 'l10n update -l {d.name}' first)")
        else:
            for d in chosen:
                for path in sorted((d / "LC_MESSAGES").glob("*.po")):
                    out[str(path)] = (str(path), _rel(path, root), d.name)
        if not out and not given_paths:
            where = ", ".join(args.lang) if args.lang else "any language"
            raise UsageError(
                f"no catalogues to check for {where} under {base}/ (run 'l10n update -l CODE' first)"
            )
    for given in given_paths:
        for path in _expand(given, root):
            code = _path_language(path)
            if code and not keep(code):
                continue
            if not code and len(args.lang) == 1:
                code = args.lang[0]
            out[str(path)] = (str(path), _rel(path, root), code)
    if given_paths and not out:
        raise InputError(f"no catalogue for {', '.join(args.lang)} in {', '.join(given_paths)}")
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
        from rich.console import Console

        Console(highlight=False, soft_wrap=True).print(TextReport(result, verbose=args.verbose))
        return
    sys.stdout.write(render(result, args.format))
    print(summary_line(result), file=sys.stderr)
