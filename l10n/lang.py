"""Languages, from CLDR through Babel: validation, script direction, gettext plural forms."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from l10n.errors import UsageError

__all__ = [
    "Language",
    "get_language",
    "script_of",
    "plural_forms",
    "cldr_plural_index",
    "RTL_SCRIPTS",
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

#: ISO 15924 scripts written right to left (Unicode's bidi class R/AL letters).
RTL_SCRIPTS = frozenset({
    "Adlm", "Arab", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr", "Hebr", "Hung", "Khar", "Lydi", "Mand",
    "Mani", "Mend", "Narb", "Nbat", "Nkoo", "Orkh", "Ougr", "Palm", "Phli", "Phlp", "Phnx", "Prti", "Rohg",
    "Samr", "Sarb", "Sogd", "Sogo", "Syrc", "Thaa", "Yezi",
})  # fmt: skip

# CLDR operands other than n: for the integer counts gettext passes, i = n and v = w = f = t = c = e = 0.
_OPERANDS = re.compile(r"\b([ivwftce])\b")


@dataclass(frozen=True)
class Language:
    """A validated target (or source) language."""

    code: str  # gettext form: "ar", "ar_SY", "pt_BR"
    script: str = "Latn"  # ISO 15924 code of the language's usual script (CLDR likely subtags)

    @property
    def base(self) -> str:
        return self.code.split("_", 1)[0]

    @property
    def rtl(self) -> bool:
        """Written right to left: CLDR's ``character_order`` is its script's direction for every one of
        its 1,147 locales (tests/test_lang.py compares them), so no locale file is read to know it."""
        return self.script in RTL_SCRIPTS

    @functools.cached_property
    def plural_forms(self) -> str:
        """The gettext ``Plural-Forms`` value CLDR gives the language (read from its locale file when
        first asked: ``check`` meets a hundred languages whose catalogues carry their own)."""
        return plural_forms(self.code)

    # The display names need the locale's whole merged CLDR data (and English's): only templates and
    # previews show them, so they are looked up when first asked for, not for every language ``check``
    # meets (119 in Django's catalogues: a tenth of its run).
    @functools.cached_property
    def name(self) -> str:
        """English display name ("Arabic (Syria)")."""
        from babel import Locale

        return Locale.parse(self.code).get_display_name("en") or self.code

    @functools.cached_property
    def native_name(self) -> str:
        from babel import Locale

        return Locale.parse(self.code).get_display_name() or self.code


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
    return Language(code=str(locale), script=script_of(str(locale)))


@functools.cache
def _unmerged(name: str) -> dict:
    """One CLDR locale file as Babel stores it, without what it inherits (not put in Babel's cache,
    where an unmerged dict would shadow the merged one other callers expect).

    Read for its plain facts (plural rules, character order): its date and number patterns are left
    as stand-ins, because unpickling the real ones imports ``babel.dates``, whose import asks pytz
    for the local time zone and so stats 600 zone files (a tenth of a ``check`` of 1,300 catalogues).
    """
    import pickle

    from babel import localedata

    class Reader(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if module in _PATTERN_MODULES:
                return _Pattern
            return super().find_class(module, name)

    with open(localedata.resolve_locale_filename(name), "rb") as f:
        return Reader(f).load()


_PATTERN_MODULES = frozenset({"babel.dates", "babel.numbers"})


class _Pattern:
    """A date or number pattern of a locale file, not read (see :func:`_unmerged`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __setstate__(self, state: object) -> None:
        pass


def _cldr_value(name: str, key: str, default: object = None) -> object:
    """*key* of locale *name*, looked up along its inheritance chain the way
    :func:`babel.localedata.load` merges it, but reading each file once and merging nothing: merging
    a locale onto a copy of ``root`` costs milliseconds, and ``check`` meets a hundred locales."""
    from babel import localedata
    from babel.core import get_global

    non_likely = getattr(localedata, "_is_non_likely_script", lambda _name: False)
    while True:
        data = _unmerged(name)
        if key in data:
            return data[key]
        if name == "root":
            return default
        parent = get_global("parent_exceptions").get(name)
        if not parent:
            parts = name.split("_")
            parent = "root" if non_likely(name) or len(parts) == 1 else "_".join(parts[:-1])
        name = parent


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
    from babel.plural import PluralRule, to_gettext

    locale = Locale.parse(code)
    if locale.language in _PLURAL_OVERRIDES:
        return _PLURAL_OVERRIDES[locale.language]
    rule = _cldr_value(str(locale), "plural_form")  # as Locale.plural_form, without merging the locale
    expr = to_gettext(rule if isinstance(rule, PluralRule) else locale.plural_form)
    expr = _OPERANDS.sub(lambda m: "n" if m.group(1) == "i" else "0", expr)
    return expr if expr.endswith(";") else expr + ";"


def cldr_plural_index(code: str, n: int) -> int:
    """The gettext plural index CLDR assigns to integer *n* (used to test :func:`plural_forms`)."""
    from babel import Locale

    rule = Locale.parse(code).plural_form
    tags = [t for t in PLURAL_TAGS if t in rule.tags or t == "other"]
    return tags.index(rule(n))
