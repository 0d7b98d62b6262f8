"""Which counts select each plural form of a catalogue: the facts the plural-aware checks need.

A plural entry is translated once per form, and a form is used for a set of counts: in Arabic
``msgstr[0]`` is said only for 0, ``msgstr[1]`` only for 1 and ``msgstr[2]`` only for 2, so «لا ملفات»,
«ملف واحد» and «ملفان» rightly leave the count out.  A form chosen for many counts must show it.  The
counts come from the catalogue's own ``Plural-Forms`` expression (what gettext will evaluate at run
time), evaluated on 0…1000; without a usable header, from CLDR's rules for the language (Babel).
"""

from __future__ import annotations

import functools
import re

__all__ = ["UPTO", "form_numbers", "plural_expression"]

#: Counts evaluated: enough for every CLDR rule (their moduli are 10 and 100) and more.
UPTO = 1000

_HEADER = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+)", re.IGNORECASE)


def plural_expression(header: str) -> str:
    """The ``Plural-Forms`` value in a catalogue header (the header entry's msgstr), or ''."""
    for line in header.split("\n"):
        if line.lower().startswith("plural-forms:"):
            return line.split(":", 1)[1].strip()
    return ""


def form_numbers(plural_forms: str, lang: str = "") -> tuple[frozenset[int], ...] | None:
    """For each plural index, the counts in 0…:data:`UPTO` that select it; None when unknown.

    >>> [sorted(f)[:3] for f in form_numbers("nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;")]
    [[1], [2], [0, 3, 4]]

    *plural_forms* is the header value; when it is empty or malformed, the rules CLDR gives *lang*.
    """
    usable, found = _header_numbers(plural_forms)
    if not usable and lang:
        return _language_numbers(lang)
    return found


@functools.lru_cache(maxsize=256)
def _header_numbers(plural_forms: str) -> tuple[bool, tuple[frozenset[int], ...] | None]:
    """Whether the header has a plural rule, and :func:`form_numbers` of it, worked out once per header
    text (not once per language: 116 languages in Django's catalogues share 27 headers)."""
    parsed = _compile(plural_forms)
    return parsed is not None, _numbers(parsed)


@functools.lru_cache(maxsize=256)
def _language_numbers(lang: str) -> tuple[frozenset[int], ...] | None:
    try:
        from l10n.lang import plural_forms as cldr_forms

        parsed = _compile(cldr_forms(lang.split("@", 1)[0]))
    except Exception:  # an unknown locale: no plural facts, the checks fall back to index order
        parsed = None
    return _numbers(parsed)


def _numbers(parsed) -> tuple[frozenset[int], ...] | None:
    if parsed is None:
        return None
    count, func = parsed
    sets: list[set[int]] = [set() for _ in range(count)]
    try:
        for n in range(UPTO + 1):
            index = int(func(n))
            if 0 <= index < count:
                sets[index].add(n)
    except (ArithmeticError, TypeError, ValueError, RecursionError):
        return None
    return tuple(frozenset(s) for s in sets)


def _compile(value: str):
    m = _HEADER.search(value or "")
    if not m:
        return None
    import gettext

    try:
        return int(m.group(1)), gettext.c2py(m.group(2).strip())
    except (ValueError, SyntaxError, RecursionError):
        return None
