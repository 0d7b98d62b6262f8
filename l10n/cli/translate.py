"""CLI: translate (machine translation of untranslated entries under the glossary)."""

from __future__ import annotations

import argparse
import contextlib

from l10n.cli.options import command, console, engine_options, translate_settings

__all__ = ["register", "mt_progress", "summary_lines"]


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "translate", cmd_translate, "machine-translate untranslated entries offline, under the glossary",
                "Fill the untranslated entries of locale/<lang>/LC_MESSAGES/*.po with offline machine translation "
                "(written fuzzy, with a comment naming the engine). Human translations are never touched; "
                "sentences already translated anywhere in the project are reused from memory.",
                articles=True, lang="target language (repeatable)")
    engine_options(p)
    cluster_options(p)
    p.add_argument("--retranslate-fuzzy", action="store_true", help="also retranslate fuzzy entries that came from MT")
    p.add_argument("--dry-run", action="store_true", help="show what would be translated, translate nothing")


def cluster_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("Ray cluster (pip install 'l10n[cluster]'; see docs/cluster.md)")
    g.add_argument("--cluster", default=None, metavar="ADDRESS",
                   help="run MT on Ray: 'local' (start one here), 'auto' (join this machine's cluster) or an address")
    g.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker actors, each loading the engine once (default: as many as the cluster's CPUs/GPUs allow)")
    g.add_argument("--gpus-per-worker", type=float, default=None, metavar="N",
                   help="GPUs each worker reserves; > 0 runs the engine on CUDA (default 0)")
    g.add_argument("--ship-model", action="append", default=None, metavar="FILE",
                   help="an .argosmodel file shipped to the workers with the job (repeatable); "
                   "otherwise workers use the models installed in their image")


def cmd_translate(args, config) -> int:
    from l10n.project.commands import make_engine, open_cluster, translate, translate_plan
    from l10n.project.glossary import load_project_glossary
    from l10n.project.layout import Project

    project = Project(config)
    out = console()
    articles = project.articles(args.articles)
    languages = project.languages(args.lang)
    if args.dry_run:
        for lang in languages:
            pending = translate_plan(project, articles, lang, retranslate_fuzzy=args.retranslate_fuzzy)
            distinct = {p.key[1] for p in pending}
            out.print(f"{lang.code}: would translate {len(pending)} entries ({len(distinct)} distinct sentences)")
            for p in pending:
                out.print(f"  {p.path}:{p.line}: {p.key[1][:100]}")
        return 0
    settings = translate_settings(args, config).override(
        cluster=args.cluster, workers=args.workers, gpus_per_worker=args.gpus_per_worker,
        ship_models=tuple(args.ship_model) if args.ship_model else None,
    )
    glossary = None if args.no_glossary else load_project_glossary(config)
    if settings.cluster:
        with open_cluster(settings, glossary) as cluster:
            for lang in languages:
                with mt_progress(out, lang) as (advance, total):
                    summary = translate(project, articles, lang, None, settings=settings, glossary=glossary,
                                        retranslate_fuzzy=args.retranslate_fuzzy, progress=advance, on_total=total,
                                        translator=cluster.batches(config.source_lang, lang, settings.n_best))
                for line in summary_lines(summary):
                    out.print(line)
        return 0
    engine = make_engine(settings)
    for lang in languages:
        with mt_progress(out, lang) as (advance, total):
            summary = translate(project, articles, lang, engine, settings=settings, glossary=glossary,
                                retranslate_fuzzy=args.retranslate_fuzzy, progress=advance, on_total=total)
        for line in summary_lines(summary):
            out.print(line)
    return 0


@contextlib.contextmanager
def mt_progress(out, lang):
    """A progress bar for one language (segments, rate, time left): yields ``(advance, set_total)``."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class _Rate(TextColumn):
        def render(self, task):  # segments per second
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} seg/s" if speed else "… seg/s")

    with Progress(TextColumn(f"translate {lang.code}"), BarColumn(), MofNCompleteColumn(), _Rate(""),
                  TimeRemainingColumn(), console=out, transient=True, disable=not out.is_terminal) as bar:
        task = bar.add_task("mt", total=None)
        yield (lambda n: bar.advance(task, n)), (lambda total: bar.update(task, total=total))


def summary_lines(s) -> list[str]:
    st = s.stats
    if not s.pending:
        return [f"{s.language.code}: nothing to translate"]
    lines = [
        f"{s.language.code}: {s.pending} entries to translate ({s.unique} distinct sentences): "
        f"{s.machine} machine-translated, {s.from_memory} from memory, {s.failed} failed; "
        f"{s.glossary_hits} glossary term occurrences, {st.raw_term_ok} right in the engine's output, "
        f"{st.final_term_ok} after enforcement "
        f"(term success {100 * st.raw_rate:.0f}% before enforcement, {100 * st.final_rate:.0f}% after); "
        f"MT {s.mt_seconds:.1f}s"
    ]
    if s.english_left:
        lines.append(f"  {len(s.english_left)} entries with words left in English:")
        for path, line, _source, words in s.english_left[:20]:
            lines.append(f"  {path}:{line}: {', '.join(words)}")
    for path, line, source, problems in s.failures[:20]:
        lines.append(f"  {path}:{line}: left untranslated ({'; '.join(problems)}): {source[:70]}")
    return lines
