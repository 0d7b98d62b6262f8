"""Merging a new template into a catalogue with ``msgmerge --previous`` semantics (pure: no files).

What msgmerge does, and so what this does (checked against msgmerge itself in tests/test_po_msgmerge.py):

- an entry whose key (msgctxt, msgid) is in the template keeps its translation, flags and comments;
  an obsolete (``#~``) entry with that key is revived as it was;
- a template entry with no exact match takes the closest translated old entry (active or obsolete,
  same msgctxt) as ``fuzzy``, with ``#|`` showing the previous msgid (the older one if the old entry
  already had one); several new entries may take the same old one;
- an old entry used neither way becomes obsolete if it has a translation (dropped otherwise); an old
  entry consumed by a fuzzy match is *not* also made obsolete; obsolete entries not used stay.

Where we differ, by design: similarity is rapidfuzz's ``ratio`` with a cutoff of 70 (msgmerge's fstrcmp
threshold is 0.6), measured on one-word edits of news sentences; and the result keeps the old file's
bytes for every entry the merge did not change, so the diff a reviewer sees is the real change.
"""

from __future__ import annotations

from dataclasses import dataclass

from l10n.catalog.po import Catalog, Message
from l10n.catalog.template import SOURCE_FIELD, EntryKey, set_language, template_entry_copy
from l10n.lang import Language

__all__ = ["MergeStats", "merge"]


@dataclass(frozen=True)
class MergeStats:
    kept: int = 0  # exact matches (translation kept; revived obsolete entries included)
    fuzzy: int = 0  # new/changed sources given the closest old translation as fuzzy
    new: int = 0  # untranslated new entries
    obsolete: int = 0  # translated entries that left the article (kept as #~)
    skipped: bool = False  # neither template nor catalogue changed since the last merge: not even read


def merge(
    template: Catalog,
    old: Catalog,
    language: Language | None,
    *,
    cutoff: float = 70.0,
) -> tuple[Catalog, MergeStats]:
    """Merge *template* into the existing catalogue *old* (whose entries it takes over).

    *cutoff* is the minimum rapidfuzz ``ratio`` (0-100) for a changed sentence to inherit an old
    translation as fuzzy; 70 was measured on one-word edits of news sentences (see README).
    """
    from rapidfuzz import fuzz, process

    po = old.derive()
    md = po.metadata
    pot_date = template.metadata.get("POT-Creation-Date")
    if pot_date is not None and md.get("POT-Creation-Date") != pot_date:
        md["POT-Creation-Date"] = pot_date
    if "X-Generator" in template.metadata:
        md.setdefault("X-Generator", template.metadata["X-Generator"])
    md.pop(SOURCE_FIELD, None)
    if language is not None:
        set_language(po, language)

    active: dict[EntryKey, Message] = {}
    dormant: dict[EntryKey, Message] = {}
    for m in old:
        (dormant if m.obsolete else active)[m.key] = m
    # fuzzy candidates: every translated old entry, per msgctxt
    pools: dict[str | None, tuple[list[str], list[Message]]] = {}
    for m in old:
        if m.has_translation and m.msgid:
            ids, msgs = pools.setdefault(m.msgctxt, ([], []))
            ids.append(m.msgid)
            msgs.append(m)

    kept = fuzzy = new = 0
    used: set[int] = set()
    for t in template:
        prev = active.get(t.key) or dormant.get(t.key)
        if prev is not None:
            used.add(id(prev))
            prev.obsolete = False
            _take_template_fields(prev, t)
            po.append(prev)
            kept += 1
            continue
        entry = template_entry_copy(t)
        pool = pools.get(t.msgctxt)
        best = process.extractOne(t.msgid, pool[0], scorer=fuzz.ratio, score_cutoff=cutoff) if pool else None
        if best is not None:
            source = pool[1][best[2]]
            used.add(id(source))
            entry.msgstr = source.msgstr
            if entry.msgid_plural is not None and source.msgstr_plural:
                entry.msgstr_plural = list(source.msgstr_plural)
            entry.tcomment = source.tcomment
            entry.flags = [f for f in source.flags if f != "fuzzy"] + ["fuzzy"]
            if source.fuzzy and source.previous_msgid is not None:
                entry.previous_msgid = source.previous_msgid
                entry.previous_msgctxt = source.previous_msgctxt
                entry.previous_msgid_plural = source.previous_msgid_plural
            else:
                entry.previous_msgid = source.msgid
                entry.previous_msgctxt = source.msgctxt
                entry.previous_msgid_plural = source.msgid_plural
            fuzzy += 1
        else:
            new += 1
        po.append(entry)

    obsolete = 0
    for m in old:
        if id(m) in used:
            continue
        if m.obsolete:
            po.append(m)  # already obsolete: stays as it was
        elif m.has_translation:
            m.obsolete = True
            po.append(m)
            obsolete += 1
        # nothing typed, nothing to keep (msgmerge drops these too)
    return po, MergeStats(kept=kept, fuzzy=fuzzy, new=new, obsolete=obsolete)


def _take_template_fields(entry: Message, t: Message) -> None:
    """The template owns references, extracted comments and msgid_plural; the translator the rest."""
    if entry.occurrences != t.occurrences:
        entry.occurrences = list(t.occurrences)
    if entry.comment != t.comment:
        entry.comment = t.comment
    if entry.msgid_plural != t.msgid_plural:
        entry.msgid_plural = t.msgid_plural
        if t.msgid_plural is None:
            entry.msgstr = entry.msgstr_plural[0] if entry.msgstr_plural else entry.msgstr
            entry.msgstr_plural = []
        elif not entry.msgstr_plural:
            entry.msgstr_plural = [entry.msgstr, ""]
            entry.msgstr = ""
