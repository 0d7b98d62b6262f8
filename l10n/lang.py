"""Languages, from CLDR through Babel: validation, script direction, gettext plural forms."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from l10n.errors import UsageError

__all__ = [
    "Language",
    "get_language",
    "script_of",
    "plural_forms",
    "cldr_plural_index",
    "has_script_letters",
    "DIGIT_CHOICES",
]

#: Numbering systems an output may use (``--digits``): ``default`` = CLDR's default for the locale,
#: ``native`` = CLDR's native system (``ar`` → arab, ``ur`` → arabext), or one named.
DIGIT_CHOICES = ("default", "native", "latn", "arab", "arabext")

#: Order in which gettext plural indices are assigned to CLDR categories (same as Babel's).
PLURAL_TAGS = ("zero", "one", "two", "few", "many", "other")

#: Standard gettext expressions where Babel's own is wrong or awkward.  Arabic: python-babel #816.
_PLURAL_OVERRIDES = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
}

# CLDR operands other than n: for the integer counts gettext passes, i = n and v = w = f = t = c = e = 0.
_OPERANDS = re.compile(r"\b([ivwftce])\b")


@dataclass(frozen=True)
class Language:
    """A validated target (or source) language."""

    code: str  # gettext form: "ar", "ar_SY", "pt_BR"
    name: str  # English display name
    native_name: str
    rtl: bool
    plural_forms: str
    script: str = "Latn"  # ISO 15924 code of the language's usual script (CLDR likely subtags)

    @property
    def base(self) -> str:
        return self.code.split("_", 1)[0]


@functools.cache
def get_language(code: str) -> Language:
    """Validate *code* ("ar", "ar-SY", "ar_SY") against CLDR; raise :class:`UsageError` if unknown."""
    from babel import Locale, UnknownLocaleError

    raw = code.strip()
    if not raw or not re.fullmatch(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*", raw):
        raise UsageError(f"unknown language code {code!r}: expected an ISO 639 code such as 'ar' or 'ar_SY'")
    try:
        locale = Locale.parse(raw.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        hint = _closest_code(raw.replace("-", "_"))
        raise UsageError(
            f"unknown language code {code!r} (not in CLDR)" + (f": did you mean {hint!r}?" if hint else "")
        ) from exc
    return Language(
        code=str(locale),
        name=locale.get_display_name("en") or str(locale),
        native_name=locale.get_display_name() or str(locale),
        rtl=locale.character_order == "right-to-left",
        plural_forms=plural_forms(str(locale)),
        script=script_of(str(locale)),
    )


def _closest_code(code: str) -> str | None:
    """The CLDR locale code closest in spelling to *code* (``arr`` → ``ar``), if any is close."""
    import difflib

    from babel import localedata

    ids = localedata.locale_identifiers()
    lowered = {i.lower(): i for i in ids}
    found = difflib.get_close_matches(code.lower(), list(lowered), n=3, cutoff=0.6)
    return lowered[min(found, key=lambda f: (-difflib.SequenceMatcher(None, code.lower(), f).ratio(), len(f)))] if found else None


@functools.cache
def script_of(code: str) -> str:
    """The ISO 15924 script of a locale: explicit (``uz_Arab``) or CLDR's likely one (``ar`` → Arab,
    ``sr`` → Cyrl), else ``Latn``.  The one script resolver: direction-, punctuation- and
    "did MT translate?" decisions all ask it.

    >>> script_of("ar_SY"), script_of("fa"), script_of("uz_Arab"), script_of("fr")
    ('Arab', 'Arab', 'Arab', 'Latn')
    """
    from babel import Locale
    from babel.core import get_global

    locale = Locale.parse(code.replace("-", "_"))
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    for key in (str(locale), locale.language):
        found = likely.get(key)
        if found:
            for part in found.split("_")[1:]:
                if len(part) == 4 and part.isalpha():
                    return part.title()
    return "Latn"


#: Unicode character-name prefixes of the letters of a script (for "did MT translate at all?").
_SCRIPT_NAMES = {
    "Arab": ("ARABIC",),
    "Hebr": ("HEBREW",),
    "Cyrl": ("CYRILLIC",),
    "Grek": ("GREEK",),
    "Deva": ("DEVANAGARI",),
    "Beng": ("BENGALI",),
    "Thai": ("THAI",),
    "Hang": ("HANGUL",),
    "Kore": ("HANGUL",),
    "Hans": ("CJK",),
    "Hant": ("CJK",),
    "Jpan": ("CJK", "HIRAGANA", "KATAKANA"),
    "Ethi": ("ETHIOPIC",),
    "Geor": ("GEORGIAN",),
    "Armn": ("ARMENIAN",),
}


def has_script_letters(text: str, script: str) -> bool:
    """True when *text* holds at least one letter of *script* (always True for Latin: can't tell)."""
    import unicodedata

    prefixes = _SCRIPT_NAMES.get(script)
    if prefixes is None:
        return True
    return any(ch.isalpha() and unicodedata.name(ch, "").startswith(prefixes) for ch in text)


def plural_forms(code: str) -> str:
    """The ``Plural-Forms`` header value for *code*, valid for ``msgfmt --check`` and equal to CLDR."""
    from babel import Locale
    from babel.plural import to_gettext

    locale = Locale.parse(code)
    if locale.language in _PLURAL_OVERRIDES:
        return _PLURAL_OVERRIDES[locale.language]
    expr = to_gettext(locale.plural_form)
    expr = _OPERANDS.sub(lambda m: "n" if m.group(1) == "i" else "0", expr)
    return expr if expr.endswith(";") else expr + ";"


def cldr_plural_index(code: str, n: int) -> int:
    """The gettext plural index CLDR assigns to integer *n* (used to test :func:`plural_forms`)."""
    from babel import Locale

    rule = Locale.parse(code).plural_form
    tags = [t for t in PLURAL_TAGS if t in rule.tags or t == "other"]
    return tags.index(rule(n))
