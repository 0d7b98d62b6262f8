"""Stage 5 — build: put translations back into the article.

:func:`localise` is the pure core: a parsed :class:`~l10n.segment.Document` plus a catalogue give a
:class:`LocalisedDocument` (every sentence with its target text and status).  Renderers turn that into
Markdown (:func:`render_markdown`, byte-identical to the source under an identity translation), HTML and
plain text (:mod:`l10n.assemble.formats`).  :func:`build_article` does all of it for one article and
returns the text; reading the catalogue and writing the file are the project layer's
(:func:`l10n.project.commands.build`).

Fuzzy and untranslated entries fall back to the source sentence (status ``fuzzy``/``untranslated``),
unless the caller asks to refuse incomplete articles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from l10n.catalog import Catalog, EntryKey, entry_keys, is_machine_draft
from l10n.errors import L10nError, UsageError
from l10n.lang import Language
from l10n.segment import Block, Document, Segment, encode_value, is_translatable

__all__ = [
    "Status",
    "LocalisedSegment",
    "LocalisedBlock",
    "LocalisedDocument",
    "IncompleteError",
    "lookup_from_catalog",
    "localise",
    "render_markdown",
    "FORMATS",
    "render",
    "build_article",
]

Status = Literal["translated", "fuzzy", "untranslated", "copied"]
FORMATS = ("md", "html", "txt")


class IncompleteError(L10nError):
    """Raised when a build must refuse fuzzy/untranslated entries."""

    exit_code = 1


@dataclass(frozen=True)
class LocalisedSegment:
    source: str
    target: str  # what the output shows: the translation, or the source as a fallback
    status: Status  # translated | fuzzy (source shown) | untranslated (source shown) | copied (nothing to translate)
    key: EntryKey | None
    draft: bool = False  # "translated" by an unreviewed machine draft (shown only when drafts were asked for)


@dataclass(frozen=True)
class LocalisedBlock:
    block: Block
    segments: tuple[LocalisedSegment, ...]

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def changed(self) -> bool:
        """True when any sentence differs from the source (else the source text is kept byte for byte)."""
        return any(s.target != s.source for s in self.segments)

    @property
    def text(self) -> str:
        """The block's target text (inline Markdown kept, no block wrapper), one line."""
        seps = [*self.block.separators, ""]
        return "".join(_one_line(s.target) + sep for s, sep in zip(self.segments, seps))

    @property
    def status(self) -> Status:
        """Worst status of the block's sentences (untranslated > fuzzy > translated)."""
        statuses = {s.status for s in self.segments}
        for st in ("untranslated", "fuzzy", "translated"):
            if st in statuses:
                return st  # type: ignore[return-value]
        return "copied"


@dataclass(frozen=True)
class LocalisedDocument:
    document: Document
    language: Language
    blocks: tuple[LocalisedBlock, ...]

    @property
    def drafts(self) -> int:
        """Sentences shown as an unreviewed machine-translation draft (counted as translated too)."""
        return sum(s.draft for b in self.blocks for s in b.segments)

    @property
    def counts(self) -> dict[str, int]:
        out = {"translated": 0, "fuzzy": 0, "untranslated": 0, "copied": 0}
        for b in self.blocks:
            for s in b.segments:
                out[s.status] += 1
        return out

    @property
    def title(self) -> str:
        for kind in ("title", "front matter title"):
            for b in self.blocks:
                if b.kind == kind:
                    return b.text
        return self.document.name


def _one_line(text: str) -> str:
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


#: key -> (msgstr, fuzzy) or (msgstr, fuzzy, draft): a draft is a fuzzy machine translation to show.
Lookup = Mapping[EntryKey, tuple]


def lookup_from_catalog(po: Catalog, *, drafts: bool = False) -> dict[EntryKey, tuple[str, bool, bool]]:
    """Translations by key; with *drafts*, fuzzy machine-translation drafts are marked to be shown."""
    return {
        (e.msgctxt, e.msgid): (e.msgstr, e.fuzzy, drafts and is_machine_draft(e)) for e in po if not e.obsolete
    }


def localise(document: Document, lookup: Lookup, language: Language) -> LocalisedDocument:
    """Pair every sentence with its translation; pure."""
    keys: dict[int, EntryKey] = {id(seg): key for seg, key in entry_keys(document)}
    blocks = []
    for block in document.blocks:
        segs = []
        for seg in block.segments:
            segs.append(_localise_segment(seg, keys.get(id(seg)), lookup))
        blocks.append(LocalisedBlock(block=block, segments=tuple(segs)))
    return LocalisedDocument(document=document, language=language, blocks=tuple(blocks))


def _localise_segment(seg: Segment, key: EntryKey | None, lookup: Lookup) -> LocalisedSegment:
    if key is None or not is_translatable(seg.text):
        return LocalisedSegment(seg.text, seg.text, "copied", None)
    found = lookup.get(key)
    if found is None or not found[0]:
        return LocalisedSegment(seg.text, seg.text, "untranslated", key)
    msgstr, fuzzy = found[0], found[1]
    if fuzzy and len(found) > 2 and found[2]:
        return LocalisedSegment(seg.text, msgstr, "translated", key, draft=True)
    if fuzzy:
        return LocalisedSegment(seg.text, seg.text, "fuzzy", key)
    return LocalisedSegment(seg.text, msgstr, "translated", key)


def render_markdown(ldoc: LocalisedDocument, *, block_text=None, wrapper=None) -> str:
    """The localised article as Markdown.

    Unchanged blocks are copied from the source byte for byte.  A changed block's text replaces its
    source span (:attr:`l10n.segment.Block.span`): a paragraph or heading is written on one line, keeping
    its prefix (``## ``, ``> ``, ``- ``), wrapper and suffix; a front matter value, table cell, alt text or
    attribute is written in place in its own syntax (YAML quoting, ``\\|`` in cells, HTML escapes), so
    the front matter stays YAML and the table keeps its delimiter row and hence its alignment.
    *block_text* (LocalisedBlock -> str) lets a caller decorate the text (RTL isolation, digits);
    *wrapper* (LocalisedBlock -> (open, close)) replaces a changed paragraph's wrapper (``*…*`` …).
    """
    text = ldoc.document.text
    out: list[str] = []
    cursor = 0
    for lb in sorted(ldoc.blocks, key=lambda lb: lb.block.span[0]):
        b = lb.block
        decorate = block_text is not None and b.syntax != "yaml"  # front matter is data: no bidi marks
        if not lb.changed and not decorate:
            continue
        a, z = b.span
        if a < cursor:  # overlapping spans cannot happen for a parsed document; never corrupt the text
            continue
        out.append(text[cursor:a])
        body = block_text(lb) if decorate else lb.text
        if wrapper is not None and not b.inline:
            opening, closing = wrapper(lb)
            out.append(f"{opening}{encode_value(body, b.syntax)}{closing}")
        else:
            out.append(b.encode(body))
        cursor = z
    out.append(text[cursor:])
    return "".join(out)


def render(ldoc: LocalisedDocument, fmt: str, *, digits: str = "default") -> str:
    """The article in *fmt*, following the target locale's conventions (:mod:`l10n.assemble.conventions`:
    punctuation, dates, *digits*) and direction (:mod:`l10n.assemble.rtl`)."""
    from l10n.assemble.conventions import localise_document

    ldoc = localise_document(ldoc, digits=digits)
    if fmt == "md":
        if ldoc.language.rtl:
            from l10n.assemble.rtl import render_markdown_rtl

            return render_markdown_rtl(ldoc)
        return render_markdown(ldoc)
    from l10n.assemble import formats as _render

    if fmt == "html":
        return _render.render_html(ldoc)
    if fmt == "txt":
        return _render.render_text(ldoc)
    raise UsageError(f"unknown output format {fmt!r}: choose one of {', '.join(FORMATS)}")


def build_article(
    document: Document,
    po: Catalog,
    language: Language,
    fmt: str = "md",
    *,
    require_complete: bool = False,
    digits: str = "default",
    drafts: bool = False,
) -> tuple[LocalisedDocument, str]:
    """Localise *document* with the catalogue *po* and render it in *fmt*: ``(localised, text)``.

    With *require_complete*, a fuzzy or untranslated sentence raises :class:`IncompleteError` instead of
    falling back to the source.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r}: choose one of {', '.join(FORMATS)}")
    ldoc = localise(document, lookup_from_catalog(po, drafts=drafts), language)
    if require_complete:
        counts = ldoc.counts
        if counts["fuzzy"] + counts["untranslated"]:
            raise IncompleteError(f"{counts['untranslated']} untranslated and {counts['fuzzy']} fuzzy sentences")
    return ldoc, render(ldoc, fmt, digits=digits)
