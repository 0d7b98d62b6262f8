"""Source side: find glossary terms in English text.

One regular expression per glossary, compiled once and cached on the (immutable) glossary, because
this runs on every entry of every catalogue.  Each English form becomes one named alternative;
alternatives are ordered longest first, so at any position the longest form wins ("Syrian Arab News
Agency" before "Syrian", "US Congress" before "US"), and the scan is left to right without overlaps.

What a form matches (see docs/glossary.md):

* words separated by any run of spaces, line breaks or hyphens: "Deir ez-Zor" = "Deir ez Zor" =
  "Deir ez-\\nZor"; Markdown emphasis markers between words are skipped ("*Caesar* Act");
* each word may take an English plural ending (takfiris, Ministries, SDFs); possessives need nothing
  special, a match only has to end at a word boundary and ' / ’ are not word characters (SANA's);
* case-insensitive unless the term is ``case_sensitive`` ("IS" must never match "is").
"""

from __future__ import annotations

import re

from l10n.glossary.model import Glossary, SourceMatch, Term

__all__ = ["find_terms", "source_regex", "form_regex"]

_SPLIT = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")
#: Between words: optional emphasis markers around a run of whitespace and/or hyphens.
_SEP = r"[*_]*(?:\s+|\s*[\-\u2010\u2011\u2012\u2013]\s*)[*_]*"
_VOWELS = set("aeiouAEIOU")


def _word(word: str) -> str:
    """One word of a form, with its English plural if it looks like a word that has one."""
    esc = "".join("['’]" if ch in "'’" else re.escape(ch) for ch in word)
    if not word.isalpha() or len(word) < 2:
        return esc
    if word.isupper():  # acronym: SDFs, NGOs
        return esc + "s?"
    if len(word) < 3:  # al, ez, of: particles, not nouns
        return esc
    if len(word) >= 3 and word[-1] in "yY" and word[-2] not in _VOWELS:
        return re.escape(word[:-1]) + "(?:y|ies|Y|IES)"
    if word[-1] in "sxzSXZ" or word.endswith(("ch", "sh")):
        return esc + "(?:es)?"
    return esc + "(?:e?s)?"


def form_regex(form: str) -> str:
    """Regex source matching one English *form* (no boundaries, no case flag)."""
    words = [w for w in _SPLIT.split(form.strip()) if w]
    return _SEP.join(_word(w) for w in words)


def source_regex(glossary: Glossary) -> tuple[re.Pattern[str], dict[str, tuple[Term, str]]]:
    """The compiled source-side matcher for *glossary* and its group name -> (term, form) table."""
    cached = glossary._cache.get("source")
    if cached is None:
        cached = _compile(glossary)
        glossary._cache["source"] = cached
    return cached


def _entries(glossary: Glossary) -> list[tuple[str, Term]]:
    """(form, term) pairs: first definition of a form wins, longest form first."""
    entries: list[tuple[str, Term]] = []
    seen: set[tuple[str, bool]] = set()
    for term in glossary:
        for form in term.forms:
            key = (form if term.case_sensitive else form.casefold(), term.case_sensitive)
            if not form.strip() or key in seen:  # first definition wins; validate() reports the clash
                continue
            seen.add(key)
            entries.append((form, term))
    entries.sort(key=lambda e: -len(e[0]))
    return entries


def _literals(form: str) -> list[str]:
    """Text every match of *form* contains (its words; a "-y" word only up to the y, for "-ies")."""
    out = []
    for w in _SPLIT.split(form.strip()):
        if w and w.isalpha() and len(w) >= 3 and not w.isupper() and w[-1] in "yY" and w[-2] not in _VOWELS:
            w = w[:-1]
        out.append(w)
    return out


def _compile(glossary: Glossary) -> tuple[re.Pattern[str], dict[str, tuple[Term, str]]]:
    return _build(_entries(glossary))


def _build(entries: list[tuple[str, Term]]) -> tuple[re.Pattern[str], dict[str, tuple[Term, str]]]:
    # Alternatives are grouped by their first letter ("[Dd](?:amascus|eir ez…)") so that at each
    # position the engine tests a couple of dozen letters instead of every form: about 4x faster.
    # Case-sensitive forms share the group and re-check their first letter with a lookbehind.
    groups: dict[str, tuple[Term, str]] = {}
    by_letter: dict[str, list[str]] = {}
    other: list[str] = []
    for n, (form, term) in enumerate(entries):
        name = f"g{n}"
        groups[name] = (term, form)
        body = form_regex(form)
        first = form.strip()[0]
        if first.isalpha() and body.startswith(first) and len(first.lower()) == 1:
            rest = body[1:]
            rest = f"(?<={first}){rest}" if term.case_sensitive else f"(?i:{rest})"
            by_letter.setdefault(first.lower(), []).append(f"(?P<{name}>{rest})")
        else:
            other.append(f"(?P<{name}>{body})" if term.case_sensitive else f"(?P<{name}>(?i:{body}))")
    alternatives = [
        f"[{re.escape(letter)}{re.escape(letter.upper())}](?:{'|'.join(alts)})"
        if letter.upper() != letter and len(letter.upper()) == 1
        else f"{re.escape(letter)}(?:{'|'.join(alts)})"
        for letter, alts in by_letter.items()
    ] + other
    if not alternatives:
        return re.compile(r"(?!)"), groups
    pattern = r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"
    return re.compile(pattern), groups


def _indexed(glossary: Glossary):
    """For a large glossary, matchers over just the forms a text can contain (:mod:`l10n.glossary.index`)."""
    cached = glossary._cache.get("source-index")
    if cached is None:
        from l10n.glossary.index import INDEX_MIN, SubsetMatchers, paused_gc

        with paused_gc():
            entries = _entries(glossary)
            cached = SubsetMatchers(entries, [_literals(f) for f, _ in entries], _build) if len(entries) >= INDEX_MIN else False
        glossary._cache["source-index"] = cached
    return cached


def find_terms(glossary: Glossary, text: str) -> list[SourceMatch]:
    """Glossary terms in English *text*: non-overlapping, left to right, longest form first."""
    indexed = _indexed(glossary)
    regex, groups = indexed.for_text(text) if indexed else source_regex(glossary)
    out: list[SourceMatch] = []
    for m in regex.finditer(text):
        term, form = groups[m.lastgroup]  # type: ignore[index]
        out.append(SourceMatch(term, m.start(), m.end(), m.group(), form))
    return out
