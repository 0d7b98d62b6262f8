"""CLI: extract, update, build, stats, run."""

from __future__ import annotations

import argparse

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
                       "Fuzzy and untranslated sentences fall back to the English source.")
    _articles_arg(p)
    _lang_arg(p)
    p.add_argument("-f", "--format", choices=("md", "html", "txt"), action="append", default=[],
                   help="output format (repeatable; default: md)")
    p.add_argument("--require-complete", action="store_true",
                   help="refuse (exit 1) instead of falling back to English for fuzzy/untranslated sentences")
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
    from l10n.cli.mt import add_engine_options

    add_engine_options(p)
    p.set_defaults(func=cmd_run)


def _console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, markup=False)


def _build_summary(c: dict[str, int]) -> str:
    english = c["fuzzy"] + c["untranslated"]
    if not english:
        return f"{c['translated']} sentences translated"
    return (f"{c['translated']} translated, {english} shown in English "
            f"({c['fuzzy']} fuzzy, {c['untranslated']} untranslated)")


def cmd_extract(args, config) -> int:
    from l10n.pipeline import extract
    from l10n.project import Project

    project = Project(config)
    console = _console()
    for r in extract(project, project.articles(args.articles)):
        state = "written" if r.written else "unchanged"
        console.print(f"{r.path}: {r.entries} entries from {r.sentences} sentences ({state})")
    return 0


def cmd_update(args, config) -> int:
    from l10n.pipeline import update
    from l10n.project import Project

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
    from l10n.pipeline import build
    from l10n.project import Project

    project = Project(config)
    console = _console()
    articles = project.articles(args.articles)
    languages = project.languages(args.lang)
    for fmt in args.format or ["md"]:
        for r in build(project, articles, languages, fmt, require_complete=args.require_complete, digits=args.digits):
            c = r.counts
            console.print(f"{r.path}: {_build_summary(c)}")
    return 0


def cmd_stats(args, config) -> int:
    from rich.table import Table

    from l10n.pipeline import stats
    from l10n.project import Project

    project = Project(config)
    articles = project.articles(args.articles)
    languages = project.languages(args.lang) if args.lang or config.languages else project.existing_languages()
    rows = stats(project, articles, languages)
    from rich import box

    table = Table(title="Translation progress", box=box.SIMPLE_HEAD)
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
    from l10n.pipeline import build, extract, update
    from l10n.project import Project

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
        for r in build(project, articles, languages, fmt):
            c = r.counts
            console.print(f"build    {r.path}: {_build_summary(c)}")
    return 0


def _run_translate(args, config, project, articles, languages, console) -> None:
    """MT step of `run`: a missing engine or model is one line saying what to do, not the end of the run."""
    from l10n.cli import mt
    from l10n.errors import L10nError

    settings = mt._settings(args, config)
    try:
        engine = mt.make_engine(settings)
        glossary = mt.load_glossary(config, args.no_glossary)
        for lang in languages:
            summary = mt.translate_with_progress(project, articles, lang, engine, glossary, settings, False, console)
            console.print("translate", end=" ")
            mt.print_summary(console, summary)
    except L10nError as exc:
        console.print(f"translate skipped: {exc}")
    except ImportError as exc:
        console.print(f"translate skipped: machine translation is not installed ({exc.name}): pip install 'l10n[mt]'")


def _run_check(config, project, articles, languages, console) -> None:
    try:
        from l10n.check import run_project_checks  # noqa: F401
    except ImportError:
        return
