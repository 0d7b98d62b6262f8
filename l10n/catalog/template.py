"""The gettext template of an article, and a fresh catalogue made from it (pure: no files)."""

from __future__ import annotations

import hashlib
import re

from l10n import __version__
from l10n.catalog.po import Catalog, Message
from l10n.lang import Language
from l10n.segment import Document, Segment, is_translatable

__all__ = [
    "EntryKey",
    "SOURCE_FIELD",
    "entry_keys",
    "make_template",
    "new_catalog",
    "set_language",
    "plural_forms_agree",
    "source_digest",
]

EntryKey = tuple[str | None, str]  # (msgctxt, msgid)

#: Template header field holding a digest of the article it was extracted from: a template whose
#: article changed since is stale, and every command that reads it re-extracts first.
SOURCE_FIELD = "X-L10n-Source"


def source_digest(data: bytes) -> str:
    """``sha1:<hex>`` of an article's bytes (what :data:`SOURCE_FIELD` records)."""
    return "sha1:" + hashlib.sha1(data).hexdigest()


def entry_keys(document: Document) -> list[tuple[Segment, EntryKey]]:
    """The catalogue key of every translatable segment, in document order.

    msgctxt is used only where it keeps entries distinct: when the same sentence occurs as
    different block types (a heading and a paragraph, say) each non-paragraph type gets its type as
    context.  Never a line number: line-based contexts lose translations whenever lines shift.
    """
    segments = [s for s in document.segments if is_translatable(s.text)]
    kinds: dict[str, set[str]] = {}
    for seg in segments:
        kinds.setdefault(seg.text, set()).add(seg.kind)
    out = []
    for seg in segments:
        ctx = seg.kind if len(kinds[seg.text]) > 1 and seg.kind != "paragraph" else None
        out.append((seg, (ctx, seg.text)))
    return out


def make_template(document: Document, *, creation_date: str, source: str = "") -> Catalog:
    """The POT for one article: one entry per distinct sentence, references to every occurrence.

    *source* is :func:`source_digest` of the article's bytes, recorded so staleness is a comparison.
    """
    pot = Catalog()
    pot.metadata = {
        "Project-Id-Version": document.name,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"l10n {__version__}",
    }
    if source:
        pot.metadata[SOURCE_FIELD] = source
    pot.header = f"Translation template for the article {document.name!r}.\nSource: {document.path}"
    by_key: dict[EntryKey, Message] = {}
    for seg, key in entry_keys(document):
        entry = by_key.get(key)
        ref = (document.path, str(seg.line))
        if entry is None:
            entry = Message(key[1], "", msgctxt=key[0], occurrences=[ref], comment=f"type: {seg.kind}")
            by_key[key] = entry
            pot.append(entry)
        elif ref not in entry.occurrences:
            entry.occurrences.append(ref)
    return pot


def template_entry_copy(entry: Message) -> Message:
    return Message(
        entry.msgid,
        "",
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=["", ""] if entry.msgid_plural is not None else (),
        occurrences=list(entry.occurrences),
        comment=entry.comment,
    )


def new_catalog(template: Catalog, language: Language) -> Catalog:
    """A fresh catalogue for *language* from *template* (no translations yet)."""
    po = Catalog()
    article = template.metadata.get("Project-Id-Version", "")
    po.header = f"{language.name} translation of the article {article!r}."
    po.metadata = {k: v for k, v in template.metadata.items() if k != SOURCE_FIELD}
    set_language(po, language, new=True)
    for entry in template:
        po.append(template_entry_copy(entry))
    return po


def set_language(po: Catalog, language: Language, *, new: bool = False) -> None:
    """Fill the header fields a catalogue of *language* needs; fields a translator set right stay."""
    md = po.metadata
    if md.get("Language") != language.code:
        md["Language"] = language.code
    if new or not md.get("Language-Team") or md.get("Language-Team", "").startswith("LANGUAGE"):
        md["Language-Team"] = f"{language.name} <>"
    if not plural_forms_agree(md.get("Plural-Forms", ""), language.plural_forms):
        md["Plural-Forms"] = language.plural_forms  # missing, malformed or not the language's rules
    md.setdefault("MIME-Version", "1.0")
    if "charset=" not in md.get("Content-Type", "") or "CHARSET" in md.get("Content-Type", ""):
        md["Content-Type"] = "text/plain; charset=UTF-8"  # the charset a file is in stays (render_po)
    md.setdefault("Content-Transfer-Encoding", "8bit")


def plural_forms_agree(header: str, expected: str, upto: int = 200) -> bool:
    """True when the ``Plural-Forms`` value *header* is valid and picks the same form as *expected* for
    every n in 0…*upto* (an equivalent expression written differently is left as the translator wrote it)."""

    def compile_(value: str):
        m = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?\s*", value)
        if not m:
            return None
        import gettext

        try:
            return int(m.group(1)), gettext.c2py(m.group(2))
        except (ValueError, SyntaxError, RecursionError):
            return None

    got, want = compile_(header), compile_(expected)
    if got is None or want is None or got[0] != want[0]:
        return False
    try:
        return all(got[1](n) == want[1](n) for n in range(upto + 1))
    except (ArithmeticError, TypeError, ValueError):
        return False
