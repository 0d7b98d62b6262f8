"""CLI: extract, update, build, stats, run."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["register"]


def _articles_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("articles", nargs="*", metavar="ARTICLE", help="article names or source/*.md paths (default: all)")


def _lang_arg(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument(
        "-l",
        "--lang",
        action="append",
        default=[],
        metavar="CODE",
        required=required,
        help="target language (repeatable; default: [tool.l10n] languages)",
    )


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="segment articles into gettext templates (locale/<article>.pot)",
                       description="Parse each Markdown article in source/, split it into sentences and write "
                       "locale/<article>.pot with one entry per sentence.")
    _articles_arg(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("update", help="create or merge per-language catalogues from the templates",
                       description="Create locale/<lang>/LC_MESSAGES/<article>.po, or merge a changed template "
                       "into it (msgmerge semantics: translations kept, changed sentences fuzzy, removed ones obsolete).")
    _articles_arg(p)
    _lang_arg(p)
    p.set_defaults(func=cmd_update)

    p = sub.add_parser("build", help="reassemble localised articles into build/<lang>/",
                       description="Put the translations back into each article and write build/<lang>/<article>.<ext>. "
                       "Fuzzy and untranslated sentences fall back to the English source (--drafts shows the "
                       "machine-translation drafts instead).")
    _articles_arg(p)
    _lang_arg(p)
    p.add_argument("-f", "--format", choices=("md", "html", "txt"), action="append", default=[],
                   help="output format (repeatable; default: md)")
    p.add_argument("--require-complete", action="store_true",
                   help="refuse (exit 1) instead of falling back to English for fuzzy/untranslated sentences")
    p.add_argument("--drafts", action="store_true",
                   help="show machine-translation drafts (fuzzy entries 'l10n translate' wrote for the current "
                   "sentence) instead of English; other fuzzy entries still fall back")
    p.add_argument("--digits", choices=("default", "native", "latn", "arab", "arabext"), default="default",
                   help="numbering system of the output: default (CLDR's for the locale: ar latn, ar_SY/ar_EG "
                   "arab, fa arabext), native, latn, arab (٠١٢…), arabext (۰۱۲…)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("stats", help="translation progress per article and language",
                       description="Show total, translated, fuzzy and untranslated entries and words.")
    _articles_arg(p)
    _lang_arg(p)
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("run", help="the whole job: extract → update → translate → check → build",
                       description="Extract templates, update catalogues, machine-translate what is untranslated "
                       "(when an engine is available), check and build.")
    _articles_arg(p)
    _lang_arg(p)
    p.add_argument("-f", "--format", choices=("md", "html", "txt"), action="append", default=[],
                   help="output format (repeatable; default: md and html)")
    p.add_argument("--no-translate", action="store_true", help="skip machine translation")
    p.add_argument("--install-models", action="store_true",
                   help="download a missing Argos model from Argos's package index (needs network; "
                   "otherwise l10n never goes online)")
    p.add_argument("--no-drafts", action="store_true",
                   help="build with English where a sentence has only a machine draft (default: show the drafts, "
                   "as 'l10n build --drafts' does)")
    from l10n.cli.translate import add_engine_options

    add_engine_options(p)
    p.set_defaults(func=cmd_run)


def _console():
    from l10n.terminal import console

    return console(highlight=False, soft_wrap=True, markup=False)


def _build_summary(c: dict[str, int], drafts: int = 0) -> str:
    english = c["fuzzy"] + c["untranslated"]
    done = f"{c['translated']} translated" + (f" ({drafts} unreviewed machine drafts)" if drafts else "")
    if not english:
        return f"{done}, none in English"
    return f"{done}, {english} shown in English ({c['fuzzy']} fuzzy, {c['untranslated']} untranslated)"


def cmd_extract(args, config) -> int:
    from l10n.project.commands import extract
    from l10n.project.layout import Project

    project = Project(config)
    console = _console()
    for r in extract(project, project.articles(args.articles)):
        state = "written" if r.written else "unchanged"
        console.print(f"{r.path}: {r.entries} entries from {r.sentences} sentences ({state})")
    return 0


def cmd_update(args, config) -> int:
    from l10n.project.commands import update
    from l10n.project.layout import Project

    project = Project(config)
    console = _console()
    articles = project.articles(args.articles)
    languages = project.languages(args.lang)
    for r in update(project, articles, languages):
        m = r.merge
        state = "created" if r.created else ("updated" if r.written else "unchanged")
        console.print(
            f"{r.path}: {state}; {m.kept} kept, {m.fuzzy} fuzzy, {m.new} new, {m.obsolete} obsolete"
        )
    return 0


def cmd_build(args, config) -> int:
    from l10n.project.commands import build
    from l10n.project.layout import Project

    project = Project(config)
    console = _console()
    articles = project.articles(args.articles)
    languages = project.languages(args.lang)
    for fmt in args.format or ["md"]:
        for r in build(project, articles, languages, fmt, require_complete=args.require_complete,
                       digits=args.digits, drafts=args.drafts):
            console.print(f"{r.path}: {_build_summary(r.counts, r.drafts)}")
    return 0


def cmd_stats(args, config) -> int:
    from rich.table import Table

    from l10n.project.commands import stats
    from l10n.project.layout import Project

    project = Project(config)
    articles = project.articles(args.articles)
    languages = project.languages(args.lang) if args.lang or config.languages else project.existing_languages()
    rows = stats(project, articles, languages)
    from rich import box

    table = Table(title="Translation progress", box=box.SIMPLE_HEAD, collapse_padding=True)
    for col in ("article", "lang", "total", "translated", "fuzzy", "untranslated", "words", "done"):
        table.add_column(col, justify="left" if col in ("article", "lang") else "right", no_wrap=True)
    for article, lang, s in rows:
        table.add_row(article, lang.code, str(s.total), str(s.translated), str(s.fuzzy), str(s.untranslated),
                      str(s.words), f"{s.percent:.0f}%")
    console = _console()
    if not rows:
        console.print("no catalogues yet: run 'l10n update --lang CODE'")
        return 0
    console.print(table)
    return 0


def cmd_run(args, config) -> int:
    from l10n.project.commands import build, extract, update
    from l10n.project.layout import Project

    project = Project(config)
    console = _console()
    articles = project.articles(args.articles)
    languages = project.languages(args.lang)
    for r in extract(project, articles):
        console.print(f"extract  {r.path}: {r.entries} entries ({'written' if r.written else 'unchanged'})")
    for r in update(project, articles, languages):
        m = r.merge
        console.print(f"update   {r.path}: {m.kept} kept, {m.fuzzy} fuzzy, {m.new} new, {m.obsolete} obsolete")
    if not args.no_translate:
        _run_translate(args, config, project, articles, languages, console)
    _run_check(config, project, articles, languages, console)
    for fmt in args.format or ["md", "html"]:
        for r in build(project, articles, languages, fmt, drafts=not args.no_drafts):
            console.print(f"build    {r.path}: {_build_summary(r.counts, r.drafts)}")
    return 0


def _run_translate(args, config, project, articles, languages, console) -> None:
    """MT step of `run`: a missing engine or model is one line saying what to do, not the end of the run.

    With ``--install-models`` a missing Argos model is fetched from Argos's package index first (the only
    network access l10n ever makes, and only when asked).
    """
    from l10n.cli import translate as mt
    from l10n.errors import L10nError
    from l10n.translate.engine import MissingModelError

    settings = mt._settings(args, config)
    try:
        engine = mt.make_engine(settings)
        glossary = mt.load_glossary(config, args.no_glossary)
    except L10nError as exc:
        console.print(f"translate skipped: {exc}")
        return
    except ImportError as exc:
        console.print(f"translate skipped: machine translation is not installed ({exc.name}): pip install 'l10n[mt]'")
        return
    for lang in languages:
        for attempt in (1, 2):
            try:
                summary = mt.translate_with_progress(project, articles, lang, engine, glossary, settings, False, console)
            except MissingModelError as exc:
                if attempt == 1 and args.install_models and exc.engine == "argos":
                    try:
                        _install_model(console, exc.source, exc.target)
                        engine = mt.make_engine(settings)  # sees the new package
                        continue
                    except L10nError as why:
                        exc = why
                console.print(f"translate {lang.code} skipped: {exc}")
            except L10nError as exc:
                console.print(f"translate {lang.code} skipped: {exc}")
            except ImportError as exc:
                console.print(
                    f"translate skipped: machine translation is not installed ({exc.name}): pip install 'l10n[mt]'"
                )
                return
            else:
                console.print("translate", end=" ")
                mt.print_summary(console, summary)
            break


def _install_model(console, source: str, target: str) -> None:
    from l10n.cli.models import _install_from_index
    from l10n.translate import models

    pkg = _install_from_index(console, source, target, models.NETWORK_TIMEOUT, None)
    console.print(f"models   installed Argos {pkg.from_code}→{pkg.to_code} {pkg.package_version} in {pkg.path}")


def _run_check(config, project, articles, languages, console) -> None:
    """QA step of `run`: one line per catalogue; the details (and CI's exit code) are `l10n check`'s."""
    from collections import Counter

    from l10n.check import Settings, check_catalogues
    from l10n.cli.check import _glossary, _rel

    root = Path(config.root)
    items = []
    for lang in languages:
        for article in articles:
            path = project.catalog_file(article, lang)
            if path.is_file():
                items.append((str(path), _rel(path, root), lang.code))
    if not items:
        return
    settings = Settings.from_config(config.section("check"), include_fuzzy=True)  # the drafts run builds
    result = check_catalogues(items, _glossary(config), settings)
    for cat in result.catalogues:
        counts = Counter(f.severity for f in cat.findings if f.check_id != "untranslated")
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning") if counts[s]]
        line = ", ".join(parts) if parts else "no problems"
        hint = f" (details: l10n check --include-fuzzy -l {cat.lang})" if parts else ""
        console.print(f"check    {cat.path}: {line}{hint}")
