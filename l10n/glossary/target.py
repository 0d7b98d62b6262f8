"""Target side: is an approved rendering (or a forbidden one) in this translation?

Used by the QA checker ("source has SANA, target lacks سانا") and by MT enforcement.  The text is
normalised first (Arabic script: :mod:`l10n.glossary.arabic`; other scripts: Unicode NFC, optionally
accent folding) and matched case-insensitively at word boundaries; every span is mapped back to the
original text.

Other scripts, in brief: words of a rendering may be separated by any whitespace, a hyphen or quotation
marks; the last word may take a plural/inflection ending for the languages in :data:`SUFFIXES`
(takfiriste -> takfiristes, Innenministerium -> Innenministeriums); French, Italian and Catalan
elisions (l', d', dell') are accepted before a rendering.  Languages written without spaces (zh, ja,
th …) are matched without word boundaries.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from l10n.glossary.arabic import (
    ANY_PREFIX,
    ARABIC_SCRIPT_LANGS,
    CLITIC_LANGS,
    arabic_rendering_regex,
    normalize_arabic,
)
from l10n.glossary.model import Glossary, MatchOptions, SourceMatch, TargetMatch, Term, lang_key

__all__ = [
    "target_find",
    "target_has",
    "find_target_terms",
    "find_forbidden",
    "normalize_target",
    "normalize_latin",
    "SUFFIXES",
    "term_occurrences",
]

_DEFAULT = MatchOptions()

#: Optional endings on the last word of a rendering, per language (plural, German case endings).
SUFFIXES = {
    "en": "(?:e?s)?",
    "fr": "(?:s|x)?",
    "es": "(?:e?s)?",
    "pt": "(?:e?s)?",
    "ca": "s?",
    "de": "(?:e|em|en|er|es|n|s)?",
    "nl": "(?:s|en|n)?",
}
#: Elided articles and prepositions that attach to the next word with an apostrophe.
ELISIONS = {
    "fr": r"(?:(?:[ldjmnst]|qu|jusqu|lorsqu|puisqu)['’])?",
    "it": r"(?:(?:[ldn]|dell|dall|nell|sull|all|un|quell)['’])?",
    "ca": r"(?:(?:[ld])['’])?",
}
NO_SPACE_LANGS = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})
_SPLIT = re.compile(r"[\s\-\u2010\u2011]+")
_SEP = r"[\s\-\u2010\u2011«»\"“”„‹›]+"


def _base(lang: str) -> str:
    return lang_key(lang).split("_", 1)[0]


def normalize_latin(text: str, accent_insensitive: bool = False) -> tuple[str, tuple[int, ...]]:
    """NFC (or accent-stripped) *text* with an index map like :func:`normalize_arabic`'s."""
    if text.isascii() or (not accent_insensitive and unicodedata.is_normalized("NFC", text)):
        return text, tuple(range(len(text) + 1))
    out: list[str] = []
    index: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        if accent_insensitive:
            rep = "".join(c for c in unicodedata.normalize("NFD", cluster) if not unicodedata.combining(c))
        else:
            rep = unicodedata.normalize("NFC", cluster)
        out.append(rep)
        index.extend([i] * len(rep))
        i = j
    index.append(n)
    return "".join(out), tuple(index)


def normalize_target(
    text: str, lang: str, options: MatchOptions | None = None
) -> tuple[str, tuple[int, ...]]:
    """Normalise *text* the way renderings in *lang* are normalised before matching."""
    options = options or _DEFAULT
    if _base(lang) in ARABIC_SCRIPT_LANGS:
        return normalize_arabic(text, options)
    return normalize_latin(text, options.accent_insensitive)


def _escape(word: str) -> str:
    """re.escape, with ' and ’ interchangeable."""
    return "".join("['’]" if ch in "'’" else re.escape(ch) for ch in word)


def _latin_regex(rendering: str, lang: str, options: MatchOptions) -> tuple[str, str]:
    base = _base(lang)
    words = [normalize_latin(w, options.accent_insensitive)[0] for w in _SPLIT.split(rendering.strip()) if w]
    if not words:
        return "", "(?!)"
    parts = [_escape(w) for w in words]
    last = words[-1]
    if base in SUFFIXES and last.isalpha() and len(last) >= 3 and not last.isupper():
        parts[-1] += SUFFIXES[base]
    return ELISIONS.get(base, ""), _SEP.join(parts)


def _rendering_regex(rendering: str, lang: str, options: MatchOptions) -> tuple[str, str]:
    if _base(lang) in ARABIC_SCRIPT_LANGS:
        return arabic_rendering_regex(rendering, lang, options)
    return _latin_regex(rendering, lang, options)


@dataclass(frozen=True)
class _Matcher:
    """A compiled rendering set: *regex* is exact; *scout*, when present, is a cheaper superset.

    The exact regex gives every rendering its own prefix pattern, so the engine tries all of them at
    every word.  The scout shares one prefix pattern and groups renderings by first letter; it only
    finds positions worth trying, where the exact regex then decides.  Same results, several times
    faster on a full glossary.
    """

    regex: re.Pattern[str]
    groups: dict[str, tuple[Term, str]]
    scout: re.Pattern[str] | None = None
    #: For a large glossary: matchers over just the renderings a text can contain (:mod:`l10n.glossary.index`).
    subsets: object = None

    def for_text(self, norm: str) -> _Matcher:
        return self.subsets.for_text(norm) if self.subsets is not None else self  # type: ignore[attr-defined]


_SCOUT_MIN = 8  # below this many renderings the exact regex alone is as fast


def _normed(entries: list[tuple[Term, str]], lang: str, options: MatchOptions) -> list[tuple[str, Term, str]]:
    """(normalised key, term, rendering): first definition wins, longest rendering first."""
    normed: list[tuple[str, Term, str]] = []
    seen: set[str] = set()
    for term, rendering in entries:
        key = normalize_target(rendering, lang, options)[0].casefold()
        key = " ".join(key.split())
        if not key or key in seen:
            continue
        seen.add(key)
        normed.append((key, term, rendering))
    normed.sort(key=lambda e: -len(e[0]))
    return normed


def _compile(entries: list[tuple[Term, str]], lang: str, options: MatchOptions) -> _Matcher:
    """One regex over (term, rendering) pairs: longest rendering first, first definition wins."""
    return _build(_normed(entries, lang, options), lang, options)


def _build(normed: list[tuple[str, Term, str]], lang: str, options: MatchOptions) -> _Matcher:
    groups: dict[str, tuple[Term, str]] = {}
    alternatives: list[str] = []
    bodies: list[str] = []
    for n, (_key, term, rendering) in enumerate(normed):
        prefix, body = _rendering_regex(rendering, lang, options)
        if term.case_sensitive:
            body = _case_exact(body)
        groups[f"r{n}"] = (term, rendering)
        alternatives.append(f"(?P<r{n}>(?P<p{n}>{prefix}){body})")
        bodies.append(body)
    if not alternatives:
        return _Matcher(re.compile(r"(?!)"), groups)
    no_space = _base(lang) in NO_SPACE_LANGS
    regex = re.compile(_bounded("|".join(alternatives), no_space), re.IGNORECASE)
    scout = None
    if len(bodies) >= _SCOUT_MIN:
        scout = re.compile(_bounded(_scout_source(bodies, lang), no_space), re.IGNORECASE)
    return _Matcher(regex, groups, scout)


def _case_exact(body: str) -> str:
    """*body* matched case-sensitively except its first letter (sentence-initial capitals).

    A ``case_sensitive`` term means its renderings' case too: «SANA» is the agency, «sana» the Spanish
    adjective (healthy).  Scripts without case are unaffected.
    """
    first = body[:1]
    if not first.isalpha() or first.lower() == first.upper():
        return f"(?-i:{body})" if first.isalpha() else body
    return f"[{first.lower()}{first.upper()}](?-i:{body[1:]})"


def _bounded(source: str, no_space: bool) -> str:
    return f"(?:{source})" if no_space else rf"(?<!\w)(?:{source})(?!\w)"


def _scout_source(bodies: list[str], lang: str) -> str:
    """Any prefix the language allows, then the bodies grouped by first letter (longest first)."""
    base = _base(lang)
    prefix = ANY_PREFIX if base in CLITIC_LANGS else ELISIONS.get(base, "")
    by_letter: dict[str, list[str]] = {}
    other: list[str] = []
    for body in bodies:
        first = body[0]
        if first.isalpha() and len(first.lower()) == 1:
            by_letter.setdefault(first.lower(), []).append(body[1:])
        else:
            other.append(body)
    alts = [f"{re.escape(letter)}(?:{'|'.join(rests)})" for letter, rests in by_letter.items()] + other
    return prefix + "(?:" + "|".join(alts) + ")"


@functools.lru_cache(maxsize=4096)
def _term_matcher(term: Term, lang: str, options: MatchOptions) -> _Matcher:
    return _compile([(term, r) for r in term.renderings(lang)], lang, options)


def _literals(key: str, lang: str) -> list[str]:
    """Text every match of a rendering (normalised *key*) contains: its words, the first without an article
    (Arabic script: ``ال`` may become ``لل`` after a preposition)."""
    words = key.split()
    if words and _base(lang) in CLITIC_LANGS and words[0].startswith("ال"):
        words[0] = words[0][2:]
    return words


def _glossary_matcher(glossary: Glossary, lang: str, kind: str) -> _Matcher:
    key = ("target", kind, lang_key(lang))
    cached = glossary._cache.get(key)
    if cached is None:
        from l10n.glossary.index import paused_gc

        with paused_gc():
            if kind == "approved":
                entries = [(t, r) for t in glossary for r in t.renderings(lang)]
            else:
                entries = [(t, r) for t in glossary for r in t.forbidden_in(lang)]
            cached = _glossary_compile(entries, lang, glossary.options)
        glossary._cache[key] = cached
    return cached


def _glossary_compile(entries: list[tuple[Term, str]], lang: str, options: MatchOptions) -> _Matcher:
    """The whole alternation for a small glossary; for a large one, an index and per-text subsets."""
    from l10n.glossary.index import ARABIC_CLITICS, INDEX_MIN, SubsetMatchers

    normed = _normed(entries, lang, options)
    if len(normed) < INDEX_MIN or _base(lang) in NO_SPACE_LANGS:
        return _build(normed, lang, options)
    # never compile the whole alternation: each text gets a regex over the renderings it can hold
    clitics = ARABIC_CLITICS if _base(lang) in CLITIC_LANGS else ()
    subsets = SubsetMatchers(normed, [_literals(k, lang) for k, _, _ in normed],
                             lambda part: _build(part, lang, options), clitics=clitics)
    groups = {f"r{n}": (term, rendering) for n, (_, term, rendering) in enumerate(normed)}
    return _Matcher(re.compile(r"(?!)"), groups, None, subsets)


def _run(
    matcher: _Matcher, lang: str, text: str, options: MatchOptions, forbidden: bool
) -> list[TargetMatch]:
    if not matcher.groups:
        return []
    norm, index = normalize_target(text, lang, options)
    matcher = matcher.for_text(norm)
    out: list[TargetMatch] = []
    for m in _matches(matcher, norm):
        name = m.lastgroup or ""
        term, rendering = matcher.groups[name]
        start, end = index[m.start()], index[m.end()]
        pre_end = index[m.end("p" + name[1:])]
        out.append(
            TargetMatch(term, lang, start, end, text[start:end], rendering, text[start:pre_end], forbidden)
        )
    return out


def _matches(matcher: _Matcher, norm: str) -> Iterator[re.Match[str]]:
    """What ``matcher.regex.finditer(norm)`` yields, using the scout to skip hopeless positions."""
    if matcher.scout is None:
        yield from matcher.regex.finditer(norm)
        return
    pos = 0
    while (candidate := matcher.scout.search(norm, pos)) is not None:
        m = matcher.regex.match(norm, candidate.start())
        if m is None:
            pos = candidate.start() + 1
            continue
        yield m
        pos = max(m.end(), m.start() + 1)


def target_find(
    term: Term, lang: str, text: str, *, options: MatchOptions | None = None
) -> list[TargetMatch]:
    """Approved renderings of *term* in *text* (non-overlapping, longest first)."""
    options = options or _DEFAULT
    return _run(_term_matcher(term, lang_key(lang), options), lang, text, options, False)


def target_has(term: Term, lang: str, text: str, *, options: MatchOptions | None = None) -> bool:
    """Does *text* contain an approved rendering of *term* in *lang*?"""
    return bool(target_find(term, lang, text, options=options))


def find_target_terms(glossary: Glossary, lang: str, text: str) -> list[TargetMatch]:
    """Approved renderings of any glossary term in *text* (for "target mentions X, source does not")."""
    return _run(_glossary_matcher(glossary, lang, "approved"), lang, text, glossary.options, False)


def find_forbidden(glossary: Glossary, lang: str, text: str) -> list[TargetMatch]:
    """Forbidden renderings in *text*, except those inside an approved rendering.

    Bare «الدولة الإسلامية» is forbidden, but it is also part of the approved «تنظيم الدولة الإسلامية»:
    a forbidden span lying within an approved span (of any concept) is not reported.
    """
    hits = _run(_glossary_matcher(glossary, lang, "forbidden"), lang, text, glossary.options, True)
    if not hits:
        return []
    approved = find_target_terms(glossary, lang, text)
    return [h for h in hits if not any(a.start <= h.start and h.end <= a.end for a in approved)]


def term_occurrences(glossary: Glossary, lang: str, source: str, target: str) -> list[tuple[SourceMatch, bool]]:
    """Every glossary term occurrence of *source* outside protected spans, and whether *target* renders it.

    The one count of term success, shared by MT enforcement's summary and the check: per occurrence,
    not per term.  Occurrences of a term are matched in order against that term's approved renderings
    in the target (three "IS" need three renderings); a term with no rendering for *lang* is not counted.
    """
    from l10n.glossary.match import find_terms
    from l10n.spans import blank

    matches = [m for m in find_terms(glossary, blank(source)) if m.term.renderings(lang)]
    if not matches:
        return []
    masked = blank(target)
    found: dict[str, int] = {}
    seen: dict[str, int] = {}
    out: list[tuple[SourceMatch, bool]] = []
    for m in matches:
        term = m.term
        if term.id not in found:
            found[term.id] = len(target_find(term, lang, masked, options=glossary.options))
        seen[term.id] = seen.get(term.id, 0) + 1
        out.append((m, seen[term.id] <= found[term.id]))
    return out
