"""English left in a translation: a heuristic for engines that do not mark the words they could not translate.

Apertium marks them itself (``*vetting``; :func:`l10n.translate.apertium.strip_marks`), and that signal
is used when there is one.  For other engines, and for the check on any catalogue:

* a target written in another script (Arabic, Persian …): Latin-script words that are words of the
  source, other than glossary terms and do-not-translate forms, are English left in;
* a Latin-script target: a lower-case source word of four letters or more copied verbatim into the
  target, that looks English (an ending or a spelling the Romance languages and German do not use:
  ``-ing``, ``-ness``, ``-ship``, ``-ful``, ``th``, ``sh``, ``ck``, ``w``, ``ee``, ``oo``, ``-ed`` …).
  Words shared by both languages ("general", "hospital") are not reported: a missed word is better
  than a false alarm on every sentence.
"""

from __future__ import annotations

import re

from l10n.lang import Language

__all__ = ["english_left", "untranslated_words", "source_words", "english_looking"]

_WORD = re.compile(r"(?<![\w'’-])[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_ENGLISH = re.compile(
    r"(?:ing|ings|ness|ship|ful|less|ised|ized|ising|izing|ed|ly|ity|ities|ment|ments|ers)$"
    r"|th|sh|ck|w|ee|oo|ea|ou|ay|ey|igh|ph|y$",
    re.IGNORECASE,
)


def _allowed(glossary, lang: str) -> frozenset[str]:
    """Words of the glossary's English forms and *lang* renderings (cached on the immutable glossary)."""
    if glossary is None:
        return frozenset()
    key = ("english-left-allowed", lang)
    cached = glossary._cache.get(key)
    if cached is None:
        cached = glossary._cache[key] = _allowed_words(glossary, lang)
    return cached


def _allowed_words(glossary, lang: str) -> frozenset[str]:
    words: set[str] = set()
    for term in glossary:
        for text in (*term.forms, *term.renderings(lang)):
            for w in _WORD.findall(text):
                words.add(w.lower())
                words.update(part.lower() for part in w.split("-"))
    return frozenset(words)


def source_words(source: str) -> frozenset[str]:
    """The lower-cased words of a source sentence whose protected spans are already blanked."""
    return frozenset(w.lower() for w in _WORD.findall(source))


def english_looking(source: str) -> tuple[str, ...]:
    """The source words a Latin-script translation should not contain verbatim: lower-case, four letters
    or more, English-looking (see the module docstring).  *source* has its protected spans blanked."""
    return tuple(
        dict.fromkeys(
            w for w in _WORD.findall(source) if w[0].islower() and len(w) >= 4 and _ENGLISH.search(w.lower())
        )
    )


def english_left(
    source: str,
    target: str,
    language: Language,
    glossary=None,
    *,
    words: frozenset[str] | None = None,
    candidates: tuple[str, ...] | None = None,
) -> tuple[str, ...]:
    """Words of *source* that *target* (in *language*) seems to have left in English, in order.

    The check passes its already-masked texts, with the source's *words* (or, for a Latin-script target,
    its English-looking *candidates*) computed once per msgid.
    """
    from l10n.spans import blank

    if words is None and candidates is None:
        source, target = blank(source), blank(target)
    allowed = _allowed(glossary, language.code)
    if language.script == "Latn":
        if candidates is None:
            candidates = english_looking(source)
        low_target = target.lower()
        return tuple(
            w
            for w in candidates
            if w.lower() in low_target
            and w.lower() not in allowed
            and re.search(rf"(?<![\w'’-]){re.escape(w)}(?![\w'’-])", target, re.IGNORECASE)
        )
    if words is None:
        words = source_words(source)
    found: list[str] = []
    for word in _WORD.findall(target):
        low = word.lower()
        if low in words and low not in allowed and low not in found:
            found.append(low)
    return tuple(found)


def _is_name(word: str, source: str) -> bool:
    """Capitalised in the source where capitals are not grammar: mid-sentence, or before another capital."""
    for m in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", source):
        if not word[:1].isupper():
            return False
        before = source[: m.start()].rstrip()
        after = source[m.end() :].lstrip(" -")
        if before and before[-1] not in '.!?:“"«(':
            return True
        if after[:1].isupper():
            return True
    return False


def untranslated_words(words: tuple[str, ...], source: str, glossary, language: Language) -> tuple[str, ...]:
    """The engine's unknown *words* that are English left in, not names or glossary terms kept on purpose."""
    allowed = _allowed(glossary, language.code)
    return tuple(w for w in words if w.lower() not in allowed and not _is_name(w, source))
