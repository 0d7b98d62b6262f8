"""From a catalogue to what the checks see: per-language rules and one context per translation.

A plural entry gives one context per form, and each form is judged against the English it stands for:
the counts that select it (:mod:`l10n.check.plurals`) decide whether that is ``msgid`` (a form said for
1) or ``msgid_plural``, and whether it may leave the count out (a form said for exactly one count).
Catalogue languages are gettext locale names (``zh_CN``, ``sr@latin``, ``ca@valencia``); one CLDR does
not know is checked without its script and plural facts and reported once, never an abort.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from l10n.catalog.po import Catalog as Catalogue  # the one PO model (issue 15)
from l10n.catalog.po import Message as PoEntry
from l10n.check.base import FUZZY, REGISTRY, TRANSLATED, UNTRANSLATED, EntryContext, LangRules
from l10n.check.plurals import form_numbers
from l10n.errors import UsageError

if TYPE_CHECKING:
    from l10n.check.settings import Settings
    from l10n.glossary import Glossary
    from l10n.lang import Language

__all__ = ["parse_ignore", "resolve_language", "lang_rules", "entry_contexts", "SourceCache"]

_IGNORE_COMMENT = re.compile(r"l10n-ignore\s*:\s*([^\n]*)")
_SPLIT = re.compile(r"[,\s]+")


def parse_ignore(entry: PoEntry) -> tuple[frozenset[str], frozenset[str]]:
    """Check ids (and ``check:term`` pairs) an entry opts out of.

    Translator comment ``# l10n-ignore: numbers, urls`` (``all`` for every check), or flags
    ``#, l10n-ignore-numbers`` / ``#, l10n-ignore``.
    """
    ids: set[str] = set()
    pairs: set[str] = set()
    if "l10n-ignore" in entry.tcomment:
        for m in _IGNORE_COMMENT.finditer(entry.tcomment):
            for item in _SPLIT.split(m.group(1).strip()):
                if not item:
                    continue
                if ":" in item:
                    pairs.add(item)
                else:
                    ids.add(item)
    for flag in entry.flags:
        if flag == "l10n-ignore":
            ids.add("all")
        elif flag.startswith("l10n-ignore-"):
            ids.add(flag[len("l10n-ignore-") :])
    if "all" in ids or "*" in ids:
        ids = set(REGISTRY)
    return frozenset(ids), frozenset(pairs)


#: gettext script modifiers and their ISO 15924 codes (``sr@latin`` is CLDR's ``sr_Latn``).
_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}


def resolve_language(code: str) -> tuple[Language | None, str]:
    """The CLDR language for a gettext locale name, and a note when it is not exactly that.

    ``sr@latin`` is ``sr_Latn``, ``ca@valencia`` is checked as ``ca``, ``zh_CN`` is ``zh_CN``;
    an unknown one (``udm``) gives ``(None, note)``.

    >>> resolve_language("sr@latin")[0].code
    'sr_Latn'
    >>> resolve_language("xx-unknown")[0] is None
    True
    """
    from l10n.lang import get_language

    raw = code.strip().replace("-", "_")
    base, _, modifier = raw.partition("@")
    base = base.split(".", 1)[0]  # zh_TW.Big5
    candidates = []
    script = _MODIFIER_SCRIPTS.get(modifier.lower())
    if script:
        candidates.append(f"{base.split('_', 1)[0]}_{script}")
    candidates.append(base)
    if "_" in base:
        candidates.append(base.split("_", 1)[0])
    for candidate in candidates:
        try:
            return get_language(candidate), ""
        except UsageError:
            continue
    return None, (
        f"language {code!r} is not a CLDR locale: checked without its script and plural rules "
        "(the catalogue's Plural-Forms header is still used)"
    )


def lang_rules(
    code: str,
    glossary: Glossary | None,
    allow_latin: Sequence[str] = (),
    accelerators: Sequence[str] = ("_", "&"),
) -> LangRules:
    """Per-language facts and patterns for a run (RTL, script letters, allowed Latin phrases)."""
    from l10n.check.glossary_index import build_index
    from l10n.check.text import LATIN_WORD_RE, script_pattern

    language, note = resolve_language(code)
    name = code if language is None else language.code
    accel = tuple(accelerators)
    index = build_index(glossary, language.code) if glossary and language is not None else None
    if language is None or not language.rtl:
        return LangRules(name, False, None, None, language, index, note, accel)
    phrases: set[str] = {p for p in allow_latin if p.strip()}
    for term in glossary or ():
        if term.is_dnt(language.code):
            phrases.update(term.forms)
            phrases.update(term.renderings(language.code))
        else:
            phrases.update(r for r in term.renderings(language.code) if LATIN_WORD_RE.search(r))
    allowed = None
    if phrases:
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        allowed = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return LangRules(
        language.code, True, script_pattern(language.code), allowed, language, index, note, accel
    )


def _ignoring(flags: Sequence[str]) -> bool:
    """The flags hold an ``l10n-ignore`` one (most entries' flags are ``python-format`` or nothing)."""
    for flag in flags:  # noqa: SIM110 - a loop, not any(generator): called for 50,000 entries
        if flag[:11] == "l10n-ignore":
            return True
    return False


#: Facts about the source side of a msgid, shared by the catalogues of one article in every language:
#: (msgctxt, source, msgid_plural[, msgid]) -> the dict each of its contexts gets as :attr:`EntryContext.shared`.
SourceCache = dict[tuple[str | None, ...], dict[str, Any]]

_KIND = re.compile(r"^type:\s*(.+)$", re.MULTILINE)
#: A form said for at most this many counts that include 1 stands for the singular (``msgid``).
_SINGULAR_SPAN = 50


def entry_contexts(
    catalogue: Catalogue,
    rules: LangRules,
    glossary: Glossary,
    settings: Settings,
    *,
    display_path: str | None = None,
    lines: set[int] | None = None,
    source_cache: SourceCache | None = None,
    tally: dict[str, int] | None = None,
) -> Iterator[EntryContext]:
    """One context per entry (per plural form) of *catalogue*; only entries starting on *lines* if given.

    *source_cache* shares source-side facts between catalogues of the same article in other languages.
    *tally*, if given, counts every entry by state (``translated``, ``fuzzy``, ``untranslated``) and
    those looked at (``checked``) as the contexts are consumed: the catalogue's statistics, from the
    same pass.
    """
    if tally is None:
        tally = dict.fromkeys((TRANSLATED, FUZZY, UNTRANSLATED, "checked"), 0)
    path = display_path or catalogue.path
    cache = source_cache if source_cache is not None else {}
    base_active = frozenset(c.id for c in settings.active)
    entries = catalogue.entries
    markdown = any(e.comment and "type:" in e.comment and _KIND.search(e.comment) for e in entries)
    plural_sets: tuple[frozenset[int], ...] | None = None
    plural_known = False
    lang, Context = rules.code, EntryContext  # noqa: N806 - a local alias, for the loop's speed
    no_terms: frozenset[str] = frozenset()
    for entry in entries:
        flags = entry.flags
        plural = entry.msgid_plural
        if plural is None:
            translated = bool(entry.msgstr)
        else:
            translated = bool(entry.msgstr_plural) and all(entry.msgstr_plural)
        state = FUZZY if "fuzzy" in flags else TRANSLATED if translated else UNTRANSLATED
        tally[state] += 1
        if lines is not None and entry.line not in lines:
            continue
        tally["checked"] += 1
        active = base_active
        ignored_terms = no_terms
        if (flags and (flags[0][:11] == "l10n-ignore" or (len(flags) > 1 and _ignoring(flags)))) or (
            "l10n-ignore" in entry.tcomment
        ):
            ids, ignored_terms = parse_ignore(entry)
            active = active - ids
        kind = ""
        comment = entry.comment
        if comment and "type:" in comment:
            km = _KIND.search(comment)
            kind = km.group(1).strip() if km else ""
        msgid, msgctxt = entry.msgid, entry.msgctxt
        if plural is None:
            if state is UNTRANSLATED:
                shared = {}  # nothing of its source is looked at: no need to find its facts
            else:
                key = (msgctxt, msgid, None)
                shared = cache.get(key)
                if shared is None:
                    shared = cache[key] = {}
            yield Context(
                path, entry.line, lang, rules, msgid, entry.msgstr, state, glossary, msgid, msgctxt, kind,
                active, ignored_terms, "", shared, flags, None, None, None, markdown,
            )  # fmt: skip
            continue
        if not plural_known:
            plural_sets, plural_known = form_numbers(catalogue.plural_forms, rules.code), True
        for i, target in enumerate(entry.msgstr_plural or ("",)):
            numbers = plural_sets[i] if plural_sets is not None and i < len(plural_sets) else None
            if numbers:
                singular = 1 in numbers and len(numbers) <= _SINGULAR_SPAN
            else:
                singular = i == 0
            source = msgid if singular else plural
            key = (msgctxt, source, plural, msgid)  # the facts of a form also depend on the other English
            shared = cache.get(key)
            if shared is None:
                shared = cache[key] = {}
            yield Context(
                path, entry.line, lang, rules, source, target, state, glossary, msgid, msgctxt, kind,
                active, ignored_terms, "", shared, flags, plural, i, numbers, markdown,
            )  # fmt: skip
            if state == UNTRANSLATED:
                break  # one "untranslated" finding per entry, not per plural form
