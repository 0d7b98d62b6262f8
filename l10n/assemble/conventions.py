"""Locale conventions in translated text: punctuation, digits and dates, from CLDR through Babel.

Machine translation and hurried translators leave English conventions behind in otherwise good
Arabic: ``,`` for ``،``, ``13 December`` as «13 ديسمبر» where a Damascus paper writes «13 كانون الأول»,
Latin digits where the house style wants Arabic-Indic ones.  These pure functions fix that at build
time, without touching the catalogue.

* Punctuation: for languages written in Arabic script (CLDR likely script ``Arab``: ar, fa, ur, ps,
  ckb, sd …) ASCII ``,`` ``;`` ``?`` become ``،`` ``؛`` ``؟``, except between digits (``5,000``), inside
  URLs, code and other Markdown syntax, and in a sentence with no Arabic-script letter at all.
* Digits: the numbering system comes from CLDR (``ar`` → latn, ``ar_SY``/``ar_EG`` → arab, ``fa`` →
  arabext) unless the caller names one.  Babel formats numbers but does not transliterate digits in
  text, so :func:`convert_digits` does that, with the target system's group/decimal separators
  (``5,000`` → ``٥٬٠٠٠``).  Numbers inside Latin runs (``Branch 221``, ``F-16``, ``12 km``), URLs and
  code keep their digits: they are part of a Latin name, not Arabic prose.
* Dates: English date expressions are found in the *source* sentence (``13 December``,
  ``9 November 2025``, ``December 13, 2025``, ``late November``); where the translation holds the
  same date in some form (digits in any script, a month name in any variant of the language, or the
  English name left by MT), that expression is replaced by Babel's rendering for the target locale.

Only sentences that are translated (and differ from their source) are touched: fallback English stays
English, and an identity translation stays byte for byte identical.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, replace

from l10n.assemble.rtl import BIDI_CONTROLS, latin_runs, protected_spans
from l10n.errors import UsageError
from l10n.lang import DIGIT_CHOICES, script_of

__all__ = [
    "DIGIT_CHOICES",
    "DIGITS",
    "uses_arabic_punctuation",
    "localise_punctuation",
    "numbering_system",
    "convert_digits",
    "DateMention",
    "find_dates",
    "format_date_mention",
    "localise_dates",
    "localise_sentence",
    "localise_document",
]

DIGITS = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",  # U+0660… Arabic-Indic
    "arabext": "۰۱۲۳۴۵۶۷۸۹",  # U+06F0… Extended Arabic-Indic (Persian, Urdu)
}
_ANY_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_DIGIT_VALUE = {ch: i for table in DIGITS.values() for i, ch in enumerate(table)}
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_PUNCT = {",": "\u060c", ";": "\u061b", "?": "\u061f"}


# --------------------------------------------------------------------------- scripts


def uses_arabic_punctuation(code: str) -> bool:
    return script_of(code) == "Arab"


def _protected(text: str, markdown: bool) -> list[tuple[int, int]]:
    return [(a, b) for a, b, _k in protected_spans(text, markdown=markdown)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


# --------------------------------------------------------------------------- punctuation


def localise_punctuation(text: str, code: str, *, markdown: bool = True) -> str:
    """ASCII ``,`` ``;`` ``?`` → ``،`` ``؛`` ``؟`` in Arabic-script *text* (see the module docstring)."""
    if not uses_arabic_punctuation(code) or not _ARABIC_LETTER.search(text):
        return text
    if not any(ch in text for ch in _PUNCT):
        return text
    skip = _protected(text, markdown) + latin_runs(text, markdown=markdown)
    out = list(text)
    for i, ch in enumerate(text):
        if ch not in _PUNCT or _inside(i, skip):
            continue
        if ch == "," and 0 < i < len(text) - 1 and text[i - 1] in _DIGIT_VALUE and text[i + 1] in _DIGIT_VALUE:
            continue  # 5,000 / 3,5
        if not _next_to_arabic(text, i):
            continue  # between two Latin runs: Latin punctuation
        out[i] = _PUNCT[ch]
    return "".join(out)


_LETTER_BEFORE = re.compile(r"[^\W\d_](?=[^\w]*\Z)")


def _next_to_arabic(text: str, i: int) -> bool:
    """Is the nearest letter before or after position *i* an Arabic-script letter?"""
    before = _LETTER_BEFORE.search(text, 0, i)
    after = re.compile(r"[^\W\d_]").search(text, i + 1)
    return any(m is not None and _ARABIC_LETTER.match(m.group()) for m in (before, after))


# --------------------------------------------------------------------------- digits


def numbering_system(code: str, digits: str = "default") -> str:
    """The digit system to write numbers in: ``latn``, ``arab`` or ``arabext``.

    ``default``/``native`` ask CLDR (through Babel's ``Locale.default_numbering_system`` and
    ``other_numbering_systems``); systems we cannot transliterate to fall back to ``latn``.
    """
    if digits not in DIGIT_CHOICES:
        raise UsageError(f"unknown digits {digits!r}: choose one of {', '.join(DIGIT_CHOICES)}")
    if digits in DIGITS:
        return digits
    from babel import Locale

    locale = Locale.parse(code)
    system = locale.default_numbering_system
    if digits == "native":
        system = locale.other_numbering_systems.get("native", system)
    return system if system in DIGITS else "latn"


@functools.cache
def _symbols(code: str, system: str) -> tuple[str, str, str]:
    """(group, decimal, percent) of *code* in numbering *system* (CLDR), bidi marks removed."""
    from babel import Locale

    fallback = {"group": ",", "decimal": ".", "percentSign": "%"} if system == "latn" else {
        "group": "\u066c", "decimal": "\u066b", "percentSign": "\u066a"}
    symbols = Locale.parse(code).number_symbols.get(system) or {}

    def get(key: str) -> str:
        value = "".join(ch for ch in symbols.get(key, "") if ch not in BIDI_CONTROLS)
        return value or fallback[key]

    return get("group"), get("decimal"), get("percentSign")


_NUMBER = re.compile(
    rf"(?<![{_ANY_DIGIT}])[{_ANY_DIGIT}]+(?:[,.\u066b\u066c][{_ANY_DIGIT}]+)*(?P<pct>[%\u066a])?"
)


def convert_digits(text: str, system: str, code: str, *, markdown: bool = True) -> str:
    """Write the numbers of *text* in numbering *system* (``latn``/``arab``/``arabext``).

    Grouping and decimal separators follow: ASCII ``,`` before three digits and ``٬`` group, ``.`` and
    ``٫`` are decimal points; they become *code*'s symbols in *system* (Babel).  A number already
    written in Latin digits is left exactly as it is when *system* is ``latn``.  Numbers in URLs,
    code, Markdown syntax and Latin runs are never converted.
    """
    if system not in DIGITS:
        raise UsageError(f"unknown numbering system {system!r}")
    table = DIGITS[system]
    skip = _protected(text, markdown) + latin_runs(text, markdown=markdown)
    group, decimal, percent = _symbols(code, system)

    def convert(m: re.Match[str]) -> str:
        number = m.group(0)
        if _inside(m.start(), skip):
            return number
        if system == "latn" and all(ch in "0123456789,.%" for ch in number):
            return number
        out = []
        for k, ch in enumerate(number):
            if ch in _DIGIT_VALUE:
                out.append(table[_DIGIT_VALUE[ch]])
            elif ch in ",\u066c" or (ch == "." and _looks_grouped(number, k)):
                out.append(group)
            elif ch in ".\u066b":
                out.append(decimal)
            elif ch in "%\u066a":
                out.append(percent)
            else:
                out.append(ch)
        return "".join(out)

    return _NUMBER.sub(convert, text)


def _looks_grouped(number: str, k: int) -> bool:
    """A '.' in 1.234.567 (two or more dots, groups of three) is a group separator."""
    return number.count(".") > 1 and all(len(p) == 3 for p in number.split(".")[1:])


# --------------------------------------------------------------------------- dates

_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
               "Oct": 10, "Nov": 11, "Dec": 12}
_MONTH_BY_NAME = {name: i for i, name in enumerate(_MONTHS_EN, 1)} | _MONTH_ABBR
_EN_MONTH = "(?:" + "|".join(sorted(_MONTH_BY_NAME, key=len, reverse=True)) + r")\b\.?"
_ORD = r"(?:st|nd|rd|th)?"
#: English date shapes, most specific first; month names are capitalised in English, so "may" is not May.
_SOURCE_DATES = (
    re.compile(rf"\b(?P<day>[0-3]?[0-9]){_ORD}\s+(?:of\s+)?(?P<month>{_EN_MONTH})(?:,?\s+(?P<year>[12][0-9]{{3}})\b)?"),
    re.compile(rf"\b(?P<month>{_EN_MONTH})\s+(?P<day>[0-3]?[0-9]){_ORD}\b(?:,?\s+(?P<year>[12][0-9]{{3}})\b)?"),
    re.compile(rf"\b(?P<month>{_EN_MONTH})\s+(?P<year>[12][0-9]{{3}})\b"),
    re.compile(
        r"\b(?i:early|mid|late|in|since|until|till|by|from|during|last|next|this|of|before|after)[\s-]+"
        r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
    ),
)


@dataclass(frozen=True)
class DateMention:
    """A date written in an English sentence; *day* and *year* are None when not written."""

    start: int
    end: int
    month: int
    day: int | None = None
    year: int | None = None

    @property
    def date(self) -> datetime.date:
        return datetime.date(self.year or 2000, self.month, self.day or 1)  # 2000: a leap year


def find_dates(text: str) -> list[DateMention]:
    """English date expressions in *text* (day month [year], month day[, year], month year, month)."""
    found: list[DateMention] = []
    for pattern in _SOURCE_DATES:
        for m in pattern.finditer(text):
            g = m.groupdict()
            month = _MONTH_BY_NAME.get(g["month"].rstrip("."))
            if month is None:
                continue
            start, end = m.span() if g.get("day") or g.get("year") else m.span("month")
            if any(d.start < end and start < d.end for d in found):
                continue
            day, year = g.get("day"), g.get("year")
            mention = DateMention(start, end, month, int(day) if day else None, int(year) if year else None)
            try:
                mention.date  # noqa: B018 - checks the day against the month
            except ValueError:
                continue
            found.append(mention)
    return sorted(found, key=lambda d: d.start)


def format_date_mention(mention: DateMention, code: str, *, day: bool = True, year: bool = True) -> str:
    """Babel's rendering of *mention* in *code*, with as much as the mention (and the caller) has."""
    from babel.dates import format_date, format_skeleton

    has_day = day and mention.day is not None
    has_year = year and mention.year is not None
    d = mention.date
    if has_day and has_year:
        text = format_date(d, "long", locale=code)
    elif has_day:
        text = format_skeleton("MMMMd", d, locale=code)
    elif has_year:
        text = format_skeleton("yMMMM", d, locale=code)
    else:
        text = format_date(d, "MMMM", locale=code)
    return text


@functools.cache
def _month_names(code: str) -> tuple[tuple[str, ...], ...]:
    """For months 1-12: every name CLDR gives them in any locale of *code*'s language, and English."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    language = Locale.parse(code).language
    ids = [i for i in locale_identifiers() if i == language or i.startswith(language + "_")]
    names: list[set[str]] = [set() for _ in range(12)]
    for ident in [*ids, "en"]:
        try:
            months = Locale.parse(ident).months
        except Exception:  # noqa: BLE001
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for k, name in months.get(context, {}).get(width, {}).items():
                    name = "".join(ch for ch in name if ch not in BIDI_CONTROLS).strip()
                    if name and not name.isdigit() and len(name) > 1:
                        names[k - 1].add(name)
    for k, name in enumerate(_MONTHS_EN):
        names[k].add(name)
    return tuple(tuple(sorted(n, key=len, reverse=True)) for n in names)


def _number_alternatives(value: int, *, pad: bool) -> str:
    forms = []
    for table in DIGITS.values():
        s = "".join(table[int(c)] for c in str(value))
        forms.append(s)
        if pad and value < 10:
            forms.append(table[0] + s)
    return "(?:" + "|".join(forms) + ")"


def _target_patterns(mention: DateMention, code: str) -> list[re.Pattern[str]]:
    """Ways the translation may write *mention*: day and month either way round, year optional."""
    names = _month_names(code)[mention.month - 1]
    one = "(?:" + "|".join(re.escape(n) for n in names) + r")\.?"
    month = rf"(?P<month>{one}(?:\s*/\s*{one})?)"  # also «كانون الأول/ديسمبر»
    edge_l = rf"(?<![\w{_ANY_DIGIT}])"
    edge_r = rf"(?![\w{_ANY_DIGIT}])"
    sep = r"[\s\u00a0]+"
    year_tail = ""
    if mention.year is not None:
        year = _number_alternatives(mention.year, pad=False)
        year_tail = rf"(?:\s*[,\u060c]?{sep}(?:عام{sep}|سنة{sep})?(?P<year>{year}))?"
    bodies = []
    if mention.day is not None:
        day = rf"(?P<day>{_number_alternatives(mention.day, pad=True)})(?:st|nd|rd|th)?"
        bodies = [rf"{day}{sep}{month}{year_tail}", rf"{month}{sep}{day}{year_tail}"]
    else:
        bodies = [rf"{month}{year_tail}"]
    return [re.compile(rf"{edge_l}{body}{edge_r}", re.I) for body in bodies]


def localise_dates(source: str, target: str, code: str) -> str:
    """Re-render, the way Babel does for *code*, every date of *source* that *target* also holds.

    Pure: ``localise_dates("on 13 December", "في 13 ديسمبر", "ar_SY") == "في 13 كانون الأول"``.
    A date the translation does not contain (reworded, dropped) is left for the reviewer.
    """
    mentions = find_dates(source)
    if not mentions:
        return target
    taken: list[tuple[int, int]] = []
    edits: list[tuple[int, int, str]] = []
    for mention in mentions:
        candidates = [m for p in _target_patterns(mention, code) for m in p.finditer(target)]
        for m in sorted(candidates, key=lambda m: (m.start(), -m.end())):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            has_day = m.groupdict().get("day") is not None
            has_year = m.groupdict().get("year") is not None
            edits.append((m.start(), m.end(), format_date_mention(mention, code, day=has_day, year=has_year)))
            taken.append(m.span())
            break
    out = target
    for start, end, text in sorted(edits, reverse=True):
        out = out[:start] + text + out[end:]
    return out


# --------------------------------------------------------------------------- sentences and documents


def localise_sentence(source: str, target: str, code: str, *, system: str = "latn", markdown: bool = True) -> str:
    """Dates, then punctuation, then digits: the whole treatment of one translated sentence."""
    text = localise_dates(source, target, code)
    text = localise_punctuation(text, code, markdown=markdown)
    return convert_digits(text, system, code, markdown=markdown)


def localise_document(ldoc, *, digits: str = "default"):
    """A copy of *ldoc* whose translated sentences follow the target locale's conventions."""
    code = ldoc.language.code
    system = numbering_system(code, digits)
    blocks = []
    for lb in ldoc.blocks:
        segments = tuple(
            replace(s, target=localise_sentence(s.source, s.target, code, system=system))
            if s.status == "translated" and s.target != s.source
            else s
            for s in lb.segments
        )
        blocks.append(lb if segments == lb.segments else replace(lb, segments=segments))
    return replace(ldoc, blocks=tuple(blocks))
