"""CLI: translate (machine translation of untranslated entries under the glossary)."""

from __future__ import annotations

import argparse

__all__ = ["register", "add_engine_options", "make_engine"]


def add_engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", default=None, help="MT engine: argos (default), apertium, deterministic, or one you registered")
    p.add_argument("--beam", type=int, default=None, metavar="N", help="beam size (Argos; default 4)")
    p.add_argument("--threads", type=int, default=None, metavar="N", help="CPU threads for the engine")
    p.add_argument("--device", default=None, choices=("cpu", "cuda", "auto"), help="where CTranslate2 runs (default cpu)")
    p.add_argument("--batch-size", type=int, default=None, metavar="N", help="sentences per MT batch and per save (default 32)")
    p.add_argument("--n-best", type=int, default=None, metavar="N", help="hypotheses per sentence for glossary reranking (default 4)")
    p.add_argument("--no-glossary", action="store_true", help="do not enforce the glossary")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "translate",
        help="machine-translate untranslated entries offline, under the glossary",
        description="Fill the untranslated entries of locale/<lang>/LC_MESSAGES/*.po with offline machine "
        "translation (written fuzzy, with a comment naming the engine). Human translations are never touched; "
        "sentences already translated anywhere in the project are reused from memory.",
    )
    p.add_argument("articles", nargs="*", metavar="ARTICLE", help="article names (default: all)")
    p.add_argument("-l", "--lang", action="append", default=[], metavar="CODE", help="target language (repeatable)")
    add_engine_options(p)
    p.add_argument("--retranslate-fuzzy", action="store_true", help="also retranslate fuzzy entries that came from MT")
    p.add_argument("--dry-run", action="store_true", help="show what would be translated, translate nothing")
    p.set_defaults(func=cmd_translate)


def _settings(args, config) -> dict:
    section = config.section("translate")
    return {
        "engine": args.engine or section.get("engine", "argos"),
        "beam": args.beam or section.get("beam"),
        "threads": args.threads or section.get("threads"),
        "device": args.device or section.get("device"),
        "batch_size": args.batch_size or section.get("batch_size", 32),
        "n_best": args.n_best or section.get("n_best", 4),
    }


def make_engine(settings: dict):
    """Build the engine named in *settings*; only here may torch/argostranslate get imported."""
    from l10n.translate.engine import get_engine

    options = {k: settings[k] for k in ("beam", "threads", "device") if settings.get(k) is not None}
    if settings["engine"] == "argos":
        options = {{"beam": "beam_size"}.get(k, k): v for k, v in options.items()}
    else:
        options = {}
    return get_engine(settings["engine"], **options)


def load_glossary(config, disabled: bool):
    if disabled:
        return None
    from l10n.glossary import load_project_glossary

    glossary = load_project_glossary(config)
    return glossary if len(glossary.terms) else None


def cmd_translate(args, config) -> int:
    from l10n.project.layout import Project
    from l10n.terminal import console as safe_console

    project = Project(config)
    console = safe_console(highlight=False, soft_wrap=True, markup=False)
    articles = project.articles(args.articles)
    languages = project.languages(args.lang)
    settings = _settings(args, config)
    if args.dry_run:
        return _dry_run(project, articles, languages, args, console)
    glossary = load_glossary(config, args.no_glossary)
    engine = make_engine(settings)
    for lang in languages:
        summary = translate_with_progress(project, articles, lang, engine, glossary, settings, args.retranslate_fuzzy, console)
        print_summary(console, summary)
    return 0


def translate_with_progress(project, articles, lang, engine, glossary, settings, retranslate_fuzzy, console):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from l10n.translate.catalogs import translate_catalogs

    class _Rate(TextColumn):
        def render(self, task):  # segments per second
            speed = task.finished_speed or task.speed
            from rich.text import Text

            return Text(f"{speed:.1f} seg/s" if speed else "… seg/s")

    with Progress(
        TextColumn(f"translate {lang.code}"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(""),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("mt", total=None)
        return translate_catalogs(
            project,
            articles,
            lang,
            engine,
            glossary=glossary,
            batch_size=int(settings["batch_size"]),
            n_best=int(settings["n_best"]),
            retranslate_fuzzy=retranslate_fuzzy,
            progress=lambda n: bar.advance(task, n),
            on_total=lambda total: bar.update(task, total=total),
        )


def print_summary(console, s) -> None:
    st = s.stats
    if not s.pending:
        console.print(f"{s.language.code}: nothing to translate")
        return
    console.print(
        f"{s.language.code}: {s.pending} entries to translate ({s.unique} distinct sentences): "
        f"{s.machine} machine-translated, {s.from_memory} from memory, {s.failed} failed; "
        f"{s.glossary_hits} glossary terms, {s.terms_enforced} enforced "
        f"(term success {100 * st.raw_rate:.0f}% before enforcement, {100 * st.final_rate:.0f}% after); "
        f"MT {s.mt_seconds:.1f}s"
    )
    for path, line, source, problems in s.failures[:20]:
        console.print(f"  {path}:{line}: left untranslated ({'; '.join(problems)}): {source[:70]}")


def _dry_run(project, articles, languages, args, console) -> int:
    from l10n.translate.catalogs import plan

    for lang in languages:
        _, pending = plan(project, articles, lang, retranslate_fuzzy=args.retranslate_fuzzy)
        distinct = {p.key[1] for p in pending}
        console.print(f"{lang.code}: would translate {len(pending)} entries ({len(distinct)} distinct sentences)")
        for p in pending:
            console.print(f"  {p.path}:{p.line}: {p.key[1][:100]}")
    return 0
