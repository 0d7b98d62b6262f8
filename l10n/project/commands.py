"""One function per command: the pipeline's stages applied to the files of a project.

Each function is what one CLI command does, minus the printing: it takes a :class:`Project` (or its
:class:`Config`), reads and writes the files, calls the stages with values, and returns plain results the
CLI (or a caller) can show.  :func:`run` is the whole job in one place.  Long steps report through a
:class:`Reporter` the CLI implements (progress bars, one line per step).
This module may import every stage; stages never import it.  Heavy stages (MT engines, rich) are
imported inside the functions that need them, so ``l10n check`` never loads torch.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from l10n.catalog import (
    SOURCE_FIELD,
    CatalogStats,
    MergeStats,
    catalog_stats,
    make_template,
    merge,
    new_catalog,
    parse_po,
    source_digest,
)
from l10n.errors import InputError, L10nError, UsageError, decode_utf8
from l10n.inputs import check_regular, read_regular
from l10n.lang import Language
from l10n.project.config import Config, TranslateSettings
from l10n.project.files import atomic_write, check_name, file_lock
from l10n.project.glossary import load_project_glossary, relative, resolve
from l10n.project.layout import Project, locale_key
from l10n.project.store import MAX_CATALOG_BYTES, read_po, update_catalog, write_catalog
from l10n.segment import MAX_SOURCE_BYTES, Document, is_translatable, read_document

if TYPE_CHECKING:
    from l10n.check import CatalogueResult, CheckResult
    from l10n.glossary import Glossary, Problem
    from l10n.preview import ArticlePreview
    from l10n.translate.catalogs import BatchTranslator, Pending, TranslateSummary

__all__ = [
    "ImportResult",
    "import_articles",
    "ExtractResult",
    "UpdateResult",
    "BuildResult",
    "Reporter",
    "load_document",
    "extract",
    "stale_articles",
    "out_of_date",
    "refresh",
    "update",
    "make_engine",
    "open_cluster",
    "translate",
    "translate_plan",
    "check",
    "build",
    "stats",
    "preview",
    "preview_sources",
    "run",
    "glossary_check",
    "glossary_export",
    "glossary_import",
    "models_list",
    "models_install",
]


@dataclass(frozen=True)
class ExtractResult:
    """What ``extract`` did.  The counts are the ones ``build`` reports, defined once:

    * *sentences*: occurrences of translatable sentences in the article (a sentence repeated twice
      counts twice) = build's translated + fuzzy + untranslated;
    * *entries*: distinct (msgctxt, msgid) pairs, the POT's length (repeats share one entry);
    * *copied*: sentences with no letters ("2024", "—"), copied as they are and never entries = build's
      copied.
    """

    article: str
    path: Path
    entries: int
    sentences: int
    written: bool
    copied: int = 0


@dataclass(frozen=True)
class UpdateResult:
    article: str
    language: Language
    path: Path
    created: bool
    written: bool
    merge: MergeStats


@dataclass(frozen=True)
class BuildResult:
    article: str
    language: Language
    path: Path
    counts: dict[str, int]
    drafts: int = 0  # of the translated sentences, unreviewed machine drafts (build with drafts=True)


@dataclass(frozen=True)
class ImportResult:
    source: Path  # the file imported
    article: str
    path: Path  # source/<article>.md
    kind: str  # "html" or "text"
    blocks: int  # blocks of the imported article (as extract will see them)
    written: bool  # False: the file already had exactly this content


#: Suffixes read as HTML pages; every other file is read as scraped plain text.
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
IMPORT_SUFFIXES = (*HTML_SUFFIXES, ".txt", ".text")


def import_articles(
    project: Project,
    inputs: list[str | Path],
    *,
    name: str | None = None,
    force: bool = False,
    meta: dict[str, str] | None = None,
) -> list[ImportResult]:
    """Turn saved pages and scraped text into ``source/<slug>.md`` (offline: URLs are never fetched).

    Every input is read and converted before anything is written, and an existing article is never
    replaced unless *force*: it may be hand-edited, and the translators' catalogues point at it.
    """
    from l10n.importer import import_html, import_text
    from l10n.segment import MAX_SOURCE_BYTES, parse_markdown

    files: list[Path] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in IMPORT_SUFFIXES)
            if not found:
                raise UsageError(f"{path}: no .html, .htm or .txt files to import")
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() in (".md", ".markdown"):
                raise UsageError(f"{path}: already Markdown: put it in source/ as it is (import is for pages and scrapes)")
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    if name is not None and len(files) != 1:
        raise UsageError("--name names one article: give exactly one file to import")
    planned: list[tuple[Path, str, str, str]] = []
    targets: dict[str, Path] = {}
    for path in files:
        try:  # bounded, regular files only: a FIFO or /dev/zero given to import is refused unread
            data = read_regular(path, MAX_SOURCE_BYTES, "an article")
        except FileNotFoundError as exc:
            raise InputError(f"{path}: no such file") from exc
        if path.suffix.lower() in HTML_SUFFIXES:
            kind, article = "html", import_html(data, meta=meta)
        else:
            kind, article = "text", import_text(decode_utf8(path, data, binary="text"), meta=meta)
        if not article.body.strip():
            raise InputError(f"{path}: no article text found")
        stem = check_name(name or article.slug)
        if stem in targets:
            raise UsageError(f"{path} and {targets[stem]} would both be {stem}.md: import them one by one with --name")
        targets[stem] = path
        planned.append((path, stem, kind, article.markdown()))
    results = []
    for _path, stem, _kind, text in planned:
        out = project.source_file(stem)
        if out.exists() and not force and out.read_text(encoding="utf-8", errors="replace") != text:
            raise UsageError(f"{out} exists: pass --force to replace it (or --name to import under another name)")
    for path, stem, kind, text in planned:
        out = project.source_file(stem)
        written = not (out.exists() and out.read_bytes() == text.encode("utf-8"))
        if written:
            atomic_write(out, text)
        blocks = len(parse_markdown(text).blocks)
        results.append(ImportResult(path, stem, out, kind, blocks, written))
    return results


def load_document(project: Project, article: str) -> Document:
    return read_document(
        project.source_file(article),
        name=article,
        display_path=project.source_display(article),
        front_matter_keys=project.config.front_matter_keys,
    )


def _source_digest(project: Project, article: str) -> str:
    path = project.source_file(article)
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return ""  # read_document reports it
        return source_digest(path.read_bytes())
    except OSError:
        return ""  # read_document reports it


def _head_field(path: Path, field: str, size: int = 16384) -> str | None:
    """The value of header *field* in the first bytes of a PO/POT file (None if absent or unreadable).

    A digest comparison that needs no parse: this is how an unchanged input costs a stat and a read
    of one header, not a parse and a merge.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(size)
    except OSError:
        return None
    m = re.search(rb'^"' + re.escape(field.encode()) + rb':[ \t]*([^"\\]*)\\n"', head, re.M)
    return m.group(1).decode("ascii", "replace").strip() if m else None


def stale_articles(project: Project, articles: list[str]) -> list[str]:
    """Articles whose template is missing or was extracted from another version of the article."""
    return [
        a
        for a in articles
        if _head_field(project.template_file(a), SOURCE_FIELD) != _source_digest(project, a)
    ]


def out_of_date(project: Project, article: str) -> bool:
    """The template records an article digest and the article no longer has it (what ``check`` refuses:
    CI must not rewrite files, and must not pass a catalogue of an older article)."""
    recorded = _head_field(project.template_file(article), SOURCE_FIELD)
    return recorded is not None and project.source_file(article).is_file() and recorded != _source_digest(project, article)


def extract(project: Project, articles: list[str]) -> list[ExtractResult]:
    """Write ``locale/<article>.pot`` for each article (only if its content changed).

    The template records a digest of the article (``X-L10n-Source``), so any command can tell a stale
    template with one read and one hash.
    """
    results = []
    docs = [(a, load_document(project, a), _source_digest(project, a)) for a in articles]  # read all, then write
    for article, doc, digest in docs:
        pot = make_template(doc, creation_date="", source=digest)
        path = project.template_file(article)
        written = write_catalog(path, pot, date_field="POT-Creation-Date")
        translatable = sum(1 for s in doc.segments if is_translatable(s.text))
        results.append(
            ExtractResult(article, path, len(pot), translatable, written, len(doc.segments) - translatable)
        )
    return results


def refresh(project: Project, articles: list[str], languages: list[Language] | None = None) -> list[str]:
    """Re-extract the templates whose article changed and merge them into the existing catalogues of
    *languages* (all existing ones when None).  Returns the articles refreshed.  Articles with no
    catalogue in *languages* are left alone (there is nothing to show, and nothing is created).

    What read-side commands (stats, build, preview) call first: a template is derived data, so an
    edited article must never leave them showing the old text.  Nothing is touched when no article
    changed.
    """
    langs = languages if languages is not None else project.existing_languages()
    present = {a: [lang for lang in langs if project.catalog_file(a, lang).is_file()] for a in articles}
    stale = stale_articles(project, [a for a in articles if present[a]])
    for article in stale:
        update(project, [article], present[article])
    return stale


#: Where ``update`` remembers, per catalogue, the template digest it last merged and the catalogue's
#: identity (size, mtime_ns, inode) right after: both unchanged means the merge would change nothing.
UPDATE_CACHE = ".l10n-update-cache.json"


def _signature(path: Path, digest: str) -> list[object] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino, digest]


def update(project: Project, articles: list[str], languages: list[Language]) -> list[UpdateResult]:
    """Create or merge ``locale/<lang>/LC_MESSAGES/<article>.po`` from each template.

    Templates whose article changed are re-extracted first.  A catalogue that neither changed on disk
    (size, mtime, inode) nor has a new template since the last merge costs a stat, not a parse.
    """
    results = []
    stale = stale_articles(project, articles)
    if stale:
        extract(project, stale)
    templates: dict[str, tuple[bytes, str]] = {}
    for a in articles:
        path = project.template_file(a)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            read_po(path)  # the one-line "run 'l10n extract' first"
            raise
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
        templates[a] = (data, "sha1:" + hashlib.sha1(data).hexdigest())
    cache_path = project.config.locale_path / UPDATE_CACHE
    try:
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
        if not isinstance(cache, dict):
            cache = {}
    except (OSError, ValueError):
        cache = {}
    dirty = False
    for article in articles:
        data, digest = templates[article]
        template = None
        for lang in languages:
            path = project.catalog_file(article, lang)
            key = f"{lang.code}/{article}"
            if cache.get(key) is not None and cache.get(key) == _signature(path, digest):
                results.append(UpdateResult(article, lang, path, False, False, MergeStats(skipped=True)))
                continue
            if template is None:
                template = parse_po(data, str(project.template_file(article)))
            info: dict[str, object] = {}

            def change(old, template=template, lang=lang, info=info):
                if old is None:
                    po = new_catalog(template, lang)
                    info["created"] = True
                    info["merge"] = MergeStats(new=len(po))
                    return po
                po, stats = merge(template, old, lang, cutoff=project.config.fuzzy_cutoff)
                info["merge"] = stats
                return po

            written = update_catalog(path, change)
            cache[key] = _signature(path, digest)
            dirty = True
            results.append(
                UpdateResult(article, lang, path, bool(info.get("created")), written, info["merge"])  # type: ignore[arg-type]
            )
    if dirty:
        with contextlib.suppress(OSError):  # only a cache: the next run merges again
            atomic_write(cache_path, json.dumps(cache, sort_keys=True, indent=0))
    return results


def build(
    project: Project,
    articles: list[str],
    languages: list[Language],
    fmt: str = "md",
    *,
    require_complete: bool = False,
    digits: str = "default",
    drafts: bool = False,
) -> list[BuildResult]:
    """Write ``build/<lang>/<article>.<fmt>`` for each article and language."""
    from l10n.assemble import IncompleteError, build_article

    refresh(project, articles, languages)  # an edited article is built as edited
    results = []
    for article in articles:
        doc = load_document(project, article)
        for lang in languages:
            out = project.build_file(article, lang, fmt)
            path = project.catalog_file(article, lang)
            try:
                ldoc, text = build_article(
                    doc, read_po(path), lang, fmt, require_complete=require_complete, digits=digits, drafts=drafts
                )
            except IncompleteError as exc:
                raise IncompleteError(
                    f"{path}: {exc}; refusing to build {out} (drop --require-complete to fall back to English)"
                ) from None
            atomic_write(out, text)
            results.append(BuildResult(article, lang, out, ldoc.counts, ldoc.drafts))
    return results


def stats(
    project: Project, articles: Sequence[str] = (), languages: Sequence[str] = ()
) -> list[tuple[str, Language, CatalogStats]]:
    """Progress of every existing catalogue of *articles* (default: all) in *languages* (default: the
    configured ones, else every language under ``locale/``)."""
    names = project.articles(list(articles))
    if languages or project.config.languages:
        langs = project.languages(list(languages))
    else:
        langs = project.existing_languages()
    refresh(project, names, langs)  # an edited article is counted as edited
    out = []
    for article in names:
        for lang in langs:
            path = project.catalog_file(article, lang)
            if path.exists():
                out.append((article, lang, catalog_stats(read_po(path))))
    return out


# ---------------------------------------------------------------------------------------------- translate


def make_engine(settings: TranslateSettings):
    """The engine *settings* name; only here (and in the engines) may torch/argostranslate get imported."""
    from l10n.translate.engine import get_engine

    return get_engine(settings.engine, **settings.engine_options)


def open_cluster(settings: TranslateSettings, glossary: Glossary | None = None):
    """The Ray cluster *settings* name, as a context manager (imports Ray: only with ``--cluster``)."""
    from l10n.translate.cluster import ClusterSettings, RayCluster

    cluster = ClusterSettings(
        address=str(settings.cluster),
        workers=settings.workers,
        cpus_per_worker=settings.threads or 1,
        gpus_per_worker=float(settings.gpus_per_worker),
        ship_models=tuple(str(f) for f in settings.ship_models),
    )
    options = {k: v for k, v in settings.engine_options.items() if k not in ("threads", "device")}
    glossary = glossary if glossary is not None and len(glossary.terms) else None
    from l10n.project.models import install_shipped

    return RayCluster(cluster, settings.engine, options, glossary, prepare=install_shipped)


def translate_plan(
    project: Project, articles: list[str], language: Language, *, retranslate_fuzzy: bool = False
) -> list[Pending]:
    """What ``translate`` would do (``--dry-run``): the pending entries, nothing translated."""
    from l10n.translate.catalogs import plan

    return plan(_read_catalogues(project, articles, language), retranslate_fuzzy=retranslate_fuzzy)


def translate(
    project: Project,
    articles: list[str],
    language: Language,
    engine,
    *,
    settings: TranslateSettings | None = None,
    glossary: Glossary | None = None,
    retranslate_fuzzy: bool = False,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    translator: BatchTranslator | None = None,
) -> TranslateSummary:
    """Machine-translate the untranslated entries of *articles* into *language*.

    *translator* runs the batches elsewhere (:meth:`RayCluster.batches` from :func:`open_cluster`); by
    default *engine* runs them here.  Either way the catalogues are read and written here only.

    The catalogues are read here, the translation memory is every catalogue of *language* under
    ``locale/`` (a broken neighbour is skipped: ``check`` reports it), and each batch is saved with the
    catalogue's read-modify-write (:func:`l10n.project.store.update_catalog`).
    """

    settings = settings or project.config.translate
    refresh(project, articles, [language])  # an edited article is translated as edited (before the locks)
    with contextlib.ExitStack() as locks:
        # Lock every catalogue before any MT work: a second run waits here (or gives up with one line)
        # instead of translating and then finding it cannot save, and plans from the first run's result.
        for article in articles:
            locks.enter_context(file_lock(project.catalog_file(article, language)))
        return _translate_locked(project, language, engine, articles, settings, glossary, retranslate_fuzzy,
                                 progress, on_total, translator)


def _translate_locked(project, language, engine, articles, settings, glossary, retranslate_fuzzy, progress, on_total,
                      translator=None):
    from l10n.translate.catalogs import translate_catalogs

    catalogs = _read_catalogues(project, articles, language)
    return translate_catalogs(
        catalogs,
        _memory(project, language, catalogs),
        engine,
        project.config.source_lang,
        language,
        save=update_catalog,
        glossary=glossary if glossary is not None and len(glossary.terms) else None,
        batch_size=int(settings.batch_size),
        n_best=int(settings.n_best),
        retranslate_fuzzy=retranslate_fuzzy,
        progress=progress,
        on_total=on_total,
        translator=translator,
    )


def _read_catalogues(project: Project, articles: list[str], language: Language) -> dict[Path, Any]:
    return {project.catalog_file(a, language): read_po(project.catalog_file(a, language)) for a in articles}


def _memory(project: Project, language: Language, loaded: dict[Path, Any]):
    from l10n.translate.memory import TranslationMemory

    pos = [(str(p), po) for p, po in loaded.items()]
    for path, _code in project.catalogues([language.code]):
        if path not in loaded:
            try:
                pos.append((str(path), read_po(path)))
            except InputError:  # a broken neighbour must not stop this run; `l10n check` reports it
                continue
    return TranslationMemory.from_catalogs(pos)


# ---------------------------------------------------------------------------------------------- check


def check(
    project: Project,
    *,
    articles: Sequence[str] = (),
    languages: Sequence[str] = (),
    paths: Sequence[str] = (),
    disable: Sequence[str] = (),
    only: Sequence[str] = (),
    include_fuzzy: bool | None = None,
    fail_on: str | None = None,
    changed_since: str | None = None,
    jobs: int | None = None,
    report_format: str = "text",
    output: str | None = None,
    profile: str | None = None,
    cache: str | None = None,
) -> CheckResult:
    """QA the selected catalogues (default: every ``locale/*/LC_MESSAGES/*.po``) against the glossary.

    *articles* may mix article names and catalogue PATHs (files, directories, globs), as *paths* holds.
    With *output*, the report in *report_format* is written there (atomically, relative to the root);
    with *cache*, results of unchanged catalogues are read back from that directory.
    """
    from l10n.check import Settings, check_catalogues
    from l10n.glossary.index import paused_gc

    config = project.config
    settings = Settings.from_config(
        config.section("check"),
        disable=disable,
        only=only,
        include_fuzzy=include_fuzzy,
        fail_on=fail_on,
        profile=profile,
    )
    if jobs is None:
        jobs = 1
    elif jobs == 0:
        jobs = os.cpu_count() or 1
    elif jobs < 0:
        raise UsageError("--jobs must be 0 (one per CPU) or more")
    items = _check_selection(project, articles, languages, paths)
    changed = None
    if changed_since:
        from l10n.check.gitdiff import changed_lines

        changed = changed_lines(config.root, changed_since, config.locale_dir)
    results = None
    if cache:
        from l10n.check.cache import ResultCache

        results = ResultCache(resolve(config, cache))
    glossary = load_project_glossary(config)
    with paused_gc():  # one window for the run and its report: one collection after it, not two
        result = check_catalogues(
            items, glossary, settings, changed=changed, jobs=jobs, cache=results, article_of=project.article_of
        )
        if output:
            from l10n.check.report import render_chunks

            atomic_write(resolve(config, output), render_chunks(result, report_format), durable=False)
    return result


def _check_selection(
    project: Project, given: Sequence[str], codes: Sequence[str], paths: Sequence[str]
) -> list[tuple[str, str, str]]:
    """``[(path, display path, language)]`` for a selection of articles, catalogue PATHs and languages.

    *given* holds article names and PATHs (files, directories, globs) alike; *codes* are gettext locale
    names matched against the directories under ``locale/``.  A catalogue's language is its directory's
    name, else (no ``…/<lang>/LC_MESSAGES/``) the one ``--lang``, else its ``Language`` header.
    """
    root = Path(project.config.root)
    out: dict[str, tuple[str, str, str]] = {}
    paths = [g for g in given if project.names_catalogues(g)] + list(paths)
    articles = [g for g in given if not project.names_catalogues(g)]
    wanted = {locale_key(code) for code in codes}

    resolved: dict[str, Path] = {}

    def add(path: Path, code: str) -> None:
        out[str(path)] = (str(path), relative(path, root, resolved), code)

    if articles or not paths:
        dirs = project.language_dirs(list(codes))
        found = {locale_key(d.name) for d in dirs}
        absent = [code for code in codes if locale_key(code) not in found]
        base = project.config.locale_path
        if absent and articles:
            raise InputError(f"{base / absent[0]}: no catalogues for {absent[0]} (run 'l10n update -l {absent[0]}' first)")
        if articles:
            for article in project.articles(articles):
                for d in dirs:
                    path = d / "LC_MESSAGES" / f"{article}.po"
                    if path.is_file():
                        add(path, d.name)
                    elif codes:
                        raise InputError(f"{path}: no such catalogue (run 'l10n update -l {d.name}' first)")
        else:
            for path, code in project.catalogues(list(codes)):
                add(path, code)
        if not out and not paths:
            where = ", ".join(codes) if codes else "any language"
            raise UsageError(f"no catalogues to check for {where} under {base}/ (run 'l10n update -l CODE' first)")
    for path_, _, _ in out.values():  # the project's own catalogues must resolve inside it
        project.inside(Path(path_), "the catalogue")
    for item in paths:  # PATHs given explicitly may be anywhere (check only reads)
        for path in project.find_catalogues(item):
            code = project.language_of(path)
            if code and wanted and locale_key(code) not in wanted:
                continue
            add(path, code or (codes[0] if len(codes) == 1 else ""))
    if paths and not out:
        raise InputError(f"no catalogue for {', '.join(codes)} in {', '.join(paths)}")
    for path_, _, _ in out.values():  # a regular file of sane size: never a FIFO's hang, never /dev/zero
        check_regular(path_, MAX_CATALOG_BYTES, "a catalogue")
    _refuse_stale(project, list(out))
    return list(out.values())


def _refuse_stale(project: Project, paths: list[str]) -> None:
    """A catalogue of an article edited since its template was extracted is not checked (CI must not pass
    the old text, and must not rewrite files): one line naming the article and the fix."""
    source = project.config.source_path
    for stem in sorted({Path(p).stem for p in paths}):
        if (source / f"{stem}.md").is_file() and out_of_date(project, stem):
            raise InputError(
                f"{project.source_display(stem)}: changed since its template was extracted: "
                "run 'l10n update' to merge the change into the catalogues, then check again"
            )


# ---------------------------------------------------------------------------------------------- preview


def preview(
    project: Project,
    article: str,
    lang: str | None = None,
    *,
    digits: str = "default",
    drafts: bool = True,
    glossary: bool = True,
    **options: Any,
) -> ArticlePreview:
    """The preview renderable of *article* in *lang* (default: the one configured language).

    *options* go to :class:`l10n.preview.ArticlePreview` (bidi, shape, side_by_side, isolates).  A
    glossary that cannot be read stops the preview with its one-line error, as in every other command.
    *drafts* (the default, as for :func:`run`): unreviewed machine drafts are shown, marked ``[MT]``;
    False shows English in their place, as :func:`build` does without drafts.  An empty catalogue is an
    error, not an untranslated article: it is a save in progress (``preview --watch``).
    """
    from l10n.assemble import localise, lookup_from_catalog
    from l10n.assemble.conventions import localise_document
    from l10n.preview import ArticlePreview, glossary_highlighter

    name = project.articles([article])[0]
    languages = project.languages([lang] if lang else [])
    if len(languages) > 1:
        codes = ", ".join(x.code for x in languages)
        raise UsageError(f"several target languages configured ({codes}): choose one with --lang")
    language = languages[0]
    refresh(project, [name], [language])  # an edited article is previewed as edited
    document = load_document(project, name)
    path = project.catalog_file(name, language)
    if path.is_file() and path.stat().st_size == 0:
        raise InputError(f"{path}: empty (being written?)")
    po = read_po(path)
    highlighter = glossary_highlighter(load_project_glossary(project.config), language.code) if glossary else None
    ldoc = localise_document(localise(document, lookup_from_catalog(po, drafts=drafts), language), digits=digits)
    return ArticlePreview(ldoc, highlighter=highlighter, **options)


def preview_sources(project: Project, article: str, lang: str | None = None) -> list[Path]:
    """The files :func:`preview` reads, for ``preview --watch``: the article, its catalogue and the
    glossary directory (standing for its CSV files)."""
    name = project.articles([article])[0]
    language = project.languages([lang] if lang else [])[0]
    return [project.source_file(name), project.catalog_file(name, language), project.config.glossary_path]


# ---------------------------------------------------------------------------------------------- run


class Reporter(Protocol):
    """How :func:`run` tells what it does; the CLI prints, a caller may collect."""

    def extracted(self, result: ExtractResult) -> None: ...
    def updated(self, result: UpdateResult) -> None: ...
    def translated(self, summary: TranslateSummary) -> None: ...
    def skipped(self, step: str, why: str) -> None: ...
    def installed(self, package: Any) -> None: ...
    def checked(self, result: CatalogueResult) -> None: ...
    def built(self, result: BuildResult) -> None: ...
    def mt_progress(self, language: Language) -> contextlib.AbstractContextManager[tuple[Any, Any]]: ...
    def download_progress(self, source: str, target: str) -> contextlib.AbstractContextManager[Any]: ...


class SilentReporter:
    """A :class:`Reporter` that says nothing (library callers, tests)."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args, **kw: None

    @contextlib.contextmanager
    def mt_progress(self, language: Language) -> Iterator[tuple[None, None]]:
        yield None, None

    @contextlib.contextmanager
    def download_progress(self, source: str, target: str) -> Iterator[None]:
        yield None


_NO_MT = "machine translation is not installed ({name}): pip install 'l10n[mt]'"


def run(
    project: Project,
    articles: list[str],
    languages: list[Language],
    *,
    formats: Sequence[str] = ("md", "html"),
    machine_translate: bool = True,
    settings: TranslateSettings | None = None,
    use_glossary: bool = True,
    install_models: bool = False,
    drafts: bool = True,
    reporter: Reporter | None = None,
) -> None:
    """The whole job: extract → update → translate → check → build.

    A missing engine or model skips translation with one line saying what to do (with *install_models*
    a missing Argos model is fetched from Argos's index first: the only network access l10n ever makes,
    and only when asked).  Check reports one line per catalogue, over the drafts the build shows; its
    details and CI's exit code are ``l10n check``'s.
    """
    from l10n.translate.engine import MissingModelError

    say = reporter or SilentReporter()
    for r in extract(project, articles):
        say.extracted(r)
    for r in update(project, articles, languages):
        say.updated(r)

    if machine_translate:
        settings = settings or project.config.translate
        engine = glossary = None
        try:
            engine = make_engine(settings)
            glossary = load_project_glossary(project.config) if use_glossary else None
        except L10nError as exc:
            say.skipped("translate", str(exc))
        except ImportError as exc:
            say.skipped("translate", _NO_MT.format(name=exc.name))

        def machine(lang: Language) -> TranslateSummary:
            with say.mt_progress(lang) as (advance, total):
                return translate(project, articles, lang, engine, settings=settings, glossary=glossary,
                                 progress=advance, on_total=total)

        for lang in languages if engine is not None else []:
            try:
                try:
                    summary = machine(lang)
                except MissingModelError as exc:
                    if not (install_models and exc.engine == "argos"):
                        raise
                    say.installed(models_install([exc.source, exc.target], reporter=say))
                    engine = make_engine(settings)  # sees the new package
                    summary = machine(lang)
                say.translated(summary)
            except L10nError as exc:
                say.skipped(f"translate {lang.code}", str(exc))
            except ImportError as exc:
                say.skipped("translate", _NO_MT.format(name=exc.name))
                break

    present = [str(p) for lang in languages for a in articles if (p := project.catalog_file(a, lang)).is_file()]
    if present:
        for cat in check(project, paths=present, include_fuzzy=True).catalogues:
            say.checked(cat)

    for fmt in formats:
        for r in build(project, articles, languages, fmt, drafts=drafts):
            say.built(r)


# ---------------------------------------------------------------------------------------------- glossary


def glossary_check(config: Config, paths: Sequence[str] = ()) -> tuple[Glossary, list[Problem]]:
    """The glossary (*paths*, else the project's) and its validation problems."""
    from l10n.check.glossary_file import validate

    glossary = load_project_glossary(config, paths)
    return glossary, validate(glossary)


def glossary_export(config: Config, paths: Sequence[str] = (), fmt: str | None = None, output: str | None = None):
    """``(glossary, text)``: the glossary as TBX-Basic or CSV; written to *output* when given (then text
    is None).  The format defaults to CSV for a ``.csv`` output, else TBX."""
    from l10n.glossary import dump_csv, export_tbx

    if fmt is None:
        fmt = "csv" if output and output.lower().endswith(".csv") else "tbx"
    glossary = load_project_glossary(config, paths)
    text = export_tbx(glossary) if fmt == "tbx" else dump_csv(glossary)
    return glossary, _write_or_return(config, output, text)


def glossary_import(config: Config, file: str, output: str | None = None):
    """``(glossary, text, problems)``: a TBX or CSV file converted to the glossary CSV format."""
    from l10n.check.glossary_file import validate
    from l10n.glossary import dump_csv, load_glossary

    glossary = load_glossary(resolve(config, file))
    text = _write_or_return(config, output, dump_csv(glossary))
    return glossary, text, validate(glossary)


def _write_or_return(config: Config, output: str | None, text: str) -> str | None:
    if output is None or output == "-":
        return text
    atomic_write(resolve(config, output), text)
    return None


# ---------------------------------------------------------------------------------------------- models


def models_list() -> tuple[list[tuple[str, ...]], list[str]]:
    """Rows ``(engine, from, to, version, location)`` of the installed models, and notes to show."""
    import shutil

    from l10n.translate.engine import EngineError
    from l10n.translate.models import argos_package_dirs, find_argos_packages

    rows: list[tuple[str, ...]] = []
    notes: list[str] = []
    try:
        packages = find_argos_packages()
    except EngineError as exc:
        notes.append(str(exc))
    else:
        rows += [
            ("argos", p.from_code, p.to_code, p.package_version, p.path.name)
            for p in sorted(packages, key=lambda p: (p.from_code, p.to_code, p.version_key()))
        ]
    if shutil.which("apertium") is not None:
        rows += _apertium_rows(notes)
    try:
        dirs = ", ".join(str(d) for d in argos_package_dirs())
    except Exception:  # noqa: BLE001 - argostranslate missing: already in the notes
        dirs = ""
    if not any(r[0] == "argos" for r in rows) and dirs:
        notes.append(
            f"no Argos packages in {dirs}: run 'l10n models install en ar' (needs network) or "
            "'l10n models install PATH/translate-en_ar-1_0.argosmodel'"
        )
    elif dirs:
        notes.append(f"Argos packages directory: {dirs}")
    return rows, notes


def _apertium_rows(notes: list[str]) -> list[tuple[str, ...]]:
    from l10n.translate.apertium import ApertiumEngine, pair_package
    from l10n.translate.engine import EngineError

    engine = ApertiumEngine()
    try:
        modes = engine.modes()
        version = engine.version().split(";")[0]
    except EngineError as exc:
        notes.append(str(exc))
        return []
    if modes:
        notes.append(f"Apertium {version}")
    rows = []
    for (src, tgt), mode in sorted(modes.items()):
        package = pair_package(mode)
        name = package[0] if package else "apertium"
        rows.append(("apertium", src, tgt, package[1] if package else "?", f"{name}, mode {mode}"))
    return rows


def models_install(
    what: Sequence[str],
    *,
    packages_dir: Path | None = None,
    timeout: float | None = None,
    reporter: Reporter | None = None,
):
    """Install an Argos package from a file (``[FILE]``, offline) or from Argos's index (``[FROM, TO]``)."""
    from l10n.project import models

    if len(what) == 1:
        return models.install_package(Path(what[0]), dest=packages_dir)
    if len(what) != 2:
        raise UsageError("models install takes a package file, or a source and a target language code")
    source, target = (models.check_code(code) for code in what)
    say = reporter or SilentReporter()
    with say.download_progress(source, target) as progress:
        return models.install_from_index(
            source, target, timeout=timeout or models.NETWORK_TIMEOUT, progress=progress, dest=packages_dir
        )
