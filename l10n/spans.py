"""Protected inline spans: the one definition of "what in a sentence is not prose".

Three stages need it and must agree: MT masking (:mod:`l10n.translate.protect`: an engine must not
translate a URL), the checks (:mod:`l10n.check.text`: a URL slug such as ``…/caesar-act`` is not a term
occurrence, a link target is compared as markup, not as words) and right-to-left output
(:mod:`l10n.assemble.rtl`: a URL is isolated whole).  When each had its own regular expressions they
disagreed: on ``[x](https://en.wikipedia.org/wiki/Palmyra_(city)) … www.sana.sy`` the MT mask cut the
link at the first ``)`` and the rest of the URL went through the engine.

Kinds, in the order they are tried at each position:

* ``code`` — a code span, any number of backticks;
* ``autolink`` — ``<https://…>`` and ``<user@host>``;
* ``dest`` — a link or image destination with its brackets, ``](url "title")`` (parentheses nested one
  level deep, as in Wikipedia URLs), or a reference label ``][label]``;
* ``html`` — an inline tag or comment;  ``entity`` — ``&amp;``, ``&#1234;``;  ``escape`` — ``\\*``;
* ``url`` — a bare URL (``http(s)://``, ``ftp://``, ``www.``), parentheses balanced, trailing
  punctuation excluded;  ``email`` — a bare e-mail address.

The Markdown kinds (everything but ``url`` and ``email``) are only looked for with ``markdown=True``.
Every function keeps offsets into the original text.
"""

from __future__ import annotations

import re

__all__ = [
    "Span",
    "URL_RE",
    "EMAIL_RE",
    "CODE_RE",
    "LINK_DEST_RE",
    "AUTOLINK_RE",
    "HTML_TAG_RE",
    "protected_spans",
    "find_urls",
    "inside",
    "blank",
    "MASK",
]

#: What :func:`blank` writes over a protected span: no pattern of ours matches it.
MASK = "\x00"

Span = tuple[int, int, str]

_URL_CHARS = r"[^\s<>\"'`«»“”()\[\]{}\x00\u2066-\u2069]"
#: A bare URL; one level of balanced parentheses is part of it (``…/Palmyra_(city)``).
URL_RE = re.compile(
    r"(?<![\w@/])(?:(?:https?|ftp)://|www\.)"
    + _URL_CHARS
    + r"+(?:\("
    + _URL_CHARS
    + r"*\)"
    + _URL_CHARS
    + r"*)*",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
#: Characters that end a sentence rather than a URL.
_URL_TRAIL = ".,;:!?،؛؟…*_'\"。，、；：！？"
CODE_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
#: ``](url)`` or ``](url "title")``; group 1 is the URL.  Parentheses nest one level deep.
LINK_DEST_RE = re.compile(
    r"\]\(\s*(<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
AUTOLINK_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)

_MARKDOWN = re.compile(
    r"(?P<code>(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`))"
    rf"|(?P<autolink>{AUTOLINK_RE.pattern})"
    rf"|(?P<dest>{LINK_DEST_RE.pattern}|\]\[[^\]]*\])"
    rf"|(?P<html>{HTML_TAG_RE.pattern})"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<escape>\\[!-/:-@\[-`{-~])",
    re.S,
)
_KINDS = ("code", "autolink", "dest", "html", "entity", "escape")
_HINT = re.compile(r"[`<\]&\\]|://|www\.|@", re.IGNORECASE)


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _URL_TRAIL:
        end -= 1
    return end


def find_urls(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Bare URLs and e-mail addresses in ``text[start:end]``, trailing punctuation excluded."""
    end = len(text) if end is None else end
    out: list[Span] = []
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return out
    for m in URL_RE.finditer(text, start, end):
        out.append((m.start(), _trim(text, m.start(), m.end()), "url"))
    for m in EMAIL_RE.finditer(text, start, end):
        if not any(s <= m.start() < e for s, e, _ in out):
            out.append((m.start(), _trim(text, m.start(), m.end()), "email"))
    out.sort()
    return out


def protected_spans(text: str, *, markdown: bool = True) -> list[Span]:
    """Spans of *text* that are not prose, as ``(start, end, kind)``: sorted, non-overlapping.

    >>> protected_spans("see [x](https://w.org/P_(city)) or www.sana.sy.")
    [(6, 31, 'dest'), (35, 46, 'url')]
    """
    if not _HINT.search(text):
        return []
    md: list[Span] = []
    if markdown and any(c in text for c in "`<]&\\"):
        for m in _MARKDOWN.finditer(text):
            kind = next(k for k in _KINDS if m.group(k) is not None)
            md.append((m.start(), m.end(), kind))
    out: list[Span] = []
    pos = 0
    for start, end, kind in [*md, (len(text), len(text), "")]:
        out.extend(find_urls(text, pos, start))
        if kind:
            out.append((start, end, kind))
        pos = end
    return out


def inside(spans: list[Span], start: int, end: int) -> bool:
    """Does ``[start, end)`` overlap any of *spans*?"""
    return any(a < end and start < b for a, b, _ in spans)


def blank(text: str) -> str:
    """*text* with its protected spans overwritten by :data:`MASK` (same length, offsets kept).

    What the glossary matchers, in MT and in the checks alike, must not look into: a URL slug such as
    ``…/caesar-act`` is not an occurrence of the Caesar Act.  A link destination keeps its ``]`` (the
    bracket check pairs it with ``[``); entities and escapes are prose and stay.
    """
    spans = [s for s in protected_spans(text) if s[2] not in ("entity", "escape")]
    if not spans:
        return text
    chars = list(text)
    for start, end, kind in spans:
        start += kind == "dest"
        chars[start:end] = MASK * (end - start)
    return "".join(chars)
