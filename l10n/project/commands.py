"""Project-level operations: the pipeline's stages applied to the files of a project.

Each function is what one CLI command does, minus the printing: it takes a :class:`Project`, does its
file I/O through the stages' edges, and returns plain results the CLI (or a caller) can show.
This module may import every stage; stages never import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from l10n.catalog import (
    CatalogStats,
    MergeStats,
    catalog_stats,
    make_template,
    merge,
    new_catalog,
)
from l10n.errors import InputError, UsageError
from l10n.lang import Language
from l10n.project.files import atomic_write, check_name
from l10n.project.layout import Project
from l10n.project.store import read_po, update_catalog, write_catalog
from l10n.segment import Document, is_translatable, read_document

__all__ = [
    "ImportResult",
    "import_articles",
    "ExtractResult",
    "UpdateResult",
    "BuildResult",
    "load_document",
    "extract",
    "update",
    "build",
    "stats",
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
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    if name is not None and len(files) != 1:
        raise UsageError("--name names one article: give exactly one file to import")
    planned: list[tuple[Path, str, str, str]] = []
    targets: dict[str, Path] = {}
    for path in files:
        data = path.read_bytes()
        if len(data) > MAX_SOURCE_BYTES:
            raise InputError(f"{path}: {len(data) / 1048576:.1f} MiB is too large for an article")
        if path.suffix.lower() in HTML_SUFFIXES:
            kind, article = "html", import_html(data, meta=meta)
        else:
            kind, article = "text", import_text(_decode(path, data), meta=meta)
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


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8") from exc
    return text.removeprefix("\ufeff")


def load_document(project: Project, article: str) -> Document:
    return read_document(
        project.source_file(article),
        name=article,
        display_path=project.source_display(article),
        front_matter_keys=project.config.front_matter_keys,
    )


def extract(project: Project, articles: list[str]) -> list[ExtractResult]:
    """Write ``locale/<article>.pot`` for each article (only if its content changed)."""
    results = []
    docs = [(a, load_document(project, a)) for a in articles]  # read everything before writing anything
    for article, doc in docs:
        pot = make_template(doc, creation_date="")
        path = project.template_file(article)
        written = write_catalog(path, pot, date_field="POT-Creation-Date")
        translatable = sum(1 for s in doc.segments if is_translatable(s.text))
        results.append(
            ExtractResult(article, path, len(pot), translatable, written, len(doc.segments) - translatable)
        )
    return results


def update(project: Project, articles: list[str], languages: list[Language]) -> list[UpdateResult]:
    """Create or merge ``locale/<lang>/LC_MESSAGES/<article>.po`` from each template."""
    results = []
    templates = {a: read_po(project.template_file(a)) for a in articles}
    for article in articles:
        template = templates[article]
        for lang in languages:
            path = project.catalog_file(article, lang)
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
            results.append(
                UpdateResult(article, lang, path, bool(info.get("created")), written, info["merge"])  # type: ignore[arg-type]
            )
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
    out = []
    for article in articles:
        for lang in languages:
            path = project.catalog_file(article, lang)
            if path.exists():
                out.append((article, lang, catalog_stats(read_po(path))))
    return out
