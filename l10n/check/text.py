"""Text helpers shared by the checks: every pattern is compiled once, here, at import.

Offsets matter (findings highlight a span of the msgstr), so nothing here changes a string's length:
:func:`mask` overwrites URLs, e-mail addresses, code spans, link targets, HTML tags and placeholders
with NUL characters, which no other pattern matches, so the numbers, Latin-letter and glossary checks
do not look inside them and the positions they report still index the original text.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from l10n.spans import CODE_RE, EMAIL_RE, HTML_TAG_RE, LINK_DEST_RE, URL_RE, blank
from l10n.spans import find_urls as _find_urls

__all__ = [
    "MASK",
    "mask",
    "URL_RE",
    "EMAIL_RE",
    "CODE_RE",
    "LINK_DEST_RE",
    "HTML_TAG_RE",
    "PLACEHOLDER_RE",
    "find_urls",
    "link_key",
    "ESCAPE_RE",
    "placeholders",
    "source_numbers",
    "target_numbers",
    "NumberToken",
    "same_numbers",
    "number_key",
    "match_numbers",
    "script_pattern",
    "LATIN_WORD_RE",
    "DIGITS",
    "ALL_DIGITS",
]

MASK = "\x00"

#: Every Unicode decimal digit (Arabic-Indic ٠-٩, Persian ۰-۹, Devanagari ०-९, Bengali, Thai, full-width…)
#: -> ASCII, so a translation may write its numbers in its own digits.
DIGITS = {
    cp: ord("0") + int(chr(cp)) for cp in range(0x10000) if chr(cp).isdecimal() and not chr(cp).isascii()
}
#: Every decimal digit character (the trigger of the numbers check).
ALL_DIGITS = frozenset("0123456789").union(map(chr, DIGITS))

#: HTML character references: "&#8212;" is a dash, not the number 8212.
ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
#: printf (``%s``, ``%(name)s``, ``%1$d``, ``%.2f``) and brace (``{name}``, ``{0}``, ``{}``, ``{0:>4}``)
#: placeholders.  No space flag in printf: "50% of" must not read as a placeholder.
PLACEHOLDER_RE = re.compile(
    r"(?<!%)%(?:\([A-Za-z_]\w*\)|\d+\$)?[-+#0]?(?:\d+|\*)?(?:\.\d+)?[sdifuxXeEgGcr]"
    r"|\{\{?\s*(?:[A-Za-z_][\w.]*|\d+)?(?:![rsa])?(?::[^{}]*)?\s*\}?\}"
)
#: Whether :func:`mask` has anything to do: "://", "www." (any case), "@", "`", "](", "<", "%", "{", "&"
#: or "\\" in the text.  Written to start with the set of their first characters, so the engine skips
#: to those in C (3x faster than the alternation, which it tries at every position).
_MASK_HINT = re.compile(r"[:wW@`\]<%{&\\](?:(?<=[@`<%{&\\])|(?<=:)(?=//)|(?<=[wW])(?=[wW]{2}\.)|(?<=\])(?=\())")


#: Closing single quotation marks: like ” and », punctuation after a URL, never its last character
#: (Dutch and English quote a URL as ‘https://…’).
_URL_CLOSERS = "’‘‚›"


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """Bare URLs and e-mail addresses as ``(start, end, text)``, trailing punctuation excluded.

    >>> find_urls("een schema, zoals ‘https://’ of ‘https://example.org’.")
    [(33, 52, 'https://example.org')]

    A scheme alone (‘https://’) is no URL: the ``urls`` check compares schemes apart.
    """
    out = []
    for start, end, _kind in _find_urls(text):
        while end > start and text[end - 1] in _URL_CLOSERS:
            end -= 1
        if not text.endswith("://", start, end):
            out.append((start, end, text[start:end]))
    return out


_SEGMENT_SPLIT = re.compile(r"([/?#])")


def link_key(url: str, lang: str) -> str:
    """*url* with path segments naming English or the target language left out, so the link to a
    project's localised documentation (``/en/5.2/`` → ``/fr/5.2/``, ``/en/master/`` → ``/pt-br/master/``)
    compares equal to the source's.

    >>> link_key("https://docs.djangoproject.com/fr/%(version)s/", "fr") == link_key(
    ...     "https://docs.djangoproject.com/en/%(version)s/", "fr")
    True
    """
    code = lang.split("@", 1)[0].replace("-", "_").lower()
    names = {"en", "en_us", "en_gb", code, code.split("_", 1)[0]}
    parts = _SEGMENT_SPLIT.split(url)
    kept = [p for p in parts if p.replace("-", "_").lower() not in names]
    return re.sub(r"/{2,}", "/", "".join(kept).replace("://", ":\x01")).replace(":\x01", "://")


#: A backslash escape written out literally (``\u201c``, ``\x41``, ``\012``): its digits are no number.
ESCAPE_RE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|[0-7]{3})")


def mask(text: str) -> str:
    """*text* with the protected spans (:func:`l10n.spans.blank`) and placeholders blanked."""
    if not _MASK_HINT.search(text):
        return text
    text = blank(text)
    # What the checks (not MT) must not read as numbers or words: entities ("&#8212;" is a dash),
    # written-out escapes ("\\u201c") and placeholders.  None of the three contains a character the
    # next one starts or ends with, so blanking one after the other is blanking all three at once
    # (compared on the 75,000 strings of Django's and Sphinx's catalogues: identical).
    if "&" in text:
        text = ENTITY_RE.sub(_masked, text)
    if "\\" in text:
        text = ESCAPE_RE.sub(_masked, text)
    if "%" in text or "{" in text:
        text = PLACEHOLDER_RE.sub(_masked, text)
    return text


def _masked(m: re.Match[str]) -> str:
    return MASK * (m.end() - m.start())


def placeholders(text: str) -> list[tuple[int, int, str]]:
    """printf and brace placeholders outside code spans, as ``(start, end, text)``."""
    if "%" not in text and "{" not in text:
        return []
    code = [m.span() for m in CODE_RE.finditer(text)] if "`" in text else []
    return [
        (m.start(), m.end(), m.group())
        for m in PLACEHOLDER_RE.finditer(text)
        if not any(s <= m.start() < e for s, e in code)
    ]


# --------------------------------------------------------------------------- numbers

# Each number pattern starts with the digit it consumes and looks behind it for a digit before (the
# same as a look-behind first): a pattern that starts with a character set lets the engine skip in C
# to the next digit instead of trying the whole pattern at every position (2x faster findall).
_D = "\\d"  # any decimal digit, in any script (re is Unicode-aware)
#: English source: "," groups thousands, "." is the decimal point.
_SOURCE_NUM = re.compile(rf"[0-9](?<![{_D}][0-9])[0-9]*(?:[,.][0-9]+)*")
#: Targets: also Arabic separators ٬ ٫, apostrophes (de-CH) and spaces before a group of exactly
#: three digits (fr "5 000", with NBSP or narrow NBSP too).
_SPACE_GROUP = rf"[ \u00a0\u202f\u2009](?=[{_D}]{{3}}(?![{_D}]))"
#: Persian writes the decimal mark as "/" between its own digits (۲/۵ for 2.5), a stand-in for ٫.
_AR_D = "\u0660-\u0669\u06f0-\u06f9"
_SLASH_DECIMAL = rf"(?<=[{_AR_D}])/(?=[{_AR_D}])"
_TARGET_NUM = re.compile(rf"[{_D}](?<![{_D}]{{2}})[{_D}]*(?:(?:[,.\u066b\u066c'’]|{_SLASH_DECIMAL}|{_SPACE_GROUP})[{_D}]+)*")
_SEP = re.compile(r"[^0-9]")
_ANY_DIGIT = re.compile(rf"[{_D}]")
_SPACES = frozenset(" \u00a0\u202f\u2009")


class NumberToken:
    """A number as written (``text``, span) and the values it may stand for (canonical strings)."""

    __slots__ = ("start", "end", "text", "values")

    def __init__(self, start: int, end: int, text: str, values: tuple[str, ...]) -> None:
        self.start, self.end, self.text, self.values = start, end, text, values

    def __repr__(self) -> str:
        return f"NumberToken({self.text!r}, {self.values})"


def _canonical(integer: str, fraction: str = "") -> str:
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


@functools.lru_cache(maxsize=8192)
def _interpret(token: str, groups: str, decimals: str) -> tuple[str, ...]:
    """Values of *token* (ASCII digits) under the given group and decimal separator characters.

    Remembered: the same numbers come back in every language of a msgid ("16,6" in French, Spanish and
    German) and across articles (years, small counts)."""
    return tuple(_readings(token, groups, decimals))


def _readings(token: str, groups: str, decimals: str) -> list[str]:
    parts = _SEP.split(token)
    seps = _SEP.findall(token)
    if not seps:
        return [_canonical(token)]
    values: list[str] = []

    def grouped(ps: list[str], ss: list[str]) -> bool:
        return (
            bool(ss)
            and 1 <= len(ps[0]) <= 3
            and all(len(p) == 3 for p in ps[1:])
            and all(s in groups for s in ss)
            and len(set(ss)) == 1
        )

    if grouped(parts, seps):
        values.append(_canonical("".join(parts)))
    if seps[-1] in decimals and (len(seps) == 1 or grouped(parts[:-1], seps[:-1])):
        values.append(_canonical("".join(parts[:-1]), parts[-1]))
    return values


def source_numbers(text: str) -> list[NumberToken]:
    """Numbers in English *text*: "5,000" is 5000, "2.5" is 2.5; "3.9.2024" stays as written."""
    out = []
    for m in _SOURCE_NUM.finditer(text):
        token = m.group()
        values = _interpret(token, ",", ".")
        if not values:  # versions, dates, IPs: compare literally
            values = [token]
        out.append(NumberToken(m.start(), m.end(), token, tuple(values)))
    return out


def target_numbers(text: str) -> list[NumberToken]:
    """Numbers in a translation, any digit shapes; each may have several readings ("5.000": 5000 or 5).

    Separators accepted: "," "٬" "." "'" "’" and spaces for thousands; "." "," "٫" for decimals, and
    "/" between Arabic-script digits (Persian ۲/۵).
    """
    if not _ANY_DIGIT.search(text):
        return []
    out = []
    for m in _TARGET_NUM.finditer(text):
        raw = m.group()
        token = raw.translate(DIGITS).replace("/", "\u066b")
        values = _interpret(token, ",.\u066c'’ \u00a0\u202f\u2009", ".,\u066b")
        if not values and any(ch in _SPACES for ch in token):
            # "2015 300" is two numbers, not a malformed one: split at the spaces and read each.
            pos = m.start()
            for piece in re.split(r"([ \u00a0\u202f\u2009])", raw):
                if piece and piece not in _SPACES:
                    ascii_piece = piece.translate(DIGITS)
                    vals = _interpret(ascii_piece, ",.\u066c'’", ".,\u066b") or [
                        ascii_piece.replace("\u066b", ".").replace("\u066c", ",")
                    ]
                    out.append(NumberToken(pos, pos + len(piece), piece, tuple(vals)))
                pos += len(piece)
            continue
        if not values:
            values = [token.replace("\u066b", ".").replace("\u066c", ",")]
        out.append(NumberToken(m.start(), m.end(), raw, tuple(values)))
    return out


_FAST_SOURCE = re.compile(r"[0-9](?<![0-9]{2})[0-9]*(?:[,.][0-9]+)*")
_FAST_TARGET = re.compile(rf"[{_D}](?<![{_D}]{{2}})[{_D}]*(?:[,.\u066b\u066c][{_D}]+)*")
_FAST_FOLD = str.maketrans({"\u066b": ".", "\u066c": ","})


def same_numbers(source: str, target: str, source_key: list[str] | None = None) -> bool:
    """True when the target writes exactly the source's numbers (digit shapes and Arabic separators
    aside): the common case, decided without interpreting anything.  False means "look closer".

    *source_key* is :func:`number_key` of *source* when the caller has it already (it is the same for
    every language of a msgid).

    >>> same_numbers("5,000 people in 2024", "٥٠٠٠ شخص في ٢٠٢٤")
    True
    """
    key = number_key(source) if source_key is None else source_key
    tgt = _FAST_TARGET.findall(target)
    if len(key) != len(tgt):
        return False
    if not key:
        return True
    if "".join(tgt).isascii():  # no digit shapes or Arabic separators to fold
        folded = [_plain(t) for t in tgt]
    else:
        folded = [_plain(t.translate(DIGITS).translate(_FAST_FOLD)) for t in tgt]
    folded.sort()
    return key == folded


def number_key(source: str) -> list[str]:
    """The numbers of an English *source* as :func:`same_numbers` compares them ("5,000" as 5000), sorted."""
    return sorted(map(_plain, _FAST_SOURCE.findall(source)))


_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


def _plain(token: str) -> str:
    """ "5,000" -> "5000" (one of the readings the full comparison would also accept)."""
    return token.replace(",", "") if "," in token and _GROUPED.fullmatch(token) else token


def match_numbers(
    source: list[NumberToken], target: list[NumberToken]
) -> tuple[list[NumberToken], list[NumberToken]]:
    """Pair target numbers with source numbers; return ``(missing_from_target, extra_in_target)``."""
    remaining: Counter[str] = Counter(tok.values[0] for tok in source)
    extra = []
    for tok in target:
        for value in tok.values:
            if remaining[value] > 0:
                remaining[value] -= 1
                break
        else:
            extra.append(tok)
    missing = []
    for tok in source:
        if remaining[tok.values[0]] > 0:
            remaining[tok.values[0]] -= 1
            missing.append(tok)
    return missing, extra


# --------------------------------------------------------------------------- scripts

_SCRIPTS = {
    "arabic": "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc",
    "hebrew": "\u05d0-\u05ea\u05f0-\u05f2\ufb1d-\ufb4f",
    "syriac": "\u0710-\u074f",
    "thaana": "\u0780-\u07a5",
    "nko": "\u07ca-\u07ea",
}
_LANG_SCRIPT = {"he": "hebrew", "yi": "hebrew", "iw": "hebrew", "syr": "syriac", "dv": "thaana", "nqo": "nko"}
LATIN_WORD_RE = re.compile(
    r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+"
    r"(?:['’.\-][A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+)*"
)
LETTER_RE = re.compile(r"[^\W\d_]")


def script_pattern(lang: str) -> re.Pattern[str]:
    """Letters of the script an RTL language is written in (Arabic script unless known otherwise)."""
    base = lang.replace("-", "_").split("_", 1)[0].lower()
    return re.compile(f"[{_SCRIPTS[_LANG_SCRIPT.get(base, 'arabic')]}]")
