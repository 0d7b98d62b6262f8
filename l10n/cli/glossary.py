"""``l10n glossary check | export | import``: validate the glossary and convert it to and from TBX.

Relative paths on the command line are taken relative to the project directory (``-C``), like every
path in the configuration.  Problems print as ``path:line: severity: message [code]``; ``check`` exits
0 when there is no error, 1 when there is one (``--strict``: or a warning), 2 when a file is unreadable.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from l10n.project.config import Config

from l10n.cli.options import command, group
from l10n.terminal import safe  # glossary cells are text, never terminal commands

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to *sub*."""
    gsub = group(sub, "glossary", "check the terminology glossary, export/import TBX",
                 "Terminology glossary: validate it, export it as TBX or CSV, import a TBX file.")
    check = command(gsub, "check", _check, "validate glossary files (default: every *.csv in the glossary directory)",
                    "Report duplicates, conflicts, forbidden renderings that are also approved, do-not-translate "
                    "terms with a different rendering and missing translations.")
    check.add_argument("paths", nargs="*", metavar="PATH", help="glossary .csv/.tbx files or directories")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--list-checks", action="store_true", help="describe every check and exit")

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


def _check(args: argparse.Namespace, config: Config) -> int:
    if args.list_checks:
        from l10n.check.glossary_file import CHECKS

        for check in CHECKS.values():
            print(f"{check.id} ({check.severity}): {check.description}")
        return 0
    from l10n.project.commands import glossary_check

    glossary, problems = glossary_check(config, args.paths)
    if not glossary and not args.paths:
        print(f"l10n: no glossary in {config.glossary_path} (nothing to check)", file=sys.stderr)
        return 0
    for problem in problems:
        print(safe(str(problem)))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(
        f"{len(glossary)} terms, {len(glossary.languages)} languages: "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and warnings) else 0


def _export(args: argparse.Namespace, config: Config) -> int:
    from l10n.project.commands import glossary_export

    glossary, text = glossary_export(config, args.paths, args.format, args.output)
    if text is not None:
        sys.stdout.write(text)
    else:
        print(f"wrote {len(glossary)} terms to {args.output}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace, config: Config) -> int:
    from l10n.project.commands import glossary_import

    glossary, text, problems = glossary_import(config, args.file, args.output)
    if text is not None:
        sys.stdout.write(text)
    for problem in problems:
        print(safe(str(problem)), file=sys.stderr)
    if text is None:
        print(f"wrote {len(glossary)} terms to {args.output}", file=sys.stderr)
    return 0
