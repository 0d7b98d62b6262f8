"""Stage 2 — catalogues: the gettext template of an article and its per-language ``.po`` files.

Shaped like Babel's ``messages`` package: pure functions over :class:`polib.POFile` objects
(:func:`make_template`, :func:`merge`) and thin I/O at the edges (:func:`read_po`,
:func:`write_catalog`, :func:`update_catalog`).

Merging follows ``msgmerge``: translations of unchanged entries are kept; an entry whose source
changed gets the closest old translation as ``fuzzy`` with ``#| msgid`` showing the previous source;
entries that left the article become obsolete (``#~``) instead of being deleted.  Nothing a
translator typed is ever dropped: translated entries survive as obsolete, and an update never
writes over a file that changed on disk while we were merging.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import polib

from l10n import __version__
from l10n.errors import InputError
from l10n.lang import Language
from l10n.segment import Document, Segment, is_translatable

__all__ = [
    "WRAPWIDTH",
    "EntryKey",
    "entry_keys",
    "make_template",
    "merge",
    "MergeStats",
    "new_catalog",
    "parse_po",
    "render_po",
    "CatalogStats",
    "catalog_stats",
    "MT_TAG",
    "is_machine_draft",
]

#: Same as msgmerge and Poedit, so their saves and ours do not reflow each other's lines.
WRAPWIDTH = 79

EntryKey = tuple[str | None, str]  # (msgctxt, msgid)

#: Translator-comment tag of a translation written by machine translation (``l10n translate``).
MT_TAG = "l10n-mt:"


def is_machine_draft(entry: polib.POEntry) -> bool:
    """A fuzzy entry whose msgstr machine translation wrote for its current msgid: a draft to review.

    A fuzzy entry with a previous msgid (``#|``) is not one: its source changed since, so the text is
    a translation of another sentence.
    """
    return bool(entry.fuzzy and entry.msgstr and not entry.previous_msgid and MT_TAG in (entry.tcomment or ""))


# --------------------------------------------------------------------------- template (pure)


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


def make_template(document: Document, *, creation_date: str) -> polib.POFile:
    """The POT for one article: one entry per distinct sentence, references to every occurrence."""
    pot = polib.POFile(wrapwidth=WRAPWIDTH)
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
    pot.header = f"Translation template for the article {document.name!r}.\nSource: {document.path}"
    by_key: dict[EntryKey, polib.POEntry] = {}
    for seg, key in entry_keys(document):
        entry = by_key.get(key)
        ref = (document.path, str(seg.line))
        if entry is None:
            entry = polib.POEntry(
                msgctxt=key[0],
                msgid=key[1],
                msgstr="",
                occurrences=[ref],
                comment=f"type: {seg.kind}",
            )
            by_key[key] = entry
            pot.append(entry)
        elif ref not in entry.occurrences:
            entry.occurrences.append(ref)
    return pot


# --------------------------------------------------------------------------- merge (pure)


@dataclass(frozen=True)
class MergeStats:
    kept: int = 0  # exact matches (translation kept)
    fuzzy: int = 0  # new/changed sources given the closest old translation as fuzzy
    new: int = 0  # untranslated new entries
    obsolete: int = 0  # entries that left the article (translated ones kept as #~)


def _key(entry: polib.POEntry) -> EntryKey:
    return (entry.msgctxt, entry.msgid)


def new_catalog(template: polib.POFile, language: Language) -> polib.POFile:
    """A fresh catalogue for *language* from *template* (no translations yet)."""
    po = polib.POFile(wrapwidth=WRAPWIDTH)
    article = template.metadata.get("Project-Id-Version", "")
    po.header = f"{language.name} translation of the article {article!r}."
    po.metadata = dict(template.metadata)
    _set_language(po, language, new=True)
    for entry in template:
        po.append(_copy_template_entry(entry))
    return po


def _set_language(po: polib.POFile, language: Language, *, new: bool = False) -> None:
    md = po.metadata
    md["Language"] = language.code
    if new or not md.get("Language-Team") or md.get("Language-Team", "").startswith("LANGUAGE"):
        md["Language-Team"] = f"{language.name} <>"
    if not plural_forms_agree(md.get("Plural-Forms", ""), language.plural_forms):
        md["Plural-Forms"] = language.plural_forms  # missing, malformed or not the language's rules
    md["MIME-Version"] = "1.0"
    md["Content-Type"] = "text/plain; charset=UTF-8"
    md["Content-Transfer-Encoding"] = "8bit"


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


def _copy_template_entry(entry: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr="",
        occurrences=list(entry.occurrences),
        comment=entry.comment,
    )


def merge(
    template: polib.POFile,
    old: polib.POFile,
    language: Language,
    *,
    cutoff: float = 70.0,
) -> tuple[polib.POFile, MergeStats]:
    """Merge *template* into the existing catalogue *old* with msgmerge semantics.

    *cutoff* is the minimum rapidfuzz ``ratio`` (0-100) for a changed sentence to inherit an old
    translation as fuzzy; 70 was measured on one-word edits of news sentences (see README).
    """
    from rapidfuzz import fuzz, process

    po = polib.POFile(wrapwidth=WRAPWIDTH)
    po.header = old.header or template.header
    po.metadata = dict(old.metadata)
    po.metadata["POT-Creation-Date"] = template.metadata.get("POT-Creation-Date", "")
    po.metadata.setdefault("X-Generator", template.metadata.get("X-Generator", ""))
    _set_language(po, language)

    old_by_key: dict[EntryKey, polib.POEntry] = {}
    for entry in old:  # active entries win over obsolete ones with the same key
        old_by_key.setdefault(_key(entry), entry)
    for entry in old.obsolete_entries():
        old_by_key.setdefault(_key(entry), entry)
    translated_old = [e for e in old_by_key.values() if e.msgstr or any(e.msgstr_plural.values())]
    choices = [e.msgid for e in translated_old]

    kept = fuzzy = new = 0
    used: set[EntryKey] = set()
    for tentry in template:
        entry = _copy_template_entry(tentry)
        previous = old_by_key.get(_key(tentry))
        if previous is not None:
            used.add(_key(previous))
            entry.msgstr = previous.msgstr
            entry.msgstr_plural = dict(previous.msgstr_plural)
            entry.tcomment = previous.tcomment
            entry.flags = [f for f in previous.flags]
            if previous.fuzzy:
                entry.previous_msgid = previous.previous_msgid
                entry.previous_msgctxt = previous.previous_msgctxt
            kept += 1
        else:
            best = process.extractOne(entry.msgid, choices, scorer=fuzz.ratio, score_cutoff=cutoff) if choices else None
            if best is not None:
                source = translated_old[best[2]]
                entry.msgstr = source.msgstr
                entry.tcomment = source.tcomment
                entry.flags = [f for f in source.flags if f != "fuzzy"] + ["fuzzy"]
                entry.previous_msgid = source.msgid
                entry.previous_msgctxt = source.msgctxt if source.msgctxt != entry.msgctxt else None
                fuzzy += 1
            else:
                new += 1
        po.append(entry)

    obsolete = 0
    template_keys = {_key(e) for e in template}
    for key, entry in old_by_key.items():
        if key in template_keys:
            continue
        if not (entry.msgstr or any(entry.msgstr_plural.values())):
            continue  # nothing typed, nothing to keep (msgmerge drops these too)
        ob = polib.POEntry(
            msgctxt=entry.msgctxt,
            msgid=entry.msgid,
            msgstr=entry.msgstr,
            msgstr_plural=dict(entry.msgstr_plural),
            tcomment=entry.tcomment,
            flags=list(entry.flags),
            comment=entry.comment,
            obsolete=True,
        )
        if entry.msgid_plural:
            ob.msgid_plural = entry.msgid_plural
        po.append(ob)
        obsolete += 1
    return po, MergeStats(kept=kept, fuzzy=fuzzy, new=new, obsolete=obsolete)


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


def catalog_stats(po: polib.POFile) -> CatalogStats:
    total = translated = fuzzy = words = twords = drafts = 0
    for entry in po:
        if entry.obsolete:
            continue
        total += 1
        n = len(_WORD.findall(entry.msgid))
        words += n
        if entry.msgstr and not entry.fuzzy:
            translated += 1
            twords += n
        elif entry.fuzzy:
            fuzzy += 1
            drafts += is_machine_draft(entry)
    return CatalogStats(total, translated, fuzzy, total - translated - fuzzy, words, twords, drafts)


# --------------------------------------------------------------------------- I/O edges

_PO_LINE = re.compile(
    r'^(?:#.*|\s*|(?:#~\s*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(?:[^"\\]|\\.)*"\s*'
    r'|(?:#~\s*)?"(?:[^"\\]|\\.)*"\s*)$'
)
_ESCAPE = re.compile(r"\\(.)")
_GOOD_ESCAPES = set('\\"ntrabfv01234567x?\'')


def parse_po(data: bytes, path: str | os.PathLike[str]) -> polib.POFile:
    """Parse PO bytes; any syntax problem raises :class:`InputError` naming ``file:line``."""
    path = str(path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    charset = "utf-8"
    m = re.search(rb'charset=([A-Za-z0-9_.:-]+)', data[:4096])
    if m:
        charset = m.group(1).decode("ascii")
    if charset.lower().replace("_", "-") not in ("utf-8", "utf8", "charset", "ascii", "us-ascii"):
        try:
            data.decode("utf-8")
            mislabelled = not data.isascii()
        except UnicodeDecodeError:
            mislabelled = False
        if mislabelled:  # real text in a legacy charset is practically never valid UTF-8
            raise InputError(
                f"{path}: the header declares charset={charset} but the file is UTF-8: "
                "set 'Content-Type: text/plain; charset=UTF-8' in its header"
            )
    elif charset.lower() == "charset":  # a template's placeholder
        charset = "utf-8"
    try:
        text = data.decode(charset)
    except LookupError as exc:
        raise InputError(f"{path}: unknown charset {charset!r} in the Content-Type header") from exc
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not valid {charset} (byte 0x{data[exc.start]:02x})") from exc
    text = text.replace("\r\n", "\n")
    for lineno, line in enumerate(text.split("\n"), 1):
        if not _PO_LINE.match(line):
            raise InputError(f"{path}:{lineno}: malformed PO line: {line[:60]!r}")
        if "\\" in line and not line.lstrip().startswith("#") and any(
            m.group(1) not in _GOOD_ESCAPES for m in _ESCAPE.finditer(line)
        ):
            raise InputError(f"{path}:{lineno}: invalid escape sequence in {line[:60]!r}")
    try:
        # Split on "\n" only, as GNU gettext does: polib's own str.splitlines() would also break lines at
        # U+0085, U+2028, form feeds… that are legitimate characters inside a msgstr.
        parser = polib._POFileParser(text, encoding="utf-8", check_for_duplicates=True)
        parser.fhandle = text.split("\n")
        po = parser.parse()
        po.wrapwidth = WRAPWIDTH
        po.encoding = "utf-8"
    except ValueError as exc:  # duplicate entries
        raise InputError(f"{path}: {exc} (duplicate msgid: msgfmt rejects this file)") from exc
    except OSError as exc:  # polib reports "Syntax error in po file (line N)"
        m = re.search(r"line (\d+)", str(exc))
        where = f"{path}:{m.group(1)}" if m else path
        raise InputError(f"{where}: {exc}") from exc
    po.fpath = path
    return po


def render_po(po: polib.POFile) -> str:
    po.wrapwidth = WRAPWIDTH
    return str(po) + ("" if str(po).endswith("\n") else "\n")
