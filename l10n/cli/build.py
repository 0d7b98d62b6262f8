"""CLI: build — reassemble localised articles into build/<lang>/."""

from __future__ import annotations

import argparse

from l10n.cli.options import _LANG_HELP, command, console
from l10n.lang import DIGIT_CHOICES

__all__ = ["register", "build_summary"]


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "build", cmd_build, "reassemble localised articles into build/<lang>/",
                "Put the translations back into each article and write build/<lang>/<article>.<ext>. Fuzzy and "
                "untranslated sentences fall back to the English source (--drafts shows the machine-translation "
                "drafts instead).", articles=True, lang=_LANG_HELP)
    p.add_argument("-f", "--format", choices=("md", "html", "txt"), action="append", default=[],
                   help="output format (repeatable; default: md)")
    p.add_argument("--require-complete", action="store_true",
                   help="refuse (exit 1) instead of falling back to English for fuzzy/untranslated sentences")
    p.add_argument("--drafts", action="store_true",
                   help="show machine-translation drafts (fuzzy entries 'l10n translate' wrote for the current "
                   "sentence) instead of English; other fuzzy entries still fall back")
    p.add_argument("--digits", choices=DIGIT_CHOICES, default="default",
                   help="numbering system of the output: default (CLDR's for the locale: ar latn, ar_SY/ar_EG "
                   "arab, fa arabext), native, latn, arab (٠١٢…), arabext (۰۱۲…)")


def build_summary(r) -> str:
    """translated + fuzzy + untranslated = extract's "sentences"; copied = extract's "copied"."""
    c = r.counts
    english = c["fuzzy"] + c["untranslated"]
    done = f"{c['translated']} translated" + (f" ({r.drafts} unreviewed machine drafts)" if r.drafts else "")
    copied = f"; {c['copied']} without words copied" if c.get("copied") else ""
    if not english:
        return f"{done}, none in English{copied}"
    return f"{done}, {english} shown in English ({c['fuzzy']} fuzzy, {c['untranslated']} untranslated){copied}"


def cmd_build(args, config) -> int:
    from l10n.project.commands import build
    from l10n.project.layout import Project

    project = Project(config)
    out = console()
    articles = project.articles(args.articles)
    languages = project.languages(args.lang)
    for fmt in args.format or ["md"]:
        for r in build(project, articles, languages, fmt, require_complete=args.require_complete,
                       digits=args.digits, drafts=args.drafts):
            out.print(f"{r.path}: {build_summary(r)}")
    return 0
