"""Project-level operations: the pipeline's stages applied to the files of a project.

Each function is what one CLI command does, minus the printing: it takes a :class:`Project`, does its
file I/O through the stages' edges, and returns plain results the CLI (or a caller) can show.
This module may import every stage; stages never import it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

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
from l10n.errors import InputError
from l10n.lang import Language
from l10n.project.files import atomic_write
from l10n.project.layout import Project
from l10n.project.store import read_po, update_catalog, write_catalog
from l10n.segment import MAX_SOURCE_BYTES, Document, read_document

__all__ = [
    "ExtractResult",
    "UpdateResult",
    "BuildResult",
    "load_document",
    "extract",
    "stale_articles",
    "out_of_date",
    "refresh",
    "update",
    "build",
    "stats",
]


@dataclass(frozen=True)
class ExtractResult:
    article: str
    path: Path
    entries: int
    sentences: int
    written: bool


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


def load_document(project: Project, article: str) -> Document:
    return read_document(
        project.source_file(article), name=article, display_path=project.source_display(article)
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
        results.append(ExtractResult(article, path, len(pot), len(doc.segments), written))
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
    from l10n.assemble import build_article

    refresh(project, articles, languages)
    results = []
    for article in articles:
        doc = load_document(project, article)
        for lang in languages:
            out = project.build_file(article, lang, fmt)
            ldoc = build_article(
                doc, project.catalog_file(article, lang), lang, out, fmt, require_complete=require_complete, digits=digits,
                drafts=drafts,
            )
            results.append(BuildResult(article, lang, out, ldoc.counts, ldoc.drafts))
    return results


def stats(project: Project, articles: list[str], languages: list[Language]) -> list[tuple[str, Language, CatalogStats]]:
    refresh(project, articles, languages)
    out = []
    for article in articles:
        for lang in languages:
            path = project.catalog_file(article, lang)
            if path.exists():
                out.append((article, lang, catalog_stats(read_po(path))))
    return out
