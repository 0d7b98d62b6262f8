"""CLI: run — the whole job (extract → update → translate → check → build), one line per step."""

from __future__ import annotations

import argparse
from collections import Counter

from l10n.cli.options import _LANG_HELP, command, console, engine_options, translate_settings

__all__ = ["register", "LineReporter"]


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "run", cmd_run, "the whole job: extract → update → translate → check → build",
                "Extract templates, update catalogues, machine-translate what is untranslated (when an engine "
                "is available), check and build.", articles=True, lang=_LANG_HELP)
    p.add_argument("-f", "--format", choices=("md", "html", "txt"), action="append", default=[],
                   help="output format (repeatable; default: md and html)")
    p.add_argument("--no-translate", action="store_true", help="skip machine translation")
    p.add_argument("--install-models", action="store_true",
                   help="download a missing Argos model from Argos's package index (needs network; "
                   "otherwise l10n never goes online)")
    p.add_argument("--no-drafts", action="store_true",
                   help="build with English where a sentence has only a machine draft (default: show the drafts, "
                   "as 'l10n build --drafts' does)")
    engine_options(p)


class LineReporter:
    """Prints what :func:`l10n.project.commands.run` does, one line per file and step."""

    def __init__(self, out) -> None:
        self.out = out

    def extracted(self, r) -> None:
        self.out.print(f"extract  {r.path}: {r.entries} entries ({'written' if r.written else 'unchanged'})")

    def updated(self, r) -> None:
        from l10n.cli.update import merge_line

        self.out.print(f"update   {r.path}: {merge_line(r)}")

    def translated(self, summary) -> None:
        from l10n.cli.translate import summary_lines

        lines = summary_lines(summary)
        self.out.print(f"translate {lines[0]}")
        for line in lines[1:]:
            self.out.print(line)

    def skipped(self, step: str, why: str) -> None:
        self.out.print(f"{step} skipped: {why}")

    def installed(self, pkg) -> None:
        self.out.print(f"models   installed Argos {pkg.from_code}→{pkg.to_code} {pkg.package_version} in {pkg.path}")

    def checked(self, cat) -> None:
        counts = Counter(f.severity for f in cat.findings if f.check_id != "untranslated")
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning") if counts[s]]
        hint = f" (details: l10n check --include-fuzzy -l {cat.lang})" if parts else ""
        self.out.print(f"check    {cat.path}: {', '.join(parts) if parts else 'no problems'}{hint}")

    def built(self, r) -> None:
        from l10n.cli.build import build_summary

        self.out.print(f"build    {r.path}: {build_summary(r)}")

    def mt_progress(self, lang):
        from l10n.cli.translate import mt_progress

        return mt_progress(self.out, lang)

    def download_progress(self, source: str, target: str):
        from l10n.cli.models import download_progress

        return download_progress(self.out, source, target)


def cmd_run(args, config) -> int:
    from l10n.project.commands import run
    from l10n.project.layout import Project

    project = Project(config)
    run(
        project,
        project.articles(args.articles),
        project.languages(args.lang),
        formats=args.format or ["md", "html"],
        machine_translate=not args.no_translate,
        settings=translate_settings(args, config),
        use_glossary=not args.no_glossary,
        install_models=args.install_models,
        drafts=not args.no_drafts,
        reporter=LineReporter(console()),
    )
    return 0
