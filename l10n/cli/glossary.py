"""``l10n glossary check | export | import``: validate the glossary and convert it to and from TBX.

Relative paths on the command line are taken relative to the project directory (``-C``), like every
path in the configuration.  Problems print as ``path:line: severity: message [code]``; ``check`` exits
0 when there is no error, 1 when there is one (``--strict``: or a warning), 2 when a file is unreadable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from l10n.glossary import Glossary
    from l10n.project.config import Config

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to *sub*."""
    parser = sub.add_parser(
        "glossary",
        help="check the terminology glossary, export/import TBX",
        description="Terminology glossary: validate it, export it as TBX or CSV, import a TBX file.",
    )
    gsub = parser.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND")
    gsub.required = True

    check = gsub.add_parser(
        "check",
        help="validate glossary files (default: every *.csv in the glossary directory)",
        description="Report duplicates, conflicts, forbidden renderings that are also approved, "
        "do-not-translate terms with a different rendering and missing translations.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="glossary .csv/.tbx files or directories")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--list-checks", action="store_true", help="describe every check and exit")
    check.set_defaults(func=_check)

    export = gsub.add_parser("export", help="write the glossary as TBX-Basic or CSV")
    export.add_argument(
        "paths", nargs="*", metavar="PATH", help="glossary files or directories (default: project's)"
    )
    export.add_argument("--format", choices=("tbx", "csv"), help="output format (default: from -o, else tbx)")
    export.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")
    export.set_defaults(func=_export)

    imp = gsub.add_parser("import", help="convert a TBX (or CSV) file into the glossary CSV format")
    imp.add_argument("file", metavar="FILE", help="a .tbx or .csv file")
    imp.add_argument("-o", "--output", metavar="FILE", help="CSV to write (default: standard output)")
    imp.set_defaults(func=_import)


def _resolve(config: Config, path: str) -> Path:
    p = Path(path)
    return p if p.is_absolute() else config.root / p


def _load(config: Config, paths: list[str]) -> Glossary:
    from l10n.errors import InputError
    from l10n.glossary import Glossary, MatchOptions, load_glossary, load_glossary_dir, load_project_glossary

    if not paths:
        return load_project_glossary(config)
    glossary = Glossary(options=MatchOptions.from_mapping(config.section("glossary")))
    for raw in paths:
        path = _resolve(config, raw)
        if path.is_dir():
            part = load_glossary_dir(path)
            if not part:
                raise InputError(f"{path}: no glossary terms (*.csv) in this directory")
        elif path.exists():
            part = load_glossary(path)
        else:
            raise InputError(f"{path}: no such file or directory")
        glossary = glossary.merge(part)
    return glossary


def _check(args: argparse.Namespace, config: Config) -> int:
    from l10n.glossary import validate
    from l10n.glossary.validate import CHECKS

    if args.list_checks:
        for check in CHECKS.values():
            print(f"{check.code} ({check.severity}): {check.description}")
        return 0
    glossary = _load(config, args.paths)
    if not glossary and not args.paths:
        print(f"l10n: no glossary in {config.glossary_path} (nothing to check)", file=sys.stderr)
        return 0
    problems = validate(glossary)
    for problem in problems:
        print(problem)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(
        f"{len(glossary)} terms, {len(glossary.languages)} languages: "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and warnings) else 0


def _write(config: Config, output: str | None, text: str) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    from l10n.project.files import atomic_write

    atomic_write(_resolve(config, output), text)


def _export(args: argparse.Namespace, config: Config) -> int:
    from l10n.glossary import dump_csv, export_tbx

    fmt = args.format
    if fmt is None:
        fmt = "csv" if args.output and args.output.lower().endswith(".csv") else "tbx"
    glossary = _load(config, args.paths)
    _write(config, args.output, export_tbx(glossary) if fmt == "tbx" else dump_csv(glossary))
    if args.output:
        print(f"wrote {len(glossary)} terms to {args.output}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace, config: Config) -> int:
    from l10n.glossary import dump_csv, load_glossary, validate

    glossary = load_glossary(_resolve(config, args.file))
    _write(config, args.output, dump_csv(glossary))
    problems = validate(glossary)
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.output:
        print(f"wrote {len(glossary)} terms to {args.output}", file=sys.stderr)
    return 0
