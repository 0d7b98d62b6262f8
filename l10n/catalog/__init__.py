"""Stage 2 — catalogues: the gettext template of an article and its per-language ``.po`` files.

Shaped like Babel's ``messages`` package: one model (:class:`Message`, :class:`Catalog`) with one
reader and one writer (:func:`parse_po`, :func:`render_po`, in :mod:`l10n.catalog.po`), pure functions
over it (:func:`make_template`, :func:`new_catalog`, :func:`merge`, :func:`catalog_stats`), and one thin
I/O edge (:func:`load_po`) for the stages that read catalogues (check, assemble, preview).

Who owns a translation, in one place (:func:`is_mt_owned`): an entry belongs to machine translation
only while its msgstr is exactly what MT wrote (the ``# l10n-mt: … sha1=…`` comment records a digest
of it) *and* it is still fuzzy.  Anything else — a post-edit, a fuzzy entry a translator touched, an
MT comment without a digest — is human work that no command replaces.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass

from l10n.catalog.merge import MergeStats, merge
from l10n.catalog.po import MAX_CATALOG_BYTES, Catalog, Message, escape, parse_po, render_po
from l10n.catalog.template import (
    SOURCE_FIELD,
    EntryKey,
    entry_keys,
    make_template,
    new_catalog,
    plural_forms_agree,
    set_language,
    source_digest,
)
from l10n.errors import InputError
from l10n.inputs import read_regular

__all__ = [  # sorted: the names of po, template and merge, and this module's own
    "Catalog",
    "catalog_stats",
    "CatalogStats",
    "entry_keys",
    "EntryKey",
    "escape",
    "is_machine_draft",
    "is_mt_owned",
    "load_po",
    "make_template",
    "MAX_CATALOG_BYTES",
    "merge",
    "MergeStats",
    "Message",
    "mt_comment_line",
    "mt_digest",
    "MT_TAG",
    "new_catalog",
    "parse_po",
    "plural_forms_agree",
    "render_po",
    "set_language",
    "source_digest",
    "SOURCE_FIELD",
]

#: Translator-comment tag of a translation written by machine translation (``l10n translate``).
MT_TAG = "l10n-mt:"
_MT_SHA = re.compile(r"\bsha1=([0-9a-f]{12,40})\b")


def mt_digest(entry_or_text: Message | str) -> str:
    """Digest of a translation's text (all plural forms), as recorded in the ``l10n-mt`` comment."""
    if isinstance(entry_or_text, Message):
        m = entry_or_text
        text = "\x00".join(m.msgstr_plural) if m.msgid_plural is not None else m.msgstr
    else:
        text = entry_or_text
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def mt_comment_line(label: str, text: str) -> str:
    """``l10n-mt: <engine label> sha1=<digest>``: who wrote *text*, and proof it is still theirs."""
    return f"{MT_TAG} {label} sha1={mt_digest(text)}"


def is_mt_owned(entry: Message) -> bool:
    """True only while the entry is fuzzy and its msgstr is exactly what MT wrote (digest matches)."""
    if not entry.fuzzy or not entry.has_translation or MT_TAG not in entry.tcomment:
        return False
    digest = mt_digest(entry)
    for line in entry.tcomment.split("\n"):
        if line.startswith(MT_TAG):
            m = _MT_SHA.search(line)
            if m is not None and digest.startswith(m.group(1)[:16]):
                return True
    return False


def is_machine_draft(entry: Message) -> bool:
    """An MT-owned entry written for its current msgid: a draft to review.

    A fuzzy entry with a previous msgid (``#|``) is not one: its source changed since, so the text is
    a translation of another sentence.
    """
    return entry.previous_msgid is None and is_mt_owned(entry)


# --------------------------------------------------------------------------- stats (pure)


@dataclass(frozen=True)
class CatalogStats:
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    words: int  # source words of all entries
    translated_words: int
    drafts: int = 0  # of the fuzzy entries, unreviewed machine drafts (shown by run and preview, marked [MT])

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def catalog_stats(po: Catalog) -> CatalogStats:
    total = translated = fuzzy = words = twords = drafts = 0
    for entry in po:
        if entry.obsolete:
            continue
        total += 1
        n = len(_WORD.findall(entry.msgid))
        words += n
        if entry.has_translation and not entry.fuzzy:
            translated += 1
            twords += n
        elif entry.fuzzy:
            fuzzy += 1
            drafts += is_machine_draft(entry)
    return CatalogStats(total, translated, fuzzy, total - translated - fuzzy, words, twords, drafts)


# --------------------------------------------------------------------------- I/O edge


def load_po(path: str | os.PathLike[str], *, max_bytes: int = MAX_CATALOG_BYTES) -> Catalog:
    """Read and parse a catalogue file; missing, special (FIFO, device), too large or malformed is one
    :class:`InputError` naming the file (and line).  Reading is :func:`l10n.inputs.read_regular`'s."""
    try:
        data = read_regular(path, max_bytes, "a catalogue")
    except FileNotFoundError as exc:
        step = "extract" if str(path).endswith(".pot") else "update"
        raise InputError(f"{path}: no such catalogue (run 'l10n {step}' first)") from exc
    return parse_po(data, str(path), max_bytes=max_bytes)
