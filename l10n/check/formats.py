"""Placeholders as the program reads them: the entry's ``*-format`` flag decides the syntax.

xgettext and Django mark each message with the syntax the program formats it with
(``python-format``, ``python-brace-format``, ``c-format``, ``qt-format``…); a message without a flag
(a sentence of a news article) is read with a conservative union of printf and brace syntax.  Each
placeholder is reduced to a :class:`Placeholder` with a *key* that says how the program binds it:
by name (``%(count)s``, ``{name}``), by explicit position (``%2$s``, ``{1}``, ``%1``), or by order of
appearance (``%s``, ``{}``), so a translation may reorder named and positional ones freely but not
the sequential ones — unless it switches to explicit positions (``%2$d %1$s`` for ``%s %d``, c-format).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["Placeholder", "syntax_of", "find_placeholders", "scan_placeholders", "placeholder_texts", "COUNT_NAMES"]

#: The flags that say which syntax a message uses; ``no-…-format`` switches one off.
_PRINTF_FLAGS = {"c-format", "python-format", "php-format", "perl-format", "objc-format", "sh-printf-format",
                 "gcc-internal-format", "gfc-internal-format", "awk-format", "object-pascal-format",
                 "lua-format", "javascript-format", "java-printf-format", "boost-format", "ycp-format"}  # fmt: skip
_BRACE_FLAGS = {"python-brace-format", "csharp-format", "rust-format", "kotlin-format", "cxx-format"}
_QT_FLAGS = {"qt-format", "kde-format", "qt-plural-format", "kde-kuit-format"}

#: printf as C and Python read it (flags include space and ', lengths h l ll q j z t L).
_PRINTF = re.compile(
    r"%(?:(?P<pos>\d+)\$|\((?P<name>[^()]*)\))?(?P<flags>[-+ #0']*)(?P<width>\d+|\*(?:\d+\$)?)?"
    r"(?:\.(?P<prec>\d+|\*(?:\d+\$)?))?(?P<len>hh|h|ll|l|L|q|j|z|Z|t|I64|I32|I)?(?P<conv>[diouxXeEfFgGaAcsrpnb%])"
)
#: Without a flag: no space or ' flag, so "50% of" and "100 % sure" are not placeholders.
_PRINTF_LOOSE = re.compile(
    r"%(?:(?P<pos>\d+)\$|\((?P<name>[A-Za-z_]\w*)\))?(?P<flags>[-+#0]?)(?P<width>\d+|\*)?"
    r"(?:\.(?P<prec>\d+))?(?P<len>)(?P<conv>[sdifuxXeEgGcr%])"
)
_BRACE = re.compile(r"\{\{|\}\}|\{(?P<field>[^{}!:\s]*)(?:![rsa])?(?::[^{}]*)?\}")
_BRACE_LOOSE = re.compile(r"\{\{|\}\}|\{\s*(?P<field>[A-Za-z_][\w.]*|\d+)?(?:![rsa])?(?::[^{}]*)?\s*\}")
_QT = re.compile(r"%(?P<pos>L?\d{1,2})")

#: Names programs give the count of a plural message (Django ``%(count)s``, ``%(num)d``, ``{n}``…).
COUNT_NAMES = frozenset({"count", "counter", "num", "number", "n", "cnt", "total", "total_count", "value", "amount",
                         "items", "quantity", "size", "days", "hours", "minutes", "seconds"})  # fmt: skip


class Placeholder(NamedTuple):
    """One placeholder: its text, span, and how the program binds it (a named tuple: the checks build
    one for each of 30,000 placeholders in Django's catalogues)."""

    start: int
    end: int
    text: str
    #: ``("name", "count")``, ``("pos", 2)`` or ``("seq", None)``: bound by name, position or order.
    kind: str
    ref: str | int | None
    #: What must stay the same when it moves: the conversion (``s``/``d``) for printf, '' for braces.
    conv: str

    @property
    def numeric(self) -> bool:
        return self.conv in ("d", "i", "u")


def syntax_of(flags: Sequence[str]) -> str:
    """``printf``, ``brace``, ``qt``, ``none`` (``no-…-format`` only) or ``loose`` (no flag)."""
    key = tuple(flags)
    hit = _SYNTAX.get(key)
    if hit is None:
        hit = _syntax_of(key)
        if len(_SYNTAX) < 4096:  # flag combinations are few; a hostile catalogue must not grow it for ever
            _SYNTAX[key] = hit
    return hit


_SYNTAX: dict[tuple[str, ...], str] = {}


def _syntax_of(flags: tuple[str, ...]) -> str:
    on = [f for f in flags if f.endswith("-format") and not f.startswith("no-")]
    for f in on:
        if f in _BRACE_FLAGS:
            return "brace"
        if f in _QT_FLAGS:
            return "qt"
        if f in _PRINTF_FLAGS:
            return "printf"
    if on:
        return "printf"
    if any(f.endswith("-format") for f in flags):
        return "none"
    return "loose"


def scan_placeholders(text: str, syntax: str) -> tuple[Placeholder, ...]:
    """The placeholders of *text* under *syntax* (see :func:`syntax_of`), in order; ``%%``/``{{`` skipped.

    >>> [p.text for p in find_placeholders("%(name)s has %d files, 100%% done", "printf")]
    ['%(name)s', '%d']
    >>> [(p.kind, p.ref) for p in find_placeholders("{} of {total}", "brace")]
    [('seq', None), ('name', 'total')]
    """
    out: list[Placeholder] = []
    if syntax in ("printf", "loose") and "%" in text:
        pattern = _PRINTF if syntax == "printf" else _PRINTF_LOOSE
        for m in pattern.finditer(text):
            conv = m.group("conv")
            if conv == "%":
                if m.end() - m.start() == 2:
                    continue  # %% is a literal percent sign
                if syntax == "loose":
                    continue
            if syntax == "loose" and m.start() > 0 and text[m.start() - 1] == "%":
                continue
            name, pos = m.group("name"), m.group("pos")
            if name is not None:
                out.append(Placeholder(m.start(), m.end(), m.group(), "name", name, conv))
            elif pos is not None:
                out.append(Placeholder(m.start(), m.end(), m.group(), "pos", int(pos), conv))
            else:
                out.append(Placeholder(m.start(), m.end(), m.group(), "seq", None, conv))
    if syntax in ("brace", "loose") and "{" in text:
        pattern = _BRACE if syntax == "brace" else _BRACE_LOOSE
        for m in pattern.finditer(text):
            if m.group() in ("{{", "}}"):
                continue
            field = (m.group("field") or "").strip()
            if syntax == "loose" and m.group().startswith("{{"):
                continue
            head = re.split(r"[.\[]", field, maxsplit=1)[0] if field else ""
            if not head:
                ph = Placeholder(m.start(), m.end(), m.group(), "seq", None, "")
            elif head.isdigit():
                ph = Placeholder(m.start(), m.end(), m.group(), "pos", int(head), "")
            else:
                ph = Placeholder(m.start(), m.end(), m.group(), "name", head, "")
            out.append(ph)
        if syntax == "loose":
            out.sort(key=lambda p: p.start)
    if syntax == "qt" and "%" in text:
        for m in _QT.finditer(text):
            out.append(Placeholder(m.start(), m.end(), m.group(), "pos", int(m.group("pos").lstrip("L")), ""))
    return tuple(out)


#: :func:`scan_placeholders` for texts met again and again (the source side of every language).
find_placeholders = functools.lru_cache(maxsize=8192)(scan_placeholders)


def _texts_only(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """*pattern* without its groups, so that ``findall`` gives whole matches."""
    return re.compile(re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern), pattern.flags)


_PRINTF_TEXTS = _texts_only(_PRINTF)
_BRACE_TEXTS = _texts_only(_BRACE)


def placeholder_texts(text: str, syntax: str) -> list[str] | None:
    """``[p.text for p in scan_placeholders(text, syntax)]`` for the ``printf`` and ``brace`` syntaxes
    in one ``findall`` (the common question: does the translation have the source's placeholders, in
    order?); None for the others, whose rules need :func:`scan_placeholders`."""
    if syntax == "printf":
        return [t for t in _PRINTF_TEXTS.findall(text) if t != "%%"] if "%" in text else []
    if syntax == "brace":
        return [t for t in _BRACE_TEXTS.findall(text) if t != "{{" and t != "}}"] if "{" in text else []
    return None
