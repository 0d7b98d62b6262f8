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


def add_cluster_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("Ray cluster (pip install 'l10n[cluster]'; see docs/cluster.md)")
    g.add_argument("--cluster", default=None, metavar="ADDRESS", help="run MT on Ray: 'local' (start one here), 'auto' (join this machine's cluster) or an address")
    g.add_argument("--workers", type=int, default=None, metavar="N", help="worker actors, each loading the engine once (default: as many as the cluster's CPUs/GPUs allow)")
    g.add_argument("--gpus-per-worker", type=float, default=None, metavar="N", help="GPUs each worker reserves; > 0 runs the engine on CUDA (default 0)")
    g.add_argument("--ship-model", action="append", default=None, metavar="FILE", help="an .argosmodel file shipped to the workers with the job (repeatable); otherwise workers use the models installed in their image")


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
    add_cluster_options(p)
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
        "cluster": getattr(args, "cluster", None) or section.get("cluster"),
        "workers": getattr(args, "workers", None) or section.get("workers"),
        "gpus_per_worker": getattr(args, "gpus_per_worker", None) or section.get("gpus_per_worker", 0),
        "ship_models": getattr(args, "ship_model", None) or section.get("ship_models", []),
    }


def engine_options(settings: dict) -> dict:
    """The engine options *settings* give (the Argos ones; other engines take none from the CLI)."""
    options = {k: settings[k] for k in ("beam", "threads", "device") if settings.get(k) is not None}
    if settings["engine"] != "argos":
        return {}
    return {{"beam": "beam_size"}.get(k, k): v for k, v in options.items()}


def make_engine(settings: dict):
    """Build the engine named in *settings*; only here may torch/argostranslate get imported."""
    from l10n.translate.engine import get_engine

    return get_engine(settings["engine"], **engine_options(settings))


def open_cluster(settings: dict, glossary):
    """A :class:`~l10n.translate.cluster.RayCluster` for *settings* (imports Ray; only with --cluster)."""
    from l10n.errors import UsageError
    from l10n.translate.cluster import ClusterSettings, RayCluster

    ship = settings["ship_models"]
    try:
        gpus = float(settings["gpus_per_worker"] or 0)
    except (TypeError, ValueError):
        raise UsageError(f"gpus_per_worker must be a number, not {settings['gpus_per_worker']!r}") from None
    cluster = ClusterSettings(
        address=str(settings["cluster"]),
        workers=settings["workers"],
        cpus_per_worker=settings["threads"] or 1,
        gpus_per_worker=gpus,
        ship_models=tuple(str(f) for f in ([ship] if isinstance(ship, str) else ship)),
    )
    options = {k: v for k, v in engine_options(settings).items() if k not in ("threads", "device")}
    return RayCluster(cluster, settings["engine"], options, glossary)


def load_glossary(config, disabled: bool):
    if disabled:
        return None
    from l10n.glossary import load_project_glossary

    glossary = load_project_glossary(config)
    return glossary if len(glossary.terms) else None


def cmd_translate(args, config) -> int:
    from rich.console import Console

    from l10n.project.layout import Project

    project = Project(config)
    console = Console(highlight=False, soft_wrap=True, markup=False)
    articles = project.articles(args.articles)
    languages = project.languages(args.lang)
    settings = _settings(args, config)
    if args.dry_run:
        return _dry_run(project, articles, languages, args, console)
    glossary = load_glossary(config, args.no_glossary)
    if settings["cluster"]:
        with open_cluster(settings, glossary) as cluster:
            for lang in languages:
                translator = cluster.batches(config.source_lang, lang, int(settings["n_best"]))
                summary = translate_with_progress(
                    project, articles, lang, None, glossary, settings, args.retranslate_fuzzy, console, translator
                )
                print_summary(console, summary)
        return 0
    engine = make_engine(settings)
    for lang in languages:
        summary = translate_with_progress(project, articles, lang, engine, glossary, settings, args.retranslate_fuzzy, console)
        print_summary(console, summary)
    return 0


def translate_with_progress(project, articles, lang, engine, glossary, settings, retranslate_fuzzy, console, translator=None):
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
            translator=translator,
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
