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

__all__ = ["english_left", "untranslated_words"]

_WORD = re.compile(r"(?<![\w'’-])[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_ENGLISH = re.compile(
    r"(?:ing|ings|ness|ship|ful|less|ised|ized|ising|izing|ed|ly|ity|ities|ment|ments|ers)$"
    r"|th|sh|ck|w|ee|oo|ea|ou|ay|ey|igh|ph|y$",
    re.IGNORECASE,
)


def _allowed(glossary, lang: str) -> set[str]:
    if glossary is None:
        return set()
    words: set[str] = set()
    for term in glossary:
        for text in (*term.forms, *term.renderings(lang)):
            for w in _WORD.findall(text):
                words.add(w.lower())
                words.update(part.lower() for part in w.split("-"))
    return words


def english_left(source: str, target: str, language: Language, glossary=None) -> tuple[str, ...]:
    """Words of *source* that *target* (in *language*) seems to have left in English, in order."""
    from l10n.spans import blank

    source_words = {w.lower() for w in _WORD.findall(blank(source))}
    if not source_words:
        return ()
    allowed = _allowed(glossary, language.code)
    found: list[str] = []
    for word in _WORD.findall(blank(target)):
        low = word.lower()
        if low not in source_words or low in allowed or low in found:
            continue
        if language.script == "Latn" and (word[0].isupper() or len(word) < 4 or not _ENGLISH.search(low)):
            continue
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
